//! The page's connected clusters (each with its own host, token, release,
//! privileges, scope and draft): which one is shown, signing in (a new
//! cluster, or a new token for one already connected), switching between
//! them, resuming a session this tab remembers, and disconnecting. Notes of
//! work that ends after its cluster has gone are shown here, naming the host.

use super::cluster::Cluster;
use super::notes::Notes;
use super::session::{open, remember_or_forget, Connection, Credentials, Target};
use super::storage;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Clusters {
    shown: RwSignal<Option<Cluster>, LocalStorage>,
    /// The other connected clusters, in the order they were connected.
    others: RwSignal<Vec<Cluster>, LocalStorage>,
    /// The page's owner: clusters are made under it, not under a view.
    owner: StoredValue<Owner>,
    made: StoredValue<u64>,
    resuming: RwSignal<bool>,
    notes: Notes,
}

impl Default for Clusters {
    fn default() -> Self {
        Self::new()
    }
}

impl Clusters {
    /// Made once, by the page.
    pub fn new() -> Self {
        Clusters {
            shown: RwSignal::new_local(None),
            others: RwSignal::new_local(Vec::new()),
            owner: StoredValue::new(Owner::current().unwrap_or_default()),
            made: StoredValue::new(0),
            resuming: RwSignal::new(false),
            notes: Notes::new(),
        }
    }

    /// The cluster shown (tracked).
    pub fn shown(&self) -> Option<Cluster> {
        self.shown.get()
    }

    pub fn connected(&self) -> bool {
        self.shown.with(Option::is_some)
    }

    pub fn resuming(&self) -> bool {
        self.resuming.get()
    }

    /// Every connected cluster, in the order they were connected (tracked).
    pub fn all(&self) -> Vec<Cluster> {
        let mut all = self.others.get();
        all.extend(self.shown.get());
        all.sort_by_key(|c| c.id);
        all
    }

    /// Shows another connected cluster (its draft and screen as it left them).
    pub fn show(&self, id: u64) {
        let Some(at) = self
            .others
            .with_untracked(|o| o.iter().position(|c| c.id == id))
        else {
            return;
        };
        let mut others = self.others.get_untracked();
        let next = others.remove(at);
        others.extend(self.shown.get_untracked());
        self.others.set(others);
        self.shown.set(Some(next));
    }

    pub fn notes(&self) -> Notes {
        self.notes
    }

    /// Signs a connection in: a new token for the shown cluster's host (after
    /// an expiry, or for another Org) is adopted by it, keeping its draft and
    /// screen; any other host becomes a cluster of its own. The code that
    /// builds a cluster comes with the signed-in part of the release build
    /// (fetched in the background once the connect screen is up).
    pub async fn sign_in(&self, connection: Connection, remember: bool) -> Result<(), PartFailed> {
        sign_in_part(*self, connection, remember).await
    }

    fn sign_in_now(&self, connection: Connection, remember: bool) {
        let host = connection.client.base.clone();
        let on_host = |c: &Cluster| c.session.host_untracked() == host;
        if let Some(c) = self.shown.get_untracked().filter(on_host) {
            return c.session.adopt(connection, remember);
        }
        if let Some(c) = self
            .others
            .with_untracked(|o| o.iter().find(|c| on_host(c)).cloned())
        {
            c.session.adopt(connection, remember);
            return self.show(c.id);
        }
        remember_or_forget(&connection, remember);
        let id = self.made.get_value() + 1;
        self.made.set_value(id);
        let taken: Vec<usize> = self
            .all()
            .iter()
            .map(|c| c.look.with_untracked(|l| l.colour))
            .collect();
        let cluster = self
            .owner
            .with_value(|o| Cluster::new(o, id, connection, self.notes, &taken));
        if let Some(was) = self.shown.get_untracked() {
            self.others.update(|o| o.push(was));
        }
        self.shown.set(Some(cluster));
    }

    /// Forgets the shown cluster's token (in memory and, if this tab
    /// remembers it, there) and closes it with its in-flight work; another
    /// connected cluster, if any, is shown.
    pub fn disconnect(&self) {
        if let Some(c) = self.shown.get_untracked() {
            storage::forget_host(&c.session.host_untracked());
            c.close();
        }
        let mut others = self.others.get_untracked();
        let next = others.pop();
        self.others.set(others);
        self.shown.set(next);
    }

    /// Signs in again with a token this tab was asked to remember, if there
    /// is one and it still works (otherwise it is forgotten).
    pub fn resume(&self) {
        let Some(r) = storage::remembered() else {
            return;
        };
        self.resuming.set(true);
        let clusters = *self;
        // The page lives as long as this task.
        super::life::detach(async move {
            let target = Target {
                host: r.host,
                allow_insecure: true,
                timeout_s: (r.timeout_ms / 1000).to_string(),
            };
            match open(target, Credentials::Token(r.token)).await {
                Ok(c) => {
                    // A part that failed to arrive is fetched again at the next sign-in.
                    let _ = clusters.sign_in(c, true).await;
                }
                Err(_) => storage::forget(),
            }
            clusters.resuming.set(false);
        });
    }
}

/// The signed-in part of the release build could not be fetched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PartFailed;

impl From<leptos::wasm_split::SplitLoaderError> for PartFailed {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        PartFailed
    }
}

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(signed_in, wasm_split_path = ::leptos::wasm_split, fallible)]
fn sign_in_part(
    clusters: Clusters,
    connection: Connection,
    remember: bool,
) -> Result<(), PartFailed> {
    clusters.sign_in_now(connection, remember);
    Ok(())
}

#[cfg(not(feature = "split"))]
async fn sign_in_part(
    clusters: Clusters,
    connection: Connection,
    remember: bool,
) -> Result<(), PartFailed> {
    clusters.sign_in_now(connection, remember);
    Ok(())
}
