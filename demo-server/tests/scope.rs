//! A token reaches its own Org only, unless it is scoped to the Primary Org.

mod common;

use axum::http::{Method, StatusCode};
use common::{app, call, get_as, login, post, post_as, state, TOKEN};
use demo_server::http::API;
use serde_json::{json, Value};

const SEARCH: &str = "/system/preferences/communication-channels/search";
const CONFIGURE: &str = "/system/preferences/communication-channels/configure";
const FINANCE: i64 = 583464508;
const MARKETING_HOOK: &str = "6f1c2a52-0b7e-4c61-9a51-3f9f0c0e1a01";
const FORBIDDEN: StatusCode = StatusCode::FORBIDDEN;

fn names(v: &Value, list: &str, field: &str) -> Vec<String> {
    v[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x[field].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn tokens_belong_to_one_org_and_session_user_reports_it() {
    let app = app();
    let me = get_as(&app, TOKEN, "/auth/session/user").await.json();
    assert_eq!(me["current_org"], json!({"id": 0, "name": "Primary"}));
    let primary = login(&app, "developer", None).await;
    let me = get_as(&app, &primary, "/auth/session/user").await.json();
    assert_eq!(me["current_org"]["id"], 0);
    let finance = login(&app, "developer", Some(FINANCE)).await;
    let me = get_as(&app, &finance, "/auth/session/user").await.json();
    assert_eq!(me["current_org"], json!({"id": FINANCE, "name": "Finance"}));
    let r = call(
        &app,
        Method::POST,
        &format!("{API}/auth/token/full"),
        None,
        Some(r#"{"username":"admin","password":"demo-password","org_id":42}"#),
    )
    .await;
    r.assert_error(
        StatusCode::BAD_REQUEST,
        10002,
        "org_id does not match a known org.",
    );
}

#[tokio::test]
async fn preference_search_from_another_org_sees_that_org_only() {
    let app = app();
    let t = login(&app, "admin", Some(FINANCE)).await;
    let v = post_as(&app, &t, SEARCH, &json!({})).await.json();
    assert!(v.get("cluster_preferences").is_none(), "{v}");
    assert_eq!(
        v["org_preferences"],
        json!([{"org": {"id": FINANCE.to_string(), "name": "Finance"},
                "preferences": [{"event_type": "LIVEBOARD_SCHEDULE", "channels": ["EMAIL"]}]}])
    );
    let v = post_as(
        &app,
        &t,
        SEARCH,
        &json!({"org_preferences": [{"org_identifier": "Finance"}]}),
    )
    .await;
    assert_eq!(v.status, StatusCode::OK);
    post_as(
        &app,
        &t,
        SEARCH,
        &json!({"org_preferences": [{"org_identifier": "Finance"}, {"org_identifier": "0"}]}),
    )
    .await
    .assert_error(FORBIDDEN, 13090, "User does not have access to org 0");
    post_as(
        &app,
        &t,
        SEARCH,
        &json!({"cluster_preferences": ["LIVEBOARD_SCHEDULE"]}),
    )
    .await
    .assert_error(
        FORBIDDEN,
        13090,
        "Cluster-level preferences are available from the Primary Org only",
    );
    // An Org that does not exist is still a 400.
    post_as(
        &app,
        &t,
        SEARCH,
        &json!({"org_preferences": [{"org_identifier": "Nowhere"}]}),
    )
    .await
    .assert_error(StatusCode::BAD_REQUEST, 10002, "does not match a known org");

    // The Primary Org sees every Org and the cluster default.
    let v = post(&app, SEARCH, "{}").await.json();
    assert_eq!(v["cluster_preferences"], json!([]));
    assert_eq!(v["org_preferences"].as_array().unwrap().len(), 18);
}

#[tokio::test]
async fn configure_from_another_org_changes_that_org_only_or_nothing() {
    let app = app();
    let t = login(&app, "admin", Some(FINANCE)).await;
    let webhook = |org: &str| {
        json!({"org_identifier": org, "operation": "REPLACE",
               "preferences": [{"event_type": "LIVEBOARD_SCHEDULE", "channels": ["WEBHOOK"]}]})
    };
    let r = post_as(
        &app,
        &t,
        CONFIGURE,
        &json!({"org_preferences": [webhook("Finance"), webhook("Legal")]}),
    )
    .await;
    r.assert_error(
        FORBIDDEN,
        13090,
        "User does not have access to org 1170024401",
    );
    post_as(
        &app,
        &t,
        CONFIGURE,
        &json!({"cluster_preferences": [{"event_type": "LIVEBOARD_SCHEDULE", "channels": ["EMAIL"]}]}),
    )
    .await
    .assert_error(FORBIDDEN, 13090, "Primary Org only");
    post_as(
        &app,
        &t,
        CONFIGURE,
        &json!({"cluster_preferences": [], "org_preferences": [webhook("Finance")]}),
    )
    .await
    .assert_error(FORBIDDEN, 13090, "Primary Org only");
    let s = state(&app).await;
    assert_eq!(s["configure_log"], json!([]), "nothing applied");
    let finance = s["cluster"]["orgs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "Finance")
        .unwrap()
        .clone();
    assert_eq!(
        finance["preferences"]["LIVEBOARD_SCHEDULE"],
        json!(["EMAIL"])
    );

    let r = post_as(
        &app,
        &t,
        CONFIGURE,
        &json!({"org_preferences": [webhook(&FINANCE.to_string())]}),
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);

    // The scope is checked before the privilege for cluster-level changes.
    let dev = login(&app, "developer", Some(FINANCE)).await;
    post_as(
        &app,
        &dev,
        CONFIGURE,
        &json!({"cluster_preferences": [{"event_type": "LIVEBOARD_SCHEDULE", "channels": ["EMAIL"]}]}),
    )
    .await
    .assert_error(FORBIDDEN, 13090, "Primary Org only");
    let dev = login(&app, "developer", None).await;
    post_as(
        &app,
        &dev,
        CONFIGURE,
        &json!({"cluster_preferences": [{"event_type": "LIVEBOARD_SCHEDULE", "channels": ["EMAIL"]}]}),
    )
    .await
    .assert_error(FORBIDDEN, 10023, "ADMINISTRATION privilege required to configure cluster-level");
}

#[tokio::test]
async fn orgs_search_from_another_org_lists_that_org_only() {
    let app = app();
    let t = login(&app, "admin", Some(FINANCE)).await;
    let v = post_as(&app, &t, "/orgs/search", &json!({})).await.json();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["id"], FINANCE);
    let v = post_as(
        &app,
        &t,
        "/orgs/search",
        &json!({"org_identifier": "Legal"}),
    )
    .await
    .json();
    assert_eq!(v, json!([]));
    let all = post(&app, "/orgs/search", "{}").await.json();
    assert_eq!(all.as_array().unwrap().len(), 18);
}

#[tokio::test]
async fn webhooks_from_another_org_are_out_of_reach() {
    let app = app();
    let t = login(&app, "admin", Some(FINANCE)).await;
    let v = post_as(&app, &t, "/webhooks/search", &json!({}))
        .await
        .json();
    assert_eq!(names(&v, "webhooks", "name"), ["Finance archive"]);
    assert_eq!(v["pagination"]["total_count"], 1);
    let v = post_as(
        &app,
        &t,
        "/webhooks/search",
        &json!({"org_identifier": "Finance"}),
    )
    .await
    .json();
    assert_eq!(names(&v, "webhooks", "name"), ["Finance archive"]);
    post_as(
        &app,
        &t,
        "/webhooks/search",
        &json!({"org_identifier": "HR"}),
    )
    .await
    .assert_error(
        FORBIDDEN,
        13090,
        "User does not have access to org 1923456781",
    );
    post_as(
        &app,
        &t,
        "/webhooks/search",
        &json!({"org_identifier": "Nowhere"}),
    )
    .await
    .assert_error(StatusCode::BAD_REQUEST, 10002, "does not match a known org");

    post_as(
        &app,
        &t,
        &format!("/webhooks/{MARKETING_HOOK}/update"),
        &json!({"description": "mine now"}),
    )
    .await
    .assert_error(
        FORBIDDEN,
        13090,
        "User does not have access to org 1532970882",
    );
    post_as(
        &app,
        &t,
        "/webhooks/delete",
        &json!({"webhook_identifiers": ["Finance archive", "Marketing schedules"]}),
    )
    .await
    .assert_error(
        FORBIDDEN,
        13090,
        "User does not have access to org 1532970882",
    );
    let validate = |name: &str| json!({"channel_type": "WEBHOOK", "channel_identifier": name, "event_type": "LIVEBOARD_SCHEDULE"});
    post_as(
        &app,
        &t,
        "/system/communication-channels/validate",
        &validate("Marketing schedules"),
    )
    .await
    .assert_error(
        FORBIDDEN,
        13090,
        "User does not have access to org 1532970882",
    );
    let history = json!({"channel_type": "WEBHOOK", "channel_identifiers": ["Marketing schedules"],
        "events": [{"type": "LIVEBOARD_SCHEDULE"}]});
    post_as(
        &app,
        &t,
        "/jobs/history/communication-channels/search",
        &history,
    )
    .await
    .assert_error(
        FORBIDDEN,
        13090,
        "User does not have access to org 1532970882",
    );
    // A job of another Org, looked up by id.
    let job = post(
        &app,
        "/system/communication-channels/validate",
        &validate("Marketing schedules").to_string(),
    )
    .await
    .json()["job_id"]
        .clone();
    post_as(
        &app,
        &t,
        "/jobs/history/communication-channels/search",
        &json!({"channel_type": "WEBHOOK", "job_ids": [job]}),
    )
    .await
    .assert_error(
        FORBIDDEN,
        13090,
        "User does not have access to org 1532970882",
    );

    // Nothing of Marketing's changed; Finance's own webhook is in reach.
    let s = state(&app).await;
    let hooks = s["cluster"]["webhooks"].as_array().unwrap();
    assert_eq!(hooks.len(), 3);
    assert!(hooks.iter().all(|h| h["description"].is_null()));
    let r = post_as(
        &app,
        &t,
        "/system/communication-channels/validate",
        &validate("Finance archive"),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let r = post_as(
        &app,
        &t,
        "/webhooks/delete",
        &json!({"webhook_identifiers": ["Finance archive"]}),
    )
    .await;
    assert_eq!(r.json()["deleted_count"], 1);

    // The Primary Org reaches every Org's webhooks.
    let v = post(&app, "/webhooks/search", "{}").await.json();
    assert_eq!(v["pagination"]["total_count"], 2);
}

#[tokio::test]
async fn webhooks_are_created_in_the_tokens_org() {
    let app = app();
    let t = login(&app, "developer", Some(1889012345)).await;
    let r = post_as(
        &app,
        &t,
        "/webhooks/create",
        &json!({"name": "Support", "url": "https://a.example", "events": ["LIVEBOARD_SCHEDULE"]}),
    )
    .await;
    assert_eq!(
        r.json()["org"],
        json!({"id": "1889012345", "name": "Support"})
    );
}
