//! The session: signing in (open, adopt, resume, renew, switch Org,
//! disconnect), every call to ThoughtSpot (`Session::call`: a 401 asks for a
//! new sign-in, a 429 waits and retries what is safe to retry), and what this
//! cluster and this user can do. The token lives in memory only, unless the
//! admin asks this tab to remember it.

mod calls;
mod open;

pub use open::{open, Connection, Credentials, OpenError, Target};

use super::storage::{self, Remembered};
use crate::api::client::DEFAULT_TIMEOUT_MS;
use crate::model::access::{Access, Scope};
use crate::model::release::{Feature, ReleaseInfo, Support};
use leptos::prelude::*;
use std::collections::BTreeSet;

/// Why the admin is asked to sign in again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Renewal {
    /// The server no longer takes the token.
    Expired,
    /// The admin asked for a token scoped to this Org (id, name).
    SwitchOrg { org_id: i64, name: String },
}

/// A pause after a 429, shown while it lasts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wait {
    pub seconds_left: u32,
    pub attempt: u32,
}

/// Attempts of a call that keeps answering 429, the first included.
pub const MAX_ATTEMPTS: u32 = 4;
/// The longest pause the panel accepts from `Retry-After`.
const MAX_WAIT_S: u32 = 120;

/// Resolves after `ms` milliseconds.
pub async fn sleep_ms(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                ms.min(i32::MAX as u32) as i32,
            );
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[derive(Clone, Copy)]
pub struct Session {
    connection: RwSignal<Option<Connection>>,
    /// Features whose endpoint answered 404.
    absent: RwSignal<BTreeSet<Feature>>,
    renewal: RwSignal<Option<Renewal>>,
    waiting: RwSignal<Option<Wait>>,
    resuming: RwSignal<bool>,
    /// `GET /system` is under way: what the release allows is not settled.
    reading_release: RwSignal<bool>,
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}

impl Session {
    pub fn new() -> Self {
        Session {
            connection: RwSignal::new(None),
            absent: RwSignal::new(BTreeSet::new()),
            renewal: RwSignal::new(None),
            waiting: RwSignal::new(None),
            resuming: RwSignal::new(false),
            reading_release: RwSignal::new(false),
        }
    }

    // ---- reading ----

    pub fn connected(&self) -> bool {
        self.connection.with(Option::is_some)
    }

    /// The connection, tracked.
    pub fn connection(&self) -> Option<Connection> {
        self.connection.get()
    }

    pub fn connection_untracked(&self) -> Option<Connection> {
        self.connection.get_untracked()
    }

    /// What the user may do (nothing when signed out), tracked.
    pub fn access(&self) -> Option<Access> {
        self.connection.with(|c| c.as_ref().map(|c| c.access))
    }

    /// May the user edit Org overrides?
    pub fn can_edit_orgs(&self) -> bool {
        self.access().is_some_and(|a| a.prefs)
    }

    /// May the user edit (or try to edit) the cluster default?
    pub fn can_edit_cluster(&self) -> bool {
        self.access().is_some_and(|a| a.edits_cluster())
    }

    pub fn can_manage_webhooks(&self) -> bool {
        self.access().is_some_and(|a| a.webhooks)
    }

    /// What the token reaches: the host and the Org it is scoped to (tracked).
    pub fn reach(&self) -> Option<(String, Option<Scope>)> {
        self.connection
            .with(|c| c.as_ref().map(|c| (c.client.base.clone(), c.scope())))
    }

    pub fn scope(&self) -> Option<Scope> {
        self.connection
            .with(|c| c.as_ref().and_then(Connection::scope))
    }

    pub fn release(&self) -> ReleaseInfo {
        self.connection
            .with(|c| c.as_ref().map(|c| c.release).unwrap_or_default())
    }

    /// Whether the release is still being read (tracked): a call that a
    /// release may lack waits for it rather than asking and learning from a 404.
    pub fn reading_release(&self) -> bool {
        self.reading_release.get()
    }

    pub fn reading_release_untracked(&self) -> bool {
        self.reading_release.get_untracked()
    }

    /// Whether this cluster offers a feature, tracked.
    pub fn feature(&self, f: Feature) -> Support {
        match self.release() {
            _ if !self.absent.with(|s| s.contains(&f)) => self.release().has(f),
            // The release has it, yet the endpoint answered 404: switched off.
            r if r.known().is_some_and(|k| k >= f.since()) => Support::NotEnabled,
            _ => Support::Missing {
                needs: f.since(),
                have: self.release().known(),
            },
        }
    }

    /// What the token reaches, untracked (see `reach`).
    pub(super) fn reach_untracked(&self) -> Option<(String, Option<Scope>)> {
        self.connection
            .with_untracked(|c| c.as_ref().map(|c| (c.client.base.clone(), c.scope())))
    }

    pub fn renewal(&self) -> Option<Renewal> {
        self.renewal.get()
    }

    pub fn renewal_untracked(&self) -> Option<Renewal> {
        self.renewal.get_untracked()
    }

    pub fn waiting(&self) -> Option<Wait> {
        self.waiting.get()
    }

    pub fn resuming(&self) -> bool {
        self.resuming.get()
    }

    // ---- signing in and out ----

    /// Makes a connection the current one; remembers it in this tab if asked
    /// (and forgets an earlier remembered token otherwise). A new token for
    /// the same cluster keeps the release already learnt: it is read once
    /// per cluster and Org, not per token.
    pub fn adopt(&self, mut connection: Connection, remember: bool) {
        if connection.release == ReleaseInfo::Unknown {
            let base = &connection.client.base;
            if let Some(known) = self.connection.with_untracked(|c| {
                c.as_ref()
                    .filter(|c| &c.client.base == base)
                    .map(|c| c.release)
            }) {
                connection.release = known;
            }
        }
        if remember {
            storage::remember(&Remembered {
                host: connection.client.base.clone(),
                token: connection.client.token().to_string(),
                timeout_ms: connection.client.timeout_ms,
            });
        } else {
            storage::forget();
        }
        self.absent.set(BTreeSet::new());
        self.renewal.set(None);
        self.connection.set(Some(connection));
    }

    /// Signs in again with a token this tab was asked to remember, if there
    /// is one and it still works (otherwise it is forgotten).
    pub fn resume(&self, ws: super::Workspace) {
        let Some(r) = storage::remembered() else {
            return;
        };
        self.resuming.set(true);
        let session = *self;
        leptos::task::spawn_local(async move {
            let target = Target {
                host: r.host,
                allow_insecure: true,
                timeout_s: (r.timeout_ms / 1000).to_string(),
            };
            match open(target, Credentials::Token(r.token)).await {
                Ok(c) => super::sign_in(session, ws, c, true),
                Err(_) => storage::forget(),
            }
            session.resuming.set(false);
        });
    }

    /// Asks for a token scoped to another Org (the draft and the screen stay).
    pub fn switch_org(&self, org_id: i64, name: &str) {
        self.renewal.set(Some(Renewal::SwitchOrg {
            org_id,
            name: name.to_string(),
        }));
    }

    pub fn cancel_renewal(&self) {
        self.renewal.set(None);
    }

    /// The time limit and host of the current connection, for a new sign-in.
    pub fn timeout_s(&self) -> u32 {
        self.connection.with_untracked(|c| {
            c.as_ref()
                .map_or(DEFAULT_TIMEOUT_MS, |c| c.client.timeout_ms)
        }) / 1000
    }

    /// Forgets the token (in memory and, if it was remembered, in this tab) and the user.
    pub fn disconnect(&self) {
        storage::forget();
        self.connection.set(None);
        self.renewal.set(None);
        self.waiting.set(None);
    }
}
