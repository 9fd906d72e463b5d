//! The preference set as a portable document: what the server holds (the
//! cluster default and every Org's overrides, Orgs by name and id), for export,
//! and the Draft that importing one (from this or another cluster) makes.

use super::document::{Document, Kind};
use super::draft::Draft;
use super::prefs::{ClusterSetting, OrgSetting, Prefs, Snapshot, KNOWN_EVENTS};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

pub const FORMAT: &str = "ts-channels-panel/preferences";
pub const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetOrg {
    pub id: String,
    pub name: String,
    /// The Org's overrides; empty when it inherits.
    pub preferences: Prefs,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrefSet {
    pub format: String,
    pub version: u32,
    pub host: String,
    pub exported_at_ms: f64,
    /// The cluster defaults (`{}`: never set); `null` when not readable.
    pub cluster: Option<Prefs>,
    pub orgs: Vec<SetOrg>,
}

pub fn export(snap: &Snapshot, host: &str, now_ms: f64) -> PrefSet {
    PrefSet {
        format: FORMAT.into(),
        version: VERSION,
        host: host.into(),
        exported_at_ms: now_ms,
        cluster: snap.cluster.clone(),
        orgs: snap
            .orgs
            .iter()
            .map(|o| SetOrg {
                id: o.id.clone(),
                name: o.name.clone(),
                preferences: (*o.prefs).clone(),
            })
            .collect(),
    }
}

impl Document for PrefSet {
    const KIND: Kind = Kind {
        format: FORMAT,
        version: VERSION,
        what: "a preference set",
        subject: "The preference set",
    };
}

/// What an import did.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Imported {
    /// Orgs of the file found here, by name.
    pub matched: usize,
    /// Names in the file with no Org of that name here, in the file's order.
    pub unmatched: Vec<String>,
}

/// Names of unmatched Orgs a message lists; the rest are counted (and can be
/// downloaded in full).
pub const NAMES_SHOWN: usize = 10;

impl Imported {
    /// The import in words: counts, and the first `NAMES_SHOWN` names not found.
    pub fn summary(&self) -> String {
        let mut text = format!(
            "Imported the preference set as draft changes: {} Org(s) matched by name; review them before saving.",
            self.matched
        );
        let missing = self.unmatched.len();
        if missing > 0 {
            let shown = self.unmatched[..missing.min(NAMES_SHOWN)].join(", ");
            text.push_str(&match missing - missing.min(NAMES_SHOWN) {
                0 => format!(" Not found here: {shown}."),
                more => format!(" Not found here ({missing}): {shown} and {more} more."),
            });
        }
        text
    }
}

/// Where each name is among a Snapshot's Orgs, exactly and ignoring case
/// (the first Org of a name wins, as a search from the top would find it).
struct Names<'a> {
    exact: HashMap<&'a str, usize>,
    folded: HashMap<String, usize>,
}

impl<'a> Names<'a> {
    fn of(snap: &'a Snapshot) -> Self {
        let mut names = Names {
            exact: HashMap::with_capacity(snap.orgs.len()),
            folded: HashMap::with_capacity(snap.orgs.len()),
        };
        for (i, o) in snap.orgs.iter().enumerate() {
            names.exact.entry(o.name.as_str()).or_insert(i);
            names.folded.entry(o.name.to_lowercase()).or_insert(i);
        }
        names
    }

    fn find(&self, name: &str) -> Option<usize> {
        self.exact
            .get(name)
            .or_else(|| self.folded.get(&name.to_lowercase()))
            .copied()
    }
}

/// Puts a preference set into the Draft: the cluster default when the file has
/// one, and for every Org matched by name (exactly, else ignoring case) each
/// event type the file has or this panel knows, as in the file (absent: inherit).
/// Orgs of this cluster that the file does not name are left alone. Linear in
/// the size of the file and of the Snapshot.
pub fn import(set: &PrefSet, snap: &Snapshot, draft: &mut Draft) -> Imported {
    let mut out = Imported::default();
    if let Some(c) = &set.cluster {
        for (event, channels) in c {
            let current = snap.cluster_setting(event);
            if current.is_some_and(|s| !s.same(&ClusterSetting::Set(channels.clone()))) {
                draft.set_cluster(snap, event, channels.clone());
            }
        }
    }
    let names = Names::of(snap);
    for o in &set.orgs {
        let Some(here) = names.find(&o.name).map(|i| &snap.orgs[i]) else {
            out.unmatched.push(o.name.clone());
            continue;
        };
        out.matched += 1;
        // The file's event types, and the ones this panel knows; an event type
        // only this cluster knows (a newer server's) is left as it is.
        let known = here
            .prefs
            .keys()
            .filter(|e| KNOWN_EVENTS.contains(&e.as_str()));
        let events: BTreeSet<&String> = o.preferences.keys().chain(known).collect();
        for event in events {
            let setting = match o.preferences.get(event) {
                Some(c) => OrgSetting::Override(c.clone()),
                None => OrgSetting::Inherit,
            };
            draft.set_org(snap, &here.id, event, setting);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::wire::SearchResponse;
    use crate::model::draft::{diff, plan};
    use crate::model::prefs::LIVEBOARD_SCHEDULE as LS;
    use serde_json::json;

    fn snap(v: serde_json::Value) -> Snapshot {
        let r: SearchResponse = serde_json::from_value(v).unwrap();
        Snapshot::from_wire(r, None, true)
    }

    fn here() -> Snapshot {
        snap(json!({"cluster_preferences": [], "org_preferences": [
            {"org": {"id": "1", "name": "Finance"}, "preferences": [{"event_type": LS, "channels": ["EMAIL"]}]},
            {"org": {"id": "2", "name": "Legal"}, "preferences": [{"event_type": LS, "channels": []}]},
            {"org": {"id": "3", "name": "Ops"}, "preferences": []}
        ]}))
    }

    #[test]
    fn export_round_trips_with_names_ids_and_the_three_states() {
        let s = here();
        let set = export(&s, "https://a.example", 5.0);
        let back = PrefSet::parse(&set.to_json()).unwrap();
        assert_eq!(back, set);
        assert_eq!(back.cluster, Some(Prefs::new()), "never set");
        assert_eq!(back.orgs[1].name, "Legal");
        assert_eq!(
            back.orgs[1].preferences[LS],
            Vec::<String>::new(),
            "all off"
        );
        assert!(back.orgs[2].preferences.is_empty(), "inherits");
    }

    #[test]
    fn import_from_another_cluster_matches_by_name_and_lists_the_rest() {
        let other = snap(
            json!({"cluster_preferences": [{"event_type": LS, "channels": ["WEBHOOK"]}], "org_preferences": [
                {"org": {"id": "901", "name": "FINANCE"}, "preferences": [{"event_type": LS, "channels": ["WEBHOOK"]}]},
                {"org": {"id": "902", "name": "Legal"}, "preferences": []},
                {"org": {"id": "903", "name": "Ops"}, "preferences": []},
                {"org": {"id": "904", "name": "Nowhere"}, "preferences": []}
            ]}),
        );
        let set = export(&other, "https://b.example", 1.0);
        let s = here();
        let mut d = Draft::default();
        let r = import(&set, &s, &mut d);
        assert_eq!(
            r,
            Imported {
                matched: 3,
                unmatched: vec!["Nowhere".into()]
            }
        );
        let body = serde_json::to_value(plan(&s, &diff(&s, &d))).unwrap();
        assert_eq!(
            body,
            json!({
                "cluster_preferences": [{"event_type": LS, "channels": ["WEBHOOK"]}],
                "org_preferences": [
                    {"org_identifier": "1", "operation": "REPLACE", "preferences": [{"event_type": LS, "channels": ["WEBHOOK"]}]},
                    {"org_identifier": "2", "operation": "RESET", "reset_events": [LS]}
                ]
            }),
            "Ops already inherits: nothing to send for it"
        );
    }

    #[test]
    fn bad_files_say_what_is_wrong() {
        assert!(PrefSet::parse("[")
            .unwrap_err()
            .starts_with("The file is not JSON"));
        assert!(
            PrefSet::parse(r#"{"format":"ts-channels-panel/work","version":1}"#)
                .unwrap_err()
                .contains("not a preference set")
        );
        assert!(
            PrefSet::parse(r#"{"format":"ts-channels-panel/preferences","version":2}"#)
                .unwrap_err()
                .contains("version 2")
        );
        assert!(PrefSet::parse(
            r#"{"format":"ts-channels-panel/preferences","version":1,"orgs":3}"#
        )
        .unwrap_err()
        .starts_with("The preference set is damaged"));
    }
}
