//! One connected cluster: its session, workspace (Snapshot, Draft, journal)
//! and delivery health together, built once per sign-in to a host and closed
//! with its in-flight work on Disconnect. Work carries the cluster it started
//! in: an answer never lands in another one. A second connected cluster is
//! one more value.

use super::deliveries::Deliveries;
use super::life::Life;
use super::notes::Notes;
use super::promotion::Run;
use super::session::{Connection, Session};
use super::storage;
use super::workspace::{Workflows, Workspace};
use crate::model::look::Look;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::time::Duration;

/// Views of a cluster find its Life here: the work they start ends with it.
#[derive(Clone)]
pub struct ClusterLife(pub SendWrapper<Life>);

#[derive(Clone)]
pub struct Cluster {
    pub session: Session,
    pub workspace: Workspace,
    /// Its load (a resource) and save (an action).
    pub flows: Workflows,
    pub deliveries: Deliveries,
    /// Its name and colour (kept per host in this browser).
    pub look: RwSignal<Look>,
    /// A promotion from another cluster into this one, under review or run.
    pub promotion: RwSignal<Option<Run>>,
    /// Owns the cluster's signals: cleaned up after Disconnect.
    owner: Owner,
    life: Life,
    /// Tells clusters apart (a new sign-in to the same host is another one).
    pub id: u64,
}

impl PartialEq for Cluster {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Cluster {
    /// A cluster for a new connection; its signals belong to a new owner
    /// under `parent` (the page's, so that no view's end takes them along).
    pub fn new(
        parent: &Owner,
        id: u64,
        connection: Connection,
        notes: Notes,
        taken: &[usize],
    ) -> Self {
        let owner = parent.with(Owner::new);
        let host = connection.client.base.clone();
        let look = storage::look(&host).unwrap_or_else(|| Look::first(&host, taken));
        owner.clone().with(|| {
            let life = Life::default();
            let session = Session::new(connection, life.clone(), notes);
            let workspace = Workspace::new(session);
            Cluster {
                session,
                workspace,
                flows: Workflows::new(workspace, life.clone()),
                deliveries: Deliveries::new(session),
                look: RwSignal::new(look),
                promotion: RwSignal::new(None),
                owner,
                life,
                id,
            }
        })
    }

    /// The host as the admin knows it.
    pub fn label(&self) -> String {
        self.session.connection_untracked().host_label()
    }

    /// Gives the cluster another name or colour, kept for its host in this browser.
    pub fn set_look(&self, look: Look) {
        let look = look.checked();
        storage::save_look(&self.session.host_untracked(), &look);
        self.look.set(look);
    }

    pub fn life(&self) -> &Life {
        &self.life
    }

    /// Makes state that belongs to this cluster (it goes with it).
    pub fn own<T>(&self, f: impl FnOnce() -> T) -> T {
        self.owner.with(f)
    }

    /// Makes the cluster's state the context of the views built in `f`.
    pub fn provide<T>(&self, f: impl FnOnce() -> T) -> T {
        provide_context(self.session);
        provide_context(self.workspace);
        provide_context(self.flows);
        provide_context(self.deliveries);
        provide_context(self.look);
        provide_context(ClusterLife(SendWrapper::new(self.life.clone())));
        f()
    }

    /// Ends the cluster's work at once (requests aborted, guarded work
    /// stopped; writes already sent finish and are recorded), and frees its
    /// signals once the views showing it are gone.
    pub fn close(&self) {
        self.life.end();
        let owner = self.owner.clone();
        set_timeout(move || owner.cleanup(), Duration::ZERO);
    }
}
