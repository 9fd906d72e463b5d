//! Communication-channel preferences: `configure` and `search`, with the
//! faults that act on them (`ignore_org`, `readback_fail`) and the configure
//! log that tests read.

use crate::access::Family;
use crate::domain::prefs::Configure;
use crate::http::fail::{Fail, Reply};
use crate::http::state::{AppState, Caller};
use axum::{
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode},
    response::IntoResponse,
};
use serde_json::Value;
use ts_wire::SearchRequest;

const READBACK_FAILED: &str = "Injected fault: the read-back after a save failed.";

pub async fn configure(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Reply {
    let ep = state.endpoint(
        "POST",
        "/system/preferences/communication-channels/configure",
    )?;
    let (caller, req): (Caller, Configure) =
        state.admit(ep, &headers, &body, Family::Preferences)?;
    let cluster_refused = state
        .require(&caller, Family::ClusterPreferences)
        .err()
        .map(|f| f.debug);
    let mut inner = state.lock();
    let ignored = inner
        .faults
        .ignore_org
        .as_deref()
        .and_then(|ident| inner.cluster.find_org(ident))
        .map(|i| (i, inner.cluster.orgs[i].preferences.clone()));
    inner
        .cluster
        .configure(req, caller.scope, cluster_refused)?;
    if let Some((i, kept)) = ignored {
        inner.cluster.orgs[i].preferences = kept;
    }
    let logged = serde_json::from_slice(&body).unwrap_or(Value::Null);
    inner.configure_log.push(logged);
    inner.readback_pending = inner.faults.readback_fail;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Answers a search; the first one after a save fails while `readback_fail` is on.
pub async fn search(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Reply {
    let ep = state.endpoint("POST", "/system/preferences/communication-channels/search")?;
    {
        let mut inner = state.lock();
        if std::mem::take(&mut inner.readback_pending) && inner.faults.readback_fail {
            return Err(Fail::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                READBACK_FAILED,
            ));
        }
    }
    let (caller, req): (Caller, SearchRequest) =
        state.admit(ep, &headers, &body, Family::Preferences)?;
    let resp = state.lock().cluster.search(&req, caller.scope)?;
    state.answer(ep, resp)
}
