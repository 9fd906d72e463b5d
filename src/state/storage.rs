//! What the panel keeps in the browser (localStorage and sessionStorage), and nothing else:
//! - `localStorage`: the Draft (with the base values it was made against), per
//!   host, so that a reload or a crash loses no work. Never the token.
//! - `localStorage`: the change journal, per host: every save made from this
//!   browser (bounded; never the token).
//! - `sessionStorage`: the token, only when the admin ticks "remember in this
//!   tab"; it ends with the tab.

use crate::model::document::Document;
use crate::model::journal::Journal;
use crate::model::workfile::WorkFile;
use web_sys::Storage;

const DRAFT_PREFIX: &str = "tspanel.draft.v1:";
const JOURNAL_PREFIX: &str = "tspanel.journal.v1:";
const SESSION_KEY: &str = "tspanel.session.v2";

fn local() -> Option<Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn session() -> Option<Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// The key of a host's item; the panel's own origin stands for `""`.
fn key(prefix: &str, host: &str) -> String {
    format!("{prefix}{}", crate::api::client::origin_or_page(host))
}

fn draft_key(host: &str) -> String {
    key(DRAFT_PREFIX, host)
}

pub fn save_draft(file: &WorkFile) {
    if let Some(s) = local() {
        // A full or blocked storage only loses the crash copy, not the Draft on screen.
        let _ = s.set_item(
            &draft_key(&file.host),
            &serde_json::to_string(file).unwrap_or_default(),
        );
    }
}

pub fn load_draft(host: &str) -> Option<WorkFile> {
    let text = local()?.get_item(&draft_key(host)).ok()??;
    WorkFile::parse(&text).ok().filter(|f| !f.draft.is_empty())
}

pub fn remove_draft(host: &str) {
    if let Some(s) = local() {
        let _ = s.remove_item(&draft_key(host));
    }
}

/// This host's change journal, if this browser keeps one.
pub fn load_journal(host: &str) -> Option<Journal> {
    let text = local()?.get_item(&key(JOURNAL_PREFIX, host)).ok()??;
    Journal::parse(&text).ok()
}

pub fn save_journal(journal: &Journal) {
    if let Some(s) = local() {
        // A full or blocked storage loses the record in this browser, not the save.
        let _ = s.set_item(&key(JOURNAL_PREFIX, &journal.host), &journal.to_json());
    }
}

/// A session the admin asked this tab to remember.
#[derive(Clone, Debug, PartialEq)]
pub struct Remembered {
    pub host: String,
    pub token: String,
    pub timeout_ms: u32,
}

impl Remembered {
    /// Three lines: the time limit, the host, the token (neither holds a line break).
    fn to_text(&self) -> String {
        format!("{}\n{}\n{}", self.timeout_ms, self.host, self.token)
    }

    fn from_text(text: &str) -> Option<Self> {
        let mut lines = text.splitn(3, '\n');
        let timeout_ms = lines.next()?.parse().ok()?;
        let host = lines.next()?.to_string();
        let token = lines.next()?.to_string();
        (!token.is_empty() && !token.contains('\n')).then_some(Remembered {
            host,
            token,
            timeout_ms,
        })
    }
}

pub fn remember(r: &Remembered) {
    if let Some(s) = session() {
        let _ = s.set_item(SESSION_KEY, &r.to_text());
    }
}

pub fn remembered() -> Option<Remembered> {
    Remembered::from_text(&session()?.get_item(SESSION_KEY).ok()??)
}

pub fn forget() {
    if let Some(s) = session() {
        let _ = s.remove_item(SESSION_KEY);
    }
}

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

#[cfg(test)]
mod tests {
    use super::Remembered;

    #[test]
    fn a_remembered_session_reads_back_and_nothing_else_does() {
        let r = Remembered {
            host: "https://ts.example.com".into(),
            token: "tok:en=1".into(),
            timeout_ms: 20_000,
        };
        assert_eq!(Remembered::from_text(&r.to_text()), Some(r));
        for bad in ["", "x\nh\nt", "20000\nh", "20000\nh\n", "20000\nh\nt\nmore"] {
            assert_eq!(Remembered::from_text(bad), None, "{bad:?}");
        }
    }
}
