//! Talking to ThoughtSpot REST v2: typed calls (`wire`), the one transport
//! function (`client`), and the error type.

pub mod client;
pub mod error;
pub mod wire;

pub use client::Client;
pub use error::ApiError;
