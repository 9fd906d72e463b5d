//! The test event (`system/communication-channels/validate`) and the delivery
//! history (`jobs/history/communication-channels/search`). The history holds
//! the test events (stored as [`Job`]s) and the scheduled deliveries (worked
//! out when asked for, see `deliveries.rs`).

use crate::access::Scope;
use crate::domain::cluster::Cluster;
use crate::domain::deliveries::{self, Window};
use crate::domain::history::{HistoryAnswer, Record};
use crate::domain::vocab::EventType;
use crate::domain::webhook::{Job, Webhook};
use crate::refusal::Refusal;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_wire::{ChannelType, JobStatus, Outcome, ValidationStep};

const CHANNEL_NOT_FOUND: &str = "Webhook with the specified channel_identifier was not found.";

/// The body of `validate`. Not the wire crate's `ValidateChannel`: a newer
/// server takes its event types here too (the answer is the same).
#[derive(Deserialize, Debug)]
pub struct ValidateInput {
    pub channel_type: ChannelType,
    pub channel_identifier: String,
    pub event_type: EventType,
}

/// A step of the test event: the panel's `ValidationStep` and the storage
/// check's details, null for a direct URL.
#[derive(Serialize, Debug)]
pub struct StepAnswer {
    #[serde(flatten)]
    pub step: ValidationStep,
    pub aws_s3_info: Option<Value>,
}

/// What `validate` answers (`CommunicationChannelValidateResponse`). Not the
/// wire crate's `Validation`, which reads neither the channel type nor the
/// event type, nor a step's storage details.
#[derive(Serialize, Debug)]
pub struct ValidationAnswer {
    pub channel_type: ChannelType,
    pub channel_id: String,
    pub channel_name: String,
    pub event_type: ts_wire::EventType,
    pub job_id: String,
    pub result_code: Outcome,
    pub details: Vec<StepAnswer>,
}

/// An entry of `events`: a newer server's event types are taken (and have no
/// deliveries), so not the wire crate's `HistoryEvent`.
#[derive(Deserialize, Debug)]
pub struct HistoryEventInput {
    #[serde(rename = "type")]
    pub kind: EventType,
    pub identifier: Option<String>,
}

/// The body of the history search; not the wire crate's `HistoryRequest`
/// for its `events` (see [`HistoryEventInput`]).
#[derive(Deserialize, Debug)]
pub struct HistoryInput {
    pub channel_type: ChannelType,
    pub job_ids: Option<Vec<String>>,
    pub channel_identifiers: Option<Vec<String>>,
    pub channel_status: Option<JobStatus>,
    pub events: Option<Vec<HistoryEventInput>>,
    pub start_epoch_time_in_millis: Option<f64>,
    pub end_epoch_time_in_millis: Option<f64>,
}

/// A test event as a record of the history.
fn test_event(j: &Job) -> Record {
    Record {
        id: j.id.clone(),
        status: j.status,
        creation_ms: j.creation_time_in_millis,
        event_id: j.event_id.clone(),
        event_name: None,
        run_id: None,
        recipients: None,
        detail: j.detail.clone(),
        try_count: j.try_count,
    }
}

/// A test event, sent to `w` now with the job id `job_id`, and what it did.
fn test_job(w: &Webhook, fails: bool, now_ms: u64, job_id: String) -> (Job, StepAnswer) {
    let (status, outcome, http, error) = if fails {
        let error = "The receiver answered HTTP 500 Internal Server Error.";
        (JobStatus::Failed, Outcome::Failed, 500, Some(error))
    } else {
        (JobStatus::Success, Outcome::Success, 200, None)
    };
    let job = Job {
        id: job_id,
        status,
        creation_time_in_millis: now_ms,
        webhook_id: w.id.clone(),
        org_id: w.org_id,
        event_id: format!("validation-{}", w.id),
        detail: error.unwrap_or("HTTP 200").into(),
        try_count: 1,
    };
    let step = ValidationStep {
        validation_step: "HTTP_CONNECTION_CHECK".into(),
        status: outcome,
        http_status: Some(http),
        error_message: error.map(str::to_string),
    };
    let step = StepAnswer {
        step,
        aws_s3_info: None,
    };
    (job, step)
}

impl Cluster {
    /// Sends a test event: the receiver "fails" when `failing` is set or its URL
    /// contains `fail`; the attempt is recorded in the delivery history.
    pub fn validate_webhook(
        &mut self,
        ident: &str,
        failing: bool,
        now_ms: u64,
        job_id: String,
        scope: Scope,
    ) -> Result<ValidationAnswer, Refusal> {
        let idx = self
            .find_webhook(ident)
            .ok_or_else(|| Refusal::bad(CHANNEL_NOT_FOUND))?;
        let w = self.webhooks[idx].clone();
        scope.check_org(w.org_id)?;
        let fails = failing || w.url.contains("fail");
        let (job, step) = test_job(&w, fails, now_ms, job_id.clone());
        self.jobs.push(job);
        Ok(ValidationAnswer {
            channel_type: ChannelType::Webhook,
            channel_id: w.id,
            channel_name: w.name,
            event_type: ts_wire::EventType::LiveboardSchedule,
            job_id,
            result_code: step.step.status,
            details: vec![step],
        })
    }

    /// `jobs/history/communication-channels/search` with the spec's rules: with
    /// `job_ids` every other filter is ignored; otherwise `channel_identifiers`
    /// and `events` are required; for WEBHOOK each array holds at most one element.
    /// A job or webhook of an Org outside the token's scope is refused.
    ///
    /// The answer holds the test events and the scheduled deliveries of the
    /// webhook, newest first, filtered by `channel_status`, the event's type
    /// and Liveboard (`events[0].identifier`, an id or a name),
    /// `start_epoch_time_in_millis` (inclusive) and `end_epoch_time_in_millis`
    /// (exclusive). Records 3 days old or older are never returned (the
    /// retention, see `deliveries.rs`), so a 7-day window answers the last 3
    /// days. An unknown webhook, or a deleted one, has an empty history.
    ///
    /// `failing_deliveries` names Orgs (id or name) whose recent deliveries
    /// fail besides the seed's; names matching no Org are ignored.
    pub fn channel_history(
        &self,
        req: &HistoryInput,
        scope: Scope,
        now_ms: u64,
        failing_deliveries: &[String],
    ) -> Result<HistoryAnswer, Refusal> {
        for (name, len) in [
            ("job_ids", req.job_ids.as_ref().map_or(0, Vec::len)),
            (
                "channel_identifiers",
                req.channel_identifiers.as_ref().map_or(0, Vec::len),
            ),
            ("events", req.events.as_ref().map_or(0, Vec::len)),
        ] {
            if len > 1 {
                return Err(Refusal::bad(format!(
                    "For WEBHOOK, {name} takes at most one element."
                )));
            }
        }
        let failing = self.failing_orgs(failing_deliveries);
        let kept = Window::kept(now_ms);
        let mut records = match req.job_ids.as_ref().and_then(|j| j.first()) {
            Some(id) => self.history_of_job(id, kept, &failing, scope)?,
            None => self.history_of_webhook(req, kept, &failing, scope)?,
        };
        // Stable: test events sent in the same millisecond keep their order.
        records.sort_by_key(|r| std::cmp::Reverse(r.creation_ms));
        Ok(HistoryAnswer {
            jobs: records.iter().map(Record::answer).collect(),
        })
    }

    /// The Orgs whose deliveries fail: the seed's, and those named (an id or a
    /// name; names matching no Org are ignored).
    fn failing_orgs(&self, named: &[String]) -> Vec<i32> {
        let named = named
            .iter()
            .filter_map(|o| self.find_org(o))
            .map(|i| self.orgs[i].id);
        self.deliveries
            .failing_orgs
            .iter()
            .copied()
            .chain(named)
            .collect()
    }

    /// The records with this job id, still kept: a scheduled delivery and the
    /// test events.
    fn history_of_job(
        &self,
        id: &str,
        kept: Window,
        failing: &[i32],
        scope: Scope,
    ) -> Result<Vec<Record>, Refusal> {
        let mut records = Vec::new();
        let delivery = deliveries::parse_job_id(id).and_then(|(t, hook)| {
            let w = self.webhooks.iter().find(|w| w.id == hook)?;
            Some((w.org_id, self.deliveries.delivery_at(w, t, kept, failing)?))
        });
        if let Some((org_id, record)) = delivery {
            scope.check_org(org_id)?;
            records.push(record);
        }
        for j in self.jobs.iter().rev().filter(|j| j.id == id) {
            scope.check_org(j.org_id)?;
            if kept.contains(j.creation_time_in_millis) {
                records.push(test_event(j));
            }
        }
        Ok(records)
    }

    /// The records of the webhook and event the request names, in its window
    /// and with its status.
    fn history_of_webhook(
        &self,
        req: &HistoryInput,
        kept: Window,
        failing: &[i32],
        scope: Scope,
    ) -> Result<Vec<Record>, Refusal> {
        let (Some(ident), Some(event)) = (
            req.channel_identifiers.as_ref().and_then(|c| c.first()),
            req.events.as_ref().and_then(|e| e.first()),
        ) else {
            return Err(Refusal::bad(
                "Without job_ids, channel_identifiers and events are required.",
            ));
        };
        let Some(w) = self.find_webhook(ident).map(|i| &self.webhooks[i]) else {
            return Ok(Vec::new());
        };
        scope.check_org(w.org_id)?;
        if event.kind != EventType::LIVEBOARD_SCHEDULE {
            return Ok(Vec::new());
        }
        let window = kept.within(req.start_epoch_time_in_millis, req.end_epoch_time_in_millis);
        let liveboard = event.identifier.as_deref();
        let mut records: Vec<Record> = self
            .jobs
            .iter()
            .rev()
            .filter(|j| j.webhook_id == w.id)
            .filter(|j| window.contains(j.creation_time_in_millis))
            .filter(|j| liveboard.is_none_or(|l| j.event_id == l))
            .map(test_event)
            .collect();
        records.extend(self.deliveries.deliveries(w, window, liveboard, failing));
        records.retain(|r| req.channel_status.is_none_or(|s| r.status == s));
        Ok(records)
    }
}
