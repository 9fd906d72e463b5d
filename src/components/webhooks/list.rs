//! The webhook list: filter, sort, pages, and each webhook's actions.

use super::side::Panel;
use crate::api::wire::{Order, SortField, Status, Webhook};
use crate::components::error_note::ErrorNote;
use crate::components::local_time as time;
use crate::components::table_head::TableHead;
use crate::model::release::Feature;
use crate::model::webhook::AuthKind;
use crate::state::webhooks::{WebhookList, PAGE};
use crate::state::{Nav, Route, Session};
use leptos::prelude::*;

/// What a row's buttons ask for.
#[derive(Clone, Copy)]
pub struct RowActions {
    pub panel: RwSignal<Panel>,
    pub test: Action<Webhook, ()>,
    /// Where a webhook's delivery history opens (a URL of its own).
    pub nav: Nav,
}

impl RowActions {
    /// Opens something beside the list (what the route named goes).
    fn open(&self, p: Panel) {
        self.nav.go(Route::Webhooks);
        self.panel.set(p);
    }
}

/// Which of a webhook's result buttons this cluster offers: (test event, history).
type Offers = (bool, bool);

fn row(w: Webhook, act: RowActions, (with_test, with_history): Offers) -> impl IntoView {
    let org = w
        .org
        .as_ref()
        .map(|o| format!("{} ({})", o.name, o.id))
        .unwrap_or_default();
    let status = match w.status {
        None => "ENABLED (not set)",
        Some(s) => s.code(),
    };
    let name = w.name.clone();
    let (edit, test, hist, del) = (w.clone(), w.clone(), w.clone(), w.clone());
    view! {
        <tr>
            <td class="name">{w.name.clone()}</td>
            <td>{org}</td>
            <td class="url">{w.url.clone()}</td>
            <td>{AuthKind::of(&w).label()}</td>
            <td>{status}</td>
            <td class="muted">{time(w.modification_time_in_millis)}</td>
            <td class="row-actions">
                <button type="button" aria-label=format!("Edit {name}")
                    on:click=move |_| act.open(Panel::Edit(edit.clone()))>"Edit"</button>
                {with_test.then(|| view! {
                    <button type="button" aria-label=format!("Send test event to {name}")
                        on:click=move |_| { act.open(Panel::None); act.test.dispatch(test.clone()); }>"Send test event"</button>
                })}
                {with_history.then(|| view! {
                    <button type="button" aria-label=format!("Deliveries of {name}")
                        on:click=move |_| act.nav.open_deliveries(&hist.id)>"Deliveries"</button>
                })}
                <button type="button" aria-label=format!("Delete {name}")
                    on:click=move |_| act.open(Panel::ConfirmDelete(del.clone()))>"Delete"</button>
            </td>
        </tr>
    }
}

/// Filter, sort and order; the status filter where the release has it.
#[component]
fn Toolbar(list: WebhookList, panel: RwSignal<Panel>) -> impl IntoView {
    let session = expect_context::<Session>();
    let nav = expect_context::<Nav>();
    let org = RwSignal::new(String::new());
    let pick = |v: String| match v.as_str() {
        "MODIFIED" => SortField::Modified,
        "NAME" => SortField::Name,
        _ => SortField::Created,
    };
    view! {
        <form class="toolbar" on:submit=move |ev| { ev.prevent_default(); list.set(|q| q.org = org.get_untracked()); }>
            <label for="wh-org" class="inline">"Org"</label>
            <input id="wh-org" type="search" placeholder="id or name (empty: all)" bind:value=org />
            <label for="wh-sort" class="inline">"Sort by"</label>
            <select id="wh-sort" on:change=move |ev| list.set(|q| q.sort = pick(event_target_value(&ev)))>
                <option value="CREATED">"Created"</option>
                <option value="MODIFIED">"Modified"</option>
                <option value="NAME">"Name"</option>
            </select>
            <select aria-label="Order" on:change=move |ev| list.set(|q| {
                q.order = if event_target_value(&ev) == "ASC" { Order::Asc } else { Order::Desc }
            })>
                <option value="DESC">"Descending"</option>
                <option value="ASC">"Ascending"</option>
            </select>
            {move || session.feature(Feature::WebhookStatus).ok().then(|| view! {
                <select aria-label="Filter by status" on:change=move |ev| list.set(|q| q.status = match event_target_value(&ev).as_str() {
                    "ENABLED" => Some(Status::Enabled),
                    "DISABLED" => Some(Status::Disabled),
                    _ => None,
                })>
                    <option value="">"Any status"</option>
                    <option value="ENABLED">"Enabled"</option>
                    <option value="DISABLED">"Disabled"</option>
                </select>
            })}
            <button type="submit">"Search"</button>
            <button type="button" class="primary inline-primary" on:click=move |_| {
                panel.set(Panel::None);
                let org = session.scope().map(|s| s.org_id.to_string()).unwrap_or_default();
                nav.create_webhook_for(&org);
            }>"New webhook"</button>
        </form>
    }
}

#[component]
pub fn List(list: WebhookList, act: RowActions) -> impl IntoView {
    let session = expect_context::<Session>();
    // A value, so that a session change the rows do not show (the release
    // read after sign-in) does not rebuild them under the admin's pointer.
    let with_results = Memo::new(move |_| {
        (
            session.feature(Feature::TestEvent).ok(),
            session.feature(Feature::DeliveryHistory).ok(),
        )
    });
    let table = move || {
        list.page().map(|r| match r {
            Err(e) => view! { <ErrorNote error=e /> }.into_any(),
            Ok(page) => {
                let p = page.pagination.clone();
                let results = with_results.get();
                let rows = page
                    .webhooks
                    .into_iter()
                    .map(|w| row(w, act, results))
                    .collect_view();
                let last = p.record_offset + p.record_size.min(p.total_count - p.record_offset).max(0);
                view! {
                    <table class="org-table webhook-table">
                        <TableHead columns=&["Name", "Org", "URL", "Authentication", "Status", "Modified", "~Actions"] />
                        <tbody>{rows}</tbody>
                    </table>
                    <nav class="pager" aria-label="Webhook pages">
                        <span data-testid="webhook-count">
                            {format!("{}–{} of {}", (p.record_offset + 1).min(p.total_count), last, p.total_count)}
                        </span>
                        <button type="button" disabled=p.record_offset == 0 on:click=move |_| list.previous()>"Previous"</button>
                        <button type="button" disabled=!p.has_more on:click=move |_| list.next()>"Next"</button>
                    </nav>
                }
                .into_any()
            }
        })
    };
    view! {
        <Toolbar list=list panel=act.panel />
        {move || {
            let why = [Feature::TestEvent, Feature::DeliveryHistory]
                .into_iter()
                .filter_map(|f| session.feature(f).why_not(f))
                .collect::<Vec<_>>();
            (!why.is_empty()).then(|| view! {
                <p class="notice" role="note" data-testid="no-results">{why.join(" ")}</p>
            })
        }}
        <Transition fallback=|| view! { <p class="loading" role="status">"Loading webhooks…"</p> }>
            {table}
        </Transition>
        <p class="muted small">{format!("{PAGE} webhooks a page.")}</p>
    }
}
