//! Promotion from A to B: the rows picked (and the cluster default, when
//! asked) become a draft on B and a list of webhook steps; the review shows
//! all of it (B's changes and the configure body, each webhook step and the
//! secrets it asks for, the password an Org switch needs, what cannot be
//! promoted and why), then runs it, step by step, with each step's result.

use super::steps::{org_switch, org_switches, step_line, Typed};
use super::{Pair, Shared, Side};
use crate::model::compare::{export, Comparison, Row};
use crate::model::draft::{diff, plan};
use crate::model::promote::promote;
use crate::model::webhook::FormRules;
use crate::state::promotion::{Run, Step, StepState};
use leptos::prelude::*;
use std::collections::BTreeSet;

/// The preferences a promotion puts on B: B's draft, as B's review shows it.
fn preferences_on_b(b: Side) -> impl IntoView {
    let changes = b.workspace.changes();
    let body = move || {
        b.workspace
            .with_both(|s, d| plan(s, &diff(s, d)))
            .and_then(|p| serde_json::to_string_pretty(&p).ok())
            .unwrap_or_default()
    };
    view! {
        <h4>"Preferences on B"</h4>
        <ul class="changes" data-testid="promotion-changes">
            {move || changes.get().iter().map(|c| view! { <li>{c.describe()}</li> }).collect_view()}
        </ul>
        <details>
            <summary>"The configure body"</summary>
            <pre class="json" tabindex="0" aria-label="The configure body to send">{body}</pre>
        </details>
        <p class="muted small">"B's preferences screen shows these changes in its review too; they are B's draft until sent."</p>
    }
}

/// A promotion on B, reviewed and run.
#[component]
fn RunView(pair: Pair, run: Run) -> impl IntoView {
    let b = pair.b;
    let typed = Typed::new(
        run.steps().len(),
        b.session.connection_untracked().user.name,
    );
    let b_scope = b.session.scope().map(|s| s.org_id.to_string());
    let switches = org_switches(&run, b_scope.as_deref());
    let list = move || {
        run.steps()
            .iter()
            .enumerate()
            .map(|(i, (s, st))| step_line(i, s, st, typed.of_step(i), b_scope.clone()))
            .collect_view()
    };
    let has_prefs = run
        .steps()
        .iter()
        .any(|(s, _)| matches!(s, Step::Preferences { .. }));
    let go = move |_| run.go(b.cluster(), typed.given(switches > 0));
    // What was typed goes when the run is done.
    Effect::new(move |_| {
        if run.done() {
            typed.forget();
        }
    });
    let left = RwSignal::new(false);
    let drop_it = move |_| {
        let prefs_done = run
            .steps()
            .iter()
            .any(|(s, st)| matches!((s, st), (Step::Preferences { .. }, StepState::Done(_))));
        typed.forget();
        // B's draft loses what the promotion put there, unless B was edited since.
        if prefs_done || run.take_back(b.workspace) {
            b.promotion.set(None);
        } else {
            left.set(true);
        }
    };
    let keep_draft = move |_| b.promotion.set(None);
    let cannot = run.cannot();
    view! {
        <div class="promotion" data-testid="promotion">
            <p>"From " <strong>{run.origin()}</strong> " to " <strong>{Pair::name(&b)}</strong> " (" {b.label()} ")."</p>
            {has_prefs.then(|| preferences_on_b(b))}
            <h4>"Steps"</h4>
            <ol class="steps" data-testid="promotion-steps">{list}</ol>
            {(switches > 0).then(|| org_switch(switches, typed.user, typed.password))}
            {(!cannot.is_empty()).then(|| view! {
                <h4>"Not promoted"</h4>
                <ul class="cannot" data-testid="promotion-cannot">
                    {cannot.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
                </ul>
            })}
            <div class="bulk">
                <Show when=move || !run.done() fallback=move || view! {
                    <p role="status" data-testid="promotion-done">"Every step is done."</p>
                    <button type="button" on:click=move |_| b.promotion.set(None)>"Close"</button>
                }>
                    <button type="button" class="primary" disabled=move || run.running() on:click=go>
                        {move || if run.untouched() { "Promote to B" } else { "Run the rest" }}
                    </button>
                    <button type="button" disabled=move || run.running() on:click=drop_it>"Drop this promotion"</button>
                    {move || left.get().then(|| view! {
                        <p class="notice" role="alert">
                            "B's draft was edited since the review, so it is left as it is: discard it on B's \
                             preferences screen if you want none of it."
                            <button type="button" on:click=keep_draft>"Drop the promotion, keep B's draft"</button>
                        </p>
                    })}
                    {move || run.running().then(|| view! { <span role="status" class="muted">"Running…"</span> })}
                </Show>
            </div>
        </div>
    }
}

/// The promotion of the rows picked (and the default, when asked) as a run
/// on B, or why there is none.
fn prepare(
    pair: Pair,
    c: &Comparison,
    names: &BTreeSet<String>,
    with_default: bool,
) -> Result<Run, Vec<String>> {
    let b = pair.b;
    let rows: Vec<&Row> = c.rows.iter().filter(|r| names.contains(r.name())).collect();
    let rules = FormRules::for_release(b.session.connection_untracked().release);
    let plan = pair.a.workspace.with_snapshot(|sa| {
        b.workspace
            .with_snapshot(|sb| Some(promote(sa?, sb?, &rows, with_default, rules)))
    });
    let Some(plan) = plan else {
        return Err(vec!["Both clusters' preferences must be read first.".into()]);
    };
    if plan.is_empty() {
        let mut why = vec!["Nothing to promote: B already holds what A has for these.".to_string()];
        why.extend(plan.cannot);
        return Err(why);
    }
    let origin = format!("{} ({})", Pair::name(&pair.a), pair.a.label());
    Run::new(&b.cluster(), &plan, origin).map_err(|e| vec![e])
}

#[component]
pub fn PromotionCard(
    pair: Pair,
    cmp: Memo<Option<Shared<Comparison>>>,
    picked: RwSignal<BTreeSet<String>>,
    with_default: RwSignal<bool>,
) -> impl IntoView {
    let b = pair.b;
    let problem = RwSignal::new(None::<Vec<String>>);
    let review = move |_| {
        let Some(c) = cmp.get_untracked() else { return };
        match prepare(
            pair,
            &c.0,
            &picked.get_untracked(),
            with_default.get_untracked(),
        ) {
            Ok(run) => {
                b.promotion.set(Some(run));
                picked.set(BTreeSet::new());
                with_default.set(false);
                problem.set(None);
            }
            Err(why) => problem.set(Some(why)),
        }
    };
    let default_differs = move || cmp.with(|c| c.as_ref().is_some_and(|c| c.0.default_differs()));
    let defaults = move || {
        cmp.with(|c| {
            c.as_ref()
                .map(|c| {
                    format!(
                        "A: {} · B: {}",
                        export::default_text(&c.0.default_a),
                        export::default_text(&c.0.default_b)
                    )
                })
                .unwrap_or_default()
        })
    };
    view! {
        <section class="card promote" aria-labelledby="promote-title">
            <h3 id="promote-title">{format!("Promote from {} to {}", Pair::name(&pair.a), Pair::name(&b))}</h3>
            {move || b.promotion.get().map_or_else(
                move || view! {
                    <Show when=default_differs>
                        <label class="check">
                            <input type="checkbox" bind:checked=with_default />
                            " The cluster default too (" {defaults} ")"
                        </label>
                    </Show>
                    <button type="button" class="primary"
                        disabled=move || picked.with(BTreeSet::is_empty) && !with_default.get()
                        on:click=review>
                        {move || format!("Review the promotion of {} Org(s)", picked.with(BTreeSet::len))}
                    </button>
                    {move || problem.get().map(|p| view! {
                        <ul class="notice" role="alert">{p.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    })}
                }.into_any(),
                |run| view! { <RunView pair=pair run=run /> }.into_any(),
            )}
        </section>
    }
}
