//! The simulated cluster and the rules of its endpoints, written from the
//! REST v2 spec. No HTTP here: the handlers in `http::routes` parse a request,
//! call these, and send what they answer.
//!
//! Requests and answers are the `ts-wire` types wherever the demo means the
//! same thing as the panel; where it needs more (fields the panel ignores, the
//! event types of a newer server, what is kept between calls), its own types
//! here say why.

pub mod channels;
pub mod cluster;
pub mod deliveries;
pub mod history;
pub mod orgs;
pub mod prefs;
pub mod vocab;
pub mod webhook;
pub mod webhook_input;
pub mod webhooks;
