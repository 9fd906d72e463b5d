//! `performance.mark`s that the benchmark reads; nothing else uses them.

pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// A mark once the browser has painted what the last update rendered.
pub fn mark_after_paint(name: &'static str) {
    leptos::prelude::request_animation_frame(move || mark(name));
}
