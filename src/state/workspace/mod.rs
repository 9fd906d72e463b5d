//! A cluster's workspace: the Snapshot (what the server holds), the Draft (the
//! admin's edits) and the workflows over them: load (`read`), save (`save`),
//! look up, discard, take in saved work, the restore offer, conflicts, the
//! journal. `replace_snapshot` is the only writer of the Snapshot. Every
//! workflow sends its calls with the connection it started with (`Conn`), and
//! what it reads lands only where it started.

mod flows;
mod journal;
mod read;
mod save;
mod work;

pub use flows::Workflows;
pub use save::{BodyChange, SaveOutcome};

use super::session::Session;
use super::storage::Kept;
use crate::api::ApiError;
use crate::model::conflict::{keep_theirs, Conflict};
use crate::model::draft::{diff, Change, Draft};
use crate::model::journal::Journal;
use crate::model::prefs::Snapshot;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Workspace {
    session: Session,
    snapshot: RwSignal<Option<Snapshot>>,
    draft: RwSignal<Draft>,
    /// Items the server changed that the Draft changes too, awaiting a decision.
    conflicts: RwSignal<Vec<Conflict>>,
    /// Drafts kept from an earlier visit or a tab that has gone, offered back.
    restore_offer: RwSignal<Vec<Kept>, LocalStorage>,
    /// Why the cluster default is not in the Snapshot, when the server refused it.
    cluster_refused: RwSignal<Option<ApiError>>,
    /// How the last save ended (until the next edit).
    outcome: RwSignal<Option<SaveOutcome>>,
    /// This host's change journal, as this browser keeps it (read on first use).
    journal: RwSignal<Option<Journal>>,
    /// Where the revert in the Draft cannot be exact, what it does instead.
    revert_notes: RwSignal<Vec<String>>,
    /// A new Snapshot has replaced the one shown (not a merge into it).
    landed: Trigger,
}

impl Workspace {
    /// The workspace of a cluster's session (owned by the cluster).
    pub fn new(session: Session) -> Self {
        Workspace {
            session,
            snapshot: RwSignal::new(None),
            draft: RwSignal::new(Draft::default()),
            conflicts: RwSignal::new(Vec::new()),
            restore_offer: RwSignal::new_local(Vec::new()),
            cluster_refused: RwSignal::new(None),
            outcome: RwSignal::new(None),
            journal: RwSignal::new(None),
            revert_notes: RwSignal::new(Vec::new()),
            landed: Trigger::new(),
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

    /// The pending changes (a Memo owned by the caller's view).
    pub fn changes(&self) -> Memo<Vec<Change>> {
        let (snapshot, draft) = (self.snapshot, self.draft);
        Memo::new(move |_| {
            snapshot.with(|s| {
                s.as_ref()
                    .map(|s| draft.with(|d| diff(s, d)))
                    .unwrap_or_default()
            })
        })
    }

    pub fn conflicts(&self) -> Vec<Conflict> {
        self.conflicts.get()
    }

    pub fn has_conflicts(&self) -> bool {
        self.conflicts.with(|c| !c.is_empty())
    }

    pub fn restore_offer(&self) -> Vec<Kept> {
        self.restore_offer.get()
    }

    pub fn cluster_refused(&self) -> Option<ApiError> {
        self.cluster_refused.get()
    }

    pub fn outcome(&self) -> Option<SaveOutcome> {
        self.outcome.get()
    }

    /// The session the workspace belongs to.
    pub fn session(&self) -> Session {
        self.session
    }

    /// The host the workspace belongs to (`""`: this site's own origin).
    pub fn host_untracked(&self) -> String {
        self.session.host_untracked()
    }

    /// Draft edits this Snapshot cannot show or send (see `Draft::held_back`).
    pub fn held_back(&self) -> usize {
        self.with_both(|s, d| d.held_back(s)).unwrap_or(0)
    }

    // ---- editing ----

    /// Edits the Draft against the current Snapshot.
    pub fn edit(&self, f: impl FnOnce(&mut Draft, &Snapshot)) {
        let edited = self
            .snapshot
            .with_untracked(|s| s.as_ref().map(|s| self.draft.update(|d| f(d, s))).is_some());
        if edited {
            self.outcome.set(None);
        }
    }

    /// Makes `draft` the Draft (a promotion's changes, to be reviewed and saved).
    pub fn take_draft(&self, draft: Draft) {
        let rebased = self
            .snapshot
            .with_untracked(|s| s.as_ref().map(|s| draft.rebase(s)))
            .unwrap_or(draft);
        self.draft.set(rebased);
        self.outcome.set(None);
    }

    /// Drops every pending change, and the conflicts that came with them.
    pub fn discard(&self) {
        self.draft.set(Draft::default());
        self.conflicts.set(Vec::new());
        self.outcome.set(None);
        self.revert_notes.set(Vec::new());
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
        self.snapshot.set(Some(fresh));
        self.rebase_draft();
        self.landed.notify();
    }

    /// The Draft minus what the Snapshot now holds; set only when that
    /// changes it, so that a Snapshot that leaves the edits alone redraws
    /// nothing that follows only the Draft.
    fn rebase_draft(&self) {
        let rebased = self.snapshot.with_untracked(|s| {
            let s = s.as_ref()?;
            self.draft.with_untracked(|d| {
                let r = d.rebase(s);
                (r != *d).then_some(r)
            })
        });
        if let Some(r) = rebased {
            self.draft.set(r);
        }
    }

    /// Shows a Snapshot read elsewhere (a component test, a saved file) as
    /// what the server holds.
    pub fn show(&self, snapshot: Snapshot) {
        self.replace_snapshot(snapshot);
    }

    /// Tracks every new Snapshot, not what is merged into one (for the
    /// benchmark's performance marks).
    pub fn track_landed(&self) {
        self.landed.track();
    }

    /// Tracks the Draft and the restore offer (for the Effect that keeps the
    /// Draft in storage).
    pub fn track_draft(&self) {
        self.draft.track();
        self.restore_offer.track();
    }
}
