//! The page's connected clusters: which one is shown, signing in (a new
//! cluster, or a new token for the shown one), resuming a session this tab
//! remembers, and disconnecting. Notes of work that ends after its cluster
//! has gone are shown here, naming the host.

use super::cluster::Cluster;
use super::notes::Notes;
use super::session::{open, remember_or_forget, Connection, Credentials, Target};
use super::storage;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Clusters {
    shown: RwSignal<Option<Cluster>, LocalStorage>,
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
        let same_host = self.shown.with_untracked(|c| {
            c.as_ref()
                .filter(|c| c.session.host_untracked() == connection.client.base)
                .map(|c| c.session)
        });
        match same_host {
            Some(session) => session.adopt(connection, remember),
            None => {
                remember_or_forget(&connection, remember);
                let id = self.made.get_value() + 1;
                self.made.set_value(id);
                let cluster = self
                    .owner
                    .with_value(|o| Cluster::new(o, id, connection, self.notes));
                if let Some(old) = self.shown.get_untracked() {
                    old.close();
                }
                self.shown.set(Some(cluster));
            }
        }
    }

    /// Forgets the token (in memory and, if it was remembered, in this tab)
    /// and closes the cluster with its in-flight work.
    pub fn disconnect(&self) {
        storage::forget();
        if let Some(c) = self.shown.get_untracked() {
            c.close();
        }
        self.shown.set(None);
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
