//! Everything shown once signed in: the session bar, the two screens, and
//! what the preferences screen holds. In the release build this is the part
//! of the panel fetched after the connect screen has rendered.

use crate::components::{
    cluster::ClusterCard,
    conflicts::Conflicts,
    connect::Connect,
    error_note::ErrorNote,
    history::HistoryScreen,
    orgs::OrgsTable,
    review::Review,
    session_bar::{BusyNote, SessionBar},
    webhooks::WebhooksScreen,
    work::{RestoreBanner, WorkTools},
};
use crate::state::life::{action, resource};
use crate::state::{Nav, Screen, Session, Workspace};
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
            {tab(Screen::History, "History")}
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

/// The channel preferences screen: why not, loading, or the preferences.
#[component]
fn Preferences() -> impl IntoView {
    let session = expect_context::<Session>();
    let ws = expect_context::<Workspace>();
    let retry = action(move |_: &()| async move { ws.load().await });
    view! {
        {move || ws.load_error().map(|e| view! {
            <ErrorNote error=e />
            <button type="button" on:click=move |_| { retry.dispatch(()); }>"Try again"</button>
        })}
        <Show when=move || session.access().prefs fallback=|| view! {
            <p class="notice" role="note" data-testid="no-prefs">
                "Reading and editing channel preferences needs ADMINISTRATION, DEVELOPER or \
                 APPLICATION_ADMINISTRATION; this session has none of them. The session bar lists what it may do."
            </p>
        }>
            <Show when=move || ws.loaded()
                fallback=move || ws.load_error().is_none().then(|| view! {
                    <p class="loading" role="status">"Loading preferences…"</p>
                })>
                <Loaded />
            </Show>
        </Show>
    }
}

/// Everything shown once signed in. What it shows is read for the host and
/// Org the token reaches, again whenever they change; every Draft change is
/// kept in this browser (never the token).
#[component]
pub fn SignedIn() -> impl IntoView {
    let session = expect_context::<Session>();
    let ws = expect_context::<Workspace>();
    // Where the admin is belongs to this sign-in: a disconnect forgets it.
    let nav = Nav::new();
    provide_context(nav);
    let reach = Memo::new(move |_| session.reach());
    let load = resource(move || {
        reach.track();
        let conn = session.conn();
        async move {
            futures_util::future::join(conn.read_release(), ws.load()).await;
        }
    });
    Effect::new(move |_| {
        ws.track_draft();
        ws.persist();
    });
    view! {
        // Reading the load keeps it live for as long as this part is shown.
        {move || load.track()}
        <SessionBar />
        <BusyNote />
        {move || session.renewal().map(|r| view! { <Connect renewal=r /> })}
        <Screens />
        {move || match nav.screen() {
            Screen::Preferences => view! { <Preferences /> }.into_any(),
            Screen::Webhooks => view! { <WebhooksScreen /> }.into_any(),
            Screen::History => view! { <HistoryScreen /> }.into_any(),
        }}
    }
}
