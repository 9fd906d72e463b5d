//! A table's header row from a list of column names; a name starting with
//! `~` is for screen readers only (a column of checkboxes or buttons).

use leptos::prelude::*;

#[component]
pub fn TableHead(columns: &'static [&'static str]) -> impl IntoView {
    view! {
        <thead>
            <tr>
                {columns.iter().map(|c| match c.strip_prefix('~') {
                    Some(hidden) => view! { <th scope="col"><span class="sr-only">{hidden}</span></th> }.into_any(),
                    None => view! { <th scope="col">{*c}</th> }.into_any(),
                }).collect_view()}
            </tr>
        </thead>
    }
}
