//! Pure Rust, no web-sys: what the panel knows and decides, tested on the host.

pub mod access;
pub mod conflict;
pub mod csv;
pub mod deliveries;
pub mod document;
pub mod draft;
pub mod journal;
pub mod org_view;
pub mod prefs;
pub mod prefset;
pub mod release;
pub mod route;
pub mod table;
pub mod url;
pub mod webhook;
pub mod workfile;
