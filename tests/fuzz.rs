//! Hostile or broken wire: response parsing never panics (a panic kills the
//! page in release builds). Arbitrary bytes and structurally mutated valid
//! responses give a clear error or a correct parse. The case count per
//! property comes from PROPTEST_CASES (proptest's default, 256, in the test
//! command; the README's fuzz run uses 100,000).
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::{json, Value};
use ts_channels_panel::api::client::parse;
use ts_channels_panel::api::wire::{OrgResponse, SearchResponse, SessionUser, Token};
use ts_channels_panel::api::ApiError;
use ts_channels_panel::model::draft::{diff, plan, Draft};
use ts_channels_panel::model::prefs::{OrgSetting, Snapshot, LIVEBOARD_SCHEDULE as LS};
use ts_channels_panel::model::table::filter;
use ts_channels_panel::model::workfile::WorkFile;

fn valid_search() -> Value {
    json!({
        "cluster_preferences": [{"event_type": LS, "channels": ["EMAIL"]}],
        "org_preferences": [
            {"org": {"id": "0", "name": "Primary"}, "preferences": []},
            {"org": {"id": "583464508", "name": "Finance"}, "preferences": [{"event_type": LS, "channels": ["EMAIL", "WEBHOOK"]}]},
            {"org": {"id": "7", "name": "Off"}, "preferences": [{"event_type": LS, "channels": []}]}
        ]
    })
}

/// Everything the panel does with a search answer once it parsed.
fn exercise(resp: SearchResponse) {
    let snap = Snapshot::from_wire(resp, None, true);
    let _ = snap.unknown_values();
    let _ = filter(&snap.orgs, "a");
    let mut d = Draft::default();
    d.set_cluster(&snap, LS, vec!["WEBHOOK".into()]);
    for (i, o) in snap.orgs.iter().enumerate().take(50) {
        let s = if i % 2 == 0 {
            OrgSetting::Inherit
        } else {
            OrgSetting::Override(vec![])
        };
        d.set_org(&snap, &o.id, LS, s);
    }
    let changes = diff(&snap, &d);
    let req = plan(&snap, &changes);
    // Every Org in the body is one the admin edited.
    for o in &req.org_preferences {
        assert!(d.orgs.contains_key(&o.org_identifier));
    }
    serde_json::to_string(&req).unwrap();
}

/// Any parse result is fine as long as an error is a clear `Malformed` one.
fn check_all(text: &str) {
    match parse::<SearchResponse>(text) {
        Ok(r) => exercise(r),
        Err(ApiError::Malformed { detail }) => assert!(!detail.is_empty()),
        Err(other) => panic!("{other:?}"),
    }
    let _ = parse::<SessionUser>(text);
    let _ = parse::<Token>(text);
    let _ = parse::<Vec<OrgResponse>>(text);
    let _ = WorkFile::parse(text);
    for status in [400, 401, 403, 500] {
        let e = ApiError::from_response(status, text);
        assert_eq!(e.status(), Some(status));
        let _ = (e.summary(), e.hint(), e.reference());
    }
}

/// Arbitrary JSON values, a few levels deep, with long strings now and then.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        "[A-Z_]{0,20}".prop_map(Value::String),
        ".{0,40}".prop_map(Value::String),
        (1usize..200_000).prop_map(|n| Value::String("x".repeat(n))),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,12}", inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// All paths to nodes of a value (object keys and array indexes).
fn paths(v: &Value, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(prefix.clone());
    match v {
        Value::Object(m) => m.iter().for_each(|(k, c)| {
            let mut p = prefix.clone();
            p.push(k.clone());
            paths(c, p, out)
        }),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, c)| {
            let mut p = prefix.clone();
            p.push(i.to_string());
            paths(c, p, out)
        }),
        _ => {}
    }
}

fn node<'a>(v: &'a mut Value, path: &[String]) -> &'a mut Value {
    path.iter().fold(v, |cur, key| match cur {
        Value::Object(m) => m.get_mut(key).unwrap(),
        Value::Array(a) => &mut a[key.parse::<usize>().unwrap()],
        _ => unreachable!(),
    })
}

#[derive(Debug, Clone)]
enum Mutation {
    Replace(usize, Value),
    Remove(usize),
    Duplicate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any_json()).prop_map(|(i, v)| Mutation::Replace(i, v)),
        any::<usize>().prop_map(Mutation::Remove),
        any::<usize>().prop_map(Mutation::Duplicate),
    ]
}

fn mutate(mut v: Value, muts: &[Mutation]) -> Value {
    for m in muts {
        let mut all = Vec::new();
        paths(&v, vec![], &mut all);
        let pick = |i: usize| all[i % all.len()].clone();
        match m {
            Mutation::Replace(i, new) => *node(&mut v, &pick(*i)) = new.clone(),
            Mutation::Remove(i) => {
                let p = pick(*i);
                if let Some((last, parent)) = p.split_last() {
                    match node(&mut v, parent) {
                        Value::Object(m) => {
                            m.remove(last);
                        }
                        Value::Array(a) => {
                            a.remove(last.parse::<usize>().unwrap());
                        }
                        _ => {}
                    }
                }
            }
            Mutation::Duplicate(i) => {
                if let Value::Array(a) = node(&mut v, &pick(*i)) {
                    let copy = a.clone();
                    a.extend(copy);
                }
            }
        }
    }
    v
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check_all(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn arbitrary_json_never_panics(v in any_json()) {
        check_all(&v.to_string());
    }

    #[test]
    fn mutated_valid_responses_parse_or_fail_clearly(muts in prop::collection::vec(mutation(), 1..5)) {
        check_all(&mutate(valid_search(), &muts).to_string());
    }

    #[test]
    fn truncated_valid_responses_fail_clearly(cut in 0usize..400) {
        let text = valid_search().to_string();
        let cut = cut.min(text.len() - 1);
        let malformed = matches!(parse::<SearchResponse>(&text[..cut]), Err(ApiError::Malformed { .. }));
        prop_assert!(malformed, "cut at {}", cut);
    }

    #[test]
    fn unknown_event_types_and_channels_survive(event in "[A-Z_]{1,16}", chan in "[A-Z_]{1,12}") {
        let text = json!({"cluster_preferences": [], "org_preferences": [
            {"org": {"id": "1", "name": "A"}, "preferences": [
                {"event_type": event, "channels": [chan]},
                {"event_type": LS, "channels": ["EMAIL", chan]}]}]}).to_string();
        let snap = Snapshot::from_wire(parse(&text).unwrap(), None, true);
        let mut d = Draft::default();
        d.set_org(&snap, "1", LS, OrgSetting::Override(vec![chan.clone()]));
        let body = serde_json::to_value(plan(&snap, &diff(&snap, &d))).unwrap();
        let prefs = &body["org_preferences"][0]["preferences"];
        if event != LS {
            let kept = json!({"event_type": event, "channels": [chan]});
            prop_assert!(prefs.as_array().unwrap().contains(&kept), "{}", body);
        }
    }
}

#[test]
fn nulls_where_the_spec_allows_them_parse() {
    let text = r#"{"cluster_preferences":null,"org_preferences":[{"org":{"id":"1","name":"A"},"preferences":null}]}"#;
    let snap = Snapshot::from_wire(parse(text).unwrap(), None, true);
    assert_eq!(snap.orgs[0].setting(LS), OrgSetting::Inherit);
    assert_eq!(
        snap.cluster_setting(LS),
        Some(ts_channels_panel::model::prefs::ClusterSetting::NeverSet)
    );
    let orgs: Vec<OrgResponse> = parse(r#"[{"id":null,"name":null,"status":null}]"#).unwrap();
    assert_eq!(orgs[0].id, None);
}

#[test]
fn ten_thousand_orgs_and_huge_names_parse() {
    let orgs: Vec<Value> = (0..10_000)
        .map(|i| {
            let prefs = match i % 3 {
                0 => json!([]),
                1 => json!([{"event_type": LS, "channels": ["EMAIL"]}]),
                _ => json!([{"event_type": LS, "channels": []}]),
            };
            json!({"org": {"id": i.to_string(), "name": format!("Org {i:05}")}, "preferences": prefs})
        })
        .collect();
    let mut v = json!({"cluster_preferences": [], "org_preferences": orgs});
    v["org_preferences"][0]["org"]["name"] = json!("n".repeat(5_000_000));
    let text = v.to_string();
    let snap = Snapshot::from_wire(parse(&text).unwrap(), None, true);
    assert_eq!(snap.orgs.len(), 10_000);
    assert_eq!(filter(&snap.orgs, "org 0999").len(), 10);
    exercise(parse(&text).unwrap());
}
