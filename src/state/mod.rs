//! Reactive state shared through context: the session (token in memory only)
//! and the workspace (Snapshot, Draft, and what derives from them).

use crate::api::{wire::SearchRequest, wire::SessionUser, ApiError, Client};
use crate::model::access::Access;
use crate::model::conflict::{detect, Conflict};
use crate::model::draft::{diff, Change, Draft, Verified};
use crate::model::prefs::{Snapshot, LIVEBOARD_SCHEDULE};
use crate::model::workfile::WorkFile;
use leptos::prelude::*;

/// A live connection: the client (which holds the token, in memory only) and
/// who it signs in as.
#[derive(Clone, Debug, PartialEq)]
pub struct Connection {
    pub client: Client,
    pub user: SessionUser,
    pub access: Access,
}

#[derive(Clone, Copy)]
pub struct Session {
    pub connection: RwSignal<Option<Connection>>,
    /// Set when the server rejected the token: the admin is asked for a new one
    /// while everything else stays on screen.
    pub expired: RwSignal<bool>,
}

impl Session {
    pub fn new() -> Self {
        Session {
            connection: RwSignal::new(None),
            expired: RwSignal::new(false),
        }
    }

    /// Forgets the token (in memory and, if it was remembered, in this tab) and the user.
    pub fn disconnect(&self) {
        storage::forget();
        self.connection.set(None);
        self.expired.set(false);
    }

    /// The live connection, or an error saying there is none.
    pub fn current(&self) -> Result<Connection, ApiError> {
        self.connection
            .get_untracked()
            .ok_or_else(|| ApiError::Invalid("Not connected.".into()))
    }

    /// Notes an error; a 401 means the token must be replaced.
    pub fn note(&self, e: &ApiError) {
        if e.needs_new_token() {
            self.expired.set(true);
        }
    }
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}

/// The Orgs that have one of these webhooks, by id.
pub fn webhook_org_ids(
    list: &[crate::api::webhook_wire::Webhook],
) -> std::collections::BTreeSet<String> {
    list.iter()
        .filter_map(|w| w.org.as_ref().map(|o| o.id.clone()))
        .collect()
}

/// Runs `f` only when `allowed`.
async fn when<T>(allowed: bool, f: impl std::future::Future<Output = T>) -> Option<T> {
    if allowed {
        Some(f.await)
    } else {
        None
    }
}

/// Reads the Snapshot: the preference search (with the cluster default when
/// the user may read it) and, for admins, `orgs/search` so that Orgs the
/// search leaves out still appear.
pub async fn fetch_snapshot(client: &Client, access: Access) -> Result<Snapshot, ApiError> {
    let req = SearchRequest {
        cluster_preferences: access.cluster.then(|| vec![LIVEBOARD_SCHEDULE.to_string()]),
        org_preferences: None,
    };
    // All at once: the Org list and the webhooks do not depend on the search.
    let (resp, orgs, hooks) = futures_util::future::join3(
        client.search_preferences(&req),
        when(access.cluster, client.search_orgs()),
        when(access.orgs, client.all_schedule_webhooks()),
    )
    .await;
    let resp = resp?;
    let orgs = match orgs {
        Some(Ok(o)) => Some(o),
        // Listing Orgs is optional: without the right, show what the search sent.
        Some(Err(e)) if matches!(e.status(), Some(403) | Some(404)) => None,
        Some(Err(e)) => return Err(e),
        None => None,
    };
    // Webhooks only feed the warnings: unreadable means "not known", except
    // for an expired token.
    let webhook_orgs = match hooks {
        Some(Ok(list)) => Some(webhook_org_ids(&list)),
        Some(Err(e)) if e.needs_new_token() => return Err(e),
        _ => None,
    };
    let mut snap = Snapshot::from_wire(resp, orgs, access.cluster);
    snap.webhook_orgs = webhook_orgs;
    Ok(snap)
}

/// The Snapshot, the Draft, and what follows from them.
#[derive(Clone, Copy)]
pub struct Workspace {
    /// The host the Snapshot and Draft belong to.
    pub host: RwSignal<Option<String>>,
    pub snapshot: RwSignal<Option<Snapshot>>,
    pub draft: RwSignal<Draft>,
    pub changes: Memo<Vec<Change>>,
    /// The outcome of the last save, change by change.
    pub verified: RwSignal<Option<Vec<Verified>>>,
    /// Items the server changed that the Draft changes too, awaiting a decision.
    pub conflicts: RwSignal<Vec<Conflict>>,
    /// A Draft kept from an earlier visit, offered back.
    pub restore_offer: RwSignal<Option<WorkFile>>,
}

impl Workspace {
    pub fn new() -> Self {
        let snapshot = RwSignal::new(None::<Snapshot>);
        let draft = RwSignal::new(Draft::default());
        let changes = Memo::new(move |_| {
            snapshot.with(|s| {
                s.as_ref()
                    .map(|s| draft.with(|d| diff(s, d)))
                    .unwrap_or_default()
            })
        });
        Workspace {
            host: RwSignal::new(None),
            snapshot,
            draft,
            changes,
            verified: RwSignal::new(None),
            conflicts: RwSignal::new(Vec::new()),
            restore_offer: RwSignal::new(None),
        }
    }

    /// Edits the Draft against the current Snapshot.
    pub fn edit(&self, f: impl FnOnce(&mut Draft, &Snapshot)) {
        let Some(snap) = self.snapshot.get_untracked() else {
            return;
        };
        self.draft.update(|d| f(d, &snap));
        self.verified.set(None);
    }

    /// A newer Snapshot: the Draft is kept, minus what the server now holds.
    pub fn replace_snapshot(&self, fresh: Snapshot) {
        let rebased = self.draft.with_untracked(|d| d.rebase(&fresh));
        self.snapshot.set(Some(fresh));
        self.draft.set(rebased);
    }

    /// Starts over for another host; the same host keeps its Draft.
    pub fn open_host(&self, host: &str) {
        if self.host.get_untracked().as_deref() != Some(host) {
            self.host.set(Some(host.to_string()));
            self.snapshot.set(None);
            self.draft.set(Draft::default());
            self.verified.set(None);
            self.conflicts.set(Vec::new());
            self.restore_offer.set(None);
        }
    }

    /// Takes in saved work (a kept Draft or an imported file): its edits go on
    /// top of the current Snapshot, and items the server changed since the
    /// work's own Snapshot become conflicts for the admin to decide.
    pub fn take_work(&self, file: &WorkFile) {
        let Some(snap) = self.snapshot.get_untracked() else {
            return;
        };
        self.conflicts
            .set(detect(&file.snapshot, &snap, &file.draft));
        self.draft.set(file.draft.rebase(&snap));
        self.verified.set(None);
    }

    /// The current host's work, compacted, in `localStorage`; removed when the Draft is empty.
    pub fn persist(&self) {
        let Some(host) = self.host.get_untracked() else {
            return;
        };
        self.snapshot.with_untracked(|s| {
            let Some(s) = s else { return };
            self.draft.with_untracked(|d| {
                if d.is_empty() {
                    storage::remove_draft(&host);
                } else {
                    storage::save_draft(&WorkFile::compact(&host, storage::now_ms(), s, d));
                }
            })
        });
    }
}

impl Default for Workspace {
    fn default() -> Self {
        Self::new()
    }
}
pub mod storage;

/// Which screen is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Preferences,
    Webhooks,
}

#[derive(Clone, Copy)]
pub struct Nav {
    pub screen: RwSignal<Screen>,
    /// An Org (id, name) whose webhook the admin asked to create.
    pub create_for: RwSignal<Option<(String, String)>>,
}

impl Nav {
    pub fn new() -> Self {
        Nav {
            screen: RwSignal::new(Screen::Preferences),
            create_for: RwSignal::new(None),
        }
    }

    /// Opens the webhook form for an Org.
    pub fn create_webhook_for(&self, id: &str, name: &str) {
        self.create_for
            .set(Some((id.to_string(), name.to_string())));
        self.screen.set(Screen::Webhooks);
    }
}

impl Default for Nav {
    fn default() -> Self {
        Self::new()
    }
}
