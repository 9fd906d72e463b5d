//! Reading what the server holds: the preference search (without the cluster
//! default when the server refuses that part), `orgs/search` and the
//! webhooks, all at once, into one Snapshot; and the workflows that read
//! (load, look up, refresh the webhook column). An answer lands only if the
//! session still reaches what the read did (the same host and Org).

use super::super::session::Conn;
use super::super::storage;
use super::Workspace;
use crate::api::wire::OrgSearchCriteria;
use crate::api::wire::{
    OrgsRequest, SearchRequest, SearchResponse, SearchWebhooks, Webhook, LIVEBOARD_SCHEDULE,
};
use crate::api::ApiError;
use crate::model::draft::Draft;
use crate::model::prefs::{OrgWebhook, Snapshot};
use crate::model::webhook::WebhookForm;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Each Org's LIVEBOARD_SCHEDULE webhook, by Org id.
fn schedule_webhooks(list: &[Webhook]) -> BTreeMap<String, OrgWebhook> {
    list.iter()
        .filter(|w| w.is_schedule())
        .filter_map(|w| {
            let org = w.org.as_ref()?.id.clone();
            Some((
                org,
                OrgWebhook {
                    id: w.id.clone(),
                    name: w.name.clone(),
                    form: WebhookForm::from_webhook(w),
                },
            ))
        })
        .collect()
}

/// Every LIVEBOARD_SCHEDULE webhook the token may see, page after page.
async fn all_schedule_webhooks(conn: &Conn) -> Result<Vec<Webhook>, ApiError> {
    let mut all = Vec::new();
    // A server that kept answering "more" would otherwise be read forever.
    for _ in 0..MAX_PAGES {
        let page = conn
            .call(&SearchWebhooks {
                event_type: Some(Default::default()),
                record_offset: all.len() as u32,
                record_size: 200,
                ..Default::default()
            })
            .await?;
        let n = page.webhooks.len();
        all.extend(page.webhooks);
        if !page.pagination.has_more || n == 0 {
            break;
        }
    }
    Ok(all)
}

/// Pages of 200 webhooks read at most (40,000 webhooks: far above one per Org).
const MAX_PAGES: usize = 200;

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
async fn search(conn: &Conn) -> Result<(SearchResponse, bool, Option<ApiError>), ApiError> {
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

/// Reads the Snapshot: the preference search and, alongside it, `orgs/search`
/// (so that Orgs the search leaves out still appear, and inactive ones are
/// marked) and the webhooks (for the warnings).
pub(super) async fn read(conn: &Conn) -> Result<Read, ApiError> {
    let access = conn.connection.access;
    let (found, orgs, hooks) = futures_util::future::join3(
        search(conn),
        when(access.org_list, conn.call(&OrgsRequest::default())),
        when(access.webhooks, all_schedule_webhooks(conn)),
    )
    .await;
    let (resp, cluster_read, cluster_refused) = found?;
    let orgs = match orgs {
        Some(Ok(o)) => Some(o),
        // Listing Orgs is optional: without the right, show what the search sent.
        Some(Err(e)) if !e.needs_new_token() => None,
        Some(Err(e)) => return Err(e),
        None => None,
    };
    // Webhooks only feed the warnings: unreadable means "not known", except
    // for an expired token.
    let webhooks = match hooks {
        Some(Ok(list)) => Some(schedule_webhooks(&list)),
        Some(Err(e)) if e.needs_new_token() => return Err(e),
        _ => None,
    };
    let mut snapshot = Snapshot::from_wire(resp, orgs, cluster_read);
    if let Some(w) = webhooks {
        snapshot.set_webhooks(w);
    }
    snapshot.partial = conn.connection.scope().is_some_and(|s| !s.is_primary());
    Ok(Read {
        snapshot,
        cluster_refused,
    })
}

impl Workspace {
    /// Reads what the server holds with `conn`, and shows it if the session
    /// still reaches what the read did. On the first load, work kept in this
    /// browser is offered back. (Run by the load resource, `Workflows`.)
    pub(super) async fn load_with(&self, conn: &Conn) -> Result<(), ApiError> {
        if !conn.connection.access.prefs {
            // Nothing to read without a privilege that may search.
            return Ok(());
        }
        let read = match read(conn).await {
            Ok(r) => r,
            // Superseded (another Org meanwhile): its reads were aborted, and its own load runs.
            Err(_) if !conn.same_reach() => return Ok(()),
            Err(e) => return Err(e),
        };
        let first = self.snapshot.with_untracked(Option::is_none);
        let offer = if first {
            storage::kept_drafts(&conn.connection.client.base).await
        } else {
            Vec::new()
        };
        // Another Org meanwhile: its own load runs.
        if !conn.same_reach() {
            return Ok(());
        }
        if first && self.draft.with_untracked(Draft::is_empty) {
            // Offered before the Snapshot lands, so that nothing overwrites it meanwhile.
            self.restore_offer.set(offer);
        }
        self.cluster_refused.set(read.cluster_refused);
        self.replace_snapshot(read.snapshot);
        Ok(())
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
