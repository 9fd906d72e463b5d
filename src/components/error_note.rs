//! An `ApiError` for the admin: what happened, what to do, and the ids to quote.

use crate::api::ApiError;
use leptos::prelude::*;

#[component]
pub fn ErrorNote(error: ApiError) -> impl IntoView {
    let hint = error.hint();
    let reference = error.reference();
    view! {
        <div class="error-note" role="alert">
            <strong>{error.summary()}</strong>
            {hint.map(|h| view! { <p>{h}</p> })}
            {reference.map(|r| view! { <p class="muted">"ThoughtSpot reference: " {r}</p> })}
        </div>
    }
}

/// Every `ApiError` an `ErrorBoundary` caught, as notes (what a boundary's
/// fallback shows above its way out).
pub fn caught_notes(errors: ArcRwSignal<Errors>) -> impl IntoView {
    move || {
        errors
            .get()
            .into_iter()
            .filter_map(|(_, e)| e.downcast_ref::<ApiError>().cloned())
            .map(|e| view! { <ErrorNote error=e /> })
            .collect_view()
    }
}
