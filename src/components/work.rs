//! Work kept in the browser and in files: the restore offer, export and
//! import of the work (Draft + Snapshot) and of the preference set.

use crate::components::local_time as when;
use crate::model::document::Document;
use crate::model::prefset::NAMES_SHOWN;
use crate::state::life::action;
use crate::state::storage::Kept;
use crate::state::Workspace;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Offers back Drafts kept from an earlier visit (a reload or a crash of
/// this tab) or by a tab that has gone, newest first.
#[component]
pub fn RestoreBanner() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let taken = RwSignal::new(None::<String>);
    let restore = action(move |k: &Kept| {
        let k = k.clone();
        async move {
            if !ws.restore(k).await {
                taken.set(Some(
                    "That work was taken up by another tab meanwhile.".into(),
                ));
            }
        }
    });
    let decline = action(move |k: &Kept| {
        let k = k.clone();
        async move { ws.decline_restore(k).await }
    });
    let offer = move |k: Kept| {
        let count = k.file.draft.len();
        let saved = when(k.file.saved_at_ms);
        let own = k.own;
        let whose = if k.own {
            "kept by this tab"
        } else {
            "kept by a tab that was closed"
        };
        let (r, d) = (k.clone(), k);
        view! {
            <p>
                <strong>{format!("Unsaved work found: {count} pending change(s)")}</strong>
                {format!(" from {saved}, {whose} for this host.")}
            </p>
            // One at a time, this tab's own first: it is kept where this
            // tab's draft goes.
            <button type="button" class="primary"
                disabled=move || ws.with_draft(|d| !d.is_empty())
                    || (!own && ws.restore_offer().iter().any(|k| k.own))
                on:click=move |_| { restore.dispatch(r.clone()); }>"Restore"</button>
            <button type="button" on:click=move |_| { decline.dispatch(d.clone()); }>"Discard it"</button>
        }
    };
    move || {
        let kept = ws.restore_offer();
        (!kept.is_empty() || taken.with(Option::is_some)).then(|| {
            view! {
                <div class="banner" role="region" aria-label="Unsaved work found">
                    {kept.into_iter().map(offer).collect_view()}
                    {move || taken.get().map(|t| view! { <p class="muted" role="status">{t}</p> })}
                </div>
            }
        })
    }
}

/// Starts a download of `text` as `name` (of MIME type `kind`); on success, says `done`.
pub fn download(name: &str, kind: &str, text: &str, done: String) -> Result<String, String> {
    start_download(name, kind, text)
        .map(|()| done)
        .ok_or_else(|| "The browser refused the download.".to_string())
}

fn start_download(name: &str, kind: &str, text: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&text.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(kind);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let a: web_sys::HtmlAnchorElement = web_sys::window()?
        .document()?
        .create_element("a")
        .ok()?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    web_sys::Url::revoke_object_url(&url).ok()
}

async fn read_file(input: &web_sys::HtmlInputElement) -> Result<String, String> {
    let file = input
        .files()
        .and_then(|f| f.get(0))
        .ok_or_else(|| "No file was chosen.".to_string())?;
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|_| "The file could not be read.".to_string())?;
    text.as_string()
        .ok_or_else(|| "The file is not text.".to_string())
}

/// A button that picks a JSON file; `take` gets its text and says how it went.
#[component]
fn FilePick<F>(
    label: &'static str,
    take: F,
    message: RwSignal<Option<Result<String, String>>>,
) -> impl IntoView
where
    F: Fn(Workspace, String) -> Result<String, String> + Copy + 'static,
{
    let ws = expect_context::<Workspace>();
    let picked = action(move |input: &web_sys::HtmlInputElement| {
        let input = input.clone();
        async move {
            let result = read_file(&input).await.and_then(|t| take(ws, t));
            input.set_value("");
            message.set(Some(result));
        }
    });
    view! {
        <label class="file-button">
            {label}
            <input type="file" accept="application/json,.json" class="sr-only"
                on:change=move |ev| { picked.dispatch(event_target(&ev)); } />
        </label>
    }
}

/// Export and import of the work (the Draft and its Snapshot) and of the preference set.
#[component]
pub fn WorkTools() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let message = RwSignal::new(None::<Result<String, String>>);
    let export = move |_| {
        let Some(file) = ws.work_file() else {
            return;
        };
        let n = file.draft.len();
        message.set(Some(download(
            "thoughtspot-channels-work.json",
            "application/json",
            &file.to_json(),
            format!("Exported {n} pending change(s) with the preferences they were made against."),
        )));
    };
    let export_set = move |_| {
        let Some(set) = ws.preference_set() else {
            return;
        };
        message.set(Some(download(
            "thoughtspot-channel-preferences.json",
            "application/json",
            &set.to_json(),
            format!(
                "Exported the preferences of {} Org(s) and the cluster default.",
                set.orgs.len()
            ),
        )));
    };
    // The names a preference-set import did not find, when there are more
    // than the message lists.
    let missing = RwSignal::new(Vec::<String>::new());
    let import_set = move |ws: Workspace, text: String| {
        let done = ws.import_preference_set(&text)?;
        let more = done.unmatched.len() > NAMES_SHOWN;
        missing.set(if more {
            done.unmatched.clone()
        } else {
            Vec::new()
        });
        Ok(done.summary())
    };
    let download_missing = move |_| {
        let names = missing.get_untracked();
        let text = names.iter().map(|n| format!("{n}\n")).collect::<String>();
        message.set(Some(download(
            "thoughtspot-orgs-not-found.txt",
            "text/plain",
            &text,
            format!("Downloaded the {} names not found.", names.len()),
        )));
    };
    view! {
        <div class="work-tools">
            <button type="button" on:click=export>"Export work (JSON)"</button>
            <FilePick label="Import work…" take=|ws: Workspace, t: String| ws.import_work(&t) message=message />
            <button type="button" on:click=export_set>"Export preferences (JSON)"</button>
            <FilePick label="Import preferences…" take=import_set message=message />
            {move || missing.with(|m| (!m.is_empty()).then(|| {
                let n = m.len();
                view! {
                    <button type="button" on:click=download_missing>
                        {format!("Download the {n} names not found")}
                    </button>
                }
            }))}
            {move || message.get().map(|m| match m {
                Ok(t) => view! { <span class="ok-text" role="status">{t}</span> }.into_any(),
                Err(t) => view! { <span class="error-text" role="alert">{t}</span> }.into_any(),
            })}
        </div>
    }
}
