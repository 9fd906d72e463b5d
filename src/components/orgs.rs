use crate::api::wire::{OrgSearchCriteria, SearchRequest};
use crate::api::ApiError;
use crate::components::channels::channel_checks;
use crate::components::error_note::ErrorNote;
use crate::model::prefs::{
    describe_channels, effective, OrgSetting, Snapshot, LIVEBOARD_SCHEDULE as LS,
};
use crate::model::prefs::{toggled, WEBHOOK};
use crate::model::table::{filter_keys, page, search_keys};
use crate::model::webhook::{mismatch, Mismatch};
use crate::perf::mark_after_paint;
use crate::state::{Nav, Session, Workspace};
use leptos::prelude::*;
use std::collections::BTreeSet;

const PAGE_SIZE: usize = 50;

/// What one table row shows.
#[derive(Clone, PartialEq)]
struct Row {
    id: String,
    name: String,
    setting: OrgSetting,
    edited: bool,
    effective: Option<Vec<String>>,
    /// Whether the Org has a LIVEBOARD_SCHEDULE webhook (`None`: not known).
    webhook: Option<bool>,
}

/// The webhook cell: whether the Org has one, and a one-click fix when its
/// channels and its webhook disagree.
fn webhook_cell(ws: Workspace, nav: Nav, r: &Row, can_edit: bool) -> impl IntoView {
    let found = mismatch(r.effective.as_deref(), r.webhook);
    let eff = r.effective.clone().unwrap_or_default();
    let (id, name) = (r.id.clone(), r.name.clone());
    let set = move |on: bool| {
        let c = toggled(&eff, WEBHOOK, on);
        ws.edit(|d, s| d.set_org(s, &id, LS, OrgSetting::Override(c)));
    };
    let label = match (r.webhook, found) {
        (_, Some(_)) | (None, _) => "",
        (Some(true), None) => "Has webhook",
        (Some(false), None) => "No webhook",
    };
    view! {
        <span class="muted">{label}</span>
        {found.map(|m| {
            let (set, name) = (set.clone(), name.clone());
            let id = r.id.clone();
            view! {
                <span class="warn-text" role="note" title=m.describe()>"⚠ " {m.short()}
                    <span class="sr-only">{format!(": {}", m.describe())}</span>
                </span>
                {(can_edit && m == Mismatch::NoWebhook).then(|| {
                    let (set, name) = (set.clone(), name.clone());
                    view! {
                        <button type="button" aria-label=format!("Turn WEBHOOK off for {name}") on:click=move |_| set(false)>"Turn WEBHOOK off"</button>
                        <button type="button" aria-label=format!("Create webhook for {name}")
                            on:click={let name = name.clone(); move |_| nav.create_webhook_for(&id, &name)}>"Create webhook"</button>
                    }
                })}
                {(can_edit && m == Mismatch::Unused).then(|| view! {
                    <button type="button" aria-label=format!("Turn WEBHOOK on for {name}") on:click=move |_| set(true)>"Turn WEBHOOK on"</button>
                })}
            }
        })}
    }
}

fn row_view(ws: Workspace, nav: Nav, sel: Selection, r: Row, can_edit: bool) -> impl IntoView {
    let (sel_id, selected) = (r.id.clone(), sel.0.with_untracked(|s| s.contains(&r.id)));
    let select_label = format!("Select {}", r.name);
    let hook = webhook_cell(ws, nav, &r, can_edit);
    let Row {
        id,
        name,
        setting,
        edited,
        effective,
        ..
    } = r;
    let inherits = setting == OrgSetting::Inherit;
    let channels = match &setting {
        OrgSetting::Override(c) => c.clone(),
        OrgSetting::Inherit => vec![],
    };
    let (mode_id, eff) = (id.clone(), effective.clone());
    let on_mode = move |ev: leptos::ev::Event| {
        let setting = if event_target_value(&ev) == "inherit" {
            OrgSetting::Inherit
        } else {
            // An override starts from what the Org uses now.
            OrgSetting::Override(eff.clone().unwrap_or_default())
        };
        ws.edit(|d, s| d.set_org(s, &mode_id, LS, setting));
    };
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
    let undo_id = id.clone();
    view! {
        <tr class:edited=edited data-org-id=id.clone()>
            <td class="select">
                <input type="checkbox" aria-label=select_label prop:checked=selected disabled=!can_edit
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        sel.0.update(|s| {
                            if on { s.insert(sel_id.clone()); } else { s.remove(&sel_id); }
                        });
                    } />
            </td>
            <td class="name">{name.clone()}</td>
            <td class="id">{id.clone()}</td>
            <td>
                <select
                    aria-label=format!("Mode for {name}")
                    prop:value=if inherits { "inherit" } else { "override" }
                    disabled=!can_edit
                    on:change=on_mode
                >
                    <option value="inherit">"Inherits"</option>
                    <option value="override">"Override"</option>
                </select>
            </td>
            <td><div class="chans">
                {boxes}
                {(!inherits && empty).then(|| view! { <span class="badge off">"All off"</span> })}
            </div></td>
            <td class="effective">{effective_text}</td>
            <td class="webhook"><div class="chans">{hook}</div></td>
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

/// The Orgs ticked for a bulk edit, by id.
#[derive(Clone, Copy)]
struct Selection(RwSignal<BTreeSet<String>>);

/// Select all matching Orgs, and apply one override or one reset to the selection.
#[component]
fn BulkBar(
    sel: Selection,
    matching_count: Signal<usize>,
    select_matching: Callback<()>,
) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let session = expect_context::<Session>();
    let channels = RwSignal::new(Vec::<String>::new());
    let can_edit = move || {
        session
            .connection
            .with(|c| c.as_ref().is_some_and(|c| c.access.orgs))
    };
    let count = move || sel.0.with(BTreeSet::len);
    let apply = move |setting: OrgSetting| {
        let ids = sel.0.get_untracked();
        ws.edit(|d, s| d.set_orgs(s, &ids, LS, &setting));
    };
    view! {
        <div class="bulk" role="group" aria-label="Bulk edit">
            <button type="button" disabled=move || !can_edit() on:click=move |_| select_matching.run(())>
                {move || format!("Select all {} matching", matching_count.get())}
            </button>
            <Show when=move || count() != 0>
                <span class="count-selected">{move || format!("{} selected:", count())}</span>
                <span class="chans">
                    {move || channel_checks(channels.get(), false, Some("the selected Orgs".into()), move |c| channels.set(c))}
                </span>
                <button type="button" on:click=move |_| apply(OrgSetting::Override(channels.get_untracked()))>
                    "Override selected"
                </button>
                <button type="button" on:click=move |_| apply(OrgSetting::Inherit)>"Reset selected to default"</button>
                <button type="button" on:click=move |_| sel.0.set(BTreeSet::new())>"Clear selection"</button>
            </Show>
        </div>
    }
}

/// Looks Orgs up on the server with the API's own Org filter and merges them in.
async fn lookup(session: Session, ws: Workspace, ident: String) -> Result<usize, ApiError> {
    let conn = session.current()?;
    let req = SearchRequest {
        cluster_preferences: None,
        org_preferences: Some(vec![OrgSearchCriteria {
            org_identifier: ident.trim().to_string(),
            event_types: None,
        }]),
    };
    let resp = conn
        .client
        .search_preferences(&req)
        .await
        .inspect_err(|e| session.note(e))?;
    let fresh = Snapshot::from_wire(resp, None, false);
    let found = fresh.orgs.len();
    if let Some(mut snap) = ws.snapshot.get_untracked() {
        snap.merge_orgs(fresh);
        ws.replace_snapshot(snap);
    }
    Ok(found)
}

/// Every Org with its mode, override and effective channels; filter, look up, page.
#[component]
pub fn OrgsTable() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let nav = expect_context::<Nav>();
    let session = expect_context::<Session>();
    let query = RwSignal::new(String::new());
    let page_index = RwSignal::new(0usize);
    let ident = RwSignal::new(String::new());
    let can_edit = move || {
        session
            .connection
            .with(|c| c.as_ref().is_some_and(|c| c.access.orgs))
    };
    let keys = Memo::new(move |_| {
        ws.snapshot
            .with(|s| s.as_ref().map(|s| search_keys(&s.orgs)).unwrap_or_default())
    });
    let matching = Memo::new(move |_| keys.with(|k| filter_keys(k, &query.get())));
    // Performance marks for the benchmark: the table after a load, and after a filter keystroke.
    Effect::new(move |_| {
        ws.snapshot.track();
        mark_after_paint("tsp-table-ready");
    });
    Effect::new(move |prev: Option<()>| {
        query.track();
        if prev.is_some() {
            mark_after_paint("tsp-filter-ready");
        }
    });
    let current_page = move || page(matching.with(Vec::len), page_index.get(), PAGE_SIZE);
    let sel = Selection(RwSignal::new(BTreeSet::new()));
    // A new Snapshot may drop Orgs: keep only selected ids that still exist.
    Effect::new(move |_| {
        ws.snapshot.with(|s| {
            if let Some(s) = s {
                let known: BTreeSet<&str> = s.orgs.iter().map(|o| o.id.as_str()).collect();
                sel.0
                    .update(|set| set.retain(|id| known.contains(id.as_str())));
            }
        })
    });
    let select_matching = move |_| {
        let ids: BTreeSet<String> = ws.snapshot.with_untracked(|s| {
            s.as_ref()
                .map(|s| {
                    matching.with_untracked(|m| m.iter().map(|&i| s.orgs[i].id.clone()).collect())
                })
                .unwrap_or_default()
        });
        sel.0.update(|set| set.extend(ids));
    };
    let rows = move || {
        sel.0.track();
        let p = current_page();
        let can = can_edit();
        ws.snapshot.with(|s| {
            let Some(s) = s.as_ref() else { return vec![] };
            ws.draft.with(|d| {
                let cluster = d.cluster_value(s, LS);
                matching.with(|m| {
                    m[p.start..p.end]
                        .iter()
                        .map(|&i| {
                            let o = &s.orgs[i];
                            let setting = d.org_value_of(o, LS);
                            Row {
                                effective: effective(&setting, cluster.as_ref()),
                                id: o.id.clone(),
                                name: o.name.clone(),
                                edited: d.org_edited(&o.id),
                                webhook: s.has_webhook(&o.id),
                                setting,
                            }
                        })
                        .map(|r| row_view(ws, nav, sel, r, can))
                        .collect::<Vec<_>>()
                })
            })
        })
    };
    let look_up = Action::new_local(move |i: &String| lookup(session, ws, i.clone()));
    let on_lookup = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let i = ident.get_untracked();
        if !i.trim().is_empty() {
            query.set(i.trim().to_string());
            page_index.set(0);
            look_up.dispatch(i);
        }
    };

    view! {
        <section class="card orgs" aria-labelledby="orgs-title">
            <h2 id="orgs-title">"Orgs"</h2>
            <div class="toolbar">
                <label for="org-filter" class="inline">"Filter"</label>
                <input
                    id="org-filter"
                    type="search"
                    placeholder="name or id"
                    prop:value=move || query.get()
                    on:input=move |ev| {
                        query.set(event_target_value(&ev));
                        page_index.set(0);
                    }
                />
                <form class="lookup" on:submit=on_lookup>
                    <label for="org-lookup" class="inline">"Look up on the server"</label>
                    <input id="org-lookup" type="search" placeholder="Org id or name" bind:value=ident />
                    <button type="submit" disabled=move || look_up.pending().get()>"Search"</button>
                </form>
                <span class="count" data-testid="org-count">
                    {move || {
                        let total = ws.snapshot.with(|s| s.as_ref().map_or(0, |s| s.orgs.len()));
                        format!("{} of {} Orgs", matching.with(Vec::len), total)
                    }}
                </span>
            </div>
            {move || look_up.value().get().map(|r| match r {
                Ok(0) => view! { <p class="muted">"The server found no such Org."</p> }.into_any(),
                Ok(n) => view! { <p class="muted">{format!("Refreshed {n} Org(s) from the server.")}</p> }.into_any(),
                Err(e) => view! { <ErrorNote error=e /> }.into_any(),
            })}
            {move || (!can_edit()).then(|| view! {
                <p class="muted">"Read-only: editing Org overrides needs ADMINISTRATION or DEVELOPER."</p>
            })}
            <BulkBar sel=sel matching_count=Signal::derive(move || matching.with(Vec::len)) select_matching=Callback::new(select_matching) />
            <table class="org-table">
                <thead>
                    <tr>
                        <th scope="col"><span class="sr-only">"Selected"</span></th>
                        <th scope="col">"Org"</th>
                        <th scope="col">"Id"</th>
                        <th scope="col">"Mode"</th>
                        <th scope="col">"Override channels"</th>
                        <th scope="col">"Effective channels"</th>
                        <th scope="col">"Webhook"</th>
                        <th scope="col"><span class="sr-only">"Changes"</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <nav class="pager" aria-label="Pages">
                <button type="button" disabled=move || current_page().index == 0
                    on:click=move |_| page_index.update(|p| *p = p.saturating_sub(1))>"Previous"</button>
                <span>{move || {
                    let p = current_page();
                    format!("Page {} of {}", p.index + 1, p.count)
                }}</span>
                <button type="button" disabled=move || { let p = current_page(); p.index + 1 >= p.count }
                    on:click=move |_| page_index.set(current_page().index + 1)>"Next"</button>
            </nav>
        </section>
    }
}
