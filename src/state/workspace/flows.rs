//! The workspace's reading and saving as data: the load is a resource keyed
//! on what the token reaches (and Reload), whose value says whether the
//! preferences are shown or why not; Save is an action whose value is the
//! last save's answer. Both belong to the cluster and end with it.

use super::{SaveOutcome, Workspace};
use crate::api::wire::ConfigureRequest;
use crate::api::ApiError;
use crate::state::life::{action_in, resource_in, Life};
use crate::state::session::{sleep_ms, Reach};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Workflows {
    /// The read of the preferences (and the release), again whenever what the
    /// token reaches changes, and on Reload.
    pub load: LocalResource<Result<(), ApiError>>,
    /// Save sends the body reviewed (its input).
    pub save: Action<ConfigureRequest, Result<SaveOutcome, ApiError>>,
    reloads: RwSignal<u32>,
    /// Runs of the load under way: each counts itself in, and out when it ends
    /// or is dropped.
    runs: RwSignal<u32>,
}

/// Counts a run of the load out, however it ends.
struct Run(RwSignal<u32>);

impl Drop for Run {
    fn drop(&mut self) {
        self.0.try_update(|n| *n = n.saturating_sub(1));
    }
}

impl Workflows {
    /// The workflows of a cluster's workspace; they end with `life`.
    pub fn new(ws: Workspace, life: Life) -> Self {
        let session = ws.session();
        let save = action_in(life.clone(), move |reviewed: &ConfigureRequest| {
            let reviewed = reviewed.clone();
            async move { ws.save(reviewed).await }
        });
        let (reloads, runs) = (RwSignal::new(0u32), RwSignal::new(0u32));
        let reach = Memo::new(move |_| session.reach());
        // The run under way, and what it reads for: when the token comes to
        // reach something else, its reads are aborted (its answer would be
        // dropped), so the next run need not wait for them.
        let run = StoredValue::new_local(None::<(Reach, Life)>);
        Effect::new(move |_| {
            let now = reach.get();
            run.with_value(|r| {
                if let Some((was, l)) = r {
                    if *was != now {
                        l.end();
                    }
                }
            });
        });
        let load = resource_in(life, move || {
            let key = reach.get();
            reloads.track();
            let this = Life::default();
            run.set_value(Some((key, this.clone())));
            let conn = session.conn_in(&this);
            runs.update(|n| *n += 1);
            let counted = Run(runs);
            async move {
                let _counted = counted;
                // A save reads back by itself: a read waits for it to end.
                while save.pending().get_untracked() {
                    sleep_ms(100).await;
                }
                let (_, read) =
                    futures_util::future::join(conn.read_release(), ws.load_with(&conn)).await;
                read
            }
        });
        Workflows {
            load,
            save,
            reloads,
            runs,
        }
    }

    /// Reads the preferences again.
    pub fn reload(&self) {
        self.reloads.update(|n| *n += 1);
    }

    /// The preferences are being read (tracked).
    pub fn loading(&self) -> bool {
        self.runs.get() > 0
    }

    /// A save is under way (tracked).
    pub fn saving(&self) -> bool {
        self.save.pending().get()
    }

    /// Saves the body reviewed, unless a save is under way already.
    pub fn send(&self, reviewed: ConfigureRequest) {
        if !self.save.pending().get_untracked() {
            self.save.dispatch(reviewed);
        }
    }

    /// Saves without the cluster default edit ThoughtSpot refused.
    pub fn send_without_cluster(&self, ws: Workspace) {
        if !self.save.pending().get_untracked() {
            self.save.dispatch(ws.without_cluster_edit());
        }
    }
}
