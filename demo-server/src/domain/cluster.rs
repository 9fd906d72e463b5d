//! The state of a simulated ThoughtSpot cluster: its Orgs with their
//! preference overrides, the cluster default, the webhooks, their test events
//! and the schedule of their deliveries. The rules of each endpoint family
//! (`prefs`, `orgs`, `webhooks`, `channels`) are written as methods on
//! [`Cluster`] in their own modules.

use crate::domain::deliveries::Schedule;
use crate::domain::vocab::{OrgStatus, OrgVisibility, Preferences};
use crate::domain::webhook::{Job, Webhook};
use serde::Serialize;

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Org {
    pub id: i32,
    pub name: String,
    pub status: OrgStatus,
    pub visibility: OrgVisibility,
    pub description: Option<String>,
    /// The Org's overrides; an empty map means the Org inherits the cluster default.
    pub preferences: Preferences,
}

/// Everything the cluster holds, as `/__demo/state` shows it.
#[derive(Serialize, Clone, Debug, Default, PartialEq)]
pub struct Cluster {
    /// Cluster-level defaults; an empty map means the default was never set.
    pub defaults: Preferences,
    pub orgs: Vec<Org>,
    pub webhooks: Vec<Webhook>,
    /// The test events sent to the webhooks, oldest first.
    pub jobs: Vec<Job>,
    /// The scheduled deliveries to the webhooks (worked out when asked for,
    /// see `deliveries.rs`).
    pub deliveries: Schedule,
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
}

/// A small cluster for the tests of the endpoint families: the Primary Org
/// and three others, one per preference state.
#[cfg(test)]
pub(crate) mod sample {
    use super::*;
    use crate::domain::vocab::{Channel, EventType};

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

    pub fn cluster() -> Cluster {
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
}
