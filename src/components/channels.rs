//! The channel checkboxes of a cluster or Org row: one per known channel,
//! and the unknown ones shown and kept.

use crate::model::prefs::{is_known_channel, toggled, KNOWN_CHANNELS};
use leptos::prelude::*;

/// A checkbox per known channel, then any channels this panel does not know
/// (shown, and kept by every toggle). `owner` names the row for screen readers.
pub fn channel_checks(
    channels: Vec<String>,
    disabled: bool,
    owner: Option<String>,
    set: impl Fn(Vec<String>) + Clone + 'static,
) -> impl IntoView {
    let unknown: Vec<String> = channels
        .iter()
        .filter(|c| !is_known_channel(c))
        .cloned()
        .collect();
    let boxes = KNOWN_CHANNELS
        .iter()
        .map(|ch| {
            let on = channels.iter().any(|c| c == ch);
            let (base, set) = (channels.clone(), set.clone());
            let label = owner.as_ref().map(|o| format!("{ch} for {o}"));
            view! {
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=on
                        disabled=disabled
                        aria-label=label
                        // The click's meaning is the opposite of what the box
                        // showed: a redraw between the toggle and this event
                        // (an answer arriving) cannot turn it into a no-op.
                        on:change=move |_| set(toggled(&base, ch, !on))
                    />
                    " " {*ch}
                </label>
            }
        })
        .collect_view();
    view! {
        {boxes}
        {(!unknown.is_empty()).then(|| view! {
            <span class="unknown" title="Sent by the server; kept as it is when you save">
                {unknown.join(", ")} " (unknown to this panel, kept)"
            </span>
        })}
    }
}
