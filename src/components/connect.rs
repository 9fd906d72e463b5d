//! The connect form: a host and a bearer token, or a username and password
//! exchanged for a token. The same form signs in again (same host, everything
//! on screen kept) after an expiry, or for another Org.

use crate::components::error_note::ErrorNote;
use crate::state::session::{open, Credentials, OpenError, Renewal, Target};
use crate::state::{sign_in, storage, Session, Workspace};
use leptos::prelude::*;

/// What a failed sign-in shows.
#[component]
fn OpenErrorNote(error: OpenError) -> impl IntoView {
    match error {
        OpenError::Input(m) => view! { <p class="error-text" role="alert">{m}</p> }.into_any(),
        OpenError::Api(e) => view! { <ErrorNote error=e /> }.into_any(),
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

/// The form. With `renewal` it asks for a new token for the same host and
/// keeps everything else; for an Org switch, it signs in with a password to
/// that Org (the username is filled in; the password is asked again and never kept).
#[component]
pub fn Connect(#[prop(optional)] renewal: Option<Renewal>) -> impl IntoView {
    let session = expect_context::<Session>();
    let ws = expect_context::<Workspace>();
    let current = session.connection_untracked();
    let fixed_host = renewal
        .as_ref()
        .and(current.as_ref())
        .map(|c| c.client.base.clone());
    let switch_to = match &renewal {
        Some(Renewal::SwitchOrg { org_id, name }) => Some((*org_id, name.clone())),
        _ => None,
    };
    let switching = switch_to.is_some();
    let host = RwSignal::new(fixed_host.clone().unwrap_or_default());
    let token = RwSignal::new(String::new());
    let username = RwSignal::new(
        current
            .as_ref()
            .filter(|_| renewal.is_some())
            .map(|c| c.user.name.clone())
            .unwrap_or_default(),
    );
    let password = RwSignal::new(String::new());
    let sign_in_with_password = RwSignal::new(switching);
    let org_id = RwSignal::new(
        switch_to
            .as_ref()
            .map(|(id, _)| id.to_string())
            .unwrap_or_default(),
    );
    let remember = RwSignal::new(storage::remembered().is_some());
    let allow_insecure = RwSignal::new(false);
    let timeout_s = RwSignal::new(session.timeout_s().to_string());

    let connect = Action::new_local(move |creds: &Credentials| {
        let target = Target {
            host: host.get_untracked(),
            // The same host as before was accepted then.
            allow_insecure: allow_insecure.get_untracked() || fixed_host.is_some(),
            timeout_s: timeout_s.get_untracked(),
        };
        let creds = creds.clone();
        async move {
            let connection = open(target, creds).await?;
            token.set(String::new());
            password.set(String::new());
            sign_in(session, ws, connection, remember.get_untracked());
            Ok::<(), OpenError>(())
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let creds = if sign_in_with_password.get_untracked() {
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
    let title = match &renewal {
        None => "Connect to ThoughtSpot".to_string(),
        Some(Renewal::Expired) => "The session has expired: sign in again".into(),
        Some(Renewal::SwitchOrg { org_id, name }) => format!("Switch to Org {name} (id {org_id})"),
    };
    let note = match &renewal {
        None => None,
        Some(Renewal::Expired) => Some("Your edits are kept. After signing in, retry what failed."),
        Some(Renewal::SwitchOrg { .. }) => Some(
            "Signs in again with a token scoped to that Org. Your draft is kept, and so is the host; \
             the password is asked again and never stored.",
        ),
    };
    let renewing = renewal.is_some();

    view! {
        <section class="card connect" aria-labelledby="connect-title">
            <h2 id="connect-title">{title}</h2>
            {note.map(|n| view! { <p class="muted">{n}</p> })}
            <form on:submit=submit>
                <Show when=move || !renewing>
                    <label for="host">"ThoughtSpot host"</label>
                    <input id="host" type="url" autocomplete="url" bind:value=host
                        placeholder="https://my-company.thoughtspot.cloud (empty: this site's proxy)" />
                </Show>
                <Show when=move || !switching>
                    <div class="tabs" role="radiogroup" aria-label="How to sign in">
                        <label>
                            <input type="radio" name="auth" prop:checked=move || !sign_in_with_password.get()
                                on:change=move |_| sign_in_with_password.set(false) />
                            " With a bearer token"
                        </label>
                        <label>
                            <input type="radio" name="auth" prop:checked=move || sign_in_with_password.get()
                                on:change=move |_| sign_in_with_password.set(true) />
                            " With username and password"
                        </label>
                    </div>
                </Show>
                <Show
                    when=move || sign_in_with_password.get()
                    fallback=move || view! {
                        <label for="token">"Bearer token"</label>
                        <input id="token" type="password" autocomplete="off" spellcheck="false" bind:value=token />
                    }
                >
                    <label for="username">"Username"</label>
                    <input id="username" type="text" autocomplete="username" bind:value=username />
                    <label for="password">"Password"</label>
                    <input id="password" type="password" autocomplete="current-password" bind:value=password />
                    <Show when=move || !switching>
                        <label for="org-id">"Org id (optional: a token scoped to that Org)"</label>
                        <input id="org-id" type="text" inputmode="numeric" placeholder="e.g. 583464508" bind:value=org_id />
                    </Show>
                </Show>
                <label class="check option">
                    <input type="checkbox" bind:checked=remember />
                    " Remember the token in this tab until it is closed (sessionStorage)"
                </label>
                <details class="advanced">
                    <summary>"Advanced"</summary>
                    <label for="timeout">"Request time limit (seconds)"</label>
                    <input id="timeout" type="text" inputmode="numeric" bind:value=timeout_s />
                    <Show when=move || !renewing>
                        <label class="check option">
                            <input type="checkbox" bind:checked=allow_insecure />
                            " Allow plain http:// to a host that is not this computer (the token travels unencrypted)"
                        </label>
                    </Show>
                </details>
                <button type="submit" class="primary" disabled=move || connect.pending().get()>
                    {move || match (connect.pending().get(), sign_in_with_password.get()) {
                        (true, _) => "Connecting…",
                        (false, true) => "Sign in",
                        (false, false) => "Connect",
                    }}
                </button>
                {renewing.then(|| view! {
                    <button type="button" on:click=move |_| session.cancel_renewal()>"Cancel"</button>
                })}
            </form>
            {move || connect.value().get().and_then(Result::err).map(|e| view! { <OpenErrorNote error=e /> })}
        </section>
    }
}
