//! Webhooks, the test event (`system/communication-channels/validate`) and the
//! delivery history (`jobs/history/communication-channels/search`), written from
//! the REST v2 spec. Secrets are kept, and answered as `***`. The history holds
//! the test events (stored as [`Job`]s) and the scheduled deliveries (worked out
//! when asked for, see `deliveries.rs`).

use crate::access::Scope;
use crate::cluster::{Cluster, EventType, Refusal};
use crate::deliveries::{self, Record, Window};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

pub const REDACTED: &str = "***";

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ApiKey {
    pub key: String,
    pub value: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct BasicAuth {
    pub username: String,
    pub password: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct OAuth2 {
    pub authorization_url: String,
    pub client_id: String,
    pub client_secret: String,
}

/// Keyed by type; exactly one is set.
#[allow(non_snake_case)]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Authentication {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub API_KEY: Option<ApiKey>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub BASIC_AUTH: Option<BasicAuth>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub BEARER_TOKEN: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub OAUTH2: Option<OAuth2>,
}

#[allow(clippy::upper_case_acronyms, non_camel_case_types)]
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
pub enum SignatureType {
    HMAC_SHA256,
}

#[allow(clippy::upper_case_acronyms)]
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
pub enum Algorithm {
    SHA256,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Signature {
    #[serde(rename = "type")]
    pub kind: SignatureType,
    pub header: String,
    pub algorithm: Algorithm,
    pub secret: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Header {
    pub key: String,
    pub value: String,
}

#[allow(clippy::upper_case_acronyms)]
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
pub enum Status {
    ENABLED,
    DISABLED,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Webhook {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub org_id: i32,
    pub url: String,
    pub url_params: Option<Value>,
    pub events: Vec<EventType>,
    pub authentication: Option<Authentication>,
    pub signature_verification: Option<Signature>,
    pub additional_headers: Option<Vec<Header>>,
    pub status: Option<Status>,
    pub created_ms: u64,
    pub modified_ms: u64,
    pub created_by: String,
    pub modified_by: String,
}

/// The fields of create and update (all optional here; create checks the required ones).
#[derive(Deserialize, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct WebhookInput {
    pub name: Option<String>,
    pub description: Option<String>,
    pub url: Option<String>,
    pub url_params: Option<Value>,
    pub events: Option<Vec<EventType>>,
    pub authentication: Option<Authentication>,
    pub signature_verification: Option<Signature>,
    pub storage_destination: Option<Value>,
    pub additional_headers: Option<Vec<Header>>,
    pub status: Option<Status>,
    pub reset_options: Option<Vec<ResetOption>>,
}

#[allow(clippy::upper_case_acronyms, non_camel_case_types)]
#[derive(Deserialize, Debug, Clone, Copy, PartialEq)]
pub enum ResetOption {
    AUTHENTICATION,
    SIGNATURE_VERIFICATION,
    STORAGE_DESTINATION,
}

#[allow(clippy::upper_case_acronyms)]
#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Default)]
pub enum SortField {
    #[default]
    CREATED,
    MODIFIED,
    NAME,
}

#[allow(clippy::upper_case_acronyms)]
#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Default)]
pub enum Order {
    ASC,
    #[default]
    DESC,
}

#[derive(Deserialize, Debug, Default)]
pub struct SortOptions {
    pub field_name: Option<SortField>,
    pub order: Option<Order>,
}

#[derive(Deserialize, Debug, Default)]
pub struct SearchInput {
    pub org_identifier: Option<String>,
    pub webhook_identifier: Option<String>,
    pub event_type: Option<EventType>,
    pub record_offset: Option<i64>,
    pub record_size: Option<i64>,
    pub sort_options: Option<SortOptions>,
    pub status: Option<Status>,
}

#[allow(clippy::upper_case_acronyms)]
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq)]
pub enum JobStatus {
    PENDING,
    RETRY,
    SUCCESS,
    FAILED,
}

/// A test event sent to a webhook.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Job {
    pub id: String,
    pub status: JobStatus,
    pub creation_time_in_millis: u64,
    pub webhook_id: String,
    /// The Org of the webhook the job delivered to.
    #[serde(default)]
    pub org_id: i32,
    pub event_id: String,
    pub detail: String,
    pub try_count: u32,
}

const ONE_PER_ORG: &str = "Only one LIVEBOARD_SCHEDULE webhook is allowed per Org.";
const NOT_FOUND: &str = "Webhook with the specified identifier was not found.";
const CHANNEL_NOT_FOUND: &str = "Webhook with the specified channel_identifier was not found.";

fn bad(m: impl Into<String>) -> Refusal {
    Refusal::BadRequest(m.into())
}

fn redact(a: &Authentication) -> Authentication {
    Authentication {
        API_KEY: a.API_KEY.as_ref().map(|k| ApiKey {
            key: k.key.clone(),
            value: REDACTED.into(),
        }),
        BASIC_AUTH: a.BASIC_AUTH.as_ref().map(|b| BasicAuth {
            username: b.username.clone(),
            password: REDACTED.into(),
        }),
        BEARER_TOKEN: a.BEARER_TOKEN.as_ref().map(|_| REDACTED.into()),
        OAUTH2: a.OAUTH2.as_ref().map(|o| OAuth2 {
            authorization_url: o.authorization_url.clone(),
            client_id: o.client_id.clone(),
            client_secret: REDACTED.into(),
        }),
    }
}

/// A secret sent back as the placeholder would overwrite the real one with `***`.
fn check_secrets(input: &WebhookInput) -> Result<(), Refusal> {
    let refused = |what: &str| {
        Err(bad(format!(
            "{what} is the redacted placeholder \"***\"; send the real secret or leave the field out."
        )))
    };
    if let Some(a) = &input.authentication {
        let kinds = [
            a.API_KEY.is_some(),
            a.BASIC_AUTH.is_some(),
            a.BEARER_TOKEN.is_some(),
            a.OAUTH2.is_some(),
        ];
        if kinds.iter().filter(|k| **k).count() != 1 {
            return Err(bad(
                "authentication must set exactly one of API_KEY, BASIC_AUTH, BEARER_TOKEN, OAUTH2.",
            ));
        }
        if a.API_KEY.as_ref().is_some_and(|k| k.value == REDACTED) {
            return refused("authentication.API_KEY.value");
        }
        if a.BASIC_AUTH
            .as_ref()
            .is_some_and(|b| b.password == REDACTED)
        {
            return refused("authentication.BASIC_AUTH.password");
        }
        if a.BEARER_TOKEN.as_deref() == Some(REDACTED) {
            return refused("authentication.BEARER_TOKEN");
        }
        if a.OAUTH2
            .as_ref()
            .is_some_and(|o| o.client_secret == REDACTED)
        {
            return refused("authentication.OAUTH2.client_secret");
        }
    }
    if input
        .signature_verification
        .as_ref()
        .is_some_and(|s| s.secret == REDACTED)
    {
        return refused("signature_verification.secret");
    }
    Ok(())
}

fn valid_url(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once("://") else {
        return false;
    };
    matches!(scheme, "https" | "http")
        && !rest.is_empty()
        && !rest.starts_with('/')
        && !rest.contains(' ')
}

fn valid_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn check_fields(input: &WebhookInput) -> Result<(), Refusal> {
    if input.name.as_deref().is_some_and(|n| n.trim().is_empty()) {
        return Err(bad("name must not be empty."));
    }
    if input.url.as_deref().is_some_and(|u| !valid_url(u)) {
        return Err(bad("url must be an http(s) URL."));
    }
    if input.events.as_ref().is_some_and(Vec::is_empty) {
        return Err(bad(
            "At least one event type must be specified in the events field.",
        ));
    }
    if let Some(h) = &input.additional_headers {
        if let Some(bad_name) = h.iter().find(|h| !valid_header_name(&h.key)) {
            return Err(bad(format!(
                "additional_headers: {:?} is not a valid header name.",
                bad_name.key
            )));
        }
    }
    if let Some(s) = &input.signature_verification {
        if !valid_header_name(&s.header) || s.secret.is_empty() {
            return Err(bad(
                "signature_verification needs a header name and a secret.",
            ));
        }
    }
    check_secrets(input)
}

impl Cluster {
    fn find_webhook(&self, ident: &str) -> Option<usize> {
        self.webhooks
            .iter()
            .position(|w| w.id == ident)
            .or_else(|| self.webhooks.iter().position(|w| w.name == ident))
    }

    fn org_of(&self, id: i32) -> Value {
        json!({"id": id.to_string(), "name": self.org_name(id)})
    }

    /// Refuses what would make a webhook clash with another one (any but the
    /// one at `except`): a name taken, or a second LIVEBOARD_SCHEDULE webhook
    /// in `org_id` when `events` has that event type.
    fn check_clashes(
        &self,
        except: Option<usize>,
        org_id: i32,
        name: Option<&str>,
        events: Option<&[EventType]>,
    ) -> Result<(), Refusal> {
        let others = || {
            self.webhooks
                .iter()
                .enumerate()
                .filter(move |(i, _)| Some(*i) != except)
                .map(|(_, w)| w)
        };
        if let Some(name) = name {
            if others().any(|w| w.name == name) {
                return Err(bad(format!("A webhook named {name:?} already exists.")));
            }
        }
        let schedules = |events: &[EventType]| events.contains(&EventType::LIVEBOARD_SCHEDULE);
        if events.is_some_and(schedules)
            && others().any(|w| w.org_id == org_id && schedules(&w.events))
        {
            return Err(bad(ONE_PER_ORG));
        }
        Ok(())
    }

    /// A webhook as the API answers it: secrets redacted, `status` null when never set.
    pub fn webhook_response(&self, w: &Webhook) -> Value {
        let mut v = json!({
            "id": w.id,
            "name": w.name,
            "org": self.org_of(w.org_id),
            "url": w.url,
            "events": w.events,
            "creation_time_in_millis": w.created_ms,
            "modification_time_in_millis": w.modified_ms,
            "created_by": {"id": w.created_by, "name": w.created_by},
            "last_modified_by": {"id": w.modified_by, "name": w.modified_by},
            "status": w.status,
        });
        let m = v.as_object_mut().expect("an object");
        if let Some(d) = &w.description {
            m.insert("description".into(), json!(d));
        }
        if let Some(p) = &w.url_params {
            m.insert("url_params".into(), p.clone());
        }
        if let Some(a) = &w.authentication {
            m.insert("authentication".into(), json!(redact(a)));
        }
        if let Some(s) = &w.signature_verification {
            let mut s = s.clone();
            s.secret = REDACTED.into();
            m.insert("signature_verification".into(), json!(s));
        }
        if let Some(h) = &w.additional_headers {
            m.insert("additional_headers".into(), json!(h));
        }
        v
    }

    /// Creates a webhook in the caller's Org.
    pub fn create_webhook(
        &mut self,
        input: WebhookInput,
        org_id: i32,
        user: &str,
        now_ms: u64,
        id: String,
    ) -> Result<Value, Refusal> {
        let (Some(name), Some(url), Some(events)) = (&input.name, &input.url, &input.events) else {
            return Err(bad("name, url and events are required."));
        };
        check_fields(&input)?;
        self.check_clashes(None, org_id, Some(name), Some(events))?;
        let w = Webhook {
            id,
            name: name.clone(),
            description: input.description.clone(),
            org_id,
            url: url.clone(),
            url_params: input.url_params.clone(),
            events: events.clone(),
            authentication: input.authentication.clone(),
            signature_verification: input.signature_verification.clone(),
            additional_headers: input.additional_headers.clone(),
            status: input.status,
            created_ms: now_ms,
            modified_ms: now_ms,
            created_by: user.into(),
            modified_by: user.into(),
        };
        let resp = self.webhook_response(&w);
        self.webhooks.push(w);
        Ok(resp)
    }

    /// Updates only the fields sent; `reset_options` clears whole sections.
    pub fn update_webhook(
        &mut self,
        ident: &str,
        input: WebhookInput,
        user: &str,
        now_ms: u64,
        scope: Scope,
    ) -> Result<(), Refusal> {
        let idx = self.find_webhook(ident).ok_or_else(|| bad(NOT_FOUND))?;
        scope.check_org(self.webhooks[idx].org_id)?;
        check_fields(&input)?;
        let org_id = self.webhooks[idx].org_id;
        self.check_clashes(
            Some(idx),
            org_id,
            input.name.as_deref(),
            input.events.as_deref(),
        )?;
        let w = &mut self.webhooks[idx];
        for r in input.reset_options.iter().flatten() {
            match r {
                ResetOption::AUTHENTICATION => w.authentication = None,
                ResetOption::SIGNATURE_VERIFICATION => w.signature_verification = None,
                ResetOption::STORAGE_DESTINATION => {}
            }
        }
        if let Some(v) = input.name {
            w.name = v;
        }
        if let Some(v) = input.description {
            w.description = Some(v);
        }
        if let Some(v) = input.url {
            w.url = v;
        }
        if let Some(v) = input.url_params {
            w.url_params = Some(v);
        }
        if let Some(v) = input.events {
            w.events = v;
        }
        if let Some(v) = input.authentication {
            w.authentication = Some(v);
        }
        if let Some(v) = input.signature_verification {
            w.signature_verification = Some(v);
        }
        if let Some(v) = input.additional_headers {
            w.additional_headers = Some(v);
        }
        if let Some(v) = input.status {
            w.status = Some(v);
        }
        w.modified_ms = now_ms;
        w.modified_by = user.into();
        Ok(())
    }

    /// Without `org_identifier`: every Org's webhooks from the Primary Org, the
    /// token's Org's only from another Org.
    pub fn search_webhooks(&self, req: &SearchInput, scope: Scope) -> Result<Value, Refusal> {
        let org = match &req.org_identifier {
            Some(i) => {
                let id = self
                    .find_org(i)
                    .map(|idx| self.orgs[idx].id)
                    .ok_or_else(|| bad("org_identifier does not match a known org."))?;
                scope.check_org(id)?;
                Some(id)
            }
            None => scope.only(),
        };
        let mut list: Vec<&Webhook> = self
            .webhooks
            .iter()
            .filter(|w| org.is_none_or(|o| w.org_id == o))
            .filter(|w| {
                req.webhook_identifier
                    .as_deref()
                    .is_none_or(|i| w.id == i || w.name == i)
            })
            .filter(|w| req.event_type.is_none_or(|e| w.events.contains(&e)))
            .filter(|w| {
                req.status
                    .is_none_or(|s| w.status.unwrap_or(Status::ENABLED) == s)
            })
            .collect();
        let sort = req.sort_options.as_ref();
        let field = sort.and_then(|s| s.field_name).unwrap_or_default();
        list.sort_by(|a, b| match field {
            SortField::CREATED => a.created_ms.cmp(&b.created_ms).then(a.id.cmp(&b.id)),
            SortField::MODIFIED => a.modified_ms.cmp(&b.modified_ms).then(a.id.cmp(&b.id)),
            SortField::NAME => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
        });
        if sort.and_then(|s| s.order).unwrap_or_default() == Order::DESC {
            list.reverse();
        }
        let offset = req.record_offset.unwrap_or(0);
        let size = req.record_size.unwrap_or(50);
        if offset < 0 || size < 0 {
            return Err(bad("record_offset and record_size must not be negative."));
        }
        let total = list.len();
        let page: Vec<Value> = list
            .into_iter()
            .skip(offset as usize)
            .take(size as usize)
            .map(|w| self.webhook_response(w))
            .collect();
        let has_more = (offset as usize).saturating_add(page.len()) < total;
        Ok(json!({
            "webhooks": page,
            "pagination": {"record_offset": offset, "record_size": size, "total_count": total, "has_more": has_more}
        }))
    }

    /// Deletes the webhooks named, and their test events; unknown names are
    /// reported as failures. A webhook outside the token's Org refuses the
    /// whole request. (Scheduled deliveries exist only for existing webhooks.)
    pub fn delete_webhooks(&mut self, idents: &[String], scope: Scope) -> Result<Value, Refusal> {
        if idents.is_empty() {
            return Err(bad(
                "webhook_identifiers must contain at least one identifier.",
            ));
        }
        for ident in idents {
            if let Some(i) = self.find_webhook(ident) {
                scope.check_org(self.webhooks[i].org_id)?;
            }
        }
        let mut deleted = Vec::new();
        let mut failed = Vec::new();
        for ident in idents {
            match self.find_webhook(ident) {
                Some(i) => {
                    let w = self.webhooks.remove(i);
                    self.jobs.retain(|j| j.webhook_id != w.id);
                    deleted.push(self.webhook_response(&w));
                }
                None => {
                    failed.push(json!({"id": ident, "name": ident, "error": "No such webhook."}))
                }
            }
        }
        Ok(json!({
            "deleted_count": deleted.len(),
            "failed_count": failed.len(),
            "deleted_webhooks": deleted,
            "failed_webhooks": failed,
        }))
    }

    /// Sends a test event: the receiver "fails" when `failing` is set or its URL
    /// contains `fail`; the attempt is recorded in the delivery history.
    pub fn validate_webhook(
        &mut self,
        ident: &str,
        failing: bool,
        now_ms: u64,
        job_id: String,
        scope: Scope,
    ) -> Result<Value, Refusal> {
        let idx = self
            .find_webhook(ident)
            .ok_or_else(|| bad(CHANNEL_NOT_FOUND))?;
        let w = self.webhooks[idx].clone();
        scope.check_org(w.org_id)?;
        let fails = failing || w.url.contains("fail");
        let (status, http, error) = if fails {
            (
                JobStatus::FAILED,
                500,
                Some("The receiver answered HTTP 500 Internal Server Error."),
            )
        } else {
            (JobStatus::SUCCESS, 200, None)
        };
        self.jobs.push(Job {
            id: job_id.clone(),
            status,
            creation_time_in_millis: now_ms,
            webhook_id: w.id.clone(),
            org_id: w.org_id,
            event_id: format!("validation-{}", w.id),
            detail: error
                .map(str::to_string)
                .unwrap_or_else(|| "HTTP 200".into()),
            try_count: 1,
        });
        Ok(json!({
            "channel_type": "WEBHOOK",
            "channel_id": w.id,
            "channel_name": w.name,
            "event_type": "LIVEBOARD_SCHEDULE",
            "job_id": job_id,
            "result_code": if fails { "FAILED" } else { "SUCCESS" },
            "details": [{
                "validation_step": "HTTP_CONNECTION_CHECK",
                "status": if fails { "FAILED" } else { "SUCCESS" },
                "http_status": http,
                "error_message": error,
                "aws_s3_info": null
            }]
        }))
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
    ) -> Result<Value, Refusal> {
        for (name, len) in [
            ("job_ids", req.job_ids.as_ref().map_or(0, Vec::len)),
            (
                "channel_identifiers",
                req.channel_identifiers.as_ref().map_or(0, Vec::len),
            ),
            ("events", req.events.as_ref().map_or(0, Vec::len)),
        ] {
            if len > 1 {
                return Err(bad(format!(
                    "For WEBHOOK, {name} takes at most one element."
                )));
            }
        }
        let schedule = &self.deliveries;
        let failing: Vec<i32> = schedule
            .failing_orgs
            .iter()
            .copied()
            .chain(
                failing_deliveries
                    .iter()
                    .filter_map(|o| self.find_org(o))
                    .map(|i| self.orgs[i].id),
            )
            .collect();
        let kept = Window::kept(now_ms);
        let mut records: Vec<Record> = Vec::new();
        match req.job_ids.as_ref().and_then(|j| j.first()) {
            Some(id) => {
                let delivery = deliveries::parse_job_id(id).and_then(|(t, hook)| {
                    let w = self.webhooks.iter().find(|w| w.id == hook)?;
                    Some((w.org_id, schedule.delivery_at(w, t, kept, &failing)?))
                });
                if let Some((org_id, record)) = delivery {
                    scope.check_org(org_id)?;
                    records.push(record);
                }
                for j in self.jobs.iter().rev().filter(|j| j.id == *id) {
                    scope.check_org(j.org_id)?;
                    if kept.contains(j.creation_time_in_millis) {
                        records.push(test_event(j));
                    }
                }
            }
            None => {
                let (Some(ident), Some(event)) = (
                    req.channel_identifiers.as_ref().and_then(|c| c.first()),
                    req.events.as_ref().and_then(|e| e.first()),
                ) else {
                    return Err(bad(
                        "Without job_ids, channel_identifiers and events are required.",
                    ));
                };
                let Some(w) = self.find_webhook(ident).map(|i| &self.webhooks[i]) else {
                    return Ok(json!({ "jobs": [] }));
                };
                scope.check_org(w.org_id)?;
                if event.kind != EventType::LIVEBOARD_SCHEDULE {
                    return Ok(json!({ "jobs": [] }));
                }
                let window =
                    kept.within(req.start_epoch_time_in_millis, req.end_epoch_time_in_millis);
                let liveboard = event.identifier.as_deref();
                records.extend(
                    self.jobs
                        .iter()
                        .rev()
                        .filter(|j| j.webhook_id == w.id)
                        .filter(|j| window.contains(j.creation_time_in_millis))
                        .filter(|j| liveboard.is_none_or(|l| j.event_id == l))
                        .map(test_event),
                );
                records.extend(schedule.deliveries(w, window, liveboard, &failing));
                records.retain(|r| req.channel_status.is_none_or(|s| r.status == s));
            }
        }
        // Stable: test events sent in the same millisecond keep their order.
        records.sort_by_key(|r| std::cmp::Reverse(r.creation_ms));
        let jobs: Vec<Value> = records.iter().map(Record::to_json).collect();
        Ok(json!({ "jobs": jobs }))
    }
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

#[derive(Deserialize, Debug)]
pub struct ValidateInput {
    pub channel_type: ChannelType,
    pub channel_identifier: String,
    pub event_type: EventType,
}

#[allow(clippy::upper_case_acronyms)]
#[derive(Deserialize, Debug, Clone, Copy, PartialEq)]
pub enum ChannelType {
    WEBHOOK,
}

#[derive(Deserialize, Debug)]
pub struct HistoryEvent {
    #[serde(rename = "type")]
    pub kind: EventType,
    pub identifier: Option<String>,
}

#[derive(Deserialize, Debug)]
pub struct HistoryInput {
    pub channel_type: ChannelType,
    pub job_ids: Option<Vec<String>>,
    pub channel_identifiers: Option<Vec<String>>,
    pub channel_status: Option<JobStatus>,
    pub events: Option<Vec<HistoryEvent>>,
    pub start_epoch_time_in_millis: Option<f64>,
    pub end_epoch_time_in_millis: Option<f64>,
}

#[derive(Deserialize, Debug)]
pub struct DeleteInput {
    pub webhook_identifiers: Vec<String>,
}
