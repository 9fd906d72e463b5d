//! The view: one file per part of the screen.

pub mod app;
pub mod connect;
pub mod error_note;
