//! One endpoint of the vendored table: its compiled request and response
//! validators, and the checks a request and an answer go through for the
//! release being imitated.

use super::release::Release;
use super::schemas::Schemas;
use jsonschema::Validator;
use serde_json::Value;
use std::sync::Arc;

/// One row of the vendored endpoint table, with its compiled validators.
pub struct Endpoint {
    /// `GET` or `POST`.
    pub method: String,
    /// The path as the spec writes it, e.g. `/api/rest/2.0/webhooks/{webhook_identifier}/update`.
    pub path: String,
    pub operation_id: String,
    /// The release that added the endpoint.
    pub since: Release,
    /// The status of a successful answer.
    pub success: u16,
    pub(super) request: Option<(String, Validator)>,
    pub(super) response: Option<(Value, Validator)>,
    /// The definitions of the spec this row belongs to (the vendored one or
    /// the newer server's), which its checks walk.
    pub(super) schemas: Arc<Schemas>,
}

/// A JSON pointer for messages: the root is `/`.
fn shown(pointer: &str) -> &str {
    if pointer.is_empty() {
        "/"
    } else {
        pointer
    }
}

impl Endpoint {
    /// `METHOD path`, as the endpoint table keys it.
    pub fn key(&self) -> String {
        format!("{} {}", self.method, self.path)
    }

    /// The name of the request schema, if the endpoint takes a body.
    pub fn request_schema(&self) -> Option<&str> {
        self.request.as_ref().map(|(n, _)| n.as_str())
    }

    /// Checks a request body as a cluster of `release` would: a property added
    /// after that release is an unrecognized field; then the request schema.
    /// The error is the `debug` text of a 400 answer.
    pub fn check_request(&self, body: &Value, release: Release) -> Result<(), String> {
        let Some((name, validator)) = &self.request else {
            return Ok(());
        };
        let s = &self.schemas;
        let schema = s.defs.get(name).cloned().unwrap_or(Value::Null);
        if let Some((path, field, since)) = s.newer_field(&schema, body, release, "") {
            return Err(format!(
                "Unrecognized field \"{field}\" (added in {since}) at {path}"
            ));
        }
        let mut problems: Vec<String> = Vec::new();
        for e in validator.iter_errors(body) {
            let p = format!("{}: {e}", shown(e.instance_path().as_str()));
            if !problems.contains(&p) {
                problems.push(p);
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            problems.truncate(5);
            Err(format!("Invalid request body: {}", problems.join("; ")))
        }
    }

    /// Checks a successful answer against the endpoint's response schema.
    pub fn check_response(&self, body: &Value) -> Result<(), String> {
        let Some((_, validator)) = &self.response else {
            return Ok(());
        };
        let problems: Vec<String> = validator
            .iter_errors(body)
            .map(|e| format!("{}: {e}", shown(e.instance_path().as_str())))
            .collect();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "{} answer does not match its response schema: {}",
                self.key(),
                problems.join("; ")
            ))
        }
    }

    /// The answer as a cluster of `release` sends it: without the properties
    /// added after that release.
    pub fn for_release(&self, mut body: Value, release: Release) -> Value {
        if let Some((schema, _)) = &self.response {
            self.schemas.strip_newer(schema, &mut body, release);
        }
        body
    }
}
