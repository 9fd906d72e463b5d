//! The test event (`system/communication-channels/validate`) and the delivery
//! history (`jobs/history/communication-channels/search`), with the faults
//! that act on them (`failing_receiver`, `failing_deliveries`).

use crate::access::Family;
use crate::clock::{guid, now_ms};
use crate::domain::channels::{HistoryInput, ValidateInput};
use crate::http::fail::Reply;
use crate::http::state::{AppState, Caller, Inner};
use axum::{body::Bytes, extract::State, http::HeaderMap};

pub async fn validate(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Reply {
    let act = |inner: &mut Inner, caller: Caller, input: ValidateInput| {
        let failing = inner.faults.failing_receiver;
        inner.cluster.validate_webhook(
            &input.channel_identifier,
            failing,
            now_ms() as u64,
            format!("n.validation-{}", guid()),
            caller.scope,
        )
    };
    let path = "/system/communication-channels/validate";
    state.respond(path, &headers, &body, Family::Validate, act)
}

pub async fn history(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Reply {
    let act = |inner: &mut Inner, caller: Caller, input: HistoryInput| {
        let failing = &inner.faults.failing_deliveries;
        inner
            .cluster
            .channel_history(&input, caller.scope, now_ms() as u64, failing)
    };
    let path = "/jobs/history/communication-channels/search";
    state.respond(path, &headers, &body, Family::History, act)
}
