//! Reading what the server holds: the preference search (without the cluster
//! default when the server refuses that part), `orgs/search` and the
//! webhooks, asked at once, into one Snapshot (the load shows the preference
//! answer as soon as it is read, and adds the other two as they come); and
//! the workflows that read (load, look up, refresh the webhook column). An
//! answer lands only if the session still reaches what the read did (the
//! same host and Org).

use super::super::session::Conn;
use super::super::storage;
use super::Workspace;
use crate::api::wire::OrgSearchCriteria;
use crate::api::wire::{SearchRequest, SearchResponse, LIVEBOARD_SCHEDULE};
use crate::api::ApiError;
use crate::model::draft::Draft;
use crate::model::prefs::Snapshot;
use leptos::prelude::*;
use rest::{all_schedule_webhooks, rest, schedule_webhooks, Rest};

mod rest;

/// Runs `f` only when `allowed`.
async fn when<T>(allowed: bool, f: impl std::future::Future<Output = T>) -> Option<T> {
    if allowed {
        Some(f.await)
    } else {
        None
    }
}

/// What a read of the server gives: the Snapshot, and why the cluster default
/// is missing from it when it is.
pub(super) struct Read {
    pub snapshot: Snapshot,
    pub cluster_refused: Option<ApiError>,
}

/// The preference search, with the cluster default; without it when the
/// server refuses that part (403, or no access from a scoped token). Answers
/// whether the cluster default was read, and why not.
async fn search(conn: &Conn) -> Result<Found, ApiError> {
    let with_cluster = SearchRequest {
        cluster_preferences: Some(vec![LIVEBOARD_SCHEDULE.to_string()]),
        org_preferences: None,
    };
    match conn.call(&with_cluster).await {
        Ok(r) => Ok((r, true, None)),
        Err(e) if e.status() == Some(403) || e.no_org_access() => {
            let r = conn.call(&SearchRequest::default()).await?;
            Ok((r, false, Some(e)))
        }
        Err(e) => Err(e),
    }
}

/// The Snapshot of a preference answer alone (the Orgs it lists).
fn first_snapshot(conn: &Conn, found: Found) -> Read {
    let (resp, cluster_read, cluster_refused) = found;
    let mut snapshot = Snapshot::from_wire(resp, None, cluster_read);
    snapshot.partial = conn.connection.scope().is_some_and(|s| !s.is_primary());
    Read {
        snapshot,
        cluster_refused,
    }
}

/// Reads the Snapshot: the preference search and, alongside it, `orgs/search`
/// (so that Orgs the search leaves out still appear, and inactive ones are
/// marked) and the webhooks (for the warnings), all before it answers.
pub(super) async fn read(conn: &Conn) -> Result<Read, ApiError> {
    let (found, rest) = futures_util::future::join(search(conn), rest(conn)).await;
    let mut read = first_snapshot(conn, found?);
    rest?.apply(&mut read.snapshot);
    Ok(read)
}

/// The preference answer, whether the cluster default was asked for, and why
/// it is missing when the server refused it.
type Found = (SearchResponse, bool, Option<ApiError>);

impl Workspace {
    /// Reads what the server holds with `conn`, and shows it if the session
    /// still reaches what the read did. The table shows the preference answer
    /// as soon as it is read; `orgs/search` and the webhooks, asked at the same
    /// time, are added when they come (at once when they came first). On the
    /// first load, work kept in this browser is offered back. (Run by the load
    /// resource, `Workflows`.)
    pub(super) async fn load_with(&self, conn: &Conn) -> Result<(), ApiError> {
        use futures_util::future::{select, Either};
        if !conn.connection.access.prefs {
            // Nothing to read without a privilege that may search.
            return Ok(());
        }
        let (found, rest) = (std::pin::pin!(search(conn)), std::pin::pin!(rest(conn)));
        let (found, rest) = match select(found, rest).await {
            Either::Left((found, rest)) => {
                let Some(found) = self.superseded(conn, found)? else {
                    return Ok(());
                };
                let mut read = first_snapshot(conn, found);
                // Until they come, the rows show the webhooks and inactive
                // marks of the read before, rather than "not known".
                self.snapshot
                    .with_untracked(|old| old.as_ref().map(|old| read.snapshot.lend(old)));
                self.land(conn, read).await;
                (None, self.superseded(conn, rest.await)?)
            }
            Either::Right((rest, found)) => {
                let rest = self.superseded(conn, rest)?;
                (self.superseded(conn, found.await)?, rest)
            }
        };
        let Some(rest) = rest else { return Ok(()) };
        match found {
            Some(found) => {
                let mut read = first_snapshot(conn, found);
                rest.apply(&mut read.snapshot);
                self.land(conn, read).await;
            }
            None if conn.same_reach() => self.add_rest(rest),
            None => {}
        }
        Ok(())
    }

    /// An answer of this load: `None` when the session has moved on
    /// meanwhile (another Org: its reads were aborted, and its own load runs).
    fn superseded<T>(&self, conn: &Conn, r: Result<T, ApiError>) -> Result<Option<T>, ApiError> {
        match r {
            Err(_) if !conn.same_reach() => Ok(None),
            r => r.map(Some),
        }
    }

    /// Shows a read if the session still reaches it; on the first load, with
    /// the work kept in this browser offered back.
    async fn land(&self, conn: &Conn, read: Read) {
        let first = self.snapshot.with_untracked(Option::is_none);
        let offer = if first {
            storage::kept_drafts(&conn.connection.client.base).await
        } else {
            Vec::new()
        };
        // Another Org meanwhile: its own load runs.
        if !conn.same_reach() {
            return;
        }
        if first && self.draft.with_untracked(Draft::is_empty) {
            // Offered before the Snapshot lands, so that nothing overwrites it meanwhile.
            self.restore_offer.set(offer);
        }
        self.cluster_refused.set(read.cluster_refused);
        self.replace_snapshot(read.snapshot);
    }

    /// Adds the Org list and the webhooks to the Snapshot shown, in place.
    fn add_rest(&self, rest: Rest) {
        self.snapshot.update(|s| {
            if let Some(s) = s {
                rest.apply(s);
            }
        });
        self.rebase_draft();
    }

    /// Reads what the server holds again, now, for work that must see it
    /// (a promotion's step checks what B holds before and after sending).
    pub async fn read_again(&self) -> Result<(), ApiError> {
        self.load_with(&self.session.conn().to_the_end()).await
    }

    /// Looks Orgs up on the server with the API's own Org filter and merges them in.
    pub async fn lookup(&self, ident: &str) -> Result<usize, ApiError> {
        let req = SearchRequest {
            cluster_preferences: None,
            org_preferences: Some(vec![OrgSearchCriteria {
                org_identifier: ident.trim().to_string(),
                event_types: None,
            }]),
        };
        let conn = self.session.conn();
        let fresh = Snapshot::from_wire(conn.call(&req).await?, None, false);
        let found = fresh.orgs.len();
        if !conn.same_reach() {
            return Ok(0);
        }
        if let Some(mut snap) = self.snapshot.get_untracked() {
            snap.merge_orgs(fresh);
            self.replace_snapshot(snap);
        }
        Ok(found)
    }

    /// Re-reads which Orgs have a webhook, for the warnings of the Orgs table.
    pub async fn refresh_webhooks(&self) {
        let conn = self.session.conn();
        if let Ok(list) = all_schedule_webhooks(&conn).await {
            if !conn.same_reach() {
                return;
            }
            if let Some(mut snap) = self.snapshot.get_untracked() {
                snap.set_webhooks(schedule_webhooks(&list));
                self.replace_snapshot(snap);
            }
        }
    }
}
