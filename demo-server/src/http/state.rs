//! What the server holds between calls: the cluster, the tokens it issued,
//! the faults in force, and what tests read back (the configure log, the call
//! counts); and the options it started with, which `/__demo/reset` returns to.

use crate::access::{Scope, PRIMARY_ORG};
use crate::clock::now_ms;
use crate::domain::cluster::Cluster;
use crate::faults::Faults;
use crate::seed::{self, DefaultSeed, User, Variant};
use crate::spec::spec_for;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard};

/// How the server starts, and what `/__demo/reset` returns it to.
#[derive(Clone, Debug)]
pub struct Options {
    /// A token that is always valid for the `admin` user (unless expired by a
    /// fault); it is scoped to the Primary Org.
    pub static_token: String,
    /// Which demo cluster to seed.
    pub variant: Variant,
    /// The cluster default it starts with (each variant has its own, see
    /// `Variant::cluster_default`).
    pub default: DefaultSeed,
    pub generated_orgs: usize,
    pub faults: Faults,
    /// A folder of static files (the panel's `dist/`) served at `/`.
    pub static_dir: Option<std::path::PathBuf>,
    /// The port the server listens on; the default CORS allowlist names it.
    pub port: u16,
}

/// A token the server issued.
pub struct Token {
    /// The index of its user in `seed::USERS`.
    pub user: usize,
    /// Tokens older than `Inner::min_valid_generation` are rejected.
    pub generation: u64,
    pub expires_at_ms: Option<u128>,
    /// The Org the token is scoped to (`token/full`'s `org_id`; 0 by default).
    pub org_id: i32,
}

/// Who is calling, and in which Org.
#[derive(Clone, Copy)]
pub struct Caller {
    pub user: &'static User,
    pub scope: Scope,
}

pub struct Inner {
    pub cluster: Cluster,
    pub tokens: HashMap<String, Token>,
    /// The generation of the next token issued.
    pub generation: u64,
    pub min_valid_generation: u64,
    pub faults: Faults,
    /// Bodies of the configure calls that succeeded, in order.
    pub configure_log: Vec<Value>,
    /// Calls per API path (every call, answered or not).
    pub calls: BTreeMap<String, u64>,
    /// A configure call succeeded while `readback_fail` was on and no search
    /// has been answered since: the next search fails.
    pub readback_pending: bool,
}

#[derive(Clone)]
pub struct AppState {
    inner: Arc<Mutex<Inner>>,
    pub(crate) options: Arc<Options>,
    /// When the server started (ms since the epoch): the seeded deliveries'
    /// times are relative to it, also after `/__demo/reset`.
    pub(crate) started_ms: u64,
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

    /// The state at start-up: the seeded cluster, the start-up faults, and only
    /// the static token.
    pub(crate) fn fresh(options: &Options, started_ms: u64) -> Inner {
        let mut tokens = HashMap::new();
        tokens.insert(
            options.static_token.clone(),
            Token {
                user: 0,
                generation: 0,
                expires_at_ms: None,
                org_id: PRIMARY_ORG,
            },
        );
        let mut cluster = seed::cluster(
            options.variant,
            &options.default,
            options.generated_orgs,
            started_ms,
        );
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

    pub(crate) fn lock(&self) -> MutexGuard<'_, Inner> {
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
}
