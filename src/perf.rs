//! `performance.mark`s that the benchmark reads; nothing else uses them.

pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// A mark once the browser has rendered the frame holding the last update: a
/// task queued from the frame callback runs after that frame's style, layout
/// and paint.
pub fn mark_after_paint(name: &'static str) {
    leptos::prelude::request_animation_frame(move || {
        leptos::prelude::set_timeout(move || mark(name), std::time::Duration::ZERO)
    });
}
