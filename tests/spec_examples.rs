//! Every response example of the spec and the docs parses into the panel's
//! types, and both error shapes give a status, a code and a message.

use serde_json::Value;
use ts_channels_panel::api::client::parse;
use ts_channels_panel::api::wire::{OrgResponse, SearchResponse, SessionUser, Token};
use ts_channels_panel::api::ApiError;
use ts_channels_panel::model::prefs::{ClusterSetting, OrgSetting, Snapshot, LIVEBOARD_SCHEDULE};

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn examples(key: &str) -> Vec<String> {
    let v = fixture("spec-examples.json");
    let list = v[key].as_array().unwrap_or_else(|| panic!("no {key}"));
    assert!(!list.is_empty());
    list.iter().map(|e| e.to_string()).collect()
}

#[test]
fn session_user_examples_parse() {
    for text in examples("session_user") {
        let u: SessionUser = parse(&text).unwrap();
        assert!(!u.name.is_empty() && !u.id.is_empty());
        let expected: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            u.current_org.as_ref().map(|o| o.id),
            expected["current_org"]["id"].as_i64(),
            "{text}"
        );
    }
}

#[test]
fn token_examples_parse_and_never_print_the_token() {
    for text in examples("token_full") {
        let t: Token = parse(&text).unwrap();
        assert!(!t.token.is_empty());
        assert!(t.expiration_time_in_millis > 0.0);
        assert!(!format!("{t:?}").contains(&t.token));
    }
}

#[test]
fn orgs_search_examples_parse_with_integer_ids() {
    for text in examples("orgs_search") {
        let orgs: Vec<OrgResponse> = parse(&text).unwrap();
        assert_eq!(orgs[1].id, Some(583464508));
    }
}

#[test]
fn preference_search_examples_from_spec_and_docs_parse_into_snapshots() {
    let docs = fixture("comm-channel-examples.json");
    let mut texts = examples("preferences_search");
    for key in [
        "search_cluster_response_example",
        "search_org_response_example",
        "search_response_example_from_openapi",
    ] {
        texts.push(docs[key].to_string());
    }
    for text in &texts {
        let resp: SearchResponse = parse(text).unwrap();
        let snap = Snapshot::from_wire(resp, None, true);
        assert!(!snap.orgs.is_empty(), "{text}");
        assert!(snap.unknown_values().is_empty());
    }
    let spec = Snapshot::from_wire(parse(&texts[0]).unwrap(), None, true);
    assert_eq!(
        spec.cluster_setting(LIVEBOARD_SCHEDULE),
        Some(ClusterSetting::Set(vec!["WEBHOOK".into()]))
    );
    let cluster_doc = Snapshot::from_wire(parse(&texts[1]).unwrap(), None, true);
    assert_eq!(
        cluster_doc.cluster_setting(LIVEBOARD_SCHEDULE),
        Some(ClusterSetting::NeverSet)
    );
    assert_eq!(
        cluster_doc.orgs[0].setting(LIVEBOARD_SCHEDULE),
        OrgSetting::Inherit
    );
}

#[test]
fn malformed_success_bodies_are_errors_not_panics() {
    for text in [
        "",
        "{",
        r#"{"cluster_preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":["EMAIL"#,
        r#"{"org_preferences":[{"org":{"id":null,"name":"x"},"preferences":[]}]}"#,
        r#"{"org_preferences":[{"org":{"id":"1"},"preferences":[]}]}"#,
        r#"{"cluster_preferences":[{"event_type":7,"channels":[]}]}"#,
        r#"{"org_preferences":"all"}"#,
    ] {
        match parse::<SearchResponse>(text) {
            Err(ApiError::Malformed { detail }) => assert!(!detail.is_empty()),
            other => panic!("{text}: {other:?}"),
        }
    }
}

#[test]
fn every_error_example_gives_status_code_and_message() {
    let v = fixture("error-response-examples.json");
    for (status, body) in v["spec_examples_by_status"].as_object().unwrap() {
        let status: u16 = status.parse().unwrap();
        match ApiError::from_response(status, &body.to_string()) {
            ApiError::Http {
                status: s,
                code,
                message,
                incident,
                ..
            } => {
                assert_eq!(s, status);
                assert!(code.is_some_and(|c| c >= 10000));
                assert_eq!(
                    message.as_deref(),
                    body["error"]["message"]["debug"].as_str()
                );
                assert!(incident.is_some());
            }
            other => panic!("{other:?}"),
        }
    }
    let live = &v["observed_live_shape_in_public_client_code"]["example"];
    match ApiError::from_response(500, &live.to_string()) {
        ApiError::Http { code, message, .. } => {
            assert_eq!(code, Some(10000));
            assert_eq!(message, None, "\"[null]\" carries no text");
        }
        other => panic!("{other:?}"),
    }
}
