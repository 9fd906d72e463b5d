//! The change journal of this host, as this browser keeps it (every tab's
//! part merged; never the token): read when shown and again when a tab
//! records a save, and a save reverted as a reviewed draft.

use super::read::read;
use super::Workspace;
use crate::api::ApiError;
use crate::model::document::Document;
use crate::model::journal::{revert, Journal};
use crate::model::workfile::WorkFile;
use crate::state::storage;
use leptos::prelude::*;

impl Workspace {
    /// Reads this host's journal from this browser (every tab's part).
    pub fn reload_journal(&self) {
        self.journal
            .set(Some(storage::load_journal(&self.host_untracked())));
    }

    /// Reads the journal on first use.
    pub fn open_journal(&self) {
        if self.journal.with_untracked(Option::is_none) {
            self.reload_journal();
        }
    }

    /// The journal, tracked (empty until `open_journal`).
    pub fn with_journal<T>(&self, f: impl FnOnce(&Journal) -> T) -> T {
        self.journal.with(|j| match j {
            Some(j) => f(j),
            None => f(&Journal::new(&self.host_untracked())),
        })
    }

    /// Reads what the server holds now, then makes a draft that puts every
    /// item of a recorded save back; items the server changed since then come
    /// up as conflicts. `key` names the entry.
    pub async fn revert(&self, key: &str) -> Result<bool, ApiError> {
        if self.draft.with_untracked(|d| !d.is_empty()) {
            // A revert replaces the draft: pending changes go first (saved or discarded).
            return Ok(false);
        }
        self.open_journal();
        let found = self.journal.with_untracked(|j| {
            j.as_ref()
                .and_then(|j| j.entries.iter().find(|e| e.key() == key).cloned())
        });
        let Some(entry) = found else {
            return Ok(false);
        };
        let conn = self.session.conn();
        let current = read(&conn).await?.snapshot;
        if !conn.same_reach() {
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
