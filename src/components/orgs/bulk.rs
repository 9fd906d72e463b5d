//! Select all matching Orgs, and apply one override or one reset to the selection.

use super::Selection;
use crate::components::channels::channel_checks;
use crate::model::prefs::{OrgSetting, LIVEBOARD_SCHEDULE as LS};
use crate::state::{Session, Workspace};
use leptos::prelude::*;

#[component]
pub fn BulkBar(
    sel: Selection,
    matching_count: Signal<usize>,
    select_matching: Callback<()>,
) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let session = expect_context::<Session>();
    let channels = RwSignal::new(Vec::<String>::new());
    let count = move || sel.len();
    let apply = move |setting: OrgSetting| {
        let ids = sel.ids();
        ws.edit(|d, s| d.set_orgs(s, &ids, LS, &setting));
    };
    view! {
        <div class="bulk" role="group" aria-label="Bulk edit">
            <button type="button" disabled=move || !session.can_edit_orgs() on:click=move |_| select_matching.run(())>
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
                <button type="button" on:click=move |_| sel.clear()>"Clear selection"</button>
            </Show>
        </div>
    }
}
