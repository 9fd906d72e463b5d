//! The change journal of a host, kept in `localStorage` as a part per tab
//! (`tspanel.journal.v1:<host>#<tab>`): a tab writes only its own part, so a
//! save recorded by one tab is never lost to another's write. Reading merges
//! every part; recording folds in the parts of tabs that have gone (under
//! their lock), so parts do not pile up.

use super::tabs::{lock_name, tab, try_lock};
use super::{parts, read, remove, tab_key, write};
use crate::model::document::Document;
use crate::model::journal::{Entry, Journal, ReadBack};

pub const JOURNAL_PREFIX: &str = "tspanel.journal.v1:";

fn part(key: &str) -> Option<Journal> {
    Journal::parse(&read(key)?).ok()
}

/// The host's journal: every tab's part, merged.
pub fn load_journal(host: &str) -> Journal {
    let all = parts(JOURNAL_PREFIX, host)
        .into_iter()
        .filter_map(|(k, _)| part(&k))
        .collect();
    Journal::merge(host, all)
}

/// Records a save in this tab's part, taking in the parts of tabs that have
/// gone: each is written into this tab's part before it is removed, while
/// its tab's lock is held. `false` when this browser could not keep it (a
/// full storage).
pub async fn append_journal(host: &str, entry: Entry) -> bool {
    let me = tab().await;
    let own = tab_key(JOURNAL_PREFIX, host, &me);
    let mut mine = part(&own).unwrap_or_else(|| Journal::new(host));
    mine.record(entry);
    if !write(&own, &mine.to_json()) {
        return false;
    }
    for (key, tab) in parts(JOURNAL_PREFIX, host) {
        if tab.as_deref() == Some(me.as_str()) {
            continue;
        }
        let lock = match &tab {
            Some(t) => lock_name(t),
            None => format!("tspanel.claim.{key}"),
        };
        let (own, host) = (own.clone(), host.to_string());
        let _ = try_lock(&lock, false, move || {
            // This tab's part as it is now (another save may have landed meanwhile).
            let Some(gone) = part(&key) else { return };
            let now = part(&own).unwrap_or_else(|| Journal::new(&host));
            if write(&own, &Journal::merge(&host, vec![now, gone]).to_json()) {
                remove(&key);
            }
        })
        .await;
    }
    true
}

/// The read-back of a save this tab recorded, after checking again.
pub async fn confirm_journal(host: &str, key: &str, readback: ReadBack) {
    let own = tab_key(JOURNAL_PREFIX, host, &tab().await);
    if let Some(mut j) = part(&own) {
        j.confirm(key, readback);
        let _ = write(&own, &j.to_json());
    }
}
