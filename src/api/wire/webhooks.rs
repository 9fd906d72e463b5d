//! Webhooks (`webhooks/*`, 10.14.0.cl), the test event
//! (`system/communication-channels/validate`, 26.4.0.cl, Beta) and the delivery
//! history (`jobs/history/communication-channels/search`, 26.4.0.cl). Secrets
//! arrive as `***`; the panel never sends that back.

use super::{encode_path, Call, LIVEBOARD_SCHEDULE};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// The event types a webhook can subscribe to.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum EventType {
    #[default]
    #[serde(rename = "LIVEBOARD_SCHEDULE")]
    LiveboardSchedule,
}

#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ChannelType {
    #[default]
    #[serde(rename = "WEBHOOK")]
    Webhook,
}

/// A webhook's status (26.7.0.cl). Answers may carry a value this panel does
/// not know: it reads as `Other`.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    Enabled,
    Disabled,
    #[serde(other, skip_serializing)]
    Other,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::Enabled => "ENABLED",
            Status::Disabled => "DISABLED",
            Status::Other => "OTHER",
        }
    }
}

#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SortField {
    #[default]
    Created,
    Modified,
    Name,
}

#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Order {
    Asc,
    #[default]
    Desc,
}

/// Sections `update` can clear (26.7.0.cl).
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ResetOption {
    Authentication,
    SignatureVerification,
    StorageDestination,
}

/// `WebhookAuthenticationInput`: one type, keyed by its name.
#[derive(Serialize, Clone, PartialEq, Eq)]
pub enum AuthenticationInput {
    #[serde(rename = "API_KEY")]
    ApiKey { key: String, value: String },
    #[serde(rename = "BASIC_AUTH")]
    BasicAuth { username: String, password: String },
    #[serde(rename = "BEARER_TOKEN")]
    BearerToken(String),
    #[serde(rename = "OAUTH2")]
    OAuth2 {
        authorization_url: String,
        client_id: String,
        client_secret: String,
    },
}

impl std::fmt::Debug for AuthenticationInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            AuthenticationInput::ApiKey { .. } => "ApiKey(<redacted>)",
            AuthenticationInput::BasicAuth { .. } => "BasicAuth(<redacted>)",
            AuthenticationInput::BearerToken(_) => "BearerToken(<redacted>)",
            AuthenticationInput::OAuth2 { .. } => "OAuth2(<redacted>)",
        })
    }
}

#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SignatureType {
    #[default]
    #[serde(rename = "HMAC_SHA256")]
    HmacSha256,
}

#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SignatureAlgorithm {
    #[default]
    #[serde(rename = "SHA256")]
    Sha256,
}

/// `WebhookSignatureVerificationInput`: every field is required.
#[derive(Serialize, Clone, PartialEq, Eq)]
pub struct SignatureInput {
    #[serde(rename = "type")]
    pub kind: SignatureType,
    pub header: String,
    pub algorithm: SignatureAlgorithm,
    pub secret: String,
}

impl std::fmt::Debug for SignatureInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignatureInput")
            .field("header", &self.header)
            .field("secret", &"<redacted>")
            .finish()
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct KeyValue {
    pub key: String,
    pub value: String,
}

/// `webhooks/create`: in the Org the token is scoped to.
#[derive(Serialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct CreateWebhook {
    pub name: String,
    pub url: String,
    pub events: Vec<EventType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url_params: Option<BTreeMap<String, String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authentication: Option<AuthenticationInput>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature_verification: Option<SignatureInput>,
    /// 26.4.0.cl.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub additional_headers: Option<Vec<KeyValue>>,
    /// 26.7.0.cl.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
}

impl Call for CreateWebhook {
    type Answer = Webhook;
    const PATH: &'static str = "/webhooks/create";
    const IDEMPOTENT: bool = false;
}

/// `webhooks/{id}/update` (204): only the fields sent change.
#[derive(Serialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct UpdateWebhook {
    /// The webhook's id: in the path, not the body.
    #[serde(skip)]
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url_params: Option<BTreeMap<String, String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authentication: Option<AuthenticationInput>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature_verification: Option<SignatureInput>,
    /// 26.4.0.cl.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub additional_headers: Option<Vec<KeyValue>>,
    /// 26.7.0.cl.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// 26.7.0.cl.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reset_options: Option<Vec<ResetOption>>,
}

impl UpdateWebhook {
    /// Nothing to send: every field is absent.
    pub fn is_empty(&self) -> bool {
        *self
            == UpdateWebhook {
                id: self.id.clone(),
                ..Default::default()
            }
    }
}

/// Sending the same fields again sets the same values.
impl Call for UpdateWebhook {
    type Answer = ();
    const PATH: &'static str = "/webhooks/{webhook_identifier}/update";
    const IDEMPOTENT: bool = true;
    fn path(&self) -> String {
        format!("/webhooks/{}/update", encode_path(&self.id))
    }
}

#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct SortOptions {
    pub field_name: SortField,
    pub order: Order,
}

/// `webhooks/search`: one page. Without `org_identifier` it answers every Org's
/// webhooks the token may see.
#[derive(Serialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct SearchWebhooks {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org_identifier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub webhook_identifier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_type: Option<EventType>,
    pub record_offset: u32,
    pub record_size: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort_options: Option<SortOptions>,
    /// 26.7.0.cl.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
}

impl Call for SearchWebhooks {
    type Answer = WebhookSearch;
    const PATH: &'static str = "/webhooks/search";
    const IDEMPOTENT: bool = true;
}

#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct DeleteWebhooks {
    pub webhook_identifiers: Vec<String>,
}

impl Call for DeleteWebhooks {
    type Answer = DeleteResult;
    const PATH: &'static str = "/webhooks/delete";
    const IDEMPOTENT: bool = false;
}

/// Sends a test event to a webhook (26.4.0.cl, Beta).
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct ValidateChannel {
    pub channel_type: ChannelType,
    pub channel_identifier: String,
    pub event_type: EventType,
}

impl ValidateChannel {
    pub fn webhook(id: &str) -> Self {
        ValidateChannel {
            channel_type: ChannelType::Webhook,
            channel_identifier: id.to_string(),
            event_type: EventType::LiveboardSchedule,
        }
    }
}

impl Call for ValidateChannel {
    type Answer = Validation;
    const PATH: &'static str = "/system/communication-channels/validate";
    const IDEMPOTENT: bool = false;
}

#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct HistoryEvent {
    #[serde(rename = "type")]
    pub kind: EventType,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
}

/// `jobs/history/communication-channels/search` (26.4.0.cl). For WEBHOOK each
/// list takes at most one element, and without `job_ids` both
/// `channel_identifiers` and `events` are required: `for_webhook` builds that.
#[derive(Serialize, Clone, Debug, PartialEq, Default)]
pub struct HistoryRequest {
    pub channel_type: ChannelType,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job_ids: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_identifiers: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_status: Option<JobStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<HistoryEvent>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_epoch_time_in_millis: Option<f64>,
    /// 26.7.0.cl.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_epoch_time_in_millis: Option<f64>,
}

impl HistoryRequest {
    /// The LIVEBOARD_SCHEDULE deliveries of one webhook, from `since_ms` when given.
    pub fn for_webhook(id: &str, since_ms: Option<f64>) -> Self {
        HistoryRequest {
            channel_identifiers: Some(vec![id.to_string()]),
            events: Some(vec![HistoryEvent {
                kind: EventType::LiveboardSchedule,
                identifier: None,
            }]),
            start_epoch_time_in_millis: since_ms,
            ..Default::default()
        }
    }
}

impl Call for HistoryRequest {
    type Answer = History;
    const PATH: &'static str = "/jobs/history/communication-channels/search";
    const IDEMPOTENT: bool = true;
}

// ---- answers ----

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

/// A test event's result, or one step's.
#[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Outcome {
    Success,
    Failed,
    PartialSuccess,
    #[serde(other)]
    Other,
}

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Success => "SUCCESS",
            Outcome::Failed => "FAILED",
            Outcome::PartialSuccess => "PARTIAL_SUCCESS",
            Outcome::Other => "other (unknown to this panel)",
        }
    }
}

#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct ValidationStep {
    pub validation_step: String,
    pub status: Outcome,
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
    pub result_code: Outcome,
    #[serde(default)]
    pub details: Option<Vec<ValidationStep>>,
}

/// A delivery's status.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum JobStatus {
    Pending,
    Retry,
    Success,
    Failed,
    #[serde(other, skip_serializing)]
    Other,
}

impl JobStatus {
    pub fn label(self) -> &'static str {
        match self {
            JobStatus::Pending => "PENDING",
            JobStatus::Retry => "RETRY",
            JobStatus::Success => "SUCCESS",
            JobStatus::Failed => "FAILED",
            JobStatus::Other => "other (unknown to this panel)",
        }
    }
}

#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct HistoryJob {
    pub id: String,
    pub status: JobStatus,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_fields_are_left_out_and_enums_are_the_spec_s_words() {
        let req = SearchWebhooks {
            record_size: 20,
            sort_options: Some(SortOptions {
                field_name: SortField::Modified,
                order: Order::Asc,
            }),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(&req).unwrap(),
            serde_json::json!({"record_offset": 0, "record_size": 20,
                "sort_options": {"field_name": "MODIFIED", "order": "ASC"}})
        );
        let auth = AuthenticationInput::BasicAuth {
            username: "u".into(),
            password: "p".into(),
        };
        assert_eq!(
            serde_json::to_value(&auth).unwrap(),
            serde_json::json!({"BASIC_AUTH": {"username": "u", "password": "p"}})
        );
        assert!(!format!("{auth:?}").contains('p'));
        let up = UpdateWebhook {
            id: "a b".into(),
            ..Default::default()
        };
        assert!(up.is_empty());
        assert_eq!(serde_json::to_string(&up).unwrap(), "{}");
        assert_eq!(up.path(), "/webhooks/a%20b/update");
    }

    #[test]
    fn unknown_statuses_in_answers_read_as_other() {
        let j: HistoryJob =
            serde_json::from_str(r#"{"id":"j","status":"THROTTLED","creation_time_in_millis":1}"#)
                .unwrap();
        assert_eq!(j.status, JobStatus::Other);
        let s: Status = serde_json::from_str(r#""PAUSED""#).unwrap();
        assert_eq!(s, Status::Other);
    }
}
