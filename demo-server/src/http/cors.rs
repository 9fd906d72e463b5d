//! CORS as a cluster with a "CORS whitelisted domains" setting answers it.
//!
//! - A request whose `Origin` is on the allowlist (exact match, e.g.
//!   `http://127.0.0.1:8080`) gets `Access-Control-Allow-Origin: <that origin>`;
//!   its preflight also gets the allowed methods (GET, POST, OPTIONS), headers
//!   (Authorization, Content-Type, Accept, X-Requested-By) and a max-age.
//! - Any other origin gets no CORS header at all, on the preflight and on the
//!   request, so a browser blocks the call (the server still answers it).
//! - Same-origin requests always work: without `Origin` they need no header, and
//!   an `Origin` equal to the server's own (`http://` + the `Host` header) is
//!   treated as allowed.
//! - No response header is exposed beyond the CORS-safelisted ones, so a
//!   cross-origin script cannot read `Retry-After`.
//! - With `gateway_errors`, every 401 and 502 answer goes out without CORS
//!   headers, as when a gateway in front of the cluster produces them.
//! - The `/__demo/` control routes allow any origin.

use crate::http::state::AppState;
use axum::{
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

const ALLOW_METHODS: &str = "GET,POST,OPTIONS";
const ALLOW_HEADERS: &str = "authorization,content-type,accept,x-requested-by";
const MAX_AGE_S: &str = "600";

fn allow_origin(headers: &mut HeaderMap, origin: &HeaderValue) {
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());
}

fn vary(headers: &mut HeaderMap, value: &'static str) {
    headers.append(header::VARY, HeaderValue::from_static(value));
}

/// Adds CORS headers for allowed origins and answers preflight requests.
pub async fn cors(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let origin = req.headers().get(header::ORIGIN).cloned();
    let control = req.uri().path().starts_with("/__demo/");
    let own = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(|h| format!("http://{h}"));
    let allowed = origin.as_ref().is_some_and(|o| {
        control
            || o.to_str().is_ok_and(|o| {
                own.as_deref() == Some(o) || state.cors_origins().iter().any(|a| a == o)
            })
    });
    let preflight = req.method() == Method::OPTIONS
        && origin.is_some()
        && req
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    if preflight {
        let mut resp = StatusCode::OK.into_response();
        let h = resp.headers_mut();
        if let (true, Some(o)) = (allowed, &origin) {
            allow_origin(h, o);
            h.insert(
                header::ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static(ALLOW_METHODS),
            );
            h.insert(
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static(ALLOW_HEADERS),
            );
            h.insert(
                header::ACCESS_CONTROL_MAX_AGE,
                HeaderValue::from_static(MAX_AGE_S),
            );
        }
        vary(h, "origin");
        vary(h, "access-control-request-method");
        vary(h, "access-control-request-headers");
        return resp;
    }
    let mut resp = next.run(req).await;
    let status = resp.status();
    let gateway = !control
        && matches!(status, StatusCode::UNAUTHORIZED | StatusCode::BAD_GATEWAY)
        && state.gateway_errors();
    let h = resp.headers_mut();
    if let (true, false, Some(o)) = (allowed, gateway, &origin) {
        allow_origin(h, o);
    }
    vary(h, "origin");
    resp
}
