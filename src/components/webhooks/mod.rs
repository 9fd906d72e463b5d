//! The webhooks screen: list, create, edit, delete, test event, history.

mod confirm_delete;
mod editor;
mod field;
mod list;
mod results;

use crate::api::wire::{DeleteResult, History, Validation, Webhook};
use crate::api::ApiError;
use crate::components::error_note::ErrorNote;
use crate::state::life::action;
use crate::state::webhooks::{self, WebhookList};
use crate::state::{Nav, Session, Workspace};
use confirm_delete::ConfirmDelete;
pub use editor::WebhookEditor;
use leptos::prelude::*;
use list::{List, RowActions};
use results::{HistoryResult, TestResult};

/// What the side panel shows.
#[derive(Clone)]
pub enum Panel {
    None,
    Create,
    Edit(Webhook),
    Test(Validation),
    History(String, History),
    /// A test event or history request that failed.
    Failed(ApiError),
    ConfirmDelete(Webhook),
}

/// Where a new webhook goes: the token's Org. For another Org, the way there.
#[component]
fn OrgNote() -> impl IntoView {
    let session = expect_context::<Session>();
    let nav = expect_context::<Nav>();
    move || {
        let scope = session.scope();
        let (cid, cname) = scope
            .as_ref()
            .map(|s| (s.org_id.to_string(), s.org_name.clone()))
            .unwrap_or_default();
        match nav.create_for() {
            Some((id, name)) if id != cid => {
                let switch = id.parse::<i64>().ok().map(|org_id| {
                    let name = name.clone();
                    view! {
                        <button type="button" on:click=move |_| session.switch_org(org_id, &name)>
                            {format!("Switch to {name}")}
                        </button>
                    }
                });
                view! {
                    <p class="muted">
                        {format!(
                            "Webhooks are created in the Org your session is scoped to: {cname} (id {cid}). \
                             To create one for {name} (id {id}), switch to that Org (your draft is kept). "
                        )}
                        {switch}
                    </p>
                }
                .into_any()
            }
            _ => view! {
                <p class="muted">{format!("Created in the Org your session is scoped to: {cname} (id {cid}).")}</p>
            }
            .into_any(),
        }
    }
}

/// The editor, a result, or the delete confirmation beside the list.
#[component]
fn SidePanel(
    panel: RwSignal<Panel>,
    delete: Action<String, Result<DeleteResult, ApiError>>,
    done: Callback<String>,
    close: Callback<()>,
) -> impl IntoView {
    view! {
        {move || match panel.get() {
            Panel::None => ().into_any(),
            Panel::Create => view! {
                <OrgNote />
                <WebhookEditor original=None org_note=String::new() on_done=done on_cancel=close />
            }.into_any(),
            Panel::Edit(w) => {
                let n = w.org.as_ref().map(|o| format!("In Org {} (id {}).", o.name, o.id)).unwrap_or_default();
                view! { <WebhookEditor original=Some(w) org_note=n on_done=done on_cancel=close /> }.into_any()
            }
            Panel::Failed(e) => view! {
                <section class="card">
                    <ErrorNote error=e />
                    <button type="button" on:click=move |_| close.run(())>"Close"</button>
                </section>
            }.into_any(),
            Panel::Test(v) => view! { <TestResult v=v on_close=close /> }.into_any(),
            Panel::History(name, h) => view! { <HistoryResult name=name h=h on_close=close /> }.into_any(),
            Panel::ConfirmDelete(w) => view! { <ConfirmDelete webhook=w delete=delete on_cancel=close /> }.into_any(),
        }}
    }
}

/// The test event and the history of a webhook, shown in the side panel; a
/// 404 closes it (the list then says why the buttons went).
fn result_actions(
    session: Session,
    panel: RwSignal<Panel>,
) -> (Action<Webhook, ()>, Action<(String, String), ()>) {
    let show = move |r: Result<Option<Panel>, ApiError>| {
        panel.set(match r {
            Ok(p) => p.unwrap_or(Panel::None),
            Err(e) => Panel::Failed(e),
        })
    };
    let test = action(move |w: &Webhook| {
        let (id, conn) = (w.id.clone(), session.conn());
        async move {
            show(
                webhooks::test_event(&conn, &id)
                    .await
                    .map(|v| v.map(Panel::Test)),
            )
        }
    });
    let history = action(move |(id, name): &(String, String)| {
        let (id, name, conn) = (id.clone(), name.clone(), session.conn());
        async move {
            let r = webhooks::history(&conn, &id, None).await;
            show(r.map(|h| h.map(|h| Panel::History(name, h))))
        }
    });
    (test, history)
}

#[component]
pub fn WebhooksScreen() -> impl IntoView {
    let session = expect_context::<Session>();
    let ws = expect_context::<Workspace>();
    let nav = expect_context::<Nav>();
    let list = WebhookList::new(session);
    let panel = RwSignal::new(if nav.create_for().is_some() {
        Panel::Create
    } else {
        Panel::None
    });
    let note = RwSignal::new(None::<String>);
    let (test, history) = result_actions(session, panel);
    // The Orgs table's Deliveries column opens a webhook's history here.
    if let Some(asked) = nav.take_history_request() {
        history.dispatch(asked);
    }
    let delete = action(move |id: &String| {
        let id = id.clone();
        async move {
            let r = webhooks::delete(ws, id).await?;
            note.set((r.failed_count > 0).then(|| r.summary()));
            panel.set(Panel::None);
            list.reload();
            Ok(r)
        }
    });
    let done = Callback::new(move |_name: String| {
        note.set(None);
        nav.done_creating();
        panel.set(Panel::None);
        list.reload();
    });
    let close = Callback::new(move |_| {
        nav.done_creating();
        panel.set(Panel::None);
    });
    let act = RowActions {
        panel,
        test,
        history,
    };

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
