//! The webhook routes: create, search, update and delete.

use crate::access::Family;
use crate::clock::{guid, now_ms};
use crate::domain::webhook_input::WebhookInput;
use crate::domain::webhooks::{Change, SearchInput};
use crate::http::fail::Reply;
use crate::http::state::{AppState, Caller, Inner};
use axum::{
    body::Bytes,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::IntoResponse,
};
use ts_wire::DeleteWebhooks;

/// The caller, changing something now.
fn change(caller: &Caller) -> Change<'static> {
    Change {
        user: caller.user.name,
        now_ms: now_ms() as u64,
    }
}

pub async fn create(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Reply {
    let act = |inner: &mut Inner, caller: Caller, input: WebhookInput| {
        inner
            .cluster
            .create_webhook(input, caller.scope.org_id, change(&caller), guid())
    };
    state.respond("/webhooks/create", &headers, &body, Family::Webhooks, act)
}

pub async fn search(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Reply {
    let act = |inner: &mut Inner, caller: Caller, input: SearchInput| {
        inner.cluster.search_webhooks(&input, caller.scope)
    };
    state.respond("/webhooks/search", &headers, &body, Family::Webhooks, act)
}

pub async fn update(
    State(state): State<AppState>,
    Path(ident): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Reply {
    let ep = state.endpoint("POST", "/webhooks/{webhook_identifier}/update")?;
    let (caller, input): (Caller, WebhookInput) =
        state.admit(ep, &headers, &body, Family::Webhooks)?;
    state
        .lock()
        .cluster
        .update_webhook(&ident, input, change(&caller), caller.scope)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub async fn delete(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Reply {
    let act = |inner: &mut Inner, caller: Caller, input: DeleteWebhooks| {
        inner
            .cluster
            .delete_webhooks(&input.webhook_identifiers, caller.scope)
    };
    state.respond("/webhooks/delete", &headers, &body, Family::Webhooks, act)
}
