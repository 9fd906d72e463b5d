//! Webhooks, the test event and the delivery history over HTTP.

mod common;

use axum::http::StatusCode;
use common::{app, app_with, fields, find, get_as, login, post, post_as, set_faults, state};
use demo_server::faults::Faults;
use demo_server::spec::Release;
use serde_json::{json, Value};

fn hook(name: &str) -> Value {
    json!({
        "name": name,
        "url": "https://receiver.example.com/ts",
        "events": ["LIVEBOARD_SCHEDULE"],
        "url_params": {"team": "ops"},
        "authentication": {"BASIC_AUTH": {"username": "ts", "password": "s3cret"}},
        "signature_verification": {"type": "HMAC_SHA256", "header": "X-TS-Signature", "algorithm": "SHA256", "secret": "hmac-key"},
        "additional_headers": [{"key": "X-Team", "value": "ops"}]
    })
}

#[tokio::test]
async fn create_redacts_secrets_and_the_org_comes_from_the_token() {
    let app = app();
    // A token scoped to Support (1889012345), which has no webhook.
    let token = login(&app, "admin", Some(1889012345)).await;
    let me = get_as(&app, &token, "/auth/session/user").await.json();
    assert_eq!(
        me["current_org"],
        json!({"id": 1889012345, "name": "Support"})
    );
    let r = post_as(&app, &token, "/webhooks/create", &hook("Support schedules")).await;
    assert_eq!(r.status, StatusCode::OK);
    let w = r.json();
    assert_eq!(w["org"], json!({"id": "1889012345", "name": "Support"}));
    assert_eq!(
        w["authentication"]["BASIC_AUTH"],
        json!({"username": "ts", "password": "***"})
    );
    assert_eq!(w["signature_verification"]["secret"], "***");
    assert_eq!(
        w["status"],
        Value::Null,
        "status omitted: null, but enabled"
    );
    // The secret itself is kept.
    let s = state(&app).await;
    let stored = find(&s["cluster"], "webhooks", "name", "Support schedules");
    assert_eq!(stored["authentication"]["BASIC_AUTH"]["password"], "s3cret");
    // One LIVEBOARD_SCHEDULE webhook per Org.
    let r = post_as(&app, &token, "/webhooks/create", &hook("Second")).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.error().0.contains("Only one LIVEBOARD_SCHEDULE webhook"));
}

#[tokio::test]
async fn create_validates_its_fields() {
    let app = app();
    let token = login(&app, "admin", Some(1889012345)).await;
    let cases = [
        (json!({"name": "x", "url": "https://a.example"}), "required"),
        (
            json!({"name": "x", "url": "ftp://a.example", "events": ["LIVEBOARD_SCHEDULE"]}),
            "url must be",
        ),
        (
            json!({"name": " ", "url": "https://a.example", "events": ["LIVEBOARD_SCHEDULE"]}),
            "name must not be empty",
        ),
        (
            json!({"name": "x", "url": "https://a.example", "events": []}),
            "At least one event type",
        ),
        (
            json!({"name": "x", "url": "https://a.example", "events": ["LIVEBOARD_SCHEDULE"], "additional_headers": [{"key": "Bad Header", "value": "v"}]}),
            "not a valid header name",
        ),
        (
            json!({"name": "x", "url": "https://a.example", "events": ["LIVEBOARD_SCHEDULE"], "authentication": {"BEARER_TOKEN": "a", "API_KEY": {"key": "k", "value": "v"}}}),
            "exactly one",
        ),
        (
            json!({"name": "x", "url": "https://a.example", "events": ["LIVEBOARD_SCHEDULE"], "authentication": {"BEARER_TOKEN": "***"}}),
            "redacted placeholder",
        ),
        (
            json!({"name": "x", "url": "https://a.example", "events": ["PIGEON"]}),
            "Invalid request body",
        ),
    ];
    for (body, expected) in cases {
        let r = post_as(&app, &token, "/webhooks/create", &body).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body}");
        assert!(r.error().0.contains(expected), "{body}: {}", r.error().0);
    }
    let analyst = login(&app, "analyst", None).await;
    let r = post_as(&app, &analyst, "/webhooks/create", &hook("y")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn update_changes_only_the_fields_sent_and_refuses_redacted_secrets() {
    let app = app();
    let id = "6f1c2a52-0b7e-4c61-9a51-3f9f0c0e1a01"; // Marketing schedules
    let r = post(
        &app,
        &format!("/webhooks/{id}/update"),
        r#"{"description":"Campaign reports","status":"DISABLED"}"#,
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let r = post(
        &app,
        &format!("/webhooks/{id}/update"),
        r#"{"authentication":{"BEARER_TOKEN":"***"}}"#,
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let s = state(&app).await;
    let w = find(&s["cluster"], "webhooks", "id", id);
    assert_eq!(w["description"], "Campaign reports");
    assert_eq!(w["status"], "DISABLED");
    assert_eq!(w["url"], "https://hooks.example.com/marketing");
    assert_eq!(
        w["authentication"]["BEARER_TOKEN"], "receiver-secret-1532970882",
        "the secret is untouched"
    );
    let r = post(&app, "/webhooks/nope/update", r#"{"description":"x"}"#).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn search_filters_sorts_and_pages() {
    let app = app();
    let v = post(
        &app,
        "/webhooks/search",
        r#"{"sort_options":{"field_name":"NAME","order":"ASC"},"record_size":2}"#,
    )
    .await
    .json();
    assert_eq!(
        fields(&v, "webhooks", "name"),
        ["Finance archive", "HR schedules"]
    );
    assert_eq!(
        v["pagination"],
        json!({"record_offset": 0, "record_size": 2, "total_count": 3, "has_more": true})
    );
    let v = post(
        &app,
        "/webhooks/search",
        r#"{"sort_options":{"field_name":"NAME","order":"ASC"},"record_offset":2,"record_size":2}"#,
    )
    .await
    .json();
    assert_eq!(v["webhooks"][0]["name"], "Marketing schedules");
    assert_eq!(v["pagination"]["has_more"], false);
    let v = post(&app, "/webhooks/search", r#"{"org_identifier":"HR"}"#)
        .await
        .json();
    assert_eq!(v["webhooks"].as_array().unwrap().len(), 1);
    assert_eq!(v["webhooks"][0]["authentication"]["BEARER_TOKEN"], "***");
    let r = post(&app, "/webhooks/search", r#"{"org_identifier":"Nowhere"}"#).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn delete_reports_deleted_and_failed() {
    let app = app();
    let v = post(
        &app,
        "/webhooks/delete",
        r#"{"webhook_identifiers":["HR schedules","missing"]}"#,
    )
    .await
    .json();
    assert_eq!(v["deleted_count"], 1);
    assert_eq!(v["failed_count"], 1);
    assert_eq!(v["deleted_webhooks"][0]["name"], "HR schedules");
    assert_eq!(v["failed_webhooks"][0]["id"], "missing");
    let v = post(&app, "/webhooks/search", "{}").await.json();
    assert_eq!(v["pagination"]["total_count"], 2);
}

#[tokio::test]
async fn a_test_event_is_recorded_in_the_history_and_a_failing_receiver_fails() {
    let app = app();
    let body = r#"{"channel_type":"WEBHOOK","channel_identifier":"Marketing schedules","event_type":"LIVEBOARD_SCHEDULE"}"#;
    let ok = post(&app, "/system/communication-channels/validate", body)
        .await
        .json();
    assert_eq!(ok["result_code"], "SUCCESS");
    assert_eq!(ok["details"][0]["validation_step"], "HTTP_CONNECTION_CHECK");
    assert_eq!(ok["details"][0]["http_status"], 200);
    set_faults(&app, json!({"failing_receiver": true})).await;
    let failed = post(&app, "/system/communication-channels/validate", body)
        .await
        .json();
    assert_eq!(failed["result_code"], "FAILED");
    assert_eq!(failed["details"][0]["status"], "FAILED");
    assert_eq!(failed["details"][0]["http_status"], 500);

    // From start-up on: the test events, without the scheduled deliveries
    // (the latest of which is 30 minutes before start-up).
    let started = state(&app).await["cluster"]["deliveries"]["started_ms"].clone();
    let h = post(
        &app,
        "/jobs/history/communication-channels/search",
        &json!({"channel_type": "WEBHOOK", "channel_identifiers": ["Marketing schedules"],
                "events": [{"type": "LIVEBOARD_SCHEDULE"}], "start_epoch_time_in_millis": started})
        .to_string(),
    )
    .await
    .json();
    assert_eq!(
        fields(&h, "jobs", "status"),
        ["FAILED", "SUCCESS"],
        "newest first"
    );
    let by_id = post(
        &app,
        "/jobs/history/communication-channels/search",
        &json!({"channel_type": "WEBHOOK", "job_ids": [ok["job_id"]]}).to_string(),
    )
    .await
    .json();
    assert_eq!(by_id["jobs"].as_array().unwrap().len(), 1);
    assert_eq!(by_id["jobs"][0]["status"], "SUCCESS");
    // The spec's rules for the filters.
    let r = post(&app, "/jobs/history/communication-channels/search", r#"{"channel_type":"WEBHOOK","channel_identifiers":["a","b"],"events":[{"type":"LIVEBOARD_SCHEDULE"}]}"#).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = post(
        &app,
        "/jobs/history/communication-channels/search",
        r#"{"channel_type":"WEBHOOK","channel_identifiers":["a"]}"#,
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn at_26_2_validate_and_history_are_404() {
    let app = app_with(Faults {
        release: Release(26, 2, 0),
        ..Faults::default()
    });
    let r = post(
        &app,
        "/system/communication-channels/validate",
        r#"{"channel_type":"WEBHOOK","channel_identifier":"x","event_type":"LIVEBOARD_SCHEDULE"}"#,
    )
    .await;
    r.assert_error(StatusCode::NOT_FOUND, 10004, "No such endpoint.");
    let r = post(
        &app,
        "/jobs/history/communication-channels/search",
        r#"{"channel_type":"WEBHOOK","job_ids":["x"]}"#,
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(
        post(&app, "/webhooks/search", "{}").await.status,
        StatusCode::OK
    );
}
