//! Every pending change in words, the webhook warnings, the exact request
//! body, curl, Discard and Save; after a save, what the server now holds.

mod outcome;

use crate::api::client::origin_or_page;
use crate::api::wire::ConfigureRequest;
use crate::model::draft::{curl, plan, pretty};
use crate::model::org_view::warnings;
use crate::model::webhook::Mismatch;
use crate::state::{Notes, Session, Workflows, Workspace};
use leptos::prelude::*;
use outcome::SaveResult;

/// Orgs whose channels and webhooks will disagree once the Draft is saved.
#[component]
fn Warnings() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let mismatches = Memo::new(move |_| {
        ws.with_both(|s, d| {
            warnings(s, d)
                .into_iter()
                .map(|(o, m)| (o.name.clone(), m))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let line = move |kind: Mismatch, what: &'static str| {
        mismatches.with(|all| {
            let names: Vec<&str> = all
                .iter()
                .filter(|(_, m)| *m == kind)
                .map(|(n, _)| n.as_str())
                .collect();
            (!names.is_empty()).then(|| {
                let more = names.len().saturating_sub(6);
                let shown = names[..names.len().min(6)].join(", ");
                let tail = if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                view! { <li>{format!("{} Org(s) {what}: {shown}{tail}.", names.len())}</li> }
            })
        })
    };
    move || {
        (!mismatches.with(Vec::is_empty)).then(|| view! {
            <div class="notice" role="note" data-testid="webhook-warnings">
                <strong>"After saving:"</strong>
                <ul>
                    {line(Mismatch::NoWebhook, "will have WEBHOOK on and no webhook, so their schedules fail")}
                    {line(Mismatch::Unused, "will have a webhook that receives nothing (WEBHOOK off)")}
                </ul>
                <p class="muted small">"The Orgs table offers a fix on each of them."</p>
            </div>
        })
    }
}

/// *Copy as curl*: the configure call as a command, with a placeholder for
/// the token unless the admin asks for it.
#[component]
fn CurlTools(request: Memo<ConfigureRequest>) -> impl IntoView {
    let session = expect_context::<Session>();
    let toasts = expect_context::<Notes>();
    let include_token = RwSignal::new(false);
    // The curl made, with the request it was made from: shown only while that
    // request is still the one Save would send.
    let curl_made = RwSignal::new(None::<(ConfigureRequest, String)>);
    let curl_text = move || {
        curl_made.with(|m| {
            m.as_ref()
                .filter(|(r, _)| request.with(|now| now == r))
                .map(|(_, t)| t.clone())
        })
    };
    let copy_curl = move |_| {
        let conn = session.connection_untracked();
        let token = include_token
            .get_untracked()
            .then(|| conn.client.token().to_string());
        let req = request.get_untracked();
        let text = curl(&origin_or_page(&conn.client.base), &req, token.as_deref());
        if let Some(w) = web_sys::window() {
            // Best effort: the text is also shown for copying by hand.
            let _ = w.navigator().clipboard().write_text(&text);
        }
        curl_made.set(Some((req, text)));
        toasts.push("curl command below (copied too, where the browser allows it).");
    };
    view! {
        <button type="button" on:click=copy_curl>"Copy as curl"</button>
        <label class="check">
            <input type="checkbox" bind:checked=include_token />
            " include my token in the curl"
        </label>
        {move || curl_text().map(|t| view! {
            <pre class="json" aria-label="curl command" data-testid="curl" tabindex="0">{t}</pre>
        })}
    }
}

/// Where the revert in the draft cannot be exact, what it does instead.
#[component]
fn RevertNotes() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    move || {
        let notes = ws.revert_notes();
        (!notes.is_empty()).then(|| view! {
            <div class="notice" role="note" data-testid="revert-notes">
                <strong>"This draft reverts a save; not everything can go back exactly:"</strong>
                <ul>{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
            </div>
        })
    }
}

#[component]
pub fn Review() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let flows = expect_context::<Workflows>();
    let changes = ws.changes();
    let request = Memo::new(move |_| {
        ws.with_snapshot(|s| s.map(|s| changes.with(|c| plan(s, c))).unwrap_or_default())
    });
    let count = move || changes.with(Vec::len);

    view! {
        <section class="card review" aria-labelledby="review-title">
            <h2 id="review-title">
                "Review " {move || match count() {
                    0 => "(no pending changes)".to_string(),
                    1 => "(1 pending change)".to_string(),
                    n => format!("({n} pending changes)"),
                }}
            </h2>
            <Show when=move || count() != 0>
                <ol class="changes" data-testid="changes">
                    {move || changes.with(|c| {
                        c.iter().map(|c| view! { <li>{c.describe()}</li> }).collect_view()
                    })}
                </ol>
                <RevertNotes />
                <Warnings />
                <details open>
                    <summary>"The request Save sends (one configure call)"</summary>
                    <pre class="json" data-testid="request-body" tabindex="0" aria-label="configure request body">{move || pretty(&request.get())}</pre>
                </details>
                <div class="actions">
                    // Save sends the body on screen, or nothing: the body it
                    // is given is the one the admin reviewed.
                    <button type="button" class="primary" aria-busy=move || flows.saving().to_string()
                        disabled=move || flows.saving() || ws.has_conflicts() || flows.loading()
                        on:click=move |_| flows.send(request.get_untracked())>
                        {move || if flows.saving() { "Saving…" } else { "Save" }}
                    </button>
                    <button type="button" disabled=move || flows.saving()
                        on:click=move |_| ws.discard()>"Discard"</button>
                    <CurlTools request=request />
                </div>
            </Show>
            <SaveResult request=request />
        </section>
    }
}
