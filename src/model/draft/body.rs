//! What differs between two configure bodies, in words: Save compares the
//! body it would send after reading the server again with the one the admin
//! reviewed, and shows this list when they differ.

use crate::api::wire::{ConfigureRequest, EventChannelConfig, Operation, OrgChannelConfigInput};
use crate::model::prefs::{describe_channels, Snapshot};

fn prefs_text(prefs: &[EventChannelConfig]) -> String {
    prefs
        .iter()
        .map(|p| format!("{}: {}", p.event_type, describe_channels(&p.channels)))
        .collect::<Vec<_>>()
        .join("; ")
}

fn entries_text(entries: &[&OrgChannelConfigInput]) -> String {
    entries
        .iter()
        .map(|e| match e.operation {
            Operation::Replace => format!(
                "REPLACE with {}",
                prefs_text(e.preferences.as_deref().unwrap_or_default())
            ),
            Operation::Reset => format!(
                "RESET {}",
                e.reset_events.as_deref().unwrap_or_default().join(", ")
            ),
        })
        .collect::<Vec<_>>()
        .join(" and ")
}

/// Each difference between the body `reviewed` and the body `now`, the Orgs
/// named from `snap`: the cluster default first, then each Org in the order
/// the bodies name them.
pub fn body_changes(
    reviewed: &ConfigureRequest,
    now: &ConfigureRequest,
    snap: &Snapshot,
) -> Vec<String> {
    let mut out = Vec::new();
    if reviewed.cluster_preferences != now.cluster_preferences {
        let side = |p: &[EventChannelConfig]| match p {
            [] => "not sent".to_string(),
            p => prefs_text(p),
        };
        out.push(format!(
            "Cluster default: {} → {}",
            side(&reviewed.cluster_preferences),
            side(&now.cluster_preferences)
        ));
    }
    let mut ids: Vec<&str> = Vec::new();
    for e in reviewed.org_preferences.iter().chain(&now.org_preferences) {
        if !ids.contains(&e.org_identifier.as_str()) {
            ids.push(&e.org_identifier);
        }
    }
    for id in ids {
        fn of<'r>(r: &'r ConfigureRequest, id: &str) -> Vec<&'r OrgChannelConfigInput> {
            r.org_preferences
                .iter()
                .filter(|e| e.org_identifier == id)
                .collect()
        }
        let (was, is) = (of(reviewed, id), of(now, id));
        if was == is {
            continue;
        }
        let name = snap
            .org(id)
            .map(|o| format!("{} (id {id})", o.name))
            .unwrap_or_else(|| format!("Org {id}"));
        out.push(match (was.is_empty(), is.is_empty()) {
            (false, true) => format!(
                "{name}: no longer sent (the server holds it already): {}",
                entries_text(&was)
            ),
            (true, false) => format!("{name}: now also sent: {}", entries_text(&is)),
            _ => format!("{name}: {} → {}", entries_text(&was), entries_text(&is)),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::wire::SearchResponse;
    use crate::model::draft::{diff, plan, Draft};
    use crate::model::prefs::{OrgSetting, LIVEBOARD_SCHEDULE as LS};
    use serde_json::json;

    fn snap(v: serde_json::Value) -> Snapshot {
        let r: SearchResponse = serde_json::from_value(v).unwrap();
        Snapshot::from_wire(r, None, true)
    }

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn a_server_change_after_the_review_is_said_item_by_item() {
        let reviewed_over = snap(json!({"cluster_preferences": [], "org_preferences": [
            {"org": {"id": "1", "name": "Finance"}, "preferences": [{"event_type": LS, "channels": ["EMAIL"]}]},
            {"org": {"id": "2", "name": "Legal"}, "preferences": []},
            {"org": {"id": "3", "name": "Newer"}, "preferences": [{"event_type": LS, "channels": ["EMAIL"]}]}
        ]}));
        let mut d = Draft::default();
        d.set_cluster(&reviewed_over, LS, s(&["WEBHOOK"]));
        d.set_org(
            &reviewed_over,
            "1",
            LS,
            OrgSetting::Override(s(&["WEBHOOK"])),
        );
        d.set_org(&reviewed_over, "2", LS, OrgSetting::Override(s(&[])));
        d.set_org(
            &reviewed_over,
            "3",
            LS,
            OrgSetting::Override(s(&["WEBHOOK"])),
        );
        let reviewed = plan(&reviewed_over, &diff(&reviewed_over, &d));
        // Meanwhile: someone set the default to WEBHOOK and Legal to all off
        // (so neither is sent), and gave Newer an event type this panel does
        // not know (a REPLACE sends it back, so Newer's entry changes).
        let fresh = snap(
            json!({"cluster_preferences": [{"event_type": LS, "channels": ["WEBHOOK"]}], "org_preferences": [
                {"org": {"id": "1", "name": "Finance"}, "preferences": [{"event_type": LS, "channels": ["EMAIL"]}]},
                {"org": {"id": "2", "name": "Legal"}, "preferences": [{"event_type": LS, "channels": []}]},
                {"org": {"id": "3", "name": "Newer"}, "preferences": [
                    {"event_type": LS, "channels": ["EMAIL"]}, {"event_type": "ALERT", "channels": ["TEAMS"]}]}
            ]}),
        );
        let now = plan(&fresh, &diff(&fresh, &d));
        assert_ne!(now, reviewed);
        let said = body_changes(&reviewed, &now, &fresh);
        assert_eq!(
            said,
            [
                "Cluster default: LIVEBOARD_SCHEDULE: WEBHOOK → not sent",
                "Legal (id 2): no longer sent (the server holds it already): REPLACE with LIVEBOARD_SCHEDULE: none (all channels off)",
                "Newer (id 3): REPLACE with LIVEBOARD_SCHEDULE: WEBHOOK → REPLACE with ALERT: TEAMS; LIVEBOARD_SCHEDULE: WEBHOOK",
            ]
        );
        assert!(body_changes(&now, &now, &fresh).is_empty());
    }
}
