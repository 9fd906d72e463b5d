use super::*;
use crate::api::wire::SearchResponse;
use crate::model::conflict::detect;
use crate::model::draft::{diff, plan};
use crate::model::prefs::{OrgSetting, LIVEBOARD_SCHEDULE as LS};
use serde_json::json;

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

fn snapshot(v: serde_json::Value) -> Snapshot {
    let r: SearchResponse = serde_json::from_value(v).unwrap();
    Snapshot::from_wire(r, None, true)
}

/// Before a save: a never-set default; Primary inherits; Finance overrides
/// EMAIL; Legal has everything off; Newer holds values this panel does not know.
fn before() -> Snapshot {
    snapshot(json!({"cluster_preferences": [], "org_preferences": [
        {"org": {"id": "0", "name": "Primary"}, "preferences": []},
        {"org": {"id": "11", "name": "Finance"}, "preferences": [{"event_type": LS, "channels": ["EMAIL"]}]},
        {"org": {"id": "12", "name": "Legal"}, "preferences": [{"event_type": LS, "channels": []}]},
        {"org": {"id": "13", "name": "Newer"}, "preferences": [
            {"event_type": LS, "channels": ["SLACK"]}, {"event_type": "ALERT", "channels": ["TEAMS"]}]}
    ]}))
}

/// The same cluster after the save, written out by hand.
fn after() -> Snapshot {
    snapshot(
        json!({"cluster_preferences": [{"event_type": LS, "channels": ["WEBHOOK"]}], "org_preferences": [
            {"org": {"id": "0", "name": "Primary"}, "preferences": [{"event_type": LS, "channels": ["WEBHOOK"]}]},
            {"org": {"id": "11", "name": "Finance"}, "preferences": []},
            {"org": {"id": "12", "name": "Legal"}, "preferences": [{"event_type": LS, "channels": ["EMAIL"]}]},
            {"org": {"id": "13", "name": "Newer"}, "preferences": [
                {"event_type": LS, "channels": ["EMAIL", "SLACK"]}, {"event_type": "ALERT", "channels": ["TEAMS"]}]}
        ]}),
    )
}

/// The save from `before` to `after`: every kind of change.
fn saved() -> Entry {
    let b = before();
    let mut d = Draft::default();
    d.set_cluster(&b, LS, s(&["WEBHOOK"]));
    d.set_org(&b, "0", LS, OrgSetting::Override(s(&["WEBHOOK"])));
    d.set_org(&b, "11", LS, OrgSetting::Inherit);
    d.set_org(&b, "12", LS, OrgSetting::Override(s(&["EMAIL"])));
    d.set_org(&b, "13", LS, OrgSetting::Override(s(&["EMAIL", "SLACK"])));
    let changes = diff(&b, &d);
    assert_eq!(changes.len(), 5);
    Entry {
        id: String::new(),
        at_ms: 1.7e12,
        user: "admin".into(),
        scope: "Primary (id 0)".into(),
        body: serde_json::to_string(&plan(&b, &changes)).unwrap(),
        changes,
        readback: ReadBack::Checked(vec![None; 5]),
        origin: None,
    }
}

#[test]
fn a_revert_puts_every_kind_of_change_back() {
    let r = revert(&saved(), &after());
    let req = serde_json::to_value(plan(&after(), &diff(&after(), &r.draft))).unwrap();
    assert_eq!(
        req,
        json!({
            // Never set cannot be sent: EMAIL is what never set does.
            "cluster_preferences": [{"event_type": LS, "channels": ["EMAIL"]}],
            "org_preferences": [
                {"org_identifier": "11", "operation": "REPLACE", "preferences": [{"event_type": LS, "channels": ["EMAIL"]}]},
                {"org_identifier": "12", "operation": "REPLACE", "preferences": [{"event_type": LS, "channels": []}]},
                // Unknown values: the unknown event type and channel go back as they were.
                {"org_identifier": "13", "operation": "REPLACE", "preferences": [
                    {"event_type": "ALERT", "channels": ["TEAMS"]}, {"event_type": LS, "channels": ["SLACK"]}]},
                {"org_identifier": "0", "operation": "RESET", "reset_events": [LS]}
            ]
        })
    );
    assert_eq!(r.notes.len(), 1);
    assert!(r.notes[0].contains("cannot un-set it"), "{}", r.notes[0]);
    // Nothing changed on the server since the save: no conflict.
    assert_eq!(detect(&r.base, &after(), &r.draft), vec![]);
}

#[test]
fn a_default_that_was_set_goes_back_exactly() {
    let b = snapshot(
        json!({"cluster_preferences": [{"event_type": LS, "channels": []}], "org_preferences": []}),
    );
    let mut d = Draft::default();
    d.set_cluster(&b, LS, s(&["EMAIL"]));
    let entry = Entry {
        changes: diff(&b, &d),
        ..saved()
    };
    let now = snapshot(
        json!({"cluster_preferences": [{"event_type": LS, "channels": ["EMAIL"]}], "org_preferences": []}),
    );
    let r = revert(&entry, &now);
    assert!(r.notes.is_empty());
    assert_eq!(
        serde_json::to_value(plan(&now, &diff(&now, &r.draft))).unwrap(),
        json!({"cluster_preferences": [{"event_type": LS, "channels": []}]})
    );
}

#[test]
fn items_changed_since_the_save_come_up_as_conflicts() {
    // Someone changed Legal after the save; Finance was put back by hand already.
    let mut later = after();
    for o in &mut later.orgs {
        match o.id.as_str() {
            "12" => {
                o.prefs.insert(LS.into(), s(&["WEBHOOK"]));
            }
            "11" => {
                o.prefs.insert(LS.into(), s(&["EMAIL"]));
            }
            _ => {}
        }
    }
    let r = revert(&saved(), &later);
    let conflicts = detect(&r.base, &later, &r.draft);
    let items: Vec<String> = conflicts.iter().map(|c| c.item.label()).collect();
    assert_eq!(items, ["Legal (id 12), LIVEBOARD_SCHEDULE"]);
    assert_eq!(conflicts[0].theirs.as_deref(), Some("override: WEBHOOK"));
    assert_eq!(conflicts[0].mine, "override: none (all channels off)");
    // Finance already holds the old value: nothing left to send for it.
    let rebased = r.draft.rebase(&later);
    assert!(!rebased.orgs.contains_key("11"));
}

#[test]
fn the_journal_is_bounded_and_counts_what_it_dropped() {
    let mut j = Journal::new("https://ts.example.com");
    for i in 0..(MAX_ENTRIES + 5) {
        j.record(Entry {
            at_ms: i as f64,
            ..saved()
        });
    }
    assert_eq!(j.entries.len(), MAX_ENTRIES);
    assert_eq!(j.dropped, 5);
    assert_eq!(j.entries[0].at_ms, 5.0, "the oldest went first");
    // A huge save still keeps the newest entry, alone if need be.
    let huge = Entry {
        body: "x".repeat(MAX_BYTES),
        ..saved()
    };
    j.record(huge.clone());
    assert_eq!(j.entries, vec![huge]);
    assert_eq!(j.dropped, 5 + MAX_ENTRIES as u64);
    // It reads back as itself (what it knows of its size aside), and holds no token field at all.
    let back = Journal::parse(&j.to_json()).unwrap();
    assert_eq!(back.entries, j.entries);
    assert_eq!(back.dropped, j.dropped);
    assert!(!j.to_json().contains("token"));
}

#[test]
fn csv_has_a_row_per_change_and_defuses_formulas() {
    let mut e = saved();
    if let Change::Org { name, .. } = &mut e.changes[1] {
        *name = "=HYPERLINK(\"x\"), Inc".into();
    }
    e.readback = ReadBack::Checked(vec![None, Some("override: EMAIL".into()), None, None, None]);
    let mut j = Journal::new("");
    j.record(e);
    let csv = j.to_csv(|ms| format!("t{ms}"));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 6);
    assert_eq!(lines[0], "time,user,org scope,item,before,after,read back");
    assert!(lines[1].starts_with(
        "t1700000000000,admin,Primary (id 0),Cluster default for LIVEBOARD_SCHEDULE,"
    ));
    assert!(
        lines[2].contains("\"'=HYPERLINK(\"\"x\"\"), Inc (id"),
        "{}",
        lines[2]
    );
    assert!(lines[2].ends_with("server holds: override: EMAIL"));
}

#[test]
fn entries_are_found_by_org() {
    let e = saved();
    assert!(e.touches("finance"));
    assert!(e.touches("11"));
    assert!(e.touches(""));
    assert!(!e.touches("Sales"));
    assert!(ReadBack::NotConfirmed("HTTP 500".into())
        .describe()
        .contains("not confirmed"));
}

#[test]
fn parts_kept_by_several_tabs_merge_into_one_journal_without_losing_an_entry() {
    let entry = |id: &str, at_ms: f64| Entry {
        id: id.into(),
        at_ms,
        ..saved()
    };
    let mut a = Journal::new("h");
    a.record(entry("a-1", 10.0));
    a.record(entry("a-2", 30.0));
    let mut b = Journal::new("h");
    b.record(entry("b-1", 20.0));
    // A part another tab folded in holds an entry twice: it counts once.
    b.record(entry("a-1", 10.0));
    b.dropped = 2;
    let mut legacy = Journal::new("h");
    legacy.record(entry("", 5.0));
    let merged = Journal::merge("h", vec![a, b, legacy]);
    let keys: Vec<String> = merged.entries.iter().map(Entry::key).collect();
    assert_eq!(
        keys,
        ["at:5", "a-1", "b-1", "a-2"],
        "oldest first, each once"
    );
    assert_eq!(merged.dropped, 2);
    let mut m = merged.clone();
    m.confirm("b-1", ReadBack::NotConfirmed("x".into()));
    assert_eq!(m.entries[2].readback, ReadBack::NotConfirmed("x".into()));
    assert_eq!(m.entries[1].readback, merged.entries[1].readback);
}

#[test]
fn merged_parts_keep_the_bound() {
    let parts: Vec<Journal> = (0..3)
        .map(|t| {
            let mut j = Journal::new("h");
            for i in 0..MAX_ENTRIES {
                j.record(Entry {
                    id: format!("{t}-{i}"),
                    at_ms: (i * 3 + t) as f64,
                    ..saved()
                });
            }
            j
        })
        .collect();
    let m = Journal::merge("h", parts);
    assert_eq!(m.entries.len(), MAX_ENTRIES);
    assert_eq!(m.dropped, 2 * MAX_ENTRIES as u64);
    assert_eq!(
        m.entries.last().unwrap().key(),
        format!("2-{}", MAX_ENTRIES - 1)
    );
}

#[test]
fn a_promotion_says_where_it_came_from_and_its_revert_says_what_stays() {
    let e = Entry {
        origin: Some("promoted from Dev (https://dev.example.com)".into()),
        ..saved()
    };
    let back = Journal::parse(&{
        let mut j = Journal::new("h");
        j.record(e.clone());
        j.to_json()
    })
    .unwrap();
    assert_eq!(back.entries[0].origin, e.origin);
    let r = revert(&e, &after());
    assert!(r
        .notes
        .iter()
        .any(|n| n.contains("promoted from Dev") && n.contains("webhooks")));
    // An entry of an older panel, without it, still reads.
    let old = serde_json::to_value(saved()).unwrap();
    assert!(old.get("origin").is_none());
}
