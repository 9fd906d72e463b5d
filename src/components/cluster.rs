//! The cluster default for LIVEBOARD_SCHEDULE: what the server holds, and the
//! Draft's value with controls to change it.

use crate::components::channels::channel_checks;
use crate::model::access::Grant;
use crate::model::prefs::{describe_channels, ClusterSetting, LIVEBOARD_SCHEDULE as LS};
use crate::state::{Session, Workspace};
use leptos::prelude::*;

/// A short label for a cluster state; the words carry the meaning, the class only styles it.
fn badge(s: &ClusterSetting) -> (&'static str, &'static str) {
    match s {
        ClusterSetting::NeverSet => ("Never set", "badge neutral"),
        ClusterSetting::Set(c) if c.is_empty() => ("All channels off", "badge off"),
        ClusterSetting::Set(_) => ("Set", "badge on"),
    }
}

/// Why the cluster default is not shown.
#[component]
fn NotShown() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let session = expect_context::<Session>();
    move || {
        match ws.cluster_refused() {
        Some(e) => view! {
            <p class="muted" data-testid="cluster-refused">
                "The cluster default is not shown: the server refused to return it ("
                {e.summary()} "). "
                {session.scope().filter(|s| !s.is_primary()).map(|_| {
                    "This token is scoped to an Org other than the Primary Org; sign in to the Primary Org to see it."
                })}
            </p>
        }
        .into_any(),
        None => view! {
            <p class="muted">
                "The cluster default is not shown: it was not read. Reading it needs the ADMINISTRATION \
                 privilege, or DEVELOPER or APPLICATION_ADMINISTRATION where the cluster allows them."
            </p>
        }
        .into_any(),
    }
    }
}

#[component]
pub fn ClusterCard() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let session = expect_context::<Session>();
    let server = move || ws.with_snapshot(|s| s.and_then(|s| s.cluster_setting(LS)));
    let current = move || ws.with_both(|s, d| d.cluster_value(s, LS)).flatten();
    let edited = move || ws.with_draft(|d| d.cluster.contains_key(LS));
    let set = move |channels: Vec<String>| ws.edit(|d, s| d.set_cluster(s, LS, channels));
    let grant = move || Some(session.access().cluster);

    view! {
        <section class="card cluster" aria-labelledby="cluster-title">
            <h2 id="cluster-title">"Cluster default"</h2>
            {move || match server() {
                None => view! { <NotShown /> }.into_any(),
                Some(on_server) => {
                    let (label, class) = badge(&on_server);
                    let value = current().unwrap_or(on_server.clone());
                    let channels = match &value {
                        ClusterSetting::Set(c) => c.clone(),
                        ClusterSetting::NeverSet => vec![],
                    };
                    let disabled = !session.can_edit_cluster();
                    let boxes = channel_checks(channels, disabled, None, set);
                    view! {
                        <p class="state">
                            "On the server: " <span class=class>{label}</span> " "
                            <span data-testid="cluster-server">{on_server.describe()}</span>
                        </p>
                        <fieldset class="channels" disabled=disabled>
                            <legend>"LIVEBOARD_SCHEDULE goes to"</legend>
                            {boxes}
                            <button type="button" on:click=move |_| set(vec![])>"All channels off"</button>
                        </fieldset>
                        {matches!(value, ClusterSetting::NeverSet).then(|| view! {
                            <p class="muted">"Never set: until it is, schedules go to email."</p>
                        })}
                        {move || edited().then(|| view! {
                            <p class="pending">
                                "Pending: " {current().map(|v| v.describe()).unwrap_or_default()} " "
                                <button type="button" on:click=move |_| ws.edit(|d, _| d.undo_cluster(LS))>
                                    "Undo"
                                </button>
                            </p>
                        })}
                        {move || match grant() {
                            Some(Grant::No) | None => Some(view! {
                                <p class="muted">"Changing the cluster default needs ADMINISTRATION."</p>
                            }.into_any()),
                            Some(Grant::Try) => Some(view! {
                                <p class="muted" data-testid="cluster-try">
                                    "The API does not say whether your privileges may change the cluster default \
                                     (ADMINISTRATION certainly may). Save will try, and explain a refusal."
                                </p>
                            }.into_any()),
                            Some(Grant::Yes) => None,
                        }}
                    }
                    .into_any()
                }
            }}
            <p class="muted small">
                "Orgs that inherit use this default. Effective now for inheriting Orgs: "
                <span data-testid="cluster-effective">
                    {move || current().map(|v| describe_channels(&v.effective())).unwrap_or_else(|| "unknown".into())}
                </span>
            </p>
        </section>
    }
}
