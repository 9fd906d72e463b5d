//! The Draft kept per host and tab (`tspanel.draft.v1:<host>#<tab>`), so that
//! a reload or a crash loses no work and two tabs on one host never overwrite
//! or delete each other's. What is offered back on a host's first load: this
//! tab's own (after a reload), and those of tabs that have gone (their lock
//! is free); never one a live tab is working on.

use super::tabs::{lock_name, tab, try_lock, Lock};
use super::{parts, read, remove, tab_key, write};
use crate::model::document::Document;
use crate::model::workfile::WorkFile;

const DRAFT_PREFIX: &str = "tspanel.draft.v1:";

/// A Draft kept in this browser.
#[derive(Clone, Debug, PartialEq)]
pub struct Kept {
    key: String,
    /// The tab that kept it (`None`: kept before drafts were per tab).
    tab: Option<String>,
    /// Kept by this tab (before a reload).
    pub own: bool,
    pub file: WorkFile,
}

/// The lock held while a Draft is taken over: its tab's, or for one kept
/// before drafts were per tab, one named after its key.
fn owner_lock(k: &Kept) -> String {
    match &k.tab {
        Some(t) => lock_name(t),
        None => format!("tspanel.claim.{}", k.key),
    }
}

pub fn save_draft(file: &WorkFile) {
    if let Some(t) = super::tabs::claimed() {
        // A full storage loses the crash copy, not the Draft on screen.
        let _ = write(
            &tab_key(DRAFT_PREFIX, &file.host, &t),
            &serde_json::to_string(file).unwrap_or_default(),
        );
    }
}

/// Removes this tab's Draft for the host.
pub fn remove_draft(host: &str) {
    if let Some(t) = super::tabs::claimed() {
        remove(&tab_key(DRAFT_PREFIX, host, &t));
    }
}

fn parse(key: &str) -> Option<WorkFile> {
    WorkFile::parse(&read(key)?)
        .ok()
        .filter(|f| !f.draft.is_empty())
}

/// The Drafts this tab may take up for the host, newest first.
pub async fn kept_drafts(host: &str) -> Vec<Kept> {
    let me = tab().await;
    let mut out = Vec::new();
    for (key, tab) in parts(DRAFT_PREFIX, host) {
        let own = tab.as_deref() == Some(me.as_str());
        let Some(file) = parse(&key) else { continue };
        let k = Kept {
            key,
            tab,
            own,
            file,
        };
        // Another tab's, only once it has gone: its lock is free.
        if own || matches!(try_lock(&owner_lock(&k), false, || ()).await, Lock::Got(())) {
            out.push(k);
        }
    }
    out.sort_by(|a, b| b.file.saved_at_ms.total_cmp(&a.file.saved_at_ms));
    out
}

/// Takes a kept Draft up: it leaves storage (this tab keeps it again as its
/// own once it is in the Draft; `put_back` returns it if it is not taken in
/// after all). `None` when another tab took it first.
pub async fn claim_draft(k: &Kept) -> Option<WorkFile> {
    if k.own {
        return parse(&k.key);
    }
    let key = k.key.clone();
    match try_lock(&owner_lock(k), false, move || {
        let file = parse(&key);
        remove(&key);
        file
    })
    .await
    {
        Lock::Got(file) => file,
        Lock::Held | Lock::Unsupported => None,
    }
}

/// A claimed Draft that was not taken in goes back where it was.
pub fn put_back(k: &Kept, file: &WorkFile) {
    if !k.own {
        let _ = write(&k.key, &serde_json::to_string(file).unwrap_or_default());
    }
}
