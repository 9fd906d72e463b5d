//! Pure Rust, no web-sys: what the panel knows and decides, tested on the host.

pub mod access;
pub mod compare;
pub mod conflict;
pub mod csv;
pub mod deliveries;
pub mod document;
pub mod draft;
pub mod journal;
pub mod look;
pub mod org_view;
pub mod prefs;
pub mod prefset;
pub mod promote;
pub mod release;
pub mod route;
pub mod table;
pub mod url;
pub mod webhook;
pub mod workfile;
