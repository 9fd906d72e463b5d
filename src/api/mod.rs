//! Talking to ThoughtSpot REST v2: wire types, the client, the error type.

pub mod client;
pub mod error;
pub mod webhook_wire;
pub mod wire;

pub use client::Client;
pub use error::ApiError;
