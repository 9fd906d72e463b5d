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

mod send;

use super::Workspace;
use crate::api::wire::ConfigureRequest;
use crate::api::ApiError;
use crate::model::draft::{diff, plan, Change, Verified};
use crate::state::life::detach;
use crate::state::session::{Conn, Reach};
use crate::state::storage;
use leptos::prelude::*;
use send::{check, in_words, send, Sent};

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
    /// Sent (or, with no clear answer, perhaps landed), but reading the
    /// preferences back failed: the changes are kept so that `confirm` can
    /// check them again with the sign-in that made them (`reach`), and
    /// complete its journal entry (`entry`).
    Unconfirmed {
        changes: Vec<Change>,
        error: ApiError,
        entry: String,
        reach: Reach,
    },
    /// ThoughtSpot refused the cluster default change (403); a configure call
    /// is all or nothing, so nothing was saved.
    ClusterRefused(ApiError),
    /// The cluster was disconnected before the configure call went: nothing was sent.
    NotSent,
    /// It ended after the admin signed in again or switched Org: a note said
    /// how, and the journal has it.
    Elsewhere,
}

/// One difference between the body reviewed and the one Save would send now.
pub type BodyChange = String;

impl Workspace {
    /// Saves the Draft if the body Save would send is `reviewed` (the one on
    /// screen). An error leaves the Draft as it was.
    pub async fn save(&self, reviewed: ConfigureRequest) -> Result<SaveOutcome, ApiError> {
        self.save_from(reviewed, None).await
    }

    /// `save`, of changes promoted from elsewhere (`origin` says from where:
    /// the journal keeps it).
    pub async fn save_from(
        &self,
        reviewed: ConfigureRequest,
        origin: Option<String>,
    ) -> Result<SaveOutcome, ApiError> {
        let Some(base) = self.snapshot.get_untracked() else {
            return Ok(SaveOutcome::NothingToSend);
        };
        let (draft, conn) = (self.draft.get_untracked(), self.session.conn().to_the_end());
        let (tx, rx) = futures_channel::oneshot::channel();
        let ws = *self;
        detach(async move {
            let sent = send(&conn, base, draft, reviewed, origin).await;
            let _ = tx.send(ws.take_in(&conn, sent));
        });
        rx.await.unwrap_or(Ok(SaveOutcome::NotSent))
    }

    /// What a save found lands here when the session still reaches what the
    /// save did; otherwise a note says how it ended.
    fn take_in(&self, conn: &Conn, sent: Result<Sent, ApiError>) -> Result<SaveOutcome, ApiError> {
        let notes = conn.notes();
        let words = sent.as_ref().ok().and_then(|s| {
            let kept = match s.recorded {
                true => "It is in that host's save journal.",
                false => {
                    "This browser could not keep it in the save journal (its storage is full)."
                }
            };
            in_words(&s.outcome).map(|w| (w, kept))
        });
        if !conn.same_reach() {
            if let Some((w, kept)) = words {
                let gone = if conn.with_session(|_| ()).is_some() {
                    "after you signed in again"
                } else {
                    "after you disconnected"
                };
                notes.push(format!(
                    "On {}, a save by {} ({}) finished {gone}. {w} {kept}",
                    conn.connection.host_label(),
                    conn.connection.user.name,
                    conn.connection.scope_text()
                ));
            }
            return sent.map(|_| SaveOutcome::Elsewhere);
        }
        let sent = sent?;
        if let Some((w, kept)) = words {
            notes.push(if sent.recorded {
                w
            } else {
                format!("{w} {kept}")
            });
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
        let Some(SaveOutcome::Unconfirmed {
            changes,
            entry,
            reach,
            ..
        }) = self.outcome.get_untracked()
        else {
            return;
        };
        let conn = self.session.conn();
        if conn.reach() != reach {
            // Made with another sign-in: checked with this one, it would land elsewhere.
            conn.notes().push(
                "That save was made with the earlier sign-in: sign in to that Org to check it again.",
            );
            return;
        }
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

    /// Undoes the cluster default edit (after ThoughtSpot refused it for this
    /// user) and answers the body the review then shows: what Save sends next.
    pub fn without_cluster_edit(&self) -> ConfigureRequest {
        self.draft.update(|d| d.cluster.clear());
        self.with_both(|s, d| plan(s, &diff(s, d)))
            .unwrap_or_default()
    }
}
