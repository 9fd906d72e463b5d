//! Promotion from A to B: the rows picked (and the cluster default, when
//! asked) become a draft on B and a list of webhook steps; the review shows
//! all of it (B's changes and the configure body, each webhook step and the
//! secrets it asks for, the password an Org switch needs, what cannot be
//! promoted and why), then runs it, step by step, with each step's result.

use super::{Pair, Shared};
use crate::model::compare::{export, Comparison, Row};
use crate::model::draft::{diff, plan};
use crate::model::promote::{promote, HookKind};
use crate::model::webhook::{Field, FormRules};
use crate::state::promotion::{Given, Run, Step, StepState};
use leptos::prelude::*;
use std::collections::BTreeSet;

/// The secret inputs of one step (authentication, signing).
#[derive(Clone, Copy)]
struct Secrets(RwSignal<String>, RwSignal<String>);

fn secret_input(id: String, label: String, value: RwSignal<String>) -> impl IntoView {
    view! {
        <label for=id.clone()>{label}</label>
        <input id=id type="password" autocomplete="off" bind:value=value />
    }
}

fn step_line(
    i: usize,
    step: &Step,
    state: &StepState,
    secrets: Secrets,
    b_scope: Option<String>,
) -> impl IntoView {
    let (mark, note, class) = match state {
        StepState::Pending => ("○", String::new(), "pending"),
        StepState::Done(n) => ("✓", n.clone(), "done"),
        StepState::Failed(n) => ("✗", n.clone(), "failed"),
    };
    let asks = match step {
        Step::Hook(h) if matches!(state, StepState::Pending | StepState::Failed(_)) => {
            let what = |f: Field| match f {
                Field::AuthSecret => format!(
                    "{} for {:?} (Org {})",
                    h.form.auth.label(),
                    h.form.name,
                    h.org_name
                ),
                _ => format!("Signing secret for {:?} (Org {})", h.form.name, h.org_name),
            };
            let inputs = h
                .needs
                .iter()
                .map(|&f| {
                    let value = if f == Field::AuthSecret {
                        secrets.0
                    } else {
                        secrets.1
                    };
                    secret_input(format!("promote-secret-{i}-{}", f.key()), what(f), value)
                })
                .collect_view();
            let switch = (matches!(h.kind, HookKind::Create) && b_scope.as_deref() != Some(h.org_id.as_str()))
                .then(|| view! { <p class="muted small">"Created with a token scoped to this Org (the password below)."</p> });
            let kept = (matches!(h.kind, HookKind::Update { .. }) && h.needs.is_empty())
                .then(|| view! { <p class="muted small">"B's secrets are kept."</p> });
            Some(view! { <div class="step-asks">{inputs}{switch}{kept}</div> })
        }
        _ => None,
    };
    view! {
        <li class=format!("step {class}") data-state=class>
            <span aria-hidden="true">{mark}</span> " " {step.describe()}
            {(!note.is_empty()).then(|| view! { <span class="muted">" — " {note}</span> })}
            {asks}
        </li>
    }
}

/// A promotion on B, reviewed and run.
#[component]
fn RunView(pair: Pair, run: Run) -> impl IntoView {
    let b = pair.b;
    let count = run.steps().len();
    let secrets = StoredValue::new(
        (0..count)
            .map(|_| Secrets(RwSignal::new(String::new()), RwSignal::new(String::new())))
            .collect::<Vec<_>>(),
    );
    let user = RwSignal::new(b.session.connection_untracked().user.name);
    let password = RwSignal::new(String::new());
    let b_scope = b.session.scope().map(|s| s.org_id.to_string());
    let switches = {
        let scope = b_scope.clone();
        run.steps()
            .iter()
            .filter(|(s, _)| matches!(s, Step::Hook(h) if matches!(h.kind, HookKind::Create) && scope.as_deref() != Some(h.org_id.as_str())))
            .count()
    };
    let list = {
        let scope = b_scope.clone();
        move || {
            run.steps()
                .iter()
                .enumerate()
                .map(|(i, (s, st))| {
                    step_line(i, s, st, secrets.with_value(|v| v[i]), scope.clone())
                })
                .collect_view()
        }
    };
    let has_prefs = run
        .steps()
        .iter()
        .any(|(s, _)| matches!(s, Step::Preferences { .. }));
    let changes = b.workspace.changes();
    let body = move || {
        b.workspace
            .with_both(|s, d| plan(s, &diff(s, d)))
            .and_then(|p| serde_json::to_string_pretty(&p).ok())
            .unwrap_or_default()
    };
    let go = move |_| {
        let given = Given {
            secrets: secrets.with_value(|v| {
                v.iter()
                    .map(|s| (s.0.get_untracked(), s.1.get_untracked()))
                    .collect()
            }),
            login: (switches > 0).then(|| (user.get_untracked(), password.get_untracked())),
        };
        run.go(b.cluster(), given);
    };
    let forget = move || {
        password.set(String::new());
        secrets.with_value(|v| {
            for s in v {
                s.0.set(String::new());
                s.1.set(String::new());
            }
        });
    };
    // What was typed goes when the run is done.
    Effect::new(move |_| {
        if run.done() {
            forget();
        }
    });
    let drop_it = move |_| {
        let prefs_done = run
            .steps()
            .iter()
            .any(|(s, st)| matches!((s, st), (Step::Preferences { .. }, StepState::Done(_))));
        if !prefs_done {
            b.workspace.discard();
        }
        forget();
        b.promotion.set(None);
    };
    let cannot = run.cannot();
    view! {
        <div class="promotion" data-testid="promotion">
            <p>"From " <strong>{run.origin()}</strong> " to " <strong>{Pair::name(&b)}</strong> " (" {b.label()} ")."</p>
            {has_prefs.then(|| view! {
                <h4>"Preferences on B"</h4>
                <ul class="changes" data-testid="promotion-changes">
                    {move || changes.get().iter().map(|c| view! { <li>{c.describe()}</li> }).collect_view()}
                </ul>
                <details>
                    <summary>"The configure body"</summary>
                    <pre class="json" tabindex="0" aria-label="The configure body to send">{body}</pre>
                </details>
                <p class="muted small">"B's preferences screen shows these changes in its review too; they are B's draft until sent."</p>
            })}
            <h4>"Steps"</h4>
            <ol class="steps" data-testid="promotion-steps">{list}</ol>
            {(switches > 0).then(|| view! {
                <fieldset class="org-switch">
                    <legend>{format!("Sign-in for {switches} Org switch(es) on B")}</legend>
                    <p class="muted small">
                        "A webhook is created in the Org the token is scoped to. For each webhook above created in \
                         another Org of B, the panel asks B for a token scoped to that Org (auth/token/full, 5 minutes) \
                         with this user and password: used for this promotion only, never kept, forgotten when it is done."
                    </p>
                    <label for="promote-user">"User on B"</label>
                    <input id="promote-user" type="text" autocomplete="username" bind:value=user />
                    <label for="promote-password">"Password"</label>
                    <input id="promote-password" type="password" autocomplete="current-password" bind:value=password />
                </fieldset>
            })}
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
                    {move || run.running().then(|| view! { <span role="status" class="muted">"Running…"</span> })}
                </Show>
            </div>
        </div>
    }
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
    let prepare = move |_| {
        let Some(c) = cmp.get_untracked() else { return };
        let names = picked.get_untracked();
        let rows: Vec<&Row> =
            c.0.rows
                .iter()
                .filter(|r| names.contains(r.name()))
                .collect();
        let rules = FormRules::for_release(b.session.connection_untracked().release);
        let plan = pair.a.workspace.with_snapshot(|sa| {
            b.workspace.with_snapshot(|sb| {
                Some(promote(
                    sa?,
                    sb?,
                    &rows,
                    with_default.get_untracked(),
                    rules,
                ))
            })
        });
        let Some(plan) = plan else { return };
        if plan.is_empty() {
            let mut why =
                vec!["Nothing to promote: B already holds what A has for these.".to_string()];
            why.extend(plan.cannot);
            return problem.set(Some(why));
        }
        let origin = format!("{} ({})", Pair::name(&pair.a), pair.a.label());
        match Run::new(&b.cluster(), &plan, origin) {
            Ok(run) => {
                b.promotion.set(Some(run));
                picked.set(BTreeSet::new());
                with_default.set(false);
                problem.set(None);
            }
            Err(e) => problem.set(Some(vec![e])),
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
                        on:click=prepare>
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
