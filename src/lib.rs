//! An admin panel for ThoughtSpot communication-channel preferences.
//!
//! Layers, one direction: `api` (wire types, HTTP) → `model` (pure, tested on
//! the host) → `state` (reactive) → `components` (view).

pub mod api;
pub mod components;
pub mod model;
pub mod perf;
pub mod state;

pub use components::app::App;
