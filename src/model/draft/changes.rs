//! What the Draft changes (`diff`): each change before → after, in words.

use super::Draft;
use crate::model::prefs::{ClusterSetting, OrgSetting, Snapshot};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One pending change, before → after.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    Cluster {
        event: String,
        before: ClusterSetting,
        after: Vec<String>,
    },
    Org {
        id: String,
        name: String,
        event: String,
        before: OrgSetting,
        after: OrgSetting,
    },
}

impl Change {
    /// The item, its value before and after, in words.
    pub fn parts(&self) -> (String, String, String) {
        match self {
            Change::Cluster {
                event,
                before,
                after,
            } => (
                format!("Cluster default for {event}"),
                before.describe(),
                ClusterSetting::Set(after.clone()).describe(),
            ),
            Change::Org {
                id,
                name,
                event,
                before,
                after,
            } => (
                format!("{name} (id {id}), {event}"),
                before.describe(),
                after.describe(),
            ),
        }
    }

    /// The change in words, e.g. `Finance (id 7), LIVEBOARD_SCHEDULE: override: EMAIL → inherits the cluster default`.
    pub fn describe(&self) -> String {
        let (item, before, after) = self.parts();
        format!("{item}: {before} → {after}")
    }
}

/// The changes the Draft makes to the Snapshot: cluster first, then Orgs in
/// Snapshot order. Edits equal to the Snapshot produce nothing, and so do
/// edits it cannot speak for (see `Draft::held_back`).
pub fn diff(snap: &Snapshot, draft: &Draft) -> Vec<Change> {
    let mut out = Vec::new();
    let cluster_edits = if snap.cluster.is_some() {
        &draft.cluster
    } else {
        &BTreeMap::new()
    };
    for (event, after) in cluster_edits {
        let before = snap
            .cluster_setting(event)
            .unwrap_or(ClusterSetting::NeverSet);
        if !before.same(&ClusterSetting::Set(after.clone())) {
            out.push(Change::Cluster {
                event: event.clone(),
                before,
                after: after.clone(),
            });
        }
    }
    if draft.orgs.is_empty() {
        return out;
    }
    for org in &snap.orgs {
        let Some(edits) = draft.orgs.get(&org.id) else {
            continue;
        };
        for (event, after) in edits {
            let before = org.setting(event);
            if !before.same(after) {
                out.push(Change::Org {
                    id: org.id.clone(),
                    name: org.name.clone(),
                    event: event.clone(),
                    before,
                    after: after.clone(),
                });
            }
        }
    }
    out
}
