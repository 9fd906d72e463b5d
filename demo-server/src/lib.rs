//! A ThoughtSpot-compatible REST v2 server for the panel's demo and end-to-end
//! tests: communication-channel preferences, webhooks, auth and Orgs, answered
//! as a strict cluster of a chosen release would, with fault injection.

pub mod access;
pub mod cluster;
pub mod cors;
pub mod deliveries;
pub mod framing;
pub mod http;
pub mod seed;
pub mod spec;
pub mod webhooks;
