use crate::api::ApiError;
use crate::components::{
    cluster::ClusterCard,
    connect::{adopt, open, Connect, Credentials, Target},
    error_note::ErrorNote,
    orgs::OrgsTable,
    review::Review,
    toasts::{ToastRegion, Toasts},
    webhooks::WebhooksScreen,
    work::{Conflicts, RestoreBanner, WorkTools},
};
use crate::state::{fetch_snapshot, storage, Nav, Screen, Session, Workspace};
use leptos::prelude::*;

/// Who is signed in, what they may do, and the way out.
#[component]
fn SessionBar(reload: Action<(), Result<(), ApiError>>) -> impl IntoView {
    let session = expect_context::<Session>();
    move || {
        session.connection.get().map(|c| {
            let org = c
                .user
                .current_org
                .as_ref()
                .map(|o| format!("{} (id {})", o.name, o.id))
                .unwrap_or_else(|| "unknown".into());
            let host = if c.client.base.is_empty() {
                "this site's proxy".to_string()
            } else {
                c.client.base.clone()
            };
            view! {
                <div class="session-bar">
                    <span class="who">
                        "Signed in as " <strong>{c.user.display_name.clone()}</strong>
                        " (" {c.user.name.clone()} ") on " {host}
                    </span>
                    <span class="org">"Current Org: " {org}</span>
                    <span class="access">{c.access.describe()}</span>
                    <button type="button" data-testid="reload" disabled=move || reload.pending().get()
                        on:click=move |_| { reload.dispatch(()); }>
                        {move || if reload.pending().get() { "Loading…" } else { "Reload" }}
                    </button>
                    <button type="button" on:click=move |_| session.disconnect()>"Disconnect"</button>
                </div>
            }
        })
    }
}

/// Values from a newer server, shown so the admin knows they exist and stay.
#[component]
fn UnknownValues() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    move || {
        let unknown = ws
            .snapshot
            .with(|s| s.as_ref().map(|s| s.unknown_values()).unwrap_or_default());
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

#[component]
pub fn App() -> impl IntoView {
    let session = Session::new();
    let ws = Workspace::new();
    let nav = Nav::new();
    provide_context(session);
    provide_context(ws);
    provide_context(nav);
    provide_context(Toasts::new());

    let load = Action::new_local(move |_: &()| {
        async move {
            let conn = session.current()?;
            let snap = fetch_snapshot(&conn.client, conn.access)
                .await
                .inspect_err(|e| session.note(e))?;
            let first = ws.snapshot.with_untracked(Option::is_none);
            if first && ws.draft.with_untracked(|d| d.is_empty()) {
                // Offered before the Snapshot lands, so that nothing overwrites it meanwhile.
                ws.restore_offer.set(storage::load_draft(&conn.client.base));
            }
            ws.replace_snapshot(snap);
            Ok(())
        }
    });
    // Load once a connection opens and nothing is loaded for this host yet.
    Effect::new(move |_| {
        let connected = session.connection.with(Option::is_some);
        if connected && ws.snapshot.with_untracked(Option::is_none) {
            load.dispatch(());
        }
    });
    // Every Draft change is kept in this browser (never the token), unless an
    // earlier Draft is still on offer.
    Effect::new(move |_| {
        ws.draft.track();
        if ws.restore_offer.with(Option::is_none) {
            ws.persist();
        }
    });
    // A token this tab was asked to remember.
    let resuming = RwSignal::new(false);
    if let Some(r) = storage::remembered() {
        resuming.set(true);
        leptos::task::spawn_local(async move {
            let target = Target {
                host: r.host,
                allow_insecure: true,
                timeout_s: (r.timeout_ms / 1000).to_string(),
            };
            match open(target, Credentials::Token(r.token)).await {
                Ok(c) => adopt(session, ws, c, true),
                Err(_) => storage::forget(),
            }
            resuming.set(false);
        });
    }
    let connected = move || session.connection.with(Option::is_some);
    let renew_host = move || {
        session
            .expired
            .get()
            .then(|| {
                session
                    .connection
                    .with(|c| c.as_ref().map(|c| c.client.base.clone()))
            })
            .flatten()
    };

    view! {
        <header class="top">
            <h1>"Communication channels"</h1>
            <p class="muted">"Which channels receive Liveboard schedules, cluster-wide and per Org."</p>
        </header>
        <ToastRegion />
        <main>
            <Show when=connected fallback=move || view! {
                <Show when=move || !resuming.get() fallback=|| view! {
                    <p class="loading" role="status">"Resuming the session remembered in this tab…"</p>
                }>
                    <Connect />
                </Show>
            }>
                <SessionBar reload=load />
                {move || renew_host().map(|h| view! { <Connect fixed_host=h /> })}
                {move || load.value().get().and_then(Result::err).map(|e| view! {
                    <ErrorNote error=e />
                    <button type="button" on:click=move |_| { load.dispatch(()); }>"Try again"</button>
                })}
                <Show
                    when=move || ws.snapshot.with(Option::is_some)
                    fallback=move || view! { <p class="loading" role="status">"Loading preferences…"</p> }
                >
                    <nav class="screens" aria-label="Screens">
                        <button type="button" aria-pressed=move || (nav.screen.get() == Screen::Preferences).to_string()
                            on:click=move |_| nav.screen.set(Screen::Preferences)>"Channel preferences"</button>
                        <button type="button" aria-pressed=move || (nav.screen.get() == Screen::Webhooks).to_string()
                            on:click=move |_| nav.screen.set(Screen::Webhooks)>"Webhooks"</button>
                    </nav>
                    <Show when=move || nav.screen.get() == Screen::Preferences fallback=|| view! { <WebhooksScreen /> }>
                        <RestoreBanner />
                        <UnknownValues />
                        <WorkTools />
                        <Conflicts />
                        <div class="layout">
                            <div class="left">
                                <ClusterCard />
                                <Review />
                            </div>
                            <OrgsTable />
                        </div>
                    </Show>
                </Show>
            </Show>
        </main>
    }
}
