//! Saving: re-read, stop on conflicts, one configure call, read back and
//! check each change; and the ways on from an outcome (check again, save
//! without the refused cluster default).

use super::read::read;
use super::Workspace;
use crate::api::ApiError;
use crate::model::conflict::detect;
use crate::model::draft::{apply, diff, plan, verify, Change, Verified};
use crate::model::journal::ReadBack;
use crate::model::prefs::Snapshot;
use crate::state::session::Session;
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

impl Workspace {
    /// Reads what the server holds now; items it changed that the Draft
    /// changes too stop the save as conflicts, other changes are taken in.
    /// Then sends the one configure call, reads the preferences back and checks
    /// each change. An error leaves the Draft as it was.
    pub async fn save(&self, session: Session) -> Result<SaveOutcome, ApiError> {
        let epoch = self.epoch();
        self.saving.set(true);
        let outcome = self.try_save(session, epoch).await;
        self.saving.set(false);
        if self.still(epoch) {
            self.outcome.set(outcome.as_ref().ok().cloned());
        }
        outcome
    }

    async fn try_save(&self, session: Session, epoch: u64) -> Result<SaveOutcome, ApiError> {
        let Some(base) = self.snapshot.get_untracked() else {
            return Ok(SaveOutcome::NothingToSend);
        };
        let fresh = read(session).await?.snapshot;
        if !self.still(epoch) {
            // Another host was opened meanwhile: nothing is sent.
            return Ok(SaveOutcome::NothingToSend);
        }
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
            Err(e)
                if e.status() == Some(403)
                    && !e.no_org_access()
                    && !req.cluster_preferences.is_empty() =>
            {
                return Ok(SaveOutcome::ClusterRefused(e))
            }
            other => other?,
        }
        let outcome = self.check(session, &fresh, changes.clone()).await;
        let body = serde_json::to_string(&req).unwrap_or_default();
        self.record(session, body, changes, &outcome);
        self.revert_notes.set(Vec::new());
        Ok(outcome)
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
        if let SaveOutcome::Saved(verified) = &outcome {
            self.confirm_recorded(ReadBack::from_verified(verified));
        }
        self.outcome.set(Some(outcome));
    }

    /// Undoes the cluster default edit and saves the rest (after ThoughtSpot
    /// refused the cluster default for this user).
    pub async fn save_without_cluster(&self, session: Session) -> Result<SaveOutcome, ApiError> {
        self.draft.update(|d| d.cluster.clear());
        self.save(session).await
    }
}
