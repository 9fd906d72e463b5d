//! The webhooks screen's data and actions: the list is a `LocalResource`
//! keyed on a query (Org, sort, order, page, status); create, update, delete,
//! the test event and the delivery history are async methods. A 404 from the
//! test event or history teaches the session that this cluster lacks them.
//! A write, once sent, runs to its end whatever the admin does meanwhile, and
//! a note says how it ended.

use super::life::{detach, resource};
use super::session::{Conn, Session};
use super::workspace::Workspace;
use crate::api::wire::{
    DeleteResult, DeleteWebhooks, History, HistoryRequest, Order, SearchWebhooks, SortField,
    SortOptions, Status, ValidateChannel, Validation, Webhook, WebhookSearch,
};
use crate::api::ApiError;
use crate::model::release::Feature;
use crate::model::webhook::{create_request, update_request, FormRules, WebhookForm};
use leptos::prelude::*;

/// Webhooks per page.
pub const PAGE: u32 = 20;

/// What the list shows.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Query {
    /// An Org id or name; empty: every Org the token may see.
    pub org: String,
    pub sort: SortField,
    pub order: Order,
    pub offset: u32,
    /// 26.7.0.cl.
    pub status: Option<Status>,
    /// Bumped to read the same page again after a change.
    pub generation: u32,
}

impl Query {
    /// The request for this page; the status filter only where the release has it.
    pub fn request(&self, with_status: bool) -> SearchWebhooks {
        let org = self.org.trim();
        SearchWebhooks {
            org_identifier: (!org.is_empty()).then(|| org.to_string()),
            record_offset: self.offset,
            record_size: PAGE,
            sort_options: Some(SortOptions {
                field_name: self.sort,
                order: self.order,
            }),
            status: self.status.filter(|_| with_status),
            ..Default::default()
        }
    }
}

#[derive(Clone, Copy)]
pub struct WebhookList {
    query: RwSignal<Query>,
    page: LocalResource<Result<WebhookSearch, ApiError>>,
}

impl WebhookList {
    pub fn new(session: Session) -> Self {
        let query = RwSignal::new(Query::default());
        // Only a change of this flag (not every change of the connection) reads again.
        let with_status = Memo::new(move |_| session.feature(Feature::WebhookStatus).ok());
        // Another Org (a switch) sees other webhooks: the page is read again.
        let reach = Memo::new(move |_| session.reach());
        let page = resource(move || {
            reach.track();
            let req = query.get().request(with_status.get());
            let conn = session.conn();
            async move { conn.call(&req).await }
        });
        WebhookList { query, page }
    }

    /// The current page (`None` while it loads).
    pub fn page(&self) -> Option<Result<WebhookSearch, ApiError>> {
        self.page.get()
    }

    pub fn query(&self) -> Query {
        self.query.get()
    }

    /// Changes the query; any change but paging starts from the first page.
    pub fn set(&self, f: impl FnOnce(&mut Query)) {
        self.query.update(|q| {
            let offset = q.offset;
            f(q);
            if q.offset == offset {
                q.offset = 0;
            }
        });
    }

    pub fn next(&self) {
        self.query.update(|q| q.offset += PAGE);
    }

    pub fn previous(&self) {
        self.query
            .update(|q| q.offset = q.offset.saturating_sub(PAGE));
    }

    /// Reads the same page again.
    pub fn reload(&self) {
        self.query.update(|q| q.generation += 1);
    }
}

/// Runs a write to its end with the connection it started with (whatever the
/// admin does meanwhile), then catches the Orgs table's webhook column up if
/// the session still reaches the same place, and says how it ended: in
/// `note`, and to the caller if it is still there.
async fn write<T: Clone + 'static, F>(
    ws: Workspace,
    work: impl FnOnce(Conn) -> F + 'static,
    note: impl FnOnce(&T) -> String + 'static,
) -> Result<T, ApiError>
where
    F: std::future::Future<Output = Result<T, ApiError>> + 'static,
{
    let conn = ws.session().conn().to_the_end();
    let (tx, rx) = futures_channel::oneshot::channel();
    detach(async move {
        let r = work(conn.clone()).await;
        if let Ok(v) = &r {
            let text = note(v);
            if conn.same_reach() {
                conn.notes().push(text);
                ws.refresh_webhooks().await;
            } else {
                conn.notes().push(format!(
                    "On {}, after you {}: {text}",
                    conn.connection.host_label(),
                    if conn.with_session(|_| ()).is_some() {
                        "signed in again"
                    } else {
                        "disconnected"
                    }
                ));
            }
        }
        let _ = tx.send(r);
    });
    rx.await.unwrap_or(Err(ApiError::NotSignedIn))
}

/// Creates the webhook (in the token's Org) or sends the changed fields of an
/// existing one; then the Orgs table's webhook column catches up. Answers the
/// webhook's name.
pub async fn save(
    ws: Workspace,
    original: Option<(Webhook, WebhookForm)>,
    form: WebhookForm,
) -> Result<String, ApiError> {
    let rules = FormRules::for_release(ws.session().release());
    let name = form.name.trim().to_string();
    let work = move |conn: Conn| async move {
        match original {
            Some((w, base)) => {
                let req = update_request(&w.id, &base, &form, rules);
                if !req.is_empty() {
                    conn.call(&req).await?;
                }
            }
            None => {
                conn.call(&create_request(&form, rules)).await?;
            }
        }
        Ok(name)
    };
    write(ws, work, |name: &String| format!("Saved webhook {name:?}.")).await
}

/// Deletes one webhook; the answer says what was deleted and what failed.
pub async fn delete(ws: Workspace, id: String) -> Result<DeleteResult, ApiError> {
    let work = move |conn: Conn| async move {
        conn.call(&DeleteWebhooks {
            webhook_identifiers: vec![id],
        })
        .await
    };
    write(ws, work, DeleteResult::summary).await
}

/// `Ok(None)` when the endpoint answered 404: the session then knows the
/// feature is missing (an older release) or not enabled (a Beta API).
fn optional<T>(
    conn: &Conn,
    feature: Feature,
    r: Result<T, ApiError>,
) -> Result<Option<T>, ApiError> {
    match r {
        Err(e) if e.status() == Some(404) => {
            conn.not_found(feature);
            Ok(None)
        }
        other => other.map(Some),
    }
}

/// Sends a test event (26.4.0.cl, Beta).
pub async fn test_event(conn: &Conn, id: &str) -> Result<Option<Validation>, ApiError> {
    let r = conn.call(&ValidateChannel::webhook(id)).await;
    optional(conn, Feature::TestEvent, r)
}

/// A webhook's LIVEBOARD_SCHEDULE deliveries (26.4.0.cl), from `since_ms` when given.
pub async fn delivery_history(
    conn: &Conn,
    id: &str,
    since_ms: Option<f64>,
) -> Result<Option<History>, ApiError> {
    let r = conn.call(&HistoryRequest::for_webhook(id, since_ms)).await;
    optional(conn, Feature::DeliveryHistory, r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_request_sends_only_what_is_set() {
        let q = Query {
            status: Some(Status::Disabled),
            ..Default::default()
        };
        let body = serde_json::to_value(q.request(false)).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"record_offset": 0, "record_size": 20,
                "sort_options": {"field_name": "CREATED", "order": "DESC"}})
        );
        let q = Query {
            org: " Finance ".into(),
            ..q
        };
        let body = serde_json::to_value(q.request(true)).unwrap();
        assert_eq!(body["org_identifier"], "Finance");
        assert_eq!(body["status"], "DISABLED");
    }
}
