//! The faults document: a busy cluster (429 with Retry-After), error-code
//! overrides, an Org whose changes do not hold, a failing read-back after a
//! save, defaults and reset.

mod common;

use axum::http::{header, StatusCode};
use common::{app, app_with, faults, login, post, post_as, post_faults, reset, set_faults, state};
use demo_server::faults::Faults;
use demo_server::spec::Release;
use serde_json::{json, Value};

const SEARCH: &str = "/system/preferences/communication-channels/search";
const CONFIGURE: &str = "/system/preferences/communication-channels/configure";
const READBACK_FAILED: &str = "Injected fault: the read-back after a save failed.";

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
            "failing_deliveries",
            "failing_receiver",
            "gateway_errors",
            "hang",
            "ignore_org",
            "latency_ms",
            "live_error_shape",
            "malformed",
            "newer_server",
            "path",
            "rbac",
            "readback_fail",
            "release",
            "retry_after_s",
            "status",
            "times",
            "unauthorized_after",
            "unlisted_privileges"
        ]
    );
    assert_eq!(
        f,
        json!({"status": null, "retry_after_s": null, "code": null, "malformed": false,
               "hang": false, "path": null, "times": null, "unauthorized_after": null,
               "latency_ms": 0, "live_error_shape": false, "failing_receiver": false,
               "release": "26.8.0.cl", "rbac": true, "cors_origins": null, "gateway_errors": false,
               "ignore_org": null, "readback_fail": false, "newer_server": false,
               "failing_deliveries": [], "unlisted_privileges": false})
    );
    set_faults(
        &app,
        json!({"status": 502, "rbac": false, "release": "26.2.0.cl", "gateway_errors": true,
               "cors_origins": ["https://a.example"], "ignore_org": "Finance",
               "readback_fail": true, "newer_server": true, "failing_deliveries": ["Finance"],
               "unlisted_privileges": true}),
    )
    .await;
    set_faults(&app, json!({})).await;
    assert_eq!(faults(&app).await, f);
    for bad in [
        r#"{"before_26_4":true}"#,
        r#"{"rbac":"off"}"#,
        r#"{"cors_origins":"x"}"#,
        r#"{"failing_deliveries":"Finance"}"#,
    ] {
        let r = post_faults(&app, bad).await;
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
    reset(&app).await;
    assert_eq!(faults(&app).await, before);
    assert_eq!(serde_json::from_value::<Faults>(before).unwrap(), start);
}

/// The LIVEBOARD_SCHEDULE channels of an Org (`None`: it inherits), and the cluster default's.
async fn schedules(app: &axum::Router) -> (Option<Value>, Vec<(String, Option<Value>)>) {
    let r = post(app, SEARCH, "{}").await;
    assert_eq!(r.status, StatusCode::OK);
    let v = r.json();
    let channels = |prefs: &Value| {
        prefs
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["event_type"] == "LIVEBOARD_SCHEDULE")
            .map(|p| p["channels"].clone())
    };
    let orgs = v["org_preferences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["org"]["name"].as_str().unwrap().to_string(),
                channels(&o["preferences"]),
            )
        })
        .collect();
    (channels(&v["cluster_preferences"]), orgs)
}

fn org<'a>(orgs: &'a [(String, Option<Value>)], name: &str) -> &'a Option<Value> {
    &orgs.iter().find(|(n, _)| n == name).unwrap().1
}

#[tokio::test]
async fn an_ignored_org_stays_as_it_was_while_the_rest_of_the_save_holds() {
    // By id at start-up.
    let app = app_with(Faults {
        ignore_org: Some("583464508".into()),
        ..Faults::default()
    });
    let (_, before) = schedules(&app).await;
    assert_eq!(org(&before, "Finance"), &Some(json!(["EMAIL"])));
    let body = json!({
        "cluster_preferences": [{"event_type": "LIVEBOARD_SCHEDULE", "channels": ["WEBHOOK"]}],
        "org_preferences": [
            {"org_identifier": "Finance", "operation": "REPLACE",
             "preferences": [{"event_type": "LIVEBOARD_SCHEDULE", "channels": ["WEBHOOK"]}]},
            {"org_identifier": "Marketing", "operation": "REPLACE",
             "preferences": [{"event_type": "LIVEBOARD_SCHEDULE", "channels": ["EMAIL"]}]},
            {"org_identifier": "Legal", "operation": "RESET", "reset_events": ["LIVEBOARD_SCHEDULE"]}
        ]
    });
    let r = post(&app, CONFIGURE, &body.to_string()).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert!(r.body.is_empty());
    let (default, after) = schedules(&app).await;
    assert_eq!(default, Some(json!(["WEBHOOK"])));
    assert_eq!(org(&after, "Finance"), &Some(json!(["EMAIL"])), "ignored");
    assert_eq!(org(&after, "Marketing"), &Some(json!(["EMAIL"])));
    assert_eq!(org(&after, "Legal"), &None);
    let changed: Vec<&str> = after
        .iter()
        .zip(&before)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.0.as_str())
        .collect();
    assert_eq!(changed, ["Marketing", "Legal"]);
    assert_eq!(state(&app).await["configure_log"], json!([body]));

    // A RESET of the ignored Org does not hold either; by name at run time,
    // matched as org_identifier is (case-insensitively).
    set_faults(&app, json!({"ignore_org": "sales emea"})).await;
    let reset = json!({"org_preferences": [
        {"org_identifier": "2100019165", "operation": "RESET", "reset_events": ["LIVEBOARD_SCHEDULE"]},
        {"org_identifier": "Finance", "operation": "RESET", "reset_events": ["LIVEBOARD_SCHEDULE"]}
    ]});
    let r = post(&app, CONFIGURE, &reset.to_string()).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let (_, after) = schedules(&app).await;
    assert_eq!(
        org(&after, "Sales EMEA"),
        &Some(json!(["EMAIL", "WEBHOOK"]))
    );
    assert_eq!(org(&after, "Finance"), &None, "no longer ignored");
    assert_eq!(state(&app).await["configure_log"][1], reset);

    // A call that is not otherwise valid is refused as usual.
    let r = post(
        &app,
        CONFIGURE,
        r#"{"org_preferences":[{"org_identifier":"Sales EMEA","operation":"RESET"}]}"#,
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);

    // {} clears it.
    set_faults(&app, json!({})).await;
    let r = post(&app, CONFIGURE, &reset.to_string()).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let (_, after) = schedules(&app).await;
    assert_eq!(org(&after, "Sales EMEA"), &None);
}

#[tokio::test]
async fn the_read_back_after_each_save_fails_once() {
    let app = app_with(Faults {
        readback_fail: true,
        ..Faults::default()
    });
    let save = r#"{"org_preferences":[{"org_identifier":"Finance","operation":"REPLACE",
        "preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":["WEBHOOK"]}]}]}"#;
    // A search not preceded by a save is answered.
    assert_eq!(post(&app, SEARCH, "{}").await.status, StatusCode::OK);
    assert_eq!(post(&app, SEARCH, "{}").await.status, StatusCode::OK);
    for _ in 0..2 {
        assert_eq!(
            post(&app, CONFIGURE, save).await.status,
            StatusCode::NO_CONTENT
        );
        let r = post(&app, SEARCH, "{}").await;
        r.assert_error(StatusCode::INTERNAL_SERVER_ERROR, 10038, READBACK_FAILED);
        assert_eq!(r.error().0, READBACK_FAILED);
        // "Check again" works, and shows that the save held.
        let (_, orgs) = schedules(&app).await;
        assert_eq!(org(&orgs, "Finance"), &Some(json!(["WEBHOOK"])));
        assert_eq!(post(&app, SEARCH, "{}").await.status, StatusCode::OK);
    }
    // Other calls after a save are answered, and the next search still fails,
    // whoever makes it.
    assert_eq!(
        post(&app, CONFIGURE, save).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        post(&app, "/orgs/search", "{}").await.status,
        StatusCode::OK
    );
    let developer = login(&app, "developer", None).await;
    let r = post_as(&app, &developer, SEARCH, &json!({})).await;
    r.assert_error(StatusCode::INTERNAL_SERVER_ERROR, 10038, READBACK_FAILED);
    assert_eq!(post(&app, SEARCH, "{}").await.status, StatusCode::OK);
    // A refused save does not arm it.
    let refused = post(
        &app,
        CONFIGURE,
        r#"{"org_preferences":[{"org_identifier":"Nowhere","operation":"RESET","reset_events":["LIVEBOARD_SCHEDULE"]}]}"#,
    )
    .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert_eq!(post(&app, SEARCH, "{}").await.status, StatusCode::OK);
    // In the live clusters' error shape too.
    set_faults(
        &app,
        json!({"readback_fail": true, "live_error_shape": true}),
    )
    .await;
    assert_eq!(
        post(&app, CONFIGURE, save).await.status,
        StatusCode::NO_CONTENT
    );
    let r = post(&app, SEARCH, "{}").await;
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
    let debug = &r.json()["error"]["message"]["debug"];
    assert_eq!(debug["code"], 10038);
    assert_eq!(debug["debug"], json!([READBACK_FAILED]).to_string());
}

#[tokio::test]
async fn the_read_back_fault_switches_at_run_time_and_empty_clears_it() {
    let app = app();
    let save =
        r#"{"cluster_preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":["EMAIL"]}]}"#;
    assert_eq!(
        post(&app, CONFIGURE, save).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(post(&app, SEARCH, "{}").await.status, StatusCode::OK);
    set_faults(&app, json!({"readback_fail": true})).await;
    assert_eq!(post(&app, SEARCH, "{}").await.status, StatusCode::OK);
    assert_eq!(
        post(&app, CONFIGURE, save).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        post(&app, SEARCH, "{}").await.status,
        StatusCode::INTERNAL_SERVER_ERROR
    );
    assert_eq!(
        post(&app, CONFIGURE, save).await.status,
        StatusCode::NO_CONTENT
    );
    // Switched off between the save and the read-back: the read-back works.
    set_faults(&app, json!({})).await;
    assert_eq!(post(&app, SEARCH, "{}").await.status, StatusCode::OK);
    assert_eq!(
        post(&app, CONFIGURE, save).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(post(&app, SEARCH, "{}").await.status, StatusCode::OK);
}
