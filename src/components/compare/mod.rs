//! Two connected clusters side by side: which two (A and B), the cluster
//! default and a tally of the Orgs, the Orgs matched by name with what
//! differs (filter, *only differences* / *only in A* / *only in B*, pages of
//! 50, each side's delivery health for the rows on screen), an export of
//! what is shown, and the rows picked for a promotion from A to B.

mod promote;
mod steps;
mod summary;
mod table;

use crate::components::clusters::badge;
use crate::model::compare::{compare, matching, search_keys, Comparison, Showing};
use crate::model::look::Look;
use crate::perf::mark_after_paint;
use crate::state::deliveries::Deliveries;
use crate::state::promotion::Run;
use crate::state::{Cluster, Clusters, Session, Workspace};
use leptos::prelude::*;
use promote::PromotionCard;
use std::collections::BTreeSet;
use std::sync::Arc;
use summary::Summary;
use table::CompareTable;

/// A value a memo hands on without comparing it (a comparison of 10,000 rows
/// is rebuilt when either side changes, and only then).
#[derive(Clone)]
pub(crate) struct Shared<T>(pub Arc<T>);

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// One compared cluster, as views hold it (its state's handles; the cluster
/// itself kept for the work it owns).
#[derive(Clone, Copy)]
pub(crate) struct Side {
    pub session: Session,
    pub workspace: Workspace,
    pub deliveries: Deliveries,
    pub look: RwSignal<Look>,
    pub promotion: RwSignal<Option<Run>>,
    cluster: StoredValue<Cluster, LocalStorage>,
}

impl Side {
    fn of(c: Cluster) -> Side {
        Side {
            session: c.session,
            workspace: c.workspace,
            deliveries: c.deliveries,
            look: c.look,
            promotion: c.promotion,
            cluster: StoredValue::new_local(c),
        }
    }

    pub fn cluster(&self) -> Cluster {
        self.cluster.get_value()
    }

    pub fn label(&self) -> String {
        self.session.connection_untracked().host_label()
    }
}

/// The two clusters compared: A is the source of a promotion, B its target.
#[derive(Clone, Copy)]
pub(crate) struct Pair {
    pub a: Side,
    pub b: Side,
}

impl Pair {
    pub fn name(c: &Side) -> String {
        c.look.with_untracked(|l| l.name.clone())
    }
}

/// A cluster picker of the connected clusters.
fn picker(
    label: &'static str,
    id: &'static str,
    pick: RwSignal<u64>,
    clusters: Clusters,
) -> impl IntoView {
    view! {
        <label for=id>{label}</label>
        <select id=id prop:value=move || pick.get().to_string()
            on:change=move |ev| pick.set(event_target_value(&ev).parse().unwrap_or(0))>
            {move || clusters.all().into_iter().map(|c| {
                let text = format!("{} — {}", c.look.with_untracked(|l| l.name.clone()), c.label());
                view! { <option value=c.id.to_string()>{text}</option> }
            }).collect_view()}
        </select>
    }
}

/// The comparison of what both sides hold now (`None` while either side's
/// preferences are not read).
fn comparison(pair: Pair) -> Memo<Option<Shared<Comparison>>> {
    Memo::new(move |_| {
        pair.a.workspace.with_snapshot(|a| {
            pair.b
                .workspace
                .with_snapshot(|b| Some(Shared(Arc::new(compare(a?, b?)))))
        })
    })
}

/// The two clusters compared, once both are read.
#[component]
fn Compared(pair: Pair, cmp: Memo<Option<Shared<Comparison>>>) -> impl IntoView {
    let (query, showing, page_index) = (
        RwSignal::new(String::new()),
        RwSignal::new(Showing::All),
        RwSignal::new(0usize),
    );
    let keys = Memo::new(move |_| {
        cmp.with(|c| {
            Shared(Arc::new(
                c.as_ref().map(|c| search_keys(&c.0)).unwrap_or_default(),
            ))
        })
    });
    let shown = Memo::new(move |_| {
        cmp.with(|c| {
            c.as_ref().map_or_else(Vec::new, |c| {
                keys.with(|k| matching(&c.0, &k.0, &query.get(), showing.get()))
            })
        })
    });
    Effect::new(move |prev: Option<()>| {
        query.track();
        showing.track();
        if prev.is_some() {
            mark_after_paint("tsp-compare-filter-ready");
        }
    });
    Effect::new(move |_| {
        cmp.track();
        mark_after_paint("tsp-compare-ready");
    });
    // The rows picked for a promotion, by name; the cluster default with them.
    let picked = RwSignal::new(BTreeSet::<String>::new());
    let with_default = RwSignal::new(false);
    view! {
        {move || cmp.get().map(|c| view! { <Summary pair=pair cmp=c shown=shown.into() /> })}
        <div class="toolbar">
            <label for="compare-filter" class="inline">"Filter"</label>
            <input id="compare-filter" type="search" placeholder="name or id" prop:value=move || query.get()
                on:input=move |ev| { query.set(event_target_value(&ev)); page_index.set(0); } />
            <label for="compare-showing" class="inline">"Show"</label>
            <select id="compare-showing" prop:value=move || showing.get().code()
                on:change=move |ev| { showing.set(Showing::from_code(&event_target_value(&ev))); page_index.set(0); }>
                {Showing::ALL.map(|s| view! { <option value=s.code()>{s.label()}</option> }).collect_view()}
            </select>
            <span class="count" data-testid="compare-count">
                {move || format!("{} of {} Orgs", shown.with(Vec::len), cmp.with(|c| c.as_ref().map_or(0, |c| c.0.rows.len())))}
            </span>
        </div>
        <CompareTable pair=pair cmp=cmp shown=shown page_index=page_index picked=picked />
        <PromotionCard pair=pair cmp=cmp picked=picked with_default=with_default />
    }
}

/// One pair, from the moment both are picked: waits for both sides' reads.
#[component]
fn PairView(pair: Pair) -> impl IntoView {
    let cmp = comparison(pair);
    let waiting = move || {
        let missing: Vec<String> = [pair.a, pair.b]
            .into_iter()
            .filter(|c| !c.workspace.loaded())
            .map(|c| Pair::name(&c))
            .collect();
        (!missing.is_empty()).then(|| view! {
            <p class="loading" role="status">{format!("Reading the preferences of {}…", missing.join(" and "))}</p>
        })
    };
    // A token scoped to one Org reads that Org only: the rest of its cluster
    // would show as missing.
    let partial = move || {
        [("A", pair.a, "B"), ("B", pair.b, "A")]
            .into_iter()
            .filter_map(|(side, c, other)| {
                let s = c.session.scope().filter(|s| !s.is_primary())?;
                Some(format!(
                    "{side}'s token is scoped to Org {} (id {}): it reads that Org only, so the Orgs out of its \
                     reach show as only in {other}. Switch {side} to the Primary Org to compare every Org.",
                    s.org_name, s.org_id
                ))
            })
            .map(|t| view! { <p class="notice" role="note" data-testid="compare-partial">{t}</p> })
            .collect_view()
    };
    view! {
        {partial}
        <p class="compare-pair">
            "A: " {badge(&pair.a.cluster())} " " <span class="muted">{pair.a.label()}</span>
            " → B: " {badge(&pair.b.cluster())} " " <span class="muted">{pair.b.label()}</span>
        </p>
        {waiting}
        <Show when=move || cmp.with(Option::is_some)>
            <Compared pair=pair cmp=cmp />
        </Show>
    }
}

#[component]
pub fn CompareScreen() -> impl IntoView {
    let clusters = expect_context::<Clusters>();
    let all = clusters.all();
    let here = clusters.shown().map(|c| c.id).unwrap_or(0);
    let other = all.iter().rev().find(|c| c.id != here).map_or(0, |c| c.id);
    let (pick_a, pick_b) = (RwSignal::new(here), RwSignal::new(other));
    let pair = Memo::new(move |_| {
        let all = clusters.all();
        let has = |id: u64| all.iter().any(|c| c.id == id);
        let (a, b) = (pick_a.get(), pick_b.get());
        (a != b && has(a) && has(b)).then_some((a, b))
    });
    let side = move |id: u64| {
        clusters
            .all()
            .into_iter()
            .find(|c| c.id == id)
            .map(Side::of)
    };
    let swap = move |_| {
        let a = pick_a.get_untracked();
        pick_a.set(pick_b.get_untracked());
        pick_b.set(a);
    };
    view! {
        <section class="card compare" aria-labelledby="compare-title">
            <h2 id="compare-title">"Compare clusters"</h2>
            <Show when=move || { clusters.all().len() >= 2 } fallback=|| view! {
                <p class="notice" role="note" data-testid="compare-needs-two">
                    "Comparing needs two connected clusters: use “Connect another cluster” above. \
                     Each keeps its own sign-in, draft and screen."
                </p>
            }>
                <div class="toolbar" role="group" aria-label="Clusters compared">
                    {picker("A (from)", "compare-a", pick_a, clusters)}
                    <button type="button" on:click=swap>"Swap A and B"</button>
                    {picker("B (to)", "compare-b", pick_b, clusters)}
                </div>
                {move || match pair.get().and_then(|(a, b)| Some(Pair { a: side(a)?, b: side(b)? })) {
                    Some(pair) => view! { <PairView pair=pair /> }.into_any(),
                    None => view! { <p class="notice" role="note">"Pick two different clusters."</p> }.into_any(),
                }}
            </Show>
        </section>
    }
}
