//! The webhooks screen: list, create, edit, delete, test event, and a
//! webhook's delivery history.

mod confirm_delete;
mod editor;
mod field;
mod list;
mod results;
mod side;

use crate::api::wire::Webhook;
use crate::api::ApiError;
use crate::state::life::action;
use crate::state::webhooks::{self, WebhookList};
use crate::state::{Nav, Route, Session, Workspace};
pub use editor::WebhookEditor;
use leptos::prelude::*;
use list::{List, RowActions};
use side::{Panel, SidePanel};

/// The test event of a webhook, shown in the side panel; a 404 closes it
/// (the list then says why the button went).
fn test_action(session: Session, panel: RwSignal<Panel>) -> Action<Webhook, ()> {
    action(move |w: &Webhook| {
        let (id, conn) = (w.id.clone(), session.conn());
        async move {
            panel.set(match webhooks::test_event(&conn, &id).await {
                Ok(Some(v)) => Panel::Test(v),
                Ok(None) => Panel::None,
                Err(e) => Panel::Failed(e),
            })
        }
    })
}

#[component]
pub fn WebhooksScreen() -> impl IntoView {
    let session = expect_context::<Session>();
    let ws = expect_context::<Workspace>();
    let nav = expect_context::<Nav>();
    let list = WebhookList::new(session);
    let panel = RwSignal::new(Panel::None);
    let note = RwSignal::new(None::<String>);
    let test = test_action(session, panel);
    let delete = action(move |id: &String| {
        let id = id.clone();
        async move {
            let r = webhooks::delete(ws, id).await?;
            note.set((r.failed_count > 0).then(|| r.summary()));
            panel.set(Panel::None);
            list.reload();
            Ok::<_, ApiError>(r)
        }
    });
    // Done or closed: back to the list (the route's form or log goes too).
    let close = Callback::new(move |_| {
        panel.set(Panel::None);
        nav.go(Route::Webhooks);
    });
    let done = Callback::new(move |_name: String| {
        note.set(None);
        close.run(());
        list.reload();
    });
    let act = RowActions { panel, test, nav };

    view! {
        <section class="card webhooks" aria-labelledby="webhooks-title">
            <h2 id="webhooks-title">"Webhooks for LIVEBOARD_SCHEDULE"</h2>
            <p class="muted">
                "Choosing the WEBHOOK channel only helps if the Org has a webhook: one LIVEBOARD_SCHEDULE webhook per Org."
            </p>
            <Show when=move || session.can_manage_webhooks() fallback=|| view! {
                <p class="notice" role="note">
                    "Managing webhooks needs ADMINISTRATION, DEVELOPER or CAN_MANAGE_WEBHOOKS."
                </p>
            }>
                {move || note.get().map(|n| view! { <p class="ok-text" role="status">{n}</p> })}
                <List list=list act=act />
            </Show>
        </section>
        <SidePanel panel=panel delete=delete done=done close=close />
    }
}
