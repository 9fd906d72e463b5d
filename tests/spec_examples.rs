//! Every example of the spec and the docs in `tests/fixtures` is checked here:
//! each response example parses into the panel's types with the values it
//! holds, each request example is what the panel's typed request for it
//! sends, and both error shapes give a status, a code and a message.

use serde_json::{json, Value};
use std::collections::BTreeSet;
use ts_channels_panel::api::client::parse;
use ts_channels_panel::api::wire::{
    History, HistoryJob, HistoryRequest, JobStatus, OrgResponse, OrgSearchCriteria, Outcome,
    SearchRequest, SearchResponse, SessionUser, Token, ValidateChannel, Validation, ValidationStep,
};
use ts_channels_panel::api::ApiError;
use ts_channels_panel::model::draft::{diff, plan, Draft};
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

fn docs(key: &str) -> Value {
    let v = fixture("comm-channel-examples.json");
    assert!(v.get(key).is_some(), "no {key}");
    v[key].clone()
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

/// Every example in the fixtures is checked by a test in this file: an
/// example added to a fixture fails here until a test reads it.
#[test]
fn every_fixture_example_is_checked() {
    let checked: [(&str, &[&str]); 3] = [
        (
            "spec-examples.json",
            &[
                "session_user",
                "token_full",
                "orgs_search",
                "preferences_search",
            ],
        ),
        (
            "comm-channel-examples.json",
            &[
                "configure_cluster_request",
                "configure_org_replace_request",
                "configure_org_reset_request_shape_per_spec",
                "configure_response",
                "search_cluster_request",
                "search_cluster_response_example",
                "search_org_request",
                "search_org_response_example",
                "search_response_example_from_openapi",
                "validate_request",
                "validate_response_success",
                "channel_history_request",
                "channel_history_response",
            ],
        ),
        (
            "error-response-examples.json",
            &[
                "spec_examples_by_status",
                "other_spec_debug_strings",
                "observed_live_shape_in_public_client_code",
            ],
        ),
    ];
    // Not examples: where the fixture comes from, notes, the error schema.
    let not_examples = [
        "_source",
        "_note",
        "_source_spec",
        "schema_ErrorResponse",
        "docs_hint",
    ];
    for (file, keys) in checked {
        let v = fixture(file);
        let in_file: BTreeSet<&str> = v
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .filter(|k| !not_examples.contains(k))
            .collect();
        assert_eq!(in_file, keys.iter().copied().collect(), "{file}");
    }
}

#[test]
fn session_user_examples_parse() {
    for text in examples("session_user") {
        let u: SessionUser = parse(&text).unwrap();
        let expected: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(Some(u.id.as_str()), expected["id"].as_str());
        assert_eq!(Some(u.name.as_str()), expected["name"].as_str());
        assert_eq!(
            Some(u.display_name.as_str()),
            expected["display_name"].as_str()
        );
        let org = u.current_org.as_ref().unwrap();
        assert_eq!(
            Some(org.id),
            expected["current_org"]["id"].as_i64(),
            "{text}"
        );
        assert_eq!(
            Some(org.name.as_str()),
            expected["current_org"]["name"].as_str()
        );
        assert_eq!(u.privileges, None, "the examples list no privileges");
    }
    let users: Vec<SessionUser> = examples("session_user")
        .iter()
        .map(|t| parse(t).unwrap())
        .collect();
    assert_eq!(
        (
            users[0].name.as_str(),
            users[0].current_org.as_ref().unwrap().id
        ),
        ("tsadmin", 0)
    );
    assert_eq!(
        (
            users[1].display_name.as_str(),
            users[1].current_org.as_ref().unwrap().id
        ),
        ("Sales Analyst", 583464508)
    );
}

#[test]
fn token_examples_parse_and_never_print_the_token() {
    for text in examples("token_full") {
        let t: Token = parse(&text).unwrap();
        let expected: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(Some(t.token.as_str()), expected["token"].as_str());
        assert!(t.token.starts_with("eyJ"));
        assert_eq!(
            Some(t.expiration_time_in_millis),
            expected["expiration_time_in_millis"].as_f64()
        );
        assert_eq!(
            Some(t.valid_for_username.as_str()),
            expected["valid_for_username"].as_str()
        );
        assert!(!format!("{t:?}").contains(&t.token));
    }
    let first: Token = parse(&examples("token_full")[0]).unwrap();
    assert_eq!(first.expiration_time_in_millis, 1724277730000.0);
    assert_eq!(first.valid_for_username, "tsadmin");
}

#[test]
fn orgs_search_examples_parse_with_integer_ids() {
    for text in examples("orgs_search") {
        let orgs: Vec<OrgResponse> = parse(&text).unwrap();
        let got: Vec<_> = orgs
            .iter()
            .map(|o| (o.id, o.name.as_deref(), o.status.as_deref(), o.inactive()))
            .collect();
        assert_eq!(
            got,
            [
                (Some(0), Some("Primary"), Some("ACTIVE"), false),
                (Some(583464508), Some("test_org"), Some("ACTIVE"), false),
            ]
        );
    }
}

fn snapshot_of(example: &Value) -> Snapshot {
    Snapshot::from_wire(parse(&example.to_string()).unwrap(), None, true)
}

/// Each Org of a Snapshot: id, name and its LIVEBOARD_SCHEDULE setting.
fn org_settings(snap: &Snapshot) -> Vec<(String, String, OrgSetting)> {
    snap.orgs
        .iter()
        .map(|o| (o.id.clone(), o.name.clone(), o.setting(LIVEBOARD_SCHEDULE)))
        .collect()
}

#[test]
fn preference_search_examples_from_spec_and_docs_parse_into_snapshots() {
    let spec: Value = serde_json::from_str(&examples("preferences_search")[0]).unwrap();
    let openapi = docs("search_response_example_from_openapi");
    assert_eq!(spec, openapi, "the docs copy the spec's example");
    for example in [&spec, &openapi] {
        let snap = snapshot_of(example);
        assert_eq!(
            snap.cluster_setting(LIVEBOARD_SCHEDULE),
            Some(ClusterSetting::Set(s(&["WEBHOOK"])))
        );
        assert_eq!(
            org_settings(&snap),
            [(
                "583464508".to_string(),
                "test_org".to_string(),
                OrgSetting::Override(s(&["EMAIL"]))
            )]
        );
        assert!(snap.unknown_values().is_empty());
    }

    let cluster = snapshot_of(&docs("search_cluster_response_example"));
    assert_eq!(
        cluster.cluster_setting(LIVEBOARD_SCHEDULE),
        Some(ClusterSetting::NeverSet),
        "[]: never set"
    );
    assert_eq!(
        org_settings(&cluster),
        [
            ("0".into(), "Primary".into(), OrgSetting::Inherit),
            (
                "1532970882".into(),
                "testOrg".into(),
                OrgSetting::Override(s(&["EMAIL", "WEBHOOK"]))
            ),
            (
                "2100019165".into(),
                "testOrg1".into(),
                OrgSetting::Override(s(&["WEBHOOK"]))
            ),
        ]
    );
    assert!(cluster.unknown_values().is_empty());

    let one = snapshot_of(&docs("search_org_response_example"));
    assert_eq!(
        one.cluster_setting(LIVEBOARD_SCHEDULE),
        Some(ClusterSetting::NeverSet)
    );
    assert_eq!(
        org_settings(&one),
        [(
            "2100019165".into(),
            "testOrg1".into(),
            OrgSetting::Override(s(&["WEBHOOK"]))
        )]
    );
}

#[test]
fn validate_example_parses_into_the_test_event_result() {
    let v: Validation = parse(&docs("validate_response_success").to_string()).unwrap();
    assert_eq!(
        v,
        Validation {
            channel_id: "9185f9be-f237-42bf-b452-c2dc897e1673".into(),
            channel_name: Some("Zapier".into()),
            job_id: "n.validation-0e55b1de-8c30-48d1-8c73-2f0365e03641".into(),
            result_code: Outcome::Success,
            details: Some(vec![ValidationStep {
                validation_step: "HTTP_CONNECTION_CHECK".into(),
                status: Outcome::Success,
                http_status: Some(200),
                error_message: None,
            }]),
        }
    );
    assert_eq!(v.result_code.label(), "SUCCESS");
}

#[test]
fn delivery_history_example_parses_into_its_jobs() {
    let h: History = parse(&docs("channel_history_response").to_string()).unwrap();
    assert_eq!(
        h.jobs,
        [HistoryJob {
            id: "n.validation-0e55b1de-8c30-48d1-8c73-2f0365e03641".into(),
            status: JobStatus::Success,
            creation_time_in_millis: 1774876441988.0,
            detail: Some(String::new()),
            try_count: Some(1),
        }]
    );
    assert_eq!(h.jobs[0].status.label(), "SUCCESS");
    // The docs look up the test event's job: the three examples name the same job.
    let v: Validation = parse(&docs("validate_response_success").to_string()).unwrap();
    assert_eq!(h.jobs[0].id, v.job_id);
    assert_eq!(
        docs("channel_history_request")["job_ids"],
        json!([v.job_id])
    );
}

#[test]
fn configure_answers_with_an_empty_204() {
    assert!(docs("configure_response")
        .as_str()
        .unwrap()
        .contains("204, empty body"));
    assert_eq!(parse::<()>(""), Ok(()));
}

/// The docs' request examples are what the panel's typed requests send, field
/// for field (the panel names an Org by id where the docs use its name; the
/// spec takes either).
#[test]
fn request_examples_are_what_the_panel_sends() {
    assert_eq!(
        to_value(&ValidateChannel::webhook(
            "3791ad80-70e8-4222-bf11-fb8a5f1b5bf4"
        )),
        docs("validate_request")
    );
    assert_eq!(
        to_value(&HistoryRequest {
            job_ids: Some(s(&["n.validation-0e55b1de-8c30-48d1-8c73-2f0365e03641"])),
            ..Default::default()
        }),
        docs("channel_history_request")
    );
    assert_eq!(
        to_value(&SearchRequest {
            cluster_preferences: Some(s(&[LIVEBOARD_SCHEDULE])),
            org_preferences: None,
        }),
        docs("search_cluster_request")
    );
    assert_eq!(
        to_value(&SearchRequest {
            cluster_preferences: None,
            org_preferences: Some(vec![OrgSearchCriteria {
                org_identifier: "testOrg1".into(),
                event_types: Some(s(&[LIVEBOARD_SCHEDULE])),
            }]),
        }),
        docs("search_org_request")
    );

    // The cluster default, never set in the docs' cluster example, set to WEBHOOK.
    let snap = snapshot_of(&docs("search_cluster_response_example"));
    let mut d = Draft::default();
    d.set_cluster(&snap, LIVEBOARD_SCHEDULE, s(&["WEBHOOK"]));
    assert_eq!(
        to_value(&plan(&snap, &diff(&snap, &d))),
        docs("configure_cluster_request")
    );

    // testOrg1 by id, where the docs write its name.
    let by_id = |mut example: Value| {
        example["org_preferences"][0]["org_identifier"] = json!("2100019165");
        example
    };
    let inheriting = snapshot_of(&json!({"cluster_preferences": [], "org_preferences": [
        {"org": {"id": "2100019165", "name": "testOrg1"}, "preferences": []}]}));
    let mut d = Draft::default();
    d.set_org(
        &inheriting,
        "2100019165",
        LIVEBOARD_SCHEDULE,
        OrgSetting::Override(s(&["WEBHOOK"])),
    );
    assert_eq!(
        to_value(&plan(&inheriting, &diff(&inheriting, &d))),
        by_id(docs("configure_org_replace_request"))
    );
    let overriding = snapshot_of(&docs("search_org_response_example"));
    let mut d = Draft::default();
    d.set_org(
        &overriding,
        "2100019165",
        LIVEBOARD_SCHEDULE,
        OrgSetting::Inherit,
    );
    assert_eq!(
        to_value(&plan(&overriding, &diff(&overriding, &d))),
        by_id(docs("configure_org_reset_request_shape_per_spec"))
    );
}

/// A request body as JSON.
fn to_value(request: &impl serde::Serialize) -> Value {
    serde_json::to_value(request).unwrap()
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
                trace,
                ..
            } => {
                assert_eq!(s, status);
                assert_eq!(code, body["error"]["message"]["code"].as_i64());
                assert!(code.is_some_and(|c| c >= 10000));
                assert_eq!(
                    message.as_deref(),
                    body["error"]["message"]["debug"].as_str()
                );
                assert_eq!(
                    incident.as_deref(),
                    body["error"]["message"]["incident_id_guid"].as_str()
                );
                assert_eq!(
                    trace.as_deref(),
                    body["error"]["message"]["trace_id_guid"].as_str()
                );
            }
            other => panic!("{other:?}"),
        }
    }
    let live = &v["observed_live_shape_in_public_client_code"]["example"];
    match ApiError::from_response(500, &live.to_string()) {
        ApiError::Http {
            code,
            message,
            trace,
            ..
        } => {
            assert_eq!(code, Some(10000));
            assert_eq!(message, None, "\"[null]\" carries no text");
            assert_eq!(trace.as_deref(), Some("tracing-disabled"));
        }
        other => panic!("{other:?}"),
    }
}

/// The spec's other `debug` texts come out verbatim, in the spec's shape and
/// in the live shape (an extra `debug` level holding a JSON-encoded array).
#[test]
fn other_spec_debug_strings_come_out_verbatim_in_both_shapes() {
    let v = fixture("error-response-examples.json");
    let strings = v["other_spec_debug_strings"].as_object().unwrap();
    assert_eq!(strings.len(), 6);
    for (name, text) in strings {
        let text = text.as_str().unwrap();
        let status: u16 = name.split('_').find_map(|p| p.parse().ok()).unwrap();
        let spec = json!({"error": {"message": {"code": 10002, "debug": text}}});
        let encoded = serde_json::to_string(&[text]).unwrap();
        let live = json!({"error": {"message": {"debug": {"code": 10002, "debug": encoded}}}});
        for body in [spec, live] {
            let e = ApiError::from_response(status, &body.to_string());
            assert_eq!(e.status(), Some(status));
            assert_eq!(e.code(), Some(10002));
            match &e {
                ApiError::Http { message, .. } => {
                    assert_eq!(message.as_deref(), Some(text), "{name}")
                }
                other => panic!("{other:?}"),
            }
            assert!(e.summary().contains(text), "{}", e.summary());
        }
    }
}
