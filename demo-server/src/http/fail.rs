//! A failed API call and ThoughtSpot's error body for it: the spec's shape
//! (`error.message.{code, incident_id_guid, trace_id_guid, debug}`) or, with
//! the `live_error_shape` fault, the nested one seen from live clusters.

use crate::access::ORG_ACCESS_CODE;
use crate::clock::guid;
use crate::refusal::Refusal;
use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use serde_json::json;

/// A failed API call: its status, ThoughtSpot's `debug` text and, when it is not
/// the status's usual one, ThoughtSpot's error code. Handlers return it; the
/// `inject` middleware, which wraps every API route, renders the body (so that
/// the error shape in force when the answer leaves is the one used).
#[derive(Clone, Debug)]
pub struct Fail {
    pub status: StatusCode,
    pub debug: String,
    pub code: Option<i64>,
}

impl Fail {
    pub fn new(status: StatusCode, debug: impl Into<String>) -> Self {
        Fail {
            status,
            debug: debug.into(),
            code: None,
        }
    }

    pub fn with_code(mut self, code: i64) -> Self {
        self.code = Some(code);
        self
    }
}

impl From<Refusal> for Fail {
    fn from(r: Refusal) -> Self {
        match r {
            Refusal::BadRequest(m) => Fail::new(StatusCode::BAD_REQUEST, m),
            Refusal::Forbidden(m) => Fail::new(StatusCode::FORBIDDEN, m),
            Refusal::OutOfScope(m) => {
                Fail::new(StatusCode::FORBIDDEN, m).with_code(ORG_ACCESS_CODE)
            }
        }
    }
}

impl IntoResponse for Fail {
    fn into_response(self) -> Response {
        let mut r = self.status.into_response();
        r.extensions_mut().insert(self);
        r
    }
}

/// What a handler answers: its response, or the failure to render.
pub type Reply = Result<Response, Fail>;

/// ThoughtSpot's usual error code for a status.
fn default_code(status: StatusCode) -> i64 {
    match status.as_u16() {
        400 | 415 => 10002,
        401 => 10097,
        403 => 10023,
        404 => 10004,
        _ => 10038,
    }
}

/// A ThoughtSpot error response; `code` replaces the status's usual code, and
/// `live_shape` nests the body as live clusters do.
pub fn error_response(
    status: StatusCode,
    debug: &str,
    code: Option<i64>,
    live_shape: bool,
) -> Response {
    let code = code.unwrap_or_else(|| default_code(status));
    let (incident, trace) = (guid(), guid());
    let body = if live_shape {
        json!({"error": {"message": {"debug": {
            "code": code, "incident_id_guid": incident, "trace_id_guid": trace,
            "debug": serde_json::to_string(&[debug]).unwrap_or_default()
        }}}})
    } else {
        json!({"error": {"message": {
            "code": code, "incident_id_guid": incident, "trace_id_guid": trace, "debug": debug
        }}})
    };
    (status, Json(body)).into_response()
}
