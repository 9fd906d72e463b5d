//! Request bodies are checked against the vendored schemas, and the server
//! answers as the release it imitates.

mod common;

use axum::http::{Method, StatusCode};
use common::{
    app, app_with, call, find, get_as, login, post, post_as, post_faults, post_with_type,
    set_faults, state, TOKEN,
};
use demo_server::faults::Faults;
use demo_server::spec::Release;
use demo_server::spec::API;
use serde_json::{json, Value};

const CONFIGURE: &str = "/system/preferences/communication-channels/configure";
const SEARCH: &str = "/system/preferences/communication-channels/search";
const VALIDATE: &str = "/system/communication-channels/validate";
const HISTORY: &str = "/jobs/history/communication-channels/search";
const BAD: StatusCode = StatusCode::BAD_REQUEST;

#[tokio::test]
async fn a_null_org_identifier_in_webhooks_search_is_400() {
    let r = post(&app(), "/webhooks/search", r#"{"org_identifier":null}"#).await;
    r.assert_error(BAD, 10002, "");
    assert_eq!(
        r.error().0,
        r#"Invalid request body: /org_identifier: null is not of type "string""#
    );
}

#[tokio::test]
async fn every_route_refuses_bodies_its_schema_refuses() {
    let app = app();
    let cases: &[(&str, Value, &str)] = &[
        (
            "/auth/token/full",
            json!({"password": "demo-password"}),
            r#"/: "username" is a required property"#,
        ),
        (
            "/auth/token/full",
            json!({"username": "admin", "password": "demo-password", "org_id": "0"}),
            r#"/org_id: "0" is not of type "integer""#,
        ),
        (
            "/auth/token/full",
            json!({"username": "admin", "password": null}),
            r#"/password: null is not of type "string""#,
        ),
        (
            "/orgs/search",
            json!({"name": "Finance"}),
            "/: Additional properties are not allowed ('name' was unexpected)",
        ),
        (
            "/orgs/search",
            json!({"status": "DELETED"}),
            "/status:",
        ),
        (
            SEARCH,
            json!({"org_preferences": [{"org_identifier": 583464508}]}),
            r#"/org_preferences/0/org_identifier: 583464508 is not of type "string""#,
        ),
        (
            SEARCH,
            json!({"cluster_preferences": null}),
            "/cluster_preferences: null is not of type \"array\"",
        ),
        (
            SEARCH,
            json!({"org_preferences": [{"event_types": ["LIVEBOARD_SCHEDULE"]}]}),
            r#"/org_preferences/0: "org_identifier" is a required property"#,
        ),
        (
            CONFIGURE,
            json!({"org_preferences": [{"org_identifier": "Finance", "preferences": [
                {"event_type": "LIVEBOARD_SCHEDULE", "channels": ["EMAIL"], "enabled": true}]}]}),
            "/org_preferences/0/preferences/0: Additional properties are not allowed ('enabled' was unexpected)",
        ),
        (
            CONFIGURE,
            json!({"cluster_preferences": [{"event_type": "LIVEBOARD_SCHEDULE"}]}),
            r#"/cluster_preferences/0: "channels" is a required property"#,
        ),
        (
            "/webhooks/create",
            json!({"name": "x", "url": "https://a.example", "events": ["LIVEBOARD_SCHEDULE"], "url_params": null}),
            r#"/url_params: null is not of type "object""#,
        ),
        (
            "/webhooks/create",
            json!({"name": "x", "url": "https://a.example", "events": ["LIVEBOARD_SCHEDULE"],
                   "authentication": {"BEARER": "t"}}),
            "/authentication: Additional properties are not allowed ('BEARER' was unexpected)",
        ),
        (
            "/webhooks/search",
            json!({"record_size": "10"}),
            r#"/record_size: "10" is not of type "integer""#,
        ),
        (
            "/webhooks/search",
            json!({"sort_options": {"field_name": "NAME", "direction": "ASC"}}),
            "/sort_options: Additional properties are not allowed ('direction' was unexpected)",
        ),
        (
            "/webhooks/6f1c2a52-0b7e-4c61-9a51-3f9f0c0e1a01/update",
            json!({"description": null}),
            r#"/description: null is not of type "string""#,
        ),
        (
            "/webhooks/delete",
            json!({"webhook_identifiers": "HR schedules"}),
            r#"/webhook_identifiers: "HR schedules" is not of type "array""#,
        ),
        (
            VALIDATE,
            json!({"channel_type": "WEBHOOK", "channel_identifier": "HR schedules"}),
            r#"/: "event_type" is a required property"#,
        ),
        (
            HISTORY,
            json!({"channel_type": "EMAIL", "job_ids": ["x"]}),
            "/channel_type:",
        ),
        (
            HISTORY,
            json!({"channel_type": "WEBHOOK", "events": [{"type": "LIVEBOARD_SCHEDULE", "id": "x"}], "channel_identifiers": ["a"]}),
            "/events/0: Additional properties are not allowed ('id' was unexpected)",
        ),
    ];
    for (path, body, expected) in cases {
        let token = if *path == "/auth/token/full" {
            None
        } else {
            Some(TOKEN)
        };
        let r = call(
            &app,
            Method::POST,
            &format!("{API}{path}"),
            token,
            Some(&body.to_string()),
        )
        .await;
        assert_eq!(r.status, BAD, "{path} {body}");
        let (debug, code) = r.error();
        assert_eq!(code, 10002);
        assert!(
            debug.starts_with("Invalid request body: ") && debug.contains(expected),
            "{path} {body}: {debug}"
        );
    }
    let s = state(&app).await;
    assert_eq!(s["configure_log"], json!([]));
    assert_eq!(s["cluster"]["webhooks"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn content_type_and_empty_bodies_are_checked_before_the_schema() {
    let app = app();
    let r = post_with_type(
        &app,
        "/webhooks/search",
        "text/plain",
        r#"{"org_identifier":null}"#,
    )
    .await;
    r.assert_error(StatusCode::UNSUPPORTED_MEDIA_TYPE, 10002, "Content-Type");
    post(&app, "/webhooks/search", " ").await.assert_error(
        BAD,
        10002,
        "A request body is required.",
    );
    post(&app, "/webhooks/search", "[]").await.assert_error(
        BAD,
        10002,
        r#"/: [] is not of type "object""#,
    );
}

#[tokio::test]
async fn semantic_rules_still_apply_to_bodies_the_schema_accepts() {
    let app = app();
    post(
        &app,
        CONFIGURE,
        r#"{"org_preferences":[{"org_identifier":"Finance","operation":"RESET"}]}"#,
    )
    .await
    .assert_error(BAD, 10002, "RESET operation requires reset_events");
    post(&app, "/webhooks/delete", r#"{"webhook_identifiers":[]}"#)
        .await
        .assert_error(BAD, 10002, "at least one identifier");
    post(
        &app,
        HISTORY,
        r#"{"channel_type":"WEBHOOK","channel_identifiers":["Marketing schedules"]}"#,
    )
    .await
    .assert_error(BAD, 10002, "channel_identifiers and events are required");
    let hook =
        json!({"name": "Second HR", "url": "https://a.example", "events": ["LIVEBOARD_SCHEDULE"]});
    let hr = login(&app, "admin", Some(1923456781)).await;
    post_as(&app, &hr, "/webhooks/create", &hook)
        .await
        .assert_error(BAD, 10002, "Only one LIVEBOARD_SCHEDULE webhook");
}

#[tokio::test]
async fn the_release_decides_which_endpoints_exist_and_system_reports_it() {
    let app = app_with(Faults {
        release: Release(26, 2, 0),
        ..Faults::default()
    });
    let sys = get_as(&app, TOKEN, "/system").await;
    assert_eq!(sys.status, StatusCode::OK);
    assert_eq!(sys.json()["release_version"], "26.2.0.cl");
    let validate = r#"{"channel_type":"WEBHOOK","channel_identifier":"HR schedules","event_type":"LIVEBOARD_SCHEDULE"}"#;
    post(&app, VALIDATE, validate).await.assert_error(
        StatusCode::NOT_FOUND,
        10004,
        "No such endpoint.",
    );
    // A missing endpoint is 404 before the token is looked at.
    let r = call(
        &app,
        Method::POST,
        &format!("{API}{VALIDATE}"),
        None,
        Some(validate),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(post(&app, SEARCH, "{}").await.status, StatusCode::OK);

    set_faults(&app, json!({"release": "26.4.0.cl"})).await;
    assert_eq!(
        get_as(&app, TOKEN, "/system").await.json()["release_version"],
        "26.4.0.cl"
    );
    assert_eq!(post(&app, VALIDATE, validate).await.status, StatusCode::OK);

    set_faults(&app, json!({"release": "10.14.0.cl"})).await;
    assert_eq!(post(&app, SEARCH, "{}").await.status, StatusCode::OK);
    assert_eq!(
        post(
            &app,
            HISTORY,
            r#"{"channel_type":"WEBHOOK","job_ids":["x"]}"#
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    set_faults(&app, json!({"release": "10.13.0.cl"})).await;
    assert_eq!(post(&app, SEARCH, "{}").await.status, StatusCode::NOT_FOUND);

    // The default is the spec's release.
    set_faults(&app, json!({})).await;
    assert_eq!(
        get_as(&app, TOKEN, "/system").await.json()["release_version"],
        "26.8.0.cl"
    );
}

#[tokio::test]
async fn a_field_newer_than_the_release_is_an_unrecognized_field() {
    let app = app_with(Faults {
        release: Release(26, 4, 0),
        ..Faults::default()
    });
    post(&app, "/webhooks/search", r#"{"status":"ENABLED"}"#)
        .await
        .assert_error(
            BAD,
            10002,
            r#"Unrecognized field "status" (added in 26.7.0.cl)"#,
        );
    post(
        &app,
        "/webhooks/6f1c2a52-0b7e-4c61-9a51-3f9f0c0e1a01/update",
        r#"{"reset_options":["AUTHENTICATION"]}"#,
    )
    .await
    .assert_error(
        BAD,
        10002,
        r#"Unrecognized field "reset_options" (added in 26.7.0.cl)"#,
    );
    post(
        &app,
        HISTORY,
        r#"{"channel_type":"WEBHOOK","job_ids":["x"],"end_epoch_time_in_millis":1}"#,
    )
    .await
    .assert_error(
        BAD,
        10002,
        r#"Unrecognized field "end_epoch_time_in_millis" (added in 26.7.0.cl)"#,
    );
    // At any depth.
    let support = login(&app, "admin", Some(1889012345)).await;
    let gcs = json!({"name": "GCS", "url": "https://a.example", "events": ["LIVEBOARD_SCHEDULE"],
        "storage_destination": {"storage_type": "GCP_GCS", "storage_config": {
            "gcp_gcs_config": {"bucket_name": "b", "service_account_email": "sa@example.com"}}}});
    post_as(&app, &support, "/webhooks/create", &gcs)
        .await
        .assert_error(
            BAD,
            10002,
            r#"Unrecognized field "gcp_gcs_config" (added in 26.7.0.cl) at /storage_destination/storage_config/gcp_gcs_config"#,
        );
    // Fields of 26.4 and before are fine.
    let headers = json!({"name": "Support", "url": "https://a.example", "events": ["LIVEBOARD_SCHEDULE"],
        "additional_headers": [{"key": "X-Team", "value": "support"}]});
    assert_eq!(
        post_as(&app, &support, "/webhooks/create", &headers)
            .await
            .status,
        StatusCode::OK
    );

    set_faults(&app, json!({"release": "26.2.0.cl"})).await;
    let headers = json!({"name": "Other", "url": "https://a.example", "events": ["LIVEBOARD_SCHEDULE"],
        "additional_headers": [{"key": "X-Team", "value": "support"}]});
    post(&app, "/webhooks/create", &headers.to_string())
        .await
        .assert_error(
            BAD,
            10002,
            r#"Unrecognized field "additional_headers" (added in 26.4.0.cl)"#,
        );

    set_faults(&app, json!({"release": "26.7.0.cl"})).await;
    assert_eq!(
        post(&app, "/webhooks/search", r#"{"status":"ENABLED"}"#)
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn answers_leave_out_fields_newer_than_the_release() {
    let app = app();
    let id = "6f1c2a52-0b7e-4c61-9a51-3f9f0c0e1a01";
    let r = post(
        &app,
        &format!("/webhooks/{id}/update"),
        r#"{"status":"DISABLED","additional_headers":[{"key":"X-A","value":"b"}]}"#,
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let hook = |v: Value| find(&v, "webhooks", "id", id).clone();
    let now = hook(post(&app, "/webhooks/search", "{}").await.json());
    assert_eq!(now["status"], "DISABLED");
    assert_eq!(now["additional_headers"][0]["key"], "X-A");
    set_faults(&app, json!({"release": "26.4.0.cl"})).await;
    let w = hook(post(&app, "/webhooks/search", "{}").await.json());
    assert!(w.get("status").is_none(), "{w}");
    assert_eq!(w["additional_headers"][0]["key"], "X-A");
    set_faults(&app, json!({"release": "26.2.0.cl"})).await;
    let w = hook(post(&app, "/webhooks/search", "{}").await.json());
    assert!(w.get("status").is_none() && w.get("additional_headers").is_none());
}

#[tokio::test]
async fn the_faults_document_refuses_a_malformed_release() {
    let app = app();
    for bad in [
        r#"{"release":"26.4"}"#,
        r#"{"release":"latest"}"#,
        r#"{"release":26}"#,
    ] {
        let r = post_faults(&app, bad).await;
        assert_eq!(r.status, BAD, "{bad}");
    }
    set_faults(&app, json!({"release": "27.1.0.cl"})).await;
    assert_eq!(
        get_as(&app, TOKEN, "/system").await.json()["release_version"],
        "27.1.0.cl"
    );
}
