use super::*;
use crate::api::wire::SearchResponse;
use crate::model::compare::compare;
use crate::model::draft::{diff, plan};
use crate::model::prefs::OrgWebhook;
use crate::model::release::{Release, ReleaseInfo};
use crate::model::webhook::AuthKind;
use serde_json::json;
use std::collections::BTreeMap;

fn snap(v: serde_json::Value, hooks: Vec<(&str, &str, WebhookForm)>) -> Snapshot {
    let r: SearchResponse = serde_json::from_value(v).unwrap();
    let mut s = Snapshot::from_wire(r, None, true);
    let map: BTreeMap<String, OrgWebhook> = hooks
        .into_iter()
        .map(|(org, id, form)| {
            let w = OrgWebhook {
                id: id.into(),
                name: form.name.clone(),
                form,
            };
            (org.to_string(), w)
        })
        .collect();
    s.set_webhooks(map);
    s
}

fn form(name: &str, url: &str, auth: AuthKind, headers: &str) -> WebhookForm {
    WebhookForm {
        name: name.into(),
        url: url.into(),
        auth,
        auth_user: if auth == AuthKind::ApiKey {
            "X-Key".into()
        } else {
            String::new()
        },
        headers: headers.into(),
        ..Default::default()
    }
}

fn clusters() -> (Snapshot, Snapshot) {
    let a = snap(
        json!({"cluster_preferences": [], "org_preferences": [
            {"org": {"id": "1", "name": "Finance"}, "preferences": [{"event_type": LS, "channels": ["WEBHOOK"]}]},
            {"org": {"id": "2", "name": "HR"}, "preferences": []},
            {"org": {"id": "3", "name": "Legal"}, "preferences": [{"event_type": LS, "channels": []}]},
            {"org": {"id": "4", "name": "Ops"}, "preferences": []}
        ]}),
        vec![
            (
                "1",
                "a1",
                form(
                    "Finance schedules",
                    "https://hooks.example.com/fin",
                    AuthKind::ApiKey,
                    "X-Team: fin",
                ),
            ),
            (
                "2",
                "a2",
                form(
                    "HR schedules",
                    "https://hooks.example.com/hr",
                    AuthKind::BearerToken,
                    "",
                ),
            ),
        ],
    );
    let b = snap(
        json!({"cluster_preferences": [{"event_type": LS, "channels": ["EMAIL"]}], "org_preferences": [
            {"org": {"id": "91", "name": "Finance"}, "preferences": [{"event_type": LS, "channels": ["EMAIL"]}]},
            {"org": {"id": "92", "name": "HR"}, "preferences": [{"event_type": LS, "channels": ["EMAIL"]}]},
            {"org": {"id": "94", "name": "Ops"}, "preferences": []}
        ]}),
        vec![(
            "92",
            "b2",
            form(
                "HR old",
                "https://old.example.com/hr",
                AuthKind::BearerToken,
                "",
            ),
        )],
    );
    (a, b)
}

fn rules(release: &str) -> FormRules {
    FormRules::for_release(ReleaseInfo::Known(Release::parse(release).unwrap()))
}

#[test]
fn the_picked_orgs_get_a_s_preferences_as_one_configure_on_b() {
    let (a, b) = clusters();
    let c = compare(&a, &b);
    let picked: Vec<&Row> = c
        .rows
        .iter()
        .filter(|r| ["Finance", "HR", "Legal"].contains(&r.name()))
        .collect();
    let p = promote(&a, &b, &picked, true, rules("26.8.0.cl"));
    let body = serde_json::to_value(plan(&b, &diff(&b, &p.draft))).unwrap();
    assert_eq!(
        body,
        json!({"org_preferences": [
            {"org_identifier": "91", "operation": "REPLACE", "preferences": [{"event_type": LS, "channels": ["WEBHOOK"]}]},
            {"org_identifier": "92", "operation": "RESET", "reset_events": [LS]}
        ]}),
        "B's ids; no cluster default (B's EMAIL is what A's never-set means)"
    );
    // A's never-set default: B's is set to EMAIL, said so; B is EMAIL already.
    assert!(p.draft.cluster.is_empty());
    assert!(p.cannot.iter().any(|c| c.contains("never set")));
    assert!(p
        .cannot
        .iter()
        .any(|c| c.starts_with("Legal: there is no such Org on B")));
}

#[test]
fn webhooks_are_created_or_updated_without_a_secret_and_ask_for_what_they_need() {
    let (a, b) = clusters();
    let c = compare(&a, &b);
    let picked: Vec<&Row> = c
        .rows
        .iter()
        .filter(|r| ["Finance", "HR"].contains(&r.name()))
        .collect();
    let p = promote(&a, &b, &picked, false, rules("26.8.0.cl"));
    assert_eq!(p.hooks.len(), 2);
    let fin = p.hooks.iter().find(|h| h.org_name == "Finance").unwrap();
    assert_eq!(
        (fin.kind.clone(), fin.org_id.as_str()),
        (HookKind::Create, "91")
    );
    assert_eq!(
        fin.needs,
        [Field::AuthSecret],
        "a new API key needs its value"
    );
    assert_eq!(fin.form.headers, "X-Team: fin");
    let hr = p.hooks.iter().find(|h| h.org_name == "HR").unwrap();
    assert!(matches!(&hr.kind, HookKind::Update { webhook, .. } if webhook == "b2"));
    assert!(
        hr.needs.is_empty(),
        "same kind of authentication: B's secret is kept"
    );
    assert_eq!(hr.form.url, "https://hooks.example.com/hr");
    for h in &p.hooks {
        assert!(h.form.auth_secret.is_empty() && h.form.signature_secret.is_empty());
    }
}

#[test]
fn what_b_s_release_lacks_is_left_out_and_said() {
    let (a, b) = clusters();
    let c = compare(&a, &b);
    let picked: Vec<&Row> = c.rows.iter().filter(|r| r.name() == "Finance").collect();
    let p = promote(&a, &b, &picked, false, rules("26.2.0.cl"));
    assert_eq!(p.hooks[0].form.headers, "");
    assert!(
        p.cannot
            .iter()
            .any(|c| c.contains("additional headers are not sent")),
        "{:?}",
        p.cannot
    );
}

#[test]
fn an_org_only_on_b_or_with_a_similar_name_is_not_promoted() {
    let (a, b) = clusters();
    let mut b2 = b.clone();
    b2.orgs.push(crate::model::prefs::Org {
        id: "95".into(),
        name: "ops".into(),
        prefs: Default::default(),
        inactive: false,
    });
    let a2 = {
        let mut s = a.clone();
        s.orgs.retain(|o| o.name != "Ops");
        s.orgs.push(crate::model::prefs::Org {
            id: "7".into(),
            name: "OPS ".into(),
            prefs: Default::default(),
            inactive: false,
        });
        s
    };
    let c = compare(&a2, &b2);
    let all: Vec<&Row> = c.rows.iter().collect();
    let p = promote(&a2, &b2, &all, false, rules("26.8.0.cl"));
    assert!(
        p.cannot
            .iter()
            .any(|c| c.contains("differs from it only in case or spacing")),
        "{:?}",
        p.cannot
    );
    assert!(p.cannot.iter().any(|c| c.contains("A has no such Org")));
}

#[test]
fn webhooks_not_read_on_a_side_are_not_promoted_and_said() {
    let (a, mut b) = clusters();
    b.webhook_orgs = None;
    b.webhooks.clear();
    let c = compare(&a, &b);
    let picked: Vec<&Row> = c.rows.iter().filter(|r| r.name() == "Finance").collect();
    let p = promote(&a, &b, &picked, false, rules("26.8.0.cl"));
    assert!(
        p.hooks.is_empty(),
        "no create where B's webhooks are unknown"
    );
    assert!(
        p.cannot
            .iter()
            .any(|c| c.contains("B's webhooks were not read")),
        "{:?}",
        p.cannot
    );
    assert!(!p.draft.is_empty(), "the preferences still go");
}

#[test]
fn a_disabled_webhook_on_an_older_b_is_said_and_an_enabled_one_is_not() {
    let (mut a, b) = clusters();
    let status = |a: &mut Snapshot, s| {
        let mut hooks = a.webhooks.clone();
        hooks.get_mut("1").unwrap().form.status = Some(s);
        a.set_webhooks(hooks);
    };
    let pick = |a: &Snapshot| {
        let c = compare(a, &b);
        let picked: Vec<Row> = c
            .rows
            .into_iter()
            .filter(|r| r.name() == "Finance")
            .collect();
        let refs: Vec<&Row> = picked.iter().collect();
        promote(a, &b, &refs, false, rules("26.4.0.cl"))
    };
    status(&mut a, Status::Disabled);
    let p = pick(&a);
    assert!(
        p.cannot.iter().any(|c| c.contains("stays enabled on B")),
        "{:?}",
        p.cannot
    );
    assert_eq!(p.hooks[0].form.status, None, "26.4 takes no status");
    status(&mut a, Status::Enabled);
    let p = pick(&a);
    assert!(
        !p.cannot.iter().any(|c| c.contains("status")),
        "{:?}",
        p.cannot
    );
}

#[test]
fn a_row_that_differs_only_through_the_default_says_to_promote_the_default() {
    let (a, b) = clusters();
    let c = compare(&a, &b);
    // Ops inherits on both; A's default was never set (EMAIL), B's is EMAIL.
    let ops = c.rows.iter().find(|r| r.name() == "Ops").unwrap();
    assert!(ops.differs.is_empty(), "{:?}", ops.differs);
    // B with a WEBHOOK default: Ops now differs through it alone.
    let b2 = snap(
        json!({"cluster_preferences": [{"event_type": LS, "channels": ["WEBHOOK"]}], "org_preferences": [
            {"org": {"id": "94", "name": "Ops"}, "preferences": []}
        ]}),
        vec![],
    );
    let c = compare(&a, &b2);
    let ops = c.rows.iter().find(|r| r.name() == "Ops").unwrap();
    assert_eq!(ops.differs, [Aspect::Effective]);
    let p = promote(&a, &b2, &[ops], false, rules("26.8.0.cl"));
    assert!(
        p.cannot
            .iter()
            .any(|c| c.contains("promote the cluster default too")),
        "{:?}",
        p.cannot
    );
}
