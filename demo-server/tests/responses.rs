//! Every successful answer matches the vendored response schema of its endpoint
//! (`common::send` checks each one; this test makes sure each endpoint is hit).

mod common;

use axum::http::StatusCode;
use common::{app, get_as, login, post, post_as, set_faults, token_full, TOKEN};
use demo_server::spec::spec;
use demo_server::spec::API;
use serde_json::json;
use std::collections::BTreeSet;

#[tokio::test]
async fn each_endpoints_answer_matches_its_response_schema_at_every_release() {
    for release in ["26.8.0.cl", "26.7.0.cl", "26.4.0.cl"] {
        let app = app();
        set_faults(&app, json!({ "release": release })).await;
        let mut checked = BTreeSet::new();
        let mut keep = |r: common::Reply| {
            assert!(
                r.status.is_success(),
                "{}",
                String::from_utf8_lossy(&r.body)
            );
            if let Some(k) = r.schema_checked.clone() {
                checked.insert(k);
            }
            r
        };
        let t = keep(
            token_full(
                &app,
                r#"{"username":"admin","password":"demo-password","org_id":1889012345}"#,
            )
            .await,
        )
        .json()["token"]
            .as_str()
            .unwrap()
            .to_string();
        keep(get_as(&app, &t, "/auth/session/user").await);
        keep(get_as(&app, TOKEN, "/system").await);
        keep(post(&app, "/orgs/search", "{}").await);
        keep(
            post(
                &app,
                "/system/preferences/communication-channels/search",
                r#"{"cluster_preferences":["LIVEBOARD_SCHEDULE"]}"#,
            )
            .await,
        );
        keep(
            post(
                &app,
                "/system/preferences/communication-channels/search",
                "{}",
            )
            .await,
        );
        let created = keep(
            post_as(
                &app,
                &t,
                "/webhooks/create",
                &json!({"name": "Support", "url": "https://a.example", "events": ["LIVEBOARD_SCHEDULE"],
                        "url_params": {"a": "b"}, "description": "d",
                        "authentication": {"OAUTH2": {"authorization_url": "https://auth.example", "client_id": "c", "client_secret": "s"}},
                        "signature_verification": {"type": "HMAC_SHA256", "header": "X-Sig", "algorithm": "SHA256", "secret": "k"},
                        "additional_headers": [{"key": "X-A", "value": "b"}]}),
            )
            .await,
        )
        .json();
        keep(post(&app, "/webhooks/search", "{}").await);
        let v = keep(
            post(
                &app,
                "/system/communication-channels/validate",
                r#"{"channel_type":"WEBHOOK","channel_identifier":"Support","event_type":"LIVEBOARD_SCHEDULE"}"#,
            )
            .await,
        )
        .json();
        keep(
            post_as(
                &app,
                TOKEN,
                "/jobs/history/communication-channels/search",
                &json!({"channel_type": "WEBHOOK", "job_ids": [v["job_id"]]}),
            )
            .await,
        );
        keep(
            post_as(
                &app,
                TOKEN,
                "/webhooks/delete",
                &json!({"webhook_identifiers": [created["id"], "missing"]}),
            )
            .await,
        );
        let expected: BTreeSet<String> = spec()
            .endpoints()
            .iter()
            .filter(|e| e.success != 204)
            .map(|e| e.key())
            .collect();
        assert_eq!(checked, expected, "{release}");
    }
}

#[tokio::test]
async fn the_check_catches_a_wrong_shape() {
    let s = spec();
    let orgs = s.find("POST", &format!("{API}/orgs/search")).unwrap();
    assert!(orgs
        .check_response(&json!([{"id": 0, "name": "Primary"}]))
        .is_ok());
    assert!(orgs.check_response(&json!({"orgs": []})).is_err());
    let user = s.find("GET", &format!("{API}/auth/session/user")).unwrap();
    assert!(user
        .check_response(
            &json!({"id": "1", "name": "a", "display_name": "A", "visibility": "SHARABLE",
            "current_org": {"id": "0", "name": "Primary"}})
        )
        .unwrap_err()
        .contains("/current_org"));
}

#[tokio::test]
async fn no_content_answers_have_no_body() {
    let app = app();
    let r = post(
        &app,
        "/system/preferences/communication-channels/configure",
        r#"{"org_preferences":[{"org_identifier":"Support","preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":[]}]}]}"#,
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert!(r.body.is_empty());
    let t = login(&app, "developer", None).await;
    let r = post_as(
        &app,
        &t,
        "/webhooks/6f1c2a52-0b7e-4c61-9a51-3f9f0c0e1a02/update",
        &json!({"name": "HR"}),
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert!(r.body.is_empty());
}
