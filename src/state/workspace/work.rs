//! Work kept in the browser and in files: taking it in (conflicts detected),
//! the restore offer, and the Draft written to `localStorage` as it changes.

use super::Workspace;
use crate::model::conflict::detect;
use crate::model::document::Document;
use crate::model::draft::Draft;
use crate::model::prefset::{self, PrefSet};
use crate::model::workfile::WorkFile;
use crate::state::storage;
use leptos::prelude::*;

impl Workspace {
    /// Takes in a work file the admin picked: only for the host it was saved for.
    pub fn import_work(&self, text: &str) -> Result<String, String> {
        let file = WorkFile::parse(text)?;
        let host = self.host_untracked();
        if file.host != host {
            return Err(format!(
                "This work was saved for {:?}; the panel is connected to {:?}. Connect to that host to import it.",
                file.host, host
            ));
        }
        self.take_work(&file);
        Ok(format!(
            "Imported {} pending change(s); review them before saving.",
            self.draft.with_untracked(Draft::len)
        ))
    }

    /// What the server holds, as a portable preference set.
    pub fn preference_set(&self) -> Option<PrefSet> {
        self.snapshot.with_untracked(|s| {
            s.as_ref()
                .map(|s| prefset::export(s, &self.host_untracked(), storage::now_ms()))
        })
    }

    /// Puts a preference set (from this or another cluster) into the Draft.
    pub fn import_preference_set(&self, text: &str) -> Result<String, String> {
        let set = PrefSet::parse(text)?;
        let mut done = prefset::Imported::default();
        self.edit(|d, s| done = prefset::import(&set, s, d));
        let mut message = format!(
            "Imported the preference set as draft changes: {} Org(s) matched by name; review them before saving.",
            done.matched
        );
        if !done.unmatched.is_empty() {
            message.push_str(&format!(" Not found here: {}.", done.unmatched.join(", ")));
        }
        Ok(message)
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
}
