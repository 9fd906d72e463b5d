//! Typed requests and answers of every ThoughtSpot REST v2 call the panel
//! makes (and the demo server answers), faithful to the official OpenAPI spec: absent fields are omitted
//! (never `null` where the spec does not allow it), enums where the spec has
//! enums. Event types and channels stay strings so that values a newer server
//! sends survive a round trip.

pub mod auth;
pub mod deliveries;
pub mod prefs;
pub mod system;
pub mod webhook_answers;
pub mod webhook_values;
pub mod webhooks;

pub use auth::*;
pub use deliveries::*;
pub use prefs::*;
pub use system::*;
pub use webhook_answers::*;
pub use webhooks::*;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};

pub const LIVEBOARD_SCHEDULE: &str = "LIVEBOARD_SCHEDULE";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

/// One call: its request body (the struct itself; nothing for a GET), where it
/// goes, and what a success answers.
pub trait Call: Serialize {
    /// What a success carries; `()` for a 204 with no body.
    type Answer: DeserializeOwned;
    const METHOD: Method = Method::Post;
    /// The path under `/api/rest/2.0`, as the spec writes it (with `{placeholders}`).
    const PATH: &'static str;
    /// Safe to send again after a 429 "too many requests": it changes nothing
    /// more the second time. Creating and deleting are not.
    const IDEMPOTENT: bool;
    /// Changes what the server holds: once sent, it is never aborted because
    /// the view or cluster that sent it went (its answer is still read).
    const WRITES: bool = false;
    /// A `performance.mark` set when the answer arrives (for the benchmark).
    const MARK: Option<&'static str> = None;

    /// The path with its placeholders filled in.
    fn path(&self) -> String {
        Self::PATH.to_string()
    }
}

/// What a GET with no parameters answers, and where it is.
pub trait Resource: DeserializeOwned {
    const PATH: &'static str;
}

/// A GET with no parameters (no body): the answer's type says where it goes.
pub struct Get<A>(std::marker::PhantomData<A>);

impl<A> Get<A> {
    pub const fn new() -> Self {
        Get(std::marker::PhantomData)
    }
}

impl<A> Default for Get<A> {
    fn default() -> Self {
        Self::new()
    }
}

impl<A> Serialize for Get<A> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_unit()
    }
}

impl<A: Resource> Call for Get<A> {
    type Answer = A;
    const METHOD: Method = Method::Get;
    const PATH: &'static str = A::PATH;
    const IDEMPOTENT: bool = true;
}

/// A field the spec makes nullable but gives a default: absent or null, it
/// reads as that default (with `#[serde(default)]` for the absent case).
pub(crate) fn or_default<'de, D: Deserializer<'de>, T: Deserialize<'de> + Default>(
    d: D,
) -> Result<T, D::Error> {
    Option::<T>::deserialize(d).map(Option::unwrap_or_default)
}

/// A path segment with everything but unreserved characters percent-encoded.
pub fn encode_path(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(HEX[usize::from(b >> 4)] as char);
                out.push(HEX[usize::from(b & 15)] as char);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::encode_path;

    #[test]
    fn path_segments_are_percent_encoded() {
        assert_eq!(encode_path("a b/c?d"), "a%20b%2Fc%3Fd");
        assert_eq!(encode_path("Ops-1_x.~"), "Ops-1_x.~");
        assert_eq!(encode_path("é"), "%C3%A9");
    }
}
