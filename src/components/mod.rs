//! The view: one file per part of the screen.

pub mod app;
pub mod channels;
pub mod cluster;
pub mod connect;
pub mod dialog;
pub mod error_note;
pub mod orgs;
pub mod review;
pub mod toasts;
pub mod webhooks;
pub mod work;
