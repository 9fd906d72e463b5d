//! Talking to ThoughtSpot REST v2: typed calls (`wire`), the one transport
//! function (`client`), and the error type.

pub mod client;
pub mod error;
/// The typed requests and answers (the `ts-wire` crate, shared with the demo server).
pub use ts_wire as wire;

pub use client::Client;
pub use error::ApiError;
