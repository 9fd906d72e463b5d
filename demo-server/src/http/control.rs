//! The control routes under `/__demo/`, for tests and demos (not part of
//! ThoughtSpot's API): read the whole state, read and switch the faults, and
//! return to the start-up state.

use crate::faults::Faults;
use crate::http::state::AppState;
use crate::seed;
use axum::{
    body::Bytes,
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use serde_json::json;

/// The whole cluster (with `deliveries`, the delivery grid: `started_ms`,
/// `slot_ms`, `interval_ms`, `failing_since_ms`, `failing_orgs`), the
/// successful configure bodies, the call counts, the faults and the CORS
/// allowlist in force, for tests.
pub async fn demo_state(State(state): State<AppState>) -> Response {
    let origins = state.cors_origins();
    let inner = state.lock();
    Json(json!({
        "cluster": inner.cluster,
        "configure_log": inner.configure_log,
        "calls": inner.calls,
        "faults": inner.faults,
        "cors_origins": origins,
    }))
    .into_response()
}

pub async fn get_faults(State(state): State<AppState>) -> Response {
    Json(state.lock().faults.clone()).into_response()
}

/// Replaces the faults; switching `newer_server` adds the newer seed to the
/// cluster, or drops what only a newer server knows.
pub async fn set_faults(State(state): State<AppState>, body: Bytes) -> Response {
    match serde_json::from_slice::<Faults>(&body) {
        Ok(f) => {
            let mut inner = state.lock();
            match (inner.faults.newer_server, f.newer_server) {
                (false, true) => seed::newer_server(&mut inner.cluster),
                (true, false) => inner.cluster.forget_newer(),
                _ => {}
            }
            inner.readback_pending = false;
            inner.faults = f.clone();
            Json(f).into_response()
        }
        Err(e) => (StatusCode::BAD_REQUEST, format!("Invalid faults: {e}")).into_response(),
    }
}

/// Back to the seeded cluster and the start-up faults (release, RBAC and CORS
/// allowlist included); every minted token is forgotten. The seeded
/// deliveries keep their times (relative to the server's start).
pub async fn reset(State(state): State<AppState>) -> Response {
    *state.lock() = AppState::fresh(&state.options, state.started_ms);
    StatusCode::NO_CONTENT.into_response()
}
