//! The one error type of the api layer: what went wrong on the way to
//! ThoughtSpot and back. It is `Clone` so that views can keep it in signals,
//! and it never holds the token.

use serde_json::Value;

/// ThoughtSpot's error code for "no access to this Org" (the token is scoped to
/// another Org, or the user is not in it). Not an expired token, whatever the status.
pub const NO_ORG_ACCESS: i64 = 13090;

/// Why a request got no answer the browser may read, once the panel has looked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NetCause {
    /// Not looked into.
    Unknown,
    /// Nothing answers at that address.
    Unreachable,
    /// The host answers, but its CORS allowlist does not include this page's origin.
    OriginRefused { origin: String },
    /// The host answered this page before, but this answer came without CORS
    /// headers: a gateway in front of ThoughtSpot does that for an expired
    /// token (401) or when ThoughtSpot is unavailable (502).
    GatewayNoCors,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// The request got no HTTP status the browser may read.
    Network { detail: String, cause: NetCause },
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
        /// `Retry-After` in seconds, when the server sent it (and CORS exposed it).
        retry_after_s: Option<u32>,
    },
    /// A success status with a body that is not what the API promises.
    Malformed { detail: String },
    /// Nothing was sent: no one is signed in.
    NotSignedIn,
}

const CORS_HOW: &str = "Develop > Customizations > Security settings > CORS whitelisted domains \
    (for all Orgs or this Org), or from 26.2.0.cl with POST \
    /api/rest/2.0/system/security-settings/configure";

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
            retry_after_s: None,
        }
    }

    pub fn network(detail: impl Into<String>) -> Self {
        ApiError::Network {
            detail: detail.into(),
            cause: NetCause::Unknown,
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Http { status, .. } => Some(*status),
            _ => None,
        }
    }

    pub fn code(&self) -> Option<i64> {
        match self {
            ApiError::Http { code, .. } => *code,
            _ => None,
        }
    }

    /// The token is missing, wrong or expired (or a gateway said so without
    /// CORS headers): a new one is needed.
    pub fn needs_new_token(&self) -> bool {
        match self {
            ApiError::Network { cause, .. } => *cause == NetCause::GatewayNoCors,
            _ => self.status() == Some(401) && !self.no_org_access(),
        }
    }

    /// ThoughtSpot said the token may not reach this Org.
    pub fn no_org_access(&self) -> bool {
        self.code() == Some(NO_ORG_ACCESS)
    }

    /// A 429: the server asks the client to slow down.
    pub fn too_many_requests(&self) -> bool {
        self.status() == Some(429)
    }

    pub fn retry_after_s(&self) -> Option<u32> {
        match self {
            ApiError::Http { retry_after_s, .. } => *retry_after_s,
            _ => None,
        }
    }

    /// One line for the admin.
    pub fn summary(&self) -> String {
        match self {
            ApiError::Network { cause, .. } => match cause {
                NetCause::Unknown => {
                    "Network or CORS error: the request got no answer the browser may read.".into()
                }
                NetCause::Unreachable => {
                    "The host did not answer: it is unreachable from this browser.".into()
                }
                NetCause::OriginRefused { origin } => format!(
                    "ThoughtSpot answered, but not to this page: its CORS allowlist does not include {origin}."
                ),
                NetCause::GatewayNoCors => "The server answered without CORS headers, as a gateway in front \
                     of ThoughtSpot does when the token has expired (401) or ThoughtSpot is unavailable (502)."
                    .into(),
            },
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
                    _ if *code == Some(NO_ORG_ACCESS) => "No access to this Org",
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
            ApiError::NotSignedIn => "Not signed in: connect first.".into(),
        }
    }

    /// What the admin can do about it, where there is something to say.
    pub fn hint(&self) -> Option<String> {
        Some(match self {
            ApiError::Network { cause, .. } => match cause {
                NetCause::Unknown => format!(
                    "Check the host. If it is right, add this panel's origin to ThoughtSpot's CORS \
                     allowlist ({CORS_HOW}), or serve the panel behind a proxy and leave the host empty."
                ),
                NetCause::Unreachable => "Check the host name and port, your network or VPN, and that \
                     ThoughtSpot is up."
                    .into(),
                NetCause::OriginRefused { origin } => format!(
                    "Add exactly {origin} (scheme and port included) under {CORS_HOW}. Or serve \
                     the panel behind a proxy on the ThoughtSpot host and leave the host empty."
                ),
                NetCause::GatewayNoCors => {
                    "Sign in again; your edits are kept. If it happens again at once, ThoughtSpot \
                     may be unavailable: try again later."
                        .into()
                }
            },
            ApiError::Timeout { .. } => "The server may be busy; try again.".into(),
            _ if self.no_org_access() => "The token is scoped to another Org, or your user is not in \
                 this Org. Use Switch to this Org in the Orgs table, or sign in to the Primary Org."
                .into(),
            ApiError::Http { status: 401, .. } => {
                "Enter a new token or sign in again; your edits are kept.".into()
            }
            ApiError::Http { status: 403, .. } => "Your privileges do not allow this call (the RBAC \
                 privileges APPLICATION_ADMINISTRATION, ORG_ADMINISTRATION, SYSTEM_INFO_ADMINISTRATION \
                 and CAN_MANAGE_WEBHOOKS count only where RBAC is enabled). The session bar lists what \
                 you may do."
                .into(),
            ApiError::Http { status: 404, .. } => "This ThoughtSpot may be too old for this API \
                 (10.14.0.cl or later), or the API is not enabled on it (ask ThoughtSpot Support)."
                .into(),
            ApiError::Http { status: 429, .. } => "ThoughtSpot is busy. Reads and saves are retried \
                 by themselves after a pause; try other actions again in a moment."
                .into(),
            _ => return None,
        })
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

/// So that a view can throw it to an `<ErrorBoundary>`.
impl std::error::Error for ApiError {}

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
                retry_after_s: None,
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
                    trace: None,
                    retry_after_s: None,
                },
                "{body}"
            );
            assert!(!e.needs_new_token());
        }
        let e = ApiError::from_response(401, r#"{"error":{"message":"Token expired"}}"#);
        assert!(e.needs_new_token());
        assert!(e.summary().ends_with("Token expired"), "{}", e.summary());
    }

    #[test]
    fn network_errors_explain_cors() {
        let e = ApiError::network("TypeError: Failed to fetch");
        assert!(e.summary().contains("CORS"));
        assert!(e.hint().unwrap().contains("allowlist"));
        assert_eq!(e.status(), None);
        assert!(!e.needs_new_token());
    }

    #[test]
    fn each_network_cause_says_what_to_do() {
        let cause = |c| ApiError::Network {
            detail: String::new(),
            cause: c,
        };
        let refused = cause(NetCause::OriginRefused {
            origin: "http://127.0.0.1:8080".into(),
        });
        assert!(refused.summary().contains("http://127.0.0.1:8080"));
        let hint = refused.hint().unwrap();
        assert!(hint.contains("Add exactly http://127.0.0.1:8080 (scheme and port included)"));
        assert!(hint.contains("security-settings/configure"));
        assert!(!refused.needs_new_token());
        let down = cause(NetCause::Unreachable);
        assert!(down.summary().contains("unreachable"));
        assert!(!down.needs_new_token());
        let gateway = cause(NetCause::GatewayNoCors);
        assert!(
            gateway.needs_new_token(),
            "a gateway 401 asks for a sign-in"
        );
        assert!(gateway.hint().unwrap().contains("edits are kept"));
    }

    #[test]
    fn no_access_to_an_org_is_not_an_expired_token() {
        let body =
            r#"{"error":{"message":{"code":13090,"debug":"User does not have access to org 7"}}}"#;
        for status in [401, 403] {
            let e = ApiError::from_response(status, body);
            assert!(e.no_org_access());
            assert!(!e.needs_new_token(), "{status}");
            assert!(
                e.summary().starts_with("No access to this Org"),
                "{}",
                e.summary()
            );
            assert!(e.hint().unwrap().contains("Switch to this Org"));
        }
    }
}
