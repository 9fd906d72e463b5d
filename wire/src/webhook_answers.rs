//! What the webhook endpoints answer (only what the panel reads; secrets
//! arrive as `***` and are not read at all).

use super::webhook_values::{KeyValue, Status};
use super::LIVEBOARD_SCHEDULE;
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Deserialize, Serialize, Clone, Debug, PartialEq, Default)]
pub struct WebhookOrg {
    #[serde(deserialize_with = "super::prefs::id_as_string")]
    pub id: String,
    #[serde(default)]
    pub name: String,
}

#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct ApiKey {
    pub key: String,
}

#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct BasicAuth {
    pub username: String,
}

#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct OAuth2 {
    pub authorization_url: String,
    pub client_id: String,
}

/// A webhook's authentication as answered: secrets are redacted, so only the
/// non-secret parts are read.
#[allow(non_snake_case)]
#[derive(Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Authentication {
    #[serde(default)]
    pub API_KEY: Option<ApiKey>,
    #[serde(default)]
    pub BASIC_AUTH: Option<BasicAuth>,
    #[serde(default)]
    pub BEARER_TOKEN: Option<String>,
    #[serde(default)]
    pub OAUTH2: Option<OAuth2>,
}

#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct Signature {
    pub header: String,
}

#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct Webhook {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub org: Option<WebhookOrg>,
    pub url: String,
    #[serde(default)]
    pub url_params: Option<Value>,
    pub events: Vec<String>,
    #[serde(default)]
    pub authentication: Option<Authentication>,
    #[serde(default)]
    pub signature_verification: Option<Signature>,
    #[serde(default)]
    pub additional_headers: Option<Vec<KeyValue>>,
    /// `None` when never set (the webhook is enabled).
    #[serde(default)]
    pub status: Option<Status>,
    pub creation_time_in_millis: f64,
    pub modification_time_in_millis: f64,
}

impl Webhook {
    pub fn is_schedule(&self) -> bool {
        self.events.iter().any(|e| e == LIVEBOARD_SCHEDULE)
    }
}

#[derive(Deserialize, Serialize, Clone, Debug, PartialEq)]
pub struct Pagination {
    pub record_offset: i64,
    pub record_size: i64,
    pub total_count: i64,
    pub has_more: bool,
}

#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct WebhookSearch {
    pub webhooks: Vec<Webhook>,
    pub pagination: Pagination,
}

#[derive(Deserialize, Serialize, Clone, Debug, PartialEq)]
pub struct DeleteFailure {
    pub id: String,
    pub name: String,
    pub error: String,
}

#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct DeleteResult {
    pub deleted_count: i64,
    pub failed_count: i64,
    pub deleted_webhooks: Vec<Webhook>,
    pub failed_webhooks: Vec<DeleteFailure>,
}

impl DeleteResult {
    /// What was deleted and what failed, in words.
    pub fn summary(&self) -> String {
        let mut text = format!(
            "Deleted {}, failed {}.",
            self.deleted_count, self.failed_count
        );
        for f in &self.failed_webhooks {
            text.push_str(&format!(" {} could not be deleted: {}.", f.name, f.error));
        }
        text
    }
}
