//! The Orgs table's tools: the text filter and the lookup on the server, the
//! pager, and the selection for a bulk edit.

use crate::components::error_note::ErrorNote;
use crate::model::table::Page;
use crate::state::life::action;
use crate::state::Workspace;
use leptos::prelude::*;
use std::collections::BTreeSet;

#[component]
pub fn Pager(page: Signal<Page>, index: RwSignal<usize>) -> impl IntoView {
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
pub struct Selection(pub RwSignal<BTreeSet<String>>);

impl Selection {
    /// Whether the Org is ticked (tracked).
    pub fn has(&self, id: &str) -> bool {
        self.0.with(|s| s.contains(id))
    }
    pub fn set(&self, id: &str, on: bool) {
        self.0.update(|s| {
            if on {
                s.insert(id.to_string());
            } else {
                s.remove(id);
            }
        });
    }
    pub fn is_empty(&self) -> bool {
        self.0.with(BTreeSet::is_empty)
    }
    pub fn len(&self) -> usize {
        self.0.with(BTreeSet::len)
    }
    pub fn ids(&self) -> BTreeSet<String> {
        self.0.get_untracked()
    }
    pub fn clear(&self) {
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
pub fn Toolbar(
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
