//! The webhooks screen's data and actions: the list is a `LocalResource`
//! keyed on a query (Org, sort, order, page, status); create, update, delete,
//! the test event and the delivery history are async methods. A 404 from the
//! test event or history teaches the session that this cluster lacks them.

use super::session::Session;
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
        let page = LocalResource::new(move || {
            let req = query.get().request(with_status.get());
            async move { session.call(&req).await }
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

/// Creates the webhook (in the token's Org) or sends the changed fields of an
/// existing one; then the Orgs table's webhook column catches up. Answers the
/// webhook's name.
pub async fn save(
    session: Session,
    ws: Workspace,
    original: Option<(Webhook, WebhookForm)>,
    form: WebhookForm,
) -> Result<String, ApiError> {
    let rules = FormRules::for_release(session.release());
    match original {
        Some((w, base)) => {
            let req = update_request(&w.id, &base, &form, rules);
            if !req.is_empty() {
                session.call(&req).await?;
            }
        }
        None => {
            session.call(&create_request(&form, rules)).await?;
        }
    }
    ws.refresh_webhooks(session).await;
    Ok(form.name.trim().to_string())
}

/// Deletes one webhook; the answer says what was deleted and what failed.
pub async fn delete(session: Session, ws: Workspace, id: String) -> Result<DeleteResult, ApiError> {
    let r = session
        .call(&DeleteWebhooks {
            webhook_identifiers: vec![id],
        })
        .await?;
    ws.refresh_webhooks(session).await;
    Ok(r)
}

/// `Ok(None)` when the endpoint answered 404: the session then knows the
/// feature is missing (an older release) or not enabled (a Beta API).
fn optional<T>(
    session: Session,
    feature: Feature,
    r: Result<T, ApiError>,
) -> Result<Option<T>, ApiError> {
    match r {
        Err(e) if e.status() == Some(404) => {
            session.not_found(feature);
            Ok(None)
        }
        other => other.map(Some),
    }
}

/// Sends a test event (26.4.0.cl, Beta).
pub async fn test_event(session: Session, id: &str) -> Result<Option<Validation>, ApiError> {
    let r = session.call(&ValidateChannel::webhook(id)).await;
    optional(session, Feature::TestEvent, r)
}

/// A webhook's LIVEBOARD_SCHEDULE deliveries (26.4.0.cl), from `since_ms` when given.
pub async fn history(
    session: Session,
    id: &str,
    since_ms: Option<f64>,
) -> Result<Option<History>, ApiError> {
    let r = session
        .call(&HistoryRequest::for_webhook(id, since_ms))
        .await;
    optional(session, Feature::DeliveryHistory, r)
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
