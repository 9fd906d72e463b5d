//! What a comparison comes to: the cluster default on each side, the tally
//! of the Orgs, and the export of the rows the filter shows.

use super::{Pair, Shared};
use crate::components::work::download;
use crate::model::compare::{export, Comparison};
use leptos::prelude::*;

/// The default, the tally, and the export of the rows shown.
#[component]
pub(super) fn Summary(
    pair: Pair,
    cmp: Shared<Comparison>,
    shown: Signal<Vec<usize>>,
) -> impl IntoView {
    let c = cmp.0.clone();
    let t = c.tally();
    let status = RwSignal::new(None::<Result<String, String>>);
    let cmp = StoredValue::new(cmp);
    let file = move |json: bool| {
        let c = cmp.with_value(|c| c.0.clone());
        let rows: Vec<_> = shown.with_untracked(|s| s.iter().map(|&i| &c.rows[i]).collect());
        let (ha, hb) = (pair.a.label(), pair.b.label());
        let (text, name, kind) = if json {
            (
                export::to_json(&c, &rows, &ha, &hb),
                "comparison.json",
                "application/json",
            )
        } else {
            (export::to_csv(&c, &rows), "comparison.csv", "text/csv")
        };
        status.set(Some(download(
            name,
            kind,
            &text,
            format!("{} Org(s) exported to {name}.", rows.len()),
        )));
    };
    let default_row = if c.default_differs() {
        "differs"
    } else {
        "same"
    };
    view! {
        <dl class="compare-summary" data-testid="compare-summary">
            <dt>"Cluster default"</dt>
            <dd data-testid="compare-default" data-differs=default_row>
                "A: " {export::default_text(&c.default_a)} " · B: " {export::default_text(&c.default_b)}
                {c.default_differs().then(|| view! { <strong class="warn-text">" — differs"</strong> })}
            </dd>
            <dt>"Orgs"</dt>
            <dd data-testid="compare-tally" data-same=t.same data-differing=t.differing data-only-a=t.only_a data-only-b=t.only_b data-similar=t.similar>
                {format!("{} the same, {} differ, {} only in A, {} only in B", t.same, t.differing, t.only_a, t.only_b)}
                {(t.similar > 0).then(|| view! {
                    <span class="warn-text">{format!("; {} named alike but not the same (case or spacing): not matched", t.similar)}</span>
                })}
            </dd>
        </dl>
        <div class="bulk" role="group" aria-label="Export the comparison">
            <button type="button" on:click=move |_| file(false)>"Export CSV"</button>
            <button type="button" on:click=move |_| file(true)>"Export JSON"</button>
            <span class="muted small">"What the filter shows; secrets are never in it."</span>
            {move || status.get().map(|s| match s {
                Ok(t) => view! { <span role="status" class="muted">{t}</span> }.into_any(),
                Err(t) => view! { <span role="alert" class="warn-text">{t}</span> }.into_any(),
            })}
        </div>
    }
}
