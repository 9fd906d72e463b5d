//! Webhooks (`webhooks/*`, 10.14.0.cl): the requests, and the enums the
//! spec gives them. Secrets are write-only: the panel never sends `***` back.

use super::webhook_answers::{DeleteResult, Webhook, WebhookSearch};
pub use super::webhook_values::{KeyValue, Status};
use super::{encode_path, Call};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The event types a webhook can subscribe to.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum EventType {
    #[default]
    #[serde(rename = "LIVEBOARD_SCHEDULE")]
    LiveboardSchedule,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ChannelType {
    #[default]
    #[serde(rename = "WEBHOOK")]
    Webhook,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SortField {
    #[default]
    Created,
    Modified,
    Name,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Order {
    Asc,
    #[default]
    Desc,
}

/// Sections `update` can clear (26.7.0.cl).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ResetOption {
    Authentication,
    SignatureVerification,
    StorageDestination,
}

/// `WebhookAuthenticationInput`: one type, keyed by its name.
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq)]
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

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SignatureType {
    #[default]
    #[serde(rename = "HMAC_SHA256")]
    HmacSha256,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SignatureAlgorithm {
    #[default]
    #[serde(rename = "SHA256")]
    Sha256,
}

/// `WebhookSignatureVerificationInput`: every field is required.
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq)]
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

/// The fields `create` and `update` share, each optional.
#[derive(Serialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct WebhookFields {
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

/// `webhooks/create`: in the Org the token is scoped to.
#[derive(Serialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct CreateWebhook {
    pub name: String,
    pub url: String,
    pub events: Vec<EventType>,
    #[serde(flatten)]
    pub fields: WebhookFields,
}

impl Call for CreateWebhook {
    type Answer = Webhook;
    const PATH: &'static str = "/webhooks/create";
    const IDEMPOTENT: bool = false;
    const WRITES: bool = true;
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
    pub url: Option<String>,
    #[serde(flatten)]
    pub fields: WebhookFields,
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
    const WRITES: bool = true;
    fn path(&self) -> String {
        format!("/webhooks/{}/update", encode_path(&self.id))
    }
}

/// Both fields are nullable in the spec, with defaults (CREATED, DESC): absent
/// or null, each reads as its default.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct SortOptions {
    #[serde(default, deserialize_with = "super::or_default")]
    pub field_name: SortField,
    #[serde(default, deserialize_with = "super::or_default")]
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

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct DeleteWebhooks {
    pub webhook_identifiers: Vec<String>,
}

impl Call for DeleteWebhooks {
    type Answer = DeleteResult;
    const PATH: &'static str = "/webhooks/delete";
    const IDEMPOTENT: bool = false;
    const WRITES: bool = true;
}

#[cfg(test)]
mod tests {
    use super::super::deliveries::{HistoryJob, JobStatus};
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

    #[test]
    fn inputs_read_back_what_they_write() {
        let sig = SignatureInput {
            kind: SignatureType::HmacSha256,
            header: "X-Sig".into(),
            algorithm: SignatureAlgorithm::Sha256,
            secret: "s".into(),
        };
        let text = serde_json::to_string(&sig).unwrap();
        assert_eq!(serde_json::from_str::<SignatureInput>(&text).unwrap(), sig);
        for auth in [
            AuthenticationInput::BearerToken("t".into()),
            AuthenticationInput::ApiKey {
                key: "k".into(),
                value: "v".into(),
            },
        ] {
            let text = serde_json::to_string(&auth).unwrap();
            assert_eq!(
                serde_json::from_str::<AuthenticationInput>(&text).unwrap(),
                auth
            );
        }
        let del = DeleteWebhooks {
            webhook_identifiers: vec!["a".into()],
        };
        let text = serde_json::to_string(&del).unwrap();
        assert_eq!(serde_json::from_str::<DeleteWebhooks>(&text).unwrap(), del);
        let reset: Vec<ResetOption> =
            serde_json::from_str(r#"["AUTHENTICATION","STORAGE_DESTINATION"]"#).unwrap();
        assert_eq!(
            reset,
            [ResetOption::Authentication, ResetOption::StorageDestination]
        );
    }

    #[test]
    fn sort_options_left_out_or_null_read_as_the_spec_s_defaults() {
        for body in ["{}", r#"{"field_name":null,"order":null}"#] {
            let s: SortOptions = serde_json::from_str(body).unwrap();
            assert_eq!(s, SortOptions::default());
            assert_eq!((s.field_name, s.order), (SortField::Created, Order::Desc));
        }
        let s: SortOptions = serde_json::from_str(r#"{"field_name":"NAME"}"#).unwrap();
        assert_eq!((s.field_name, s.order), (SortField::Name, Order::Desc));
    }
}
