//! Create or edit a webhook. Secrets are write-only: left empty, they stay as
//! they are. Fields the cluster's release lacks are not offered.

use super::field::{FormField, InputKind, SectionProblem};
use crate::api::wire::{Status, Webhook};
use crate::api::ApiError;
use crate::components::error_note::ErrorNote;
use crate::model::release::Feature;
use crate::model::webhook::{validate, AuthKind, Field, FormRules, WebhookForm};
use crate::state::life::action;
use crate::state::{webhooks, Session, Workspace};
use leptos::prelude::*;

/// The authentication section: its kind, the non-secret details, the secret.
#[component]
fn AuthSection(
    form: RwSignal<WebhookForm>,
    problems: Memo<Vec<crate::model::webhook::Problem>>,
    secret_hint: &'static str,
) -> impl IntoView {
    let kind = move || form.with(|f| f.auth);
    view! {
        <label for="wh-auth">"Authentication"</label>
        <select id="wh-auth" prop:value=move || kind().code()
            on:change=move |ev| form.update(|f| {
                f.auth = AuthKind::from_code(&event_target_value(&ev));
                f.auth_secret.clear();
            })>
            {AuthKind::ALL.into_iter().map(|k| view! { <option value=k.code()>{k.label()}</option> }).collect_view()}
        </select>
        <SectionProblem problems=problems field=Field::Auth />
        {move || match kind() {
            AuthKind::None | AuthKind::BearerToken => ().into_any(),
            AuthKind::ApiKey => view! { <FormField form=form problems=problems field=Field::AuthUser label="API key name" /> }.into_any(),
            AuthKind::BasicAuth => view! { <FormField form=form problems=problems field=Field::AuthUser label="Username" /> }.into_any(),
            AuthKind::OAuth2 => view! {
                <FormField form=form problems=problems field=Field::AuthUrl label="Authorization URL" kind=InputKind::Url />
                <FormField form=form problems=problems field=Field::AuthUser label="Client id" />
            }.into_any(),
        }}
        {move || (kind() != AuthKind::None).then(|| view! {
            <FormField form=form problems=problems field=Field::AuthSecret label=kind().secret_label() kind=InputKind::Password />
            <span class="muted small">{format!("Write-only: {secret_hint}.")}</span>
        })}
    }
}

/// Signing, additional headers and status: each only where the release has it.
#[component]
fn MoreSections(
    form: RwSignal<WebhookForm>,
    problems: Memo<Vec<crate::model::webhook::Problem>>,
    rules: FormRules,
    secret_hint: &'static str,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let missing = move |f: Feature| session.feature(f).why_not(f);
    view! {
        <label class="check option">
            <input type="checkbox" prop:checked=move || form.with(|f| f.signature)
                on:change=move |ev| form.update(|f| f.signature = event_target_checked(&ev)) />
            " Sign deliveries (HMAC-SHA256)"
        </label>
        <SectionProblem problems=problems field=Field::Signature />
        {move || form.with(|f| f.signature).then(|| view! {
            <FormField form=form problems=problems field=Field::SignatureHeader label="Signature header" />
            <FormField form=form problems=problems field=Field::SignatureSecret label="Signing secret" kind=InputKind::Password />
            <span class="muted small">{format!("Write-only: {secret_hint}.")}</span>
        })}
        {if rules.headers {
            view! {
                <FormField form=form problems=problems field=Field::Headers
                    label="Additional headers (Name: value, one a line)" kind=InputKind::Lines />
            }.into_any()
        } else {
            view! {
                <p class="muted small" data-testid="no-headers">{missing(Feature::WebhookHeaders)}</p>
                <SectionProblem problems=problems field=Field::Headers />
            }.into_any()
        }}
        {if rules.status {
            view! {
                <label for="wh-status">"Status"</label>
                <select id="wh-status" prop:value=move || form.with(|f| f.status.map_or("", |s| s.code()))
                    on:change=move |ev| form.update(|f| f.status = match event_target_value(&ev).as_str() {
                        "ENABLED" => Some(Status::Enabled),
                        "DISABLED" => Some(Status::Disabled),
                        _ => None,
                    })>
                    <option value="">"Not set (enabled)"</option>
                    <option value="ENABLED">"Enabled"</option>
                    <option value="DISABLED">"Disabled"</option>
                </select>
            }.into_any()
        } else {
            view! { <p class="muted small" data-testid="no-status">{missing(Feature::WebhookStatus)}</p> }.into_any()
        }}
    }
}

#[component]
pub fn WebhookEditor(
    original: Option<Webhook>,
    org_note: String,
    on_done: Callback<String>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let ws = expect_context::<Workspace>();
    let rules = FormRules::for_release(session.release());
    let base = original
        .as_ref()
        .map(|w| (w.clone(), WebhookForm::from_webhook(w)));
    let editing = base.is_some();
    let form = RwSignal::new(base.as_ref().map(|(_, f)| f.clone()).unwrap_or_default());
    let shown = RwSignal::new(false);
    let checks = {
        let base = base.clone();
        Memo::new(move |_| form.with(|f| validate(f, base.as_ref().map(|(_, b)| b), rules)))
    };
    let problems = Memo::new(move |_| if shown.get() { checks.get() } else { vec![] });
    let save = action(move |_: &()| {
        let (f, base) = (form.get_untracked(), base.clone());
        async move {
            let name = webhooks::save(ws, base, f).await?;
            on_done.run(name);
            Ok::<(), ApiError>(())
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        shown.set(true);
        if checks.with_untracked(Vec::is_empty) {
            save.dispatch(());
        }
    };
    let secret_hint = if editing {
        "leave empty to keep the current one"
    } else {
        "required"
    };
    let failed = move || {
        save.value()
            .get()
            .and_then(Result::err)
            .map(|e| view! { <ErrorNote error=e /> })
    };
    view! {
        <form class="card webhook-form" on:submit=submit aria-labelledby="wh-form-title" novalidate>
            <h2 id="wh-form-title">{if editing { "Edit webhook" } else { "New webhook" }}</h2>
            <p class="muted">{org_note}</p>
            <FormField form=form problems=problems field=Field::Name label="Name" />
            <FormField form=form problems=problems field=Field::Description label="Description" />
            <FormField form=form problems=problems field=Field::Url label="URL (https://)" kind=InputKind::Url />
            <FormField form=form problems=problems field=Field::UrlParams
                label="URL parameters (key=value, one a line)" kind=InputKind::Lines />
            <AuthSection form=form problems=problems secret_hint=secret_hint />
            <MoreSections form=form problems=problems rules=rules secret_hint=secret_hint />
            <div class="actions">
                <button type="submit" class="primary" disabled=move || save.pending().get()>
                    {if editing { "Save webhook" } else { "Create webhook" }}
                </button>
                <button type="button" on:click=move |_| on_cancel.run(())>"Cancel"</button>
            </div>
            {move || problems.with(|p| (!p.is_empty()).then(|| view! {
                <p class="error-text" role="alert">{format!("{} field(s) need attention.", p.len())}</p>
            }))}
            {failed}
        </form>
    }
}
