//! Who is signed in, on which release, in which Org, what they may do, and
//! the way out; and the pause after a "too many requests" answer.

use crate::model::access::PRIMARY_ORG;
use crate::state::{Clusters, Session, Workflows};
use leptos::prelude::*;

#[component]
pub fn SessionBar() -> impl IntoView {
    let session = expect_context::<Session>();
    let clusters = expect_context::<Clusters>();
    let flows = expect_context::<Workflows>();
    move || {
        let c = session.connection();
        {
            let scope = c.scope();
            let org = c.scope_text();
            let elsewhere = scope.as_ref().is_some_and(|s| !s.is_primary());
            let scope_text = scope.map(|s| s.describe());
            let rights = c.access.describe();
            view! {
                <div class="session-bar">
                    <span class="who">
                        "Signed in as " <strong>{c.user.display_name.clone()}</strong>
                        " (" {c.user.name.clone()} ") on " {c.host_label()}
                    </span>
                    <span class="release" data-testid="release">{c.release.describe()}</span>
                    <span class="org">"Current Org: " {org}</span>
                    <span class="access">{c.access.summary()}</span>
                    <button type="button" data-testid="reload" disabled=move || flows.loading() || flows.saving()
                        on:click=move |_| flows.reload()>
                        {move || if flows.loading() { "Loading…" } else { "Reload" }}
                    </button>
                    {elsewhere.then(|| view! {
                        <button type="button" on:click=move |_| session.switch_org(PRIMARY_ORG, "Primary")>
                            "Switch to the Primary Org"
                        </button>
                    })}
                    <button type="button" on:click=move |_| clusters.disconnect()>"Disconnect"</button>
                    <details class="rights">
                        <summary>"What this session can do"</summary>
                        {scope_text.map(|t| view! { <p data-testid="scope">{t}</p> })}
                        <ul data-testid="rights">
                            {rights.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}
                        </ul>
                    </details>
                </div>
            }
        }
    }
}

/// Shown while the panel waits after a 429 before trying again.
#[component]
pub fn BusyNote() -> impl IntoView {
    let session = expect_context::<Session>();
    move || {
        session.waiting().map(|w| {
            view! {
                <p class="notice" role="status" data-testid="busy">
                    {format!(
                        "ThoughtSpot is busy (HTTP 429, too many requests): trying again in {} s (attempt {} of {}).",
                        w.seconds_left,
                        w.attempt + 1,
                        crate::state::session::MAX_ATTEMPTS
                    )}
                </p>
            }
        })
    }
}
