//! A webhook as the cluster keeps it (secrets in full, the Org, who made and
//! changed it, and when), and as the API answers it (`WebhookResponse`, with
//! every secret as `***`). Also the test events sent to webhooks.

use crate::domain::vocab::EventType;
use serde::Serialize;
use serde_json::Value;
use ts_wire::{AuthenticationInput, JobStatus, KeyValue, SignatureInput, Status, WebhookOrg};

/// What every secret is answered as.
pub const REDACTED: &str = "***";

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Webhook {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub org_id: i32,
    pub url: String,
    pub url_params: Option<Value>,
    pub events: Vec<EventType>,
    pub authentication: Option<AuthenticationInput>,
    pub signature_verification: Option<SignatureInput>,
    pub additional_headers: Option<Vec<KeyValue>>,
    pub status: Option<Status>,
    pub created_ms: u64,
    pub modified_ms: u64,
    pub created_by: String,
    pub modified_by: String,
}

/// A test event sent to a webhook.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Job {
    pub id: String,
    pub status: JobStatus,
    pub creation_time_in_millis: u64,
    pub webhook_id: String,
    /// The Org of the webhook the job delivered to.
    pub org_id: i32,
    pub event_id: String,
    pub detail: String,
    pub try_count: u32,
}

/// `created_by` and `last_modified_by`.
#[derive(Serialize, Debug, PartialEq)]
pub struct WebhookUser {
    pub id: String,
    pub name: String,
}

/// A webhook as the API answers it. Not the wire crate's `Webhook`, which
/// reads only what the panel shows (no creator, secrets not at all) and reads
/// times as JavaScript numbers; here times are the spec's integers and the
/// secrets' fields are there, as `***`. The authentication and the signature
/// have the shape of their inputs (`AuthenticationInput`, `SignatureInput`).
#[derive(Serialize, Debug, PartialEq)]
pub struct WebhookAnswer {
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub org: WebhookOrg,
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url_params: Option<Value>,
    pub events: Vec<EventType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authentication: Option<AuthenticationInput>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature_verification: Option<SignatureInput>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub additional_headers: Option<Vec<KeyValue>>,
    /// Null when never set (the webhook is enabled).
    pub status: Option<Status>,
    pub creation_time_in_millis: u64,
    pub modification_time_in_millis: u64,
    pub created_by: WebhookUser,
    pub last_modified_by: WebhookUser,
}

/// The authentication with its secret, and only its secret, replaced.
fn redact(a: &AuthenticationInput) -> AuthenticationInput {
    let hidden = || REDACTED.to_string();
    match a {
        AuthenticationInput::ApiKey { key, .. } => AuthenticationInput::ApiKey {
            key: key.clone(),
            value: hidden(),
        },
        AuthenticationInput::BasicAuth { username, .. } => AuthenticationInput::BasicAuth {
            username: username.clone(),
            password: hidden(),
        },
        AuthenticationInput::BearerToken(_) => AuthenticationInput::BearerToken(hidden()),
        AuthenticationInput::OAuth2 {
            authorization_url,
            client_id,
            ..
        } => AuthenticationInput::OAuth2 {
            authorization_url: authorization_url.clone(),
            client_id: client_id.clone(),
            client_secret: hidden(),
        },
    }
}

fn user(name: &str) -> WebhookUser {
    WebhookUser {
        id: name.into(),
        name: name.into(),
    }
}

impl Webhook {
    /// The webhook as the API answers it, in the Org named `org_name`: secrets
    /// redacted, `status` null when never set.
    pub fn answer(&self, org_name: String) -> WebhookAnswer {
        WebhookAnswer {
            id: self.id.clone(),
            name: self.name.clone(),
            description: self.description.clone(),
            org: WebhookOrg {
                id: self.org_id.to_string(),
                name: org_name,
            },
            url: self.url.clone(),
            url_params: self.url_params.clone(),
            events: self.events.clone(),
            authentication: self.authentication.as_ref().map(redact),
            signature_verification: self.signature_verification.clone().map(|s| SignatureInput {
                secret: REDACTED.into(),
                ..s
            }),
            additional_headers: self.additional_headers.clone(),
            status: self.status,
            creation_time_in_millis: self.created_ms,
            modification_time_in_millis: self.modified_ms,
            created_by: user(&self.created_by),
            last_modified_by: user(&self.modified_by),
        }
    }
}
