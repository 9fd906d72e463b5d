//! The change journal of this host, kept in this browser: every save is
//! recorded (never the token), read on first use, and a save can be reverted
//! as a reviewed draft.

use super::read::read;
use super::save::SaveOutcome;
use super::Workspace;
use crate::api::ApiError;
use crate::model::document::Document;
use crate::model::journal::{revert, Entry, Journal, ReadBack};
use crate::model::workfile::WorkFile;
use crate::state::session::Session;
use crate::state::storage;
use leptos::prelude::*;

impl Workspace {
    /// Reads this host's journal from this browser, once.
    pub fn open_journal(&self) {
        if self.journal.with_untracked(Option::is_none) {
            let host = self.host_untracked();
            let journal = storage::load_journal(&host).unwrap_or_else(|| Journal::new(&host));
            self.journal.set(Some(journal));
        }
    }

    /// The journal, tracked (empty until `open_journal`).
    pub fn with_journal<T>(&self, f: impl FnOnce(&Journal) -> T) -> T {
        self.journal.with(|j| match j {
            Some(j) => f(j),
            None => f(&Journal::new(&self.host_untracked())),
        })
    }

    fn change_journal(&self, f: impl FnOnce(&mut Journal)) {
        self.open_journal();
        self.journal.update(|j| {
            if let Some(j) = j {
                f(j);
                storage::save_journal(j);
            }
        });
    }

    /// Records a save that reached the server (a 204), with what reading back found.
    pub(super) fn record(
        &self,
        session: Session,
        body: String,
        changes: Vec<crate::model::draft::Change>,
        outcome: &SaveOutcome,
    ) {
        let readback = match outcome {
            SaveOutcome::Saved(v) => ReadBack::from_verified(v),
            SaveOutcome::Unconfirmed { error, .. } => ReadBack::NotConfirmed(error.summary()),
            _ => return,
        };
        let (user, scope) = session
            .connection_untracked()
            .map(|c| {
                let scope = c
                    .scope()
                    .map(|s| format!("{} (id {})", s.org_name, s.org_id));
                (c.user.name, scope.unwrap_or_else(|| "unknown".into()))
            })
            .unwrap_or_default();
        let entry = Entry {
            at_ms: storage::now_ms(),
            user,
            scope,
            body,
            changes,
            readback,
        };
        self.change_journal(|j| j.record(entry));
    }

    /// The newest save was checked again.
    pub(super) fn confirm_recorded(&self, readback: ReadBack) {
        self.change_journal(|j| j.confirm_last(readback));
    }

    /// Reads what the server holds now, then makes a draft that puts every
    /// item of a recorded save back; items the server changed since then come
    /// up as conflicts. `at_ms` names the entry.
    pub async fn revert(&self, session: Session, at_ms: f64) -> Result<bool, ApiError> {
        if self.draft.with_untracked(|d| !d.is_empty()) {
            // A revert replaces the draft: pending changes go first (saved or discarded).
            return Ok(false);
        }
        self.open_journal();
        let found = self.journal.with_untracked(|j| {
            j.as_ref()
                .and_then(|j| j.entries.iter().find(|e| e.at_ms == at_ms).cloned())
        });
        let Some(entry) = found else {
            return Ok(false);
        };
        let epoch = self.epoch();
        let current = read(session).await?.snapshot;
        if !self.still(epoch) {
            return Ok(false);
        }
        let r = revert(&entry, &current);
        self.replace_snapshot(current);
        let file = WorkFile::new(&self.host_untracked(), storage::now_ms(), r.base, r.draft);
        self.take_work(&file);
        self.revert_notes.set(r.notes);
        Ok(true)
    }

    pub fn revert_notes(&self) -> Vec<String> {
        self.revert_notes.get()
    }

    /// The journal as a JSON document, for an export.
    pub fn journal_json(&self) -> String {
        self.with_journal(|j| j.to_json())
    }
}
