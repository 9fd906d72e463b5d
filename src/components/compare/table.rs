//! The compared Orgs, a page at a time: each side's mode, effective channels,
//! webhook and delivery health (read for the rows on screen, on each side
//! that offers it), what differs, and a box to pick a row for promotion.

use super::{Pair, Shared, Side};
use crate::components::orgs::Pager;
use crate::components::table_head::TableHead;
use crate::model::compare::{export, Comparison, OrgSide, Row};
use crate::model::table::page;
use crate::state::deliveries::Health;
use crate::state::life::resource;
use leptos::prelude::*;
use std::collections::BTreeSet;

const PAGE_SIZE: usize = 50;

/// The webhook id of a side's Org, on its cluster.
fn webhook_id(c: &Side, side: Option<&OrgSide>) -> Option<String> {
    let side = side?;
    c.workspace
        .with_snapshot(|s| s.and_then(|s| s.webhook_of(&side.id)).map(|w| w.id.clone()))
}

/// Delivery health for the rows on screen, on one side: the reads belong to
/// this view (they stop when it goes).
fn health_on_screen(c: Side, ids: Memo<Vec<String>>) {
    let d = c.deliveries;
    let available = Memo::new(move |_| d.unavailable().is_none());
    resource(move || {
        let (ids, available) = (ids.get(), available.get());
        c.session.reading_release();
        d.generation();
        async move {
            if available {
                d.fetch(ids).await
            }
        }
    });
}

/// A side's delivery health in words; `None` when not known.
fn health_text(c: &Side, webhook: Option<&str>) -> (Option<bool>, String) {
    if let Some(why) = c.deliveries.unavailable() {
        return (None, format!("not available ({why})"));
    }
    let Some(id) = webhook else {
        return (None, "—".into());
    };
    match c.deliveries.health(id) {
        None | Some(Health::Loading) => (None, "…".into()),
        Some(Health::Failed(why)) => (None, format!("not read ({why})")),
        Some(Health::Known(counts)) => (Some(counts.failing()), counts.describe()),
    }
}

fn side_cell(s: Option<&OrgSide>) -> AnyView {
    match s {
        None => view! { <td class="muted">"not on this cluster"</td> }.into_any(),
        Some(s) => {
            let (mode, eff, hook) = (
                export::mode(s),
                export::effective(s),
                export::hook_text(&s.webhook),
            );
            view! {
                <td>
                    <span class="muted small">"id " {s.id.clone()}</span><br />
                    {mode} <br /> <span class="muted">"effective: "</span> {eff} <br />
                    <span class="muted">"webhook: "</span> {hook}
                </td>
            }
            .into_any()
        }
    }
}

fn row_view(pair: Pair, r: &Row, picked: RwSignal<BTreeSet<String>>) -> impl IntoView {
    let name = r.name().to_string();
    let (wa, wb) = (
        webhook_id(&pair.a, r.a.as_ref()),
        webhook_id(&pair.b, r.b.as_ref()),
    );
    let health = move || {
        let (fa, ta) = health_text(&pair.a, wa.as_deref());
        let (fb, tb) = health_text(&pair.b, wb.as_deref());
        let differs = matches!((fa, fb), (Some(x), Some(y)) if x != y);
        view! {
            <td class:warn-text=differs>
                "A: " {ta} <br /> "B: " {tb}
                {differs.then(|| view! { <br /> <strong>"delivery health differs"</strong> })}
            </td>
        }
    };
    let differs = export::differs_text(r);
    let promotable = r.promotable();
    let key = name.clone();
    let check = promotable.then(|| {
        let (k1, k2) = (key.clone(), key.clone());
        view! {
            <input type="checkbox" aria-label=format!("Pick {key} for promotion")
                prop:checked=move || picked.with(|p| p.contains(&k1))
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    picked.update(|p| { if on { p.insert(k2.clone()); } else { p.remove(&k2); } });
                } />
        }
    });
    let similar = r.similar.clone();
    view! {
        <tr class:differs=!r.same() data-org=name.clone()>
            <td>{check}</td>
            <th scope="row">{name.clone()}
                {similar.map(|o| view! { <br /> <span class="warn-text small">{format!("not matched: the other side has {o:?}")}</span> })}
            </th>
            {side_cell(r.a.as_ref())}
            {side_cell(r.b.as_ref())}
            {health}
            <td class="differs-cell">{differs}</td>
        </tr>
    }
}

#[component]
pub fn CompareTable(
    pair: Pair,
    cmp: Memo<Option<Shared<Comparison>>>,
    shown: Memo<Vec<usize>>,
    page_index: RwSignal<usize>,
    picked: RwSignal<BTreeSet<String>>,
) -> impl IntoView {
    let current = Signal::derive(move || page(shown.with(Vec::len), page_index.get(), PAGE_SIZE));
    let on_page = Memo::new(move |_| {
        let range = current.get().range();
        shown.with(|s| s[range].to_vec())
    });
    // The webhooks on screen, on each side.
    let side_ids = move |left: bool| {
        Memo::new(move |_| {
            cmp.with(|c| {
                let Some(c) = c else { return vec![] };
                on_page.with(|p| {
                    p.iter()
                        .filter_map(|&i| {
                            let r = &c.0.rows[i];
                            if left {
                                webhook_id(&pair.a, r.a.as_ref())
                            } else {
                                webhook_id(&pair.b, r.b.as_ref())
                            }
                        })
                        .collect()
                })
            })
        })
    };
    health_on_screen(pair.a, side_ids(true));
    health_on_screen(pair.b, side_ids(false));
    let select_differences = move |_| {
        cmp.with_untracked(|c| {
            if let Some(c) = c {
                let names = shown.with_untracked(|s| {
                    s.iter()
                        .map(|&i| &c.0.rows[i])
                        .filter(|r| r.promotable())
                        .map(|r| r.name().to_string())
                        .collect::<Vec<_>>()
                });
                picked.update(|p| p.extend(names));
            }
        })
    };
    let rows = move || {
        cmp.with(|c| {
            c.as_ref().map(|c| {
                on_page.with(|p| {
                    p.iter()
                        .map(|&i| row_view(pair, &c.0.rows[i], picked))
                        .collect_view()
                })
            })
        })
    };
    view! {
        <div class="bulk" role="group" aria-label="Pick rows to promote">
            <button type="button" on:click=select_differences>"Pick every differing Org shown"</button>
            <button type="button" disabled=move || picked.with(BTreeSet::is_empty) on:click=move |_| picked.set(BTreeSet::new())>"Clear the picks"</button>
            <span class="muted" data-testid="picked-count">{move || format!("{} picked", picked.with(BTreeSet::len))}</span>
        </div>
        <table class="org-table compare-table">
            <TableHead columns=&["~Pick", "Org", "A", "B", "Deliveries (7 days)", "Differs"] />
            <tbody>{rows}</tbody>
        </table>
        <Pager page=current index=page_index />
    }
}
