//! The handlers of the API routes, one module per endpoint family. Each one
//! passes the checks of `http::gate`, applies the cluster's rules
//! (`domain`), and sends what they answer.

pub mod auth;
pub mod channels;
pub mod prefs;
pub mod system;
pub mod webhooks;
