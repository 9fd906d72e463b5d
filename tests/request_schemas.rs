//! Every request the panel can send, built by the panel's own code, checked
//! against the official spec's schemas (vendored in
//! `schemas/thoughtspot-rest-v2.json`) as a cluster of each release would
//! check it: a field the spec does not name, a `null` where it allows none, a
//! wrong enum value, or a field newer than the release, fails the test.
#![cfg(not(target_arch = "wasm32"))]

use demo_server::spec::{spec, Release as SpecRelease};
use serde_json::{json, Value};
use std::cell::Cell;
use ts_channels_panel::api::wire::*;
use ts_channels_panel::model::draft::{diff, plan, Draft};
use ts_channels_panel::model::prefs::{OrgSetting, Snapshot, LIVEBOARD_SCHEDULE as LS};
use ts_channels_panel::model::release::{Feature, Release, ReleaseInfo};
use ts_channels_panel::model::webhook::{
    create_request, update_request, AuthKind, FormRules, WebhookForm,
};

const RELEASES: [&str; 5] = [
    "10.14.0.cl",
    "26.2.0.cl",
    "26.4.0.cl",
    "26.7.0.cl",
    "26.8.0.cl",
];

thread_local! {
    static CHECKED: Cell<usize> = const { Cell::new(0) };
}

/// Checks one request as a cluster of `release` would; counts it.
fn check<C: Call>(call: &C, release: &str) {
    let method = match C::METHOD {
        Method::Get => "GET",
        Method::Post => "POST",
    };
    let path = format!("/api/rest/2.0{}", C::PATH);
    let endpoint = spec().endpoint(method, &path);
    let body = serde_json::to_value(call).unwrap();
    match C::METHOD {
        Method::Get => assert_eq!(endpoint.request_schema(), None, "{path} takes no body"),
        Method::Post => {
            assert!(
                endpoint.request_schema().is_some(),
                "{path} has a request schema"
            );
            let r: SpecRelease = release.parse().unwrap();
            if let Err(e) = endpoint.check_request(&body, r) {
                panic!("{method} {path} on {release}: {e}\nbody: {body}");
            }
        }
    }
    CHECKED.with(|c| c.set(c.get() + 1));
}

fn rules(release: &str) -> FormRules {
    FormRules::for_release(ReleaseInfo::Known(Release::parse(release).unwrap()))
}

type Edit<'a, T> = Box<dyn Fn(&mut T) + 'a>;

fn snapshot() -> Snapshot {
    let resp: SearchResponse = serde_json::from_value(json!({
        "cluster_preferences": [],
        "org_preferences": [
            {"org": {"id": "0", "name": "Primary"}, "preferences": []},
            {"org": {"id": "11", "name": "Finance"}, "preferences": [{"event_type": LS, "channels": ["EMAIL"]}]},
            {"org": {"id": "12", "name": "Legal"}, "preferences": [{"event_type": LS, "channels": []}]}
        ]
    }))
    .unwrap();
    Snapshot::from_wire(resp, None, true)
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

/// Every kind of configure body the planner makes.
fn configure_variants() -> Vec<ConfigureRequest> {
    let snap = snapshot();
    let edits: Vec<Edit<Draft>> = vec![
        Box::new(|d| d.set_cluster(&snap, LS, s(&["EMAIL", "WEBHOOK"]))),
        Box::new(|d| d.set_cluster(&snap, LS, vec![])),
        Box::new(|d| d.set_org(&snap, "0", LS, OrgSetting::Override(s(&["WEBHOOK"])))),
        Box::new(|d| d.set_org(&snap, "0", LS, OrgSetting::Override(vec![]))),
        Box::new(|d| d.set_org(&snap, "11", LS, OrgSetting::Inherit)),
        Box::new(|d| {
            d.set_cluster(&snap, LS, s(&["EMAIL"]));
            d.set_org(&snap, "11", LS, OrgSetting::Inherit);
            d.set_org(
                &snap,
                "12",
                LS,
                OrgSetting::Override(s(&["EMAIL", "WEBHOOK"])),
            );
        }),
    ];
    edits
        .iter()
        .map(|edit| {
            let mut d = Draft::default();
            edit(&mut d);
            let req = plan(&snap, &diff(&snap, &d));
            assert!(!req.is_empty());
            req
        })
        .collect()
}

/// Webhook forms: every auth kind, with and without secrets, signing,
/// parameters, headers and status.
fn forms() -> Vec<WebhookForm> {
    let base = WebhookForm {
        name: "Ops".into(),
        url: "https://hooks.example.com/ops".into(),
        ..Default::default()
    };
    let mut out = vec![base.clone()];
    for (kind, user, url) in [
        (AuthKind::ApiKey, "X-Api-Key", ""),
        (AuthKind::BasicAuth, "ts", ""),
        (AuthKind::BearerToken, "", ""),
        (
            AuthKind::OAuth2,
            "client-1",
            "https://auth.example.com/token",
        ),
    ] {
        out.push(WebhookForm {
            auth: kind,
            auth_user: user.into(),
            auth_url: url.into(),
            auth_secret: "s3cret".into(),
            ..base.clone()
        });
    }
    out.push(WebhookForm {
        description: "Schedules".into(),
        url_params: "team=ops\nregion=eu".into(),
        signature: true,
        signature_header: "X-Sig".into(),
        signature_secret: "sig".into(),
        headers: "X-Team: ops\nX-Env: prod".into(),
        status: Some(Status::Disabled),
        ..base.clone()
    });
    out.push(WebhookForm {
        status: Some(Status::Enabled),
        ..base
    });
    out
}

fn existing() -> Webhook {
    // A webhook as the server answers it: secrets redacted to `***`.
    serde_json::from_str(include_str!("fixtures/webhook-existing.json")).unwrap()
}

/// Edits of an existing webhook: plain fields, new secrets, another auth
/// kind, removals (reset_options), headers and status.
fn edits() -> Vec<Edit<'static, WebhookForm>> {
    vec![
        Box::new(|f| f.description = "New".into()),
        Box::new(|f| f.name = "Ops 2".into()),
        Box::new(|f| f.url = "https://hooks.example.com/v2".into()),
        Box::new(|f| f.url_params = "team=data".into()),
        Box::new(|f| f.auth_secret = "new-password".into()),
        Box::new(|f| {
            f.auth = AuthKind::BearerToken;
            f.auth_secret = "tok".into();
        }),
        Box::new(|f| f.auth = AuthKind::None),
        Box::new(|f| f.signature = false),
        Box::new(|f| f.signature_secret = "sig2".into()),
        Box::new(|f| f.headers = "X-Team: data".into()),
        Box::new(|f| f.status = Some(Status::Disabled)),
    ]
}

#[test]
fn every_request_the_panel_builds_is_valid_on_every_release() {
    for release in RELEASES {
        // Sign-in, identity, release, Orgs.
        for org_id in [None, Some(583464508)] {
            check(
                &TokenRequest {
                    username: "admin".into(),
                    password: "pw".into(),
                    validity_time_in_sec: 28800,
                    org_id,
                },
                release,
            );
        }
        check(&SessionUserRequest::new(), release);
        check(&SystemRequest::new(), release);
        check(&OrgsRequest::default(), release);
        // Preferences: the load (with and without the cluster default), a lookup, every save.
        check(
            &SearchRequest {
                cluster_preferences: Some(vec![LS.into()]),
                org_preferences: None,
            },
            release,
        );
        check(&SearchRequest::default(), release);
        check(
            &SearchRequest {
                cluster_preferences: None,
                org_preferences: Some(vec![OrgSearchCriteria {
                    org_identifier: "Finance".into(),
                    event_types: None,
                }]),
            },
            release,
        );
        for req in configure_variants() {
            check(&req, release);
        }
        // Webhooks, with the rules of this release.
        let r = rules(release);
        for form in forms() {
            check(&create_request(&form, r), release);
        }
        let w = existing();
        let original = WebhookForm::from_webhook(&w);
        for edit in edits() {
            let mut f = original.clone();
            edit(&mut f);
            check(&update_request(&w.id, &original, &f, r), release);
        }
        for sort in [SortField::Created, SortField::Modified, SortField::Name] {
            for order in [Order::Asc, Order::Desc] {
                let q = ts_channels_panel::state::webhooks::Query {
                    sort,
                    order,
                    org: "Finance".into(),
                    status: Some(Status::Enabled),
                    ..Default::default()
                };
                check(&q.request(r.status), release);
            }
        }
        check(
            &ts_channels_panel::state::webhooks::Query::default().request(false),
            release,
        );
        check(
            &DeleteWebhooks {
                webhook_identifiers: vec!["w1".into()],
            },
            release,
        );
        // The test event and history only where the release has them.
        let info = ReleaseInfo::Known(Release::parse(release).unwrap());
        if info.has(Feature::TestEvent).ok() {
            check(&ValidateChannel::webhook("w1"), release);
        }
        if info.has(Feature::DeliveryHistory).ok() {
            check(&HistoryRequest::for_webhook("w1", None), release);
            check(&HistoryRequest::for_webhook("w1", Some(1.7e12)), release);
        }
    }
    let n = CHECKED.with(Cell::get);
    println!("{n} request variants validated against the vendored schemas");
    assert!(n >= 200, "{n}");
}

#[test]
fn a_body_the_spec_rejects_fails_the_check() {
    // The check itself can fail: the list request the panel once sent.
    let bad =
        json!({"org_identifier": null, "event_type": null, "record_offset": 0, "record_size": 20});
    let endpoint = spec().endpoint("POST", "/api/rest/2.0/webhooks/search");
    assert!(endpoint.check_request(&bad, SpecRelease::LATEST).is_err());
    let newer = json!({"record_offset": 0, "record_size": 20, "status": "ENABLED"});
    assert!(endpoint
        .check_request(&newer, "26.4.0.cl".parse().unwrap())
        .is_err());
    assert!(endpoint
        .check_request(&newer, "26.7.0.cl".parse().unwrap())
        .is_ok());
}

fn vendored() -> Value {
    serde_json::from_str(include_str!("../schemas/thoughtspot-rest-v2.json")).unwrap()
}

fn since_of(doc: &Value, schema: &str, property: &str) -> Release {
    Release::parse(
        doc["$defs"][schema]["properties"][property]["x-since"]
            .as_str()
            .unwrap(),
    )
    .unwrap()
}

fn endpoint_since(doc: &Value, key: &str) -> Release {
    Release::parse(doc["endpoints"][key]["since"].as_str().unwrap()).unwrap()
}

#[test]
fn the_panel_s_release_rules_match_the_spec_s_version_notes() {
    let doc = vendored();
    let p = "POST /api/rest/2.0";
    let expected = [
        (
            Feature::Preferences,
            endpoint_since(
                &doc,
                &format!("{p}/system/preferences/communication-channels/configure"),
            ),
        ),
        (
            Feature::Webhooks,
            endpoint_since(&doc, &format!("{p}/webhooks/create")),
        ),
        (
            Feature::TestEvent,
            endpoint_since(&doc, &format!("{p}/system/communication-channels/validate")),
        ),
        (
            Feature::DeliveryHistory,
            endpoint_since(
                &doc,
                &format!("{p}/jobs/history/communication-channels/search"),
            ),
        ),
        (
            Feature::WebhookHeaders,
            since_of(
                &doc,
                "CreateWebhookConfigurationRequest",
                "additional_headers",
            ),
        ),
        (
            Feature::WebhookStatus,
            since_of(&doc, "CreateWebhookConfigurationRequest", "status"),
        ),
        (
            Feature::WebhookReset,
            since_of(&doc, "UpdateWebhookConfigurationRequest", "reset_options"),
        ),
    ];
    for (feature, since) in expected {
        assert_eq!(feature.since(), since, "{feature:?}");
    }
    assert_eq!(
        doc["endpoints"]["POST /api/rest/2.0/system/communication-channels/validate"]["beta"],
        json!(Feature::TestEvent.beta())
    );
}
