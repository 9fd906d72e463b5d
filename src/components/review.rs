use crate::api::ApiError;
use crate::components::error_note::ErrorNote;
use crate::components::toasts::Toasts;
use crate::model::conflict::detect;
use crate::model::draft::{apply, curl, diff, plan, pretty, verify, Change};
use crate::model::prefs::{effective, LIVEBOARD_SCHEDULE as LS};
use crate::model::webhook::{mismatch, Mismatch};
use crate::state::{fetch_snapshot, Session, Workspace};
use leptos::prelude::*;

/// How a save ended, when it did not fail.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Outcome {
    Saved,
    /// The server changed items the Draft changes too: nothing was sent.
    Conflicts(usize),
    /// The server already holds everything the Draft asked for.
    NothingLeft,
}

/// Reads what the server holds now; items it changed that the Draft changes
/// too stop the save as conflicts, other changes are taken in. Then sends the
/// one configure call, reads the preferences back and checks each change. An
/// error leaves the Draft as it was.
async fn save(session: Session, ws: Workspace) -> Result<Outcome, ApiError> {
    let conn = session.current()?;
    let base = ws
        .snapshot
        .get_untracked()
        .ok_or_else(|| ApiError::Invalid("Nothing loaded yet.".into()))?;
    let fresh = fetch_snapshot(&conn.client, conn.access)
        .await
        .inspect_err(|e| session.note(e))?;
    let conflicts = ws.draft.with_untracked(|d| detect(&base, &fresh, d));
    ws.replace_snapshot(fresh.clone());
    if !conflicts.is_empty() {
        let n = conflicts.len();
        ws.conflicts.set(conflicts);
        return Ok(Outcome::Conflicts(n));
    }
    let changes: Vec<Change> = ws.draft.with_untracked(|d| diff(&fresh, d));
    if changes.is_empty() {
        return Ok(Outcome::NothingLeft);
    }
    let req = plan(&fresh, &changes);
    conn.client
        .configure(&req)
        .await
        .inspect_err(|e| session.note(e))?;
    match fetch_snapshot(&conn.client, conn.access).await {
        Ok(after) => {
            ws.verified.set(Some(verify(&changes, &after)));
            ws.replace_snapshot(after);
            Ok(Outcome::Saved)
        }
        Err(e) => {
            // Saved (204), but not confirmed: show what was asked for, and say so.
            ws.replace_snapshot(apply(&fresh, &changes));
            ws.verified.set(None);
            Err(ApiError::Invalid(format!(
                "Saved, but reading the preferences back failed ({}). Reload to confirm.",
                e.summary()
            )))
        }
    }
}

fn origin_of(base: &str) -> String {
    if base.is_empty() {
        web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default()
    } else {
        base.to_string()
    }
}

/// Every pending change in words, the exact request body, curl, Discard and Save;
/// after a save, what the server now holds.
#[component]
pub fn Review() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let session = expect_context::<Session>();
    let toasts = expect_context::<Toasts>();
    let save = Action::new_local(move |_: &()| async move {
        let r = save(session, ws).await;
        if let Ok(Outcome::Saved) = r {
            toasts.push("Saved: one configure call sent and checked.");
        }
        r
    });
    let include_token = RwSignal::new(false);
    let curl_text = RwSignal::new(None::<String>);
    let request = Memo::new(move |_| {
        ws.snapshot.with(|s| {
            s.as_ref()
                .map(|s| ws.changes.with(|c| plan(s, c)))
                .unwrap_or_default()
        })
    });
    Effect::new(move |_| {
        // The curl shown belongs to the request it was made from.
        request.track();
        curl_text.set(None);
    });
    let copy_curl = move |_| {
        let Some(conn) = session.connection.get_untracked() else {
            return;
        };
        let token = include_token
            .get_untracked()
            .then(|| conn.client.token().to_string());
        let text = curl(
            &origin_of(&conn.client.base),
            &request.get_untracked(),
            token.as_deref(),
        );
        if let Some(w) = web_sys::window() {
            // Best effort: the text is also shown for copying by hand.
            let _ = w.navigator().clipboard().write_text(&text);
        }
        curl_text.set(Some(text));
        toasts.push("curl command copied.");
    };
    let count = move || ws.changes.with(Vec::len);
    // Orgs whose channels and webhooks will disagree once the Draft is saved.
    let mismatches = Memo::new(move |_| {
        ws.snapshot.with(|s| {
            let Some(s) = s.as_ref() else { return vec![] };
            ws.draft.with(|d| {
                let cluster = d.cluster_value(s, LS);
                s.orgs
                    .iter()
                    .filter_map(|o| {
                        let eff = effective(&d.org_value_of(o, LS), cluster.as_ref());
                        mismatch(eff.as_deref(), s.has_webhook(&o.id)).map(|m| (o.name.clone(), m))
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let warning = move |kind: Mismatch, what: &'static str| {
        mismatches.with(|all| {
            let names: Vec<&str> = all
                .iter()
                .filter(|(_, m)| *m == kind)
                .map(|(n, _)| n.as_str())
                .collect();
            (!names.is_empty()).then(|| {
                let more = names.len().saturating_sub(6);
                let shown = names.iter().take(6).copied().collect::<Vec<_>>().join(", ");
                let tail = if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                view! { <li>{format!("{} Org(s) {what}: {shown}{tail}.", names.len())}</li> }
            })
        })
    };

    view! {
        <section class="card review" aria-labelledby="review-title">
            <h2 id="review-title">
                "Review " {move || match count() {
                    0 => "(no pending changes)".to_string(),
                    1 => "(1 pending change)".to_string(),
                    n => format!("({n} pending changes)"),
                }}
            </h2>
            <Show when=move || count() != 0>
                <ol class="changes" data-testid="changes">
                    {move || ws.changes.with(|c| {
                        c.iter().map(|c| view! { <li>{c.describe()}</li> }).collect_view()
                    })}
                </ol>
                {move || (!mismatches.with(Vec::is_empty)).then(|| view! {
                    <div class="notice" role="note" data-testid="webhook-warnings">
                        <strong>"After saving:"</strong>
                        <ul>
                            {warning(Mismatch::NoWebhook, "will have WEBHOOK on and no webhook, so their schedules fail")}
                            {warning(Mismatch::Unused, "will have a webhook that receives nothing (WEBHOOK off)")}
                        </ul>
                        <p class="muted small">"The Orgs table offers a fix on each of them."</p>
                    </div>
                })}
                <details open>
                    <summary>"The request Save sends (one configure call)"</summary>
                    <pre class="json" data-testid="request-body" tabindex="0" aria-label="configure request body">{move || pretty(&request.get())}</pre>
                </details>
                <div class="actions">
                    <button type="button" class="primary" aria-busy=move || save.pending().get().to_string()
                        disabled=move || save.pending().get() || ws.conflicts.with(|c| !c.is_empty())
                        on:click=move |_| { save.dispatch(()); }>
                        {move || if save.pending().get() { "Saving…" } else { "Save" }}
                    </button>
                    <button type="button" disabled=move || save.pending().get()
                        on:click=move |_| ws.draft.set(Default::default())>"Discard"</button>
                    <button type="button" on:click=copy_curl>"Copy as curl"</button>
                    <label class="check">
                        <input type="checkbox" bind:checked=include_token />
                        " include my token in the curl"
                    </label>
                </div>
                {move || curl_text.get().map(|t| view! {
                    <pre class="json" aria-label="curl command" data-testid="curl" tabindex="0">{t}</pre>
                })}
            </Show>
            {move || save.value().get().map(|r| match r {
                Err(e) => view! {
                    <ErrorNote error=e />
                    <p class="muted">"Your changes are kept. "
                        <button type="button" on:click=move |_| { save.dispatch(()); }>"Retry save"</button>
                    </p>
                }.into_any(),
                Ok(Outcome::Conflicts(n)) => view! {
                    <p class="notice" role="alert">
                        {format!("Nothing was sent: the server changed {n} item(s) you also changed. Decide them above, then Save.")}
                    </p>
                }.into_any(),
                Ok(Outcome::NothingLeft) => view! {
                    <p class="muted" role="status">"The server already holds all of your changes: nothing to send."</p>
                }.into_any(),
                Ok(Outcome::Saved) => ().into_any(),
            })}
            {move || ws.verified.get().map(|v| {
                let ok = v.iter().filter(|x| x.differs.is_none()).count();
                let total = v.len();
                view! {
                    <div class="verified" role="status">
                        <strong>{format!("Saved. The server now holds {ok} of {total} change(s).")}</strong>
                        <ul>
                            {v.into_iter().map(|x| {
                                let text = x.change.describe();
                                match x.differs {
                                    None => view! { <li class="ok">"✓ " {text}</li> }.into_any(),
                                    Some(now) => view! {
                                        <li class="differs">"✗ " {text} " — the server holds: " {now}</li>
                                    }.into_any(),
                                }
                            }).collect_view()}
                        </ul>
                    </div>
                }
            })}
        </section>
    }
}
