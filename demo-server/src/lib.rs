//! A ThoughtSpot-compatible REST v2 server for the panel's demo and end-to-end
//! tests: communication-channel preferences, webhooks, auth and Orgs, answered
//! as a strict cluster of a chosen release would, with fault injection.
//!
//! - `domain`: the cluster and the rules of its endpoints (no HTTP);
//! - `http`: routes, the checks each call passes, errors, CORS, fault injection;
//! - `spec`: the vendored schemas every request is checked against;
//! - `access`: privileges and the Org a token is scoped to;
//! - `faults`: the switches of `/__demo/faults`;
//! - `seed`: the two demo clusters (`--variant first|second`) and their users;
//! - `framing`: the panel's own headers when the server serves its files.

pub mod access;
pub mod clock;
pub mod domain;
pub mod faults;
pub mod framing;
pub mod http;
pub mod refusal;
pub mod seed;
pub mod spec;
