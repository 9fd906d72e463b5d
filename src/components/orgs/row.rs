//! One row of the Orgs table: a plain function (not a component per cell), so
//! that a page of rows stays cheap.

use super::deliveries::delivery_cell;
use super::Selection;
use crate::components::channels::channel_checks;
use crate::model::org_view::{default_now, org_view, OrgView};
use crate::model::prefs::{
    describe_channels, toggled, OrgSetting, OrgWebhook, EMAIL, LIVEBOARD_SCHEDULE as LS, WEBHOOK,
};
use crate::model::webhook::Mismatch;
use crate::state::deliveries::Deliveries;
use crate::state::{Nav, Session, Workspace};
use leptos::prelude::*;

/// What one table row shows (the model's `OrgView`, owned).
#[derive(Clone, PartialEq)]
pub struct Row {
    pub id: String,
    pub name: String,
    pub setting: OrgSetting,
    pub edited: bool,
    pub inactive: bool,
    pub effective: Option<Vec<String>>,
    /// The Org's LIVEBOARD_SCHEDULE webhook: `None` when not known,
    /// `Some(None)` when it has none.
    pub webhook: Option<Option<OrgWebhook>>,
    pub warning: Option<Mismatch>,
    /// The session's token is scoped to this Org.
    pub in_scope: bool,
    pub selected: bool,
}

impl Row {
    fn of(v: OrgView, scope: Option<&str>, selected: bool) -> Self {
        Row {
            id: v.org.id.clone(),
            name: v.org.name.clone(),
            inactive: v.org.inactive,
            in_scope: scope == Some(v.org.id.as_str()),
            webhook: v.webhook.map(|w| w.cloned()),
            setting: v.setting,
            edited: v.edited,
            effective: v.effective,
            warning: v.warning,
            selected,
        }
    }
}

/// What the row may do.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub ws: Workspace,
    pub nav: Nav,
    pub session: Session,
    pub sel: Selection,
    pub deliveries: Deliveries,
    /// Delivery health can be read here (release and privileges).
    pub deliveries_on: Memo<bool>,
    pub can_edit: Memo<bool>,
    /// The Org the session's token is scoped to.
    pub scope: Memo<Option<String>>,
}

/// Opens the webhook form for the Org: at once when the token is scoped to
/// it (webhooks are created in the token's Org), else after switching to it.
fn create_webhook(cx: Ctx, id: &str, name: &str, in_scope: bool) {
    cx.nav.create_webhook_for(id);
    if !in_scope {
        if let Ok(org_id) = id.parse::<i64>() {
            cx.session.switch_org(org_id, name);
        }
    }
}

/// The webhook cell: whether the Org has one, and a one-click fix when its
/// channels and its webhook disagree.
fn webhook_cell(cx: Ctx, r: &Row, can_edit: bool) -> impl IntoView {
    let found = r.warning;
    let eff = r.effective.clone().unwrap_or_default();
    let (id, name, in_scope) = (r.id.clone(), r.name.clone(), r.in_scope);
    let set = {
        let id = id.clone();
        move |on: bool| {
            let c = toggled(&eff, WEBHOOK, on);
            cx.ws
                .edit(|d, s| d.set_org(s, &id, LS, OrgSetting::Override(c)));
        }
    };
    let label = match (&r.webhook, found) {
        (_, Some(_)) | (None, _) => "",
        (Some(Some(_)), None) => "Has webhook",
        (Some(None), None) => "No webhook",
    };
    let create_label = if in_scope {
        "Create webhook"
    } else {
        "Switch to this Org to create its webhook"
    };
    view! {
        <span class="muted">{label}</span>
        {found.map(|m| view! {
            <span class="warn-text" role="note" title=m.describe()>"⚠ " {m.short()}
                <span class="sr-only">{format!(": {}", m.describe())}</span>
            </span>
            {(can_edit && m == Mismatch::NoWebhook).then(|| {
                let (set, id, name) = (set.clone(), id.clone(), name.clone());
                view! {
                    <button type="button" aria-label=format!("Turn WEBHOOK off for {name}") on:click=move |_| set(false)>"Turn WEBHOOK off"</button>
                    <button type="button" aria-label=format!("{create_label} for {name}")
                        on:click=move |_| create_webhook(cx, &id, &name, in_scope)>{create_label}</button>
                }
            })}
            {(can_edit && m == Mismatch::Unused).then(|| {
                let (set, name) = (set.clone(), name.clone());
                view! {
                    <button type="button" aria-label=format!("Turn WEBHOOK on for {name}") on:click=move |_| set(true)>"Turn WEBHOOK on"</button>
                }
            })}
        })}
    }
}

/// Inherits or Override; an override starts from what the Org uses now.
fn mode_select(cx: Ctx, r: &Row, inherits: bool, can_edit: bool) -> impl IntoView {
    let (id, name, effective) = (r.id.as_str(), r.name.as_str(), r.effective.clone());
    let (ws, id) = (cx.ws, id.to_string());
    let on_mode = move |ev: leptos::ev::Event| {
        let setting = if event_target_value(&ev) == "inherit" {
            OrgSetting::Inherit
        } else {
            // What the Org uses now; EMAIL when that is not known (never all off).
            OrgSetting::Override(effective.clone().unwrap_or_else(|| vec![EMAIL.to_string()]))
        };
        ws.edit(|d, s| d.set_org(s, &id, LS, setting));
    };
    view! {
        <select aria-label=format!("Mode for {name}") prop:value=if inherits { "inherit" } else { "override" }
            disabled=!can_edit on:change=on_mode>
            <option value="inherit">"Inherits"</option>
            <option value="override">"Override"</option>
        </select>
    }
}

/// One row's cells, drawn from what the row shows.
fn row_view(cx: Ctx, r: Row, can_edit: bool, deliveries_on: bool) -> impl IntoView {
    let Ctx { ws, sel, .. } = cx;
    let hook = webhook_cell(cx, &r, can_edit);
    // The cell follows its own webhook's health: an answer redraws that
    // cell, not the row.
    let deliveries = {
        let (d, nav) = (cx.deliveries, cx.nav);
        let hook = r.webhook.clone().flatten();
        let id = hook.as_ref().map(|w| w.id.clone());
        let health = Memo::new(move |_| id.as_ref().and_then(|id| d.health(id)));
        move || delivery_cell(nav, hook.clone(), health.get(), deliveries_on)
    };
    let inherits = r.setting == OrgSetting::Inherit;
    let channels = match &r.setting {
        OrgSetting::Override(c) => c.clone(),
        OrgSetting::Inherit => vec![],
    };
    let mode = mode_select(cx, &r, inherits, can_edit);
    let (set_id, empty) = (r.id.clone(), channels.is_empty());
    let boxes = channel_checks(
        channels,
        inherits || !can_edit,
        Some(r.name.clone()),
        move |c| ws.edit(|d, s| d.set_org(s, &set_id, LS, OrgSetting::Override(c))),
    );
    let effective_text = match (&r.effective, inherits) {
        (Some(v), true) => format!("{} (default)", describe_channels(v)),
        (Some(v), false) => describe_channels(v),
        (None, _) => "unknown (default not readable)".into(),
    };
    let Row {
        id,
        name,
        edited,
        inactive,
        selected,
        ..
    } = r;
    let (undo_id, sel_id) = (id.clone(), id.clone());
    view! {
        <td class="select">
            <input type="checkbox" aria-label=format!("Select {name}") prop:checked=selected disabled=!can_edit
                on:change=move |_| sel.set(&sel_id, !selected) />
        </td>
        <td class="name">{name.clone()}
            {inactive.then(|| view! {
                " " <span class="badge neutral" title="orgs/search lists this Org as IN_ACTIVE">"Inactive"</span>
            })}
        </td>
        <td class="id">{id}</td>
        <td>{mode}</td>
        <td><div class="chans">
            {boxes}
            {(!inherits && empty).then(|| view! { <span class="badge off">"All off"</span> })}
        </div></td>
        <td class="effective">{effective_text}</td>
        <td class="webhook"><div class="chans">{hook}</div></td>
        <td class="deliveries">{deliveries}</td>
        <td class="row-actions">
            {edited.then(|| view! {
                <span class="badge edited">"Edited"</span>
                " "
                <button type="button" on:click=move |_| ws.edit(|d, _| d.undo_org(&undo_id))>"Undo"</button>
            })}
        </td>
    }
}

/// The row of one Org, by id. What it shows is a memo of the model's
/// `OrgView`: an edit, a tick or an answer that changes another Org leaves
/// this row's DOM alone.
pub fn org_row(cx: Ctx, id: String) -> impl IntoView {
    let (ws, sel, scope, row_id) = (cx.ws, cx.sel, cx.scope, id.clone());
    let shown = Memo::new(move |_| {
        let selected = sel.has(&id);
        scope.with(|scope| {
            cx.ws
                .with_both(|s, d| {
                    let org = s.org(&id)?;
                    let default = default_now(s, d);
                    Some(Row::of(
                        org_view(s, d, default.as_ref(), org),
                        scope.as_deref(),
                        selected,
                    ))
                })
                .flatten()
        })
    });
    let _ = ws;
    view! {
        <tr class:edited=move || shown.with(|r| r.as_ref().is_some_and(|r| r.edited))
            class:inactive=move || shown.with(|r| r.as_ref().is_some_and(|r| r.inactive))
            data-org-id=row_id>
            {move || {
                let (can_edit, on) = (cx.can_edit.get(), cx.deliveries_on.get());
                shown.get().map(|r| row_view(cx, r, can_edit, on))
            }}
        </tr>
    }
}
