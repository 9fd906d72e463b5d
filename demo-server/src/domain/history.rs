//! A record of the delivery history (a scheduled delivery or a test event),
//! and how `jobs/history/communication-channels/search` answers it
//! (`ChannelHistoryJob`).

use serde::Serialize;
use ts_wire::{EventType, JobStatus};

/// One record of the delivery history: a scheduled delivery or a test event.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub id: String,
    pub status: JobStatus,
    pub creation_ms: u64,
    pub event_id: String,
    pub event_name: Option<String>,
    pub run_id: Option<String>,
    pub recipients: Option<Vec<Recipient>>,
    pub detail: String,
    pub try_count: u32,
}

/// Who a delivery went to (`JobRecipient`); the demo's are the webhooks, as
/// EXTERNAL recipients with no email.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Recipient {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub id: String,
    pub name: String,
    pub email: Option<String>,
}

/// The event a record delivered (`ChannelHistoryEventInfo`): always a
/// LIVEBOARD_SCHEDULE; null `name` and `run_id` for a test event.
#[derive(Serialize, Debug, PartialEq)]
pub struct JobEvent {
    #[serde(rename = "type")]
    pub kind: EventType,
    pub id: String,
    pub name: Option<String>,
    pub run_id: Option<String>,
}

/// A record as the API answers it. Not the wire crate's `HistoryJob`, which
/// reads only the status, time, detail and tries (times as JavaScript
/// numbers): here is all the spec has, times as its integers, and null
/// `recipients` for a test event.
#[derive(Serialize, Debug, PartialEq)]
pub struct JobAnswer {
    pub id: String,
    pub status: JobStatus,
    pub creation_time_in_millis: u64,
    pub event: JobEvent,
    pub recipients: Option<Vec<Recipient>>,
    pub detail: String,
    pub try_count: u32,
}

/// What `jobs/history/communication-channels/search` answers.
#[derive(Serialize, Debug, Default)]
pub struct HistoryAnswer {
    pub jobs: Vec<JobAnswer>,
}

impl Record {
    /// The record as a `ChannelHistoryJob`.
    pub fn answer(&self) -> JobAnswer {
        JobAnswer {
            id: self.id.clone(),
            status: self.status,
            creation_time_in_millis: self.creation_ms,
            event: JobEvent {
                kind: EventType::LiveboardSchedule,
                id: self.event_id.clone(),
                name: self.event_name.clone(),
                run_id: self.run_id.clone(),
            },
            recipients: self.recipients.clone(),
            detail: self.detail.clone(),
            try_count: self.try_count,
        }
    }
}
