//! The middleware around every API route: it counts the call, adds the
//! latency, answers with the injected fault when one applies, and renders a
//! handler's [`Fail`] as ThoughtSpot's error body.
//!
//! The `status`, `malformed` and `hang` faults apply to calls whose path
//! contains `path` (all when unset), `times` times (always when unset); `hang`
//! wins over `malformed`, which wins over `status`.

use crate::http::fail::{error_response, Fail};
use crate::http::state::AppState;
use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderValue, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::time::Duration;

/// What an injected fault does to a call.
enum Act {
    /// Answer this status, with `Retry-After` and this error code when given.
    Status(u16, Option<u32>, Option<i64>),
    Malformed,
    Hang,
}

/// Counts the call to `path` and takes one use of the fault that applies to
/// it, if any; answers the latency to add too.
fn take_fault(state: &AppState, path: &str) -> (u64, Option<Act>) {
    let mut inner = state.lock();
    *inner.calls.entry(path.to_string()).or_default() += 1;
    let f = &mut inner.faults;
    let applies = f.path.as_deref().is_none_or(|p| path.contains(p));
    let act = if !applies || f.times == Some(0) {
        None
    } else if f.hang {
        Some(Act::Hang)
    } else if f.malformed {
        Some(Act::Malformed)
    } else {
        f.status.map(|s| Act::Status(s, f.retry_after_s, f.code))
    };
    if act.is_some() {
        if let Some(t) = f.times.as_mut() {
            *t -= 1;
        }
    }
    (f.latency_ms, act)
}

/// A ThoughtSpot error response, in the error shape in force now.
fn error(state: &AppState, status: StatusCode, debug: &str, code: Option<i64>) -> Response {
    let live_shape = state.lock().faults.live_error_shape;
    error_response(status, debug, code, live_shape)
}

/// Counts calls, adds latency and answers with the configured fault.
pub async fn faults(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let (latency, act) = take_fault(&state, &path);
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    match act {
        None => {
            let mut resp = next.run(req).await;
            match resp.extensions_mut().remove::<Fail>() {
                Some(f) => error(&state, f.status, &f.debug, f.code),
                None => resp,
            }
        }
        Some(Act::Hang) => {
            // The client gives up first; the connection closes with it.
            tokio::time::sleep(Duration::from_secs(3600)).await;
            StatusCode::GATEWAY_TIMEOUT.into_response()
        }
        Some(Act::Malformed) => Response::builder()
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(
                r#"{"cluster_preferences":[{"event_type":"LIVEB"#,
            ))
            .unwrap_or_default(),
        Some(Act::Status(code, retry_after, ts_code)) => {
            let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let debug = match status.as_u16() {
                429 => "Too many requests: the cluster is busy. Try again later.",
                _ => "Injected fault: the demo server was told to fail this call.",
            };
            let mut resp = error(&state, status, debug, ts_code);
            if let Some(n) = retry_after {
                resp.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(n));
            }
            resp
        }
    }
}
