//! The Snapshot: what the server said at load time (the cluster defaults and
//! every Org's overrides), with anything unknown kept verbatim.

use super::{
    is_known_channel, prefs_from_wire, ClusterSetting, Interner, OrgSetting, Prefs, SharedPrefs,
    KNOWN_EVENTS,
};
use crate::api::wire::{OrgResponse, SearchResponse};
use crate::model::table::search_key;
use order::{positions, sort_orgs, Cache};
use std::collections::{BTreeMap, HashMap};

mod order;

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Org {
    /// The id as a string (preference responses send strings; `orgs/search` integers).
    pub id: String,
    pub name: String,
    /// The Org's overrides; empty when it inherits everything.
    pub prefs: SharedPrefs,
    /// `orgs/search` lists it as `IN_ACTIVE`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inactive: bool,
}

impl Org {
    pub fn setting(&self, event: &str) -> OrgSetting {
        match self.prefs.get(event) {
            Some(c) => OrgSetting::Override(c.clone()),
            None => OrgSetting::Inherit,
        }
    }
}

/// What the server said at load time.
#[derive(Clone, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Snapshot {
    /// The cluster defaults; `None` when they were not read (no ADMINISTRATION).
    pub cluster: Option<Prefs>,
    /// Every Org, sorted by name (then id).
    pub orgs: Vec<Org>,
    /// Ids of the Orgs that have a LIVEBOARD_SCHEDULE webhook; `None` when not read.
    #[serde(default)]
    pub webhook_orgs: Option<std::collections::BTreeSet<String>>,
    /// Read with a token scoped to one Org: an Org missing here is out of
    /// reach, not gone, and Draft edits for it wait for a session that reaches it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
    /// Each Org's LIVEBOARD_SCHEDULE webhook, by Org id (for delivery health;
    /// not kept in saved work).
    #[serde(skip)]
    pub webhooks: BTreeMap<String, OrgWebhook>,
    #[serde(skip)]
    index: Cache<HashMap<String, usize>>,
    /// Each Org's filter key, in `orgs` order.
    #[serde(skip)]
    keys: Cache<Vec<String>>,
}

/// An Org's LIVEBOARD_SCHEDULE webhook.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct OrgWebhook {
    pub id: String,
    pub name: String,
    /// Its fields as the server answered them; secrets are not there (they
    /// come back as `***`): an authentication kind or signing means the
    /// server holds that secret.
    pub form: crate::model::webhook::WebhookForm,
}

impl Snapshot {
    /// Builds the Snapshot from a search answer and, when the admin may list
    /// them, `orgs/search` (Orgs the preference search left out then still
    /// appear, inheriting). `cluster_asked`: the search asked for the cluster
    /// default, so a missing or null one means "never set".
    pub fn from_wire(
        resp: SearchResponse,
        orgs: Option<Vec<OrgResponse>>,
        cluster_asked: bool,
    ) -> Self {
        let cluster = match resp.cluster_preferences {
            Some(c) => Some(prefs_from_wire(c)),
            None if cluster_asked => Some(Prefs::new()),
            None => None,
        };
        let mut by_id: HashMap<String, usize> = HashMap::new();
        let mut list: Vec<Org> = Vec::new();
        let mut shared = Interner::default();
        for o in resp.org_preferences.unwrap_or_default() {
            let prefs = prefs_from_wire(o.preferences.unwrap_or_default());
            match by_id.get(&o.org.id) {
                // A repeated Org: merge what it says.
                Some(&i) => list[i].prefs.extend(prefs),
                None => {
                    by_id.insert(o.org.id.clone(), list.len());
                    list.push(Org {
                        id: o.org.id,
                        name: o.org.name,
                        prefs: shared.share(prefs),
                        inactive: false,
                    });
                }
            }
        }
        let keys = sort_orgs(&mut list, &mut by_id);
        let mut snap = Snapshot {
            index: Cache::of(by_id),
            keys: Cache::of(keys),
            ..Snapshot::of(cluster, list)
        };
        if let Some(orgs) = orgs {
            snap.add_orgs(orgs);
        }
        snap
    }

    /// Adds what `orgs/search` says: which Orgs are inactive, and the Orgs
    /// the preference answer left out (they inherit). Linear in both lists.
    pub fn add_orgs(&mut self, orgs: Vec<OrgResponse>) {
        let mut added: Vec<Org> = Vec::new();
        let mut added_at: HashMap<String, usize> = HashMap::new();
        let inherits = SharedPrefs::default();
        for o in orgs {
            let Some(id) = o.id.map(|i| i.to_string()) else {
                continue;
            };
            let inactive = o.inactive();
            if let Some(org) = self.org_mut(&id) {
                org.inactive = inactive;
            } else if let Some(&i) = added_at.get(&id) {
                added[i].inactive = inactive;
            } else {
                added_at.insert(id.clone(), added.len());
                added.push(Org {
                    name: o.name.unwrap_or_else(|| format!("Org {id}")),
                    id,
                    prefs: inherits.clone(),
                    inactive,
                });
            }
        }
        if !added.is_empty() {
            self.orgs.extend(added);
            self.sort();
        }
    }

    /// A Snapshot of these cluster defaults and Orgs (in the order given).
    pub fn of(cluster: Option<Prefs>, orgs: Vec<Org>) -> Self {
        Snapshot {
            cluster,
            orgs,
            ..Snapshot::default()
        }
    }

    /// The cluster default for an event; `None` when it was not read.
    pub fn cluster_setting(&self, event: &str) -> Option<ClusterSetting> {
        self.cluster.as_ref().map(|c| match c.get(event) {
            Some(ch) => ClusterSetting::Set(ch.clone()),
            None => ClusterSetting::NeverSet,
        })
    }

    /// The webhooks that were read, by Org id.
    pub fn set_webhooks(&mut self, by_org: BTreeMap<String, OrgWebhook>) {
        self.webhook_orgs = Some(by_org.keys().cloned().collect());
        self.webhooks = by_org;
    }

    /// Webhooks not known (not read, or not readable).
    pub fn forget_webhooks(&mut self) {
        self.webhook_orgs = None;
        self.webhooks = BTreeMap::new();
    }

    /// Takes an earlier Snapshot's webhooks and inactive marks, for the time
    /// until this read's own come.
    pub fn lend(&mut self, earlier: &Snapshot) {
        self.webhook_orgs = earlier.webhook_orgs.clone();
        self.webhooks = earlier.webhooks.clone();
        for o in &mut self.orgs {
            o.inactive = earlier.org(&o.id).is_some_and(|e| e.inactive);
        }
    }

    pub fn webhook_of(&self, org_id: &str) -> Option<&OrgWebhook> {
        self.webhooks.get(org_id)
    }

    /// Whether the Org has a LIVEBOARD_SCHEDULE webhook; `None` when not known.
    pub fn has_webhook(&self, id: &str) -> Option<bool> {
        self.webhook_orgs.as_ref().map(|w| w.contains(id))
    }

    pub fn org(&self, id: &str) -> Option<&Org> {
        self.position(id).map(|i| &self.orgs[i])
    }

    /// The Org with this id, to change its preferences in place.
    pub fn org_mut(&mut self, id: &str) -> Option<&mut Org> {
        self.position(id).map(|i| &mut self.orgs[i])
    }

    /// Where the Org is in `orgs`, through the index.
    fn position(&self, id: &str) -> Option<usize> {
        let index = self.index.get(|| positions(&self.orgs));
        match index.get(id) {
            Some(&i) if self.orgs.get(i).is_some_and(|o| o.id == id) => Some(i),
            // Ids are unique, so a miss in an index of every Org is a miss:
            // looking up an Org that is not here costs no scan.
            None if index.len() == self.orgs.len() => None,
            _ => self.orgs.iter().position(|o| o.id == id),
        }
    }

    /// Whether this Snapshot can speak for the Org: it lists it, or it would
    /// (a full Snapshot that does not list an Org means the Org is gone).
    pub fn reaches(&self, id: &str) -> bool {
        !self.partial || self.org(id).is_some()
    }

    /// Replaces or adds the Orgs of a targeted search; the rest stay as they were.
    pub fn merge_orgs(&mut self, fresh: Snapshot) {
        let mut added = Vec::new();
        for o in fresh.orgs {
            match self.org_mut(&o.id) {
                // A targeted search does not say whether the Org is inactive.
                Some(x) => {
                    let inactive = x.inactive;
                    *x = o;
                    x.inactive |= inactive;
                }
                None => added.push(o),
            }
        }
        self.orgs.extend(added);
        self.sort();
    }

    /// Sorts the Orgs again, with their index and filter keys.
    fn sort(&mut self) {
        let mut at = positions(&self.orgs);
        self.keys = Cache::of(sort_orgs(&mut self.orgs, &mut at));
        self.index = Cache::of(at);
    }

    /// Each Org's filter key (lower-cased name and id), in `orgs` order.
    pub fn search_keys(&self) -> std::borrow::Cow<'_, [String]> {
        let keys = self.keys.get(|| self.orgs.iter().map(search_key).collect());
        if keys.len() == self.orgs.len() {
            std::borrow::Cow::Borrowed(keys)
        } else {
            self.orgs.iter().map(search_key).collect()
        }
    }

    /// Event types and channels in this Snapshot that the panel does not know.
    pub fn unknown_values(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut note = |prefs: &Prefs| {
            for (e, chans) in prefs {
                if !KNOWN_EVENTS.contains(&e.as_str()) && !out.contains(e) {
                    out.push(e.clone());
                }
                for c in chans {
                    if !is_known_channel(c) && !out.contains(c) {
                        out.push(c.clone());
                    }
                }
            }
        };
        if let Some(c) = &self.cluster {
            note(c);
        }
        for o in &self.orgs {
            note(&o.prefs);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(id: i64, name: &str, status: &str) -> OrgResponse {
        serde_json::from_value(serde_json::json!({"id": id, "name": name, "status": status}))
            .unwrap()
    }

    fn search(orgs: &[(&str, &str)]) -> SearchResponse {
        let list: Vec<_> = orgs
            .iter()
            .map(|(id, name)| serde_json::json!({"org": {"id": id, "name": name}, "preferences": []}))
            .collect();
        serde_json::from_value(serde_json::json!({"org_preferences": list})).unwrap()
    }

    #[test]
    fn the_org_list_added_later_gives_what_reading_both_at_once_gives() {
        let resp = search(&[("2", "beta"), ("1", "Alpha")]);
        let orgs = vec![
            listed(3, "gamma", "ACTIVE"),
            listed(1, "Alpha", "IN_ACTIVE"),
            listed(3, "gamma", "IN_ACTIVE"),
            listed(0, "Aaa", "ACTIVE"),
        ];
        let at_once = Snapshot::from_wire(resp.clone(), Some(orgs.clone()), false);
        let mut later = Snapshot::from_wire(resp, None, false);
        assert_eq!(later.org("1").map(|o| o.inactive), Some(false));
        later.add_orgs(orgs);
        assert_eq!(later, at_once);
        let shown: Vec<_> = later
            .orgs
            .iter()
            .map(|o| (o.id.as_str(), o.inactive))
            .collect();
        // Sorted by name again; a repeated Org is one row, its last status kept.
        assert_eq!(
            shown,
            [("0", false), ("1", true), ("2", false), ("3", true)]
        );
        // The index follows the new order.
        assert_eq!(later.org("3").map(|o| o.name.as_str()), Some("gamma"));
    }

    #[test]
    fn orgs_that_say_the_same_share_one_copy_and_a_change_is_the_orgs_own() {
        let entry = |id: &str, ch: &[&str]| {
            serde_json::json!({"org": {"id": id, "name": format!("Org {id}")},
                "preferences": [{"event_type": "LIVEBOARD_SCHEDULE", "channels": ch}]})
        };
        let resp: SearchResponse = serde_json::from_value(serde_json::json!({"org_preferences": [
            entry("1", &["EMAIL"]), entry("2", &["EMAIL"]), entry("3", &["WEBHOOK"]),
        ]}))
        .unwrap();
        let mut snap = Snapshot::from_wire(resp, None, false);
        let same = |a: &Snapshot, x: &str, y: &str| {
            std::ptr::eq::<Prefs>(&*a.org(x).unwrap().prefs, &*a.org(y).unwrap().prefs)
        };
        assert!(same(&snap, "1", "2"));
        assert!(!same(&snap, "1", "3"));
        let before = snap.clone();
        snap.org_mut("1")
            .unwrap()
            .prefs
            .insert("LIVEBOARD_SCHEDULE".into(), vec!["WEBHOOK".into()]);
        assert!(!same(&snap, "1", "2"));
        assert_eq!(snap.org("2"), before.org("2"));
        assert_eq!(snap.org("1").unwrap().prefs, snap.org("3").unwrap().prefs);
        // Saved work sees plain preferences.
        let json = serde_json::to_value(snap.org("2").unwrap()).unwrap();
        assert_eq!(
            json["prefs"],
            serde_json::json!({"LIVEBOARD_SCHEDULE": ["EMAIL"]})
        );
    }

    #[test]
    fn many_orgs_only_in_the_org_list_are_added_in_linear_time() {
        // 20,000 Orgs the preference answer left out: quadratic work would take minutes.
        let mut snap = Snapshot::from_wire(search(&[("1", "one")]), None, false);
        snap.add_orgs(
            (2..20_002)
                .map(|i| listed(i, &format!("Org {i}"), "ACTIVE"))
                .collect(),
        );
        assert_eq!(snap.orgs.len(), 20_001);
        assert!(snap.org("19999").is_some() && snap.org("20002").is_none());
    }
}
