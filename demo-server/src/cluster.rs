//! The state of a simulated ThoughtSpot cluster and the semantics of the
//! communication-channel preference endpoints, written from the REST v2 spec
//! (`configureCommunicationChannelPreferences`, `searchCommunicationChannelPreferences`).
//! No HTTP here: handlers in `http.rs` call these functions.

use crate::access::Scope;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An event type. Request validation (`spec.rs`) lets the ones only a newer
/// server knows through only while the `newer_server` fault is on.
#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EventType {
    LIVEBOARD_SCHEDULE,
    /// Known only to a server newer than the vendored spec.
    ALERT_DIGEST,
}

impl EventType {
    /// Whether only a server newer than the vendored spec knows this event type.
    pub fn newer_only(self) -> bool {
        matches!(self, EventType::ALERT_DIGEST)
    }
}

/// A communication channel. As with event types, the ones only a newer server
/// knows pass request validation only while the `newer_server` fault is on.
#[allow(clippy::upper_case_acronyms)]
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Channel {
    EMAIL,
    WEBHOOK,
    /// Known only to a server newer than the vendored spec.
    SLACK,
}

impl Channel {
    /// Whether only a server newer than the vendored spec knows this channel.
    pub fn newer_only(self) -> bool {
        matches!(self, Channel::SLACK)
    }
}

#[allow(clippy::upper_case_acronyms)]
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    REPLACE,
    RESET,
}

#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrgStatus {
    ACTIVE,
    IN_ACTIVE,
}

#[allow(clippy::upper_case_acronyms)]
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrgVisibility {
    SHOW,
    HIDDEN,
}

/// Channels per event type. An absent key means "not configured".
pub type Preferences = BTreeMap<EventType, Vec<Channel>>;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Org {
    pub id: i32,
    pub name: String,
    pub status: OrgStatus,
    pub visibility: OrgVisibility,
    pub description: Option<String>,
    /// The Org's overrides; an empty map means the Org inherits the cluster default.
    pub preferences: Preferences,
}

#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct Cluster {
    /// Cluster-level defaults; an empty map means the default was never set.
    pub defaults: Preferences,
    pub orgs: Vec<Org>,
    #[serde(default)]
    pub webhooks: Vec<crate::webhooks::Webhook>,
    /// The test events sent to the webhooks, oldest first.
    #[serde(default)]
    pub jobs: Vec<crate::webhooks::Job>,
    /// The scheduled deliveries to the webhooks (worked out when asked for,
    /// see `deliveries.rs`).
    #[serde(default)]
    pub deliveries: crate::deliveries::Schedule,
}

// ---- request and response bodies (field names as in the OpenAPI spec) ----

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct EventChannelConfig {
    pub event_type: EventType,
    pub channels: Vec<Channel>,
}

#[derive(Deserialize, Debug, Default)]
pub struct ConfigureRequest {
    pub cluster_preferences: Option<Vec<EventChannelConfig>>,
    pub org_preferences: Option<Vec<OrgChannelConfigInput>>,
}

#[derive(Deserialize, Debug)]
pub struct OrgChannelConfigInput {
    pub org_identifier: String,
    pub operation: Option<Operation>,
    pub preferences: Option<Vec<EventChannelConfig>>,
    pub reset_events: Option<Vec<EventType>>,
}

#[derive(Deserialize, Debug, Default)]
pub struct SearchRequest {
    pub cluster_preferences: Option<Vec<EventType>>,
    pub org_preferences: Option<Vec<OrgSearchCriteria>>,
}

#[derive(Deserialize, Debug)]
pub struct OrgSearchCriteria {
    pub org_identifier: String,
    pub event_types: Option<Vec<EventType>>,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
pub struct SearchResponse {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster_preferences: Option<Vec<EventChannelConfig>>,
    pub org_preferences: Vec<OrgChannelConfigResponse>,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
pub struct OrgChannelConfigResponse {
    pub org: OrgDetails,
    pub preferences: Vec<EventChannelConfig>,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
pub struct OrgDetails {
    /// A string here, although `orgs/search` reports the same id as an integer.
    pub id: String,
    pub name: String,
}

#[derive(Deserialize, Debug, Default)]
pub struct OrgsSearchRequest {
    pub org_identifier: Option<String>,
    pub description: Option<String>,
    pub visibility: Option<OrgVisibility>,
    pub status: Option<OrgStatus>,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
pub struct OrgResponse {
    pub id: i32,
    pub name: String,
    pub status: OrgStatus,
    pub description: Option<String>,
    pub visibility: OrgVisibility,
}

/// A refusal in the vocabulary of the API; `http.rs` turns it into a status and
/// ThoughtSpot's error body.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// 400, code 10002.
    BadRequest(String),
    /// 403 for a missing privilege, code 10023.
    Forbidden(String),
    /// 403 for an Org outside the token's scope, code 13090.
    OutOfScope(String),
}

const UNKNOWN_ORG: &str = "org_identifier in org_preferences does not match a known org.";
const RESET_NEEDS_EVENTS: &str = "RESET operation requires reset_events to be specified.";
const REPLACE_NEEDS_PREFS: &str = "REPLACE operation requires preferences to be specified.";

fn dedup(channels: &[Channel]) -> Vec<Channel> {
    let mut out: Vec<Channel> = Vec::with_capacity(channels.len());
    for c in channels {
        if !out.contains(c) {
            out.push(*c);
        }
    }
    out
}

fn to_configs(prefs: &Preferences, only: Option<&[EventType]>) -> Vec<EventChannelConfig> {
    prefs
        .iter()
        .filter(|(e, _)| only.is_none_or(|o| o.contains(e)))
        .map(|(e, c)| EventChannelConfig {
            event_type: *e,
            channels: c.clone(),
        })
        .collect()
}

impl Cluster {
    /// An Org by id (as a decimal string) or by name; the name match is exact first,
    /// then case-insensitive.
    pub fn find_org(&self, identifier: &str) -> Option<usize> {
        let ident = identifier.trim();
        if let Ok(id) = ident.parse::<i32>() {
            if let Some(i) = self.orgs.iter().position(|o| o.id == id) {
                return Some(i);
            }
        }
        self.orgs.iter().position(|o| o.name == ident).or_else(|| {
            let lower = ident.to_lowercase();
            self.orgs
                .iter()
                .position(|o| o.name.to_lowercase() == lower)
        })
    }

    /// The name of the Org with this id (empty if there is none).
    pub fn org_name(&self, id: i32) -> String {
        self.orgs
            .iter()
            .find(|o| o.id == id)
            .map(|o| o.name.clone())
            .unwrap_or_default()
    }

    /// Applies a configure request all-or-nothing: every entry is validated
    /// before anything changes. `cluster_refused` is the 403 message for a caller
    /// who may not change the cluster default (checked after the Org scope).
    pub fn configure(
        &mut self,
        req: ConfigureRequest,
        scope: Scope,
        cluster_refused: Option<String>,
    ) -> Result<(), Refusal> {
        if req.cluster_preferences.is_some() {
            scope.check_cluster()?;
            if let Some(m) = cluster_refused {
                return Err(Refusal::Forbidden(m));
            }
        }
        let cluster = req.cluster_preferences.unwrap_or_default();
        let orgs = req.org_preferences.unwrap_or_default();
        enum Step {
            Replace(usize, Vec<EventChannelConfig>),
            Reset(usize, Vec<EventType>),
        }
        let mut steps = Vec::with_capacity(orgs.len());
        for entry in orgs {
            let idx = self
                .find_org(&entry.org_identifier)
                .ok_or_else(|| Refusal::BadRequest(UNKNOWN_ORG.into()))?;
            scope.check_org(self.orgs[idx].id)?;
            match entry.operation.unwrap_or(Operation::REPLACE) {
                Operation::REPLACE => {
                    let prefs = entry
                        .preferences
                        .ok_or_else(|| Refusal::BadRequest(REPLACE_NEEDS_PREFS.into()))?;
                    steps.push(Step::Replace(idx, prefs));
                }
                Operation::RESET => {
                    let events = entry
                        .reset_events
                        .filter(|e| !e.is_empty())
                        .ok_or_else(|| Refusal::BadRequest(RESET_NEEDS_EVENTS.into()))?;
                    steps.push(Step::Reset(idx, events));
                }
            }
        }
        for c in cluster {
            self.defaults.insert(c.event_type, dedup(&c.channels));
        }
        for step in steps {
            match step {
                Step::Replace(idx, prefs) => {
                    for p in prefs {
                        self.orgs[idx]
                            .preferences
                            .insert(p.event_type, dedup(&p.channels));
                    }
                }
                Step::Reset(idx, events) => {
                    for e in events {
                        self.orgs[idx].preferences.remove(&e);
                    }
                }
            }
        }
        Ok(())
    }

    /// Answers a search. With no `org_preferences` criteria every Org the token
    /// reaches is listed, each with `preferences: []` when it has no override.
    /// `cluster_preferences` is `[]` while the default was never set; it is
    /// answered when asked for, and to an empty request from the Primary Org.
    pub fn search(&self, req: &SearchRequest, scope: Scope) -> Result<SearchResponse, Refusal> {
        if req.cluster_preferences.is_some() {
            scope.check_cluster()?;
        }
        let cluster_preferences = match &req.cluster_preferences {
            Some(events) => Some(to_configs(&self.defaults, Some(events))),
            None if req.org_preferences.is_none() && scope.is_primary() => {
                Some(to_configs(&self.defaults, None))
            }
            None => None,
        };
        let org_preferences = match &req.org_preferences {
            None => self
                .orgs
                .iter()
                .filter(|o| scope.reaches(o.id))
                .map(|o| org_response(o, None))
                .collect(),
            Some(criteria) => {
                let mut out = Vec::with_capacity(criteria.len());
                for c in criteria {
                    let idx = self
                        .find_org(&c.org_identifier)
                        .ok_or_else(|| Refusal::BadRequest(UNKNOWN_ORG.into()))?;
                    scope.check_org(self.orgs[idx].id)?;
                    out.push(org_response(&self.orgs[idx], c.event_types.as_deref()));
                }
                out
            }
        };
        Ok(SearchResponse {
            cluster_preferences,
            org_preferences,
        })
    }

    /// Drops every event type and channel only a newer server knows, from the
    /// cluster default, the Orgs' preferences and the webhooks' events, so that
    /// the cluster answers as the vendored release again. An Org left with no
    /// event type inherits the default; a list left with no channel has every
    /// channel off.
    pub fn forget_newer(&mut self) {
        let prefs = std::iter::once(&mut self.defaults)
            .chain(self.orgs.iter_mut().map(|o| &mut o.preferences));
        for p in prefs {
            p.retain(|e, _| !e.newer_only());
            for channels in p.values_mut() {
                channels.retain(|c| !c.newer_only());
            }
        }
        for w in &mut self.webhooks {
            w.events.retain(|e| !e.newer_only());
        }
    }

    /// `orgs/search`: the Orgs the token reaches that match every given filter, by id.
    pub fn search_orgs(&self, req: &OrgsSearchRequest, scope: Scope) -> Vec<OrgResponse> {
        let by_ident = req.org_identifier.as_deref().map(|i| self.find_org(i));
        let mut out: Vec<OrgResponse> = self
            .orgs
            .iter()
            .enumerate()
            .filter(|(_, o)| scope.reaches(o.id))
            .filter(|(i, _)| by_ident.is_none_or(|m| m == Some(*i)))
            .filter(|(_, o)| req.status.is_none_or(|s| s == o.status))
            .filter(|(_, o)| req.visibility.is_none_or(|v| v == o.visibility))
            .filter(|(_, o)| {
                req.description
                    .as_deref()
                    .is_none_or(|d| o.description.as_deref().is_some_and(|od| od.contains(d)))
            })
            .map(|(_, o)| OrgResponse {
                id: o.id,
                name: o.name.clone(),
                status: o.status,
                description: o.description.clone(),
                visibility: o.visibility,
            })
            .collect();
        out.sort_by_key(|o| o.id);
        out
    }
}

fn org_response(org: &Org, only: Option<&[EventType]>) -> OrgChannelConfigResponse {
    OrgChannelConfigResponse {
        org: OrgDetails {
            id: org.id.to_string(),
            name: org.name.clone(),
        },
        preferences: to_configs(&org.preferences, only),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The caller as `configure` sees it: the token's Org and whether the user
    /// may change the cluster default.
    #[derive(Clone, Copy)]
    struct Who {
        scope: Scope,
        cluster_admin: bool,
    }

    const ADMIN: Who = Who {
        scope: Scope::PRIMARY,
        cluster_admin: true,
    };
    const DEVELOPER: Who = Who {
        scope: Scope::PRIMARY,
        cluster_admin: false,
    };

    fn org(id: i32, name: &str, prefs: &[(EventType, &[Channel])]) -> Org {
        Org {
            id,
            name: name.into(),
            status: OrgStatus::ACTIVE,
            visibility: OrgVisibility::SHOW,
            description: None,
            preferences: prefs.iter().map(|(e, c)| (*e, c.to_vec())).collect(),
        }
    }

    fn cluster() -> Cluster {
        use Channel::*;
        use EventType::LIVEBOARD_SCHEDULE as LS;
        Cluster {
            webhooks: vec![],
            jobs: vec![],
            deliveries: Default::default(),
            defaults: Preferences::new(),
            orgs: vec![
                org(0, "Primary", &[]),
                org(11, "Finance", &[(LS, &[EMAIL])]),
                org(12, "Legal", &[(LS, &[])]),
                org(13, "Zürich", &[(LS, &[EMAIL, WEBHOOK])]),
            ],
        }
    }

    fn configure(c: &mut Cluster, body: &str, who: Who) -> Result<(), Refusal> {
        let refused = (!who.cluster_admin).then(|| "ADMINISTRATION privilege required.".into());
        c.configure(serde_json::from_str(body).unwrap(), who.scope, refused)
    }

    fn search(c: &Cluster, body: &str) -> serde_json::Value {
        serde_json::to_value(
            c.search(&serde_json::from_str(body).unwrap(), Scope::PRIMARY)
                .unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn a_default_never_set_searches_as_an_empty_list_and_every_org_is_listed() {
        let c = cluster();
        let v = search(&c, r#"{"cluster_preferences":["LIVEBOARD_SCHEDULE"]}"#);
        assert_eq!(v["cluster_preferences"], serde_json::json!([]));
        let orgs = v["org_preferences"].as_array().unwrap();
        assert_eq!(orgs.len(), 4);
        assert_eq!(
            orgs[0]["org"],
            serde_json::json!({"id":"0","name":"Primary"})
        );
        assert_eq!(orgs[0]["preferences"], serde_json::json!([]));
        assert_eq!(
            orgs[2]["preferences"],
            serde_json::json!([{"event_type":"LIVEBOARD_SCHEDULE","channels":[]}])
        );
    }

    #[test]
    fn cluster_default_is_set_with_deduplicated_channels() {
        let mut c = cluster();
        configure(
            &mut c,
            r#"{"cluster_preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":["WEBHOOK","WEBHOOK"]}]}"#,
            ADMIN,
        )
        .unwrap();
        let v = search(&c, r#"{"cluster_preferences":["LIVEBOARD_SCHEDULE"]}"#);
        assert_eq!(
            v["cluster_preferences"],
            serde_json::json!([{"event_type":"LIVEBOARD_SCHEDULE","channels":["WEBHOOK"]}])
        );
    }

    #[test]
    fn replace_by_name_or_id_sets_the_override_and_reset_removes_it() {
        let mut c = cluster();
        configure(
            &mut c,
            r#"{"org_preferences":[
                {"org_identifier":"Primary","operation":"REPLACE","preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":["WEBHOOK"]}]},
                {"org_identifier":"12","preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":["EMAIL"]}]},
                {"org_identifier":"finance","operation":"RESET","reset_events":["LIVEBOARD_SCHEDULE"]}
            ]}"#,
            ADMIN,
        )
        .unwrap();
        use Channel::*;
        use EventType::LIVEBOARD_SCHEDULE as LS;
        assert_eq!(c.orgs[0].preferences.get(&LS), Some(&vec![WEBHOOK]));
        assert_eq!(c.orgs[2].preferences.get(&LS), Some(&vec![EMAIL]));
        assert!(
            c.orgs[1].preferences.is_empty(),
            "RESET falls back to the default"
        );
        assert_eq!(c.orgs[3].preferences.get(&LS), Some(&vec![EMAIL, WEBHOOK]));
    }

    #[test]
    fn replace_with_no_channels_turns_every_channel_off() {
        let mut c = cluster();
        configure(
            &mut c,
            r#"{"org_preferences":[{"org_identifier":"11","operation":"REPLACE","preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":[]}]}]}"#,
            ADMIN,
        )
        .unwrap();
        assert_eq!(
            c.orgs[1].preferences.get(&EventType::LIVEBOARD_SCHEDULE),
            Some(&vec![])
        );
    }

    #[test]
    fn a_bad_entry_refuses_the_whole_request_and_changes_nothing() {
        let mut c = cluster();
        let before = c.clone();
        let err = configure(
            &mut c,
            r#"{"cluster_preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":["EMAIL"]}],
                "org_preferences":[
                {"org_identifier":"Primary","preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":["WEBHOOK"]}]},
                {"org_identifier":"Finance","operation":"RESET"}
            ]}"#,
            ADMIN,
        )
        .unwrap_err();
        assert_eq!(err, Refusal::BadRequest(RESET_NEEDS_EVENTS.into()));
        assert_eq!(c, before);

        let err = configure(
            &mut c,
            r#"{"org_preferences":[{"org_identifier":"Finance","operation":"RESET","reset_events":[]}]}"#,
            ADMIN,
        )
        .unwrap_err();
        assert_eq!(err, Refusal::BadRequest(RESET_NEEDS_EVENTS.into()));

        let err = configure(
            &mut c,
            r#"{"org_preferences":[{"org_identifier":"Finance","operation":"REPLACE"}]}"#,
            ADMIN,
        )
        .unwrap_err();
        assert_eq!(err, Refusal::BadRequest(REPLACE_NEEDS_PREFS.into()));

        let err = configure(
            &mut c,
            r#"{"org_preferences":[{"org_identifier":"Nowhere","operation":"RESET","reset_events":["LIVEBOARD_SCHEDULE"]}]}"#,
            ADMIN,
        )
        .unwrap_err();
        assert_eq!(err, Refusal::BadRequest(UNKNOWN_ORG.into()));
        assert_eq!(c, before);
    }

    #[test]
    fn a_developer_may_change_orgs_and_read_but_not_change_the_cluster_default() {
        let mut c = cluster();
        let err = configure(
            &mut c,
            r#"{"cluster_preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":["EMAIL"]}]}"#,
            DEVELOPER,
        )
        .unwrap_err();
        assert!(matches!(err, Refusal::Forbidden(_)));
        configure(
            &mut c,
            r#"{"org_preferences":[{"org_identifier":"0","preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":["EMAIL"]}]}]}"#,
            DEVELOPER,
        )
        .unwrap();
        let all = c.search(&SearchRequest::default(), Scope::PRIMARY).unwrap();
        assert_eq!(all.cluster_preferences, Some(vec![]));
        assert_eq!(all.org_preferences.len(), 4);
    }

    #[test]
    fn a_token_of_another_org_reaches_that_org_only() {
        let mut c = cluster();
        let before = c.clone();
        let finance = Who {
            scope: Scope { org_id: 11 },
            cluster_admin: true,
        };
        let mine = r#"{"org_preferences":[{"org_identifier":"Finance","preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":["WEBHOOK"]}]}]}"#;
        let theirs = r#"{"org_preferences":[
            {"org_identifier":"Finance","preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":["WEBHOOK"]}]},
            {"org_identifier":"Legal","preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":["WEBHOOK"]}]}]}"#;
        let err = configure(&mut c, theirs, finance).unwrap_err();
        assert_eq!(
            err,
            Refusal::OutOfScope("User does not have access to org 12.".into())
        );
        let err = configure(&mut c, r#"{"cluster_preferences":[]}"#, finance).unwrap_err();
        assert!(matches!(err, Refusal::OutOfScope(_)));
        assert_eq!(c, before, "nothing applied");
        configure(&mut c, mine, finance).unwrap();

        let only = c.search(&SearchRequest::default(), finance.scope).unwrap();
        assert_eq!(only.cluster_preferences, None);
        assert_eq!(only.org_preferences.len(), 1);
        assert_eq!(only.org_preferences[0].org.id, "11");
        let req: SearchRequest =
            serde_json::from_str(r#"{"cluster_preferences":["LIVEBOARD_SCHEDULE"]}"#).unwrap();
        assert!(matches!(
            c.search(&req, finance.scope),
            Err(Refusal::OutOfScope(_))
        ));
        let req: SearchRequest =
            serde_json::from_str(r#"{"org_preferences":[{"org_identifier":"Primary"}]}"#).unwrap();
        assert!(matches!(
            c.search(&req, finance.scope),
            Err(Refusal::OutOfScope(_))
        ));
        let orgs = c.search_orgs(&OrgsSearchRequest::default(), finance.scope);
        assert_eq!(orgs.iter().map(|o| o.id).collect::<Vec<_>>(), vec![11]);
    }

    #[test]
    fn org_criteria_select_orgs_by_id_or_name_and_filter_event_types() {
        let c = cluster();
        let v = search(
            &c,
            r#"{"org_preferences":[{"org_identifier":"zürich","event_types":["LIVEBOARD_SCHEDULE"]},{"org_identifier":"11"}]}"#,
        );
        assert!(v.get("cluster_preferences").is_none());
        let orgs = v["org_preferences"].as_array().unwrap();
        assert_eq!(orgs.len(), 2);
        assert_eq!(orgs[0]["org"]["id"], "13");
        assert_eq!(orgs[1]["org"]["name"], "Finance");
        let err = c
            .search(
                &serde_json::from_str(r#"{"org_preferences":[{"org_identifier":"999"}]}"#).unwrap(),
                Scope::PRIMARY,
            )
            .unwrap_err();
        assert_eq!(err, Refusal::BadRequest(UNKNOWN_ORG.into()));
    }

    #[test]
    fn unknown_enum_values_do_not_parse() {
        assert!(serde_json::from_str::<ConfigureRequest>(
            r#"{"cluster_preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":["SMS"]}]}"#
        )
        .is_err());
        assert!(serde_json::from_str::<ConfigureRequest>(
            r#"{"org_preferences":[{"org_identifier":"0","operation":"MERGE"}]}"#
        )
        .is_err());
    }

    #[test]
    fn orgs_search_filters_and_sorts_by_id() {
        let mut c = cluster();
        c.orgs.reverse();
        c.orgs[0].status = OrgStatus::IN_ACTIVE;
        let all = c.search_orgs(&OrgsSearchRequest::default(), Scope::PRIMARY);
        assert_eq!(
            all.iter().map(|o| o.id).collect::<Vec<_>>(),
            vec![0, 11, 12, 13]
        );
        let active = c.search_orgs(
            &OrgsSearchRequest {
                status: Some(OrgStatus::ACTIVE),
                ..Default::default()
            },
            Scope::PRIMARY,
        );
        assert_eq!(active.len(), 3);
        let one = c.search_orgs(
            &OrgsSearchRequest {
                org_identifier: Some("Legal".into()),
                ..Default::default()
            },
            Scope::PRIMARY,
        );
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].id, 12);
    }
}
