//! The one configure request that applies the changes (`plan`), the Snapshot
//! they make (`apply`), the check after saving (`verify`), and the request as
//! the review shows it (JSON, curl).

use super::Change;
use crate::api::wire::{ConfigureRequest, Operation, OrgChannelConfigInput};
use crate::model::prefs::{
    prefs_to_wire, same_channels, ClusterSetting, OrgSetting, Prefs, Snapshot,
};
use std::collections::BTreeMap;

/// The single configure request that applies `changes`. A scope that changes
/// (the cluster, or one Org) is sent with every event type it holds, unknown
/// ones verbatim, so nothing is dropped; scopes that do not change are not sent.
/// Org resets use RESET with `reset_events`; overrides use REPLACE.
pub fn plan(snap: &Snapshot, changes: &[Change]) -> ConfigureRequest {
    let mut req = ConfigureRequest::default();
    let mut cluster: Option<Prefs> = None;
    // Org edits grouped by Org, in the order the changes name them.
    let mut orgs: Vec<(String, BTreeMap<String, OrgSetting>)> = Vec::new();
    let mut at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for ch in changes {
        match ch {
            Change::Cluster { event, after, .. } => {
                cluster
                    .get_or_insert_with(|| snap.cluster.clone().unwrap_or_default())
                    .insert(event.clone(), after.clone());
            }
            Change::Org {
                id, event, after, ..
            } => {
                let pos = *at.entry(id.as_str()).or_insert_with(|| {
                    orgs.push((id.clone(), BTreeMap::new()));
                    orgs.len() - 1
                });
                orgs[pos].1.insert(event.clone(), after.clone());
            }
        }
    }
    if let Some(c) = cluster {
        req.cluster_preferences = prefs_to_wire(&c);
    }
    for (id, edits) in orgs {
        let resets: Vec<String> = edits
            .iter()
            .filter(|(_, s)| **s == OrgSetting::Inherit)
            .map(|(e, _)| e.clone())
            .collect();
        let mut kept: Prefs = snap
            .org(&id)
            .map(|o| (*o.prefs).clone())
            .unwrap_or_default();
        let mut replaces = false;
        for (event, setting) in &edits {
            match setting {
                OrgSetting::Inherit => {
                    kept.remove(event);
                }
                OrgSetting::Override(c) => {
                    kept.insert(event.clone(), c.clone());
                    replaces = true;
                }
            }
        }
        if !resets.is_empty() {
            req.org_preferences.push(OrgChannelConfigInput {
                org_identifier: id.clone(),
                operation: Operation::Reset,
                preferences: None,
                reset_events: Some(resets),
            });
        }
        if replaces {
            req.org_preferences.push(OrgChannelConfigInput {
                org_identifier: id,
                operation: Operation::Replace,
                preferences: Some(prefs_to_wire(&kept)),
                reset_events: None,
            });
        }
    }
    req
}

/// The Snapshot as it will be once `changes` are saved.
pub fn apply(snap: &Snapshot, changes: &[Change]) -> Snapshot {
    let mut out = snap.clone();
    for ch in changes {
        match ch {
            Change::Cluster { event, after, .. } => {
                out.cluster
                    .get_or_insert_with(Prefs::new)
                    .insert(event.clone(), after.clone());
            }
            Change::Org {
                id, event, after, ..
            } => {
                if let Some(o) = out.org_mut(id) {
                    match after {
                        OrgSetting::Inherit => o.prefs.remove(event),
                        OrgSetting::Override(c) => o.prefs.insert(event.clone(), c.clone()),
                    };
                }
            }
        }
    }
    out
}

/// After a save: does the server now hold what each change asked for?
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    pub change: Change,
    /// `None` when the server holds the new value; otherwise what it holds.
    pub differs: Option<String>,
}

pub fn verify(changes: &[Change], fresh: &Snapshot) -> Vec<Verified> {
    changes
        .iter()
        .map(|ch| {
            let differs = match ch {
                Change::Cluster { event, after, .. } => match fresh.cluster_setting(event) {
                    Some(ClusterSetting::Set(now)) if same_channels(&now, after) => None,
                    Some(now) => Some(now.describe()),
                    None => Some("the cluster default could not be read back".into()),
                },
                Change::Org {
                    id, event, after, ..
                } => match fresh.org(id) {
                    Some(o) if o.setting(event).same(after) => None,
                    Some(o) => Some(o.setting(event).describe()),
                    None => Some("the Org is no longer listed".into()),
                },
            };
            Verified {
                change: ch.clone(),
                differs,
            }
        })
        .collect()
}

/// `'…'` for a POSIX shell.
fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// The configure call as a curl command. Without a token it uses `$TS_TOKEN`.
pub fn curl(origin: &str, req: &ConfigureRequest, token: Option<&str>) -> String {
    let url = format!(
        "{}/api/rest/2.0/system/preferences/communication-channels/configure",
        origin.trim_end_matches('/')
    );
    let body = serde_json::to_string(req).unwrap_or_default();
    let auth = match token {
        Some(t) => shell_quote(&format!("Authorization: Bearer {t}")),
        None => "\"Authorization: Bearer $TS_TOKEN\"".to_string(),
    };
    format!(
        "curl -X POST {} \\\n  -H {auth} \\\n  -H 'Content-Type: application/json' \\\n  -H 'Accept: application/json' \\\n  --data-raw {}",
        shell_quote(&url),
        shell_quote(&body)
    )
}

/// The request body as the review shows it.
pub fn pretty(req: &ConfigureRequest) -> String {
    serde_json::to_string_pretty(req).unwrap_or_default()
}
