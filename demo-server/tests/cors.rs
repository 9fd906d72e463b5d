//! CORS headers for allowed origins only, and gateway-style errors without them.

mod common;

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use common::{app, app_with, preflight, reset, send, set_faults, state, Reply, TOKEN};
use demo_server::faults::Faults;
use demo_server::spec::API;
use serde_json::json;

const SEARCH: &str = "/system/preferences/communication-channels/search";

fn cors_headers(h: &HeaderMap) -> Vec<String> {
    h.keys()
        .map(|k| k.as_str().to_string())
        .filter(|k| k.starts_with("access-control-"))
        .collect()
}

async fn search_from(app: &axum::Router, origin: Option<&str>, token: Option<&str>) -> Reply {
    let mut req = Request::builder()
        .method(Method::POST)
        .uri(format!("{API}{SEARCH}"))
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(o) = origin {
        req = req.header(header::ORIGIN, o);
    }
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    send(app, req.body(Body::from("{}")).unwrap()).await
}

#[tokio::test]
async fn the_default_allowlist_is_the_demos_own_origins() {
    let app = app();
    for origin in [
        "http://127.0.0.1:8080",
        "http://localhost:8080",
        "http://127.0.0.1:8787",
        "http://localhost:8787",
    ] {
        let r = preflight(&app, origin, &format!("{API}{SEARCH}")).await;
        assert!(r.status.is_success());
        assert_eq!(r.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], origin);
        assert_eq!(
            r.headers[header::ACCESS_CONTROL_ALLOW_METHODS],
            "GET,POST,OPTIONS"
        );
        assert_eq!(
            r.headers[header::ACCESS_CONTROL_ALLOW_HEADERS],
            "authorization,content-type,accept,x-requested-by"
        );
        assert_eq!(r.headers[header::ACCESS_CONTROL_MAX_AGE], "600");
        let r = search_from(&app, Some(origin), Some(TOKEN)).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], origin);
        assert!(r
            .headers
            .get(header::ACCESS_CONTROL_EXPOSE_HEADERS)
            .is_none());
    }
    assert_eq!(
        state(&app).await["cors_origins"],
        json!([
            "http://127.0.0.1:8080",
            "http://localhost:8080",
            "http://127.0.0.1:8787",
            "http://localhost:8787"
        ])
    );
}

#[tokio::test]
async fn another_origin_gets_no_cors_header_at_all() {
    let app = app();
    for origin in [
        "https://panel.example.com",
        "http://127.0.0.1:9999",
        "https://127.0.0.1:8080",
        "null",
    ] {
        let r = preflight(&app, origin, &format!("{API}{SEARCH}")).await;
        assert_eq!(cors_headers(&r.headers), Vec::<String>::new(), "{origin}");
        let r = search_from(&app, Some(origin), Some(TOKEN)).await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "answered, but the browser blocks it"
        );
        assert_eq!(cors_headers(&r.headers), Vec::<String>::new(), "{origin}");
        let r = search_from(&app, Some(origin), None).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert_eq!(cors_headers(&r.headers), Vec::<String>::new(), "{origin}");
    }
    // Same-origin calls carry no Origin, or the server's own, and always work.
    let r = search_from(&app, None, Some(TOKEN)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(cors_headers(&r.headers), Vec::<String>::new());
    set_faults(&app, json!({"cors_origins": []})).await;
    let req = Request::builder()
        .method(Method::POST)
        .uri(format!("{API}{SEARCH}"))
        .header(header::HOST, "demo.test:9000")
        .header(header::ORIGIN, "http://demo.test:9000")
        .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{}"))
        .unwrap();
    let r = send(&app, req).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN],
        "http://demo.test:9000"
    );
    // The control routes answer any origin.
    let r = preflight(&app, "https://panel.example.com", "/__demo/faults").await;
    assert_eq!(
        r.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN],
        "https://panel.example.com"
    );
}

#[tokio::test]
async fn the_allowlist_is_set_at_start_up_or_run_time_and_reset_restores_it() {
    let app = app_with(Faults {
        cors_origins: Some(vec!["https://panel.example.com".into()]),
        ..Faults::default()
    });
    let allowed = |r: &Reply| r.headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).cloned();
    let r = search_from(&app, Some("https://panel.example.com"), Some(TOKEN)).await;
    assert_eq!(allowed(&r).unwrap(), "https://panel.example.com");
    let r = search_from(&app, Some("http://127.0.0.1:8080"), Some(TOKEN)).await;
    assert!(allowed(&r).is_none());

    set_faults(&app, json!({"cors_origins": ["http://127.0.0.1:8080"]})).await;
    let r = search_from(&app, Some("http://127.0.0.1:8080"), Some(TOKEN)).await;
    assert_eq!(allowed(&r).unwrap(), "http://127.0.0.1:8080");
    let r = preflight(&app, "https://panel.example.com", &format!("{API}{SEARCH}")).await;
    assert!(cors_headers(&r.headers).is_empty());

    set_faults(&app, json!({"cors_origins": []})).await;
    let r = search_from(&app, Some("http://127.0.0.1:8080"), Some(TOKEN)).await;
    assert!(allowed(&r).is_none());

    // `{}` means the default list; a reset means the start-up list.
    set_faults(&app, json!({})).await;
    let r = search_from(&app, Some("http://localhost:8787"), Some(TOKEN)).await;
    assert!(allowed(&r).is_some());
    reset(&app).await;
    let r = search_from(&app, Some("https://panel.example.com"), Some(TOKEN)).await;
    assert_eq!(allowed(&r).unwrap(), "https://panel.example.com");
}

#[tokio::test]
async fn gateway_errors_strip_cors_headers_from_401_and_502_only() {
    let origin = "http://127.0.0.1:8080";
    let app = app_with(Faults {
        gateway_errors: true,
        ..Faults::default()
    });
    let r = search_from(&app, Some(origin), None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(cors_headers(&r.headers).is_empty());
    r.error();
    let r = search_from(&app, Some(origin), Some(TOKEN)).await;
    assert_eq!(r.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], origin);
    let r = preflight(&app, origin, &format!("{API}{SEARCH}")).await;
    assert_eq!(r.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], origin);

    set_faults(
        &app,
        json!({"gateway_errors": true, "status": 502, "times": 1}),
    )
    .await;
    let r = search_from(&app, Some(origin), Some(TOKEN)).await;
    assert_eq!(r.status, StatusCode::BAD_GATEWAY);
    assert!(cors_headers(&r.headers).is_empty());
    set_faults(
        &app,
        json!({"gateway_errors": true, "status": 500, "times": 1}),
    )
    .await;
    let r = search_from(&app, Some(origin), Some(TOKEN)).await;
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(r.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], origin);
    let analyst = common::login(&app, "analyst", None).await;
    let r = search_from(&app, Some(origin), Some(&analyst)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], origin);

    // Without the switch, 401 and 502 carry the header like any answer.
    set_faults(&app, json!({"status": 502, "times": 1})).await;
    let r = search_from(&app, Some(origin), Some(TOKEN)).await;
    assert_eq!(r.status, StatusCode::BAD_GATEWAY);
    assert_eq!(r.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], origin);
    let r = search_from(&app, Some(origin), None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], origin);
}
