//! The HTTP face of the demo server: ThoughtSpot REST v2 routes, bearer-token
//! auth, ThoughtSpot-shaped error bodies, and the fault switches the end-to-end
//! tests use. Every call is answered as the imitated release would: endpoints it
//! lacks are 404, request bodies are checked against the vendored schemas
//! (`spec`), privileges and the token's Org are enforced (`access`), and CORS
//! follows an allowlist (`cors`). Control routes live under `/__demo/` and are
//! not part of ThoughtSpot's API.
//!
//! The order of the checks each API call passes is in `gate`.

pub mod control;
pub mod cors;
pub mod fail;
pub mod gate;
pub mod inject;
pub mod routes;
pub mod state;
pub mod tokens;

use crate::framing;
use crate::spec::API;
use axum::{
    middleware,
    routing::{any, get, post},
    Router,
};
use fail::Fail;
use routes::{auth, channels, prefs, system, webhooks};
use state::AppState;
use tower_http::services::ServeDir;

async fn not_found() -> Fail {
    Fail::new(axum::http::StatusCode::NOT_FOUND, "No such endpoint.")
}

/// The API routes, each wrapped in the `inject` middleware.
fn api(state: &AppState) -> Router<AppState> {
    let at = |path: &str| format!("{API}{path}");
    Router::new()
        .route(&at("/auth/session/user"), get(auth::session_user))
        .route(&at("/auth/token/full"), post(auth::token_full))
        .route(&at("/system"), get(system::system_info))
        .route(&at("/orgs/search"), post(system::orgs_search))
        .route(
            &at("/system/preferences/communication-channels/configure"),
            post(prefs::configure),
        )
        .route(
            &at("/system/preferences/communication-channels/search"),
            post(prefs::search),
        )
        .route(&at("/webhooks/create"), post(webhooks::create))
        .route(&at("/webhooks/search"), post(webhooks::search))
        .route(&at("/webhooks/delete"), post(webhooks::delete))
        .route(
            &at("/webhooks/{webhook_identifier}/update"),
            post(webhooks::update),
        )
        .route(
            &at("/system/communication-channels/validate"),
            post(channels::validate),
        )
        .route(
            &at("/jobs/history/communication-channels/search"),
            post(channels::history),
        )
        .route("/api/{*rest}", any(not_found))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            inject::faults,
        ))
}

/// The whole server: the API, the control routes, the panel's files when a
/// folder is given, and CORS around everything.
pub fn router(state: AppState) -> Router {
    let mut app = Router::new()
        .route("/__demo/state", get(control::demo_state))
        .route(
            "/__demo/faults",
            get(control::get_faults).post(control::set_faults),
        )
        .route("/__demo/reset", post(control::reset))
        .merge(api(&state));
    if let Some(dir) = &state.options.static_dir {
        let files = Router::new().fallback_service(ServeDir::new(dir)).layer(
            middleware::from_fn_with_state(framing::Headers::for_dir(dir), framing::protect),
        );
        app = app.fallback_service(files);
    }
    app.layer(middleware::from_fn_with_state(state.clone(), cors::cors))
        .with_state(state)
}
