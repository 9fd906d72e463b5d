//! One cluster's sign-in: the connection (its token lives in memory only,
//! unless the admin asks this tab to remember it), renewing it (sign in
//! again, switch Org), what this cluster and this user can do, and `Conn`,
//! the connection a piece of work started with and sends every call with.

mod calls;
mod open;

pub use calls::Conn;
pub use open::{open, Connection, Credentials, OpenError, Target};

use super::life::Life;
use super::notes::Notes;
use super::storage::{self, Remembered};
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

/// What the host and token reach: the host and the Org the token is scoped to.
pub type Reach = (String, Option<Scope>);

/// One cluster's sign-in. Its signals belong to the cluster and go with it.
#[derive(Clone, Copy)]
pub struct Session {
    connection: RwSignal<Connection>,
    /// Counts the connections adopted: work compares it with its own.
    adopted: RwSignal<u64>,
    /// Features whose endpoint answered 404.
    absent: RwSignal<BTreeSet<Feature>>,
    renewal: RwSignal<Option<Renewal>>,
    waiting: RwSignal<Option<Wait>>,
    /// `GET /system` is under way: what the release allows is not settled.
    reading_release: RwSignal<bool>,
    /// The cluster's Life: work it starts stops with it.
    life: StoredValue<Life, LocalStorage>,
    /// The page's notes (they outlive the cluster).
    pub(super) notes: Notes,
}

impl Session {
    /// A session for a new connection, owned by the current owner (its cluster's).
    pub fn new(connection: Connection, life: Life, notes: Notes) -> Self {
        Session {
            connection: RwSignal::new(connection),
            adopted: RwSignal::new(0),
            absent: RwSignal::new(BTreeSet::new()),
            renewal: RwSignal::new(None),
            waiting: RwSignal::new(None),
            reading_release: RwSignal::new(false),
            life: StoredValue::new_local(life),
            notes,
        }
    }

    // ---- reading ----

    /// The connection, tracked.
    pub fn connection(&self) -> Connection {
        self.connection.get()
    }

    pub fn connection_untracked(&self) -> Connection {
        self.connection.get_untracked()
    }

    /// The connection as work of the current owner (a view's action or
    /// resource) starts with it: its reads are aborted when that owner or the
    /// cluster goes (untracked).
    pub fn conn(&self) -> Conn {
        Conn::new(
            self.connection.get_untracked(),
            self.adopted.get_untracked(),
            *self,
            self.life.get_value().and(&Life::here()),
        )
    }

    /// The connection for work that ends with `life` (or the cluster).
    pub fn conn_in(&self, life: &Life) -> Conn {
        Conn::new(
            self.connection.get_untracked(),
            self.adopted.get_untracked(),
            *self,
            self.life.get_value().and(life),
        )
    }

    /// The cluster's Life.
    pub fn life(&self) -> Life {
        self.life.get_value()
    }

    /// What the user may do, tracked.
    pub fn access(&self) -> Access {
        self.connection.with(|c| c.access)
    }

    /// May the user edit Org overrides?
    pub fn can_edit_orgs(&self) -> bool {
        self.access().prefs
    }

    /// May the user edit (or try to edit) the cluster default?
    pub fn can_edit_cluster(&self) -> bool {
        self.access().edits_cluster()
    }

    pub fn can_manage_webhooks(&self) -> bool {
        self.access().webhooks
    }

    /// What the token reaches (tracked).
    pub fn reach(&self) -> Reach {
        self.connection.with(Connection::reach)
    }

    pub fn scope(&self) -> Option<Scope> {
        self.connection.with(Connection::scope)
    }

    /// The host requests go to (`""`: this site's own origin).
    pub fn host_untracked(&self) -> String {
        self.connection.with_untracked(|c| c.client.base.clone())
    }

    pub fn release(&self) -> ReleaseInfo {
        self.connection.with(|c| c.release)
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

    pub fn renewal(&self) -> Option<Renewal> {
        self.renewal.get()
    }

    pub fn renewal_untracked(&self) -> Option<Renewal> {
        self.renewal.get_untracked()
    }

    pub fn waiting(&self) -> Option<Wait> {
        self.waiting.get()
    }

    // ---- signing in again ----

    /// Makes a new connection to the same host the current one (a new token
    /// after an expiry, or one scoped to another Org). It keeps the release
    /// already learnt: it is read once per cluster, not per token. Work started
    /// with the earlier connection stays with it.
    pub fn adopt(&self, mut connection: Connection, remember: bool) {
        if connection.release == ReleaseInfo::Unknown {
            connection.release = self.connection.with_untracked(|c| c.release);
        }
        remember_or_forget(&connection, remember);
        self.absent.set(BTreeSet::new());
        self.renewal.set(None);
        // A read under way for the earlier connection no longer settles anything.
        self.reading_release.set(false);
        self.adopted.update(|n| *n += 1);
        self.connection.set(connection);
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

    /// The time limit of the current connection, for a new sign-in.
    pub fn timeout_s(&self) -> u32 {
        self.connection
            .with_untracked(|c| c.client.timeout_ms / 1000)
    }
}

/// Remembers the connection in this tab if asked, and forgets an earlier
/// remembered token otherwise.
pub fn remember_or_forget(connection: &Connection, remember: bool) {
    if remember {
        storage::remember(&Remembered {
            host: connection.client.base.clone(),
            token: connection.client.token().to_string(),
            timeout_ms: connection.client.timeout_ms,
        });
    } else {
        storage::forget();
    }
}
