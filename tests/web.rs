//! Components in a real browser (wasm-bindgen-test, headless Chromium).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use ts_channels_panel::api::{wire::SearchResponse, ApiError, Client};
use ts_channels_panel::components::{cluster::ClusterCard, error_note::ErrorNote, orgs::OrgsTable};
use ts_channels_panel::model::{access::Access, prefs::Snapshot};
use ts_channels_panel::state::{Cluster, Connection, Nav, Notes, Session};
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

/// The cluster card and the Org table over a Snapshot parsed from a search answer.
fn mount_panel(search: String, privileges: &'static [&'static str]) -> web_sys::HtmlElement {
    mount_panel_session(search, privileges).0
}

/// A connected cluster for a test: the demo's host, a user with these privileges.
fn cluster(privileges: &'static [&'static str]) -> Cluster {
    let user = serde_json::from_value(serde_json::json!({
        "id": "u1", "name": "admin", "display_name": "Admin", "privileges": privileges
    }))
    .unwrap();
    let connection = Connection {
        client: Client::new(String::new(), "t".into()),
        user,
        access: Access::from_privileges(privileges),
        release: Default::default(),
    };
    // The page's owner stands for the App's: it lives as long as the test.
    let page = Owner::new();
    let c = Cluster::new(&page, 1, connection, Notes::new(), &[]);
    // The page holds its clusters; here the test does, for as long as it runs.
    std::mem::forget((page, c.clone()));
    c
}

/// `mount_panel`, with the Session it shows.
fn mount_panel_session(
    search: String,
    privileges: &'static [&'static str],
) -> (web_sys::HtmlElement, Session) {
    // Made inside the mount: a cluster starts work (its load) as it is made,
    // and mounting starts the executor that runs it.
    let made = std::rc::Rc::new(std::cell::Cell::new(None));
    let out = made.clone();
    let root = mount(move || {
        let c = cluster(privileges);
        let ws = c.workspace;
        out.set(Some(c.session));
        c.provide(|| {
            provide_context(Nav::new());
            let resp: SearchResponse = serde_json::from_str(&search).unwrap();
            let cluster_read = resp.cluster_preferences.is_some();
            ws.show(Snapshot::from_wire(resp, None, cluster_read));
            view! { <ClusterCard /> <OrgsTable /> }
        })
    });
    (root, made.take().expect("mounted"))
}

fn text_of(root: &web_sys::HtmlElement, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .text_content()
        .unwrap_or_default()
}

fn row(root: &web_sys::HtmlElement, id: &str) -> web_sys::Element {
    root.query_selector(&format!("tr[data-org-id='{id}']"))
        .unwrap()
        .unwrap()
}

fn cell_text(row: &web_sys::Element) -> String {
    row.query_selector("td.effective")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap_or_default()
}

fn effective_of(root: &web_sys::HtmlElement, id: &str) -> String {
    cell_text(&row(root, id))
}

fn input(el: &web_sys::Element, selector: &str) -> web_sys::HtmlInputElement {
    el.query_selector(selector)
        .unwrap()
        .unwrap()
        .unchecked_into()
}

const ORGS: &str = r#"[
    {"org":{"id":"1","name":"Inheriting"},"preferences":[]},
    {"org":{"id":"2","name":"Both"},"preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":["EMAIL","WEBHOOK"]}]},
    {"org":{"id":"3","name":"Off"},"preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":[]}]},
    {"org":{"id":"4","name":"Newer"},"preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":["WEBHOOK","SLACK"]}]}
]"#;

/// A search answer with no cluster default and the Orgs above.
fn never_set_default() -> String {
    format!(r#"{{"cluster_preferences":[],"org_preferences":{ORGS}}}"#)
}

#[wasm_bindgen_test]
async fn a_never_set_default_says_schedules_go_to_email() {
    let root = mount_panel(never_set_default(), &["ADMINISTRATION"]);
    tick().await;
    assert_eq!(text_of(&root, ".cluster .badge"), "Never set");
    assert!(text_of(&root, ".cluster").contains("Never set: until it is, schedules go to email."));
    assert_eq!(text_of(&root, "[data-testid=cluster-effective]"), "EMAIL");
    assert_eq!(effective_of(&root, "1"), "EMAIL (default)");
}

#[wasm_bindgen_test]
async fn a_set_default_and_a_none_default_look_different() {
    let root = mount_panel(
        r#"{"cluster_preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":["EMAIL","WEBHOOK"]}],"org_preferences":[]}"#.into(),
        &["ADMINISTRATION"],
    );
    tick().await;
    assert_eq!(text_of(&root, ".cluster .badge"), "Set");
    let boxes = root
        .query_selector_all(".cluster input[type=checkbox]")
        .unwrap();
    assert_eq!(boxes.length(), 2);
    for i in 0..2 {
        let b: web_sys::HtmlInputElement = boxes.item(i).unwrap().unchecked_into();
        assert!(b.checked());
    }
    let off = mount_panel(
        r#"{"cluster_preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":[]}],"org_preferences":[]}"#.into(),
        &["ADMINISTRATION"],
    );
    tick().await;
    assert_eq!(text_of(&off, ".cluster .badge"), "All channels off");
    assert_eq!(
        text_of(&off, "[data-testid=cluster-effective]"),
        "none (all channels off)"
    );
}

#[wasm_bindgen_test]
async fn org_rows_show_mode_override_and_effective_channels() {
    let root = mount_panel(
        format!(
            r#"{{"cluster_preferences":[{{"event_type":"LIVEBOARD_SCHEDULE","channels":["WEBHOOK"]}}],"org_preferences":{ORGS}}}"#
        ),
        &["ADMINISTRATION"],
    );
    tick().await;
    let inheriting = row(&root, "1");
    let mode: web_sys::HtmlSelectElement = inheriting
        .query_selector("select")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(mode.value(), "inherit");
    assert!(input(&inheriting, "input[aria-label='EMAIL for Inheriting']").disabled());
    assert_eq!(cell_text(&inheriting), "WEBHOOK (default)");

    let both = row(&root, "2");
    let mode: web_sys::HtmlSelectElement = both
        .query_selector("select")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(mode.value(), "override");
    assert_eq!(cell_text(&both), "EMAIL, WEBHOOK");

    let off = row(&root, "3");
    assert!(off.text_content().unwrap().contains("All off"));
    assert_eq!(cell_text(&off), "none (all channels off)");

    let newer = row(&root, "4");
    assert!(newer
        .text_content()
        .unwrap()
        .contains("SLACK (unknown to this panel, kept)"));

    // Editing a row marks it and keeps the unknown channel.
    let email = input(&newer, "input[aria-label='EMAIL for Newer']");
    email.click();
    tick().await;
    let newer = row(&root, "4");
    assert!(newer.class_list().contains("edited"));
    assert_eq!(cell_text(&newer), "EMAIL, WEBHOOK, SLACK");
}

#[wasm_bindgen_test]
async fn without_administration_the_default_is_not_shown_and_inheritors_are_unknown() {
    let root = mount_panel(format!(r#"{{"org_preferences":{ORGS}}}"#), &["DEVELOPER"]);
    tick().await;
    assert!(text_of(&root, ".cluster").contains("needs the ADMINISTRATION privilege"));
    assert_eq!(
        row(&root, "1")
            .query_selector("td.effective")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "unknown (default not readable)"
    );
    let select: web_sys::HtmlSelectElement = row(&root, "2")
        .query_selector("select")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(!select.disabled(), "a DEVELOPER may edit Orgs");
}

fn set_input(root: &web_sys::HtmlElement, selector: &str, value: &str) {
    let el: web_sys::HtmlInputElement = root
        .query_selector(selector)
        .unwrap()
        .unwrap()
        .unchecked_into();
    el.set_value(value);
    el.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

fn mount_editor(original: Option<ts_channels_panel::api::wire::Webhook>) -> web_sys::HtmlElement {
    use ts_channels_panel::components::webhooks::WebhookEditor;
    mount(move || {
        let c = cluster(&["ADMINISTRATION"]);
        c.provide(|| {
            provide_context(Nav::new());
            view! {
                <WebhookEditor original=original org_note="In Org Primary".to_string()
                    on_done=Callback::new(|_: String| {}) on_cancel=Callback::new(|_| {}) />
            }
        })
    })
}

#[wasm_bindgen_test]
async fn the_webhook_form_checks_its_fields_before_sending() {
    let root = mount_editor(None);
    tick().await;
    let submit: web_sys::HtmlElement = root
        .query_selector("button[type=submit]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    submit.click();
    tick().await;
    let text = root.text_content().unwrap();
    assert!(text.contains("A name is required."), "{text}");
    assert!(text.contains("A URL is required."), "{text}");
    assert!(text.contains("2 field(s) need attention."), "{text}");

    set_input(&root, "#wh-name", "Ops");
    set_input(&root, "#wh-url", "http://hooks.example.com");
    set_input(&root, "#wh-headers", "Bad Header: x");
    tick().await;
    let text = root.text_content().unwrap();
    assert!(!text.contains("A name is required."), "{text}");
    assert!(text.contains("The URL must use https://"), "{text}");
    assert!(
        text.contains("\"Bad Header\" is not a valid header name."),
        "{text}"
    );

    // Basic auth asks for a username and a password.
    let auth: web_sys::HtmlSelectElement = root
        .query_selector("#wh-auth")
        .unwrap()
        .unwrap()
        .unchecked_into();
    auth.set_value("BASIC_AUTH");
    auth.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    tick().await;
    assert!(root.query_selector("#wh-auth_user").unwrap().is_some());
    let secret: web_sys::HtmlInputElement = root
        .query_selector("#wh-auth_secret")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(secret.type_(), "password");
    let text = root.text_content().unwrap();
    assert!(text.contains("Basic auth needs a username."), "{text}");
    assert!(
        text.contains("Enter the secret for this authentication."),
        "{text}"
    );
}

#[wasm_bindgen_test]
async fn editing_shows_secrets_as_write_only() {
    let hook = serde_json::from_value(serde_json::json!({
        "id": "w1", "name": "Ops", "url": "https://hooks.example.com/ops", "events": ["LIVEBOARD_SCHEDULE"],
        "authentication": {"BASIC_AUTH": {"username": "ts", "password": "***"}},
        "creation_time_in_millis": 1.0, "modification_time_in_millis": 2.0
    }))
    .unwrap();
    let root = mount_editor(Some(hook));
    tick().await;
    let user: web_sys::HtmlInputElement = root
        .query_selector("#wh-auth_user")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(user.value(), "ts");
    let secret: web_sys::HtmlInputElement = root
        .query_selector("#wh-auth_secret")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(
        secret.value(),
        "",
        "the *** placeholder never reaches the form"
    );
    assert!(root
        .text_content()
        .unwrap()
        .contains("Write-only: leave empty to keep the current one."));
}

/// A redraw can land between a checkbox's toggle and its change event (an
/// answer arriving while the admin clicks) and put the box back as it was
/// drawn; the click still means "the opposite of what was shown".
#[wasm_bindgen_test]
async fn a_click_counts_even_when_a_redraw_resets_the_box_before_its_change_event() {
    use wasm_bindgen::closure::Closure;
    let root = mount_panel(never_set_default(), &["ADMINISTRATION"]);
    tick().await;
    let email = input(&row(&root, "3"), "input[aria-label='EMAIL for Off']");
    assert!(!email.checked());
    // Runs after the toggle and before the change event, as a redraw would.
    let reset = {
        let email = email.clone();
        Closure::<dyn Fn()>::new(move || email.set_checked(false))
    };
    email
        .add_event_listener_with_callback("click", reset.as_ref().unchecked_ref())
        .unwrap();
    reset.forget();
    email.click();
    tick().await;
    let off = row(&root, "3");
    assert!(
        off.class_list().contains("edited"),
        "the click was lost: {}",
        off.text_content().unwrap_or_default()
    );
    assert!(input(&off, "input[aria-label='EMAIL for Off']").checked());
    assert_eq!(cell_text(&off), "EMAIL");
}

/// What the session learns after the rows are drawn (the release, a renewed
/// token) does not redraw the rows when they show nothing of it.
#[wasm_bindgen_test]
async fn a_session_change_the_rows_do_not_show_leaves_them_alone() {
    use ts_channels_panel::model::release::Feature;
    let (root, session) = mount_panel_session(never_set_default(), &["ADMINISTRATION"]);
    tick().await;
    let body = root.query_selector(".org-table tbody").unwrap().unwrap();
    // The release is learnt from a 404: older than 26.7.0.cl, which changes
    // nothing the Org rows show.
    let quiet = mutations_from(&body, || session.conn().not_found(Feature::WebhookStatus)).await;
    assert_eq!(quiet, 0, "the rows were redrawn");
    // A change the rows do show still redraws them.
    let shown = mutations_from(&body, || session.conn().not_found(Feature::DeliveryHistory)).await;
    assert!(shown > 0, "the rows did not follow the session");
}

/// The DOM changes under `node` that follow `change`, once the panel has
/// redrawn.
async fn records_of(
    node: &web_sys::Element,
    change: impl FnOnce(),
) -> Vec<web_sys::MutationRecord> {
    use wasm_bindgen::closure::Closure;
    let records = std::rc::Rc::new(std::cell::RefCell::new(
        Vec::<web_sys::MutationRecord>::new(),
    ));
    let seen = {
        let records = records.clone();
        Closure::<dyn Fn(js_sys::Array)>::new(move |list: js_sys::Array| {
            for r in list.iter() {
                records.borrow_mut().push(r.unchecked_into());
            }
        })
    };
    let observer = web_sys::MutationObserver::new(seen.as_ref().unchecked_ref()).unwrap();
    let options = web_sys::MutationObserverInit::new();
    options.set_subtree(true);
    options.set_attributes(true);
    options.set_child_list(true);
    options.set_character_data(true);
    observer.observe_with_options(node, &options).unwrap();
    change();
    tick().await;
    tick().await;
    for r in observer.take_records().iter() {
        records.borrow_mut().push(r.unchecked_into());
    }
    observer.disconnect();
    records.take()
}

/// How many DOM changes under `node` follow `change`, once the panel has
/// redrawn.
async fn mutations_from(node: &web_sys::Element, change: impl FnOnce()) -> u32 {
    records_of(node, change).await.len() as u32
}

/// The rows (by Org id) that the DOM changes under `body` touch while
/// `change` runs, and how many changes there were.
async fn rows_touched(body: &web_sys::Element, change: impl FnOnce()) -> (Vec<String>, u32) {
    let list = records_of(body, change).await;
    let row_of = |n: &web_sys::Node| -> Option<String> {
        let el: web_sys::Element = match n.dyn_ref::<web_sys::Element>() {
            Some(e) => e.clone(),
            None => n.parent_element()?,
        };
        el.closest("tr[data-org-id]")
            .ok()??
            .get_attribute("data-org-id")
    };
    let mut rows = Vec::new();
    for r in list.iter() {
        let target = r.target().unwrap();
        let mut touched: Vec<String> = row_of(&target).into_iter().collect();
        if touched.is_empty() {
            // A row added or removed as a whole.
            for nodes in [r.added_nodes(), r.removed_nodes()] {
                for i in 0..nodes.length() {
                    let n: web_sys::Element = nodes.item(i).unwrap().unchecked_into();
                    touched.push(
                        n.get_attribute("data-org-id")
                            .unwrap_or_else(|| "(not a row)".into()),
                    );
                }
            }
        }
        for t in touched {
            if !rows.contains(&t) {
                rows.push(t);
            }
        }
    }
    (rows, list.len() as u32)
}

/// An edit redraws the row it concerns, not the page of rows.
#[wasm_bindgen_test]
async fn editing_one_org_changes_only_its_row() {
    let root = mount_panel(never_set_default(), &["ADMINISTRATION"]);
    tick().await;
    let body = root.query_selector(".org-table tbody").unwrap().unwrap();
    let email = input(&row(&root, "2"), "input[aria-label='EMAIL for Both']");
    let (rows, n) = rows_touched(&body, || email.click()).await;
    web_sys::console::log_1(
        &format!("one edit: {n} DOM changes in the Orgs table, rows {rows:?}").into(),
    );
    assert_eq!(rows, ["2"], "{n} changes");
    assert!(row(&root, "2").class_list().contains("edited"));
    // A tick of the selection box too.
    let tick_box = input(&row(&root, "3"), "input[aria-label='Select Off']");
    let (rows, n) = rows_touched(&body, || tick_box.click()).await;
    web_sys::console::log_1(&format!("one tick: {n} DOM changes, rows {rows:?}").into());
    assert_eq!(rows, ["3"], "{n} changes");
}
