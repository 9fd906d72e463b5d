//! The connected clusters, side by side: each with the name and colour the
//! admin gave it, a switch between them (each keeps its draft and screen),
//! one more to connect, and the shown one's name and colour to change.

use crate::components::connect::Connect;
use crate::model::look::{Look, COLOURS};
use crate::state::{Cluster, Clusters};
use leptos::prelude::*;

/// A cluster's colour and name, as every place that names it shows them.
pub fn badge(c: &Cluster) -> impl IntoView {
    let look = c.look;
    view! {
        <span class="cluster-badge" style:--cluster=move || look.with(|l| l.css())>
            <span class="swatch" aria-hidden="true"></span>
            {move || look.with(|l| l.name.clone())}
            <span class="sr-only">{move || look.with(|l| format!(" ({})", l.colour_name()))}</span>
        </span>
    }
}

/// The name and colour of the shown cluster, to change.
#[component]
fn LookEditor(cluster: Cluster) -> impl IntoView {
    let now = cluster.look.get_untracked();
    let (name, colour) = (RwSignal::new(now.name), RwSignal::new(now.colour));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        cluster.set_look(Look {
            name: name.get_untracked(),
            colour: colour.get_untracked(),
        });
    };
    view! {
        <details class="look">
            <summary>"Name and colour"</summary>
            <form on:submit=save>
                <label for="cluster-name">"Name of this cluster"</label>
                <input id="cluster-name" type="text" maxlength="40" bind:value=name />
                <label for="cluster-colour">"Colour"</label>
                <select id="cluster-colour" prop:value=move || colour.get().to_string()
                    on:change=move |ev| colour.set(event_target_value(&ev).parse().unwrap_or(0))>
                    {COLOURS.iter().enumerate().map(|(i, (n, _))| view! { <option value=i.to_string()>{*n}</option> }).collect_view()}
                </select>
                <button type="submit">"Keep"</button>
            </form>
        </details>
    }
}

/// The connected clusters, and the way to one more (the connect form opens
/// here; the clusters connected stay as they are meanwhile).
#[component]
pub fn ClusterBar() -> impl IntoView {
    let clusters = expect_context::<Clusters>();
    let adding = RwSignal::new(false);
    let tabs = move || {
        let shown = clusters.shown().map(|c| c.id);
        clusters
            .all()
            .into_iter()
            .map(|c| {
                let (id, here) = (c.id, shown == Some(c.id));
                view! {
                    <button type="button" class="cluster-tab" aria-pressed=here.to_string()
                        on:click=move |_| clusters.show(id)>
                        {badge(&c)}
                    </button>
                }
            })
            .collect_view()
    };
    view! {
        <nav class="clusters" aria-label="Connected clusters">
            {tabs}
            <button type="button" aria-expanded=move || adding.get().to_string()
                on:click=move |_| adding.update(|a| *a = !*a)>"Connect another cluster"</button>
            {move || clusters.shown().map(|c| view! { <LookEditor cluster=c /> })}
        </nav>
        {move || adding.get().then(|| view! {
            <Connect />
            <button type="button" on:click=move |_| adding.set(false)>"Cancel"</button>
        })}
    }
}
