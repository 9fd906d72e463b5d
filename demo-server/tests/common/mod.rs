//! Helpers shared by the HTTP tests of the demo server.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use demo_server::http::{router, AppState, Faults, Options, API};
use demo_server::seed::DefaultSeed;
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

pub const TOKEN: &str = "test-token";

pub fn app_with(faults: Faults) -> axum::Router {
    router(AppState::new(Options {
        static_token: TOKEN.into(),
        default: DefaultSeed::NeverSet,
        generated_orgs: 3,
        faults,
        static_dir: None,
    }))
}

pub fn app() -> axum::Router {
    app_with(Faults::default())
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
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
    Reply {
        status,
        headers,
        body,
    }
}

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
