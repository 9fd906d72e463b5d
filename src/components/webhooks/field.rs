//! A labelled input bound to one field of the webhook form, with its problem.

use crate::model::webhook::{Field, Problem, WebhookForm};
use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    Text,
    Url,
    /// Write-only secrets.
    Password,
    /// Several lines (`key=value`, `Name: value`).
    Lines,
}

#[component]
pub fn FormField(
    form: RwSignal<WebhookForm>,
    problems: Memo<Vec<Problem>>,
    field: Field,
    #[prop(into)] label: String,
    #[prop(default = InputKind::Text)] kind: InputKind,
) -> impl IntoView {
    let id = format!("wh-{}", field.key());
    let problem = move || {
        problems.with(|p| {
            p.iter()
                .find(|p| p.field == field)
                .map(|p| p.message.clone())
        })
    };
    let value = move || form.with(|f| f.text(field).to_string());
    let set =
        move |ev: leptos::ev::Event| form.update(|f| f.set_text(field, event_target_value(&ev)));
    let input = match kind {
        InputKind::Lines => view! {
            <textarea id=id.clone() rows="2" prop:value=value on:input=set />
        }
        .into_any(),
        _ => {
            let ty = match kind {
                InputKind::Url => "url",
                InputKind::Password => "password",
                _ => "text",
            };
            view! { <input id=id.clone() type=ty autocomplete="off" prop:value=value on:input=set /> }
                .into_any()
        }
    };
    view! {
        <label for=id>{label}</label>
        {input}
        {move || problem().map(|m| view! { <span class="error-text field-problem">{m}</span> })}
    }
}

/// A problem of a field that has no input of its own (a section turned off).
#[component]
pub fn SectionProblem(problems: Memo<Vec<Problem>>, field: Field) -> impl IntoView {
    move || {
        problems.with(|p| {
            p.iter().find(|p| p.field == field).map(
                |p| view! { <span class="error-text field-problem">{p.message.clone()}</span> },
            )
        })
    }
}
