//! `orgs/search`: the Orgs the token reaches that match every filter given,
//! sorted by id.

use crate::access::Scope;
use crate::domain::cluster::Cluster;
use crate::domain::vocab::{OrgStatus, OrgVisibility};
use serde::{Deserialize, Serialize};
use ts_wire::{OrgResponse, OrgsRequest};

/// The body of `orgs/search`: the panel's `OrgsRequest` (the identifier) and
/// the spec's other filters, which the panel never sends.
#[derive(Deserialize, Debug, Default)]
pub struct OrgsSearch {
    #[serde(flatten)]
    pub org: OrgsRequest,
    pub description: Option<String>,
    pub visibility: Option<OrgVisibility>,
    pub status: Option<OrgStatus>,
}

/// An `orgs/search` item: the panel's `OrgResponse` (id, name, status) and
/// what the panel does not read. `description` is null when the Org has none.
#[derive(Serialize, Debug, PartialEq)]
pub struct OrgAnswer {
    #[serde(flatten)]
    pub org: OrgResponse,
    pub description: Option<String>,
    pub visibility: OrgVisibility,
}

impl Cluster {
    /// `orgs/search`: the Orgs the token reaches that match every given filter, by id.
    pub fn search_orgs(&self, req: &OrgsSearch, scope: Scope) -> Vec<OrgAnswer> {
        let by_ident = req.org.org_identifier.as_deref().map(|i| self.find_org(i));
        let mut found: Vec<_> = self
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
            .map(|(_, o)| o)
            .collect();
        found.sort_by_key(|o| o.id);
        found
            .into_iter()
            .map(|o| OrgAnswer {
                org: OrgResponse {
                    id: Some(o.id.into()),
                    name: Some(o.name.clone()),
                    status: Some(o.status.name().into()),
                },
                description: o.description.clone(),
                visibility: o.visibility,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cluster::sample::cluster;

    fn ids(orgs: &[OrgAnswer]) -> Vec<i64> {
        orgs.iter().filter_map(|o| o.org.id).collect()
    }

    #[test]
    fn orgs_search_filters_and_sorts_by_id() {
        let mut c = cluster();
        c.orgs.reverse();
        c.orgs[0].status = OrgStatus::IN_ACTIVE;
        let all = c.search_orgs(&OrgsSearch::default(), Scope::PRIMARY);
        assert_eq!(ids(&all), vec![0, 11, 12, 13]);
        let active = c.search_orgs(
            &OrgsSearch {
                status: Some(OrgStatus::ACTIVE),
                ..Default::default()
            },
            Scope::PRIMARY,
        );
        assert_eq!(active.len(), 3);
        let one = c.search_orgs(
            &OrgsSearch {
                org: OrgsRequest {
                    org_identifier: Some("Legal".into()),
                },
                ..Default::default()
            },
            Scope::PRIMARY,
        );
        assert_eq!(ids(&one), vec![12]);
    }

    #[test]
    fn the_answer_has_the_spec_s_fields_with_a_null_description() {
        let c = cluster();
        let all = c.search_orgs(&OrgsSearch::default(), Scope::PRIMARY);
        assert_eq!(
            serde_json::to_value(&all[1]).unwrap(),
            serde_json::json!({"id": 11, "name": "Finance", "status": "ACTIVE",
                "description": null, "visibility": "SHOW"})
        );
        let req: OrgsSearch =
            serde_json::from_str(r#"{"org_identifier":"11","status":"ACTIVE"}"#).unwrap();
        assert_eq!(req.org.org_identifier.as_deref(), Some("11"));
        assert_eq!(req.status, Some(OrgStatus::ACTIVE));
    }
}
