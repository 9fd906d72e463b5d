use crate::api::{client::DEFAULT_TIMEOUT_MS, ApiError, Client};
use crate::components::error_note::ErrorNote;
use crate::model::{access::Access, host::normalize_host};
use crate::state::storage::{self, Remembered};
use crate::state::{Connection, Session, Workspace};
use leptos::prelude::*;

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

/// What the form asks for besides the credentials.
#[derive(Clone)]
pub struct Target {
    pub host: String,
    pub allow_insecure: bool,
    pub timeout_s: String,
}

/// Signs in (a login is exchanged for a token first) and checks the token with
/// `auth/session/user`.
pub async fn open(target: Target, creds: Credentials) -> Result<Connection, ApiError> {
    let timeout_ms = match target.timeout_s.trim().parse::<f64>() {
        Ok(s) if (1.0..=600.0).contains(&s) => (s * 1000.0) as u32,
        _ => {
            return Err(ApiError::Invalid(
                "The request time limit must be a number of seconds from 1 to 600.".into(),
            ))
        }
    };
    let base = normalize_host(&target.host, target.allow_insecure).map_err(ApiError::Invalid)?;
    let token = match creds {
        Credentials::Token(t) if t.trim().is_empty() => {
            return Err(ApiError::Invalid(
                "Enter a bearer token, or sign in with a username and password.".into(),
            ))
        }
        Credentials::Token(t) => t.trim().to_string(),
        Credentials::Login { username, .. } if username.trim().is_empty() => {
            return Err(ApiError::Invalid("Enter a username.".into()))
        }
        Credentials::Login {
            username,
            password,
            org_id,
        } => {
            let org_id = match org_id.trim() {
                "" => None,
                text => Some(text.parse::<i64>().map_err(|_| {
                    ApiError::Invalid("The Org id must be a whole number, e.g. 583464508.".into())
                })?),
            };
            Client::login(&base, username.trim(), &password, org_id, timeout_ms)
                .await?
                .token
        }
    };
    let mut client = Client::new(base, token);
    client.timeout_ms = timeout_ms;
    let user = client.session_user().await?;
    let access = Access::from_privileges(user.privileges.as_deref().unwrap_or_default());
    Ok(Connection {
        client,
        user,
        access,
    })
}

/// Makes a connection the current one; remembers it in this tab if asked.
pub fn adopt(session: Session, ws: Workspace, connection: Connection, remember: bool) {
    if remember {
        storage::remember(&Remembered {
            host: connection.client.base.clone(),
            token: connection.client.token().to_string(),
            timeout_ms: connection.client.timeout_ms,
        });
    } else {
        // An earlier remembered token must not outlive a session that was not.
        storage::forget();
    }
    ws.open_host(&connection.client.base);
    session.connection.set(Some(connection));
    session.expired.set(false);
}

/// The connect form: a host and a bearer token, or a username and password
/// exchanged for a token. The token stays in memory only, unless the admin asks
/// this tab to remember it. With `fixed_host` it asks for a new token for the
/// same host and keeps everything else.
#[component]
pub fn Connect(#[prop(optional)] fixed_host: Option<String>) -> impl IntoView {
    let session = expect_context::<Session>();
    let ws = expect_context::<Workspace>();
    let renewing = fixed_host.is_some();
    let host = RwSignal::new(fixed_host.unwrap_or_default());
    let token = RwSignal::new(String::new());
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let sign_in = RwSignal::new(false);
    let org_id = RwSignal::new(String::new());
    let remember = RwSignal::new(storage::remembered().is_some());
    let allow_insecure = RwSignal::new(false);
    let previous_ms = session
        .connection
        .with_untracked(|c| c.as_ref().map(|c| c.client.timeout_ms));
    let timeout_s = RwSignal::new((previous_ms.unwrap_or(DEFAULT_TIMEOUT_MS) / 1000).to_string());

    let connect = Action::new_local(move |creds: &Credentials| {
        let target = Target {
            host: host.get_untracked(),
            allow_insecure: allow_insecure.get_untracked(),
            timeout_s: timeout_s.get_untracked(),
        };
        let creds = creds.clone();
        async move {
            let connection = open(target, creds).await?;
            token.set(String::new());
            password.set(String::new());
            adopt(session, ws, connection, remember.get_untracked());
            Ok::<(), ApiError>(())
        }
    });
    let error = move || connect.value().get().and_then(Result::err);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let creds = if sign_in.get_untracked() {
            Credentials::Login {
                username: username.get_untracked(),
                password: password.get_untracked(),
                org_id: org_id.get_untracked(),
            }
        } else {
            Credentials::Token(token.get_untracked())
        };
        connect.dispatch(creds);
    };

    view! {
        <section class="card connect" aria-labelledby="connect-title">
            <h2 id="connect-title">
                {if renewing { "The session has expired: sign in again" } else { "Connect to ThoughtSpot" }}
            </h2>
            {renewing.then(|| view! {
                <p class="muted">"Your edits are kept. After signing in, retry what failed."</p>
            })}
            <form on:submit=submit>
                <Show when=move || !renewing>
                    <label for="host">"ThoughtSpot host"</label>
                    <input
                        id="host"
                        type="url"
                        placeholder="https://my-company.thoughtspot.cloud (empty: this site's proxy)"
                        autocomplete="url"
                        bind:value=host
                    />
                </Show>
                <div class="tabs" role="radiogroup" aria-label="How to sign in">
                    <label>
                        <input type="radio" name="auth" prop:checked=move || !sign_in.get()
                            on:change=move |_| sign_in.set(false) />
                        " With a bearer token"
                    </label>
                    <label>
                        <input type="radio" name="auth" prop:checked=move || sign_in.get()
                            on:change=move |_| sign_in.set(true) />
                        " With username and password"
                    </label>
                </div>
                <Show
                    when=move || sign_in.get()
                    fallback=move || view! {
                        <label for="token">"Bearer token"</label>
                        <input id="token" type="password" autocomplete="off" spellcheck="false"
                            bind:value=token />
                    }
                >
                    <label for="username">"Username"</label>
                    <input id="username" type="text" autocomplete="username" bind:value=username />
                    <label for="password">"Password"</label>
                    <input id="password" type="password" autocomplete="current-password"
                        bind:value=password />
                    <label for="org-id">"Org id (optional: a token scoped to that Org)"</label>
                    <input id="org-id" type="text" inputmode="numeric" placeholder="e.g. 583464508"
                        bind:value=org_id />
                </Show>
                <label class="check option">
                    <input type="checkbox" bind:checked=remember />
                    " Remember the token in this tab until it is closed (sessionStorage)"
                </label>
                <details class="advanced">
                    <summary>"Advanced"</summary>
                    <label for="timeout">"Request time limit (seconds)"</label>
                    <input id="timeout" type="text" inputmode="numeric" bind:value=timeout_s />
                    <label class="check option">
                        <input type="checkbox" bind:checked=allow_insecure />
                        " Allow plain http:// to a host that is not this computer (the token travels unencrypted)"
                    </label>
                </details>
                <button type="submit" class="primary" disabled=move || connect.pending().get()>
                    {move || match (connect.pending().get(), sign_in.get()) {
                        (true, _) => "Connecting…",
                        (false, true) => "Sign in",
                        (false, false) => "Connect",
                    }}
                </button>
            </form>
            {move || error().map(|e| view! { <ErrorNote error=e /> })}
        </section>
    }
}
