//! Preferences as the panel understands them: the Snapshot the server sent,
//! with anything unknown kept verbatim.

use crate::api::wire::{EventChannelConfig, OrgResponse, SearchResponse};
use std::collections::{BTreeMap, HashMap};

pub const LIVEBOARD_SCHEDULE: &str = "LIVEBOARD_SCHEDULE";
pub const EMAIL: &str = "EMAIL";
pub const WEBHOOK: &str = "WEBHOOK";
/// The channels this panel knows, in display order. Others are kept and shown.
pub const KNOWN_CHANNELS: [&str; 2] = [EMAIL, WEBHOOK];
/// The event types this panel edits. Others are kept and shown.
pub const KNOWN_EVENTS: [&str; 1] = [LIVEBOARD_SCHEDULE];

/// Channels in a stable order: known ones first (in `KNOWN_CHANNELS` order),
/// then unknown ones as the server sent them; no duplicates.
pub fn canonical(channels: &[String]) -> Vec<String> {
    let mut out: Vec<String> = KNOWN_CHANNELS
        .iter()
        .filter(|k| channels.iter().any(|c| c == *k))
        .map(|k| k.to_string())
        .collect();
    for c in channels {
        if !out.contains(c) {
            out.push(c.clone());
        }
    }
    out
}

/// Same channels, whatever the order.
pub fn same_channels(a: &[String], b: &[String]) -> bool {
    canonical(a) == canonical(b)
}

/// Channels with `channel` switched on or off; unknown channels stay.
pub fn toggled(channels: &[String], channel: &str, on: bool) -> Vec<String> {
    let mut v: Vec<String> = channels.iter().filter(|c| *c != channel).cloned().collect();
    if on {
        v.push(channel.to_string());
    }
    canonical(&v)
}

pub fn is_known_channel(c: &str) -> bool {
    KNOWN_CHANNELS.contains(&c)
}

/// Event type → channels.
pub type Prefs = BTreeMap<String, Vec<String>>;

fn prefs_from_wire(configs: &[EventChannelConfig]) -> Prefs {
    configs
        .iter()
        .map(|c| (c.event_type.clone(), c.channels.clone()))
        .collect()
}

pub fn prefs_to_wire(prefs: &Prefs) -> Vec<EventChannelConfig> {
    prefs
        .iter()
        .map(|(e, c)| EventChannelConfig {
            event_type: e.clone(),
            channels: c.clone(),
        })
        .collect()
}

/// The cluster default for one event type.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ClusterSetting {
    /// Never configured: schedules still go to email.
    NeverSet,
    /// Configured; an empty list means every channel is off.
    Set(Vec<String>),
}

impl ClusterSetting {
    /// What an inheriting Org uses.
    pub fn effective(&self) -> Vec<String> {
        match self {
            ClusterSetting::NeverSet => vec![EMAIL.to_string()],
            ClusterSetting::Set(c) => canonical(c),
        }
    }

    pub fn same(&self, other: &ClusterSetting) -> bool {
        match (self, other) {
            (ClusterSetting::Set(a), ClusterSetting::Set(b)) => same_channels(a, b),
            (a, b) => a == b,
        }
    }

    pub fn describe(&self) -> String {
        match self {
            ClusterSetting::NeverSet => "never set (schedules go to email)".into(),
            ClusterSetting::Set(c) => describe_channels(c),
        }
    }
}

/// An Org's setting for one event type.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum OrgSetting {
    /// No override: the Org follows the cluster default.
    Inherit,
    /// An override; an empty list means every channel is off for this Org.
    Override(Vec<String>),
}

impl OrgSetting {
    pub fn same(&self, other: &OrgSetting) -> bool {
        match (self, other) {
            (OrgSetting::Override(a), OrgSetting::Override(b)) => same_channels(a, b),
            (a, b) => a == b,
        }
    }

    pub fn describe(&self) -> String {
        match self {
            OrgSetting::Inherit => "inherits the cluster default".into(),
            OrgSetting::Override(c) => format!("override: {}", describe_channels(c)),
        }
    }
}

/// "EMAIL, WEBHOOK", or "none (all channels off)".
pub fn describe_channels(c: &[String]) -> String {
    if c.is_empty() {
        "none (all channels off)".into()
    } else {
        canonical(c).join(", ")
    }
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Org {
    /// The id as a string (preference responses send strings; `orgs/search` integers).
    pub id: String,
    pub name: String,
    /// The Org's overrides; empty when it inherits everything.
    pub prefs: Prefs,
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

/// By name, case-insensitively, then by id.
fn sort_orgs(orgs: &mut [Org]) {
    orgs.sort_by_cached_key(|o| (o.name.to_lowercase(), o.id.clone()));
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
            Some(c) => Some(prefs_from_wire(&c)),
            None if cluster_asked => Some(Prefs::new()),
            None => None,
        };
        let mut by_id: HashMap<String, usize> = HashMap::new();
        let mut list: Vec<Org> = Vec::new();
        for o in resp.org_preferences.unwrap_or_default() {
            let prefs = prefs_from_wire(o.preferences.as_deref().unwrap_or_default());
            match by_id.get(&o.org.id) {
                // A repeated Org: merge what it says.
                Some(&i) => list[i].prefs.extend(prefs),
                None => {
                    by_id.insert(o.org.id.clone(), list.len());
                    list.push(Org {
                        id: o.org.id,
                        name: o.org.name,
                        prefs,
                        inactive: false,
                    });
                }
            }
        }
        for o in orgs.unwrap_or_default() {
            let Some(id) = o.id.map(|i| i.to_string()) else {
                continue;
            };
            let inactive = o.inactive();
            match by_id.get(&id) {
                Some(&i) => list[i].inactive = inactive,
                None => {
                    by_id.insert(id.clone(), list.len());
                    list.push(Org {
                        name: o.name.unwrap_or_else(|| format!("Org {id}")),
                        id,
                        prefs: Prefs::new(),
                        inactive,
                    });
                }
            }
        }
        sort_orgs(&mut list);
        Snapshot {
            cluster,
            orgs: list,
            webhook_orgs: None,
            partial: false,
        }
    }

    /// The cluster default for an event; `None` when it was not read.
    pub fn cluster_setting(&self, event: &str) -> Option<ClusterSetting> {
        self.cluster.as_ref().map(|c| match c.get(event) {
            Some(ch) => ClusterSetting::Set(ch.clone()),
            None => ClusterSetting::NeverSet,
        })
    }

    /// Whether the Org has a LIVEBOARD_SCHEDULE webhook; `None` when not known.
    pub fn has_webhook(&self, id: &str) -> Option<bool> {
        self.webhook_orgs.as_ref().map(|w| w.contains(id))
    }

    pub fn org(&self, id: &str) -> Option<&Org> {
        self.orgs.iter().find(|o| o.id == id)
    }

    /// Whether this Snapshot can speak for the Org: it lists it, or it would
    /// (a full Snapshot that does not list an Org means the Org is gone).
    pub fn reaches(&self, id: &str) -> bool {
        !self.partial || self.org(id).is_some()
    }

    /// Replaces or adds the Orgs of a targeted search; the rest stay as they were.
    pub fn merge_orgs(&mut self, fresh: Snapshot) {
        for o in fresh.orgs {
            match self.orgs.iter_mut().find(|x| x.id == o.id) {
                Some(x) => *x = o,
                None => self.orgs.push(o),
            }
        }
        sort_orgs(&mut self.orgs);
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

/// What a schedule in the Org will use, given the cluster default (`None`
/// when the default is unknown to this user: then inheriting Orgs are unknown too).
pub fn effective(org: &OrgSetting, cluster: Option<&ClusterSetting>) -> Option<Vec<String>> {
    match org {
        OrgSetting::Override(c) => Some(canonical(c)),
        OrgSetting::Inherit => cluster.map(ClusterSetting::effective),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::wire::SearchResponse;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    fn parse(json: &str) -> SearchResponse {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn the_docs_example_has_a_never_set_default_and_three_org_states() {
        let snap = Snapshot::from_wire(
            parse(
                r#"{"cluster_preferences":[],"org_preferences":[
                {"org":{"id":"0","name":"Primary"},"preferences":[]},
                {"org":{"id":"1532970882","name":"testOrg"},"preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":["EMAIL","WEBHOOK"]}]},
                {"org":{"id":"2100019165","name":"testOrg1"},"preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":[]}]}]}"#,
            ),
            None,
            true,
        );
        let cluster = snap.cluster_setting(LIVEBOARD_SCHEDULE).unwrap();
        assert_eq!(cluster, ClusterSetting::NeverSet);
        assert_eq!(cluster.effective(), s(&["EMAIL"]));
        let names: Vec<&str> = snap.orgs.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, ["Primary", "testOrg", "testOrg1"]);
        assert_eq!(
            snap.orgs[0].setting(LIVEBOARD_SCHEDULE),
            OrgSetting::Inherit
        );
        assert_eq!(
            snap.orgs[1].setting(LIVEBOARD_SCHEDULE),
            OrgSetting::Override(s(&["EMAIL", "WEBHOOK"]))
        );
        assert_eq!(
            snap.orgs[2].setting(LIVEBOARD_SCHEDULE),
            OrgSetting::Override(vec![])
        );
        assert_eq!(
            effective(&snap.orgs[0].setting(LIVEBOARD_SCHEDULE), Some(&cluster)),
            Some(s(&["EMAIL"]))
        );
        assert_eq!(
            effective(&snap.orgs[2].setting(LIVEBOARD_SCHEDULE), Some(&cluster)),
            Some(vec![])
        );
    }

    #[test]
    fn a_set_default_is_inherited_and_a_none_default_turns_inheritors_off() {
        let snap = Snapshot::from_wire(
            parse(
                r#"{"cluster_preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":["WEBHOOK"]}],"org_preferences":[{"org":{"id":"5","name":"A"},"preferences":[]}]}"#,
            ),
            None,
            true,
        );
        let c = snap.cluster_setting(LIVEBOARD_SCHEDULE).unwrap();
        assert_eq!(
            effective(&OrgSetting::Inherit, Some(&c)),
            Some(s(&["WEBHOOK"]))
        );
        let none = ClusterSetting::Set(vec![]);
        assert_eq!(effective(&OrgSetting::Inherit, Some(&none)), Some(vec![]));
        assert_eq!(none.describe(), "none (all channels off)");
        assert_eq!(effective(&OrgSetting::Inherit, None), None);
    }

    #[test]
    fn orgs_missing_from_the_search_are_merged_in_from_orgs_search() {
        let orgs: Vec<OrgResponse> = serde_json::from_str(
            r#"[{"id":0,"name":"Primary","status":"ACTIVE"},{"id":42,"name":"Hidden"},{"name":"no id"}]"#,
        )
        .unwrap();
        let snap = Snapshot::from_wire(
            parse(
                r#"{"org_preferences":[{"org":{"id":"0","name":"Primary"},"preferences":null}]}"#,
            ),
            Some(orgs),
            false,
        );
        assert_eq!(snap.cluster, None, "not asked: unknown, not never-set");
        assert_eq!(snap.orgs.len(), 2);
        assert_eq!(snap.orgs[0].name, "Hidden");
        assert!(!snap.orgs[0].inactive);
        assert_eq!(snap.orgs[0].id, "42");
        assert_eq!(
            snap.orgs[0].setting(LIVEBOARD_SCHEDULE),
            OrgSetting::Inherit
        );
    }

    #[test]
    fn unknown_event_types_and_channels_are_kept_and_reported() {
        let snap = Snapshot::from_wire(
            parse(
                r#"{"cluster_preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":["EMAIL","SLACK"]},{"event_type":"ALERT","channels":["EMAIL"]}],
                "org_preferences":[{"org":{"id":"1","name":"A"},"preferences":[{"event_type":"DIGEST","channels":["TEAMS"]}]}]}"#,
            ),
            None,
            true,
        );
        assert_eq!(
            snap.unknown_values(),
            s(&["ALERT", "SLACK", "DIGEST", "TEAMS"])
        );
        assert_eq!(
            snap.orgs[0].setting(LIVEBOARD_SCHEDULE),
            OrgSetting::Inherit
        );
        assert_eq!(snap.orgs[0].prefs["DIGEST"], s(&["TEAMS"]));
        assert_eq!(
            snap.cluster_setting(LIVEBOARD_SCHEDULE),
            Some(ClusterSetting::Set(s(&["EMAIL", "SLACK"])))
        );
    }

    #[test]
    fn toggling_keeps_unknown_channels_and_a_canonical_order() {
        let c = s(&["SLACK", "WEBHOOK"]);
        assert_eq!(toggled(&c, EMAIL, true), s(&["EMAIL", "WEBHOOK", "SLACK"]));
        assert_eq!(toggled(&c, WEBHOOK, false), s(&["SLACK"]));
        assert!(same_channels(
            &s(&["WEBHOOK", "EMAIL"]),
            &s(&["EMAIL", "WEBHOOK", "EMAIL"])
        ));
        assert!(!same_channels(&s(&["EMAIL"]), &s(&[])));
    }

    #[test]
    fn merge_orgs_updates_and_adds() {
        let mut snap = Snapshot::from_wire(
            parse(r#"{"org_preferences":[{"org":{"id":"1","name":"B"},"preferences":[]}]}"#),
            None,
            false,
        );
        let fresh = Snapshot::from_wire(
            parse(
                r#"{"org_preferences":[{"org":{"id":"1","name":"B"},"preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":["EMAIL"]}]},{"org":{"id":"2","name":"A"},"preferences":[]}]}"#,
            ),
            None,
            false,
        );
        snap.merge_orgs(fresh);
        assert_eq!(snap.orgs.len(), 2);
        assert_eq!(snap.orgs[0].name, "A");
        assert_eq!(
            snap.orgs[1].setting(LIVEBOARD_SCHEDULE),
            OrgSetting::Override(s(&["EMAIL"]))
        );
    }
}
