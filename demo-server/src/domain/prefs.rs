//! Communication-channel preferences, as `configureCommunicationChannelPreferences`
//! and `searchCommunicationChannelPreferences` behave: configure is
//! all-or-nothing, REPLACE sets an Org's override for the event types it names,
//! RESET removes them (the Org then inherits the cluster default), and search
//! tells "never set" (`[]`) from "set to no channel" (`channels: []`).

use crate::access::Scope;
use crate::domain::cluster::{Cluster, Org};
use crate::domain::vocab::{word, words, Channel, EventType, Preferences};
use crate::refusal::Refusal;
use serde::Deserialize;
use ts_wire::{
    EventChannelConfig, Operation, OrgChannelConfigInput, OrgChannelConfigResponse, OrgDetails,
    SearchRequest, SearchResponse,
};

/// The body of `configure`. Its entries are the wire crate's; the body itself
/// is not its `ConfigureRequest`, whose lists leave out an empty list: the
/// server must tell `cluster_preferences: []` (refused from another Org than
/// the Primary Org) from no `cluster_preferences` at all.
#[derive(Deserialize, Debug, Default)]
pub struct Configure {
    pub cluster_preferences: Option<Vec<EventChannelConfig>>,
    pub org_preferences: Option<Vec<OrgChannelConfigInput>>,
}

pub const UNKNOWN_ORG: &str = "org_identifier in org_preferences does not match a known org.";
pub const RESET_NEEDS_EVENTS: &str = "RESET operation requires reset_events to be specified.";
pub const REPLACE_NEEDS_PREFS: &str = "REPLACE operation requires preferences to be specified.";

/// Channels set for an event type.
type Setting = (EventType, Vec<Channel>);

/// One checked entry of `org_preferences`, by the Org's index.
enum Step {
    Replace(usize, Vec<Setting>),
    Reset(usize, Vec<EventType>),
}

/// The settings a list of configs asks for, in the cluster's words.
fn settings(configs: &[EventChannelConfig]) -> Result<Vec<Setting>, Refusal> {
    configs
        .iter()
        .map(|c| Ok((word(&c.event_type)?, words(&c.channels)?)))
        .collect()
}

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
            event_type: e.name().into(),
            channels: c.iter().map(|c| c.name().into()).collect(),
        })
        .collect()
}

fn org_response(org: &Org, only: Option<&[EventType]>) -> OrgChannelConfigResponse {
    OrgChannelConfigResponse {
        org: OrgDetails {
            id: org.id.to_string(),
            name: org.name.clone(),
        },
        preferences: Some(to_configs(&org.preferences, only)),
    }
}

impl Cluster {
    /// Applies a configure request all-or-nothing: every entry is validated
    /// before anything changes. `cluster_refused` is the 403 message for a caller
    /// who may not change the cluster default (checked after the Org scope).
    pub fn configure(
        &mut self,
        req: Configure,
        scope: Scope,
        cluster_refused: Option<String>,
    ) -> Result<(), Refusal> {
        if req.cluster_preferences.is_some() {
            scope.check_cluster()?;
            if let Some(m) = cluster_refused {
                return Err(Refusal::Forbidden(m));
            }
        }
        let cluster = settings(req.cluster_preferences.as_deref().unwrap_or_default())?;
        let steps = req
            .org_preferences
            .unwrap_or_default()
            .into_iter()
            .map(|entry| self.step(entry, scope))
            .collect::<Result<Vec<_>, _>>()?;
        for (event, channels) in cluster {
            self.defaults.insert(event, dedup(&channels));
        }
        for step in steps {
            match step {
                Step::Replace(idx, prefs) => {
                    for (event, channels) in prefs {
                        self.orgs[idx].preferences.insert(event, dedup(&channels));
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

    /// Checks one entry of `org_preferences`: its Org exists and is in the
    /// token's scope, and it carries what its operation needs.
    fn step(&self, entry: OrgChannelConfigInput, scope: Scope) -> Result<Step, Refusal> {
        let idx = self
            .find_org(&entry.org_identifier)
            .ok_or_else(|| Refusal::bad(UNKNOWN_ORG))?;
        scope.check_org(self.orgs[idx].id)?;
        match entry.operation {
            Operation::Replace => {
                let prefs = entry
                    .preferences
                    .ok_or_else(|| Refusal::bad(REPLACE_NEEDS_PREFS))?;
                Ok(Step::Replace(idx, settings(&prefs)?))
            }
            Operation::Reset => {
                let events = entry
                    .reset_events
                    .filter(|e| !e.is_empty())
                    .ok_or_else(|| Refusal::bad(RESET_NEEDS_EVENTS))?;
                Ok(Step::Reset(idx, words(&events)?))
            }
        }
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
            Some(events) => Some(to_configs(&self.defaults, Some(&words(events)?))),
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
                        .ok_or_else(|| Refusal::bad(UNKNOWN_ORG))?;
                    scope.check_org(self.orgs[idx].id)?;
                    let only = c.event_types.as_deref().map(words).transpose()?;
                    out.push(org_response(&self.orgs[idx], only.as_deref()));
                }
                out
            }
        };
        Ok(SearchResponse {
            cluster_preferences,
            org_preferences: Some(org_preferences),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cluster::sample::cluster;
    use crate::domain::orgs::OrgsSearch;

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
        assert_eq!(all.org_preferences.unwrap().len(), 4);
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
        let orgs = only.org_preferences.unwrap();
        assert_eq!(orgs.len(), 1);
        assert_eq!(orgs[0].org.id, "11");
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
        let orgs = c.search_orgs(&OrgsSearch::default(), finance.scope);
        assert_eq!(
            orgs.iter().map(|o| o.org.id).collect::<Vec<_>>(),
            vec![Some(11)]
        );
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
    fn unknown_enum_values_are_refused() {
        let mut c = cluster();
        let before = c.clone();
        let err = configure(
            &mut c,
            r#"{"cluster_preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":["SMS"]}]}"#,
            ADMIN,
        )
        .unwrap_err();
        assert!(matches!(err, Refusal::BadRequest(_)), "{err:?}");
        assert_eq!(c, before);
        assert!(serde_json::from_str::<Configure>(
            r#"{"org_preferences":[{"org_identifier":"0","operation":"MERGE"}]}"#
        )
        .is_err());
    }
}
