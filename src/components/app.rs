//! The page: the connect form when signed out, the signed-in part otherwise.
//! The release build splits the signed-in part into a wasm file of its own
//! (feature `split`): it is fetched in the background as soon as the connect
//! screen has rendered, and a failed fetch shows an error with Retry.

use crate::components::{connect::Connect, signed_in::SignedIn, toasts::ToastRegion};
use crate::state::clusters::PartFailed;
use crate::state::life::detach;
use crate::state::Clusters;
use leptos::prelude::*;

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(
    signed_in,
    wasm_split_path = ::leptos::wasm_split,
    fallible,
    preload(preload_signed_in)
)]
fn signed_in() -> Result<AnyView, PartFailed> {
    Ok(view! { <SignedIn /> }.into_any())
}

#[cfg(not(feature = "split"))]
async fn signed_in() -> Result<AnyView, PartFailed> {
    Ok(view! { <SignedIn /> }.into_any())
}

/// Where the page's notes show; they come with the signed-in part (only work
/// started there makes them).
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(signed_in, wasm_split_path = ::leptos::wasm_split, fallible)]
fn notes() -> Result<AnyView, PartFailed> {
    Ok(view! { <ToastRegion /> }.into_any())
}

#[cfg(not(feature = "split"))]
async fn notes() -> Result<AnyView, PartFailed> {
    Ok(view! { <ToastRegion /> }.into_any())
}

#[cfg(not(feature = "split"))]
async fn preload_signed_in() -> Result<(), PartFailed> {
    Ok(())
}

/// The signed-in part, once fetched; a failed fetch says so and offers Retry.
#[component]
fn SignedInPart() -> impl IntoView {
    let attempt = RwSignal::new(0u32);
    let part = move || {
        attempt.track();
        Suspend::new(async move {
            signed_in().await.unwrap_or_else(|_| {
                view! {
                    <div class="error-note" role="alert" data-testid="part-failed">
                        <strong>"The rest of the panel could not be downloaded."</strong>
                        <p>"The network or the server hosting the panel did not deliver it. You are still signed in."</p>
                        <button type="button" on:click=move |_| attempt.update(|a| *a += 1)>"Retry"</button>
                    </div>
                }
                .into_any()
            })
        })
    };
    view! {
        <Suspense fallback=|| view! { <p class="loading" role="status">"Loading the panel…"</p> }>
            {part}
        </Suspense>
    }
}

#[component]
pub fn App() -> impl IntoView {
    let clusters = Clusters::new();
    provide_context(clusters);
    provide_context(clusters.notes());
    clusters.resume();
    // Once the connect screen is on screen, fetch the rest in the background,
    // so that Connect does not wait for it. A failure here is retried when the
    // part is needed.
    request_animation_frame(|| {
        detach(async {
            let _ = preload_signed_in().await;
        })
    });
    // The cluster shown, with its state as the context of its views: a new
    // cluster (a sign-in to a host) builds them anew.
    let shown = move || {
        clusters
            .shown()
            .map(|c| c.provide(|| view! { <SignedInPart /> }))
    };
    view! {
        <header class="top">
            <h1>"Communication channels"</h1>
            <p class="muted">"Which channels receive Liveboard schedules, cluster-wide and per Org."</p>
        </header>
        <Suspense fallback=|| ()>
            {Suspend::new(async { notes().await.unwrap_or_else(|_| ().into_any()) })}
        </Suspense>
        <main>
            <Show when=move || clusters.connected() fallback=move || view! {
                <Show when=move || !clusters.resuming() fallback=|| view! {
                    <p class="loading" role="status">"Resuming the session remembered in this tab…"</p>
                }>
                    <Connect />
                </Show>
            }>
                {shown}
            </Show>
        </main>
    }
}
