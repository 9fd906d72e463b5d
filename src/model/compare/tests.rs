use super::*;
use crate::api::wire::SearchResponse;
use crate::model::prefs::OrgWebhook;
use crate::model::webhook::WebhookForm;
use serde_json::json;
use std::collections::BTreeMap;

fn snap(v: serde_json::Value, hooks: &[(&str, &str, WebhookForm)]) -> Snapshot {
    let r: SearchResponse = serde_json::from_value(v).unwrap();
    let mut s = Snapshot::from_wire(r, None, true);
    s.set_webhooks(
        hooks
            .iter()
            .map(|(org, id, form)| {
                let w = OrgWebhook {
                    id: id.to_string(),
                    name: form.name.clone(),
                    form: form.clone(),
                };
                (org.to_string(), w)
            })
            .collect::<BTreeMap<_, _>>(),
    );
    s
}

fn hook(url: &str, auth: AuthKind, headers: &str) -> WebhookForm {
    WebhookForm {
        name: "hook".into(),
        url: url.into(),
        auth,
        headers: headers.into(),
        ..Default::default()
    }
}

fn pair() -> (Snapshot, Snapshot) {
    let a = snap(
        json!({"cluster_preferences": [], "org_preferences": [
            {"org": {"id": "1", "name": "Finance"}, "preferences": [{"event_type": LS, "channels": ["EMAIL"]}]},
            {"org": {"id": "2", "name": "Legal"}, "preferences": [{"event_type": LS, "channels": []}]},
            {"org": {"id": "3", "name": "HR"}, "preferences": []},
            {"org": {"id": "4", "name": "Sales EMEA"}, "preferences": []},
            {"org": {"id": "5", "name": "Same"}, "preferences": [{"event_type": LS, "channels": ["WEBHOOK"]}]}
        ]}),
        &[
            (
                "3",
                "wa3",
                hook("https://a.example/hr", AuthKind::BearerToken, "X-Team: hr"),
            ),
            (
                "5",
                "wa5",
                hook("https://a.example/same", AuthKind::None, ""),
            ),
            (
                "1",
                "wa1",
                hook("https://a.example/fin", AuthKind::ApiKey, ""),
            ),
        ],
    );
    let b = snap(
        json!({"cluster_preferences": [{"event_type": LS, "channels": ["EMAIL"]}], "org_preferences": [
            {"org": {"id": "91", "name": "Finance"}, "preferences": [{"event_type": LS, "channels": ["EMAIL", "WEBHOOK"]}]},
            {"org": {"id": "93", "name": "HR"}, "preferences": []},
            {"org": {"id": "94", "name": "sales  emea"}, "preferences": []},
            {"org": {"id": "95", "name": "Same"}, "preferences": [{"event_type": LS, "channels": ["WEBHOOK"]}]},
            {"org": {"id": "96", "name": "Staging Lab"}, "preferences": []}
        ]}),
        &[
            (
                "93",
                "wb3",
                hook(
                    "https://b.example/hr",
                    AuthKind::ApiKey,
                    "X-Team: hr\nX-Env: b",
                ),
            ),
            (
                "95",
                "wb5",
                hook("https://a.example/same", AuthKind::None, ""),
            ),
        ],
    );
    (a, b)
}

fn row<'a>(c: &'a Comparison, name: &str) -> &'a Row {
    c.rows.iter().find(|r| r.name() == name).unwrap()
}

#[test]
fn orgs_are_matched_by_name_and_each_difference_is_named() {
    let (a, b) = pair();
    let c = compare(&a, &b);
    assert!(c.default_differs(), "never set against EMAIL");
    let fin = row(&c, "Finance");
    assert_eq!(
        (
            fin.a.as_ref().unwrap().id.as_str(),
            fin.b.as_ref().unwrap().id.as_str()
        ),
        ("1", "91")
    );
    assert_eq!(
        fin.differs,
        [Aspect::Channels, Aspect::Effective, Aspect::Webhook]
    );
    // Inherits on both: never set and EMAIL both send email.
    let hr = row(&c, "HR");
    assert_eq!(hr.differs, [Aspect::Url, Aspect::Auth, Aspect::Headers]);
    assert!(
        row(&c, "Same").differs.is_empty(),
        "ids and secrets aside, the same"
    );
    let legal = row(&c, "Legal");
    assert!(legal.b.is_none() && legal.similar.is_none());
    assert!(row(&c, "Staging Lab").a.is_none());
    assert_eq!(
        c.tally(),
        Tally {
            same: 1,
            differing: 2,
            only_a: 2,
            only_b: 2,
            similar: 2
        }
    );
}

#[test]
fn names_that_differ_only_in_case_or_spacing_are_flagged_not_matched() {
    let (a, b) = pair();
    let c = compare(&a, &b);
    let emea = row(&c, "Sales EMEA");
    assert!(emea.b.is_none(), "not matched");
    assert_eq!(emea.similar.as_deref(), Some("sales  emea"));
    let lower = row(&c, "sales  emea");
    assert!(lower.a.is_none());
    assert_eq!(lower.similar.as_deref(), Some("Sales EMEA"));
    assert_eq!(folded("  Sales \t EMEA "), "sales emea");
}

#[test]
fn secrets_are_never_in_the_comparison() {
    let (mut a, b) = pair();
    let mut w = a.webhook_of("3").unwrap().clone();
    w.form.auth_secret = "s3cr3t".into();
    w.form.signature_secret = "s1gn".into();
    let mut hooks = a.webhooks.clone();
    hooks.insert("3".into(), w);
    a.set_webhooks(hooks);
    let text = format!("{:?}", compare(&a, &b));
    assert!(!text.contains("s3cr3t") && !text.contains("s1gn"), "{text}");
}

#[test]
fn ten_thousand_orgs_on_each_side_compare_in_one_pass() {
    let orgs = |prefix: u32, odd: &str| -> Snapshot {
        let list: Vec<serde_json::Value> = (0..10_000)
            .map(|i| {
                let channels = if i % 7 == 0 { json!([odd]) } else { json!(["EMAIL"]) };
                json!({"org": {"id": format!("{}", prefix * 100_000 + i), "name": format!("Org {i:05}")},
                       "preferences": [{"event_type": LS, "channels": channels}]})
            })
            .collect();
        snap(
            json!({"cluster_preferences": [], "org_preferences": list}),
            &[],
        )
    };
    let (a, b) = (orgs(1, "EMAIL"), orgs(2, "WEBHOOK"));
    let c = compare(&a, &b);
    let t = c.tally();
    assert_eq!((t.same + t.differing, t.only_a, t.only_b), (10_000, 0, 0));
    assert_eq!(t.differing, 1_429, "every 7th");
}

#[test]
fn the_export_names_each_difference_and_never_a_secret() {
    let (mut a, b) = pair();
    let mut w = a.webhook_of("1").unwrap().clone();
    w.form.auth_secret = "k3y-s3cr3t".into();
    let mut hooks = a.webhooks.clone();
    hooks.insert("1".into(), w);
    a.set_webhooks(hooks);
    let c = compare(&a, &b);
    let rows: Vec<&Row> = c.rows.iter().collect();
    let text = export::to_csv(&c, &rows);
    assert!(!text.contains("k3y-s3cr3t"));
    let hr = text.lines().find(|l| l.starts_with("HR,")).unwrap();
    assert!(
        hr.ends_with("\"webhook URL, authentication, header names\""),
        "{hr}"
    );
    assert!(hr.contains("Bearer token (secret set)"), "{hr}");
    assert!(text.contains("only in A") && text.contains("not matched: the other side has"));
    let doc: serde_json::Value =
        serde_json::from_str(&export::to_json(&c, &rows, "https://a", "https://b")).unwrap();
    assert_eq!(doc["format"], export::FORMAT);
    assert_eq!(doc["orgs"].as_array().unwrap().len(), c.rows.len());
    assert_eq!(doc["cluster_default"]["differs"], true);
    assert!(!doc.to_string().contains("k3y-s3cr3t"));
}

#[test]
fn the_filter_and_the_modes_keep_the_rows_they_say() {
    let (a, b) = pair();
    let c = compare(&a, &b);
    let keys = search_keys(&c);
    let names = |q: &str, m: Showing| -> Vec<String> {
        matching(&c, &keys, q, m)
            .into_iter()
            .map(|i| c.rows[i].name().to_string())
            .collect()
    };
    let t = c.tally();
    assert_eq!(names("", Showing::All).len(), c.rows.len());
    assert_eq!(
        names("", Showing::Differences).len(),
        t.differing + t.only_a + t.only_b
    );
    assert_eq!(names("", Showing::OnlyA).len(), t.only_a);
    assert_eq!(names("", Showing::OnlyB).len(), t.only_b);
    assert!(names("", Showing::OnlyA).contains(&"Legal".to_string()));
    assert!(!names("", Showing::Differences).contains(&"Same".to_string()));
    assert_eq!(names("FIN", Showing::All), vec!["Finance".to_string()]);
    assert!(names("fin", Showing::OnlyB).is_empty());
    for m in Showing::ALL {
        assert_eq!(Showing::from_code(m.code()), m);
    }
    assert_eq!(Showing::from_code("nope"), Showing::All);
    assert!(row(&c, "Finance").promotable() && !row(&c, "Legal").promotable());
}

#[test]
fn a_default_not_read_on_one_side_is_not_a_difference() {
    let (a, mut b) = pair();
    b.cluster = None;
    let c = compare(&a, &b);
    let hr = row(&c, "HR");
    assert!(
        !hr.differs.contains(&Aspect::Effective),
        "HR inherits on both; B's default is unknown: {:?}",
        hr.differs
    );
    assert_eq!(hr.b.as_ref().unwrap().effective, None);
}
