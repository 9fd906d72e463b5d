//! Pure Rust, no web-sys: what the panel knows and decides, tested on the host.

pub mod access;
pub mod host;
