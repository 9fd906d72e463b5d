//! Preferences as the panel understands them: channels and event types (known
//! ones, and unknown ones kept verbatim), the cluster and Org settings, and
//! what an Org effectively uses. The Snapshot lives in `snapshot`.

mod snapshot;

pub use snapshot::{Org, OrgWebhook, Snapshot};

use crate::api::wire::EventChannelConfig;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

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

/// An Org's Prefs, shared: Orgs that say the same (most of them do) hold one
/// copy between them. It reads as a `Prefs`; a change gives the Org its own
/// copy first. Saved work and exports see a plain `Prefs`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SharedPrefs(Arc<Prefs>);

impl std::ops::Deref for SharedPrefs {
    type Target = Prefs;
    fn deref(&self) -> &Prefs {
        &self.0
    }
}

impl std::ops::DerefMut for SharedPrefs {
    fn deref_mut(&mut self) -> &mut Prefs {
        Arc::make_mut(&mut self.0)
    }
}

impl From<Prefs> for SharedPrefs {
    fn from(p: Prefs) -> Self {
        SharedPrefs(Arc::new(p))
    }
}

impl serde::Serialize for SharedPrefs {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.as_ref().serialize(s)
    }
}

impl<'de> serde::Deserialize<'de> for SharedPrefs {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Prefs::deserialize(d).map(SharedPrefs::from)
    }
}

/// One `SharedPrefs` for each distinct value met (a load's few kinds of
/// override, and "inherits everything").
#[derive(Default)]
pub(crate) struct Interner(HashMap<Prefs, SharedPrefs>);

impl Interner {
    pub(crate) fn share(&mut self, p: Prefs) -> SharedPrefs {
        if let Some(s) = self.0.get(&p) {
            return s.clone();
        }
        let s = SharedPrefs::from(p.clone());
        self.0.insert(p, s.clone());
        s
    }
}

/// The answer's entries as Prefs, moved (not copied): one per event type,
/// the last one kept when an event type repeats.
pub(crate) fn prefs_from_wire(configs: Vec<EventChannelConfig>) -> Prefs {
    configs
        .into_iter()
        .map(|c| (c.event_type, c.channels))
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
    use crate::api::wire::{OrgResponse, SearchResponse};

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
