//! Transport: one function sends any typed call (`Client::call`). Every
//! request carries a time limit (an `AbortSignal`); every failure becomes an
//! `ApiError`, and a request that gets no readable answer is looked into
//! (unreachable host, origin not allowed, or a gateway's answer without CORS).

use super::error::{ApiError, NetCause};
use super::wire::{Call, Method};
use gloo_net::http::{Request, RequestBuilder};
use serde::de::DeserializeOwned;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use web_sys::AbortSignal;

pub const API: &str = "/api/rest/2.0";
pub const DEFAULT_TIMEOUT_MS: u32 = 20_000;

/// Where to send requests and with which token. `Debug` never shows the token.
#[derive(Clone)]
pub struct Client {
    /// `""` for the panel's own origin, else `https://host[:port][/path]`.
    pub base: String,
    token: String,
    pub timeout_ms: u32,
    /// A cross-origin answer with CORS headers has reached this page: the
    /// origin is allowed, so a later answer without them is a gateway's.
    cors_seen: Arc<AtomicBool>,
}

impl PartialEq for Client {
    fn eq(&self, other: &Self) -> bool {
        self.base == other.base && self.token == other.token && self.timeout_ms == other.timeout_ms
    }
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.base)
            .field("token", &"<redacted>")
            .field("timeout_ms", &self.timeout_ms)
            .finish()
    }
}

/// Parses a success body; what does not fit the API's types is `Malformed`.
/// An empty body (a 204) reads as `null`, which is what `()` expects.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    let text = if text.trim().is_empty() { "null" } else { text };
    serde_json::from_str(text).map_err(|e| ApiError::Malformed {
        detail: e.to_string(),
    })
}

fn is_timeout(e: &gloo_net::Error) -> bool {
    matches!(e, gloo_net::Error::JsError(js) if js.name == "TimeoutError" || js.name == "AbortError")
}

/// Seconds from a `Retry-After` header (the HTTP-date form is not read).
fn retry_after(value: Option<String>) -> Option<u32> {
    value?.trim().parse().ok()
}

impl Client {
    pub fn new(base: String, token: String) -> Self {
        Client {
            base,
            token,
            timeout_ms: DEFAULT_TIMEOUT_MS,
            cors_seen: Arc::default(),
        }
    }

    /// The same host and time limit with another token (a new sign-in).
    pub fn with_token(&self, token: String) -> Self {
        Client {
            token,
            ..self.clone()
        }
    }

    /// The bearer token, for the places that may hold it: a curl the admin
    /// asked to include it in, and the tab's memory the admin opted into.
    pub fn token(&self) -> &str {
        &self.token
    }

    fn builder(&self, method: Method, path: &str, stop: Option<&AbortSignal>) -> RequestBuilder {
        let url = format!("{}{API}{path}", self.base);
        let b = match method {
            Method::Get => Request::get(&url),
            Method::Post => Request::post(&url),
        };
        let timeout = AbortSignal::timeout_with_u32(self.timeout_ms);
        let signal = match stop {
            Some(stop) => AbortSignal::any(&js_sys::Array::of2(&timeout, stop)),
            None => timeout,
        };
        let b = b
            .header("Accept", "application/json")
            .header("X-Requested-By", "ThoughtSpot")
            .abort_signal(Some(&signal));
        if self.token.is_empty() {
            b
        } else {
            b.header("Authorization", &format!("Bearer {}", self.token))
        }
    }

    /// Sends one call and reads its answer. Nothing is retried here.
    pub async fn call<C: Call>(&self, call: &C) -> Result<C::Answer, ApiError> {
        self.call_until(call, None).await
    }

    /// `call`, aborted when `stop` is (its owner went): the answer is then
    /// never read.
    pub async fn call_until<C: Call>(
        &self,
        call: &C,
        stop: Option<&AbortSignal>,
    ) -> Result<C::Answer, ApiError> {
        let b = self.builder(C::METHOD, &call.path(), stop);
        let req = match C::METHOD {
            Method::Get => b.build(),
            Method::Post => {
                let body = serde_json::to_string(call).map_err(|e| ApiError::Malformed {
                    detail: e.to_string(),
                })?;
                b.header("Content-Type", "application/json").body(body)
            }
        }
        .map_err(|e| ApiError::network(e.to_string()))?;
        let resp = match req.send().await {
            Ok(r) => r,
            Err(e) => return Err(self.failed(e).await),
        };
        let status = resp.status();
        let wait = retry_after(resp.headers().get("retry-after"));
        let text = match resp.text().await {
            Ok(t) => t,
            Err(e) => return Err(self.failed(e).await),
        };
        if !self.base.is_empty() {
            self.cors_seen.store(true, Ordering::Relaxed);
        }
        if let Some(mark) = C::MARK {
            crate::perf::mark(mark);
        }
        if (200..300).contains(&status) {
            parse(&text)
        } else {
            let mut e = ApiError::from_response(status, &text);
            if let ApiError::Http { retry_after_s, .. } = &mut e {
                *retry_after_s = wait;
            }
            Err(e)
        }
    }

    /// A request that got no readable answer: a time-out, or a look at why.
    async fn failed(&self, e: gloo_net::Error) -> ApiError {
        if is_timeout(&e) {
            return ApiError::Timeout {
                after_ms: self.timeout_ms,
            };
        }
        ApiError::Network {
            detail: e.to_string(),
            cause: self.diagnose().await,
        }
    }

    /// Tells an unreachable host from one that answers without CORS headers
    /// for this page: a `no-cors` request resolves (with an answer the page may
    /// not read) whenever anything answers at all.
    async fn diagnose(&self) -> NetCause {
        if self.base.is_empty()
            || !reachable(&format!("{}{API}/auth/session/user", self.base)).await
        {
            return NetCause::Unreachable;
        }
        if self.cors_seen.load(Ordering::Relaxed) {
            NetCause::GatewayNoCors
        } else {
            NetCause::OriginRefused {
                origin: page_origin(),
            }
        }
    }
}

/// This page's origin, as a CORS allowlist must name it.
pub fn page_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// The origin requests go to: the host, or this page's own origin for `""`.
pub fn origin_or_page(base: &str) -> String {
    if base.is_empty() {
        page_origin()
    } else {
        base.to_string()
    }
}

async fn reachable(url: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    init.set_mode(web_sys::RequestMode::NoCors);
    init.set_credentials(web_sys::RequestCredentials::Omit);
    init.set_signal(Some(&web_sys::AbortSignal::timeout_with_u32(5_000)));
    wasm_bindgen_futures::JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_success_body_is_unit_and_retry_after_reads_seconds() {
        assert_eq!(parse::<()>(""), Ok(()));
        assert!(matches!(
            parse::<Vec<u8>>(" "),
            Err(ApiError::Malformed { .. })
        ));
        assert_eq!(retry_after(Some(" 7 ".into())), Some(7));
        assert_eq!(
            retry_after(Some("Wed, 21 Oct 2026 07:28:00 GMT".into())),
            None
        );
        assert_eq!(retry_after(None), None);
    }

    #[test]
    fn debug_output_never_shows_the_token() {
        let c = Client::new("https://ts.example.com".into(), "secret-xyz".into());
        assert!(!format!("{c:?}").contains("secret-xyz"));
        assert_eq!(c.with_token("other".into()).base, c.base);
    }
}
