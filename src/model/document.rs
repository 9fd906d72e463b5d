//! The panel's own JSON documents (saved work, preference sets) carry a
//! `format` and a `version`; reading one checks both and names any problem.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// One of the panel's documents: written as JSON, read back with its format
/// and version checked.
pub trait Document: Serialize + DeserializeOwned {
    const KIND: Kind;

    fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a document, with a message that names the problem.
    fn parse(text: &str) -> Result<Self, String> {
        read(text, &Self::KIND)
    }
}

/// What a document is called in messages.
pub struct Kind {
    pub format: &'static str,
    pub version: u32,
    /// "saved work of this panel", "a preference set".
    pub what: &'static str,
    /// "The file", "The preference set".
    pub subject: &'static str,
}

pub fn read<T: DeserializeOwned>(text: &str, kind: &Kind) -> Result<T, String> {
    #[derive(Deserialize)]
    struct Header {
        format: Option<String>,
        version: Option<u64>,
    }
    let h: Header =
        serde_json::from_str(text).map_err(|e| format!("The file is not JSON ({e})."))?;
    match h.format.as_deref() {
        Some(f) if f == kind.format => {}
        Some(other) => {
            return Err(format!(
                "The file is a {other:?} document, not {}.",
                kind.what
            ))
        }
        None => {
            return Err(format!(
                "The file is not {} (it has no \"format\").",
                kind.what
            ))
        }
    }
    match h.version {
        Some(v) if v == u64::from(kind.version) => {}
        Some(v) => {
            return Err(format!(
                "{} is version {v}; this panel reads version {}.",
                kind.subject, kind.version
            ))
        }
        None => return Err(format!("{} has no version.", kind.subject)),
    }
    serde_json::from_str(text).map_err(|e| format!("{} is damaged: {e}.", kind.subject))
}
