//! Beside the list: what the route names (the form for a new webhook of an
//! Org, a webhook's delivery history) or what the admin opened here (the
//! editor, a test event's result, the delete confirmation).

use super::confirm_delete::ConfirmDelete;
use super::editor::WebhookEditor;
use super::results::{DeliveryLog, TestResult};
use crate::api::wire::{DeleteResult, Validation, Webhook};
use crate::api::ApiError;
use crate::components::error_note::{caught_notes, ErrorNote};
use crate::state::life::resource;
use crate::state::{webhooks, Nav, Route, Session, Workspace};
use leptos::prelude::*;

/// What the admin opened beside the list (not in the URL).
#[derive(Clone)]
pub enum Panel {
    None,
    Edit(Webhook),
    Test(Validation),
    /// A test event that failed.
    Failed(ApiError),
    ConfirmDelete(Webhook),
}

/// An Org's name as the Snapshot knows it, else its id.
fn org_name(ws: Workspace, id: &str) -> String {
    ws.with_snapshot(|s| s.and_then(|s| s.org(id)).map(|o| o.name.clone()))
        .unwrap_or_else(|| format!("Org {id}"))
}

/// Where a new webhook goes: the token's Org. For another Org, the way there.
#[component]
fn OrgNote(org: String) -> impl IntoView {
    let session = expect_context::<Session>();
    let ws = expect_context::<Workspace>();
    move || {
        let scope = session.scope();
        let (cid, cname) = scope
            .as_ref()
            .map(|s| (s.org_id.to_string(), s.org_name.clone()))
            .unwrap_or_default();
        if org == cid || org.is_empty() {
            return view! {
                <p class="muted">{format!("Created in the Org your session is scoped to: {cname} (id {cid}).")}</p>
            }
            .into_any();
        }
        let name = org_name(ws, &org);
        let switch = org.parse::<i64>().ok().map(|org_id| {
            let name = name.clone();
            view! {
                <button type="button" on:click=move |_| session.switch_org(org_id, &name)>
                    {format!("Switch to {name}")}
                </button>
            }
        });
        view! {
            <p class="muted">
                {format!(
                    "Webhooks are created in the Org your session is scoped to: {cname} (id {cid}). \
                     To create one for {name} (id {org}), switch to that Org (your draft is kept). "
                )}
                {switch}
            </p>
        }
        .into_any()
    }
}

/// A webhook's delivery history, read for the webhook the route names.
#[component]
fn Deliveries(webhook: String, close: Callback<()>) -> impl IntoView {
    let session = expect_context::<Session>();
    let ws = expect_context::<Workspace>();
    // Its name as the Snapshot knows it (once read), else its id.
    let name = {
        let id = webhook.clone();
        Memo::new(move |_| {
            ws.with_snapshot(|s| {
                s.and_then(|s| s.webhooks.values().find(|w| w.id == id))
                    .map(|w| w.name.clone())
            })
            .unwrap_or_else(|| id.clone())
        })
    };
    let log = resource(move || {
        let (conn, id) = (session.conn(), webhook.clone());
        async move { webhooks::delivery_history(&conn, &id, None).await }
    });
    let failed = move |errors: ArcRwSignal<Errors>| {
        let shown = caught_notes(errors);
        view! {
            <section class="card">
                {shown}
                <button type="button" on:click=move |_| close.run(())>"Close"</button>
            </section>
        }
    };
    view! {
        <Transition fallback=|| view! { <p class="loading" role="status">"Reading the delivery history…"</p> }>
            <ErrorBoundary fallback=failed>
                {move || {
                    let name = name.get();
                    Suspend::new(async move {
                        // `None`: this cluster has no delivery history (the list says why).
                        log.await.map(|h| h.map(|h| view! { <DeliveryLog name=name h=h on_close=close /> }))
                    })
                }}
            </ErrorBoundary>
        </Transition>
    }
}

/// The side panel: the route's, or what the admin opened.
#[component]
pub fn SidePanel(
    panel: RwSignal<Panel>,
    delete: Action<String, Result<DeleteResult, ApiError>>,
    done: Callback<String>,
    close: Callback<()>,
) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let routed = move || match nav.route() {
        Route::NewWebhook { org } => Some(
            view! {
                <OrgNote org=org />
                <WebhookEditor original=None org_note=String::new() on_done=done on_cancel=close />
            }
            .into_any(),
        ),
        Route::Deliveries { webhook } => {
            Some(view! { <Deliveries webhook=webhook close=close /> }.into_any())
        }
        _ => None,
    };
    move || {
        routed().unwrap_or_else(|| match panel.get() {
            Panel::None => ().into_any(),
            Panel::Edit(w) => {
                let n = w
                    .org
                    .as_ref()
                    .map(|o| format!("In Org {} (id {}).", o.name, o.id))
                    .unwrap_or_default();
                view! { <WebhookEditor original=Some(w) org_note=n on_done=done on_cancel=close /> }
                    .into_any()
            }
            Panel::Failed(e) => view! {
                <section class="card">
                    <ErrorNote error=e />
                    <button type="button" on:click=move |_| close.run(())>"Close"</button>
                </section>
            }
            .into_any(),
            Panel::Test(v) => view! { <TestResult v=v on_close=close /> }.into_any(),
            Panel::ConfirmDelete(w) => {
                view! { <ConfirmDelete webhook=w delete=delete on_cancel=close /> }.into_any()
            }
        })
    }
}
