//! The admin's edits (Draft), what they change (`changes`: diff), the one
//! configure request that applies them and the check after saving (`plan`).

mod body;
mod changes;
mod plan;

pub use body::body_changes;
pub use changes::{diff, Change};
pub use plan::{apply, curl, plan, pretty, verify, Verified};

use super::prefs::{canonical, ClusterSetting, OrgSetting, Snapshot};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Edits on top of a Snapshot. Only values that differ from the Snapshot are kept.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// Edited cluster defaults: event type → channels.
    #[serde(default)]
    pub cluster: BTreeMap<String, Vec<String>>,
    /// Edited Org settings: Org id → event type → setting.
    #[serde(default)]
    pub orgs: BTreeMap<String, BTreeMap<String, OrgSetting>>,
}

impl Draft {
    pub fn is_empty(&self) -> bool {
        self.cluster.is_empty() && self.orgs.is_empty()
    }

    /// The cluster default as edited (or as the Snapshot has it).
    pub fn cluster_value(&self, snap: &Snapshot, event: &str) -> Option<ClusterSetting> {
        match self.cluster.get(event) {
            Some(c) => Some(ClusterSetting::Set(c.clone())),
            None => snap.cluster_setting(event),
        }
    }

    /// The same as `org_value`, for an Org already at hand (no search of the Snapshot).
    pub fn org_value_of(&self, org: &super::prefs::Org, event: &str) -> OrgSetting {
        self.orgs
            .get(&org.id)
            .and_then(|m| m.get(event))
            .cloned()
            .unwrap_or_else(|| org.setting(event))
    }

    pub fn org_edited(&self, org_id: &str) -> bool {
        self.orgs.contains_key(org_id)
    }

    /// Sets the cluster default; an edit back to the Snapshot's value is dropped.
    pub fn set_cluster(&mut self, snap: &Snapshot, event: &str, channels: Vec<String>) {
        let new = ClusterSetting::Set(canonical(&channels));
        if snap.cluster_setting(event).is_some_and(|s| s.same(&new)) {
            self.cluster.remove(event);
        } else {
            self.cluster.insert(event.to_string(), canonical(&channels));
        }
    }

    /// Sets an Org's setting; an edit back to the Snapshot's value is dropped.
    pub fn set_org(&mut self, snap: &Snapshot, org_id: &str, event: &str, setting: OrgSetting) {
        let base = snap
            .org(org_id)
            .map(|o| o.setting(event))
            .unwrap_or(OrgSetting::Inherit);
        self.set_org_over(base, org_id, event, setting);
    }

    /// One setting for many Orgs (a bulk edit), each against its Snapshot value.
    pub fn set_orgs(
        &mut self,
        snap: &Snapshot,
        ids: &std::collections::BTreeSet<String>,
        event: &str,
        setting: &OrgSetting,
    ) {
        for o in snap.orgs.iter().filter(|o| ids.contains(&o.id)) {
            self.set_org_over(o.setting(event), &o.id, event, setting.clone());
        }
    }

    fn set_org_over(&mut self, base: OrgSetting, org_id: &str, event: &str, setting: OrgSetting) {
        let entry = self.orgs.entry(org_id.to_string()).or_default();
        if base.same(&setting) {
            entry.remove(event);
        } else {
            let setting = match setting {
                OrgSetting::Override(c) => OrgSetting::Override(canonical(&c)),
                OrgSetting::Inherit => OrgSetting::Inherit,
            };
            entry.insert(event.to_string(), setting);
        }
        if entry.is_empty() {
            self.orgs.remove(org_id);
        }
    }

    pub fn undo_cluster(&mut self, event: &str) {
        self.cluster.remove(event);
    }

    pub fn undo_org(&mut self, org_id: &str) {
        self.orgs.remove(org_id);
    }

    /// Drops the edit of one event type of one Org.
    pub fn undo_org_event(&mut self, org_id: &str, event: &str) {
        if let Some(m) = self.orgs.get_mut(org_id) {
            m.remove(event);
            if m.is_empty() {
                self.orgs.remove(org_id);
            }
        }
    }

    /// How many values the Draft edits.
    pub fn len(&self) -> usize {
        self.cluster.len() + self.orgs.values().map(BTreeMap::len).sum::<usize>()
    }

    /// The same edits on top of a newer Snapshot: edits the server now holds
    /// drop out, the others stay. Edits the Snapshot cannot speak for (the
    /// cluster default it did not read, Orgs out of a scoped token's reach) stay
    /// as they are.
    pub fn rebase(&self, fresh: &Snapshot) -> Draft {
        let mut d = Draft::default();
        for (event, channels) in &self.cluster {
            if fresh.cluster.is_some() {
                d.set_cluster(fresh, event, channels.clone());
            } else {
                d.cluster.insert(event.clone(), channels.clone());
            }
        }
        for (id, edits) in &self.orgs {
            if fresh.reaches(id) {
                for (event, setting) in edits {
                    d.set_org(fresh, id, event, setting.clone());
                }
            } else {
                d.orgs.insert(id.clone(), edits.clone());
            }
        }
        d
    }

    /// How many edited values this Snapshot cannot show or send: the cluster
    /// default when it was not read, Orgs out of a scoped token's reach. They
    /// are kept for a session that reaches them.
    pub fn held_back(&self, snap: &Snapshot) -> usize {
        let cluster = if snap.cluster.is_none() {
            self.cluster.len()
        } else {
            0
        };
        cluster
            + self
                .orgs
                .iter()
                .filter(|(id, _)| snap.org(id).is_none())
                .map(|(_, e)| e.len())
                .sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::wire::SearchResponse;
    use crate::model::prefs::LIVEBOARD_SCHEDULE as LS;
    use serde_json::json;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    fn snapshot(json: serde_json::Value) -> Snapshot {
        let resp: SearchResponse = serde_json::from_value(json).unwrap();
        Snapshot::from_wire(resp, None, true)
    }

    fn demo() -> Snapshot {
        snapshot(json!({
            "cluster_preferences": [],
            "org_preferences": [
                {"org": {"id": "0", "name": "Primary"}, "preferences": []},
                {"org": {"id": "11", "name": "Finance"}, "preferences": [{"event_type": LS, "channels": ["EMAIL"]}]},
                {"org": {"id": "12", "name": "Legal"}, "preferences": [{"event_type": LS, "channels": []}]},
                {"org": {"id": "13", "name": "Newer"}, "preferences": [
                    {"event_type": LS, "channels": ["SLACK", "EMAIL"]},
                    {"event_type": "ALERT", "channels": ["TEAMS"]}]}
            ]
        }))
    }

    fn body(snap: &Snapshot, draft: &Draft) -> serde_json::Value {
        serde_json::to_value(plan(snap, &diff(snap, draft))).unwrap()
    }

    #[test]
    fn no_edits_and_edits_back_to_the_snapshot_plan_no_request() {
        let snap = demo();
        let mut d = Draft::default();
        assert!(plan(&snap, &diff(&snap, &d)).is_empty());
        d.set_org(&snap, "11", LS, OrgSetting::Override(s(&["WEBHOOK"])));
        d.set_org(&snap, "11", LS, OrgSetting::Override(s(&["EMAIL"])));
        d.set_org(&snap, "0", LS, OrgSetting::Inherit);
        d.set_org(
            &snap,
            "13",
            LS,
            OrgSetting::Override(s(&["EMAIL", "SLACK"])),
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(diff(&snap, &d), vec![]);
        // A default never set, edited to email only, is a real change.
        d.set_cluster(&snap, LS, s(&["EMAIL"]));
        assert_eq!(diff(&snap, &d).len(), 1);
    }

    #[test]
    fn one_request_holds_the_cluster_default_a_replace_and_a_reset() {
        let snap = demo();
        let mut d = Draft::default();
        d.set_cluster(&snap, LS, s(&["WEBHOOK", "EMAIL"]));
        d.set_org(&snap, "0", LS, OrgSetting::Override(vec![]));
        d.set_org(&snap, "11", LS, OrgSetting::Inherit);
        d.set_org(&snap, "12", LS, OrgSetting::Override(s(&["WEBHOOK"])));
        assert_eq!(
            body(&snap, &d),
            json!({
                "cluster_preferences": [{"event_type": LS, "channels": ["EMAIL", "WEBHOOK"]}],
                "org_preferences": [
                    {"org_identifier": "11", "operation": "RESET", "reset_events": [LS]},
                    {"org_identifier": "12", "operation": "REPLACE", "preferences": [{"event_type": LS, "channels": ["WEBHOOK"]}]},
                    {"org_identifier": "0", "operation": "REPLACE", "preferences": [{"event_type": LS, "channels": []}]}
                ]
            })
        );
    }

    #[test]
    fn unknown_channels_and_event_types_go_back_verbatim_with_a_replace() {
        let snap = demo();
        let mut d = Draft::default();
        let now = d.org_value_of(snap.org("13").unwrap(), LS);
        let OrgSetting::Override(c) = now else {
            panic!()
        };
        d.set_org(
            &snap,
            "13",
            LS,
            OrgSetting::Override(crate::model::prefs::toggled(&c, "WEBHOOK", true)),
        );
        assert_eq!(
            body(&snap, &d),
            json!({"org_preferences": [{"org_identifier": "13", "operation": "REPLACE", "preferences": [
                {"event_type": "ALERT", "channels": ["TEAMS"]},
                {"event_type": LS, "channels": ["EMAIL", "WEBHOOK", "SLACK"]}
            ]}]})
        );
        // A reset removes only the event type it names.
        let mut d = Draft::default();
        d.set_org(&snap, "13", LS, OrgSetting::Inherit);
        assert_eq!(
            body(&snap, &d),
            json!({"org_preferences": [{"org_identifier": "13", "operation": "RESET", "reset_events": [LS]}]})
        );
    }

    #[test]
    fn cluster_edits_keep_the_other_cluster_event_types() {
        let snap = snapshot(json!({
            "cluster_preferences": [{"event_type": "ALERT", "channels": ["SMS"]}, {"event_type": LS, "channels": ["EMAIL"]}],
            "org_preferences": []
        }));
        let mut d = Draft::default();
        d.set_cluster(&snap, LS, vec![]);
        assert_eq!(
            body(&snap, &d),
            json!({"cluster_preferences": [
                {"event_type": "ALERT", "channels": ["SMS"]},
                {"event_type": LS, "channels": []}
            ]})
        );
    }

    #[test]
    fn untouched_orgs_are_never_in_the_body() {
        let snap = demo();
        let mut d = Draft::default();
        d.set_org(&snap, "12", LS, OrgSetting::Inherit);
        let v = body(&snap, &d);
        let orgs = v["org_preferences"].as_array().unwrap();
        assert_eq!(orgs.len(), 1);
        assert_eq!(orgs[0]["org_identifier"], "12");
        assert!(v.get("cluster_preferences").is_none());
    }

    #[test]
    fn changes_read_as_before_and_after_in_words() {
        let snap = demo();
        let mut d = Draft::default();
        d.set_cluster(&snap, LS, s(&["WEBHOOK"]));
        d.set_org(&snap, "12", LS, OrgSetting::Inherit);
        let words: Vec<String> = diff(&snap, &d).iter().map(Change::describe).collect();
        assert_eq!(
            words,
            [
                "Cluster default for LIVEBOARD_SCHEDULE: never set (schedules go to email) → WEBHOOK",
                "Legal (id 12), LIVEBOARD_SCHEDULE: override: none (all channels off) → inherits the cluster default",
            ]
        );
    }

    #[test]
    fn verify_reports_what_the_server_holds() {
        let snap = demo();
        let mut d = Draft::default();
        d.set_cluster(&snap, LS, s(&["WEBHOOK"]));
        d.set_org(&snap, "0", LS, OrgSetting::Override(s(&["EMAIL"])));
        d.set_org(&snap, "12", LS, OrgSetting::Inherit);
        let changes = diff(&snap, &d);
        let fresh = snapshot(json!({
            "cluster_preferences": [{"event_type": LS, "channels": ["WEBHOOK"]}],
            "org_preferences": [
                {"org": {"id": "0", "name": "Primary"}, "preferences": [{"event_type": LS, "channels": ["EMAIL"]}]},
                {"org": {"id": "12", "name": "Legal"}, "preferences": [{"event_type": LS, "channels": []}]}
            ]
        }));
        let v = verify(&changes, &fresh);
        // Cluster first, then Orgs by name: Legal, Primary.
        assert_eq!(v[0].differs, None);
        assert!(matches!(&v[1].change, Change::Org { id, .. } if id == "12"));
        assert_eq!(
            v[1].differs.as_deref(),
            Some("override: none (all channels off)")
        );
        assert_eq!(v[2].differs, None);
    }

    #[test]
    fn rebase_drops_what_the_server_now_holds_and_keeps_the_rest() {
        let snap = demo();
        let mut d = Draft::default();
        d.set_cluster(&snap, LS, s(&["WEBHOOK"]));
        d.set_org(&snap, "0", LS, OrgSetting::Override(s(&["EMAIL"])));
        let sent = diff(&snap, &d);
        // What the server holds after the save, written out by hand (not
        // derived from the changes by the code under test).
        let saved = snapshot(json!({
            "cluster_preferences": [{"event_type": LS, "channels": ["WEBHOOK"]}],
            "org_preferences": [
                {"org": {"id": "0", "name": "Primary"}, "preferences": [{"event_type": LS, "channels": ["EMAIL"]}]},
                {"org": {"id": "11", "name": "Finance"}, "preferences": [{"event_type": LS, "channels": ["EMAIL"]}]},
                {"org": {"id": "12", "name": "Legal"}, "preferences": [{"event_type": LS, "channels": []}]},
                {"org": {"id": "13", "name": "Newer"}, "preferences": [
                    {"event_type": LS, "channels": ["SLACK", "EMAIL"]},
                    {"event_type": "ALERT", "channels": ["TEAMS"]}]}
            ]
        }));
        // The optimistic view of a save that could not be read back is that same state.
        assert_eq!(apply(&snap, &sent), saved);
        // An edit made while the save was under way.
        d.set_org(&snap, "12", LS, OrgSetting::Inherit);
        let rebased = d.rebase(&saved);
        assert!(rebased.cluster.is_empty());
        assert_eq!(rebased.orgs.keys().collect::<Vec<_>>(), ["12"]);
        assert!(verify(&sent, &saved).iter().all(|v| v.differs.is_none()));
    }

    #[test]
    fn a_scoped_snapshot_keeps_what_it_cannot_reach_and_sends_none_of_it() {
        let full = demo();
        let mut d = Draft::default();
        d.set_cluster(&full, LS, s(&["WEBHOOK"]));
        d.set_org(&full, "0", LS, OrgSetting::Override(vec![]));
        d.set_org(&full, "12", LS, OrgSetting::Inherit);
        // A token scoped to Legal: only Legal, no cluster default.
        let mut scoped = Snapshot::from_wire(
            serde_json::from_value(json!({"org_preferences": [
                {"org": {"id": "12", "name": "Legal"}, "preferences": [{"event_type": LS, "channels": []}]}]}))
            .unwrap(),
            None,
            false,
        );
        scoped.partial = true;
        let rebased = d.rebase(&scoped);
        assert_eq!(rebased, d, "nothing is dropped");
        assert_eq!(
            rebased.held_back(&scoped),
            2,
            "the cluster default and Primary"
        );
        let changes = diff(&scoped, &rebased);
        assert_eq!(changes.len(), 1);
        assert!(matches!(&changes[0], Change::Org { id, .. } if id == "12"));
        assert_eq!(
            serde_json::to_value(plan(&scoped, &changes)).unwrap(),
            json!({"org_preferences": [{"org_identifier": "12", "operation": "RESET", "reset_events": [LS]}]})
        );
        // Back in a full Snapshot, every edit is there again.
        assert_eq!(diff(&full, &rebased.rebase(&full)).len(), 3);
        // A full Snapshot that no longer lists an Org drops nothing either, but
        // conflict detection reports it as gone (see conflict.rs).
        assert_eq!(rebased.held_back(&full), 0);
    }

    #[test]
    fn curl_uses_a_placeholder_unless_the_token_is_asked_for_and_quotes_the_body() {
        let snap = demo();
        let mut d = Draft::default();
        d.set_org(&snap, "11", LS, OrgSetting::Inherit);
        let req = plan(&snap, &diff(&snap, &d));
        let c = curl("https://ts.example.com/", &req, None);
        assert!(c.starts_with("curl -X POST 'https://ts.example.com/api/rest/2.0/system/preferences/communication-channels/configure'"));
        assert!(c.contains("\"Authorization: Bearer $TS_TOKEN\""));
        assert!(c.contains(r#"--data-raw '{"org_preferences":[{"org_identifier":"11","operation":"RESET","reset_events":["LIVEBOARD_SCHEDULE"]}]}'"#));
        let with = curl("https://ts.example.com", &req, Some("tok'en"));
        assert!(
            with.contains(r#"-H 'Authorization: Bearer tok'\''en'"#),
            "{with}"
        );
    }

    #[test]
    fn a_bulk_edit_changes_each_selected_org_against_its_own_value() {
        let snap = demo();
        let mut d = Draft::default();
        let ids = ["0", "11", "12", "999"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        d.set_orgs(&snap, &ids, LS, &OrgSetting::Override(s(&["EMAIL"])));
        // Finance already had EMAIL: no change; the unknown id is ignored.
        assert_eq!(d.orgs.keys().collect::<Vec<_>>(), ["0", "12"]);
        d.set_orgs(&snap, &ids, LS, &OrgSetting::Inherit);
        let body = body(&snap, &d);
        let sent: Vec<&str> = body["org_preferences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["org_identifier"].as_str().unwrap())
            .collect();
        assert_eq!(
            sent,
            ["11", "12"],
            "Primary already inherits; Finance and Legal reset"
        );
    }

    #[test]
    fn a_draft_survives_serialisation() {
        let snap = demo();
        let mut d = Draft::default();
        d.set_cluster(&snap, LS, s(&["EMAIL"]));
        d.set_org(&snap, "12", LS, OrgSetting::Inherit);
        d.set_org(&snap, "0", LS, OrgSetting::Override(vec![]));
        let text = serde_json::to_string(&d).unwrap();
        assert_eq!(serde_json::from_str::<Draft>(&text).unwrap(), d);
    }
}
