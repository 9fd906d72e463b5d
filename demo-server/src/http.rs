//! The HTTP face of the demo server: ThoughtSpot REST v2 routes, bearer-token
//! auth, ThoughtSpot-shaped error bodies, CORS, and the fault switches the
//! end-to-end tests use. Control routes live under `/__demo/` and are not part of
//! ThoughtSpot's API.

use crate::cluster::{
    Cluster, ConfigureRequest, OrgsSearchRequest, Refusal, Rights, SearchRequest,
};
use crate::seed::{self, DefaultSeed, User, USERS};
use crate::webhooks::{
    DeleteInput, HistoryInput, SearchInput as WebhookSearchInput, ValidateInput, WebhookInput,
};
use axum::{
    body::{Body, Bytes},
    extract::{Path, Request, State},
    http::{header, HeaderMap, Method, StatusCode},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::{any, get, post},
    Json, Router,
};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hasher};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;

pub const API: &str = "/api/rest/2.0";

/// A failed API call: its status and ThoughtSpot's `debug` text. Handlers return
/// it; the `faults` middleware, which wraps every API route, renders the body.
#[derive(Clone, Debug)]
pub struct Fail {
    status: StatusCode,
    debug: String,
}

impl Fail {
    fn new(status: StatusCode, debug: impl Into<String>) -> Self {
        Fail {
            status,
            debug: debug.into(),
        }
    }
}

impl From<Refusal> for Fail {
    fn from(r: Refusal) -> Self {
        match r {
            Refusal::BadRequest(m) => Fail::new(StatusCode::BAD_REQUEST, m),
            Refusal::Forbidden(m) => Fail::new(StatusCode::FORBIDDEN, m),
        }
    }
}

impl IntoResponse for Fail {
    fn into_response(self) -> Response {
        let mut r = self.status.into_response();
        r.extensions_mut().insert(self);
        r
    }
}

type Reply = Result<Response, Fail>;

/// How the server starts, and what `/__demo/reset` returns it to.
#[derive(Clone, Debug)]
pub struct Options {
    /// A token that is always valid for the `admin` user (unless expired by a fault).
    pub static_token: String,
    pub default: DefaultSeed,
    pub generated_orgs: usize,
    pub faults: Faults,
    /// A folder of static files (the panel's `dist/`) served at `/`.
    pub static_dir: Option<std::path::PathBuf>,
}

/// Faults to inject. The status, malformed and hang faults apply to API calls
/// whose path contains `path` (all when unset), `times` times (always when unset).
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Faults {
    /// Answer with this HTTP status and a ThoughtSpot error body.
    pub status: Option<u16>,
    /// Answer 200 with a truncated JSON body.
    pub malformed: bool,
    /// Never answer.
    pub hang: bool,
    pub path: Option<String>,
    pub times: Option<u32>,
    /// After this many more authenticated calls every token issued so far is
    /// rejected with 401, as if it had expired; tokens from a new login work.
    pub unauthorized_after: Option<u64>,
    /// Added to every API call.
    pub latency_ms: u64,
    /// Error bodies in the nested shape seen from live clusters
    /// (`error.message.debug.{code,…,debug:"[\"…\"]"}`) instead of the spec's.
    pub live_error_shape: bool,
    /// Webhook receivers fail the test event (HTTP 500).
    pub failing_receiver: bool,
    /// Behave like a release before 26.4.0.cl: no validate, no delivery history (404).
    pub before_26_4: bool,
}

struct Token {
    user: usize,
    generation: u64,
    expires_at_ms: Option<u128>,
    /// The Org the token is scoped to (`token/full`'s `org_id`; 0 by default).
    org_id: i32,
}

/// Who is calling, and in which Org.
#[derive(Clone, Copy)]
struct Caller {
    user: &'static User,
    org_id: i32,
}

struct Inner {
    cluster: Cluster,
    tokens: HashMap<String, Token>,
    generation: u64,
    min_valid_generation: u64,
    faults: Faults,
    /// Bodies of the configure calls that succeeded, in order.
    configure_log: Vec<Value>,
    /// Calls per API path (every call, answered or not).
    calls: BTreeMap<String, u64>,
}

#[derive(Clone)]
pub struct AppState {
    inner: Arc<Mutex<Inner>>,
    options: Arc<Options>,
}

fn now_ms() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default()
}

fn random_u64() -> u64 {
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(now_ms());
    h.finish()
}

fn guid() -> String {
    let (a, b) = (random_u64(), random_u64());
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        (b >> 48) | 0x8000,
        b & 0xffff_ffff_ffff
    )
}

impl AppState {
    pub fn new(options: Options) -> Self {
        let inner = Self::fresh(&options);
        AppState {
            inner: Arc::new(Mutex::new(inner)),
            options: Arc::new(options),
        }
    }

    fn fresh(options: &Options) -> Inner {
        let mut tokens = HashMap::new();
        tokens.insert(
            options.static_token.clone(),
            Token {
                user: 0,
                generation: 0,
                expires_at_ms: None,
                org_id: 0,
            },
        );
        Inner {
            cluster: seed::cluster(&options.default, options.generated_orgs),
            tokens,
            generation: 1,
            min_valid_generation: 0,
            faults: options.faults.clone(),
            configure_log: Vec::new(),
            calls: BTreeMap::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A handler never panics while holding the lock; recover the data if one did.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A ThoughtSpot error response.
    fn error(&self, status: StatusCode, debug: &str) -> Response {
        let code = match status.as_u16() {
            400 | 415 => 10002,
            401 => 10097,
            403 => 10023,
            404 => 10004,
            _ => 10038,
        };
        let (incident, trace) = (guid(), guid());
        let body = if self.lock().faults.live_error_shape {
            json!({"error": {"message": {"debug": {
                "code": code, "incident_id_guid": incident, "trace_id_guid": trace,
                "debug": serde_json::to_string(&[debug]).unwrap_or_default()
            }}}})
        } else {
            json!({"error": {"message": {
                "code": code, "incident_id_guid": incident, "trace_id_guid": trace, "debug": debug
            }}})
        };
        (status, Json(body)).into_response()
    }

    /// The user behind the request's bearer token, or a 401 response.
    fn authenticate(&self, headers: &HeaderMap) -> Result<Caller, Fail> {
        let unauthorized = |m: &str| Err(Fail::new(StatusCode::UNAUTHORIZED, m));
        let Some(token) = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
        else {
            return unauthorized("Authentication required: send Authorization: Bearer <token>.");
        };
        let mut inner = self.lock();
        if let Some(n) = inner.faults.unauthorized_after {
            if n == 0 {
                inner.min_valid_generation = inner.generation;
                inner.faults.unauthorized_after = None;
            } else {
                inner.faults.unauthorized_after = Some(n - 1);
            }
        }
        let user = match inner.tokens.get(token) {
            None => None,
            Some(t) if t.generation < inner.min_valid_generation => None,
            Some(t) if t.expires_at_ms.is_some_and(|e| e <= now_ms()) => None,
            Some(t) => Some((t.user, t.org_id)),
        };
        drop(inner);
        match user {
            Some((u, org_id)) => Ok(Caller {
                user: &USERS[u],
                org_id,
            }),
            None => unauthorized("The provided token is invalid or has expired."),
        }
    }
}

/// Parses a JSON body: 415 for another Content-Type, 400 for a missing or bad body.
fn parse_body<T: DeserializeOwned>(headers: &HeaderMap, body: &Bytes) -> Result<T, Fail> {
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("application/json")
        });
    if !json {
        return Err(Fail::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Content-Type must be application/json.",
        ));
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Fail::new(
            StatusCode::BAD_REQUEST,
            "A request body is required.",
        ));
    }
    serde_json::from_slice(body).map_err(|e| {
        Fail::new(
            StatusCode::BAD_REQUEST,
            format!("Invalid request body: {e}"),
        )
    })
}

fn rights(user: &User) -> Rights {
    let has = |p: &str| user.privileges.contains(&p);
    Rights {
        cluster: has("ADMINISTRATION"),
        orgs: has("ADMINISTRATION") || has("DEVELOPER") || has("APPLICATION_ADMINISTRATION"),
    }
}

pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route(&format!("{API}/auth/session/user"), get(session_user))
        .route(&format!("{API}/auth/token/full"), post(token_full))
        .route(&format!("{API}/orgs/search"), post(orgs_search))
        .route(
            &format!("{API}/system/preferences/communication-channels/configure"),
            post(configure),
        )
        .route(
            &format!("{API}/system/preferences/communication-channels/search"),
            post(search),
        )
        .route(&format!("{API}/webhooks/create"), post(webhook_create))
        .route(&format!("{API}/webhooks/search"), post(webhook_search))
        .route(&format!("{API}/webhooks/delete"), post(webhook_delete))
        .route(
            &format!("{API}/webhooks/{{webhook_identifier}}/update"),
            post(webhook_update),
        )
        .route(
            &format!("{API}/system/communication-channels/validate"),
            post(channel_validate),
        )
        .route(
            &format!("{API}/jobs/history/communication-channels/search"),
            post(channel_history),
        )
        .route("/api/{*rest}", any(not_found))
        .layer(middleware::from_fn_with_state(state.clone(), faults));
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::mirror_request())
        .allow_methods([Method::GET, Method::POST, Method::OPTIONS])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::ACCEPT,
            header::HeaderName::from_static("x-requested-by"),
        ])
        .max_age(Duration::from_secs(600));
    let mut app = Router::new()
        .route("/__demo/state", get(demo_state))
        .route("/__demo/faults", get(get_faults).post(set_faults))
        .route("/__demo/reset", post(reset))
        .merge(api);
    if let Some(dir) = &state.options.static_dir {
        app = app.fallback_service(ServeDir::new(dir));
    }
    app.layer(cors).with_state(state)
}

/// Counts calls, adds latency and answers with the configured fault.
async fn faults(State(state): State<AppState>, req: Request, next: Next) -> Response {
    enum Act {
        Status(u16),
        Malformed,
        Hang,
    }
    let path = req.uri().path().to_string();
    let (latency, act) = {
        let mut inner = state.lock();
        *inner.calls.entry(path.clone()).or_default() += 1;
        let f = &mut inner.faults;
        let applies = f.path.as_deref().is_none_or(|p| path.contains(p));
        let act = if !applies || f.times == Some(0) {
            None
        } else if f.hang {
            Some(Act::Hang)
        } else if f.malformed {
            Some(Act::Malformed)
        } else {
            f.status.map(Act::Status)
        };
        if act.is_some() {
            if let Some(t) = f.times.as_mut() {
                *t -= 1;
            }
        }
        (f.latency_ms, act)
    };
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    match act {
        None => {
            let mut resp = next.run(req).await;
            match resp.extensions_mut().remove::<Fail>() {
                Some(f) => state.error(f.status, &f.debug),
                None => resp,
            }
        }
        Some(Act::Hang) => {
            // The client gives up first; the connection closes with it.
            tokio::time::sleep(Duration::from_secs(3600)).await;
            StatusCode::GATEWAY_TIMEOUT.into_response()
        }
        Some(Act::Malformed) => Response::builder()
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(
                r#"{"cluster_preferences":[{"event_type":"LIVEB"#,
            ))
            .unwrap_or_default(),
        Some(Act::Status(code)) => {
            let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            state.error(
                status,
                "Injected fault: the demo server was told to fail this call.",
            )
        }
    }
}

async fn not_found() -> Fail {
    Fail::new(StatusCode::NOT_FOUND, "No such endpoint.")
}

async fn session_user(State(state): State<AppState>, headers: HeaderMap) -> Reply {
    let Caller { user, org_id } = state.authenticate(&headers)?;
    let inner = state.lock();
    let org_name = inner
        .cluster
        .orgs
        .iter()
        .find(|o| o.id == org_id)
        .map(|o| o.name.clone())
        .unwrap_or_default();
    Ok(Json(json!({
        "id": user.id,
        "name": user.name,
        "display_name": user.display_name,
        "visibility": "SHARABLE",
        "email": format!("{}@example.com", user.name),
        "account_type": "LOCAL_USER",
        "account_status": "ACTIVE",
        "current_org": {"id": org_id, "name": org_name},
        "orgs": [{"id": org_id, "name": org_name}],
        "privileges": user.privileges,
        "super_user": false,
        "tenant_id": "demo-tenant"
    }))
    .into_response())
}

#[derive(Deserialize)]
struct TokenRequest {
    username: String,
    password: Option<String>,
    secret_key: Option<String>,
    validity_time_in_sec: Option<u64>,
    org_id: Option<i64>,
}

async fn token_full(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Reply {
    let req: TokenRequest = parse_body(&headers, &body)?;
    if req.password.is_none() && req.secret_key.is_none() {
        return Err(Fail::new(
            StatusCode::BAD_REQUEST,
            "Either secret_key or password must be provided.",
        ));
    }
    // The demo has no trusted-authentication secret keys: only passwords sign in.
    let user = USERS
        .iter()
        .position(|u| {
            u.name == req.username
                && req.secret_key.is_none()
                && req.password.as_deref() == Some(u.password)
        })
        .ok_or_else(|| {
            Fail::new(
                StatusCode::UNAUTHORIZED,
                "Invalid credentials. The provided secret key or password is incorrect.",
            )
        })?;
    let org_id = match req.org_id {
        None => 0,
        Some(id) => {
            let known = i32::try_from(id)
                .ok()
                .filter(|id| state.lock().cluster.orgs.iter().any(|o| o.id == *id));
            known.ok_or_else(|| {
                Fail::new(
                    StatusCode::BAD_REQUEST,
                    "org_id does not match a known org.",
                )
            })?
        }
    };
    let validity = req.validity_time_in_sec.unwrap_or(300);
    let created = now_ms();
    let expires = created + u128::from(validity) * 1000;
    let token = format!("demo-{:016x}{:016x}", random_u64(), random_u64());
    let mut inner = state.lock();
    let generation = inner.generation;
    inner.generation += 1;
    inner.tokens.insert(
        token.clone(),
        Token {
            user,
            generation,
            expires_at_ms: Some(expires),
            org_id,
        },
    );
    let u = &USERS[user];
    Ok(Json(json!({
        "token": token,
        "creation_time_in_millis": created as u64,
        "expiration_time_in_millis": expires as u64,
        "scope": {"access_type": "FULL", "org_id": org_id},
        "valid_for_user_id": u.id,
        "valid_for_username": u.name
    }))
    .into_response())
}

async fn orgs_search(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Reply {
    let user = state.authenticate(&headers)?.user;
    let req: OrgsSearchRequest = parse_body(&headers, &body)?;
    if !rights(user).cluster {
        return Err(Fail::new(
            StatusCode::FORBIDDEN,
            "ADMINISTRATION privilege required to search Orgs.",
        ));
    }
    let orgs = state.lock().cluster.search_orgs(&req);
    Ok(Json(orgs).into_response())
}

async fn configure(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Reply {
    let user = state.authenticate(&headers)?.user;
    let req: ConfigureRequest = parse_body(&headers, &body)?;
    let mut inner = state.lock();
    inner.cluster.configure(req, rights(user))?;
    let logged = serde_json::from_slice(&body).unwrap_or(Value::Null);
    inner.configure_log.push(logged);
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn search(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Reply {
    let user = state.authenticate(&headers)?.user;
    let req: SearchRequest = parse_body(&headers, &body)?;
    let resp = state.lock().cluster.search(&req, rights(user))?;
    Ok(Json(resp).into_response())
}

const WEBHOOKS_FORBIDDEN: &str =
    "ADMINISTRATION or DEVELOPER privilege (or CAN_MANAGE_WEBHOOKS) required to manage webhooks.";

/// The caller, if it may manage webhooks.
fn webhook_caller(state: &AppState, headers: &HeaderMap) -> Result<Caller, Fail> {
    let caller = state.authenticate(headers)?;
    if rights(caller.user).orgs {
        Ok(caller)
    } else {
        Err(Fail::new(StatusCode::FORBIDDEN, WEBHOOKS_FORBIDDEN))
    }
}

async fn webhook_create(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Reply {
    let caller = webhook_caller(&state, &headers)?;
    let input: WebhookInput = parse_body(&headers, &body)?;
    let resp = state.lock().cluster.create_webhook(
        input,
        caller.org_id,
        caller.user.name,
        now_ms() as u64,
        guid(),
    )?;
    Ok(Json(resp).into_response())
}

async fn webhook_search(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Reply {
    webhook_caller(&state, &headers)?;
    let input: WebhookSearchInput = parse_body(&headers, &body)?;
    let resp = state.lock().cluster.search_webhooks(&input)?;
    Ok(Json(resp).into_response())
}

async fn webhook_update(
    State(state): State<AppState>,
    Path(ident): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Reply {
    let caller = webhook_caller(&state, &headers)?;
    let input: WebhookInput = parse_body(&headers, &body)?;
    state
        .lock()
        .cluster
        .update_webhook(&ident, input, caller.user.name, now_ms() as u64)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn webhook_delete(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Reply {
    webhook_caller(&state, &headers)?;
    let input: DeleteInput = parse_body(&headers, &body)?;
    let resp = state
        .lock()
        .cluster
        .delete_webhooks(&input.webhook_identifiers);
    Ok(Json(resp).into_response())
}

/// 404 on a server older than 26.4.0.cl, as such a server has no such endpoint.
fn since_26_4(state: &AppState) -> Result<(), Fail> {
    if state.lock().faults.before_26_4 {
        Err(Fail::new(StatusCode::NOT_FOUND, "No such endpoint."))
    } else {
        Ok(())
    }
}

async fn channel_validate(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Reply {
    since_26_4(&state)?;
    webhook_caller(&state, &headers)?;
    let input: ValidateInput = parse_body(&headers, &body)?;
    let mut inner = state.lock();
    let failing = inner.faults.failing_receiver;
    let resp = inner.cluster.validate_webhook(
        &input.channel_identifier,
        failing,
        now_ms() as u64,
        format!("n.validation-{}", guid()),
    )?;
    Ok(Json(resp).into_response())
}

async fn channel_history(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Reply {
    since_26_4(&state)?;
    webhook_caller(&state, &headers)?;
    let input: HistoryInput = parse_body(&headers, &body)?;
    let resp = state.lock().cluster.channel_history(&input)?;
    Ok(Json(resp).into_response())
}

/// The whole cluster, the successful configure bodies and the call counts, for tests.
async fn demo_state(State(state): State<AppState>) -> Response {
    let inner = state.lock();
    Json(json!({
        "cluster": inner.cluster,
        "configure_log": inner.configure_log,
        "calls": inner.calls,
        "faults": inner.faults,
    }))
    .into_response()
}

async fn get_faults(State(state): State<AppState>) -> Response {
    Json(state.lock().faults.clone()).into_response()
}

async fn set_faults(State(state): State<AppState>, body: Bytes) -> Response {
    match serde_json::from_slice::<Faults>(&body) {
        Ok(f) => {
            state.lock().faults = f.clone();
            Json(f).into_response()
        }
        Err(e) => (StatusCode::BAD_REQUEST, format!("Invalid faults: {e}")).into_response(),
    }
}

/// Back to the seeded cluster and the start-up faults; every minted token is forgotten.
async fn reset(State(state): State<AppState>) -> Response {
    *state.lock() = AppState::fresh(&state.options);
    StatusCode::NO_CONTENT.into_response()
}
