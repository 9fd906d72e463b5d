//! Signing in: what the connect form gives, and the calls that turn it into
//! a connection (a token from a login, the user, the release).

use crate::api::wire::{SessionUser, SessionUserRequest, TokenRequest};
use crate::api::{ApiError, Client};
use crate::model::access::{Access, Scope};
use crate::model::release::ReleaseInfo;
use crate::model::url::normalize_host;

/// A live connection: the client (which holds the token) and who it signs in as.
#[derive(Clone, Debug, PartialEq)]
pub struct Connection {
    pub client: Client,
    pub user: SessionUser,
    pub access: Access,
    pub release: ReleaseInfo,
}

impl Connection {
    /// The Org the token is scoped to, when the server said.
    pub fn scope(&self) -> Option<Scope> {
        self.user.current_org.as_ref().map(|o| Scope {
            org_id: o.id,
            org_name: o.name.clone(),
        })
    }

    /// What the token reaches: the host and the Org it is scoped to.
    pub fn reach(&self) -> super::Reach {
        (self.client.base.clone(), self.scope())
    }

    /// The Org the token is scoped to, in words (`Primary (id 0)`).
    pub fn scope_text(&self) -> String {
        self.scope()
            .map(|s| format!("{} (id {})", s.org_name, s.org_id))
            .unwrap_or_else(|| "unknown".into())
    }

    /// The host as the admin knows it.
    pub fn host_label(&self) -> String {
        if self.client.base.is_empty() {
            "this site's proxy".into()
        } else {
            self.client.base.clone()
        }
    }
}

#[derive(Clone)]
pub enum Credentials {
    Token(String),
    Login {
        username: String,
        password: String,
        /// The Org id to scope the token to (empty: the user's default Org).
        org_id: String,
    },
}

/// What the connect form asks for besides the credentials.
#[derive(Clone)]
pub struct Target {
    pub host: String,
    pub allow_insecure: bool,
    pub timeout_s: String,
}

/// Why signing in failed.
#[derive(Clone, Debug, PartialEq)]
pub enum OpenError {
    /// The form itself: nothing was sent.
    Input(String),
    /// `auth/token/full` refused the username and password.
    Login(ApiError),
    /// Any other call.
    Api(ApiError),
    /// Signed in, but the rest of the panel could not be downloaded: the
    /// connection is kept for a retry.
    Part(Box<Connection>),
}

impl From<ApiError> for OpenError {
    fn from(e: ApiError) -> Self {
        OpenError::Api(e)
    }
}

fn parse_timeout(text: &str) -> Result<u32, OpenError> {
    // Whole seconds: parsing a float would pull core's float parser into the bundle.
    match text.trim().parse::<u32>() {
        Ok(s) if (1..=600).contains(&s) => Ok(s * 1000),
        _ => Err(OpenError::Input(
            "The request time limit must be a whole number of seconds from 1 to 600.".into(),
        )),
    }
}

fn parse_org_id(text: &str) -> Result<Option<i64>, OpenError> {
    match text.trim() {
        "" => Ok(None),
        t => t.parse::<i64>().map(Some).map_err(|_| {
            OpenError::Input("The Org id must be a whole number, e.g. 583464508.".into())
        }),
    }
}

/// Signs in (a login is exchanged for a token first) and checks the token
/// with `auth/session/user`.
pub async fn open(target: Target, creds: Credentials) -> Result<Connection, OpenError> {
    let timeout_ms = parse_timeout(&target.timeout_s)?;
    let base = normalize_host(&target.host, target.allow_insecure).map_err(OpenError::Input)?;
    let mut client = Client::new(base, String::new());
    client.timeout_ms = timeout_ms;
    let token = match creds {
        Credentials::Token(t) if t.trim().is_empty() => {
            return Err(OpenError::Input(
                "Enter a bearer token, or sign in with a username and password.".into(),
            ))
        }
        // A header value takes visible ASCII only: a pasted token with a
        // space, a line break or a look-alike character is refused here.
        Credentials::Token(t) if !t.trim().bytes().all(|b| b.is_ascii_graphic()) => {
            return Err(OpenError::Input(
                "The token holds a space or a character a token cannot have; paste it again."
                    .into(),
            ))
        }
        Credentials::Token(t) => t.trim().to_string(),
        Credentials::Login { username, .. } if username.trim().is_empty() => {
            return Err(OpenError::Input("Enter a username.".into()))
        }
        Credentials::Login {
            username,
            password,
            org_id,
        } => {
            let req = TokenRequest {
                username: username.trim().to_string(),
                password,
                validity_time_in_sec: 8 * 3600,
                org_id: parse_org_id(&org_id)?,
            };
            client.call(&req).await.map_err(OpenError::Login)?.token
        }
    };
    connect(client.with_token(token)).await
}

async fn connect(client: Client) -> Result<Connection, OpenError> {
    let user = client.call(&SessionUserRequest::new()).await?;
    let access = Access::from_listed(user.privileges.as_deref());
    // The release is read once signed in (`Session::read_release`).
    Ok(Connection {
        client,
        user,
        access,
        release: ReleaseInfo::Unknown,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_s_numbers_are_checked_before_anything_is_sent() {
        assert_eq!(parse_timeout(" 20 "), Ok(20_000));
        assert!(parse_timeout("0").is_err());
        assert!(parse_timeout("601").is_err());
        assert!(parse_timeout("1.5").is_err());
        assert_eq!(parse_org_id(""), Ok(None));
        assert_eq!(parse_org_id(" 42 "), Ok(Some(42)));
        assert!(matches!(parse_org_id("Finance"), Err(OpenError::Input(_))));
    }

    #[test]
    fn a_token_a_header_cannot_carry_is_refused_before_anything_is_sent() {
        let target = || Target {
            host: String::new(),
            allow_insecure: false,
            timeout_s: "20".into(),
        };
        for bad in ["tok en", "tok\u{200b}en", "tök", "tok\nen"] {
            let r = futures_util::FutureExt::now_or_never(open(
                target(),
                Credentials::Token(bad.into()),
            ));
            assert!(matches!(r, Some(Err(OpenError::Input(_)))), "{bad:?}");
        }
    }
}
