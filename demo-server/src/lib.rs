//! A ThoughtSpot-compatible REST v2 server for the panel's demo and end-to-end
//! tests: communication-channel preferences, auth and Orgs, with fault injection.

pub mod cluster;
pub mod http;
pub mod seed;
pub mod webhooks;
