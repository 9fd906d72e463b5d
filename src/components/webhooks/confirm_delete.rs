//! Asks before deleting a webhook.

use crate::api::wire::{DeleteResult, Webhook};
use crate::api::ApiError;
use crate::components::dialog::Modal;
use crate::components::error_note::ErrorNote;
use leptos::prelude::*;

#[component]
pub fn ConfirmDelete(
    webhook: Webhook,
    delete: Action<String, Result<DeleteResult, ApiError>>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let id = webhook.id.clone();
    view! {
        <Modal labelled_by="wh-del-title" on_close=on_cancel>
            <h2 id="wh-del-title">{format!("Delete webhook {:?}?", webhook.name)}</h2>
            <p>"Schedules of its Org that use the WEBHOOK channel will fail until another webhook exists."</p>
            <button type="button" class="danger" disabled=move || delete.pending().get()
                on:click=move |_| { delete.dispatch(id.clone()); }>"Delete"</button>
            " "
            // The safe choice has the focus when the dialog opens.
            <button type="button" autofocus on:click=move |_| on_cancel.run(())>"Cancel"</button>
            {move || delete.value().get().and_then(Result::err).map(|e| view! { <ErrorNote error=e /> })}
        </Modal>
    }
}
