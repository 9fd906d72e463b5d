//! Signing in and who is signed in: `auth/token/full`, `auth/session/user`,
//! and the Org list (`orgs/search`).

use super::{Call, Get, Resource};
use serde::{Deserialize, Serialize};

/// `auth/token/full` with a username and password (never a `secret_key`: it
/// does not belong in a browser). No bearer token is sent with it.
#[derive(Serialize, Clone, PartialEq)]
pub struct TokenRequest {
    pub username: String,
    pub password: String,
    pub validity_time_in_sec: u32,
    /// The Org the token is scoped to; absent: the user's default Org.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org_id: Option<i64>,
}

impl std::fmt::Debug for TokenRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenRequest")
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .field("org_id", &self.org_id)
            .finish()
    }
}

impl Call for TokenRequest {
    type Answer = Token;
    const PATH: &'static str = "/auth/token/full";
    const IDEMPOTENT: bool = false;
}

/// `auth/token/full` answer (only what the panel uses).
#[derive(Deserialize, Clone, PartialEq)]
pub struct Token {
    pub token: String,
    pub expiration_time_in_millis: f64,
    pub valid_for_username: String,
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Token")
            .field("token", &"<redacted>")
            .field("expiration_time_in_millis", &self.expiration_time_in_millis)
            .field("valid_for_username", &self.valid_for_username)
            .finish()
    }
}

/// `GET auth/session/user`: who the token signs in as.
pub type SessionUserRequest = Get<SessionUser>;

impl Resource for SessionUser {
    const PATH: &'static str = "/auth/session/user";
}

#[derive(Deserialize, Serialize, Clone, Debug, PartialEq)]
pub struct OrgRef {
    pub id: i64,
    pub name: String,
}

/// `auth/session/user` (only what the panel uses).
#[derive(Deserialize, Serialize, Clone, Debug, PartialEq)]
pub struct SessionUser {
    pub id: String,
    pub name: String,
    pub display_name: String,
    /// The Org the token is scoped to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_org: Option<OrgRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privileges: Option<Vec<String>>,
}

/// `orgs/search` with no filter: every Org the caller may list. The spec's
/// request fields are all optional; the panel sends only the identifier, when
/// it looks one Org up.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct OrgsRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org_identifier: Option<String>,
}

impl Call for OrgsRequest {
    type Answer = Vec<OrgResponse>;
    const PATH: &'static str = "/orgs/search";
    const IDEMPOTENT: bool = true;
}

/// `orgs/search` item: everything is nullable in the spec.
#[derive(Deserialize, Serialize, Clone, Debug, PartialEq)]
pub struct OrgResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `ACTIVE` or `IN_ACTIVE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

impl OrgResponse {
    pub fn inactive(&self) -> bool {
        self.status.as_deref() == Some("IN_ACTIVE")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_never_shows_in_debug_output() {
        let t: Token = serde_json::from_str(
            r#"{"token":"secret-abc","creation_time_in_millis":1,"expiration_time_in_millis":2,
                "scope":{"access_type":"FULL"},"valid_for_user_id":"u","valid_for_username":"admin"}"#,
        )
        .unwrap();
        assert!(!format!("{t:?}").contains("secret-abc"));
        let r = TokenRequest {
            username: "a".into(),
            password: "pw-123".into(),
            validity_time_in_sec: 1,
            org_id: None,
        };
        assert!(!format!("{r:?}").contains("pw-123"));
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            r#"{"username":"a","password":"pw-123","validity_time_in_sec":1}"#
        );
    }

    #[test]
    fn who_is_signed_in_writes_what_it_reads() {
        let text = r#"{"id":"u","name":"admin","display_name":"Admin","current_org":{"id":0,"name":"Primary"}}"#;
        let user: SessionUser = serde_json::from_str(text).unwrap();
        assert_eq!(user.privileges, None);
        assert_eq!(serde_json::to_string(&user).unwrap(), text);
        let org: OrgResponse = serde_json::from_str(r#"{"id":7,"name":"b"}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&org).unwrap(),
            r#"{"id":7,"name":"b"}"#
        );
        let req: OrgsRequest = serde_json::from_str("{}").unwrap();
        assert_eq!(req, OrgsRequest::default());
    }
}
