//! One recorded save: when, who, what it changed, what reading back found,
//! the exact body, and the way back.

use crate::api::ApiError;
use crate::components::error_note::ErrorNote;
use crate::components::local_time as time;
use crate::model::journal::{Entry, ReadBack};
use crate::state::life::action;
use crate::state::{Nav, Screen, Workspace};
use leptos::prelude::*;

fn held_text(readback: &ReadBack, i: usize) -> Option<String> {
    match readback {
        ReadBack::Checked(v) => Some(match v.get(i).cloned().flatten() {
            None => "✓ held".to_string(),
            Some(now) => format!("✗ the server held: {now}"),
        }),
        ReadBack::NotConfirmed(_) => None,
    }
}

#[component]
pub fn EntryView(entry: Entry) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let nav = expect_context::<Nav>();
    let at = entry.at_ms;
    let key = entry.key();
    let revert = action(move |_: &()| {
        let key = key.clone();
        async move {
            let done = ws.revert(&key).await?;
            if done {
                nav.show(Screen::Preferences);
            }
            Ok::<bool, ApiError>(done)
        }
    });
    let summary = format!(
        "{} — {} ({}): {} change(s); {}",
        time(entry.at_ms),
        entry.user,
        entry.scope,
        entry.changes.len(),
        entry.readback.describe()
    );
    let body = serde_json::from_str::<serde_json::Value>(&entry.body)
        .and_then(|v| serde_json::to_string_pretty(&v))
        .unwrap_or_else(|_| entry.body.clone());
    let changes = entry
        .changes
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let held = held_text(&entry.readback, i);
            view! { <li>{c.describe()} {held.map(|h| view! { " — " <span class="muted">{h}</span> })}</li> }
        })
        .collect_view();
    view! {
        <li class="journal-entry">
            <details>
                <summary>{summary}</summary>
                {entry.origin.clone().map(|o| view! { <p class="origin" data-testid="entry-origin">"Promoted from " {o}</p> })}
                <ol class="changes">{changes}</ol>
                <pre class="json" tabindex="0" aria-label="The configure body sent">{body}</pre>
            </details>
            <button type="button" disabled=move || revert.pending().get()
                on:click=move |_| { revert.dispatch(()); } aria-label=format!("Revert the save of {}", time(at))>
                "Revert this save"
            </button>
            {move || revert.value().get().map(|r| match r {
                Err(e) => view! { <ErrorNote error=e /> }.into_any(),
                Ok(false) => view! {
                    <p class="notice" role="alert">"Save or discard the pending changes first: a revert replaces the draft."</p>
                }.into_any(),
                Ok(true) => ().into_any(),
            })}
        </li>
    }
}
