//! Work kept in the browser and in files: taking it in (conflicts detected),
//! the restore offer, and the Draft written to `localStorage` as it changes.

use super::Workspace;
use crate::model::conflict::detect;
use crate::model::document::Document;
use crate::model::draft::Draft;
use crate::model::prefset::{self, PrefSet};
use crate::model::workfile::WorkFile;
use crate::state::life::detach;
use crate::state::storage::{self, Kept};
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
    pub fn import_preference_set(&self, text: &str) -> Result<prefset::Imported, String> {
        let set = PrefSet::parse(text)?;
        let mut done = prefset::Imported::default();
        self.edit(|d, s| done = prefset::import(&set, s, d));
        Ok(done)
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
        self.outcome.set(None);
    }

    /// Takes up a kept Draft (while the Draft is empty). Answers whether it
    /// was taken in: another tab may have taken it first. Once claimed from
    /// storage it is taken in, or put back, whatever the view does meanwhile.
    pub async fn restore(&self, kept: Kept) -> bool {
        if self.draft.with_untracked(|d| !d.is_empty()) {
            return false;
        }
        let (ws, cluster) = (*self, self.session.life());
        let (tx, rx) = futures_channel::oneshot::channel();
        detach(async move {
            let file = storage::claim_draft(&kept).await;
            let open = !cluster.ended();
            let taken = match file {
                Some(f) if open && ws.draft.with_untracked(Draft::is_empty) => {
                    ws.take_work(&f);
                    true
                }
                Some(f) => {
                    storage::put_back(&kept, &f);
                    false
                }
                None => false,
            };
            if open {
                ws.restore_offer.update(|o| o.retain(|k| *k != kept));
            }
            let _ = tx.send(taken);
        });
        rx.await.unwrap_or(false)
    }

    /// Declines a kept Draft: it goes from this browser.
    pub async fn decline_restore(&self, kept: Kept) {
        let _ = storage::claim_draft(&kept).await;
        self.restore_offer.update(|o| o.retain(|k| *k != kept));
        if kept.own {
            storage::remove_draft(&self.host_untracked());
        }
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

    /// This tab's work for the host, compacted, in `localStorage`; removed
    /// when the Draft is empty. Nothing is written while this tab's own kept
    /// Draft is on offer (it is that Draft's place).
    pub fn persist(&self) {
        if self
            .restore_offer
            .with_untracked(|o| o.iter().any(|k| k.own))
        {
            return;
        }
        let host = self.host_untracked();
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
