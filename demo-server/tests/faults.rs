//! The faults document: a busy cluster (429 with Retry-After), error-code
//! overrides, defaults and reset.

mod common;

use axum::http::{header, Method, StatusCode};
use common::{app, app_with, call, post, set_faults};
use demo_server::http::Faults;
use demo_server::spec::Release;
use serde_json::{json, Value};

const SEARCH: &str = "/system/preferences/communication-channels/search";

async fn faults(app: &axum::Router) -> Value {
    call(app, Method::GET, "/__demo/faults", None, None)
        .await
        .json()
}

#[tokio::test]
async fn a_busy_cluster_answers_429_with_retry_after_in_thoughtspots_shape() {
    let app = app();
    set_faults(
        &app,
        json!({"status": 429, "retry_after_s": 7, "path": "search", "times": 2}),
    )
    .await;
    for _ in 0..2 {
        let r = post(&app, SEARCH, "{}").await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(r.headers[header::RETRY_AFTER], "7");
        let (debug, code) = r.error();
        assert_eq!(code, 10038);
        assert!(debug.contains("Too many requests"), "{debug}");
    }
    assert_eq!(post(&app, SEARCH, "{}").await.status, StatusCode::OK);
    // Without retry_after_s there is no header.
    set_faults(&app, json!({"status": 429, "times": 1})).await;
    let r = post(&app, SEARCH, "{}").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers.get(header::RETRY_AFTER).is_none());
}

#[tokio::test]
async fn the_code_fault_puts_a_thoughtspot_code_in_the_body() {
    let app = app();
    set_faults(&app, json!({"status": 403, "code": 13090, "times": 1})).await;
    let r = post(&app, SEARCH, "{}").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.error().1, 13090);
    set_faults(
        &app,
        json!({"status": 403, "code": 13090, "live_error_shape": true, "times": 1}),
    )
    .await;
    let r = post(&app, SEARCH, "{}").await;
    assert_eq!(r.json()["error"]["message"]["debug"]["code"], 13090);
}

#[tokio::test]
async fn start_up_flags_set_the_same_faults() {
    let app = app_with(Faults {
        status: Some(429),
        retry_after_s: Some(3),
        code: Some(10001),
        path: Some("orgs".into()),
        ..Faults::default()
    });
    let r = post(&app, "/orgs/search", "{}").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.headers[header::RETRY_AFTER], "3");
    assert_eq!(r.error().1, 10001);
    assert_eq!(post(&app, SEARCH, "{}").await.status, StatusCode::OK);
}

#[tokio::test]
async fn every_field_is_documented_and_an_empty_document_restores_the_defaults() {
    let app = app();
    let f = faults(&app).await;
    let mut keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "code",
            "cors_origins",
            "failing_receiver",
            "gateway_errors",
            "hang",
            "latency_ms",
            "live_error_shape",
            "malformed",
            "path",
            "rbac",
            "release",
            "retry_after_s",
            "status",
            "times",
            "unauthorized_after"
        ]
    );
    assert_eq!(
        f,
        json!({"status": null, "retry_after_s": null, "code": null, "malformed": false,
               "hang": false, "path": null, "times": null, "unauthorized_after": null,
               "latency_ms": 0, "live_error_shape": false, "failing_receiver": false,
               "release": "26.8.0.cl", "rbac": true, "cors_origins": null, "gateway_errors": false})
    );
    set_faults(
        &app,
        json!({"status": 502, "rbac": false, "release": "26.2.0.cl", "gateway_errors": true,
               "cors_origins": ["https://a.example"]}),
    )
    .await;
    set_faults(&app, json!({})).await;
    assert_eq!(faults(&app).await, f);
    for bad in [
        r#"{"before_26_4":true}"#,
        r#"{"rbac":"off"}"#,
        r#"{"cors_origins":"x"}"#,
    ] {
        let r = call(&app, Method::POST, "/__demo/faults", None, Some(bad)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
    }
}

#[tokio::test]
async fn reset_returns_to_the_start_up_options() {
    let start = Faults {
        release: Release(26, 4, 0),
        rbac: false,
        cors_origins: Some(vec!["https://panel.example.com".into()]),
        ..Faults::default()
    };
    let app = app_with(start.clone());
    let before = faults(&app).await;
    assert_eq!(before["release"], "26.4.0.cl");
    set_faults(&app, json!({"release": "26.8.0.cl", "rbac": true})).await;
    let r = call(&app, Method::POST, "/__demo/reset", None, None).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(faults(&app).await, before);
    assert_eq!(serde_json::from_value::<Faults>(before).unwrap(), start);
}
