//! The connect form: a host and a bearer token, or a username and password
//! exchanged for a token. The same form signs in again (same host, everything
//! on screen kept) after an expiry, or for another Org.

use crate::components::error_note::ErrorNote;
use crate::state::life::action;
use crate::state::session::{open, Credentials, OpenError, Renewal, Target};
use crate::state::{storage, Clusters, Connection, Session};
use leptos::prelude::*;

/// What a failed sign-in shows; `retry` takes up a connection made whose
/// part of the panel did not arrive.
#[component]
fn OpenErrorNote(error: OpenError, retry: Callback<Connection>) -> impl IntoView {
    match error {
        OpenError::Input(m) => view! { <p class="error-text" role="alert">{m}</p> }.into_any(),
        OpenError::Api(e) => view! { <ErrorNote error=e /> }.into_any(),
        OpenError::Part(c) => view! {
            <div class="error-note" role="alert" data-testid="part-failed">
                <strong>"The rest of the panel could not be downloaded."</strong>
                <p>"The network or the server hosting the panel did not deliver it. You are still signed in."</p>
                <button type="button" on:click=move |_| retry.run((*c).clone())>"Retry"</button>
            </div>
        }
        .into_any(),
        OpenError::Login(e) => view! {
            <ErrorNote error=e />
            <p class="muted" data-testid="sso-hint">
                "If your account signs in through SSO or has multi-factor authentication, ThoughtSpot \
                 refuses a password sign-in: sign in with a bearer token instead (one can be made in \
                 ThoughtSpot's Develop > REST API Playground)."
            </p>
        }
        .into_any(),
    }
}

/// The form's fields. Secrets are cleared once they have been used.
#[derive(Clone, Copy)]
struct Fields {
    host: RwSignal<String>,
    token: RwSignal<String>,
    username: RwSignal<String>,
    password: RwSignal<String>,
    with_password: RwSignal<bool>,
    org_id: RwSignal<String>,
    remember: RwSignal<bool>,
    allow_insecure: RwSignal<bool>,
    timeout_s: RwSignal<String>,
}

impl Fields {
    fn credentials(&self) -> Credentials {
        if self.with_password.get_untracked() {
            Credentials::Login {
                username: self.username.get_untracked(),
                password: self.password.get_untracked(),
                org_id: self.org_id.get_untracked(),
            }
        } else {
            Credentials::Token(self.token.get_untracked())
        }
    }
}

/// How to sign in: a token, or a username and password (with an optional Org id).
#[component]
fn CredentialFields(f: Fields, switching: bool) -> impl IntoView {
    view! {
        // Switching Org: a password sign-in with the Org's id, or a token
        // already scoped to that Org (for SSO accounts).
        {switching.then(|| view! {
            <p class="muted small">"With a token: paste one scoped to that Org."</p>
        })}
        <div class="tabs" role="radiogroup" aria-label="How to sign in">
            <label>
                <input type="radio" name="auth" prop:checked=move || !f.with_password.get()
                    on:change=move |_| f.with_password.set(false) />
                " With a bearer token"
            </label>
            <label>
                <input type="radio" name="auth" prop:checked=move || f.with_password.get()
                    on:change=move |_| f.with_password.set(true) />
                " With username and password"
            </label>
        </div>
        <Show
            when=move || f.with_password.get()
            fallback=move || view! {
                <label for="token">"Bearer token"</label>
                <input id="token" type="password" autocomplete="off" spellcheck="false" bind:value=f.token />
            }
        >
            <label for="username">"Username"</label>
            <input id="username" type="text" autocomplete="username" bind:value=f.username />
            <label for="password">"Password"</label>
            <input id="password" type="password" autocomplete="current-password" bind:value=f.password />
            <Show when=move || !switching>
                <label for="org-id">"Org id (optional: a token scoped to that Org)"</label>
                <input id="org-id" type="text" inputmode="numeric" placeholder="e.g. 583464508" bind:value=f.org_id />
            </Show>
        </Show>
    }
}

/// Remembering the token, the time limit, and plain http.
#[component]
fn Options(f: Fields, renewing: bool) -> impl IntoView {
    view! {
        <label class="check option">
            <input type="checkbox" bind:checked=f.remember />
            " Remember the token in this tab until it is closed (sessionStorage)"
        </label>
        <details class="advanced">
            <summary>"Advanced"</summary>
            <label for="timeout">"Request time limit (seconds)"</label>
            <input id="timeout" type="text" inputmode="numeric" bind:value=f.timeout_s />
            <Show when=move || !renewing>
                <label class="check option">
                    <input type="checkbox" bind:checked=f.allow_insecure />
                    " Allow plain http:// to a host that is not this computer (the token travels unencrypted)"
                </label>
            </Show>
        </details>
    }
}

fn title(renewal: &Option<Renewal>) -> (String, Option<&'static str>) {
    match renewal {
        None => ("Connect to ThoughtSpot".into(), None),
        Some(Renewal::Expired) => (
            "The session has expired: sign in again".into(),
            Some("Your edits are kept. After signing in, retry what failed."),
        ),
        Some(Renewal::SwitchOrg { org_id, name }) => (
            format!("Switch to Org {name} (id {org_id})"),
            Some(
                "Signs in again with a token scoped to that Org. Your draft is kept, and so is the \
                 host; the password is asked again and never stored.",
            ),
        ),
    }
}

/// What the form does: sign in (`connect`), take up a connection whose part
/// of the panel did not arrive (`retry`), and why the last attempt failed.
struct SignIn {
    connect: Action<Credentials, ()>,
    retry: Callback<Connection>,
    failed: RwSignal<Option<OpenError>>,
}

fn sign_in(f: Fields, renewing: bool) -> SignIn {
    let clusters = expect_context::<Clusters>();
    let failed = RwSignal::new(None::<OpenError>);
    let finish = move |connection: Connection| async move {
        let remember = f.remember.get_untracked();
        // Success shows the cluster signed in to, which may take this form
        // away (a form on another cluster's screen): only a failure is written
        // back, and only while the form is there.
        if clusters
            .sign_in(connection.clone(), remember)
            .await
            .is_err()
        {
            failed.try_set(Some(OpenError::Part(Box::new(connection))));
        }
    };
    let connect = action(move |creds: &Credentials| {
        let target = Target {
            host: f.host.get_untracked(),
            // The same host as before was accepted then.
            allow_insecure: f.allow_insecure.get_untracked() || renewing,
            timeout_s: f.timeout_s.get_untracked(),
        };
        let creds = creds.clone();
        async move {
            failed.set(None);
            match open(target, creds).await {
                Ok(connection) => {
                    f.token.try_set(String::new());
                    f.password.try_set(String::new());
                    finish(connection).await;
                }
                Err(e) => {
                    failed.try_set(Some(e));
                }
            }
        }
    });
    // Signed in, and the part of the panel arrives now.
    let retry_part = action(move |c: &Connection| finish(c.clone()));
    let retry = Callback::new(move |c: Connection| {
        retry_part.dispatch(c);
    });
    SignIn {
        connect,
        retry,
        failed,
    }
}

/// The form. With `renewal` it asks for a new token for the same host and
/// keeps everything else; for an Org switch, it signs in with a password to
/// that Org (the username is filled in; the password is asked again and never kept).
#[component]
pub fn Connect(#[prop(optional)] renewal: Option<Renewal>) -> impl IntoView {
    // Signing in again: the shown cluster's session.
    let session = use_context::<Session>().filter(|_| renewal.is_some());
    let current = session.map(|s| s.connection_untracked());
    let fixed_host = current.as_ref().map(|c| c.client.base.clone());
    let switch_to = match &renewal {
        Some(Renewal::SwitchOrg { org_id, .. }) => Some(org_id.to_string()),
        _ => None,
    };
    let (switching, renewing) = (switch_to.is_some(), renewal.is_some());
    let f = Fields {
        host: RwSignal::new(fixed_host.clone().unwrap_or_default()),
        token: RwSignal::new(String::new()),
        username: RwSignal::new(current.map(|c| c.user.name).unwrap_or_default()),
        password: RwSignal::new(String::new()),
        with_password: RwSignal::new(switching),
        org_id: RwSignal::new(switch_to.unwrap_or_default()),
        remember: RwSignal::new(storage::remembered().is_some()),
        allow_insecure: RwSignal::new(false),
        timeout_s: RwSignal::new(
            session
                .map_or(crate::api::client::DEFAULT_TIMEOUT_MS / 1000, |s| {
                    s.timeout_s()
                })
                .to_string(),
        ),
    };
    let SignIn {
        connect,
        retry,
        failed,
    } = sign_in(f, renewing);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        connect.dispatch(f.credentials());
    };
    let (heading, note) = title(&renewal);
    view! {
        <section class="card connect" aria-labelledby="connect-title">
            <h2 id="connect-title">{heading}</h2>
            {note.map(|n| view! { <p class="muted">{n}</p> })}
            <form on:submit=submit>
                <Show when=move || !renewing>
                    <label for="host">"ThoughtSpot host"</label>
                    <input id="host" type="url" autocomplete="url" bind:value=f.host
                        placeholder="https://my-company.thoughtspot.cloud (empty: this site's proxy)" />
                </Show>
                <CredentialFields f=f switching=switching />
                <Options f=f renewing=renewing />
                <button type="submit" class="primary" disabled=move || connect.pending().get()>
                    {move || match (connect.pending().get(), f.with_password.get()) {
                        (true, _) => "Connecting…",
                        (false, true) => "Sign in",
                        (false, false) => "Connect",
                    }}
                </button>
                {session.map(|s| view! {
                    <button type="button" on:click=move |_| s.cancel_renewal()>"Cancel"</button>
                })}

            </form>
            {move || failed.try_get().flatten().map(|e| view! { <OpenErrorNote error=e retry=retry /> })}
        </section>
    }
}
