//! The test event (`system/communication-channels/validate`, 26.4.0.cl,
//! Beta) and the delivery history (`jobs/history/communication-channels/search`,
//! 26.4.0.cl): requests and answers.

use super::webhooks::{ChannelType, EventType};
use super::Call;
use serde::{Deserialize, Serialize};

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

/// A test event's result, or one step's.
#[derive(Deserialize, Serialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Outcome {
    Success,
    Failed,
    PartialSuccess,
    #[serde(other, skip_serializing)]
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

/// Written with `http_status` and `error_message` as null when unset.
#[derive(Deserialize, Serialize, Clone, Debug, PartialEq)]
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
    fn a_test_event_s_result_writes_what_it_reads() {
        let text = r#"{"validation_step":"HTTP_CONNECTION_CHECK","status":"FAILED","http_status":500,"error_message":null}"#;
        let step: ValidationStep = serde_json::from_str(text).unwrap();
        assert_eq!(step.status, Outcome::Failed);
        assert_eq!(serde_json::to_string(&step).unwrap(), text);
        assert_eq!(
            serde_json::to_string(&Outcome::PartialSuccess).unwrap(),
            r#""PARTIAL_SUCCESS""#
        );
        assert!(serde_json::to_string(&Outcome::Other).is_err());
    }
}
