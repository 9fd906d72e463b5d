//! Conflicts: the server changed, since the Snapshot was taken, something the
//! Draft also changes. Those need the admin's decision; other server changes
//! are simply taken in.

use super::draft::Draft;
use super::prefs::{ClusterSetting, Snapshot};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Cluster {
        event: String,
    },
    Org {
        id: String,
        name: String,
        event: String,
    },
}

impl Item {
    pub fn label(&self) -> String {
        match self {
            Item::Cluster { event } => format!("Cluster default for {event}"),
            Item::Org { id, name, event } => format!("{name} (id {id}), {event}"),
        }
    }
}

/// One item changed on both sides, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub item: Item,
    /// What the Draft was made against.
    pub base: String,
    /// What the server holds now; `None` when the Org is gone.
    pub theirs: Option<String>,
    pub mine: String,
}

/// The Draft's items that the server changed between `base` and `fresh`,
/// unless the server now holds exactly what the Draft wants.
pub fn detect(base: &Snapshot, fresh: &Snapshot, draft: &Draft) -> Vec<Conflict> {
    let mut out = Vec::new();
    // What a Snapshot did not read cannot be said to have changed.
    let cluster_edits = if base.cluster.is_some() && fresh.cluster.is_some() {
        &draft.cluster
    } else {
        &std::collections::BTreeMap::new()
    };
    for (event, mine) in cluster_edits {
        let mine = ClusterSetting::Set(mine.clone());
        let was = base
            .cluster_setting(event)
            .unwrap_or(ClusterSetting::NeverSet);
        let now = fresh
            .cluster_setting(event)
            .unwrap_or(ClusterSetting::NeverSet);
        if !was.same(&now) && !now.same(&mine) {
            out.push(Conflict {
                item: Item::Cluster {
                    event: event.clone(),
                },
                base: was.describe(),
                theirs: Some(now.describe()),
                mine: mine.describe(),
            });
        }
    }
    for (id, edits) in draft.orgs.iter().filter(|(id, _)| fresh.reaches(id)) {
        let before = base.org(id);
        let after = fresh.org(id);
        let name = after
            .or(before)
            .map(|o| o.name.clone())
            .unwrap_or_else(|| format!("Org {id}"));
        for (event, mine) in edits {
            let was = before.map(|o| o.setting(event));
            let now = after.map(|o| o.setting(event));
            let conflict = match (&was, &now) {
                (_, None) => true,
                (Some(w), Some(n)) => !w.same(n) && !n.same(mine),
                // Unknown base (an Org the Draft's Snapshot did not list): a
                // conflict only if the server differs from the Draft.
                (None, Some(n)) => !n.same(mine),
            };
            if conflict {
                out.push(Conflict {
                    item: Item::Org {
                        id: id.clone(),
                        name: name.clone(),
                        event: event.clone(),
                    },
                    base: was
                        .map(|w| w.describe())
                        .unwrap_or_else(|| "not known".into()),
                    theirs: now.map(|n| n.describe()),
                    mine: mine.describe(),
                });
            }
        }
    }
    out
}

/// Keeps the server's value: the Draft forgets its edit of that item.
pub fn keep_theirs(draft: &mut Draft, item: &Item) {
    match item {
        Item::Cluster { event } => draft.undo_cluster(event),
        Item::Org { id, event, .. } => draft.undo_org_event(id, event),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::wire::SearchResponse;
    use crate::model::prefs::{OrgSetting, LIVEBOARD_SCHEDULE as LS};
    use serde_json::json;

    fn snap(v: serde_json::Value) -> Snapshot {
        let r: SearchResponse = serde_json::from_value(v).unwrap();
        Snapshot::from_wire(r, None, true)
    }

    fn org(id: &str, name: &str, ch: Option<&[&str]>) -> serde_json::Value {
        match ch {
            None => json!({"org": {"id": id, "name": name}, "preferences": []}),
            Some(c) => {
                json!({"org": {"id": id, "name": name}, "preferences": [{"event_type": LS, "channels": c}]})
            }
        }
    }

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn only_items_changed_on_both_sides_conflict() {
        let base = snap(json!({"cluster_preferences": [], "org_preferences": [
            org("1", "A", None), org("2", "B", Some(&["EMAIL"])), org("3", "C", None), org("4", "D", Some(&[]))]}));
        let fresh = snap(
            json!({"cluster_preferences": [{"event_type": LS, "channels": ["EMAIL"]}], "org_preferences": [
            org("1", "A", Some(&["WEBHOOK"])), org("2", "B", Some(&["EMAIL"])), org("3", "C", Some(&["EMAIL"])), org("4", "D", Some(&["EMAIL"]))]}),
        );
        let mut d = Draft::default();
        d.set_cluster(&base, LS, s(&["WEBHOOK"]));
        d.set_org(&base, "1", LS, OrgSetting::Override(s(&["EMAIL"])));
        d.set_org(&base, "2", LS, OrgSetting::Inherit);
        d.set_org(&base, "3", LS, OrgSetting::Override(s(&["EMAIL"])));
        let c = detect(&base, &fresh, &d);
        let items: Vec<String> = c.iter().map(|c| c.item.label()).collect();
        // 2 was not changed by the server; 3 was changed to exactly what the Draft wants;
        // 4 changed on the server but not in the Draft.
        assert_eq!(
            items,
            [
                "Cluster default for LIVEBOARD_SCHEDULE",
                "A (id 1), LIVEBOARD_SCHEDULE"
            ]
        );
        assert_eq!(c[0].base, "never set (schedules go to email)");
        assert_eq!(c[0].theirs.as_deref(), Some("EMAIL"));
        assert_eq!(c[0].mine, "WEBHOOK");
        assert_eq!(c[1].base, "inherits the cluster default");
        assert_eq!(c[1].theirs.as_deref(), Some("override: WEBHOOK"));
        assert_eq!(c[1].mine, "override: EMAIL");
    }

    #[test]
    fn a_vanished_org_conflicts_and_keep_theirs_drops_the_edit() {
        let base =
            snap(json!({"cluster_preferences": [], "org_preferences": [org("1", "A", None)]}));
        let fresh = snap(json!({"cluster_preferences": [], "org_preferences": []}));
        let mut d = Draft::default();
        d.set_org(&base, "1", LS, OrgSetting::Override(vec![]));
        let c = detect(&base, &fresh, &d);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].theirs, None);
        keep_theirs(&mut d, &c[0].item);
        assert!(d.is_empty());
    }

    #[test]
    fn nothing_changed_means_no_conflict() {
        let base =
            snap(json!({"cluster_preferences": [], "org_preferences": [org("1", "A", None)]}));
        let mut d = Draft::default();
        d.set_cluster(&base, LS, s(&["EMAIL"]));
        d.set_org(&base, "1", LS, OrgSetting::Override(vec![]));
        assert_eq!(detect(&base, &base.clone(), &d), vec![]);
    }
}
