//! The workspace: the Snapshot (what the server holds), the Draft (the admin's
//! edits) and the workflows over them: load, save, look up, discard, take in
//! saved work, the restore offer, conflicts. `replace_snapshot` is the only
//! writer of the Snapshot.

use super::session::Session;
use super::storage;
use crate::api::wire::{
    OrgSearchCriteria, OrgsRequest, SearchRequest, SearchResponse, SearchWebhooks, Webhook,
    LIVEBOARD_SCHEDULE,
};
use crate::api::ApiError;
use crate::model::conflict::{detect, keep_theirs, Conflict};
use crate::model::draft::{apply, diff, plan, verify, Change, Draft, Verified};
use crate::model::prefs::Snapshot;
use crate::model::workfile::WorkFile;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// How a save ended.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveOutcome {
    /// Sent, read back, and checked change by change.
    Saved(Vec<Verified>),
    /// The server changed items the Draft changes too: nothing was sent.
    Conflicts(usize),
    /// The server already holds everything the Draft asked for.
    NothingToSend,
    /// Sent (204), but reading the preferences back failed: the changes are
    /// kept so that `confirm` can check them again.
    Unconfirmed {
        changes: Vec<Change>,
        error: ApiError,
    },
    /// ThoughtSpot refused the cluster default change (403); a configure call
    /// is all or nothing, so nothing was saved.
    ClusterRefused(ApiError),
}

/// The Orgs that have a LIVEBOARD_SCHEDULE webhook, by id.
pub fn webhook_org_ids(list: &[Webhook]) -> BTreeSet<String> {
    list.iter()
        .filter(|w| w.is_schedule())
        .filter_map(|w| w.org.as_ref().map(|o| o.id.clone()))
        .collect()
}

/// Every LIVEBOARD_SCHEDULE webhook the token may see, page after page.
pub async fn all_schedule_webhooks(session: Session) -> Result<Vec<Webhook>, ApiError> {
    let mut all = Vec::new();
    loop {
        let page = session
            .call(&SearchWebhooks {
                event_type: Some(Default::default()),
                record_offset: all.len() as u32,
                record_size: 200,
                ..Default::default()
            })
            .await?;
        let n = page.webhooks.len();
        all.extend(page.webhooks);
        if !page.pagination.has_more || n == 0 {
            return Ok(all);
        }
    }
}

/// Runs `f` only when `allowed`.
async fn when<T>(allowed: bool, f: impl std::future::Future<Output = T>) -> Option<T> {
    if allowed {
        Some(f.await)
    } else {
        None
    }
}

/// What a read of the server gives: the Snapshot, and why the cluster default
/// is missing from it when it is.
struct Read {
    snapshot: Snapshot,
    cluster_refused: Option<ApiError>,
}

/// The preference search, with the cluster default; without it when the
/// server refuses that part (403, or no access from a scoped token). Answers
/// whether the cluster default was read, and why not.
async fn search(session: Session) -> Result<(SearchResponse, bool, Option<ApiError>), ApiError> {
    let with_cluster = SearchRequest {
        cluster_preferences: Some(vec![LIVEBOARD_SCHEDULE.to_string()]),
        org_preferences: None,
    };
    match session.call(&with_cluster).await {
        Ok(r) => Ok((r, true, None)),
        Err(e) if e.status() == Some(403) || e.no_org_access() => {
            let r = session.call(&SearchRequest::default()).await?;
            Ok((r, false, Some(e)))
        }
        Err(e) => Err(e),
    }
}

/// Reads the Snapshot: the preference search and, alongside it, `orgs/search`
/// (so that Orgs the search leaves out still appear, and inactive ones are
/// marked) and the webhooks (for the warnings).
async fn read(session: Session) -> Result<Read, ApiError> {
    let conn = session
        .connection_untracked()
        .ok_or(ApiError::NotSignedIn)?;
    let access = conn.access;
    let (found, orgs, hooks) = futures_util::future::join3(
        search(session),
        when(access.org_list, session.call(&OrgsRequest::default())),
        when(access.webhooks, all_schedule_webhooks(session)),
    )
    .await;
    let (resp, cluster_read, cluster_refused) = found?;
    let orgs = match orgs {
        Some(Ok(o)) => Some(o),
        // Listing Orgs is optional: without the right, show what the search sent.
        Some(Err(e)) if !e.needs_new_token() => None,
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
    let mut snapshot = Snapshot::from_wire(resp, orgs, cluster_read);
    snapshot.webhook_orgs = webhook_orgs;
    snapshot.partial = conn.scope().is_some_and(|s| !s.is_primary());
    Ok(Read {
        snapshot,
        cluster_refused,
    })
}

#[derive(Clone, Copy)]
pub struct Workspace {
    /// The host the Snapshot and Draft belong to.
    host: RwSignal<Option<String>>,
    snapshot: RwSignal<Option<Snapshot>>,
    draft: RwSignal<Draft>,
    changes: Memo<Vec<Change>>,
    /// Items the server changed that the Draft changes too, awaiting a decision.
    conflicts: RwSignal<Vec<Conflict>>,
    /// A Draft kept from an earlier visit, offered back.
    restore_offer: RwSignal<Option<WorkFile>>,
    /// Why the cluster default is not in the Snapshot, when the server refused it.
    cluster_refused: RwSignal<Option<ApiError>>,
    loading: RwSignal<bool>,
    load_error: RwSignal<Option<ApiError>>,
    /// The outcome of the last save.
    outcome: RwSignal<Option<SaveOutcome>>,
}

impl Default for Workspace {
    fn default() -> Self {
        Self::new()
    }
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
            conflicts: RwSignal::new(Vec::new()),
            restore_offer: RwSignal::new(None),
            cluster_refused: RwSignal::new(None),
            loading: RwSignal::new(false),
            load_error: RwSignal::new(None),
            outcome: RwSignal::new(None),
        }
    }

    // ---- reading ----

    /// Reads the Snapshot without cloning it; `None` before the first load.
    pub fn with_snapshot<T>(&self, f: impl FnOnce(Option<&Snapshot>) -> T) -> T {
        self.snapshot.with(|s| f(s.as_ref()))
    }

    pub fn with_draft<T>(&self, f: impl FnOnce(&Draft) -> T) -> T {
        self.draft.with(f)
    }

    /// Both at once, for views that need the Draft's values over the Snapshot.
    pub fn with_both<T>(&self, f: impl FnOnce(&Snapshot, &Draft) -> T) -> Option<T> {
        self.snapshot
            .with(|s| s.as_ref().map(|s| self.draft.with(|d| f(s, d))))
    }

    pub fn loaded(&self) -> bool {
        self.snapshot.with(Option::is_some)
    }

    pub fn loaded_untracked(&self) -> bool {
        self.snapshot.with_untracked(Option::is_some)
    }

    pub fn changes(&self) -> Memo<Vec<Change>> {
        self.changes
    }

    pub fn conflicts(&self) -> Vec<Conflict> {
        self.conflicts.get()
    }

    pub fn has_conflicts(&self) -> bool {
        self.conflicts.with(|c| !c.is_empty())
    }

    pub fn restore_offer(&self) -> Option<WorkFile> {
        self.restore_offer.get()
    }

    pub fn cluster_refused(&self) -> Option<ApiError> {
        self.cluster_refused.get()
    }

    pub fn loading(&self) -> bool {
        self.loading.get()
    }

    pub fn load_error(&self) -> Option<ApiError> {
        self.load_error.get()
    }

    pub fn outcome(&self) -> Option<SaveOutcome> {
        self.outcome.get()
    }

    pub fn host_untracked(&self) -> String {
        self.host.get_untracked().unwrap_or_default()
    }

    /// Draft edits this Snapshot cannot show or send (see `Draft::held_back`).
    pub fn held_back(&self) -> usize {
        self.with_both(|s, d| d.held_back(s)).unwrap_or(0)
    }

    // ---- editing ----

    /// Edits the Draft against the current Snapshot.
    pub fn edit(&self, f: impl FnOnce(&mut Draft, &Snapshot)) {
        let Some(snap) = self.snapshot.get_untracked() else {
            return;
        };
        self.draft.update(|d| f(d, &snap));
        self.outcome.set(None);
    }

    /// Drops every pending change, and the conflicts that came with them.
    pub fn discard(&self) {
        self.draft.set(Draft::default());
        self.conflicts.set(Vec::new());
        self.outcome.set(None);
    }

    /// The admin's decision on conflict `i`: the server's value, or theirs.
    pub fn decide(&self, i: usize, keep_server: bool) {
        let Some(c) = self.conflicts.with_untracked(|c| c.get(i).cloned()) else {
            return;
        };
        if keep_server {
            self.draft.update(|d| keep_theirs(d, &c.item));
        }
        self.conflicts.update(|list| {
            list.remove(i);
        });
    }

    /// A newer Snapshot: the Draft is kept, minus what the server now holds.
    fn replace_snapshot(&self, fresh: Snapshot) {
        let rebased = self.draft.with_untracked(|d| d.rebase(&fresh));
        self.snapshot.set(Some(fresh));
        self.draft.set(rebased);
    }

    // ---- workflows ----

    /// Shows a Snapshot read elsewhere (a component test, a saved file) as
    /// what the server holds.
    pub fn show(&self, snapshot: Snapshot) {
        self.replace_snapshot(snapshot);
    }

    /// Starts over for another host; the same host keeps its Draft.
    pub fn open_host(&self, host: &str) {
        if self.host.get_untracked().as_deref() != Some(host) {
            self.host.set(Some(host.to_string()));
            self.snapshot.set(None);
            self.draft.set(Draft::default());
            self.outcome.set(None);
            self.conflicts.set(Vec::new());
            self.restore_offer.set(None);
            self.load_error.set(None);
        }
    }

    /// Reads what the server holds. On the first load of a host with an empty
    /// Draft, work kept in this browser is offered back.
    pub async fn load(&self, session: Session) {
        if !session
            .connection_untracked()
            .is_some_and(|c| c.access.prefs)
        {
            // Without a privilege that may search, there is nothing to read.
            return;
        }
        self.loading.set(true);
        self.load_error.set(None);
        match read(session).await {
            Ok(r) => {
                let first = self.snapshot.with_untracked(Option::is_none);
                if first && self.draft.with_untracked(Draft::is_empty) {
                    // Offered before the Snapshot lands, so that nothing overwrites it meanwhile.
                    self.restore_offer
                        .set(storage::load_draft(&self.host_untracked()));
                }
                self.cluster_refused.set(r.cluster_refused);
                self.replace_snapshot(r.snapshot);
            }
            Err(e) => self.load_error.set(Some(e)),
        }
        self.loading.set(false);
    }

    /// Reads what the server holds now; items it changed that the Draft
    /// changes too stop the save as conflicts, other changes are taken in.
    /// Then sends the one configure call, reads the preferences back and checks
    /// each change. An error leaves the Draft as it was.
    pub async fn save(&self, session: Session) -> Result<SaveOutcome, ApiError> {
        let outcome = self.try_save(session).await;
        self.outcome.set(outcome.as_ref().ok().cloned());
        outcome
    }

    async fn try_save(&self, session: Session) -> Result<SaveOutcome, ApiError> {
        let Some(base) = self.snapshot.get_untracked() else {
            return Ok(SaveOutcome::NothingToSend);
        };
        let fresh = read(session).await?.snapshot;
        let conflicts = self.draft.with_untracked(|d| detect(&base, &fresh, d));
        self.replace_snapshot(fresh.clone());
        if !conflicts.is_empty() {
            let n = conflicts.len();
            self.conflicts.set(conflicts);
            return Ok(SaveOutcome::Conflicts(n));
        }
        let changes: Vec<Change> = self.draft.with_untracked(|d| diff(&fresh, d));
        if changes.is_empty() {
            return Ok(SaveOutcome::NothingToSend);
        }
        let req = plan(&fresh, &changes);
        match session.call(&req).await {
            Err(e) if e.status() == Some(403) && !req.cluster_preferences.is_empty() => {
                return Ok(SaveOutcome::ClusterRefused(e))
            }
            other => other?,
        }
        Ok(self.check(session, &fresh, changes).await)
    }

    /// Reads the preferences back after a 204 and checks each change.
    async fn check(
        &self,
        session: Session,
        sent_over: &Snapshot,
        changes: Vec<Change>,
    ) -> SaveOutcome {
        match read(session).await {
            Ok(after) => {
                let verified = verify(&changes, &after.snapshot);
                self.replace_snapshot(after.snapshot);
                SaveOutcome::Saved(verified)
            }
            Err(error) => {
                // Saved, but not confirmed: show what was asked for, and say so.
                self.replace_snapshot(apply(sent_over, &changes));
                SaveOutcome::Unconfirmed { changes, error }
            }
        }
    }

    /// Checks an unconfirmed save again.
    pub async fn confirm(&self, session: Session) {
        let Some(SaveOutcome::Unconfirmed { changes, .. }) = self.outcome.get_untracked() else {
            return;
        };
        let base = self.snapshot.get_untracked().unwrap_or_default();
        let outcome = self.check(session, &base, changes).await;
        self.outcome.set(Some(outcome));
    }

    /// Undoes the cluster default edit and saves the rest (after ThoughtSpot
    /// refused the cluster default for this user).
    pub async fn save_without_cluster(&self, session: Session) -> Result<SaveOutcome, ApiError> {
        self.draft.update(|d| d.cluster.clear());
        self.save(session).await
    }

    /// Looks Orgs up on the server with the API's own Org filter and merges them in.
    pub async fn lookup(&self, session: Session, ident: &str) -> Result<usize, ApiError> {
        let req = SearchRequest {
            cluster_preferences: None,
            org_preferences: Some(vec![OrgSearchCriteria {
                org_identifier: ident.trim().to_string(),
                event_types: None,
            }]),
        };
        let fresh = Snapshot::from_wire(session.call(&req).await?, None, false);
        let found = fresh.orgs.len();
        if let Some(mut snap) = self.snapshot.get_untracked() {
            snap.merge_orgs(fresh);
            self.replace_snapshot(snap);
        }
        Ok(found)
    }

    /// Re-reads which Orgs have a webhook, for the warnings of the Orgs table.
    pub async fn refresh_webhooks(&self, session: Session) {
        if let Ok(list) = all_schedule_webhooks(session).await {
            if let Some(mut snap) = self.snapshot.get_untracked() {
                snap.webhook_orgs = Some(webhook_org_ids(&list));
                self.replace_snapshot(snap);
            }
        }
    }

    /// Takes in saved work (a kept Draft or an imported file): its edits go on
    /// top of the current Snapshot, and items the server changed since the
    /// work's own Snapshot become conflicts for the admin to decide.
    pub fn take_work(&self, file: &WorkFile) {
        let Some(snap) = self.snapshot.get_untracked() else {
            return;
        };
        self.restore_offer.set(None);
        self.conflicts
            .set(detect(&file.snapshot, &snap, &file.draft));
        self.draft.set(file.draft.rebase(&snap));
        self.outcome.set(None);
    }

    /// Accepts the restore offer.
    pub fn restore(&self) {
        if let Some(file) = self.restore_offer.get_untracked() {
            self.take_work(&file);
        }
    }

    /// Declines the restore offer: the kept work goes.
    pub fn decline_restore(&self) {
        self.restore_offer.set(None);
        self.persist();
    }

    /// The Draft as a work file, for an export.
    pub fn work_file(&self) -> Option<WorkFile> {
        let snap = self.snapshot.get_untracked()?;
        Some(WorkFile::new(
            &self.host_untracked(),
            storage::now_ms(),
            snap,
            self.draft.get_untracked(),
        ))
    }

    /// The current host's work, compacted, in `localStorage`; removed when the
    /// Draft is empty. Nothing is written while an earlier Draft is on offer.
    pub fn persist(&self) {
        if self.restore_offer.with_untracked(Option::is_some) {
            return;
        }
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

    /// Tracks every new Snapshot (for the benchmark's performance marks).
    pub fn track_snapshot(&self) {
        self.snapshot.track();
    }

    /// Tracks the Draft (for the Effect that keeps it in storage).
    pub fn track_draft(&self) {
        self.draft.track();
        self.restore_offer.track();
    }
}
