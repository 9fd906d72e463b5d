//! The fault switches of `/__demo/faults` and the command line: how the server
//! misbehaves, which release it imitates, and who may call it. The HTTP layer
//! reads them on every call (`http::inject`, `http::gate`, `http::cors`).

use crate::spec::Release;
use serde::{Deserialize, Serialize};

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
