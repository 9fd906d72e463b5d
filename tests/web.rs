//! Components in a real browser (wasm-bindgen-test, headless Chromium).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use ts_channels_panel::api::ApiError;
use ts_channels_panel::components::error_note::ErrorNote;
use ts_channels_panel::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a view into a fresh element and returns that element.
fn mount<F, N>(f: F) -> web_sys::HtmlElement
where
    F: FnOnce() -> N + 'static,
    N: IntoView,
{
    let document = web_sys::window().unwrap().document().unwrap();
    let root: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    leptos::mount::mount_to(root.clone(), f).forget();
    root
}

fn labels(root: &web_sys::HtmlElement) -> Vec<String> {
    let list = root.query_selector_all("label").unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.text_content())
        .map(|t| t.trim().to_string())
        .collect()
}

async fn tick() {
    leptos::task::tick().await;
}

#[wasm_bindgen_test]
async fn the_connect_form_switches_between_token_and_login() {
    let root = mount(App);
    let l = labels(&root);
    assert!(l.contains(&"ThoughtSpot host".to_string()), "{l:?}");
    assert!(l.contains(&"Bearer token".to_string()), "{l:?}");
    assert!(!l.contains(&"Password".to_string()), "{l:?}");
    let token: web_sys::HtmlInputElement = root
        .query_selector("#token")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(token.type_(), "password");

    let radios = root.query_selector_all("input[type=radio]").unwrap();
    let login: web_sys::HtmlInputElement = radios.item(1).unwrap().unchecked_into();
    login.click();
    tick().await;
    let l = labels(&root);
    assert!(l.contains(&"Username".to_string()), "{l:?}");
    assert!(l.contains(&"Password".to_string()), "{l:?}");
    assert!(root.query_selector("#token").unwrap().is_none());
    let button = root.query_selector("button[type=submit]").unwrap().unwrap();
    assert_eq!(button.text_content().unwrap(), "Sign in");
}

#[wasm_bindgen_test]
fn an_error_note_shows_message_hint_and_reference_as_text() {
    let error = ApiError::from_response(
        401,
        r#"{"error":{"message":{"code":10097,"incident_id_guid":"inc-1","trace_id_guid":"inc-1","debug":"<img src=x> expired"}}}"#,
    );
    let root = mount(move || view! { <ErrorNote error=error.clone() /> });
    let text = root.text_content().unwrap();
    assert!(text.contains("HTTP 401, code 10097"), "{text}");
    assert!(
        text.contains("<img src=x> expired"),
        "server text stays text: {text}"
    );
    assert!(root.query_selector("img").unwrap().is_none());
    assert!(text.contains("Enter a new token"), "{text}");
    assert!(text.contains("incident inc-1"), "{text}");
}
