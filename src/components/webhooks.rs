use crate::api::webhook_wire::{History, Validation, Webhook};
use crate::api::{ApiError, Client};
use crate::components::dialog::dialog_keys;
use crate::components::error_note::ErrorNote;
use crate::components::local_time as time;
use crate::components::toasts::Toasts;
use crate::model::webhook::{
    create_body, update_body, validate, validate_edit, AuthKind, WebhookForm,
};
use crate::state::{webhook_org_ids, Nav, Session, Workspace};
use leptos::prelude::*;
use serde_json::json;

const PAGE: i64 = 20;

fn client(session: Session) -> Result<Client, ApiError> {
    session.current().map(|c| c.client)
}

/// Re-reads which Orgs have a webhook, for the warnings of the Orgs table.
async fn refresh_webhook_orgs(session: Session, ws: Workspace) {
    let Ok(c) = client(session) else { return };
    if let Ok(list) = c.all_schedule_webhooks().await {
        let ids = webhook_org_ids(&list);
        ws.snapshot.update(|s| {
            if let Some(s) = s {
                s.webhook_orgs = Some(ids);
            }
        });
    }
}

fn auth_label(w: &Webhook) -> &'static str {
    match &w.authentication {
        Some(a) if a.API_KEY.is_some() => AuthKind::ApiKey.label(),
        Some(a) if a.BASIC_AUTH.is_some() => AuthKind::BasicAuth.label(),
        Some(a) if a.BEARER_TOKEN.is_some() => AuthKind::BearerToken.label(),
        Some(a) if a.OAUTH2.is_some() => AuthKind::OAuth2.label(),
        _ => AuthKind::None.label(),
    }
}

/// What the side panel shows.
#[derive(Clone)]
enum Panel {
    None,
    Create,
    Edit(Webhook),
    Test(Validation),
    History(String, History),
    /// A test event or history request that failed.
    Failed(ApiError),
    ConfirmDelete(Webhook),
}

/// A labelled text input bound to one field of the form, with its problem.
fn field(
    form: RwSignal<WebhookForm>,
    problems: Memo<Vec<(&'static str, String)>>,
    key: &'static str,
    label: &'static str,
    kind: &'static str,
    get: fn(&WebhookForm) -> String,
    set: fn(&mut WebhookForm, String),
) -> impl IntoView {
    let id = format!("wh-{key}");
    let problem =
        move || problems.with(|p| p.iter().find(|(k, _)| *k == key).map(|(_, m)| m.clone()));
    let input = if kind == "textarea" {
        view! {
            <textarea id=id.clone() rows="2" prop:value=move || form.with(get)
                on:input=move |ev| form.update(|f| set(f, event_target_value(&ev))) />
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() type=kind autocomplete="off" prop:value=move || form.with(get)
                on:input=move |ev| form.update(|f| set(f, event_target_value(&ev))) />
        }
        .into_any()
    };
    view! {
        <label for=id>{label}</label>
        {input}
        {move || problem().map(|m| view! { <span class="error-text field-problem">{m}</span> })}
    }
}

/// Create or edit a webhook. Secrets are write-only: left empty, they stay as they are.
#[component]
pub fn WebhookEditor(
    original: Option<Webhook>,
    org_note: String,
    on_done: Callback<String>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let ws = expect_context::<Workspace>();
    let base = original.as_ref().map(WebhookForm::from_webhook);
    let editing = base.clone();
    let form = RwSignal::new(base.clone().unwrap_or(WebhookForm {
        auth: Some(AuthKind::None),
        ..Default::default()
    }));
    let shown = RwSignal::new(false);
    let checks = {
        let base = base.clone();
        Memo::new(move |_| {
            form.with(|f| match &base {
                Some(b) => validate_edit(b, f),
                None => validate(f, None),
            })
        })
    };
    let problems = Memo::new(move |_| if shown.get() { checks.get() } else { vec![] });
    let id = original.as_ref().map(|w| w.id.clone());
    let save = Action::new_local(move |_: &()| {
        let (f, id, base) = (form.get_untracked(), id.clone(), base.clone());
        async move {
            let c = client(session)?;
            let name = f.name.trim().to_string();
            match (id, base) {
                (Some(id), Some(base)) => {
                    let body = update_body(&base, &f);
                    if body.as_object().is_some_and(|m| !m.is_empty()) {
                        c.update_webhook(&id, &body).await?;
                    }
                }
                _ => {
                    c.create_webhook(&create_body(&f)).await?;
                }
            }
            refresh_webhook_orgs(session, ws).await;
            Ok::<String, ApiError>(name)
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(name)) = save.value().get() {
            on_done.run(name);
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        shown.set(true);
        if checks.with_untracked(Vec::is_empty) {
            save.dispatch(());
        }
    };
    let secret_hint = if editing.is_some() {
        "leave empty to keep the current one"
    } else {
        "required"
    };
    let kind = move || form.with(|f| f.auth_kind());
    view! {
        <form class="card webhook-form" on:submit=submit aria-labelledby="wh-form-title" novalidate>
            <h2 id="wh-form-title">{if editing.is_some() { "Edit webhook" } else { "New webhook" }}</h2>
            <p class="muted">{org_note}</p>
            {field(form, problems, "name", "Name", "text", |f| f.name.clone(), |f, v| f.name = v)}
            {field(form, problems, "description", "Description", "text", |f| f.description.clone(), |f, v| f.description = v)}
            {field(form, problems, "url", "URL (https://)", "url", |f| f.url.clone(), |f, v| f.url = v)}
            {field(form, problems, "url_params", "URL parameters (key=value, one a line)", "textarea", |f| f.url_params.clone(), |f, v| f.url_params = v)}
            <label for="wh-auth">"Authentication"</label>
            <select id="wh-auth" prop:value=move || kind().code()
                on:change=move |ev| form.update(|f| {
                    f.auth = Some(AuthKind::from_code(&event_target_value(&ev)));
                    f.auth_secret.clear();
                })>
                {AuthKind::ALL.into_iter().map(|k| view! { <option value=k.code()>{k.label()}</option> }).collect_view()}
            </select>
            {move || match kind() {
                AuthKind::None => ().into_any(),
                AuthKind::BearerToken => ().into_any(),
                AuthKind::ApiKey => field(form, problems, "auth_user", "API key name", "text", |f| f.auth_user.clone(), |f, v| f.auth_user = v).into_any(),
                AuthKind::BasicAuth => field(form, problems, "auth_user", "Username", "text", |f| f.auth_user.clone(), |f, v| f.auth_user = v).into_any(),
                AuthKind::OAuth2 => view! {
                    {field(form, problems, "auth_url", "Authorization URL", "url", |f| f.auth_url.clone(), |f, v| f.auth_url = v)}
                    {field(form, problems, "auth_user", "Client id", "text", |f| f.auth_user.clone(), |f, v| f.auth_user = v)}
                }.into_any(),
            }}
            {move || (kind() != AuthKind::None).then(|| {
                let label = match kind() {
                    AuthKind::ApiKey => "API key value",
                    AuthKind::BasicAuth => "Password",
                    AuthKind::BearerToken => "Bearer token",
                    _ => "Client secret",
                };
                view! {
                    {field(form, problems, "auth_secret", label, "password", |f| f.auth_secret.clone(), |f, v| f.auth_secret = v)}
                    <span class="muted small">{format!("Write-only: {secret_hint}.")}</span>
                }
            })}
            <label class="check option">
                <input type="checkbox" prop:checked=move || form.with(|f| f.signature)
                    on:change=move |ev| form.update(|f| f.signature = event_target_checked(&ev)) />
                " Sign deliveries (HMAC-SHA256)"
            </label>
            {move || form.with(|f| f.signature).then(|| view! {
                {field(form, problems, "signature_header", "Signature header", "text", |f| f.signature_header.clone(), |f, v| f.signature_header = v)}
                {field(form, problems, "signature_secret", "Signing secret", "password", |f| f.signature_secret.clone(), |f, v| f.signature_secret = v)}
                <span class="muted small">{format!("Write-only: {secret_hint}.")}</span>
            })}
            {field(form, problems, "headers", "Additional headers (Name: value, one a line)", "textarea", |f| f.headers.clone(), |f, v| f.headers = v)}
            <label for="wh-status">"Status"</label>
            <select id="wh-status" prop:value=move || form.with(|f| f.status.clone())
                on:change=move |ev| form.update(|f| f.status = event_target_value(&ev))>
                <option value="">"Not set (enabled)"</option>
                <option value="ENABLED">"Enabled"</option>
                <option value="DISABLED">"Disabled"</option>
            </select>
            <div class="actions">
                <button type="submit" class="primary" disabled=move || save.pending().get()>
                    {if editing.is_some() { "Save webhook" } else { "Create webhook" }}
                </button>
                <button type="button" on:click=move |_| on_cancel.run(())>"Cancel"</button>
            </div>
            {move || problems.with(|p| (!p.is_empty()).then(|| view! {
                <p class="error-text" role="alert">{format!("{} field(s) need attention.", p.len())}</p>
            }))}
            {move || save.value().get().and_then(Result::err).map(|e| view! { <ErrorNote error=e /> })}
        </form>
    }
}

/// The webhooks of the cluster: list, create, edit, delete, test event, history.
#[component]
pub fn WebhooksScreen() -> impl IntoView {
    let session = expect_context::<Session>();
    let ws = expect_context::<Workspace>();
    let nav = expect_context::<Nav>();
    let toasts = expect_context::<Toasts>();
    let org = RwSignal::new(String::new());
    let sort = RwSignal::new("CREATED".to_string());
    let order = RwSignal::new("DESC".to_string());
    let offset = RwSignal::new(0i64);
    let panel = RwSignal::new(Panel::None);
    let note = RwSignal::new(None::<String>);
    // A server before 26.4.0.cl has no test event and no history.
    let legacy = RwSignal::new(false);
    let list = Action::new_local(move |_: &()| {
        let req = json!({
            "org_identifier": (!org.get_untracked().trim().is_empty()).then(|| org.get_untracked().trim().to_string()),
            "event_type": null,
            "record_offset": offset.get_untracked(),
            "record_size": PAGE,
            "sort_options": {"field_name": sort.get_untracked(), "order": order.get_untracked()},
        });
        async move {
            let c = client(session)?;
            c.search_webhooks(&req)
                .await
                .inspect_err(|e| session.note(e))
        }
    });
    list.dispatch(());
    let reload = move || {
        list.dispatch(());
    };
    let current_org = move || {
        session.connection.with(|c| {
            c.as_ref().and_then(|c| {
                c.user
                    .current_org
                    .as_ref()
                    .map(|o| (o.id.to_string(), o.name.clone()))
            })
        })
    };
    // "Create webhook…" from the Orgs table opens the form at once.
    Effect::new(move |_| {
        if nav.create_for.with(Option::is_some) {
            panel.set(Panel::Create);
        }
    });
    let org_note = move || {
        let (cid, cname) = current_org().unwrap_or_default();
        match nav.create_for.get() {
            Some((id, name)) if id != cid => format!(
                "Webhooks are created in the Org your session is scoped to: {cname} (id {cid}). \
                 To create one for {name} (id {id}), disconnect and sign in with Org id {id} \
                 (your draft is kept)."
            ),
            _ => format!("Created in the Org your session is scoped to: {cname} (id {cid})."),
        }
    };
    // Test event and history exist from 26.4.0.cl: a 404 hides both instead of showing an error.
    let show = move |r: Result<Panel, ApiError>| match r {
        Err(e) if e.status() == Some(404) => legacy.set(true),
        Err(e) => panel.set(Panel::Failed(e)),
        Ok(p) => panel.set(p),
    };
    let test = Action::new_local(move |id: &String| {
        let id = id.clone();
        async move {
            let c = client(session);
            show(match c {
                Ok(c) => c.validate_webhook(&id).await.map(Panel::Test),
                Err(e) => Err(e),
            });
        }
    });
    let history = Action::new_local(move |(id, name): &(String, String)| {
        let (id, name) = (id.clone(), name.clone());
        async move {
            let c = client(session);
            show(match c {
                Ok(c) => c
                    .webhook_history(&id)
                    .await
                    .map(|h| Panel::History(name, h)),
                Err(e) => Err(e),
            });
        }
    });
    let delete = Action::new_local(move |w: &Webhook| {
        let w = w.clone();
        async move {
            let c = client(session)?;
            let r = c.delete_webhooks(std::slice::from_ref(&w.id)).await?;
            let mut text = format!("Deleted {}, failed {}.", r.deleted_count, r.failed_count);
            for f in &r.failed_webhooks {
                text.push_str(&format!(" {} could not be deleted: {}.", f.name, f.error));
            }
            if r.failed_count > 0 {
                note.set(Some(text.clone()));
            }
            toasts.push(text);
            panel.set(Panel::None);
            refresh_webhook_orgs(session, ws).await;
            list.dispatch(());
            Ok::<(), ApiError>(())
        }
    });
    let done = Callback::new(move |name: String| {
        toasts.push(format!("Saved webhook {name:?}."));
        note.set(None);
        nav.create_for.set(None);
        panel.set(Panel::None);
        list.dispatch(());
    });
    let cancel = Callback::new(move |_| {
        nav.create_for.set(None);
        panel.set(Panel::None);
    });

    let rows = move || {
        list.value().get().map(|r| match r {
            Err(e) => view! { <ErrorNote error=e /> }.into_any(),
            Ok(page) => {
                let p = page.pagination.clone();
                let rows = page.webhooks.into_iter().map(|w| {
                    let (w1, w2, w3, w4) = (w.clone(), w.clone(), w.clone(), w.clone());
                    let org = w.org.as_ref().map(|o| format!("{} ({})", o.name, o.id)).unwrap_or_default();
                    let label = w.name.clone();
                    view! {
                        <tr>
                            <td class="name">{w.name.clone()}</td>
                            <td>{org}</td>
                            <td class="url">{w.url.clone()}</td>
                            <td>{auth_label(&w)}</td>
                            <td>{w.status.clone().unwrap_or_else(|| "ENABLED (not set)".into())}</td>
                            <td class="muted">{time(w.modification_time_in_millis)}</td>
                            <td class="row-actions">
                                <button type="button" aria-label=format!("Edit {label}")
                                    on:click=move |_| panel.set(Panel::Edit(w1.clone()))>"Edit"</button>
                                <Show when=move || !legacy.get()>
                                    <button type="button" aria-label=format!("Send test event to {}", w2.name)
                                        on:click={let id = w2.id.clone(); move |_| { test.dispatch(id.clone()); }}>"Send test event"</button>
                                    <button type="button" aria-label=format!("History of {}", w3.name)
                                        on:click={let (id, n) = (w3.id.clone(), w3.name.clone()); move |_| { history.dispatch((id.clone(), n.clone())); }}>"History"</button>
                                </Show>
                                <button type="button" aria-label=format!("Delete {}", w4.name)
                                    on:click={let w = w4.clone(); move |_| panel.set(Panel::ConfirmDelete(w.clone()))}>"Delete"</button>
                            </td>
                        </tr>
                    }
                }).collect_view();
                let last = p.record_offset + p.record_size.min(p.total_count - p.record_offset).max(0);
                view! {
                    <table class="org-table webhook-table">
                        <thead><tr>
                            <th scope="col">"Name"</th><th scope="col">"Org"</th><th scope="col">"URL"</th>
                            <th scope="col">"Authentication"</th><th scope="col">"Status"</th><th scope="col">"Modified"</th>
                            <th scope="col"><span class="sr-only">"Actions"</span></th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                    <nav class="pager" aria-label="Webhook pages">
                        <span data-testid="webhook-count">
                            {format!("{}–{} of {}", (p.record_offset + 1).min(p.total_count), last, p.total_count)}
                        </span>
                        <button type="button" disabled=p.record_offset == 0
                            on:click=move |_| { offset.update(|o| *o = (*o - PAGE).max(0)); reload(); }>"Previous"</button>
                        <button type="button" disabled=!p.has_more
                            on:click=move |_| { offset.update(|o| *o += PAGE); reload(); }>"Next"</button>
                    </nav>
                }.into_any()
            }
        })
    };

    view! {
        <section class="card webhooks" aria-labelledby="webhooks-title">
            <h2 id="webhooks-title">"Webhooks for LIVEBOARD_SCHEDULE"</h2>
            <p class="muted">
                "Choosing the WEBHOOK channel only helps if the Org has a webhook: one LIVEBOARD_SCHEDULE webhook per Org."
            </p>
            <form class="toolbar" on:submit=move |ev| { ev.prevent_default(); offset.set(0); reload(); }>
                <label for="wh-org" class="inline">"Org"</label>
                <input id="wh-org" type="search" placeholder="id or name (empty: all)" bind:value=org />
                <label for="wh-sort" class="inline">"Sort by"</label>
                <select id="wh-sort" prop:value=move || sort.get() on:change=move |ev| { sort.set(event_target_value(&ev)); reload(); }>
                    <option value="CREATED">"Created"</option>
                    <option value="MODIFIED">"Modified"</option>
                    <option value="NAME">"Name"</option>
                </select>
                <select aria-label="Order" prop:value=move || order.get() on:change=move |ev| { order.set(event_target_value(&ev)); reload(); }>
                    <option value="DESC">"Descending"</option>
                    <option value="ASC">"Ascending"</option>
                </select>
                <button type="submit">"Search"</button>
                <button type="button" class="primary inline-primary" on:click=move |_| panel.set(Panel::Create)>"New webhook"</button>
            </form>
            {move || legacy.get().then(|| view! {
                <p class="notice" role="note">
                    "This ThoughtSpot has no test event or delivery history (they need 26.4.0.cl or later); those buttons are hidden."
                </p>
            })}
            {move || note.get().map(|n| view! { <p class="ok-text" role="status">{n}</p> })}
            {move || list.pending().get().then(|| view! { <p class="loading" role="status">"Loading webhooks…"</p> })}
            {rows}
        </section>
        {move || match panel.get() {
            Panel::None => ().into_any(),
            Panel::Create => view! {
                <WebhookEditor original=None org_note=org_note() on_done=done on_cancel=cancel />
            }.into_any(),
            Panel::Edit(w) => {
                let n = w.org.as_ref().map(|o| format!("In Org {} (id {}).", o.name, o.id)).unwrap_or_default();
                view! { <WebhookEditor original=Some(w) org_note=n on_done=done on_cancel=cancel /> }.into_any()
            }
            Panel::Failed(e) => view! {
                <section class="card">
                    <ErrorNote error=e />
                    <button type="button" on:click=move |_| panel.set(Panel::None)>"Close"</button>
                </section>
            }.into_any(),
            Panel::Test(v) => view! {
                <section class="card" aria-labelledby="wh-test-title">
                    <h2 id="wh-test-title">"Test event"</h2>
                            <p data-testid="test-result">
                                <strong>{v.result_code.clone()}</strong> " — "
                                {v.channel_name.clone().unwrap_or(v.channel_id.clone())} " (job " {v.job_id.clone()} ")"
                            </p>
                            <table class="org-table">
                                <thead><tr><th scope="col">"Step"</th><th scope="col">"Status"</th><th scope="col">"HTTP"</th><th scope="col">"Message"</th></tr></thead>
                                <tbody>
                                    {v.details.clone().unwrap_or_default().into_iter().map(|d| view! {
                                        <tr>
                                            <td>{d.validation_step}</td><td>{d.status}</td>
                                            <td>{d.http_status.map(|h| h.to_string()).unwrap_or_default()}</td>
                                            <td>{d.error_message.unwrap_or_default()}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                    <button type="button" on:click=move |_| panel.set(Panel::None)>"Close"</button>
                </section>
            }.into_any(),
            Panel::History(name, h) => view! {
                <section class="card" aria-labelledby="wh-history-title">
                    <h2 id="wh-history-title">{format!("Delivery history: {name}")}</h2>
                    {if h.jobs.is_empty() {
                        view! { <p class="muted">"No deliveries recorded (logs are kept for 3 days)."</p> }.into_any()
                    } else {
                        view! {
                            <table class="org-table" data-testid="history">
                                <thead><tr><th scope="col">"Status"</th><th scope="col">"Time"</th><th scope="col">"Tries"</th><th scope="col">"Message"</th><th scope="col">"Job"</th></tr></thead>
                                <tbody>
                                    {h.jobs.into_iter().map(|j| view! {
                                        <tr>
                                            <td>{j.status}</td><td>{time(j.creation_time_in_millis)}</td>
                                            <td>{j.try_count.map(|t| t.to_string()).unwrap_or_default()}</td>
                                            <td>{j.detail.unwrap_or_default()}</td><td class="muted">{j.id}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }}
                    <button type="button" on:click=move |_| panel.set(Panel::None)>"Close"</button>
                </section>
            }.into_any(),
            Panel::ConfirmDelete(w) => {
                let name = w.name.clone();
                let cancel_ref = NodeRef::<leptos::html::Button>::new();
                Effect::new(move |_| {
                    if let Some(b) = cancel_ref.get() {
                        let _ = b.focus();
                    }
                });
                view! {
                    <div class="backdrop"></div>
                    <section class="card confirm" role="alertdialog" aria-modal="true" aria-labelledby="wh-del-title"
                        on:keydown=move |ev| dialog_keys(&ev, || panel.set(Panel::None))>
                        <h2 id="wh-del-title">{format!("Delete webhook {name:?}?")}</h2>
                        <p>"Schedules of its Org that use the WEBHOOK channel will fail until another webhook exists."</p>
                        <button type="button" class="danger" disabled=move || delete.pending().get()
                            on:click=move |_| { delete.dispatch(w.clone()); }>"Delete"</button>
                        " "
                        <button type="button" node_ref=cancel_ref on:click=move |_| panel.set(Panel::None)>"Cancel"</button>
                        {move || delete.value().get().and_then(Result::err).map(|e| view! { <ErrorNote error=e /> })}
                    </section>
                }.into_any()
            }
        }}
    }
}
