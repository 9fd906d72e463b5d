//! A token reaches its own Org only, unless it is scoped to the Primary Org.

mod common;

use axum::http::StatusCode;
use common::{app, fields, find, get_as, login, post, post_as, state, token_full, TOKEN};
use serde_json::json;

const SEARCH: &str = "/system/preferences/communication-channels/search";
const CONFIGURE: &str = "/system/preferences/communication-channels/configure";
const VALIDATE: &str = "/system/communication-channels/validate";
const HISTORY: &str = "/jobs/history/communication-channels/search";
const FINANCE: i64 = 583464508;
const MARKETING_HOOK: &str = "6f1c2a52-0b7e-4c61-9a51-3f9f0c0e1a01";
const FORBIDDEN: StatusCode = StatusCode::FORBIDDEN;

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
    let r = token_full(
        &app,
        r#"{"username":"admin","password":"demo-password","org_id":42}"#,
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
    let cluster_email = json!({"cluster_preferences": [{"event_type": "LIVEBOARD_SCHEDULE", "channels": ["EMAIL"]}]});
    for body in [
        &cluster_email,
        &json!({"cluster_preferences": [], "org_preferences": [webhook("Finance")]}),
    ] {
        post_as(&app, &t, CONFIGURE, body)
            .await
            .assert_error(FORBIDDEN, 13090, "Primary Org only");
    }
    let s = state(&app).await;
    assert_eq!(s["configure_log"], json!([]), "nothing applied");
    let finance = find(&s["cluster"], "orgs", "name", "Finance");
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
    post_as(&app, &dev, CONFIGURE, &cluster_email)
        .await
        .assert_error(FORBIDDEN, 13090, "Primary Org only");
    let dev = login(&app, "developer", None).await;
    post_as(&app, &dev, CONFIGURE, &cluster_email)
        .await
        .assert_error(
            FORBIDDEN,
            10023,
            "ADMINISTRATION privilege required to configure cluster-level",
        );
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
    assert_eq!(fields(&v, "webhooks", "name"), ["Finance archive"]);
    assert_eq!(v["pagination"]["total_count"], 1);
    let v = post_as(
        &app,
        &t,
        "/webhooks/search",
        &json!({"org_identifier": "Finance"}),
    )
    .await
    .json();
    assert_eq!(fields(&v, "webhooks", "name"), ["Finance archive"]);
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

    // Marketing's webhook, its delivery history and a job of it (looked up by
    // id) are out of reach.
    let validate = |name: &str| json!({"channel_type": "WEBHOOK", "channel_identifier": name, "event_type": "LIVEBOARD_SCHEDULE"});
    let job = post(&app, VALIDATE, &validate("Marketing schedules").to_string())
        .await
        .json()["job_id"]
        .clone();
    for (path, body) in [
        (
            format!("/webhooks/{MARKETING_HOOK}/update"),
            json!({"description": "mine now"}),
        ),
        (
            "/webhooks/delete".into(),
            json!({"webhook_identifiers": ["Finance archive", "Marketing schedules"]}),
        ),
        (VALIDATE.into(), validate("Marketing schedules")),
        (
            HISTORY.into(),
            json!({"channel_type": "WEBHOOK", "channel_identifiers": ["Marketing schedules"],
                   "events": [{"type": "LIVEBOARD_SCHEDULE"}]}),
        ),
        (
            HISTORY.into(),
            json!({"channel_type": "WEBHOOK", "job_ids": [job]}),
        ),
    ] {
        post_as(&app, &t, &path, &body).await.assert_error(
            FORBIDDEN,
            13090,
            "User does not have access to org 1532970882",
        );
    }

    // Nothing of Marketing's changed; Finance's own webhook is in reach.
    let s = state(&app).await;
    let hooks = s["cluster"]["webhooks"].as_array().unwrap();
    assert_eq!(hooks.len(), 3);
    assert!(hooks.iter().all(|h| h["description"].is_null()));
    let r = post_as(&app, &t, VALIDATE, &validate("Finance archive")).await;
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
