//! The Orgs table: every Org with its mode, override and effective channels;
//! filter, look up on the server, page, select for a bulk edit.

mod bulk;
mod deliveries;
mod row;
mod tools;

use crate::components::table_head::TableHead;
use crate::model::table::{filter_keys, page, Page};
use crate::perf::mark_after_paint;
use crate::state::deliveries::Deliveries;
use crate::state::life::resource;
use crate::state::{Nav, Session, Workspace};
use bulk::BulkBar;
use deliveries::DeliveriesBar;
use leptos::prelude::*;
use row::{org_row, Ctx};
use std::collections::BTreeSet;
use tools::Toolbar;
pub use tools::{Pager, Selection};

const PAGE_SIZE: usize = 50;

/// The Orgs that match the text filter and, when asked, whose webhook failed
/// a delivery in the window (only then does the table follow delivery health).
fn matching(
    ws: Workspace,
    deliveries: Deliveries,
    query: RwSignal<String>,
    failing_only: RwSignal<bool>,
) -> Memo<Vec<usize>> {
    // Each answer changes delivery health; only a change to which webhooks
    // fail (not "loading", not another healthy one) filters the Orgs again.
    let failing = Memo::new(move |_| deliveries.failing());
    Memo::new(move |_| {
        let found = ws.with_snapshot(|s| {
            s.map(|s| filter_keys(&s.search_keys(), &query.get()))
                .unwrap_or_default()
        });
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
        ws.track_landed();
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

/// The ids on this page, in order: each row is keyed by its id and follows
/// only its own Org.
fn page_ids(ws: Workspace, matching: Memo<Vec<usize>>, current: Signal<Page>) -> Memo<Vec<String>> {
    Memo::new(move |_: Option<&Vec<String>>| {
        let range = current.get().range();
        matching.with(|m| {
            ws.with_snapshot(|s| {
                s.map(|s| m[range].iter().map(|&i| s.orgs[i].id.clone()).collect())
                    .unwrap_or_default()
            })
        })
    })
}

/// The ids of every Org that matches, for *Select all N matching*.
fn matching_ids(ws: Workspace, matching: Memo<Vec<usize>>) -> BTreeSet<String> {
    ws.with_snapshot(|s| {
        s.map(|s| matching.with_untracked(|m| m.iter().map(|&i| s.orgs[i].id.clone()).collect()))
            .unwrap_or_default()
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
    health_on_screen(
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
    let select_matching = move |_| sel.0.update(|set| set.extend(matching_ids(ws, matching)));
    let cx = Ctx {
        ws,
        nav,
        session,
        sel,
        deliveries,
        deliveries_on,
        can_edit,
        scope,
    };
    let page_ids = page_ids(ws, matching, Signal::derive(current_page));
    let rows = view! {
        <For each=move || page_ids.get() key=|id: &String| id.clone() children=move |id| org_row(cx, id) />
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
            <table class="org-table">
                <TableHead columns=&["~Selected", "Org", "Id", "Mode", "Override channels", "Effective channels", "Webhook", "Deliveries", "~Changes"] />
                <tbody>{rows}</tbody>
            </table>
            <Pager page=Signal::derive(current_page) index=page_index />
        </section>
    }
}
