//! The save journal: every save made from this browser for this host,
//! newest first, filterable by Org, each with its changes, read-back and
//! body; export as JSON or CSV; revert a save as a reviewed draft. (A
//! webhook's delivery history is another thing: `webhooks/results.rs`.)

mod entry;

use crate::components::local_time as time;
use crate::components::work::download;
use crate::model::journal::{MAX_BYTES, MAX_ENTRIES};
use crate::state::storage::JOURNAL_PREFIX;
use crate::state::Workspace;
use entry::EntryView;
use leptos::prelude::*;

/// *Export journal* as JSON or CSV.
#[component]
fn Exports(message: RwSignal<Option<Result<String, String>>>) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let export = move |csv: bool| {
        let (name, kind, text) = if csv {
            (
                "thoughtspot-channels-journal.csv",
                "text/csv",
                ws.with_journal(|j| j.to_csv(time)),
            )
        } else {
            (
                "thoughtspot-channels-journal.json",
                "application/json",
                ws.journal_json(),
            )
        };
        let done = format!(
            "Exported the journal as {}.",
            if csv { "CSV" } else { "JSON" }
        );
        message.set(Some(download(name, kind, &text, done)));
    };
    view! {
        <button type="button" on:click=move |_| export(false)>"Export journal (JSON)"</button>
        <button type="button" on:click=move |_| export(true)>"Export journal (CSV)"</button>
    }
}

#[component]
pub fn JournalScreen() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    ws.reload_journal();
    // A save recorded by another tab shows here as it lands.
    let listening = window_event_listener(leptos::ev::storage, move |e| {
        if e.key().is_some_and(|k| k.starts_with(JOURNAL_PREFIX)) {
            ws.reload_journal();
        }
    });
    on_cleanup(move || listening.remove());
    let org = RwSignal::new(String::new());
    let message = RwSignal::new(None::<Result<String, String>>);
    let entries = move || {
        let q = org.get();
        ws.with_journal(|j| {
            j.entries
                .iter()
                .rev()
                .filter(|e| e.touches(&q))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let count = move || ws.with_journal(|j| (j.entries.len(), j.dropped));
    view! {
        <section class="card history" aria-labelledby="history-title">
            <h2 id="history-title">"Save journal: every save from this browser"</h2>
            <p class="muted">
                {format!(
                    "Every save made from this browser for this host: when, who, each change before → after, \
                     and what reading back found. Kept in this browser (never the token): the newest {MAX_ENTRIES} \
                     saves, up to {} MB.",
                    MAX_BYTES / 1_000_000
                )}
            </p>
            {move || {
                let (_, dropped) = count();
                (dropped > 0).then(|| view! {
                    <p class="notice" role="note" data-testid="journal-dropped">
                        {format!("{dropped} older save(s) were dropped to keep the journal within its bound.")}
                    </p>
                })
            }}
            <div class="toolbar">
                <label for="history-org" class="inline">"Org"</label>
                <input id="history-org" type="search" placeholder="name or id" bind:value=org />
                <Exports message=message />
                <span class="count" data-testid="journal-count">{move || format!("{} save(s)", count().0)}</span>
            </div>
            {move || message.get().map(|m| match m {
                Ok(t) => view! { <span class="ok-text" role="status">{t}</span> }.into_any(),
                Err(t) => view! { <span class="error-text" role="alert">{t}</span> }.into_any(),
            })}
            <Show when=move || count().0 != 0 fallback=|| view! {
                <p class="muted">"No saves recorded here yet."</p>
            }>
                // Keyed: a save recorded meanwhile (here or in another tab)
                // leaves the other entries, and a revert under way, alone.
                <ol class="journal" data-testid="journal">
                    <For each=entries key=|e| (e.key(), e.readback.describe()) children=|e| view! { <EntryView entry=e /> } />
                </ol>
            </Show>
        </section>
    }
}
