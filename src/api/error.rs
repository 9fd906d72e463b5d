//! The one error type of the api layer. It is `Clone` so that views can keep it
//! in signals, and it never holds the token.

use serde_json::Value;

#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// The request got no HTTP status: the host is unreachable, or the browser
    /// refused the response because of CORS.
    Network { detail: String },
    /// No answer within the time limit; the request was aborted.
    Timeout { after_ms: u32 },
    /// The server answered with a non-success status.
    Http {
        status: u16,
        /// ThoughtSpot's error code (e.g. 10002), when the body carried one.
        code: Option<i64>,
        /// ThoughtSpot's `debug` text, when the body carried one.
        message: Option<String>,
        incident: Option<String>,
        trace: Option<String>,
    },
    /// A success status with a body that is not what the API promises.
    Malformed { detail: String },
    /// Refused before anything was sent.
    Invalid(String),
}

/// Text from a `debug` value: a plain string, or (from live clusters) a
/// JSON-encoded array of strings such as `"[\"…\"]"` or `"[null]"`.
fn debug_text(v: &Value) -> Option<String> {
    let s = v.as_str()?.trim();
    if s.starts_with('[') {
        if let Ok(items) = serde_json::from_str::<Vec<Value>>(s) {
            let parts: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            return (!parts.is_empty()).then(|| parts.join("; "));
        }
    }
    (!s.is_empty()).then(|| s.to_string())
}

fn str_field(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

impl ApiError {
    /// Builds the error for a non-success response from its status and body.
    /// Reads both ThoughtSpot shapes: `error.message.{code,debug,…}` (the spec)
    /// and `error.message.debug.{code,debug,…}` (live clusters); falls back to
    /// the status alone.
    pub fn from_response(status: u16, body: &str) -> Self {
        let parsed: Option<Value> = serde_json::from_str(body).ok();
        let message = parsed
            .as_ref()
            .and_then(|v| v.get("error"))
            .and_then(|e| e.get("message"));
        let inner = match message {
            Some(m) if m.get("debug").is_some_and(Value::is_object) => m.get("debug"),
            other => other,
        };
        let (code, text, incident, trace) = match inner {
            Some(i) if i.is_object() => (
                i.get("code").and_then(Value::as_i64),
                i.get("debug").and_then(debug_text),
                str_field(i, "incident_id_guid"),
                str_field(i, "trace_id_guid"),
            ),
            Some(i) => (None, debug_text(i), None, None),
            None => (None, None, None, None),
        };
        ApiError::Http {
            status,
            code,
            message: text,
            incident,
            trace,
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Http { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The token is missing, wrong or expired: a new one is needed.
    pub fn needs_new_token(&self) -> bool {
        self.status() == Some(401)
    }

    /// Worth trying the same request again without changing anything.
    pub fn is_retryable(&self) -> bool {
        match self {
            ApiError::Network { .. } | ApiError::Timeout { .. } | ApiError::Malformed { .. } => {
                true
            }
            ApiError::Http { status, .. } => *status >= 500 || *status == 429,
            ApiError::Invalid(_) => false,
        }
    }

    /// One line for the admin.
    pub fn summary(&self) -> String {
        match self {
            ApiError::Network { .. } => {
                "Network or CORS error: the request got no answer the browser may read.".into()
            }
            ApiError::Timeout { after_ms } => {
                format!(
                    "No answer within {} s; the request was cancelled.",
                    after_ms / 1000
                )
            }
            ApiError::Http {
                status,
                code,
                message,
                ..
            } => {
                let what = match status {
                    400 => "Bad request",
                    401 => "Not signed in or the token has expired",
                    403 => "Not allowed",
                    404 => "Not found",
                    415 => "Unsupported content type",
                    429 => "Too many requests",
                    500..=599 => "Server error",
                    _ => "Request failed",
                };
                let code = code.map(|c| format!(", code {c}")).unwrap_or_default();
                match message {
                    Some(m) => format!("{what} (HTTP {status}{code}): {m}"),
                    None => format!("{what} (HTTP {status}{code})."),
                }
            }
            ApiError::Malformed { detail } => {
                format!("The server's answer could not be read: {detail}")
            }
            ApiError::Invalid(m) => m.clone(),
        }
    }

    /// What the admin can do about it, where there is something to say.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            ApiError::Network { .. } => Some(
                "Check the host. If it is right, add this panel's origin to ThoughtSpot's CORS \
                 allowlist (Develop > Customizations > Security settings), or serve the panel \
                 behind a proxy and leave the host empty.",
            ),
            ApiError::Timeout { .. } => Some("The server may be busy; try again."),
            ApiError::Http { status: 401, .. } => {
                Some("Enter a new token or sign in again; your edits are kept.")
            }
            ApiError::Http { status: 403, .. } => Some(
                "This needs ADMINISTRATION (cluster default) or DEVELOPER privileges.",
            ),
            ApiError::Http { status: 404, .. } => Some(
                "This ThoughtSpot may be too old for this API (10.14.0.cl or later), or the API is not enabled.",
            ),
            _ => None,
        }
    }

    /// ThoughtSpot's incident and trace ids, for a support case.
    pub fn reference(&self) -> Option<String> {
        match self {
            ApiError::Http {
                incident: Some(i),
                trace,
                ..
            } => Some(match trace {
                Some(t) if t != i => format!("incident {i}, trace {t}"),
                _ => format!("incident {i}"),
            }),
            _ => None,
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.summary())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_spec_error_shape() {
        let body = r#"{"error":{"message":{"code":10002,"incident_id_guid":"a1","trace_id_guid":"t1","debug":"RESET operation requires reset_events to be specified."}}}"#;
        let e = ApiError::from_response(400, body);
        assert_eq!(
            e,
            ApiError::Http {
                status: 400,
                code: Some(10002),
                message: Some("RESET operation requires reset_events to be specified.".into()),
                incident: Some("a1".into()),
                trace: Some("t1".into()),
            }
        );
        assert_eq!(
            e.summary(),
            "Bad request (HTTP 400, code 10002): RESET operation requires reset_events to be specified."
        );
        assert_eq!(e.reference().as_deref(), Some("incident a1, trace t1"));
    }

    #[test]
    fn reads_the_live_nested_shape_with_an_encoded_array() {
        let body = r#"{"error":{"message":{"debug":{"code":10000,"incident_id_guid":"i","trace_id_guid":"tracing-disabled","debug":"[\"Org not found\",null]"}}}}"#;
        match ApiError::from_response(500, body) {
            ApiError::Http { code, message, .. } => {
                assert_eq!(code, Some(10000));
                assert_eq!(message.as_deref(), Some("Org not found"));
            }
            other => panic!("{other:?}"),
        }
        let null_only = r#"{"error":{"message":{"debug":{"code":10000,"debug":"[null]"}}}}"#;
        match ApiError::from_response(500, null_only) {
            ApiError::Http { code, message, .. } => {
                assert_eq!(code, Some(10000));
                assert_eq!(message, None);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn falls_back_to_the_status_for_other_bodies() {
        for body in [
            "",
            "<html>502 Bad Gateway</html>",
            "{}",
            r#"{"error":null}"#,
            "[1,2]",
        ] {
            let e = ApiError::from_response(502, body);
            assert_eq!(
                e,
                ApiError::Http {
                    status: 502,
                    code: None,
                    message: None,
                    incident: None,
                    trace: None
                },
                "{body}"
            );
            assert!(e.is_retryable());
        }
        let e = ApiError::from_response(401, r#"{"error":{"message":"Token expired"}}"#);
        assert!(e.needs_new_token());
        assert!(!e.is_retryable());
        assert!(e.summary().ends_with("Token expired"), "{}", e.summary());
    }

    #[test]
    fn network_errors_explain_cors() {
        let e = ApiError::Network {
            detail: "TypeError: Failed to fetch".into(),
        };
        assert!(e.summary().contains("CORS"));
        assert!(e.hint().unwrap().contains("allowlist"));
        assert_eq!(e.status(), None);
    }
}
