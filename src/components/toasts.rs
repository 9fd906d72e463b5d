//! Where the page's notes (`state::Notes`) are shown.

use crate::state::Notes;
use leptos::prelude::*;

#[component]
pub fn ToastRegion() -> impl IntoView {
    let notes = expect_context::<Notes>();
    view! {
        <div class="toasts" role="log" aria-live="polite" aria-label="Notifications">
            {move || notes.shown().into_iter().map(|(_, t)| view! { <div class="toast">{t}</div> }).collect_view()}
        </div>
    }
}
