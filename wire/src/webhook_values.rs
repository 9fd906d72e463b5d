//! Values webhook requests and answers share: a webhook's status and a
//! key/value pair (headers).

use serde::{Deserialize, Serialize};

/// A webhook's status (26.7.0.cl). Answers may carry a value this panel does
/// not know: it reads as `Other`.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    Enabled,
    Disabled,
    #[serde(other, skip_serializing)]
    Other,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::Enabled => "ENABLED",
            Status::Disabled => "DISABLED",
            Status::Other => "OTHER",
        }
    }
}

/// A header of a webhook's deliveries.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct KeyValue {
    pub key: String,
    pub value: String,
}
