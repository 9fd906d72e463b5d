//! What the panel keeps in the browser (localStorage and sessionStorage), and nothing else:
//! - `localStorage`: the Draft (with the base values it was made against), per
//!   host and tab, so that a reload or a crash loses no work (`drafts`). Never
//!   the token.
//! - `localStorage`: the change journal, per host, a part per tab: every save
//!   made from this browser (bounded; never the token) (`journal`).
//! - `localStorage`: the name and colour the admin gave each host's cluster.
//! - `sessionStorage`: this tab's id (`tabs`), and the token, only when the
//!   admin ticks "remember in this tab"; both end with the tab.
//!
//! Several tabs share `localStorage`: each writes only its own part of an
//! item, and takes over the part of a tab that has gone (closed or crashed)
//! only while holding that tab's Web Lock. No tab writes back what another
//! wrote from its own memory, so nothing one writes is lost to another.

mod drafts;
mod journal;
mod tabs;

pub use drafts::{claim_draft, kept_drafts, put_back, remove_draft, save_draft, Kept};
pub use journal::{append_journal, confirm_journal, load_journal, JOURNAL_PREFIX};
pub use tabs::tab;

use web_sys::Storage;

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

/// A tab's part of a host's item: `<prefix><host>#<tab>`. A host never holds
/// `#` (a fragment is refused), so the tab is what follows the last one.
fn tab_key(prefix: &str, host: &str, tab: &str) -> String {
    format!("{}#{tab}", key(prefix, host))
}

/// Every key of a host's item (every tab's part, and one from before parts),
/// with the tab each belongs to (`None`: no tab's).
fn parts(prefix: &str, host: &str) -> Vec<(String, Option<String>)> {
    let Some(s) = local() else {
        return Vec::new();
    };
    let base = key(prefix, host);
    let n = s.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter_map(|k| {
            let rest = k.strip_prefix(&base)?;
            let tab = match rest {
                "" => None,
                r => Some(r.strip_prefix('#')?.to_string()),
            };
            Some((k, tab))
        })
        .collect()
}

fn read(key: &str) -> Option<String> {
    local()?.get_item(key).ok()?
}

/// Writes an item; `false` when the storage is full or blocked (the copy in
/// this browser is lost, not what is on screen).
fn write(key: &str, text: &str) -> bool {
    local().is_some_and(|s| s.set_item(key, text).is_ok())
}

fn remove(key: &str) {
    if let Some(s) = local() {
        let _ = s.remove_item(key);
    }
}

const LOOK_PREFIX: &str = "tspanel.cluster.v1:";

/// The name and colour the admin gave a host's cluster in this browser.
pub fn look(host: &str) -> Option<crate::model::look::Look> {
    let text = read(&key(LOOK_PREFIX, host))?;
    serde_json::from_str::<crate::model::look::Look>(&text)
        .ok()
        .map(|l| l.checked())
}

pub fn save_look(host: &str, look: &crate::model::look::Look) {
    let _ = write(
        &key(LOOK_PREFIX, host),
        &serde_json::to_string(look).unwrap_or_default(),
    );
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

/// Forgets the remembered session if it is this host's.
pub fn forget_host(host: &str) {
    if remembered().is_some_and(|r| r.host == host) {
        forget();
    }
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
