//! The `newer_server` fault: a server newer than the vendored spec that also
//! knows the event type ALERT_DIGEST and the channel SLACK, seeds them, answers
//! them and accepts them back; without it they are refused as the vendored
//! release refuses them.

mod common;

use axum::http::StatusCode;
use common::{app, app_with, post, reset, set_faults, state};
use demo_server::faults::Faults;
use serde_json::{json, Value};

const CONFIGURE: &str = "/system/preferences/communication-channels/configure";
const SEARCH: &str = "/system/preferences/communication-channels/search";

fn newer() -> axum::Router {
    app_with(Faults {
        newer_server: true,
        ..Faults::default()
    })
}

/// The preferences of an Org in a search answer of every Org.
fn prefs<'a>(search: &'a Value, name: &str) -> &'a Value {
    let orgs = search["org_preferences"].as_array().unwrap();
    &orgs.iter().find(|o| o["org"]["name"] == name).unwrap()["preferences"]
}

async fn search_all(app: &axum::Router) -> Value {
    post(app, SEARCH, "{}")
        .await
        .assert_status(StatusCode::OK)
        .json()
}

/// The seeded values of the newer server, as a search of every Org answers them.
fn assert_newer_seed(v: &Value) {
    assert_eq!(
        v["cluster_preferences"],
        json!([{"event_type": "ALERT_DIGEST", "channels": ["EMAIL"]}]),
        "the default's LIVEBOARD_SCHEDULE stays never set"
    );
    assert_eq!(
        prefs(v, "Zürich Analytics"),
        &json!([
            {"event_type": "LIVEBOARD_SCHEDULE", "channels": ["EMAIL", "SLACK"]},
            {"event_type": "ALERT_DIGEST", "channels": ["WEBHOOK"]}
        ])
    );
    assert_eq!(
        prefs(v, "Support"),
        &json!([{"event_type": "ALERT_DIGEST", "channels": ["SLACK"]}])
    );
    assert_eq!(
        prefs(v, "Finance"),
        &json!([{"event_type": "LIVEBOARD_SCHEDULE", "channels": ["EMAIL"]}])
    );
}

/// No ALERT_DIGEST and no SLACK anywhere in an answer.
fn assert_vendored_only(v: &Value) {
    let text = v.to_string();
    assert!(
        !text.contains("ALERT_DIGEST") && !text.contains("SLACK"),
        "{text}"
    );
}

/// A save that uses every newer value: REPLACE with both event types and SLACK,
/// RESET of ALERT_DIGEST, and a cluster default for both.
fn newer_save() -> Value {
    json!({
        "cluster_preferences": [
            {"event_type": "ALERT_DIGEST", "channels": ["SLACK", "WEBHOOK"]},
            {"event_type": "LIVEBOARD_SCHEDULE", "channels": ["SLACK"]}
        ],
        "org_preferences": [
            {"org_identifier": "Zürich Analytics", "operation": "REPLACE", "preferences": [
                {"event_type": "LIVEBOARD_SCHEDULE", "channels": ["SLACK"]},
                {"event_type": "ALERT_DIGEST", "channels": ["EMAIL", "SLACK"]}
            ]},
            {"org_identifier": "Support", "operation": "RESET", "reset_events": ["ALERT_DIGEST"]},
            {"org_identifier": "Finance", "operation": "REPLACE", "preferences": [
                {"event_type": "ALERT_DIGEST", "channels": []}
            ]}
        ]
    })
}

#[tokio::test]
async fn a_newer_server_seeds_and_answers_the_event_types_and_channels_it_knows() {
    let app = newer();
    let v = search_all(&app).await;
    assert_newer_seed(&v);
    let r = post(
        &app,
        SEARCH,
        r#"{"cluster_preferences":["ALERT_DIGEST"],
            "org_preferences":[{"org_identifier":"Zürich Analytics","event_types":["ALERT_DIGEST"]}]}"#,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.json(),
        json!({
            "cluster_preferences": [{"event_type": "ALERT_DIGEST", "channels": ["EMAIL"]}],
            "org_preferences": [{"org": {"id": "1402876615", "name": "Zürich Analytics"},
                "preferences": [{"event_type": "ALERT_DIGEST", "channels": ["WEBHOOK"]}]}]
        })
    );
    let cluster = &state(&app).await["cluster"];
    assert_eq!(cluster["defaults"], json!({"ALERT_DIGEST": ["EMAIL"]}));
}

#[tokio::test]
async fn a_newer_server_accepts_its_values_back_and_the_vendored_release_refuses_them() {
    let app = newer();
    let body = newer_save().to_string();
    post(&app, CONFIGURE, &body)
        .await
        .assert_status(StatusCode::NO_CONTENT);
    let v = search_all(&app).await;
    assert_eq!(
        v["cluster_preferences"],
        json!([
            {"event_type": "LIVEBOARD_SCHEDULE", "channels": ["SLACK"]},
            {"event_type": "ALERT_DIGEST", "channels": ["SLACK", "WEBHOOK"]}
        ])
    );
    assert_eq!(
        prefs(&v, "Zürich Analytics"),
        &json!([
            {"event_type": "LIVEBOARD_SCHEDULE", "channels": ["SLACK"]},
            {"event_type": "ALERT_DIGEST", "channels": ["EMAIL", "SLACK"]}
        ])
    );
    assert_eq!(prefs(&v, "Support"), &json!([]), "inherits again");
    assert_eq!(
        prefs(&v, "Finance"),
        &json!([
            {"event_type": "LIVEBOARD_SCHEDULE", "channels": ["EMAIL"]},
            {"event_type": "ALERT_DIGEST", "channels": []}
        ])
    );
    assert_eq!(state(&app).await["configure_log"], json!([newer_save()]));

    // The same body on a server of the vendored release: 400, nothing changed.
    let vendored = common::app();
    let before = state(&vendored).await["cluster"].clone();
    let r = post(&vendored, CONFIGURE, &body).await;
    r.assert_error(StatusCode::BAD_REQUEST, 10002, "\"ALERT_DIGEST\"");
    r.assert_error(StatusCode::BAD_REQUEST, 10002, "\"SLACK\"");
    assert_eq!(state(&vendored).await["cluster"], before);
    for body in [
        r#"{"org_preferences":[{"org_identifier":"Support","operation":"RESET","reset_events":["ALERT_DIGEST"]}]}"#,
        r#"{"cluster_preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":["SLACK"]}]}"#,
    ] {
        let r = post(&vendored, CONFIGURE, body).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body}");
    }
    let r = post(
        &vendored,
        SEARCH,
        r#"{"cluster_preferences":["ALERT_DIGEST"]}"#,
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    // Values no release knows stay refused by the newer server too.
    let r = post(
        &app,
        CONFIGURE,
        r#"{"cluster_preferences":[{"event_type":"ALERT_DIGEST","channels":["SMS"]}]}"#,
    )
    .await;
    r.assert_error(StatusCode::BAD_REQUEST, 10002, "\"SMS\"");
}

#[tokio::test]
async fn a_replace_sets_the_event_types_sent_and_keeps_the_others() {
    let app = newer();
    let r = post(
        &app,
        CONFIGURE,
        r#"{"org_preferences":[{"org_identifier":"Zürich Analytics","operation":"REPLACE",
            "preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":["WEBHOOK"]}]}]}"#,
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        prefs(&search_all(&app).await, "Zürich Analytics"),
        &json!([
            {"event_type": "LIVEBOARD_SCHEDULE", "channels": ["WEBHOOK"]},
            {"event_type": "ALERT_DIGEST", "channels": ["WEBHOOK"]}
        ])
    );
}

#[tokio::test]
async fn switching_at_run_time_changes_the_seed_in_place_and_reset_returns_to_start_up() {
    let app = app();
    let body = newer_save().to_string();
    assert_vendored_only(&search_all(&app).await);
    assert_eq!(
        post(&app, CONFIGURE, &body).await.status,
        StatusCode::BAD_REQUEST
    );

    set_faults(&app, json!({"newer_server": true})).await;
    assert_newer_seed(&search_all(&app).await);
    assert_eq!(
        post(&app, CONFIGURE, &body).await.status,
        StatusCode::NO_CONTENT
    );
    // Switching it on again changes nothing.
    set_faults(&app, json!({"newer_server": true, "latency_ms": 0})).await;
    let v = search_all(&app).await;
    assert_eq!(
        prefs(&v, "Zürich Analytics")[1],
        json!({"event_type": "ALERT_DIGEST", "channels": ["EMAIL", "SLACK"]})
    );

    // Off: the cluster answers as the vendored release again.
    set_faults(&app, json!({})).await;
    let v = search_all(&app).await;
    assert_vendored_only(&v);
    assert_eq!(
        prefs(&v, "Zürich Analytics"),
        &json!([{"event_type": "LIVEBOARD_SCHEDULE", "channels": []}])
    );
    assert_eq!(
        post(&app, CONFIGURE, &body).await.status,
        StatusCode::BAD_REQUEST
    );

    // Reset returns to the start-up options: off here, on for a newer server.
    set_faults(&app, json!({"newer_server": true})).await;
    reset(&app).await;
    assert_vendored_only(&search_all(&app).await);
    let app = newer();
    set_faults(&app, json!({})).await;
    assert_vendored_only(&search_all(&app).await);
    reset(&app).await;
    assert_newer_seed(&search_all(&app).await);
}
