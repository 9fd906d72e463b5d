//! Short-lived notes of what just happened (saved, copied, deleted).

use leptos::prelude::*;
use std::time::Duration;

/// The notes on screen, oldest first.
#[derive(Clone, Copy)]
pub struct Toasts(RwSignal<Vec<(u64, String)>>);

impl Toasts {
    pub fn new() -> Self {
        Toasts(RwSignal::new(Vec::new()))
    }

    /// Shows `text` for six seconds; the same text shown again replaces the earlier one.
    pub fn push(&self, text: impl Into<String>) {
        let (list, text) = (self.0, text.into());
        let id = list.with_untracked(|l| l.last().map_or(0, |(i, _)| i + 1));
        list.update(|l| {
            l.retain(|(_, t)| *t != text);
            l.push((id, text));
        });
        set_timeout(
            move || list.update(|l| l.retain(|(i, _)| *i != id)),
            Duration::from_secs(6),
        );
    }
}

impl Default for Toasts {
    fn default() -> Self {
        Self::new()
    }
}

#[component]
pub fn ToastRegion() -> impl IntoView {
    let toasts = expect_context::<Toasts>();
    view! {
        <div class="toasts" role="log" aria-live="polite" aria-label="Notifications">
            {move || toasts.0.get().into_iter().map(|(_, t)| view! { <div class="toast">{t}</div> }).collect_view()}
        </div>
    }
}
