//! Pure Rust, no web-sys: what the panel knows and decides, tested on the host.

pub mod access;
pub mod conflict;
pub mod document;
pub mod draft;
pub mod host;
pub mod prefs;
pub mod prefset;
pub mod table;
pub mod webhook;
pub mod workfile;
