//! What the panel keeps in the browser (localStorage and sessionStorage), and nothing else:
//! - `localStorage`: the Draft (with the base values it was made against), per
//!   host, so that a reload or a crash loses no work. Never the token.
//! - `sessionStorage`: the token, only when the admin ticks "remember in this
//!   tab"; it ends with the tab.

use crate::model::workfile::WorkFile;
use serde::{Deserialize, Serialize};
use web_sys::Storage;

const DRAFT_PREFIX: &str = "tspanel.draft.v1:";
const SESSION_KEY: &str = "tspanel.session.v1";

fn local() -> Option<Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn session() -> Option<Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// The key for a host; the panel's own origin stands for `""`.
fn draft_key(host: &str) -> String {
    format!("{DRAFT_PREFIX}{}", crate::api::client::origin_or_page(host))
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

/// A session the admin asked this tab to remember.
#[derive(Serialize, Deserialize, Clone)]
pub struct Remembered {
    pub host: String,
    pub token: String,
    pub timeout_ms: u32,
}

pub fn remember(r: &Remembered) {
    if let Some(s) = session() {
        let _ = s.set_item(SESSION_KEY, &serde_json::to_string(r).unwrap_or_default());
    }
}

pub fn remembered() -> Option<Remembered> {
    let text = session()?.get_item(SESSION_KEY).ok()??;
    serde_json::from_str(&text).ok()
}

pub fn forget() {
    if let Some(s) = session() {
        let _ = s.remove_item(SESSION_KEY);
    }
}

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}
