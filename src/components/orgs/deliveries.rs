//! The Deliveries column: each Org's webhook deliveries over the last 7
//! days, read for the rows on screen (a few calls at a time, kept for the
//! session), the *Deliveries failing* filter that reads the rest with a
//! progress bar, and a click through to the webhook's history.

use crate::components::local_time as time;
use crate::model::prefs::OrgWebhook;
use crate::state::deliveries::{Deliveries, Health};
use crate::state::life::action;
use crate::state::{Nav, Session};
use leptos::prelude::*;

/// A row's Deliveries cell.
pub fn delivery_cell(
    nav: Nav,
    webhook: Option<OrgWebhook>,
    health: Option<Health>,
    on: bool,
) -> AnyView {
    let Some(w) = webhook.filter(|_| on) else {
        return view! { <span class="muted">"—"</span> }.into_any();
    };
    let label = match &health {
        None | Some(Health::Loading) => return view! { <span class="muted">"…"</span> }.into_any(),
        Some(Health::Failed(why)) => {
            return view! { <span class="muted" title=why.clone()>"not read"</span> }.into_any()
        }
        Some(Health::Known(c)) => {
            let last = c
                .last_failure_ms
                .map(|t| format!("; last failure {}", time(t)));
            (
                c.failing(),
                format!("{}{}", c.describe(), last.unwrap_or_default()),
            )
        }
    };
    let (failing, text) = label;
    let (id, name) = (w.id, w.name);
    view! {
        <button type="button" class:warn-text=failing class="link" aria-label=format!("Delivery history of {name}: {text}")
            on:click=move |_| nav.open_deliveries(&id)>
            {if failing { "⚠ " } else { "" }} {text.clone()}
        </button>
    }
    .into_any()
}

/// The column's controls: why it is empty (`unavailable`), the failing
/// filter with its progress, and a refresh.
#[component]
pub fn DeliveriesBar(
    failing_only: RwSignal<bool>,
    all: Signal<Vec<String>>,
    unavailable: Signal<Option<String>>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let deliveries = expect_context::<Deliveries>();
    let read_all = action(move |_: &()| {
        let ids = all.get_untracked();
        async move { deliveries.fetch_all(ids).await }
    });
    let toggle = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        failing_only.set(on);
        if on {
            read_all.dispatch(());
        } else {
            deliveries.cancel();
        }
    };
    move || {
        match unavailable.get() {
        Some(why) => view! { <p class="muted small" data-testid="deliveries-unavailable">"Deliveries: " {why}</p> }.into_any(),
        None => view! {
            <div class="bulk" role="group" aria-label="Deliveries">
                <label class="check">
                    <input type="checkbox" prop:checked=move || failing_only.get() disabled=move || session.reading_release() on:change=toggle />
                    " Deliveries failing (last 7 days of kept logs)"
                </label>
                {move || deliveries.progress().map(|(done, of)| view! {
                    <progress max=of value=done aria-label="Reading delivery histories"></progress>
                    <span class="muted small">{format!("{done} of {of} webhooks read")}</span>
                    <button type="button" on:click=move |_| deliveries.cancel()>"Cancel"</button>
                })}
                <button type="button" on:click=move |_| deliveries.refresh()>"Refresh deliveries"</button>
            </div>
        }
        .into_any(),
    }
    }
}
