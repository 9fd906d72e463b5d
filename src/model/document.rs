//! The panel's own JSON documents (saved work, preference sets) carry a
//! `format` and a `version`; reading one checks both and names any problem.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

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
    let doc: Value =
        serde_json::from_str(text).map_err(|e| format!("The file is not JSON ({e})."))?;
    let Some(header) = doc.as_object() else {
        return Err(format!(
            "The file is not {} (it is not a JSON object).",
            kind.what
        ));
    };
    match header.get("format").filter(|v| !v.is_null()) {
        Some(Value::String(f)) if f == kind.format => {}
        Some(Value::String(other)) => {
            return Err(format!(
                "The file is a {other:?} document, not {}.",
                kind.what
            ))
        }
        Some(other) => {
            return Err(format!(
                "The file is not {} (its \"format\" is {other}, not a name).",
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
    match header.get("version").filter(|v| !v.is_null()) {
        Some(v) if v.as_u64() == Some(u64::from(kind.version)) => {}
        Some(v @ Value::Number(_)) => {
            return Err(format!(
                "{} is version {v}; this panel reads version {}.",
                kind.subject, kind.version
            ))
        }
        Some(v) => {
            return Err(format!(
                "{} has a version that is not a number ({v}).",
                kind.subject
            ))
        }
        None => return Err(format!("{} has no version.", kind.subject)),
    }
    serde_json::from_value(doc).map_err(|e| format!("{} is damaged: {e}.", kind.subject))
}

#[cfg(test)]
mod tests {
    use crate::model::document::Document;
    use crate::model::workfile::WorkFile;

    #[test]
    fn a_mistyped_header_is_named_as_such() {
        let e = |t: &str| WorkFile::parse(t).unwrap_err();
        assert_eq!(
            e("not json")
                .split(' ')
                .take(5)
                .collect::<Vec<_>>()
                .join(" "),
            "The file is not JSON"
        );
        assert_eq!(
            e("[1]"),
            "The file is not saved work of this panel (it is not a JSON object)."
        );
        assert_eq!(
            e(r#"{"format":"LIVEBOARD_SCHEDULE","version":0.0}"#),
            "The file is a \"LIVEBOARD_SCHEDULE\" document, not saved work of this panel."
        );
        assert_eq!(
            e(r#"{"format":5,"version":1}"#),
            "The file is not saved work of this panel (its \"format\" is 5, not a name)."
        );
        assert_eq!(
            e(r#"{"format":"ts-channels-panel/work","version":"1"}"#),
            "The file has a version that is not a number (\"1\")."
        );
        assert_eq!(
            e(r#"{"format":"ts-channels-panel/work","version":1.5}"#),
            "The file is version 1.5; this panel reads version 1."
        );
    }
}
