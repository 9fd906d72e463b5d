//! The change journal: every save made from this browser, per host — when, who
//! (the user and the Org the token was scoped to), the exact configure body,
//! each change before → after, and what reading back found. Bounded: the
//! newest `MAX_ENTRIES` saves and at most `MAX_BYTES` of JSON; the oldest go
//! first and are counted. It never holds a token. `revert` turns an entry into
//! the draft that puts its items back.

use super::csv;
use super::document::{Document, Kind};
use super::draft::{apply, Change, Draft, Verified};
use super::prefs::{ClusterSetting, Snapshot, EMAIL};
use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "ts-channels-panel/journal";
pub const VERSION: u32 = 1;
/// Saves kept per host.
pub const MAX_ENTRIES: usize = 200;
/// The journal's size per host, as JSON.
pub const MAX_BYTES: usize = 1_000_000;

/// What reading the preferences back after a save found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReadBack {
    /// Per change, in order: `None` when the server holds it, else what it holds.
    Checked(Vec<Option<String>>),
    /// Saved (204), but the read-back failed with this message.
    NotConfirmed(String),
}

impl ReadBack {
    pub fn from_verified(v: &[Verified]) -> Self {
        ReadBack::Checked(v.iter().map(|x| x.differs.clone()).collect())
    }

    /// In words, for a list.
    pub fn describe(&self) -> String {
        match self {
            ReadBack::Checked(v) => {
                let held = v.iter().filter(|d| d.is_none()).count();
                format!("the server held {held} of {} change(s)", v.len())
            }
            ReadBack::NotConfirmed(e) => format!("not confirmed: reading back failed ({e})"),
        }
    }
}

/// One save.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Unique among the saves of every tab (the tab's id and a count);
    /// empty in entries written before ids were kept.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// Milliseconds since the epoch.
    pub at_ms: f64,
    /// The user name the token signed in as.
    pub user: String,
    /// The Org the token was scoped to, in words (`Primary (id 0)`).
    pub scope: String,
    /// The configure body exactly as sent.
    pub body: String,
    pub changes: Vec<Change>,
    pub readback: ReadBack,
    /// Where the changes came from, when they were promoted from another
    /// cluster (its name and host, and what else the promotion did).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

impl Entry {
    /// What names the entry: its id, or for an entry without one, its time.
    pub fn key(&self) -> String {
        if self.id.is_empty() {
            format!("at:{}", self.at_ms)
        } else {
            self.id.clone()
        }
    }

    /// Whether the save touched this Org (by id or name, case-insensitively).
    pub fn touches(&self, org: &str) -> bool {
        let q = org.trim().to_lowercase();
        q.is_empty()
            || self.changes.iter().any(|c| match c {
                Change::Org { id, name, .. } => id == &q || name.to_lowercase().contains(&q),
                Change::Cluster { .. } => "cluster default".contains(&q),
            })
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Journal {
    pub format: String,
    pub version: u32,
    /// The ThoughtSpot host (`""`: the panel's own origin).
    pub host: String,
    /// Oldest first.
    pub entries: Vec<Entry>,
    /// How many of the oldest entries the bound has dropped.
    pub dropped: u64,
    /// The size of the JSON of `entries`, once known (not written out).
    #[serde(skip)]
    bytes: Option<usize>,
}

impl Document for Journal {
    const KIND: Kind = Kind {
        format: FORMAT,
        version: VERSION,
        what: "a change journal of this panel",
        subject: "The journal",
    };
}

impl Journal {
    pub fn new(host: &str) -> Self {
        Journal {
            format: FORMAT.into(),
            version: VERSION,
            host: host.into(),
            entries: Vec::new(),
            dropped: 0,
            bytes: None,
        }
    }

    /// Adds a save; the oldest entries go while the journal is over its bound
    /// (the newest one always stays).
    pub fn record(&mut self, entry: Entry) {
        let size = |e: &Entry| serde_json::to_string(e).map_or(0, |t| t.len() + 1);
        let mut bytes = self
            .bytes
            .unwrap_or_else(|| self.entries.iter().map(size).sum());
        bytes += size(&entry);
        self.entries.push(entry);
        while self.entries.len() > 1 && (self.entries.len() > MAX_ENTRIES || bytes > MAX_BYTES) {
            bytes = bytes.saturating_sub(size(&self.entries.remove(0)));
            self.dropped += 1;
        }
        self.bytes = Some(bytes);
    }

    /// The read-back of an entry (by `key`), after checking again.
    pub fn confirm(&mut self, key: &str, readback: ReadBack) {
        if let Some(e) = self.entries.iter_mut().find(|e| e.key() == key) {
            e.readback = readback;
            self.bytes = None;
        }
    }

    /// One journal from the parts several tabs keep for the same host: every
    /// entry of every part once (by `key`), oldest first, within the bound.
    pub fn merge(host: &str, parts: Vec<Journal>) -> Journal {
        let mut out = Journal::new(host);
        let mut seen = std::collections::HashSet::new();
        let mut all: Vec<Entry> = Vec::new();
        for p in parts {
            out.dropped += p.dropped;
            all.extend(p.entries.into_iter().filter(|e| seen.insert(e.key())));
        }
        all.sort_by(|a, b| a.at_ms.total_cmp(&b.at_ms));
        for e in all {
            out.record(e);
        }
        out
    }

    /// One row per change: when, who, scope, the change's item, before,
    /// after, and whether the server held it.
    pub fn to_csv(&self, time: impl Fn(f64) -> String) -> String {
        let mut out = csv::row(&[
            "time",
            "user",
            "org scope",
            "item",
            "before",
            "after",
            "read back",
        ]);
        for e in &self.entries {
            for (i, c) in e.changes.iter().enumerate() {
                let (item, before, after) = c.parts();
                let held = match &e.readback {
                    ReadBack::Checked(v) => match v.get(i).cloned().flatten() {
                        None => "held".to_string(),
                        Some(now) => format!("server holds: {now}"),
                    },
                    ReadBack::NotConfirmed(_) => "not confirmed".to_string(),
                };
                let cells = [
                    time(e.at_ms),
                    e.user.clone(),
                    e.scope.clone(),
                    item,
                    before,
                    after,
                    held,
                ];
                out.push_str(&csv::row(&cells));
            }
        }
        out
    }
}

/// The way back from a save: the Snapshot as that save left its items, and
/// the Draft that puts each item back to its value before the save. Taking
/// them in as work (base, draft) makes the items the server changed since
/// then conflicts, not silent overwrites.
#[derive(Clone, Debug, PartialEq)]
pub struct Revert {
    pub base: Snapshot,
    pub draft: Draft,
    /// Where the revert cannot be exact, what it does instead.
    pub notes: Vec<String>,
}

pub fn revert(entry: &Entry, current: &Snapshot) -> Revert {
    let base = apply(current, &entry.changes);
    let mut draft = Draft::default();
    let mut notes = Vec::new();
    for c in &entry.changes {
        match c {
            Change::Cluster { event, before, .. } => match before {
                ClusterSetting::Set(channels) => draft.set_cluster(&base, event, channels.clone()),
                ClusterSetting::NeverSet => {
                    notes.push(format!(
                        "The cluster default for {event} was never set before this save, and the API \
                         cannot un-set it. The revert sets it to EMAIL instead, which is what a \
                         never-set default does (schedules go to email)."
                    ));
                    draft.set_cluster(&base, event, vec![EMAIL.to_string()]);
                }
            },
            Change::Org {
                id, event, before, ..
            } => draft.set_org(&base, id, event, before.clone()),
        }
    }
    if let Some(origin) = &entry.origin {
        notes.push(format!(
            "This save was a promotion ({origin}): the revert puts its preferences back; webhooks it \
             created or changed stay as they are (edit or delete them on the Webhooks screen)."
        ));
    }
    Revert { base, draft, notes }
}

#[cfg(test)]
mod tests;
