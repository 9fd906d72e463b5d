//! The words of the cluster: event types, channels, and an Org's status and
//! visibility. The wire crate keeps event types and channels as strings (so
//! that the panel survives values a newer server sends); the cluster keeps
//! them as enums, so that it holds only what the server it imitates knows.
//! Request validation (`spec`) lets the words only a newer server knows
//! through only while the `newer_server` fault is on.

use crate::refusal::Refusal;
use serde::de::{value::Error, IntoDeserializer};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An event type.
#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EventType {
    LIVEBOARD_SCHEDULE,
    /// Known only to a server newer than the vendored spec.
    ALERT_DIGEST,
}

impl EventType {
    /// Whether only a server newer than the vendored spec knows this event type.
    pub fn newer_only(self) -> bool {
        matches!(self, EventType::ALERT_DIGEST)
    }

    /// The spec's name for it.
    pub fn name(self) -> &'static str {
        match self {
            EventType::LIVEBOARD_SCHEDULE => "LIVEBOARD_SCHEDULE",
            EventType::ALERT_DIGEST => "ALERT_DIGEST",
        }
    }
}

/// A communication channel.
#[allow(clippy::upper_case_acronyms)]
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Channel {
    EMAIL,
    WEBHOOK,
    /// Known only to a server newer than the vendored spec.
    SLACK,
}

impl Channel {
    /// Whether only a server newer than the vendored spec knows this channel.
    pub fn newer_only(self) -> bool {
        matches!(self, Channel::SLACK)
    }

    /// The spec's name for it.
    pub fn name(self) -> &'static str {
        match self {
            Channel::EMAIL => "EMAIL",
            Channel::WEBHOOK => "WEBHOOK",
            Channel::SLACK => "SLACK",
        }
    }
}

#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrgStatus {
    ACTIVE,
    IN_ACTIVE,
}

impl OrgStatus {
    /// The spec's name for it.
    pub fn name(self) -> &'static str {
        match self {
            OrgStatus::ACTIVE => "ACTIVE",
            OrgStatus::IN_ACTIVE => "IN_ACTIVE",
        }
    }
}

#[allow(clippy::upper_case_acronyms)]
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrgVisibility {
    SHOW,
    HIDDEN,
}

/// Channels per event type. An absent key means "not configured".
pub type Preferences = BTreeMap<EventType, Vec<Channel>>;

/// A name from a request as one of the cluster's words. Request validation
/// has refused every name the imitated server does not know, so this fails
/// only for a name the demo has no word for; it is then a bad request, as any
/// body that does not parse.
pub fn word<T: for<'de> Deserialize<'de>>(name: &str) -> Result<T, Refusal> {
    T::deserialize(IntoDeserializer::<Error>::into_deserializer(name))
        .map_err(|e| Refusal::bad(format!("Invalid request body: {e}")))
}

/// Every name of a list, as with [`word`].
pub fn words<T: for<'de> Deserialize<'de>>(names: &[String]) -> Result<Vec<T>, Refusal> {
    names.iter().map(|n| word(n)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back_as_the_same_words() {
        for e in [EventType::LIVEBOARD_SCHEDULE, EventType::ALERT_DIGEST] {
            assert_eq!(word::<EventType>(e.name()), Ok(e));
        }
        for c in [Channel::EMAIL, Channel::WEBHOOK, Channel::SLACK] {
            assert_eq!(word::<Channel>(c.name()), Ok(c));
        }
        assert_eq!(
            word::<OrgStatus>(OrgStatus::IN_ACTIVE.name()),
            Ok(OrgStatus::IN_ACTIVE)
        );
        assert!(matches!(
            word::<Channel>("SMS"),
            Err(Refusal::BadRequest(_))
        ));
    }
}
