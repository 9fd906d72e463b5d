//! Signing in (`auth/token/full`) and who is signed in (`auth/session/user`).
//! Only passwords sign in: the demo has no trusted-authentication secret keys,
//! and a user with MFA on is refused a password login.

use crate::access::PRIMARY_ORG;
use crate::clock::now_ms;
use crate::http::fail::{Fail, Reply};
use crate::http::state::{AppState, Caller};
use crate::seed::USERS;
use axum::{body::Bytes, extract::State, http::HeaderMap, http::StatusCode};
use serde::{Deserialize, Serialize};
use ts_wire::{OrgRef, SessionUser};

/// The body of `auth/token/full`. Not the wire crate's `TokenRequest`, which
/// always has a password and a validity: here either may be left out, and a
/// `secret_key` sent (and refused: the demo has none).
#[derive(Deserialize)]
struct TokenInput {
    username: String,
    password: Option<String>,
    secret_key: Option<String>,
    validity_time_in_sec: Option<u64>,
    org_id: Option<i64>,
}

#[derive(Serialize)]
struct TokenScope {
    access_type: &'static str,
    org_id: i32,
}

/// What `auth/token/full` answers (`Token`). Not the wire crate's `Token`,
/// which reads only the token, its expiry (as a JavaScript number) and the
/// user name: here is all the spec requires, times as its integers.
#[derive(Serialize)]
struct TokenAnswer {
    token: String,
    creation_time_in_millis: u64,
    expiration_time_in_millis: u64,
    scope: TokenScope,
    valid_for_user_id: &'static str,
    valid_for_username: &'static str,
}

/// What `auth/session/user` answers: the panel's `SessionUser` (its
/// `privileges` left out with the `unlisted_privileges` fault) and the rest of
/// the spec's `User`.
#[derive(Serialize)]
struct UserAnswer {
    #[serde(flatten)]
    user: SessionUser,
    visibility: &'static str,
    email: String,
    account_type: &'static str,
    account_status: &'static str,
    orgs: Vec<OrgRef>,
    super_user: bool,
    tenant_id: &'static str,
}

const MFA_REFUSED: &str = "Multi-factor authentication (MFA) is enabled for this user: username and password login is not allowed. Use a secret_key (trusted authentication) instead.";

pub async fn session_user(State(state): State<AppState>, headers: HeaderMap) -> Reply {
    let ep = state.endpoint("GET", "/auth/session/user")?;
    let Caller { user, scope } = state.authenticate(&headers)?;
    let (name, unlisted) = {
        let inner = state.lock();
        let name = inner.cluster.org_name(scope.org_id);
        (name, inner.faults.unlisted_privileges)
    };
    let org = OrgRef {
        id: scope.org_id.into(),
        name,
    };
    let privileges = user.privileges.iter().map(|p| p.to_string()).collect();
    let answer = UserAnswer {
        user: SessionUser {
            id: user.id.into(),
            name: user.name.into(),
            display_name: user.display_name.into(),
            current_org: Some(org.clone()),
            privileges: (!unlisted).then_some(privileges),
        },
        visibility: "SHARABLE",
        email: format!("{}@example.com", user.name),
        account_type: "LOCAL_USER",
        account_status: "ACTIVE",
        orgs: vec![org],
        super_user: false,
        tenant_id: "demo-tenant",
    };
    state.answer(ep, answer)
}

/// The index in `USERS` of the user these credentials sign in, or a 401.
fn sign_in(req: &TokenInput) -> Result<usize, Fail> {
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
    Ok(user)
}

pub async fn token_full(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Reply {
    let ep = state.endpoint("POST", "/auth/token/full")?;
    let req: TokenInput = state.parse_body(ep, &headers, &body)?;
    if req.password.is_none() && req.secret_key.is_none() {
        return Err(Fail::new(
            StatusCode::BAD_REQUEST,
            "Either secret_key or password must be provided.",
        ));
    }
    let user = sign_in(&req)?;
    let org_id = match req.org_id {
        None => PRIMARY_ORG,
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
    let token = state.issue(user, org_id, expires);
    let u = &USERS[user];
    let answer = TokenAnswer {
        token,
        creation_time_in_millis: created as u64,
        expiration_time_in_millis: expires as u64,
        scope: TokenScope {
            access_type: "FULL",
            org_id,
        },
        valid_for_user_id: u.id,
        valid_for_username: u.name,
    };
    state.answer(ep, answer)
}
