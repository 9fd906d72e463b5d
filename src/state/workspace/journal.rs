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
    /// Reads this host's journal (from this browser the first time).
    pub fn with_journal<T>(&self, f: impl FnOnce(&Journal) -> T) -> T {
        if self.journal.with_untracked(Option::is_none) {
            let host = self.host_untracked();
            let journal = storage::load_journal(&host).unwrap_or_else(|| Journal::new(&host));
            self.journal.set(Some(journal));
        }
        self.journal
            .with(|j| f(j.as_ref().expect("the journal was read just above")))
    }

    fn change_journal(&self, f: impl FnOnce(&mut Journal)) {
        self.with_journal(|_| ());
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
    pub async fn revert(&self, session: Session, at_ms: f64) -> Result<(), ApiError> {
        let found = self.with_journal(|j| j.entries.iter().find(|e| e.at_ms == at_ms).cloned());
        let Some(entry) = found else {
            return Ok(());
        };
        let current = read(session).await?.snapshot;
        self.replace_snapshot(current.clone());
        let r = revert(&entry, &current);
        let file = WorkFile::new(&self.host_untracked(), storage::now_ms(), r.base, r.draft);
        self.take_work(&file);
        self.revert_notes.set(r.notes);
        Ok(())
    }

    pub fn revert_notes(&self) -> Vec<String> {
        self.revert_notes.get()
    }

    /// The journal as a JSON document, for an export.
    pub fn journal_json(&self) -> String {
        self.with_journal(Journal::to_json)
    }
}
