//! The two demo clusters (`--variant first` and `--variant second`) differ
//! exactly as `seed/second.rs` and the README list them, as a tool comparing
//! them over the API sees it: Orgs matched by name (`orgs/search`), their
//! preferences and the cluster default (the preferences search), and their
//! webhooks (`webhooks/search`). The second cluster is checked both at the
//! first's release and at 26.4.0.cl, the release `./run demo` gives it.

mod common;

use common::{app_of, post, state};
use demo_server::faults::Faults;
use demo_server::seed::Variant;
use demo_server::spec::Release;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

/// The releases the second cluster is checked at.
const SECOND_RELEASES: [Release; 2] = [Release::LATEST, Release(26, 4, 0)];

/// The first cluster, and the second answering as `release`, each with
/// `generated` generated Orgs.
fn pair(generated: usize, release: Release) -> (axum::Router, axum::Router) {
    let second = Faults {
        release,
        ..Faults::default()
    };
    (
        app_of(Variant::First, generated, Faults::default()),
        app_of(Variant::Second, generated, second),
    )
}

/// `orgs/search` with no filter: each Org's id by its name.
async fn orgs(app: &axum::Router) -> BTreeMap<String, i64> {
    let v = post(app, "/orgs/search", "{}").await.json();
    let orgs = v.as_array().unwrap();
    let by_name: BTreeMap<_, _> = orgs
        .iter()
        .map(|o| {
            (
                o["name"].as_str().unwrap().to_string(),
                o["id"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(by_name.len(), orgs.len(), "no two Orgs share a name");
    by_name
}

/// The names in `a` that `b` lacks, in order.
fn only_in<'a>(a: &'a BTreeMap<String, i64>, b: &BTreeMap<String, i64>) -> Vec<&'a str> {
    a.keys()
        .filter(|n| !b.contains_key(*n))
        .map(String::as_str)
        .collect()
}

/// A name as a near-duplicate check reads it: lower case, spaces collapsed.
fn loose(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// LIVEBOARD_SCHEDULE's channels in a list of `EventChannelConfig`, or `None`
/// when the list does not set it (never set, or inherited).
fn schedule_channels(configs: &Value) -> Option<Vec<String>> {
    configs.as_array().unwrap().iter().find_map(|c| {
        (c["event_type"] == "LIVEBOARD_SCHEDULE").then(|| {
            let channels = c["channels"].as_array().unwrap();
            channels
                .iter()
                .map(|ch| ch.as_str().unwrap().to_string())
                .collect()
        })
    })
}

type Setting = Option<Vec<String>>;

/// The preferences search for LIVEBOARD_SCHEDULE: the cluster default, and
/// each Org's override by its name (`None`: it inherits).
async fn prefs(app: &axum::Router) -> (Setting, BTreeMap<String, Setting>) {
    let body = json!({"cluster_preferences": ["LIVEBOARD_SCHEDULE"]}).to_string();
    let v = post(
        app,
        "/system/preferences/communication-channels/search",
        &body,
    )
    .await
    .json();
    let orgs = v["org_preferences"].as_array().unwrap().iter().map(|o| {
        let name = o["org"]["name"].as_str().unwrap().to_string();
        (name, schedule_channels(&o["preferences"]))
    });
    (schedule_channels(&v["cluster_preferences"]), orgs.collect())
}

fn set(channels: &[&str]) -> Setting {
    Some(channels.iter().map(|c| c.to_string()).collect())
}

/// `webhooks/search` with no filter: each webhook by its Org's name.
async fn webhooks(app: &axum::Router) -> BTreeMap<String, Value> {
    let v = post(app, "/webhooks/search", "{}").await.json();
    let hooks = v["webhooks"].as_array().unwrap();
    let by_org: BTreeMap<_, _> = hooks
        .iter()
        .map(|w| (w["org"]["name"].as_str().unwrap().to_string(), w.clone()))
        .collect();
    assert_eq!(by_org.len(), hooks.len(), "one webhook per Org");
    by_org
}

/// The fields in which two webhook answers differ, ids aside (a field left
/// out reads as null, as an older release leaves out newer fields).
fn differing_fields(a: &Value, b: &Value) -> Vec<String> {
    let (a, b) = (a.as_object().unwrap(), b.as_object().unwrap());
    let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    keys.into_iter()
        .filter(|k| !["id", "org"].contains(&k.as_str()))
        .filter(|k| a.get(*k).unwrap_or(&Value::Null) != b.get(*k).unwrap_or(&Value::Null))
        .cloned()
        .collect()
}

#[tokio::test]
async fn orgs_match_by_name_with_other_ids_but_one_each_side_and_a_near_duplicate() {
    for release in SECOND_RELEASES {
        let (first, second) = pair(0, release);
        let (a, b) = (orgs(&first).await, orgs(&second).await);
        assert_eq!((a.len(), b.len()), (15, 15));
        let (only_a, only_b) = (only_in(&a, &b), only_in(&b, &a));
        assert_eq!(only_a, ["Legal", "Sales EMEA"]);
        assert_eq!(only_b, ["Staging Lab", "sales  emea"]);
        let near: Vec<(&str, &str)> = only_a
            .iter()
            .flat_map(|x| only_b.iter().map(move |y| (*x, *y)))
            .filter(|(x, y)| loose(x) == loose(y))
            .collect();
        assert_eq!(near, [("Sales EMEA", "sales  emea")]);
        let matched: Vec<&String> = a.keys().filter(|n| b.contains_key(*n)).collect();
        assert_eq!(matched.len(), 13);
        let same_id: Vec<&String> = matched.iter().copied().filter(|n| a[*n] == b[*n]).collect();
        assert_eq!(same_id, ["Primary"]);
        assert_eq!(a["Primary"], 0);
        // No id of one cluster names another Org on the other.
        for (name, id) in &a {
            assert!(b.iter().all(|(n, i)| i != id || n == name), "{name}");
        }
        for name in [
            "<b>Bold</b> & <i>Co</i>",
            "<img src=x onerror=alert(1)>",
            "<script>alert(2)</script>",
            "Zürich Analytics",
        ] {
            assert!(a.contains_key(name) && b.contains_key(name), "{name}");
        }
        // The second cluster does not take the first's spelling for its own.
        let v = post(
            &second,
            "/orgs/search",
            r#"{"org_identifier":"Sales EMEA"}"#,
        )
        .await;
        assert_eq!(v.json(), json!([]));
    }
}

#[tokio::test]
async fn the_default_and_five_matched_orgs_preferences_differ() {
    for release in SECOND_RELEASES {
        let (first, second) = pair(0, release);
        let ((default_a, a), (default_b, b)) = (prefs(&first).await, prefs(&second).await);
        assert_eq!(default_a, None, "never set on the first");
        assert_eq!(default_b, set(&["EMAIL"]));
        let differing: BTreeMap<&str, (Setting, Setting)> = a
            .iter()
            .filter_map(|(n, pa)| {
                let pb = b.get(n)?;
                (pa != pb).then(|| (n.as_str(), (pa.clone(), pb.clone())))
            })
            .collect();
        let expected = BTreeMap::from([
            ("Data Science", (set(&[]), set(&["EMAIL"]))),
            ("Engineering", (set(&["WEBHOOK"]), None)),
            ("Sales Americas", (None, set(&["EMAIL"]))),
            ("Support", (None, set(&[]))),
            (
                "Zürich Analytics",
                (set(&["EMAIL"]), set(&["EMAIL", "WEBHOOK"])),
            ),
        ]);
        assert_eq!(differing, expected);
        let inherit_both: Vec<&str> = a
            .iter()
            .filter(|(n, pa)| pa.is_none() && b.get(*n) == Some(&None))
            .map(|(n, _)| n.as_str())
            .collect();
        assert_eq!(
            inherit_both,
            [
                "<b>Bold</b> & <i>Co</i>",
                "<script>alert(2)</script>",
                "Archive 2023",
                "Primary"
            ]
        );
        assert_eq!(a["Legal"], set(&[]));
        assert_eq!(b["Staging Lab"], None);
        assert_eq!(a["Sales EMEA"], b["sales  emea"]);
    }
}

#[tokio::test]
async fn one_webhook_is_on_the_first_only_one_differs_and_one_is_the_same() {
    for release in SECOND_RELEASES {
        let (first, second) = pair(0, release);
        let (a, b) = (webhooks(&first).await, webhooks(&second).await);
        assert_eq!(a.keys().collect::<Vec<_>>(), ["Finance", "HR", "Marketing"]);
        assert_eq!(b.keys().collect::<Vec<_>>(), ["HR", "Marketing"]);
        assert_eq!(a["Finance"]["name"], "Finance archive");
        let (ma, mb) = (&a["Marketing"], &b["Marketing"]);
        assert_eq!(
            differing_fields(ma, mb),
            ["additional_headers", "authentication", "url"]
        );
        assert_eq!(ma["name"], mb["name"]);
        assert_eq!(ma["url"], "https://hooks.example.com/marketing");
        assert_eq!(mb["url"], "https://receiver.example.net/marketing");
        assert_eq!(ma["authentication"], json!({"BEARER_TOKEN": "***"}));
        assert_eq!(
            mb["authentication"],
            json!({"API_KEY": {"key": "X-Api-Key", "value": "***"}})
        );
        assert_eq!(ma.get("additional_headers"), None);
        assert_eq!(
            mb["additional_headers"],
            json!([{"key": "X-Team", "value": "marketing"}])
        );
        let (ha, hb) = (&a["HR"], &b["HR"]);
        assert_eq!(differing_fields(ha, hb), Vec::<String>::new());
        assert_ne!(ha["id"], hb["id"]);
        assert_ne!(ha["org"]["id"], hb["org"]["id"]);
    }
    // The secrets, which the API never answers, differ too.
    let (first, second) = pair(0, Release::LATEST);
    let secret = |s: &Value| {
        let hooks = s["cluster"]["webhooks"].as_array().unwrap();
        let hr = hooks.iter().find(|w| w["name"] == "HR schedules").unwrap();
        hr["authentication"]["BEARER_TOKEN"].clone()
    };
    let (sa, sb) = (secret(&state(&first).await), secret(&state(&second).await));
    assert!(sa.is_string() && sb.is_string());
    assert_ne!(sa, sb);
}

#[tokio::test]
async fn generated_orgs_share_their_names_and_every_seventh_differs() {
    const N: usize = 10_000;
    let (first, second) = pair(N, Release(26, 4, 0));
    let generated = |m: BTreeMap<String, i64>| -> BTreeMap<String, i64> {
        m.into_iter()
            .filter(|(n, _)| n.starts_with("Generated Org "))
            .collect()
    };
    let (a, b) = (
        generated(orgs(&first).await),
        generated(orgs(&second).await),
    );
    assert_eq!(a.len(), N);
    assert!(a.keys().eq(b.keys()), "the same names");
    assert!(a.iter().all(|(n, id)| b[n] != *id), "other ids");
    let ((_, pa), (_, pb)) = (prefs(&first).await, prefs(&second).await);
    let differing: Vec<&String> = a.keys().filter(|n| pa[*n] != pb[*n]).collect();
    let every_seventh: Vec<String> = (1..=N / 7)
        .map(|k| format!("Generated Org {:05}", 7 * k))
        .collect();
    assert_eq!(differing.len(), 1428);
    assert!(differing.into_iter().eq(every_seventh.iter()));
}
