//! How the last save ended: an error (the draft is kept, Retry), conflicts,
//! nothing to send, a refused cluster default, an unconfirmed save, or each
//! change checked against what the server now holds.

use crate::api::wire::ConfigureRequest;
use crate::components::error_note::ErrorNote;
use crate::model::draft::Verified;
use crate::state::life::action;
use crate::state::{SaveOutcome, Workflows, Workspace};
use leptos::prelude::*;

fn verified_view(v: Vec<Verified>) -> impl IntoView {
    let ok = v.iter().filter(|x| x.differs.is_none()).count();
    let total = v.len();
    view! {
        <div class="verified" role="status">
            <strong>{format!("Saved. The server now holds {ok} of {total} change(s).")}</strong>
            <ul>
                {v.into_iter().map(|x| {
                    let text = x.change.describe();
                    match x.differs {
                        None => view! { <li class="ok">"✓ " {text}</li> }.into_any(),
                        Some(now) => view! {
                            <li class="differs">"✗ " {text} " — the server holds: " {now}</li>
                        }.into_any(),
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}

#[component]
pub fn SaveResult(request: Memo<ConfigureRequest>) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let flows = expect_context::<Workflows>();
    let confirm = action(move |_: &()| async move { ws.confirm().await });
    let failed = move || {
        flows.save.value().get().and_then(Result::err).map(|e| {
            view! {
                <ErrorNote error=e />
                <p class="muted">"Your changes are kept. "
                    <button type="button" disabled=move || flows.saving()
                        on:click=move |_| flows.send(request.get_untracked())>"Retry save"</button>
                </p>
            }
        })
    };
    let outcome = move || {
        ws.outcome().map(|o| match o {
            SaveOutcome::Saved(v) => verified_view(v).into_any(),
            SaveOutcome::Conflicts(n) => view! {
                <p class="notice" role="alert">
                    {format!("Nothing was sent: the server changed {n} item(s) you also changed. Decide them above, then Save.")}
                </p>
            }.into_any(),
            SaveOutcome::BodyChanged(what) => view! {
                <div class="notice" role="alert" data-testid="body-changed">
                    <strong>"Nothing was sent: the server changed since you reviewed, so the body Save \
                        would send is no longer the one on screen. The review now shows the new body; \
                        Save sends it."</strong>
                    <ul>{what.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                </div>
            }.into_any(),
            SaveOutcome::Elsewhere => ().into_any(),
            SaveOutcome::NotSent => view! {
                <p class="muted" role="status">"Nothing was sent."</p>
            }.into_any(),
            SaveOutcome::NothingToSend => view! {
                <p class="muted" role="status">"The server already holds all of your changes: nothing to send."</p>
            }.into_any(),
            SaveOutcome::Unconfirmed { changes, error, .. } => view! {
                <div class="notice" role="alert" data-testid="unconfirmed">
                    <strong>{format!(
                        "Saved, but reading the preferences back failed: {} change(s) are not confirmed.",
                        changes.len()
                    )}</strong>
                    <p>{error.summary()}</p>
                    <ul>{changes.iter().map(|c| view! { <li>{c.describe()}</li> }).collect_view()}</ul>
                    <button type="button" disabled=move || confirm.pending().get() || flows.saving()
                        on:click=move |_| { confirm.dispatch(()); }>"Check again"</button>
                </div>
            }.into_any(),
            SaveOutcome::ClusterRefused(e) => view! {
                <div class="notice" role="alert" data-testid="cluster-refused-save">
                    <strong>"Nothing was saved: ThoughtSpot refused the cluster default change for your privileges."</strong>
                    <ErrorNote error=e />
                    <p>"A configure call is all or nothing. The cluster default needs ADMINISTRATION on this \
                        cluster; your Org changes can be saved without it."</p>
                    <button type="button" disabled=move || flows.saving()
                        on:click=move |_| flows.send_without_cluster(ws)>"Save without the cluster default change"</button>
                </div>
            }.into_any(),
        })
    };
    view! {
        {failed}
        {outcome}
    }
}
