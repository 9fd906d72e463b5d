//! Wire types of the webhook endpoints, the test event and the delivery
//! history (only what the panel reads; secrets arrive as `***`).

use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Deserialize, Serialize, Clone, Debug, PartialEq, Default)]
pub struct WebhookOrg {
    pub id: String,
    #[serde(default)]
    pub name: String,
}

#[derive(Deserialize, Serialize, Clone, Debug, PartialEq)]
pub struct ApiKey {
    pub key: String,
    pub value: String,
}

#[derive(Deserialize, Serialize, Clone, Debug, PartialEq)]
pub struct BasicAuth {
    pub username: String,
    pub password: String,
}

#[derive(Deserialize, Serialize, Clone, Debug, PartialEq)]
pub struct OAuth2 {
    pub authorization_url: String,
    pub client_id: String,
    pub client_secret: String,
}

#[allow(non_snake_case)]
#[derive(Deserialize, Serialize, Clone, Debug, PartialEq, Default)]
pub struct Authentication {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub API_KEY: Option<ApiKey>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub BASIC_AUTH: Option<BasicAuth>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub BEARER_TOKEN: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub OAUTH2: Option<OAuth2>,
}

#[derive(Deserialize, Serialize, Clone, Debug, PartialEq)]
pub struct Signature {
    #[serde(rename = "type")]
    pub kind: String,
    pub header: String,
    pub algorithm: String,
    pub secret: String,
}

#[derive(Deserialize, Serialize, Clone, Debug, PartialEq)]
pub struct KeyValue {
    pub key: String,
    pub value: String,
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
    #[serde(default)]
    pub status: Option<String>,
    pub creation_time_in_millis: f64,
    pub modification_time_in_millis: f64,
}

#[derive(Deserialize, Clone, Debug, PartialEq)]
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

#[derive(Deserialize, Clone, Debug, PartialEq)]
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

#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct ValidationStep {
    pub validation_step: String,
    pub status: String,
    #[serde(default)]
    pub http_status: Option<i64>,
    #[serde(default)]
    pub error_message: Option<String>,
}

#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct Validation {
    pub channel_id: String,
    #[serde(default)]
    pub channel_name: Option<String>,
    pub job_id: String,
    pub result_code: String,
    #[serde(default)]
    pub details: Option<Vec<ValidationStep>>,
}

#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct HistoryJob {
    pub id: String,
    pub status: String,
    pub creation_time_in_millis: f64,
    #[serde(default)]
    pub detail: Option<String>,
    #[serde(default)]
    pub try_count: Option<i64>,
}

#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct History {
    #[serde(default)]
    pub jobs: Vec<HistoryJob>,
}
