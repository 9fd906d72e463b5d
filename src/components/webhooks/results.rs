//! What a test event and a delivery history answered.

use crate::api::wire::{History, Validation};
use crate::components::local_time as time;
use crate::components::table_head::TableHead;
use leptos::prelude::*;

#[component]
pub fn TestResult(v: Validation, on_close: Callback<()>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="wh-test-title">
            <h2 id="wh-test-title">"Test event"</h2>
            <p data-testid="test-result">
                <strong>{v.result_code.label()}</strong> " — "
                {v.channel_name.clone().unwrap_or(v.channel_id.clone())} " (job " {v.job_id.clone()} ")"
            </p>
            <table class="org-table">
                <TableHead columns=&["Step", "Status", "HTTP", "Message"] />
                <tbody>
                    {v.details.unwrap_or_default().into_iter().map(|d| view! {
                        <tr>
                            <td>{d.validation_step}</td><td>{d.status.label()}</td>
                            <td>{d.http_status.map(|h| h.to_string()).unwrap_or_default()}</td>
                            <td>{d.error_message.unwrap_or_default()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <button type="button" on:click=move |_| on_close.run(())>"Close"</button>
        </section>
    }
}

/// A webhook's delivery history (not the save journal).
#[component]
pub fn DeliveryLog(name: String, h: History, on_close: Callback<()>) -> impl IntoView {
    let table = if h.jobs.is_empty() {
        view! { <p class="muted">"No deliveries recorded (logs are kept for 3 days)."</p> }
            .into_any()
    } else {
        view! {
            <table class="org-table" data-testid="history">
                <TableHead columns=&["Status", "Time", "Tries", "Message", "Job"] />
                <tbody>
                    {h.jobs.into_iter().map(|j| view! {
                        <tr>
                            <td>{j.status.label()}</td><td>{time(j.creation_time_in_millis)}</td>
                            <td>{j.try_count.map(|t| t.to_string()).unwrap_or_default()}</td>
                            <td>{j.detail.unwrap_or_default()}</td><td class="muted">{j.id}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section class="card" aria-labelledby="wh-history-title">
            <h2 id="wh-history-title">{format!("Delivery history: {name}")}</h2>
            {table}
            <button type="button" on:click=move |_| on_close.run(())>"Close"</button>
        </section>
    }
}
