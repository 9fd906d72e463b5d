//! Helpers shared by the HTTP tests of the demo server. Every successful API
//! answer a test receives is checked against the vendored response schema of its
//! endpoint (with the newer server's enums while the `newer_server` fault is on).
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use demo_server::faults::Faults;
use demo_server::http::{
    router,
    state::{AppState, Options},
};
use demo_server::seed::{DefaultSeed, Variant};
use demo_server::spec::API;
use demo_server::spec::{spec, spec_for};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

pub const TOKEN: &str = "test-token";
/// The port the test server pretends to listen on (for the default CORS allowlist).
pub const PORT: u16 = 8787;
pub const PASSWORD: &str = "demo-password";

pub fn app_with(faults: Faults) -> axum::Router {
    router(AppState::new(Options {
        static_token: TOKEN.into(),
        variant: Variant::First,
        default: DefaultSeed::NeverSet,
        generated_orgs: 3,
        faults,
        static_dir: None,
        port: PORT,
    }))
}

/// A server seeded with this variant (and its cluster default) and
/// `generated_orgs` generated Orgs, under these faults.
pub fn app_of(variant: Variant, generated_orgs: usize, faults: Faults) -> axum::Router {
    router(AppState::new(Options {
        static_token: TOKEN.into(),
        variant,
        default: variant.cluster_default(),
        generated_orgs,
        faults,
        static_dir: None,
        port: PORT,
    }))
}

pub fn app() -> axum::Router {
    app_with(Faults::default())
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
    /// The endpoint (`METHOD path`) whose response schema the body was checked
    /// against, for a successful answer with a body.
    pub schema_checked: Option<String>,
}

impl Reply {
    /// Asserts the status, showing the body when it is another.
    pub fn assert_status(&self, status: StatusCode) -> &Self {
        assert_eq!(
            self.status,
            status,
            "{}",
            String::from_utf8_lossy(&self.body)
        );
        self
    }
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    /// The `debug` text and the `code` of a spec-shaped ThoughtSpot error body.
    pub fn error(&self) -> (String, i64) {
        let v = self.json();
        let m = &v["error"]["message"];
        assert!(
            m["incident_id_guid"]
                .as_str()
                .is_some_and(|g| g.len() == 36),
            "{v}"
        );
        assert!(m["trace_id_guid"].as_str().is_some(), "{v}");
        (
            m["debug"].as_str().unwrap_or_default().to_string(),
            m["code"].as_i64().unwrap_or(0),
        )
    }
    /// Asserts a ThoughtSpot error with this status and code whose text contains `text`.
    pub fn assert_error(&self, status: StatusCode, code: i64, text: &str) {
        let (debug, c) = self.assert_status(status).error();
        assert_eq!(c, code, "{debug}");
        assert!(debug.contains(text), "{debug:?} lacks {text:?}");
    }
}

/// Sends a request and checks a successful answer against its response schema.
pub async fn send(app: &axum::Router, req: Request<Body>) -> Reply {
    let method = req.method().to_string();
    let path = req.uri().path().to_string();
    let resp = app.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = resp
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    let mut schema_checked = None;
    if let Some(ep) = spec().find(&method, &path) {
        // A truncated body (the `malformed` fault) is not JSON and is not checked.
        let parsed = serde_json::from_slice::<Value>(&body);
        if status.as_u16() == ep.success && !body.is_empty() {
            if let Ok(v) = parsed {
                if let Err(e) = ep.check_response(&v) {
                    // Values only a newer server knows are allowed while it is one.
                    let newer = match newer_server(app).await {
                        true => spec_for(true).find(&method, &path),
                        false => None,
                    };
                    match newer {
                        Some(newer) => newer
                            .check_response(&v)
                            .unwrap_or_else(|e| panic!("{e}\n{v}")),
                        None => panic!("{e}\n{v}"),
                    }
                }
                schema_checked = Some(ep.key());
            }
        }
    }
    Reply {
        status,
        headers,
        body,
        schema_checked,
    }
}

/// Whether the `newer_server` fault is on now.
async fn newer_server(app: &axum::Router) -> bool {
    faults(app).await["newer_server"] == true
}

/// The run-time faults document. (Read directly, not through `send`, which
/// asks it whether the server is a newer one.)
pub async fn faults(app: &axum::Router) -> Value {
    let req = Request::get("/__demo/faults").body(Body::empty()).unwrap();
    let resp = app.clone().oneshot(req).await.unwrap();
    let body = resp.into_body().collect().await.unwrap().to_bytes();
    serde_json::from_slice(&body).unwrap()
}

pub async fn call(
    app: &axum::Router,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<&str>,
) -> Reply {
    let mut req = Request::builder().method(method).uri(path);
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    let req = match body {
        Some(b) => req
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(b.to_string())),
        None => req.body(Body::empty()),
    }
    .unwrap();
    send(app, req).await
}

/// POST `{API}{path}` with the static (admin, Primary Org) token.
pub async fn post(app: &axum::Router, path: &str, body: &str) -> Reply {
    call(
        app,
        Method::POST,
        &format!("{API}{path}"),
        Some(TOKEN),
        Some(body),
    )
    .await
}

/// POST `{API}{path}` with `token`.
pub async fn post_as(app: &axum::Router, token: &str, path: &str, body: &Value) -> Reply {
    call(
        app,
        Method::POST,
        &format!("{API}{path}"),
        Some(token),
        Some(&body.to_string()),
    )
    .await
}

/// POST `{API}{path}` with the static token and another Content-Type.
pub async fn post_with_type(
    app: &axum::Router,
    path: &str,
    content_type: &str,
    body: &str,
) -> Reply {
    let req = Request::post(format!("{API}{path}"))
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body.to_string()))
        .unwrap();
    send(app, req).await
}

/// A CORS preflight from `origin` for a POST to `path` with the headers the
/// panel sends.
pub async fn preflight(app: &axum::Router, origin: &str, path: &str) -> Reply {
    let req = Request::options(path)
        .header(header::ORIGIN, origin)
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .header(
            header::ACCESS_CONTROL_REQUEST_HEADERS,
            "authorization,content-type,x-requested-by",
        )
        .body(Body::empty())
        .unwrap();
    send(app, req).await
}

/// GET `{API}{path}` with `token`.
pub async fn get_as(app: &axum::Router, token: &str, path: &str) -> Reply {
    call(app, Method::GET, &format!("{API}{path}"), Some(token), None).await
}

/// POST `{API}/auth/token/full` (no token needed) with this body.
pub async fn token_full(app: &axum::Router, body: &str) -> Reply {
    call(
        app,
        Method::POST,
        &format!("{API}/auth/token/full"),
        None,
        Some(body),
    )
    .await
}

/// A token for `user` (password `demo-password`), scoped to `org_id` if given.
pub async fn login(app: &axum::Router, user: &str, org_id: Option<i64>) -> String {
    let mut body = json!({"username": user, "password": PASSWORD});
    if let Some(o) = org_id {
        body["org_id"] = json!(o);
    }
    let r = token_full(app, &body.to_string()).await;
    r.assert_status(StatusCode::OK).json()["token"]
        .as_str()
        .unwrap()
        .to_string()
}

/// POST `/__demo/faults` with this body, whatever the answer.
pub async fn post_faults(app: &axum::Router, body: &str) -> Reply {
    call(app, Method::POST, "/__demo/faults", None, Some(body)).await
}

/// Replaces the run-time faults document.
pub async fn set_faults(app: &axum::Router, faults: Value) {
    post_faults(app, &faults.to_string())
        .await
        .assert_status(StatusCode::OK);
}

/// Returns the server to its start-up state.
pub async fn reset(app: &axum::Router) {
    call(app, Method::POST, "/__demo/reset", None, None)
        .await
        .assert_status(StatusCode::NO_CONTENT);
}

/// The `/__demo/state` document.
pub async fn state(app: &axum::Router) -> Value {
    call(app, Method::GET, "/__demo/state", None, None)
        .await
        .json()
}

/// The `field` of every item of the array `v[list]`, as text.
pub fn fields(v: &Value, list: &str, field: &str) -> Vec<String> {
    v[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x[field].as_str().unwrap().to_string())
        .collect()
}

/// The first item of the array `v[list]` whose `field` is `value`.
pub fn find<'a>(v: &'a Value, list: &str, field: &str, value: &str) -> &'a Value {
    v[list]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x[field] == value)
        .unwrap_or_else(|| panic!("no {list} item with {field} {value:?}: {v}"))
}
