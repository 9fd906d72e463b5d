//! The demo server over HTTP: routes, auth, error bodies, CORS and faults.

mod common;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::{
    app, app_with, call, get_as, post, post_as, post_faults, post_with_type, preflight, reset,
    set_faults, state, token_full,
};
use demo_server::faults::Faults;
use demo_server::spec::API;
use serde_json::{json, Value};
use tower::ServiceExt;

const CONFIGURE: &str = "/system/preferences/communication-channels/configure";
const SEARCH: &str = "/system/preferences/communication-channels/search";

#[tokio::test]
async fn search_lists_every_org_with_string_ids_and_an_unset_default() {
    let app = app();
    let r = post(
        &app,
        SEARCH,
        r#"{"cluster_preferences":["LIVEBOARD_SCHEDULE"]}"#,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let v = r.json();
    assert_eq!(v["cluster_preferences"], json!([]));
    let orgs = v["org_preferences"].as_array().unwrap();
    assert_eq!(orgs.len(), 15 + 3);
    assert!(orgs.iter().all(|o| o["org"]["id"].is_string()));
    let primary = orgs.iter().find(|o| o["org"]["name"] == "Primary").unwrap();
    assert_eq!(primary["org"]["id"], "0");
    assert_eq!(primary["preferences"], json!([]));
}

#[tokio::test]
async fn configure_answers_204_with_an_empty_body_and_search_sees_it() {
    let app = app();
    let r = post(
        &app,
        CONFIGURE,
        r#"{"cluster_preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":["EMAIL","WEBHOOK"]}],
            "org_preferences":[
              {"org_identifier":"Primary","operation":"REPLACE","preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":[]}]},
              {"org_identifier":"583464508","operation":"RESET","reset_events":["LIVEBOARD_SCHEDULE"]}]}"#,
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert!(r.body.is_empty());
    let v = post(&app, SEARCH, r#"{"cluster_preferences":["LIVEBOARD_SCHEDULE"],"org_preferences":[{"org_identifier":"0"},{"org_identifier":"Finance"}]}"#)
        .await
        .json();
    assert_eq!(
        v["cluster_preferences"],
        json!([{"event_type":"LIVEBOARD_SCHEDULE","channels":["EMAIL","WEBHOOK"]}])
    );
    assert_eq!(
        v["org_preferences"][0]["preferences"],
        json!([{"event_type":"LIVEBOARD_SCHEDULE","channels":[]}])
    );
    assert_eq!(v["org_preferences"][1]["org"]["name"], "Finance");
    assert_eq!(v["org_preferences"][1]["preferences"], json!([]));

    let s = state(&app).await;
    assert_eq!(s["configure_log"].as_array().unwrap().len(), 1);
    assert_eq!(
        s["configure_log"][0]["org_preferences"][1]["operation"],
        "RESET"
    );
}

#[tokio::test]
async fn bad_requests_get_400_with_thoughtspot_error_bodies() {
    let app = app();
    let cases = [
        (
            r#"{"org_preferences":[{"org_identifier":"Finance","operation":"RESET"}]}"#,
            "RESET operation requires reset_events",
        ),
        (
            r#"{"org_preferences":[{"org_identifier":"Finance","operation":"REPLACE"}]}"#,
            "REPLACE operation requires preferences",
        ),
        (
            r#"{"org_preferences":[{"org_identifier":"No such Org","operation":"RESET","reset_events":["LIVEBOARD_SCHEDULE"]}]}"#,
            "does not match a known org",
        ),
        (
            r#"{"cluster_preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":["PIGEON"]}]}"#,
            "Invalid request body",
        ),
        (
            r#"{"cluster_preferences":[{"event_type":"WEEKLY_DIGEST","channels":["EMAIL"]}]}"#,
            "Invalid request body",
        ),
        (r#"{"cluster_preferences":"#, "Invalid request body"),
        ("", "A request body is required"),
    ];
    for (body, expected) in cases {
        let r = post(&app, CONFIGURE, body).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body}");
        let (debug, code) = r.error();
        assert!(debug.contains(expected), "{body}: {debug}");
        assert_eq!(code, 10002);
    }
    let r = post(
        &app,
        SEARCH,
        r#"{"org_preferences":[{"org_identifier":"nope"}]}"#,
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        r.error().0,
        "org_identifier in org_preferences does not match a known org."
    );
    // Nothing above changed the cluster.
    assert_eq!(state(&app).await["configure_log"], json!([]));
}

#[tokio::test]
async fn a_wrong_content_type_is_415() {
    let r = post_with_type(&app(), SEARCH, "text/plain", "{}").await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn every_endpoint_but_token_full_needs_a_valid_bearer_token() {
    let app = app();
    for (method, path, body) in [
        (Method::GET, "/auth/session/user", None),
        (Method::POST, "/orgs/search", Some("{}")),
        (Method::POST, CONFIGURE, Some("{}")),
        (Method::POST, SEARCH, Some("{}")),
    ] {
        for token in [None, Some("wrong")] {
            let r = call(&app, method.clone(), &format!("{API}{path}"), token, body).await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{path} {token:?}");
            assert_eq!(r.error().1, 10097);
        }
    }
}

#[tokio::test]
async fn a_login_mints_a_token_that_works_and_wrong_passwords_are_refused() {
    let app = app();
    for (body, status) in [
        (
            r#"{"username":"developer","password":"wrong"}"#,
            StatusCode::UNAUTHORIZED,
        ),
        (r#"{"username":"developer"}"#, StatusCode::BAD_REQUEST),
    ] {
        assert_eq!(token_full(&app, body).await.status, status, "{body}");
    }
    let r = token_full(
        &app,
        r#"{"username":"developer","password":"demo-password","validity_time_in_sec":60}"#,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let t = r.json();
    let token = t["token"].as_str().unwrap().to_string();
    let life = t["expiration_time_in_millis"].as_u64().unwrap()
        - t["creation_time_in_millis"].as_u64().unwrap();
    assert_eq!(life, 60_000);
    assert_eq!(t["valid_for_username"], "developer");

    let me = get_as(&app, &token, "/auth/session/user").await.json();
    assert_eq!(me["name"], "developer");
    assert_eq!(me["current_org"]["id"], 0);
    assert_eq!(me["privileges"], json!(["DEVELOPER", "AUTHORING"]));
    // A developer may not change the cluster default, nor list Orgs.
    let cluster_email =
        json!({"cluster_preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":["EMAIL"]}]});
    let r = post_as(&app, &token, CONFIGURE, &cluster_email).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.error().1, 10023);
    let r = post_as(&app, &token, "/orgs/search", &json!({})).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn orgs_search_is_a_bare_array_with_integer_ids() {
    let app = app();
    let r = post(&app, "/orgs/search", r#"{"status":"ACTIVE"}"#).await;
    assert_eq!(r.status, StatusCode::OK);
    let v = r.json();
    let orgs = v.as_array().unwrap();
    assert_eq!(orgs.len(), 14 + 3, "the inactive Org is filtered out");
    assert!(orgs.iter().all(|o| o["id"].is_i64()));
    assert_eq!(orgs[0]["id"], 0);
}

#[tokio::test]
async fn cors_preflight_allows_the_authorization_header_from_an_allowed_origin() {
    let app = app();
    let origin = "http://127.0.0.1:8080";
    let r = preflight(&app, origin, &format!("{API}{SEARCH}")).await;
    assert!(r.status.is_success());
    let h = &r.headers;
    assert_eq!(h[header::ACCESS_CONTROL_ALLOW_ORIGIN], origin);
    let allowed = h[header::ACCESS_CONTROL_ALLOW_HEADERS]
        .to_str()
        .unwrap()
        .to_lowercase();
    for name in ["authorization", "content-type", "x-requested-by"] {
        assert!(allowed.contains(name), "{allowed}");
    }
    // Error responses carry the header too, so the browser can read them.
    let req = Request::builder()
        .method(Method::GET)
        .uri(format!("{API}/auth/session/user"))
        .header(header::ORIGIN, origin)
        .body(Body::empty())
        .unwrap();
    let resp = app.oneshot(req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(resp.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN], origin);
}

#[tokio::test]
async fn an_injected_status_applies_to_matching_paths_the_given_number_of_times() {
    let app = app_with(Faults {
        status: Some(500),
        path: Some("configure".into()),
        times: Some(1),
        ..Faults::default()
    });
    assert_eq!(post(&app, SEARCH, "{}").await.status, StatusCode::OK);
    let body =
        r#"{"cluster_preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":["EMAIL"]}]}"#;
    let r = post(&app, CONFIGURE, body).await;
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(r.error().1, 10038);
    assert_eq!(
        post(&app, CONFIGURE, body).await.status,
        StatusCode::NO_CONTENT
    );
}

#[tokio::test]
async fn malformed_bodies_and_the_live_error_shape_can_be_switched_on_at_run_time() {
    let app = app();
    set_faults(&app, json!({"malformed": true, "path": "search"})).await;
    let r = post(&app, SEARCH, "{}").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(serde_json::from_slice::<Value>(&r.body).is_err());

    set_faults(&app, json!({"live_error_shape": true})).await;
    let r = post(&app, CONFIGURE, r#"{"org_preferences":[{"org_identifier":"x","operation":"RESET","reset_events":["LIVEBOARD_SCHEDULE"]}]}"#).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let inner = &r.json()["error"]["message"]["debug"];
    assert_eq!(inner["code"], 10002);
    let texts: Vec<String> = serde_json::from_str(inner["debug"].as_str().unwrap()).unwrap();
    assert_eq!(
        texts,
        vec!["org_identifier in org_preferences does not match a known org."]
    );

    let r = post_faults(&app, r#"{"explode":true}"#).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn unauthorized_after_n_calls_expires_old_tokens_but_a_new_login_works() {
    let app = app_with(Faults {
        unauthorized_after: Some(2),
        ..Faults::default()
    });
    assert_eq!(post(&app, SEARCH, "{}").await.status, StatusCode::OK);
    assert_eq!(post(&app, SEARCH, "{}").await.status, StatusCode::OK);
    assert_eq!(
        post(&app, SEARCH, "{}").await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        post(&app, SEARCH, "{}").await.status,
        StatusCode::UNAUTHORIZED
    );
    let t = token_full(&app, r#"{"username":"admin","password":"demo-password"}"#)
        .await
        .json();
    let fresh = t["token"].as_str().unwrap();
    let r = post_as(&app, fresh, SEARCH, &json!({})).await;
    assert_eq!(r.status, StatusCode::OK);
    // A reset restores the seeded cluster and the static token.
    reset(&app).await;
    assert_eq!(post(&app, SEARCH, "{}").await.status, StatusCode::OK);
}

#[tokio::test]
async fn unknown_api_paths_are_thoughtspot_404s() {
    let r = post(&app(), "/no/such/thing", "{}").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.headers[header::CONTENT_TYPE], "application/json");
    r.error();
}
