//! Privileges per endpoint family, for every seeded user, with RBAC on and off.

mod common;

use axum::http::{Method, StatusCode};
use common::{app, app_with, call, get_as, login, post_as, reset, set_faults, token_full};
use demo_server::faults::Faults;
use demo_server::spec::API;
use serde_json::{json, Value};

/// Endpoint families with one privilege rule each.
#[derive(Clone, Copy, Debug, PartialEq)]
enum F {
    /// Preferences search (the cluster default included) and Org-level configure.
    Prefs,
    /// Configure with `cluster_preferences`.
    Cluster,
    Orgs,
    System,
    /// Webhooks create/search/update/delete and the delivery history.
    Hooks,
    Validate,
}

use F::*;

/// (user, families allowed with RBAC on, families allowed with RBAC off).
const TABLE: &[(&str, &[F], &[F])] = &[
    (
        "admin",
        &[Prefs, Cluster, Orgs, System, Hooks, Validate],
        &[Prefs, Cluster, Orgs, System, Hooks, Validate],
    ),
    (
        "developer",
        &[Prefs, Hooks, Validate],
        &[Prefs, Hooks, Validate],
    ),
    ("analyst", &[], &[]),
    ("appadmin", &[Prefs], &[]),
    ("webhooks", &[Hooks, Validate], &[Validate]),
    ("orgadmin", &[Orgs], &[]),
    ("sysinfo", &[System], &[]),
];

/// One call per family member: (family, method, path, body, success status, privilege text of the 403).
fn calls() -> Vec<(F, Method, &'static str, Value, StatusCode, &'static str)> {
    let ok = StatusCode::OK;
    let none = StatusCode::NO_CONTENT;
    let post = Method::POST;
    let org_configure = json!({"org_preferences": [{"org_identifier": "Support",
        "preferences": [{"event_type": "LIVEBOARD_SCHEDULE", "channels": ["EMAIL"]}]}]});
    vec![
        (Prefs, post.clone(), "/system/preferences/communication-channels/search", json!({}), ok, "manage communication channel preferences"),
        (Prefs, post.clone(), "/system/preferences/communication-channels/search",
            json!({"cluster_preferences": ["LIVEBOARD_SCHEDULE"]}), ok, "manage communication channel preferences"),
        (Prefs, post.clone(), "/system/preferences/communication-channels/configure", org_configure, none, "manage communication channel preferences"),
        (Cluster, post.clone(), "/system/preferences/communication-channels/configure",
            json!({"cluster_preferences": [{"event_type": "LIVEBOARD_SCHEDULE", "channels": ["EMAIL"]}]}), none,
            "ADMINISTRATION privilege required to configure cluster-level communication channel preferences."),
        (Orgs, post.clone(), "/orgs/search", json!({}), ok, "search Orgs"),
        (System, Method::GET, "/system", Value::Null, ok, "retrieve system information"),
        (Hooks, post.clone(), "/webhooks/create",
            json!({"name": "Primary schedules", "url": "https://a.example", "events": ["LIVEBOARD_SCHEDULE"]}), ok, "manage webhooks"),
        (Hooks, post.clone(), "/webhooks/search", json!({}), ok, "manage webhooks"),
        (Hooks, post.clone(), "/webhooks/6f1c2a52-0b7e-4c61-9a51-3f9f0c0e1a01/update", json!({"description": "x"}), none, "manage webhooks"),
        (Validate, post.clone(), "/system/communication-channels/validate",
            json!({"channel_type": "WEBHOOK", "channel_identifier": "Marketing schedules", "event_type": "LIVEBOARD_SCHEDULE"}), ok,
            "validate communication channels"),
        (Hooks, post.clone(), "/jobs/history/communication-channels/search",
            json!({"channel_type": "WEBHOOK", "channel_identifiers": ["Marketing schedules"], "events": [{"type": "LIVEBOARD_SCHEDULE"}]}), ok,
            "retrieve channel delivery history"),
        (Hooks, post, "/webhooks/delete", json!({"webhook_identifiers": ["Finance archive"]}), ok, "manage webhooks"),
    ]
}

#[tokio::test]
async fn each_user_reaches_each_endpoint_family_as_the_spec_says() {
    for rbac in [true, false] {
        for (user, on, off) in TABLE {
            let allowed = if rbac { on } else { off };
            let app = app();
            set_faults(&app, json!({ "rbac": rbac })).await;
            let token = login(&app, user, None).await;
            for (family, method, path, body, success, text) in calls() {
                let r = call(
                    &app,
                    method.clone(),
                    &format!("{API}{path}"),
                    Some(&token),
                    (!body.is_null()).then(|| body.to_string()).as_deref(),
                )
                .await;
                let what = format!("{user} rbac={rbac} {family:?} {path} {body}");
                if allowed.contains(&family) {
                    assert_eq!(
                        r.status,
                        success,
                        "{what}: {}",
                        String::from_utf8_lossy(&r.body)
                    );
                } else {
                    // Cluster-level changes need the preferences privilege first.
                    let text = if family == Cluster && !allowed.contains(&Prefs) {
                        "manage communication channel preferences"
                    } else {
                        text
                    };
                    r.assert_error(StatusCode::FORBIDDEN, 10023, text);
                    assert!(r.error().0.contains("privilege required to"), "{what}");
                }
            }
            // Everyone may ask who they are; `privileges` lists the user's own.
            let me = get_as(&app, &token, "/auth/session/user").await;
            assert_eq!(me.status, StatusCode::OK);
            let privileges = me.json()["privileges"].clone();
            assert!(privileges.as_array().unwrap().contains(&json!("AUTHORING")));
        }
    }
}

#[tokio::test]
async fn the_403_names_the_privileges_that_would_do() {
    let app = app();
    let analyst = login(&app, "analyst", None).await;
    let r = post_as(&app, &analyst, "/orgs/search", &json!({})).await;
    r.assert_error(
        StatusCode::FORBIDDEN,
        10023,
        "ADMINISTRATION or ORG_ADMINISTRATION privilege required to search Orgs.",
    );
    let r = post_as(&app, &analyst, "/webhooks/search", &json!({})).await;
    r.assert_error(
        StatusCode::FORBIDDEN,
        10023,
        "ADMINISTRATION, DEVELOPER or CAN_MANAGE_WEBHOOKS privilege required to manage webhooks.",
    );
    let r = get_as(&app, &analyst, "/system").await;
    r.assert_error(
        StatusCode::FORBIDDEN,
        10023,
        "ADMINISTRATION or SYSTEM_INFO_ADMINISTRATION privilege required to retrieve system information.",
    );
    set_faults(&app, json!({"rbac": false})).await;
    let r = get_as(&app, &analyst, "/system").await;
    r.assert_error(
        StatusCode::FORBIDDEN,
        10023,
        "ADMINISTRATION privilege required to retrieve system information.",
    );
    let r = post_as(
        &app,
        &analyst,
        "/system/preferences/communication-channels/search",
        &json!({}),
    )
    .await;
    r.assert_error(
        StatusCode::FORBIDDEN,
        10023,
        "ADMINISTRATION or DEVELOPER privilege required to manage communication channel preferences.",
    );
}

#[tokio::test]
async fn rbac_off_from_start_up_and_reset_restores_it() {
    let app = app_with(Faults {
        rbac: false,
        ..Faults::default()
    });
    let appadmin = login(&app, "appadmin", None).await;
    let search = "/system/preferences/communication-channels/search";
    assert_eq!(
        post_as(&app, &appadmin, search, &json!({})).await.status,
        StatusCode::FORBIDDEN
    );
    set_faults(&app, json!({"rbac": true})).await;
    assert_eq!(
        post_as(&app, &appadmin, search, &json!({})).await.status,
        StatusCode::OK
    );
    reset(&app).await;
    let appadmin = login(&app, "appadmin", None).await;
    assert_eq!(
        post_as(&app, &appadmin, search, &json!({})).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_mfa_user_cannot_sign_in_with_a_password() {
    let app = app();
    let r = token_full(&app, r#"{"username":"mfa","password":"demo-password"}"#).await;
    r.assert_error(StatusCode::UNAUTHORIZED, 10097, "MFA");
    assert!(r.error().0.contains("password login is not allowed"));
    let r = token_full(&app, r#"{"username":"mfa","password":"wrong"}"#).await;
    r.assert_error(StatusCode::UNAUTHORIZED, 10097, "Invalid credentials");
    for user in [
        "admin",
        "developer",
        "analyst",
        "appadmin",
        "webhooks",
        "orgadmin",
        "sysinfo",
    ] {
        login(&app, user, None).await;
    }
}

#[tokio::test]
async fn session_user_lists_the_users_privileges() {
    let app = app();
    for (user, privileges) in [
        (
            "appadmin",
            json!(["APPLICATION_ADMINISTRATION", "AUTHORING"]),
        ),
        ("webhooks", json!(["CAN_MANAGE_WEBHOOKS", "AUTHORING"])),
        ("orgadmin", json!(["ORG_ADMINISTRATION", "AUTHORING"])),
        (
            "sysinfo",
            json!(["SYSTEM_INFO_ADMINISTRATION", "AUTHORING"]),
        ),
    ] {
        let token = login(&app, user, None).await;
        let me = get_as(&app, &token, "/auth/session/user").await.json();
        assert_eq!(me["name"], user);
        assert_eq!(me["privileges"], privileges);
    }
}
