//! The HTTP face of the demo server: ThoughtSpot REST v2 routes, bearer-token
//! auth, ThoughtSpot-shaped error bodies, and the fault switches the end-to-end
//! tests use. Every call is answered as the imitated release would: endpoints it
//! lacks are 404, request bodies are checked against the vendored schemas
//! (`spec.rs`), privileges and the token's Org are enforced (`access.rs`), and CORS
//! follows an allowlist (`cors.rs`). Control routes live under `/__demo/` and are
//! not part of ThoughtSpot's API.
//!
//! Each API call is checked in this order: 404 (endpoint newer than the release),
//! 401 (token), 415 and 400 (Content-Type, body, schema), 403 (privileges), then
//! the endpoint's own rules (400, and 403 code 13090 for the Org scope).

use crate::access::{self, Family, Scope};
use crate::cluster::{ConfigureRequest, OrgsSearchRequest, Refusal, SearchRequest};
use crate::seed::{self, DefaultSeed, User, USERS};
use crate::spec::{spec_for, Endpoint, Release};
use crate::webhooks::{
    DeleteInput, HistoryInput, SearchInput as WebhookSearchInput, ValidateInput, WebhookInput,
};
use axum::{
    body::{Body, Bytes},
    extract::{Path, Request, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
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
use tower_http::services::ServeDir;

pub const API: &str = "/api/rest/2.0";

/// A failed API call: its status, ThoughtSpot's `debug` text and, when it is not
/// the status's usual one, ThoughtSpot's error code. Handlers return it; the
/// `faults` middleware, which wraps every API route, renders the body.
#[derive(Clone, Debug)]
pub struct Fail {
    status: StatusCode,
    debug: String,
    code: Option<i64>,
}

impl Fail {
    fn new(status: StatusCode, debug: impl Into<String>) -> Self {
        Fail {
            status,
            debug: debug.into(),
            code: None,
        }
    }

    fn with_code(mut self, code: i64) -> Self {
        self.code = Some(code);
        self
    }
}

impl From<Refusal> for Fail {
    fn from(r: Refusal) -> Self {
        match r {
            Refusal::BadRequest(m) => Fail::new(StatusCode::BAD_REQUEST, m),
            Refusal::Forbidden(m) => Fail::new(StatusCode::FORBIDDEN, m),
            Refusal::OutOfScope(m) => {
                Fail::new(StatusCode::FORBIDDEN, m).with_code(access::ORG_ACCESS_CODE)
            }
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
    /// A token that is always valid for the `admin` user (unless expired by a
    /// fault); it is scoped to the Primary Org.
    pub static_token: String,
    pub default: DefaultSeed,
    pub generated_orgs: usize,
    pub faults: Faults,
    /// A folder of static files (the panel's `dist/`) served at `/`.
    pub static_dir: Option<std::path::PathBuf>,
    /// The port the server listens on; the default CORS allowlist names it.
    pub port: u16,
}

/// The run-time switches of `/__demo/faults`. A field left out of a POST takes
/// its default, so `{}` turns every fault off and restores the default release,
/// RBAC and CORS allowlist.
///
/// The `status`, `malformed` and `hang` faults apply to API calls whose path
/// contains `path` (all when unset), `times` times (always when unset); `hang`
/// wins over `malformed`, which wins over `status`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Faults {
    /// Answer with this HTTP status and a ThoughtSpot error body (e.g. 500, 502, 429).
    pub status: Option<u16>,
    /// With `status`: add `Retry-After: N` (meant for 429).
    pub retry_after_s: Option<u32>,
    /// With `status`: this ThoughtSpot error code in the body instead of the
    /// status's usual one (e.g. 13090 with 403).
    pub code: Option<i64>,
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
    /// The release to imitate (`X.Y.Z.cl`, default 26.8.0.cl): endpoints added
    /// later are 404, request fields added later are 400, and answers leave out
    /// fields added later.
    pub release: Release,
    /// Role-based access control: while on, the privileges the spec grants "if
    /// RBAC is enabled" count (APPLICATION_ADMINISTRATION, ORG_ADMINISTRATION,
    /// SYSTEM_INFO_ADMINISTRATION, CAN_MANAGE_WEBHOOKS). Default on.
    pub rbac: bool,
    /// Origins (exact, e.g. `http://127.0.0.1:8080`) whose cross-origin requests
    /// get CORS headers. Unset: the demo's own origins, http://127.0.0.1:8080,
    /// http://localhost:8080, and http://127.0.0.1:PORT and http://localhost:PORT
    /// for the port the server listens on.
    pub cors_origins: Option<Vec<String>>,
    /// Every 401 and 502 answer comes without CORS headers, as from a gateway in
    /// front of the cluster.
    pub gateway_errors: bool,
    /// The Org with this id or name (matched as `org_identifier` is) is left
    /// exactly as it was by every configure call: a call that is otherwise
    /// valid answers 204 and applies everything else, and the configure log
    /// records the body as sent. A read-back then shows that Org's change as
    /// not held.
    pub ignore_org: Option<String>,
    /// After each successful configure call, the next call to the preferences
    /// search answers 500 (the read-back after a save fails once); the call
    /// after that is answered as usual.
    pub readback_fail: bool,
    /// Act as a server newer than the vendored spec: it also knows the event
    /// type ALERT_DIGEST and the channel SLACK, in requests (validated against
    /// the vendored schemas with those enums extended) and in answers. Switching
    /// it on, at start-up or here, adds the newer seed (`seed::newer_server`) to
    /// the cluster in place; switching it off here drops every ALERT_DIGEST and
    /// SLACK from the cluster (`Cluster::forget_newer`).
    pub newer_server: bool,
    /// Orgs (each an id or a name, matched as `org_identifier` is) whose
    /// webhook fails its scheduled deliveries of the last 2 days, in addition
    /// to the seed's failing Org (HR, which `[]` leaves failing): in the
    /// delivery history, the deliveries to their webhooks from 2 days before
    /// start-up on are FAILED ("The receiver answered HTTP 500.", try count 3).
    /// The history is worked out when asked for, so switching this at run
    /// time changes those past deliveries too. Names matching no Org are
    /// ignored.
    pub failing_deliveries: Vec<String>,
    /// `auth/session/user` answers without `privileges` (the spec makes the
    /// field optional): a client cannot tell what the user may do until it tries.
    pub unlisted_privileges: bool,
}

impl Default for Faults {
    fn default() -> Self {
        Faults {
            status: None,
            retry_after_s: None,
            code: None,
            malformed: false,
            hang: false,
            path: None,
            times: None,
            unauthorized_after: None,
            latency_ms: 0,
            live_error_shape: false,
            failing_receiver: false,
            release: Release::LATEST,
            rbac: true,
            cors_origins: None,
            gateway_errors: false,
            ignore_org: None,
            readback_fail: false,
            newer_server: false,
            failing_deliveries: Vec::new(),
            unlisted_privileges: false,
        }
    }
}

impl Faults {
    /// The origins that get CORS headers under these faults, for a server
    /// listening on `port`: `cors_origins`, or the demo's own when unset.
    pub fn allowed_origins(&self, port: u16) -> Vec<String> {
        self.cors_origins
            .clone()
            .unwrap_or_else(|| default_cors_origins(port))
    }
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
    scope: Scope,
}

struct Inner {
    cluster: crate::cluster::Cluster,
    tokens: HashMap<String, Token>,
    generation: u64,
    min_valid_generation: u64,
    faults: Faults,
    /// Bodies of the configure calls that succeeded, in order.
    configure_log: Vec<Value>,
    /// Calls per API path (every call, answered or not).
    calls: BTreeMap<String, u64>,
    /// A configure call succeeded while `readback_fail` was on and no search
    /// has been answered since: the next search fails.
    readback_pending: bool,
}

#[derive(Clone)]
pub struct AppState {
    inner: Arc<Mutex<Inner>>,
    options: Arc<Options>,
    /// When the server started (ms since the epoch): the seeded deliveries'
    /// times are relative to it, also after `/__demo/reset`.
    started_ms: u64,
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

/// ThoughtSpot's usual error code for a status.
fn default_code(status: StatusCode) -> i64 {
    match status.as_u16() {
        400 | 415 => 10002,
        401 => 10097,
        403 => 10023,
        404 => 10004,
        _ => 10038,
    }
}

impl AppState {
    pub fn new(options: Options) -> Self {
        // Compile both sets of schemas now rather than on the first call.
        spec_for(false);
        spec_for(true);
        let started_ms = now_ms() as u64;
        let inner = Self::fresh(&options, started_ms);
        AppState {
            inner: Arc::new(Mutex::new(inner)),
            options: Arc::new(options),
            started_ms,
        }
    }

    fn fresh(options: &Options, started_ms: u64) -> Inner {
        let mut tokens = HashMap::new();
        tokens.insert(
            options.static_token.clone(),
            Token {
                user: 0,
                generation: 0,
                expires_at_ms: None,
                org_id: access::PRIMARY_ORG,
            },
        );
        let mut cluster = seed::cluster(&options.default, options.generated_orgs, started_ms);
        if options.faults.newer_server {
            seed::newer_server(&mut cluster);
        }
        Inner {
            cluster,
            tokens,
            generation: 1,
            min_valid_generation: 0,
            faults: options.faults.clone(),
            configure_log: Vec::new(),
            calls: BTreeMap::new(),
            readback_pending: false,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A handler never panics while holding the lock; recover the data if one did.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The origins whose cross-origin calls get CORS headers now.
    pub fn cors_origins(&self) -> Vec<String> {
        self.lock().faults.allowed_origins(self.options.port)
    }

    /// Whether 401 and 502 answers go out without CORS headers.
    pub fn gateway_errors(&self) -> bool {
        self.lock().faults.gateway_errors
    }

    /// A ThoughtSpot error response; `code` replaces the status's usual code.
    fn error(&self, status: StatusCode, debug: &str, code: Option<i64>) -> Response {
        let code = code.unwrap_or_else(|| default_code(status));
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

    /// The endpoint `METHOD {API}path` (with the newer server's schemas while
    /// `newer_server` is on), or 404 if the imitated release predates it.
    fn endpoint(&self, method: &str, path: &str) -> Result<&'static Endpoint, Fail> {
        let (newer_server, release) = {
            let inner = self.lock();
            (inner.faults.newer_server, inner.faults.release)
        };
        let ep = spec_for(newer_server).endpoint(method, &format!("{API}{path}"));
        if ep.since > release {
            Err(Fail::new(StatusCode::NOT_FOUND, "No such endpoint."))
        } else {
            Ok(ep)
        }
    }

    /// 403 unless the caller's privileges grant `family` (RBAC as switched now).
    fn require(&self, caller: &Caller, family: Family) -> Result<(), Fail> {
        let rbac = self.lock().faults.rbac;
        access::require(caller.user.privileges, family, rbac)
            .map_err(|m| Fail::new(StatusCode::FORBIDDEN, m))
    }

    /// A 200 answer as the imitated release sends it.
    fn answer(&self, ep: &Endpoint, body: Value) -> Reply {
        let release = self.lock().faults.release;
        Ok(Json(ep.for_release(body, release)).into_response())
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
                scope: Scope { org_id },
            }),
            None => unauthorized("The provided token is invalid or has expired."),
        }
    }

    /// The checks an API call with a JSON body passes once its endpoint exists,
    /// in order: 401 (token), 415 and 400 (Content-Type, body, schema), then 403
    /// (privileges for `family`). Answers the caller and the parsed body.
    fn admit<T: DeserializeOwned>(
        &self,
        ep: &Endpoint,
        headers: &HeaderMap,
        body: &Bytes,
        family: Family,
    ) -> Result<(Caller, T), Fail> {
        let caller = self.authenticate(headers)?;
        let input = self.parse_body(ep, headers, body)?;
        self.require(&caller, family)?;
        Ok((caller, input))
    }

    /// A POST to `{API}path` that answers 200 with a body: 404 unless the
    /// imitated release has the endpoint, the checks of `admit`, then `act` on
    /// the state with the caller and the parsed body.
    fn respond<T: DeserializeOwned>(
        &self,
        path: &str,
        headers: &HeaderMap,
        body: &Bytes,
        family: Family,
        act: impl FnOnce(&mut Inner, Caller, T) -> Result<Value, Refusal>,
    ) -> Reply {
        let ep = self.endpoint("POST", path)?;
        let (caller, input) = self.admit(ep, headers, body, family)?;
        let resp = act(&mut self.lock(), caller, input)?;
        self.answer(ep, resp)
    }

    /// Parses a JSON body as the imitated release would: 415 for another
    /// Content-Type; 400 for a missing body, bad JSON, a field newer than the
    /// release, or a body its endpoint's request schema refuses.
    fn parse_body<T: DeserializeOwned>(
        &self,
        ep: &Endpoint,
        headers: &HeaderMap,
        body: &Bytes,
    ) -> Result<T, Fail> {
        let bad = |m: String| Fail::new(StatusCode::BAD_REQUEST, m);
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
            return Err(bad("A request body is required.".into()));
        }
        let value: Value =
            serde_json::from_slice(body).map_err(|e| bad(format!("Invalid request body: {e}")))?;
        let release = self.lock().faults.release;
        ep.check_request(&value, release).map_err(bad)?;
        serde_json::from_value(value).map_err(|e| bad(format!("Invalid request body: {e}")))
    }
}

/// The demo's own origins: the panel's dev server and the server itself.
pub fn default_cors_origins(port: u16) -> Vec<String> {
    let mut out = Vec::new();
    for p in [8080, port] {
        for host in ["127.0.0.1", "localhost"] {
            let o = format!("http://{host}:{p}");
            if !out.contains(&o) {
                out.push(o);
            }
        }
    }
    out
}

pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route(&format!("{API}/auth/session/user"), get(session_user))
        .route(&format!("{API}/auth/token/full"), post(token_full))
        .route(&format!("{API}/system"), get(system_info))
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
    let mut app = Router::new()
        .route("/__demo/state", get(demo_state))
        .route("/__demo/faults", get(get_faults).post(set_faults))
        .route("/__demo/reset", post(reset))
        .merge(api);
    if let Some(dir) = &state.options.static_dir {
        let files = Router::new().fallback_service(ServeDir::new(dir)).layer(
            middleware::from_fn_with_state(
                crate::framing::Headers::for_dir(dir),
                crate::framing::protect,
            ),
        );
        app = app.fallback_service(files);
    }
    app.layer(middleware::from_fn_with_state(
        state.clone(),
        crate::cors::cors,
    ))
    .with_state(state)
}

/// Counts calls, adds latency and answers with the configured fault.
async fn faults(State(state): State<AppState>, req: Request, next: Next) -> Response {
    enum Act {
        Status(u16, Option<u32>, Option<i64>),
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
            f.status.map(|s| Act::Status(s, f.retry_after_s, f.code))
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
                Some(f) => state.error(f.status, &f.debug, f.code),
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
        Some(Act::Status(code, retry_after, ts_code)) => {
            let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let debug = match status.as_u16() {
                429 => "Too many requests: the cluster is busy. Try again later.",
                _ => "Injected fault: the demo server was told to fail this call.",
            };
            let mut resp = state.error(status, debug, ts_code);
            if let Some(n) = retry_after {
                resp.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(n));
            }
            resp
        }
    }
}

async fn not_found() -> Fail {
    Fail::new(StatusCode::NOT_FOUND, "No such endpoint.")
}

async fn session_user(State(state): State<AppState>, headers: HeaderMap) -> Reply {
    let ep = state.endpoint("GET", "/auth/session/user")?;
    let Caller { user, scope } = state.authenticate(&headers)?;
    let (name, unlisted) = {
        let inner = state.lock();
        let name = inner.cluster.org_name(scope.org_id);
        (name, inner.faults.unlisted_privileges)
    };
    let mut user = json!({
            "id": user.id,
            "name": user.name,
            "display_name": user.display_name,
            "visibility": "SHARABLE",
            "email": format!("{}@example.com", user.name),
            "account_type": "LOCAL_USER",
            "account_status": "ACTIVE",
            "current_org": {"id": scope.org_id, "name": name},
            "orgs": [{"id": scope.org_id, "name": name}],
            "privileges": user.privileges,
            "super_user": false,
            "tenant_id": "demo-tenant"
    });
    if unlisted {
        user.as_object_mut().map(|u| u.remove("privileges"));
    }
    state.answer(ep, user)
}

#[derive(Deserialize)]
struct TokenRequest {
    username: String,
    password: Option<String>,
    secret_key: Option<String>,
    validity_time_in_sec: Option<u64>,
    org_id: Option<i64>,
}

const MFA_REFUSED: &str = "Multi-factor authentication (MFA) is enabled for this user: username and password login is not allowed. Use a secret_key (trusted authentication) instead.";

async fn token_full(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Reply {
    let ep = state.endpoint("POST", "/auth/token/full")?;
    let req: TokenRequest = state.parse_body(ep, &headers, &body)?;
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
    if USERS[user].mfa {
        return Err(Fail::new(StatusCode::UNAUTHORIZED, MFA_REFUSED));
    }
    let org_id = match req.org_id {
        None => access::PRIMARY_ORG,
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
    {
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
    }
    let u = &USERS[user];
    state.answer(
        ep,
        json!({
            "token": token,
            "creation_time_in_millis": created as u64,
            "expiration_time_in_millis": expires as u64,
            "scope": {"access_type": "FULL", "org_id": org_id},
            "valid_for_user_id": u.id,
            "valid_for_username": u.name
        }),
    )
}

async fn system_info(State(state): State<AppState>, headers: HeaderMap) -> Reply {
    let ep = state.endpoint("GET", "/system")?;
    let caller = state.authenticate(&headers)?;
    state.require(&caller, Family::System)?;
    let release = state.lock().faults.release;
    state.answer(
        ep,
        json!({
            "id": "demo",
            "name": "demo",
            "release_version": release.to_string(),
            "time_zone": "UTC",
            "locale": "en-US",
            "date_format": "MM/dd/yyyy",
            "api_version": "v2",
            "type": "SAAS",
            "environment": "DEV",
            "license": "EAE",
            "date_time_format": "MM/dd/yyyy h:mm a",
            "time_format": "HH:mm:ss",
            "system_user_id": "67e15c06-d153-4924-a4cd-ff615393b60f",
            "super_user_id": "0f0dd0f7-7411-4195-a4aa-0dc6b58413c9",
            "hidden_object_id": "31745bb4-defd-4e8b-8de9-8fd01db78827",
            "system_group_id": "179d8867-cf36-4a8d-a019-63a226fd3196",
            "tsadmin_user_id": USERS[0].id,
            "admin_group_id": "d0326b56-ef23-4c8a-8327-a30e99bcc72b",
            "all_tables_connection_id": "bfc6feb4-8dac-402c-8ae8-78b43d318777",
            "all_user_group_id": "b25ee394-9d13-49e3-9385-cd97f5b253b4",
            "accept_language": "en-US",
            "all_user_group_member_user_count": USERS.len(),
            "logical_model_version": 43
        }),
    )
}

async fn orgs_search(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Reply {
    let act = |inner: &mut Inner, caller: Caller, req: OrgsSearchRequest| {
        Ok(json!(inner.cluster.search_orgs(&req, caller.scope)))
    };
    state.respond("/orgs/search", &headers, &body, Family::Orgs, act)
}

async fn configure(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Reply {
    let ep = state.endpoint(
        "POST",
        "/system/preferences/communication-channels/configure",
    )?;
    let (caller, req): (Caller, ConfigureRequest) =
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

const READBACK_FAILED: &str = "Injected fault: the read-back after a save failed.";

/// Answers a search; the first one after a save fails while `readback_fail` is on.
async fn search(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Reply {
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
    state.answer(ep, json!(resp))
}

async fn webhook_create(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Reply {
    let act = |inner: &mut Inner, caller: Caller, input: WebhookInput| {
        inner.cluster.create_webhook(
            input,
            caller.scope.org_id,
            caller.user.name,
            now_ms() as u64,
            guid(),
        )
    };
    state.respond("/webhooks/create", &headers, &body, Family::Webhooks, act)
}

async fn webhook_search(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Reply {
    let act = |inner: &mut Inner, caller: Caller, input: WebhookSearchInput| {
        inner.cluster.search_webhooks(&input, caller.scope)
    };
    state.respond("/webhooks/search", &headers, &body, Family::Webhooks, act)
}

async fn webhook_update(
    State(state): State<AppState>,
    Path(ident): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Reply {
    let ep = state.endpoint("POST", "/webhooks/{webhook_identifier}/update")?;
    let (caller, input): (Caller, WebhookInput) =
        state.admit(ep, &headers, &body, Family::Webhooks)?;
    state.lock().cluster.update_webhook(
        &ident,
        input,
        caller.user.name,
        now_ms() as u64,
        caller.scope,
    )?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn webhook_delete(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Reply {
    let act = |inner: &mut Inner, caller: Caller, input: DeleteInput| {
        inner
            .cluster
            .delete_webhooks(&input.webhook_identifiers, caller.scope)
    };
    state.respond("/webhooks/delete", &headers, &body, Family::Webhooks, act)
}

async fn channel_validate(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Reply {
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

async fn channel_history(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Reply {
    let act = |inner: &mut Inner, caller: Caller, input: HistoryInput| {
        let failing = &inner.faults.failing_deliveries;
        inner
            .cluster
            .channel_history(&input, caller.scope, now_ms() as u64, failing)
    };
    let path = "/jobs/history/communication-channels/search";
    state.respond(path, &headers, &body, Family::History, act)
}

/// The whole cluster (with `deliveries`, the delivery grid: `started_ms`,
/// `slot_ms`, `interval_ms`, `failing_since_ms`, `failing_orgs`), the
/// successful configure bodies, the call counts, the faults and the CORS
/// allowlist in force, for tests.
async fn demo_state(State(state): State<AppState>) -> Response {
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

async fn get_faults(State(state): State<AppState>) -> Response {
    Json(state.lock().faults.clone()).into_response()
}

async fn set_faults(State(state): State<AppState>, body: Bytes) -> Response {
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
async fn reset(State(state): State<AppState>) -> Response {
    *state.lock() = AppState::fresh(&state.options, state.started_ms);
    StatusCode::NO_CONTENT.into_response()
}
