//! Everything shown once signed in: the session bar, the two screens, and
//! what the preferences screen holds. In the release build this is the part
//! of the panel fetched after the connect screen has rendered.

use crate::components::{
    cluster::ClusterCard,
    clusters::ClusterBar,
    compare::CompareScreen,
    conflicts::Conflicts,
    connect::Connect,
    error_note::caught_notes,
    journal::JournalScreen,
    orgs::OrgsTable,
    review::Review,
    session_bar::{BusyNote, SessionBar},
    webhooks::WebhooksScreen,
    work::{RestoreBanner, WorkTools},
};
use crate::model::look::Look;
use crate::state::{Clusters, Nav, Screen, Session, Workflows, Workspace};
use leptos::prelude::*;

/// Values from a newer server, shown so the admin knows they exist and stay.
#[component]
fn UnknownValues() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    move || {
        let unknown = ws.with_snapshot(|s| s.map(|s| s.unknown_values()).unwrap_or_default());
        (!unknown.is_empty()).then(|| {
            view! {
                <p class="notice" role="note">
                    "This server sent values this panel does not know: " {unknown.join(", ")}
                    ". They are shown where they occur and sent back unchanged when you save."
                </p>
            }
        })
    }
}

/// Draft edits this session's token cannot reach, kept for one that can.
#[component]
fn HeldBack() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    move || {
        let n = ws.held_back();
        (n > 0).then(|| {
            view! {
                <p class="notice" role="note" data-testid="held-back">
                    {format!(
                        "{n} pending change(s) are for the cluster default or Orgs this session cannot \
                         reach (not read, or not listed). They are kept, not sent: a session that reaches \
                         them (the Primary Org, or privileges that may read the cluster default) shows them again."
                    )}
                </p>
            }
        })
    }
}

#[component]
fn Screens() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let clusters = expect_context::<Clusters>();
    let tab = move |screen: Screen, label: &'static str| {
        view! {
            <button type="button" aria-pressed=move || (nav.screen() == screen).to_string()
                on:click=move |_| nav.show(screen)>{label}</button>
        }
    };
    view! {
        <nav class="screens" aria-label="Screens">
            {tab(Screen::Preferences, "Channel preferences")}
            {tab(Screen::Webhooks, "Webhooks")}
            {tab(Screen::Journal, "Save journal")}
            // Comparing needs two clusters; its route says so when there is one.
            {move || (clusters.all().len() >= 2 || nav.screen() == Screen::Compare)
                .then(|| tab(Screen::Compare, "Compare clusters"))}
        </nav>
    }
}

/// The preferences, once loaded.
#[component]
fn Loaded() -> impl IntoView {
    view! {
        <RestoreBanner />
        <UnknownValues />
        <HeldBack />
        <WorkTools />
        <Conflicts />
        <div class="layout">
            <div class="left">
                <ClusterCard />
                <Review />
            </div>
            <OrgsTable />
        </div>
    }
}

/// Why the preferences could not be read, and the way to read them again.
fn load_failed(errors: ArcRwSignal<Errors>, flows: Workflows) -> impl IntoView {
    let shown = caught_notes(errors);
    view! {
        {shown}
        <button type="button" on:click=move |_| flows.reload()>"Try again"</button>
    }
}

/// The channel preferences screen: why not, the read of the preferences (its
/// value: shown, or why not, through Transition and ErrorBoundary), and the
/// preferences once there.
#[component]
fn Preferences() -> impl IntoView {
    let session = expect_context::<Session>();
    let ws = expect_context::<Workspace>();
    let flows = expect_context::<Workflows>();
    view! {
        <Show when=move || session.access().prefs fallback=|| view! {
            <p class="notice" role="note" data-testid="no-prefs">
                "Reading and editing channel preferences needs ADMINISTRATION, DEVELOPER or \
                 APPLICATION_ADMINISTRATION; this session has none of them. The session bar lists what it may do."
            </p>
        }>
            <Transition fallback=|| view! { <p class="loading" role="status">"Loading preferences…"</p> }>
                <ErrorBoundary fallback=move |errors| load_failed(errors, flows)>
                    {move || Suspend::new(async move { flows.load.await })}
                </ErrorBoundary>
            </Transition>
            // What was read stays on screen while it is read again.
            <Show when=move || ws.loaded()>
                <Loaded />
            </Show>
        </Show>
    }
}

/// Everything shown once signed in: the cluster's preferences are read by
/// its workflows (again whenever what the token reaches changes); every
/// Draft change is kept in this browser (never the token).
#[component]
pub fn SignedIn() -> impl IntoView {
    let session = expect_context::<Session>();
    let ws = expect_context::<Workspace>();
    // Where the admin is belongs to this sign-in: a disconnect forgets it.
    let nav = Nav::new();
    provide_context(nav);
    Effect::new(move |_| {
        ws.track_draft();
        ws.persist();
    });
    // A screen is built once per visit: a change of route within it (a
    // webhook's deliveries, back to the list) leaves it standing.
    let screen = Memo::new(move |_| nav.screen());
    let look = expect_context::<RwSignal<Look>>();
    view! {
        // The cluster's colour frames everything shown of it.
        <div class="cluster-frame" style:--cluster=move || look.with(|l| l.css())>
        <ClusterBar />
        <SessionBar />
        <BusyNote />
        {move || session.renewal().map(|r| view! { <Connect renewal=r /> })}
        <Screens />
        {move || match screen.get() {
            Screen::Preferences => view! { <Preferences /> }.into_any(),
            Screen::Webhooks => view! { <WebhooksScreen /> }.into_any(),
            Screen::Journal => view! { <JournalScreen /> }.into_any(),
            Screen::Compare => view! { <CompareScreen /> }.into_any(),
        }}
        </div>
    }
}
