//! A modal dialog on the native `<dialog>` element: `showModal()` makes the
//! rest of the page inert, keeps focus inside, and closes on Escape.

use leptos::html;
use leptos::prelude::*;

#[component]
pub fn Modal(
    /// The id of the dialog's heading.
    labelled_by: &'static str,
    /// Escape or a close from the browser.
    on_close: Callback<()>,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    // Opening the dialog is a call on the DOM element once it exists.
    Effect::new(move |_| {
        if let Some(d) = dialog.get() {
            if !d.open() {
                let _ = d.show_modal();
            }
        }
    });
    view! {
        <dialog node_ref=dialog class="card confirm" role="alertdialog" aria-labelledby=labelled_by
            on:cancel=move |ev: leptos::ev::Event| { ev.prevent_default(); on_close.run(()); }>
            {children()}
        </dialog>
    }
}
