//! The HTTP client: one async function per endpoint. Every request carries a
//! time limit (an `AbortSignal`), and every failure becomes an `ApiError`.

use super::error::ApiError;
use super::webhook_wire::{DeleteResult, History, Validation, Webhook, WebhookSearch};
use super::wire::{
    ConfigureRequest, OrgResponse, SearchRequest, SearchResponse, SessionUser, Token,
};
use gloo_net::http::{Request, RequestBuilder};
use serde::de::DeserializeOwned;
use serde::Serialize;

pub const API: &str = "/api/rest/2.0";
pub const DEFAULT_TIMEOUT_MS: u32 = 20_000;

/// Where to send requests and with which token. `Debug` never shows the token.
#[derive(Clone, PartialEq)]
pub struct Client {
    /// `""` for the panel's own origin, else `https://host[:port][/path]`.
    pub base: String,
    token: String,
    pub timeout_ms: u32,
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

/// A path segment with everything but unreserved characters percent-encoded.
fn encode_path(segment: &str) -> String {
    segment
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn url(base: &str, path: &str) -> String {
    format!("{base}{API}{path}")
}

fn with_common_headers(b: RequestBuilder, timeout_ms: u32) -> RequestBuilder {
    let signal = web_sys::AbortSignal::timeout_with_u32(timeout_ms);
    b.header("Accept", "application/json")
        .header("X-Requested-By", "ThoughtSpot")
        .abort_signal(Some(&signal))
}

fn map_send_error(e: gloo_net::Error, timeout_ms: u32) -> ApiError {
    match e {
        gloo_net::Error::JsError(js) if js.name == "TimeoutError" || js.name == "AbortError" => {
            ApiError::Timeout {
                after_ms: timeout_ms,
            }
        }
        other => ApiError::Network {
            detail: other.to_string(),
        },
    }
}

/// Sends the request; a non-2xx answer becomes `ApiError::Http`, a 2xx answer
/// yields its body text.
async fn send(
    b: RequestBuilder,
    body: Option<String>,
    timeout_ms: u32,
) -> Result<String, ApiError> {
    let req = match body {
        Some(json) => b
            .header("Content-Type", "application/json")
            .body(json)
            .map_err(|e| ApiError::Invalid(e.to_string()))?,
        None => b.build().map_err(|e| ApiError::Invalid(e.to_string()))?,
    };
    let resp = req
        .send()
        .await
        .map_err(|e| map_send_error(e, timeout_ms))?;
    let status = resp.status();
    let text = resp
        .text()
        .await
        .map_err(|e| map_send_error(e, timeout_ms))?;
    if (200..300).contains(&status) {
        Ok(text)
    } else {
        Err(ApiError::from_response(status, &text))
    }
}

/// Parses a success body; what does not fit the API's types is `Malformed`.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    serde_json::from_str(text).map_err(|e| ApiError::Malformed {
        detail: e.to_string(),
    })
}

fn to_json<T: Serialize>(body: &T) -> Result<String, ApiError> {
    serde_json::to_string(body).map_err(|e| ApiError::Invalid(e.to_string()))
}

impl Client {
    pub fn new(base: String, token: String) -> Self {
        Client {
            base,
            token,
            timeout_ms: DEFAULT_TIMEOUT_MS,
        }
    }

    /// The bearer token, for the one place that may show it: a curl the admin
    /// asked to include it in.
    pub fn token(&self) -> &str {
        &self.token
    }

    async fn call(&self, post: bool, path: &str, body: Option<String>) -> Result<String, ApiError> {
        let u = url(&self.base, path);
        let b = if post {
            Request::post(&u)
        } else {
            Request::get(&u)
        };
        let b = with_common_headers(b, self.timeout_ms)
            .header("Authorization", &format!("Bearer {}", self.token));
        send(b, body, self.timeout_ms).await
    }

    async fn post_json<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        parse(&self.call(true, path, Some(to_json(body)?)).await?)
    }

    /// `auth/token/full` with a username and password, optionally scoped to
    /// one Org (`org_id`). No token is needed.
    pub async fn login(
        base: &str,
        username: &str,
        password: &str,
        org_id: Option<i64>,
        timeout_ms: u32,
    ) -> Result<Token, ApiError> {
        #[derive(Serialize)]
        struct Body<'a> {
            username: &'a str,
            password: &'a str,
            validity_time_in_sec: u32,
            #[serde(skip_serializing_if = "Option::is_none")]
            org_id: Option<i64>,
        }
        let body = to_json(&Body {
            username,
            password,
            validity_time_in_sec: 8 * 3600,
            org_id,
        })?;
        let b = with_common_headers(Request::post(&url(base, "/auth/token/full")), timeout_ms);
        parse(&send(b, Some(body), timeout_ms).await?)
    }

    pub async fn session_user(&self) -> Result<SessionUser, ApiError> {
        parse(&self.call(false, "/auth/session/user", None).await?)
    }

    pub async fn search_orgs(&self) -> Result<Vec<OrgResponse>, ApiError> {
        self.post_json("/orgs/search", &serde_json::json!({})).await
    }

    pub async fn search_preferences(
        &self,
        req: &SearchRequest,
    ) -> Result<SearchResponse, ApiError> {
        let path = "/system/preferences/communication-channels/search";
        let text = self.call(true, path, Some(to_json(req)?)).await?;
        crate::perf::mark("tsp-search-received");
        parse(&text)
    }

    /// `webhooks/search`: one page.
    pub async fn search_webhooks(
        &self,
        req: &serde_json::Value,
    ) -> Result<WebhookSearch, ApiError> {
        self.post_json("/webhooks/search", req).await
    }

    /// Every `LIVEBOARD_SCHEDULE` webhook, page after page.
    pub async fn all_schedule_webhooks(&self) -> Result<Vec<Webhook>, ApiError> {
        let mut all = Vec::new();
        loop {
            let req = serde_json::json!({
                "event_type": "LIVEBOARD_SCHEDULE",
                "record_offset": all.len(),
                "record_size": 200,
            });
            let page = self.search_webhooks(&req).await?;
            let n = page.webhooks.len();
            all.extend(page.webhooks);
            if !page.pagination.has_more || n == 0 {
                return Ok(all);
            }
        }
    }

    /// `webhooks/create`: in the Org the token is scoped to.
    pub async fn create_webhook(&self, body: &serde_json::Value) -> Result<Webhook, ApiError> {
        self.post_json("/webhooks/create", body).await
    }

    /// `webhooks/{id}/update` (204): only the fields in `body` change.
    pub async fn update_webhook(&self, id: &str, body: &serde_json::Value) -> Result<(), ApiError> {
        let path = format!("/webhooks/{}/update", encode_path(id));
        self.call(true, &path, Some(to_json(body)?)).await.map(drop)
    }

    pub async fn delete_webhooks(&self, ids: &[String]) -> Result<DeleteResult, ApiError> {
        self.post_json(
            "/webhooks/delete",
            &serde_json::json!({ "webhook_identifiers": ids }),
        )
        .await
    }

    /// Sends a test event to a webhook (26.4.0.cl and later).
    pub async fn validate_webhook(&self, id: &str) -> Result<Validation, ApiError> {
        let body = serde_json::json!({
            "channel_type": "WEBHOOK",
            "channel_identifier": id,
            "event_type": "LIVEBOARD_SCHEDULE",
        });
        self.post_json("/system/communication-channels/validate", &body)
            .await
    }

    /// A webhook's delivery history (26.4.0.cl and later).
    pub async fn webhook_history(&self, id: &str) -> Result<History, ApiError> {
        let body = serde_json::json!({
            "channel_type": "WEBHOOK",
            "channel_identifiers": [id],
            "events": [{"type": "LIVEBOARD_SCHEDULE"}],
        });
        self.post_json("/jobs/history/communication-channels/search", &body)
            .await
    }

    /// One `configure` call; success is a 204 with no body.
    pub async fn configure(&self, req: &ConfigureRequest) -> Result<(), ApiError> {
        self.call(
            true,
            "/system/preferences/communication-channels/configure",
            Some(to_json(req)?),
        )
        .await
        .map(drop)
    }
}
