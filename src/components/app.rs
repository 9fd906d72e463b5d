use crate::components::connect::Connect;
use crate::state::Session;
use leptos::prelude::*;

/// Who is signed in, what they may do, and the way out.
#[component]
fn SessionBar() -> impl IntoView {
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
                    <button type="button" on:click=move |_| session.disconnect()>"Disconnect"</button>
                </div>
            }
        })
    }
}

#[component]
pub fn App() -> impl IntoView {
    let session = Session::new();
    provide_context(session);
    view! {
        <header class="top">
            <h1>"Communication channels"</h1>
            <p class="muted">"Which channels receive Liveboard schedules, cluster-wide and per Org."</p>
        </header>
        <main>
            <Show when=move || session.connection.with(Option::is_some) fallback=Connect>
                <SessionBar />
            </Show>
        </main>
    }
}
