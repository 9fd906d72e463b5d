use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Keyboard handling of a modal dialog: Escape closes it, Tab and Shift+Tab
/// cycle through its controls without leaving it.
pub fn dialog_keys(ev: &leptos::ev::KeyboardEvent, close: impl Fn()) {
    match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            close();
        }
        "Tab" => {
            let Some(dialog) = ev
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            else {
                return;
            };
            let Ok(list) =
                dialog.query_selector_all("button:not([disabled]), input, select, textarea")
            else {
                return;
            };
            let items: Vec<web_sys::HtmlElement> = (0..list.length())
                .filter_map(|i| list.item(i))
                .filter_map(|n| n.dyn_into().ok())
                .collect();
            let (Some(first), Some(last)) = (items.first(), items.last()) else {
                return;
            };
            let active = document().active_element();
            let at = |e: &web_sys::HtmlElement| {
                active
                    .as_ref()
                    .is_some_and(|a| a == e.unchecked_ref::<web_sys::Element>())
            };
            if ev.shift_key() && at(first) {
                ev.prevent_default();
                let _ = last.focus();
            } else if !ev.shift_key() && at(last) {
                ev.prevent_default();
                let _ = first.focus();
            }
        }
        _ => {}
    }
}
