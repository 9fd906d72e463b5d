//! Bearer tokens: who a request's token signs in as, and in which Org; and
//! issuing new ones. The `unauthorized_after` fault expires every token issued
//! so far after a number of calls, as if their time had run out.

use crate::access::Scope;
use crate::clock::{now_ms, random_u64};
use crate::http::fail::Fail;
use crate::http::state::{AppState, Caller, Token};
use crate::seed::USERS;
use axum::http::{header, HeaderMap, StatusCode};

impl AppState {
    /// The user behind the request's bearer token, or a 401.
    pub(crate) fn authenticate(&self, headers: &HeaderMap) -> Result<Caller, Fail> {
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

    /// A new token for the user at `user` in `seed::USERS`, scoped to `org_id`
    /// and valid until `expires_at_ms`.
    pub(crate) fn issue(&self, user: usize, org_id: i32, expires_at_ms: u128) -> String {
        let token = format!("demo-{:016x}{:016x}", random_u64(), random_u64());
        let mut inner = self.lock();
        let generation = inner.generation;
        inner.generation += 1;
        inner.tokens.insert(
            token.clone(),
            Token {
                user,
                generation,
                expires_at_ms: Some(expires_at_ms),
                org_id,
            },
        );
        token
    }
}
