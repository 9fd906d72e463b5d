//! Items changed both on the server and in the Draft: base / theirs / mine,
//! and the admin's decision for each.

use crate::components::table_head::TableHead;
use crate::state::Workspace;
use leptos::prelude::*;

#[component]
pub fn Conflicts() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let decide = move |i: usize, theirs: bool| ws.decide(i, theirs);
    move || {
        let list = ws.conflicts();
        (!list.is_empty()).then(|| {
            view! {
                <section class="card conflicts" aria-labelledby="conflicts-title">
                    <h2 id="conflicts-title">
                        {format!("{} conflict(s): the server changed what you changed", list.len())}
                    </h2>
                    <p class="muted">
                        "Someone changed these on the server after your copy was loaded. "
                        "Other changes on the server were taken in. Decide each item, then Save."
                    </p>
                    <table class="conflict-table">
                        <TableHead columns=&["Item", "When loaded", "On the server now", "Yours", "~Decision"] />
                        <tbody>
                            {list.into_iter().enumerate().map(|(i, c)| {
                                let gone = c.theirs.is_none();
                                let label = c.item.label();
                                view! {
                                    <tr>
                                        <td>{label.clone()}</td>
                                        <td>{c.base}</td>
                                        <td>{c.theirs.unwrap_or_else(|| "the Org no longer exists".into())}</td>
                                        <td>{c.mine}</td>
                                        <td class="row-actions">
                                            <button type="button" aria-label=format!("Keep theirs: {label}")
                                                on:click=move |_| decide(i, true)>
                                                {if gone { "Drop mine" } else { "Keep theirs" }}
                                            </button>
                                            " "
                                            {(!gone).then(|| view! {
                                                <button type="button" aria-label=format!("Apply mine: {label}")
                                                    on:click=move |_| decide(i, false)>"Apply mine"</button>
                                            })}
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </section>
            }
        })
    }
}
