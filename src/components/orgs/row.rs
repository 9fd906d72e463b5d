//! One row of the Orgs table: a plain function (not a component per cell), so
//! that a page of rows stays cheap.

use super::deliveries::delivery_cell;
use super::Selection;
use crate::components::channels::channel_checks;
use crate::model::prefs::OrgWebhook;
use crate::model::prefs::{
    describe_channels, effective, toggled, OrgSetting, EMAIL, LIVEBOARD_SCHEDULE as LS, WEBHOOK,
};
use crate::model::webhook::{mismatch, Mismatch};
use crate::state::deliveries::Deliveries;
use crate::state::{Nav, Session, Workspace};
use leptos::prelude::*;

/// What one table row shows.
#[derive(Clone, PartialEq)]
pub struct Row {
    pub id: String,
    pub name: String,
    pub setting: OrgSetting,
    pub edited: bool,
    pub inactive: bool,
    pub effective: Option<Vec<String>>,
    /// Whether the Org has a LIVEBOARD_SCHEDULE webhook (`None`: not known).
    pub webhook: Option<bool>,
    /// The session's token is scoped to this Org.
    pub in_scope: bool,
    /// The Org's LIVEBOARD_SCHEDULE webhook, when known.
    pub hook: Option<OrgWebhook>,
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
    pub deliveries_on: bool,
    pub can_edit: bool,
}

/// Opens the webhook form for the Org: at once when the token is scoped to
/// it (webhooks are created in the token's Org), else after switching to it.
fn create_webhook(cx: Ctx, id: &str, name: &str, in_scope: bool) {
    cx.nav.create_webhook_for(id, name);
    if !in_scope {
        if let Ok(org_id) = id.parse::<i64>() {
            cx.session.switch_org(org_id, name);
        }
    }
}

/// The webhook cell: whether the Org has one, and a one-click fix when its
/// channels and its webhook disagree.
fn webhook_cell(cx: Ctx, r: &Row) -> impl IntoView {
    let found = mismatch(r.effective.as_deref(), r.webhook);
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
    let label = match (r.webhook, found) {
        (_, Some(_)) | (None, _) => "",
        (Some(true), None) => "Has webhook",
        (Some(false), None) => "No webhook",
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
            {(cx.can_edit && m == Mismatch::NoWebhook).then(|| {
                let (set, id, name) = (set.clone(), id.clone(), name.clone());
                view! {
                    <button type="button" aria-label=format!("Turn WEBHOOK off for {name}") on:click=move |_| set(false)>"Turn WEBHOOK off"</button>
                    <button type="button" aria-label=format!("{create_label} for {name}")
                        on:click=move |_| create_webhook(cx, &id, &name, in_scope)>{create_label}</button>
                }
            })}
            {(cx.can_edit && m == Mismatch::Unused).then(|| {
                let (set, name) = (set.clone(), name.clone());
                view! {
                    <button type="button" aria-label=format!("Turn WEBHOOK on for {name}") on:click=move |_| set(true)>"Turn WEBHOOK on"</button>
                }
            })}
        })}
    }
}

/// Inherits or Override; an override starts from what the Org uses now.
fn mode_select(
    cx: Ctx,
    id: &str,
    name: &str,
    inherits: bool,
    effective: Option<Vec<String>>,
) -> impl IntoView {
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
            disabled=!cx.can_edit on:change=on_mode>
            <option value="inherit">"Inherits"</option>
            <option value="override">"Override"</option>
        </select>
    }
}

pub fn row_view(cx: Ctx, r: Row) -> impl IntoView {
    let Ctx {
        ws, sel, can_edit, ..
    } = cx;
    let selected = sel.contains(&r.id);
    let hook = webhook_cell(cx, &r);
    // The cell follows its own webhook's health: an answer redraws that
    // cell, not the page of rows nor the other cells.
    let deliveries = {
        let (d, nav, on, hook) = (cx.deliveries, cx.nav, cx.deliveries_on, r.hook.clone());
        let id = hook.as_ref().map(|w| w.id.clone());
        let health = Memo::new(move |_| id.as_ref().and_then(|id| d.health(id)));
        move || delivery_cell(nav, hook.clone(), health.get(), on)
    };
    let Row {
        id,
        name,
        setting,
        edited,
        inactive,
        effective,
        ..
    } = r;
    let inherits = setting == OrgSetting::Inherit;
    let channels = match &setting {
        OrgSetting::Override(c) => c.clone(),
        OrgSetting::Inherit => vec![],
    };
    let mode = mode_select(cx, &id, &name, inherits, effective.clone());
    let (set_id, empty) = (id.clone(), channels.is_empty());
    let boxes = channel_checks(
        channels,
        inherits || !can_edit,
        Some(name.clone()),
        move |c| ws.edit(|d, s| d.set_org(s, &set_id, LS, OrgSetting::Override(c))),
    );
    let effective_text = match (&effective, inherits) {
        (Some(v), true) => format!("{} (default)", describe_channels(v)),
        (Some(v), false) => describe_channels(v),
        (None, _) => "unknown (default not readable)".into(),
    };
    let (undo_id, sel_id) = (id.clone(), id.clone());
    view! {
        <tr class:edited=edited class:inactive=inactive data-org-id=id.clone()>
            <td class="select">
                <input type="checkbox" aria-label=format!("Select {name}") prop:checked=selected disabled=!can_edit
                    on:change=move |_| sel.set(&sel_id, !selected) />
            </td>
            <td class="name">{name.clone()}
                {inactive.then(|| view! {
                    " " <span class="badge neutral" title="orgs/search lists this Org as IN_ACTIVE">"Inactive"</span>
                })}
            </td>
            <td class="id">{id.clone()}</td>
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
        </tr>
    }
}

/// The rows of one page: `indexes` into the Snapshot's Orgs.
/// `scope` is the Org the session's token is scoped to.
pub fn page_rows(cx: Ctx, scope: Option<&str>, indexes: &[usize]) -> Vec<AnyView> {
    cx.ws
        .with_both(|s, d| {
            let cluster = d.cluster_value(s, LS);
            indexes
                .iter()
                .map(|&i| {
                    let o = &s.orgs[i];
                    let setting = d.org_value_of(o, LS);
                    let r = Row {
                        effective: effective(&setting, cluster.as_ref()),
                        id: o.id.clone(),
                        name: o.name.clone(),
                        edited: d.org_edited(&o.id),
                        inactive: o.inactive,
                        webhook: s.has_webhook(&o.id),
                        in_scope: scope == Some(o.id.as_str()),
                        hook: s.webhook_of(&o.id).cloned(),
                        setting,
                    };
                    row_view(cx, r).into_any()
                })
                .collect()
        })
        .unwrap_or_default()
}
