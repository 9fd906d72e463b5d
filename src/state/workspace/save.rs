//! Saving: re-read, stop on conflicts, stop if the body would differ from
//! the one reviewed, one configure call, read back, check each change,
//! record it in the journal; and the ways on from an outcome (check again,
//! save without the refused cluster default).
//!
//! Once started, a save runs to its end whatever the admin does meanwhile
//! (`send`, which reads no signal): a configure call is never left without
//! its read-back and journal entry. What it found lands in the workspace if
//! the session still reaches what the save did; otherwise a note says how it
//! ended, naming the host.

use super::read::read;
use super::Workspace;
use crate::api::wire::ConfigureRequest;
use crate::api::ApiError;
use crate::model::conflict::{detect, Conflict};
use crate::model::draft::{apply, body_changes, diff, plan, verify, Change, Draft, Verified};
use crate::model::journal::{Entry, ReadBack};
use crate::model::prefs::Snapshot;
use crate::state::life::detach;
use crate::state::session::Conn;
use crate::state::storage;
use leptos::prelude::*;

/// How a save ended.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveOutcome {
    /// Sent, read back, and checked change by change.
    Saved(Vec<Verified>),
    /// The server changed items the Draft changes too: nothing was sent.
    Conflicts(usize),
    /// The server already holds everything the Draft asked for.
    NothingToSend,
    /// The server changed since the review, so the body Save would send is
    /// not the one reviewed: nothing was sent; the review shows the new body.
    BodyChanged(Vec<BodyChange>),
    /// Sent (204), but reading the preferences back failed: the changes are
    /// kept so that `confirm` can check them again (and its journal entry).
    Unconfirmed {
        changes: Vec<Change>,
        error: ApiError,
        entry: String,
    },
    /// ThoughtSpot refused the cluster default change (403); a configure call
    /// is all or nothing, so nothing was saved.
    ClusterRefused(ApiError),
    /// The cluster was disconnected before the configure call went: nothing was sent.
    NotSent,
}

/// One difference between the body reviewed and the one Save would send now.
pub type BodyChange = String;

/// What a save found, for the workspace to take in.
struct Sent {
    /// The server before the configure call.
    fresh: Snapshot,
    conflicts: Vec<Conflict>,
    outcome: SaveOutcome,
    /// The server after it.
    after: Option<Snapshot>,
}

/// The whole save, over values only: re-read, checks, configure, read-back,
/// the journal entry.
async fn send(
    conn: &Conn,
    base: Snapshot,
    draft: Draft,
    reviewed: ConfigureRequest,
) -> Result<Sent, ApiError> {
    let fresh = read(conn).await?.snapshot;
    let sent = |outcome, after| Sent {
        fresh: fresh.clone(),
        conflicts: Vec::new(),
        outcome,
        after,
    };
    let conflicts = detect(&base, &fresh, &draft);
    if !conflicts.is_empty() {
        let outcome = SaveOutcome::Conflicts(conflicts.len());
        return Ok(Sent {
            conflicts,
            ..sent(outcome, None)
        });
    }
    let changes = diff(&fresh, &draft);
    if changes.is_empty() {
        return Ok(sent(SaveOutcome::NothingToSend, None));
    }
    let req = plan(&fresh, &changes);
    if req != reviewed {
        let what = body_changes(&reviewed, &req, &fresh);
        return Ok(sent(SaveOutcome::BodyChanged(what), None));
    }
    if conn.with_session(|_| ()).is_none() {
        return Ok(sent(SaveOutcome::NotSent, None));
    }
    match conn.call(&req).await {
        Err(e)
            if e.status() == Some(403)
                && !e.no_org_access()
                && !req.cluster_preferences.is_empty() =>
        {
            return Ok(sent(SaveOutcome::ClusterRefused(e), None))
        }
        other => other?,
    }
    let (outcome, after, readback) = check(conn, &fresh, changes.clone(), String::new()).await;
    let entry = Entry {
        id: format!("{}-{}", storage::tab().await, storage::now_ms()),
        at_ms: storage::now_ms(),
        user: conn.connection.user.name.clone(),
        scope: conn.connection.scope_text(),
        body: serde_json::to_string(&req).unwrap_or_default(),
        changes,
        readback,
    };
    let outcome = match outcome {
        SaveOutcome::Unconfirmed { changes, error, .. } => SaveOutcome::Unconfirmed {
            changes,
            error,
            entry: entry.key(),
        },
        o => o,
    };
    storage::append_journal(&conn.connection.client.base, entry).await;
    Ok(sent(outcome, after))
}

/// Reads the preferences back after a 204 and checks each change: the
/// outcome, what the server holds after (or, unread, what was asked for),
/// and the read-back for the journal.
async fn check(
    conn: &Conn,
    sent_over: &Snapshot,
    changes: Vec<Change>,
    entry: String,
) -> (SaveOutcome, Option<Snapshot>, ReadBack) {
    match read(conn).await {
        Ok(after) => {
            let verified = verify(&changes, &after.snapshot);
            let readback = ReadBack::from_verified(&verified);
            (SaveOutcome::Saved(verified), Some(after.snapshot), readback)
        }
        Err(error) => {
            // Saved, but not confirmed: show what was asked for, and say so.
            let readback = ReadBack::NotConfirmed(error.summary());
            let asked = apply(sent_over, &changes);
            let outcome = SaveOutcome::Unconfirmed {
                changes,
                error,
                entry,
            };
            (outcome, Some(asked), readback)
        }
    }
}

/// How an outcome reads in a note.
fn in_words(outcome: &SaveOutcome) -> Option<String> {
    match outcome {
        SaveOutcome::Saved(v) if v.iter().all(|x| x.differs.is_none()) => {
            Some("Saved: one configure call sent and checked.".into())
        }
        SaveOutcome::Saved(v) => Some(format!(
            "Saved, but the server holds {} of {} change(s): see the review.",
            v.iter().filter(|x| x.differs.is_none()).count(),
            v.len()
        )),
        SaveOutcome::Unconfirmed { changes, .. } => Some(format!(
            "Saved, but reading back failed: {} change(s) not confirmed.",
            changes.len()
        )),
        _ => None,
    }
}

impl Workspace {
    /// Saves the Draft if the body Save would send is `reviewed` (the one on
    /// screen). An error leaves the Draft as it was.
    pub async fn save(&self, reviewed: ConfigureRequest) -> Result<SaveOutcome, ApiError> {
        let Some(base) = self.snapshot.get_untracked() else {
            return Ok(SaveOutcome::NothingToSend);
        };
        let (draft, conn) = (self.draft.get_untracked(), self.session.conn().to_the_end());
        self.saving.set(true);
        let (tx, rx) = futures_channel::oneshot::channel();
        let ws = *self;
        detach(async move {
            let sent = send(&conn, base, draft, reviewed).await;
            let _ = tx.send(ws.take_in(&conn, sent));
        });
        rx.await.unwrap_or(Ok(SaveOutcome::NotSent))
    }

    /// What a save found lands here when the session still reaches what the
    /// save did; otherwise a note says how it ended.
    fn take_in(&self, conn: &Conn, sent: Result<Sent, ApiError>) -> Result<SaveOutcome, ApiError> {
        let notes = conn.notes();
        let words = sent.as_ref().ok().and_then(|s| in_words(&s.outcome));
        if !conn.same_reach() {
            if let Some(w) = words {
                let gone = if conn.with_session(|_| ()).is_some() {
                    "after you signed in again"
                } else {
                    "after you disconnected"
                };
                notes.push(format!(
                    "On {}, a save by {} ({}) finished {gone}. {w} It is in that host's History.",
                    conn.connection.host_label(),
                    conn.connection.user.name,
                    conn.connection.scope_text()
                ));
            }
            conn.with_session(|_| self.saving.set(false));
            return sent.map(|s| s.outcome);
        }
        self.saving.set(false);
        let sent = sent?;
        if let Some(w) = words {
            notes.push(w);
        }
        self.replace_snapshot(sent.fresh);
        if !sent.conflicts.is_empty() {
            self.conflicts.set(sent.conflicts);
        }
        if let Some(after) = sent.after {
            self.replace_snapshot(after);
            self.revert_notes.set(Vec::new());
            self.reload_journal();
        }
        self.outcome.set(Some(sent.outcome.clone()));
        Ok(sent.outcome)
    }

    /// Checks an unconfirmed save again.
    pub async fn confirm(&self) {
        let Some(SaveOutcome::Unconfirmed { changes, entry, .. }) = self.outcome.get_untracked()
        else {
            return;
        };
        let conn = self.session.conn();
        let base = self.snapshot.get_untracked().unwrap_or_default();
        let (outcome, after, readback) = check(&conn, &base, changes, entry.clone()).await;
        if !conn.same_reach() {
            return;
        }
        if let Some(after) = after {
            self.replace_snapshot(after);
        }
        if let SaveOutcome::Saved(_) = &outcome {
            storage::confirm_journal(&conn.connection.client.base, &entry, readback).await;
            self.reload_journal();
        }
        self.outcome.set(Some(outcome));
    }

    /// Undoes the cluster default edit and saves the rest (after ThoughtSpot
    /// refused the cluster default for this user): the body reviewed is the
    /// one the review shows without it.
    pub async fn save_without_cluster(&self) -> Result<SaveOutcome, ApiError> {
        self.draft.update(|d| d.cluster.clear());
        let reviewed = self
            .with_both(|s, d| plan(s, &diff(s, d)))
            .unwrap_or_default();
        self.save(reviewed).await
    }
}
