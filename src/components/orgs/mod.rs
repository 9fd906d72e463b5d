//! The Orgs table: every Org with its mode, override and effective channels;
//! filter, look up on the server, page, select for a bulk edit.

mod bulk;
mod deliveries;
mod row;

use crate::components::error_note::ErrorNote;
use crate::components::table_head::TableHead;
use crate::model::table::{filter_keys, page, search_keys, Page};
use crate::perf::mark_after_paint;
use crate::state::deliveries::Deliveries;
use crate::state::life::{action, resource};
use crate::state::{Nav, Session, Workspace};
use bulk::BulkBar;
use deliveries::DeliveriesBar;
use leptos::prelude::*;
use row::{page_rows, Ctx};
use std::collections::BTreeSet;

const PAGE_SIZE: usize = 50;

#[component]
fn Pager(page: Signal<Page>, index: RwSignal<usize>) -> impl IntoView {
    view! {
        <nav class="pager" aria-label="Pages">
            <button type="button" disabled=move || page.get().index == 0
                on:click=move |_| index.update(|p| *p = p.saturating_sub(1))>"Previous"</button>
            <span>{move || {
                let p = page.get();
                format!("Page {} of {}", p.index + 1, p.count)
            }}</span>
            <button type="button" disabled=move || { let p = page.get(); p.index + 1 >= p.count }
                on:click=move |_| index.set(page.get_untracked().index + 1)>"Next"</button>
        </nav>
    }
}

/// The Orgs ticked for a bulk edit, by id.
#[derive(Clone, Copy)]
pub struct Selection(RwSignal<BTreeSet<String>>);

impl Selection {
    fn contains(&self, id: &str) -> bool {
        self.0.with_untracked(|s| s.contains(id))
    }
    fn set(&self, id: &str, on: bool) {
        self.0.update(|s| {
            if on {
                s.insert(id.to_string());
            } else {
                s.remove(id);
            }
        });
    }
    fn len(&self) -> usize {
        self.0.with(BTreeSet::len)
    }
    fn ids(&self) -> BTreeSet<String> {
        self.0.get_untracked()
    }
    fn clear(&self) {
        self.0.set(BTreeSet::new());
    }
}

/// The lookup form and its result.
#[component]
fn Lookup(query: RwSignal<String>, page_index: RwSignal<usize>) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let ident = RwSignal::new(String::new());
    let look_up = action(move |i: &String| {
        let i = i.clone();
        async move { ws.lookup(&i).await }
    });
    let on_lookup = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let i = ident.get_untracked();
        if !i.trim().is_empty() {
            query.set(i.trim().to_string());
            page_index.set(0);
            look_up.dispatch(i);
        }
    };
    view! {
        <form class="lookup" on:submit=on_lookup>
            <label for="org-lookup" class="inline">"Look up on the server"</label>
            <input id="org-lookup" type="search" placeholder="Org id or name" bind:value=ident />
            <button type="submit" disabled=move || look_up.pending().get()>"Search"</button>
        </form>
        {move || look_up.value().get().map(|r| match r {
            Ok(0) => view! { <p class="muted">"The server found no such Org."</p> }.into_any(),
            Ok(n) => view! { <p class="muted">{format!("Refreshed {n} Org(s) from the server.")}</p> }.into_any(),
            Err(e) => view! { <ErrorNote error=e /> }.into_any(),
        })}
    }
}

/// The text filter and the count of matching Orgs.
#[component]
fn Toolbar(
    query: RwSignal<String>,
    page_index: RwSignal<usize>,
    matching: Signal<usize>,
) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    view! {
        <div class="toolbar">
            <label for="org-filter" class="inline">"Filter"</label>
            <input id="org-filter" type="search" placeholder="name or id" prop:value=move || query.get()
                on:input=move |ev| {
                    query.set(event_target_value(&ev));
                    page_index.set(0);
                } />
            <Lookup query=query page_index=page_index />
            <span class="count" data-testid="org-count">
                {move || {
                    let total = ws.with_snapshot(|s| s.map_or(0, |s| s.orgs.len()));
                    format!("{} of {} Orgs", matching.get(), total)
                }}
            </span>
        </div>
    }
}

/// The Orgs that match the text filter and, when asked, whose webhook failed
/// a delivery in the window (only then does the table follow delivery health).
fn matching(
    ws: Workspace,
    deliveries: Deliveries,
    query: RwSignal<String>,
    failing_only: RwSignal<bool>,
) -> Memo<Vec<usize>> {
    let keys = Memo::new(move |_| {
        ws.with_snapshot(|s| s.map(|s| search_keys(&s.orgs)).unwrap_or_default())
    });
    // Each answer changes delivery health; only a change to which webhooks
    // fail (not "loading", not another healthy one) filters the Orgs again.
    let failing = Memo::new(move |_| deliveries.failing());
    Memo::new(move |_| {
        let found = keys.with(|k| filter_keys(k, &query.get()));
        if !failing_only.get() {
            return found;
        }
        failing.with(|failing| {
            ws.with_snapshot(|s| {
                let Some(s) = s else { return vec![] };
                found
                    .into_iter()
                    .filter(|&i| {
                        s.webhook_of(&s.orgs[i].id)
                            .is_some_and(|w| failing.contains(&w.id))
                    })
                    .collect()
            })
        })
    })
}

/// The webhook ids of the given Orgs (by index).
fn webhook_ids(ws: Workspace, indexes: &[usize]) -> Vec<String> {
    ws.with_snapshot(|s| {
        s.map(|s| {
            indexes
                .iter()
                .filter_map(|&i| s.webhook_of(&s.orgs[i].id).map(|w| w.id.clone()))
                .collect()
        })
        .unwrap_or_default()
    })
}

/// Performance marks for the benchmark: the table after a load, and after a
/// filter keystroke.
fn benchmark_marks(ws: Workspace, query: RwSignal<String>) {
    Effect::new(move |_| {
        ws.track_snapshot();
        mark_after_paint("tsp-table-ready");
    });
    Effect::new(move |prev: Option<()>| {
        query.track();
        if prev.is_some() {
            mark_after_paint("tsp-filter-ready");
        }
    });
}

/// Delivery health for the rows on screen: one history call per Org with a
/// webhook on the page, a few at a time, each kept for the session.
fn health_on_screen(
    ws: Workspace,
    session: Session,
    deliveries: Deliveries,
    available: Memo<bool>,
    matching: Memo<Vec<usize>>,
    current_page: Signal<Page>,
) -> LocalResource<()> {
    let on_screen =
        Memo::new(move |_| matching.with(|m| webhook_ids(ws, &m[current_page.get().range()])));
    resource(move || {
        let (ids, available) = (on_screen.get(), available.get());
        // `fetch` asks nothing while the release is being read: run again
        // once it is known.
        session.reading_release();
        deliveries.generation();
        async move {
            if available {
                deliveries.fetch(ids).await
            }
        }
    })
}

#[component]
pub fn OrgsTable() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let nav = expect_context::<Nav>();
    let session = expect_context::<Session>();
    let deliveries = expect_context::<Deliveries>();
    let (query, page_index, failing_only) = (
        RwSignal::new(String::new()),
        RwSignal::new(0usize),
        RwSignal::new(false),
    );
    let matching = matching(ws, deliveries, query, failing_only);
    benchmark_marks(ws, query);
    let matching_count = Signal::derive(move || matching.with(Vec::len));
    let current_page = move || page(matching_count.get(), page_index.get(), PAGE_SIZE);
    // What the rows take from the session, as values: a session change that
    // leaves them alone (the release read after sign-in, a renewed token)
    // does not redraw the page of rows under the admin's pointer.
    let unavailable = Memo::new(move |_| deliveries.unavailable());
    let deliveries_on = Memo::new(move |_| unavailable.with(Option::is_none));
    let can_edit = Memo::new(move |_| session.can_edit_orgs());
    let scope = Memo::new(move |_| session.scope().map(|s| s.org_id.to_string()));
    let health = health_on_screen(
        ws,
        session,
        deliveries,
        deliveries_on,
        matching,
        Signal::derive(current_page),
    );
    let all_webhooks = Signal::derive(move || {
        ws.with_snapshot(|s| {
            s.map(|s| s.webhooks.values().map(|w| w.id.clone()).collect())
                .unwrap_or_default()
        })
    });
    let sel = Selection(RwSignal::new(BTreeSet::new()));
    let select_matching = move |_| {
        let ids: BTreeSet<String> = ws.with_snapshot(|s| {
            s.map(|s| {
                matching.with_untracked(|m| m.iter().map(|&i| s.orgs[i].id.clone()).collect())
            })
            .unwrap_or_default()
        });
        sel.0.update(|set| set.extend(ids));
    };
    let rows = move || {
        sel.0.track();
        let cx = Ctx {
            ws,
            nav,
            session,
            sel,
            deliveries,
            deliveries_on: deliveries_on.get(),
            can_edit: can_edit.get(),
        };
        scope.with(|scope| {
            matching.with(|m| page_rows(cx, scope.as_deref(), &m[current_page().range()]))
        })
    };
    view! {
        <section class="card orgs" aria-labelledby="orgs-title">
            <h2 id="orgs-title">"Orgs"</h2>
            <Toolbar query=query page_index=page_index matching=matching_count />
            {move || (!session.can_edit_orgs()).then(|| view! {
                <p class="muted">"Read-only: editing Org overrides needs ADMINISTRATION, DEVELOPER or APPLICATION_ADMINISTRATION."</p>
            })}
            <BulkBar sel=sel matching_count=matching_count select_matching=Callback::new(select_matching) />
            <DeliveriesBar failing_only=failing_only all=all_webhooks unavailable=unavailable.into() />
            // Reading the delivery load keeps it live while the table is shown.
            {move || health.track()}
            <table class="org-table">
                <TableHead columns=&["~Selected", "Org", "Id", "Mode", "Override channels", "Effective channels", "Webhook", "Deliveries", "~Changes"] />
                <tbody>{rows}</tbody>
            </table>
            <Pager page=Signal::derive(current_page) index=page_index />
        </section>
    }
}
