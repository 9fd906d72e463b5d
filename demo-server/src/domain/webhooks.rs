//! The webhook endpoints (`webhooks/create`, `search`, `{id}/update`,
//! `delete`): at most one LIVEBOARD_SCHEDULE webhook per Org, unique names,
//! the Org from the token, and only the fields sent change on update.

use crate::access::Scope;
use crate::domain::cluster::Cluster;
use crate::domain::vocab::EventType;
use crate::domain::webhook::{Webhook, WebhookAnswer};
use crate::domain::webhook_input::{check_fields, WebhookInput};
use crate::refusal::Refusal;
use serde::{Deserialize, Serialize};
use ts_wire::{DeleteFailure, Order, Pagination, SortField, SortOptions, Status};

const ONE_PER_ORG: &str = "Only one LIVEBOARD_SCHEDULE webhook is allowed per Org.";
pub const NOT_FOUND: &str = "Webhook with the specified identifier was not found.";

/// The body of `webhooks/search`. Not the wire crate's `SearchWebhooks`: the
/// spec lets the page bounds be left out (0 and 50) or negative (refused here
/// with a message of the cluster's own), and `event_type` may be one only a
/// newer server knows.
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

/// One page of `webhooks/search`.
#[derive(Serialize, Debug)]
pub struct WebhookPage {
    pub webhooks: Vec<WebhookAnswer>,
    pub pagination: Pagination,
}

/// What `webhooks/delete` answers.
#[derive(Serialize, Debug)]
pub struct Deleted {
    pub deleted_count: usize,
    pub failed_count: usize,
    pub deleted_webhooks: Vec<WebhookAnswer>,
    pub failed_webhooks: Vec<DeleteFailure>,
}

/// The one who changes a webhook, and when.
pub struct Change<'a> {
    pub user: &'a str,
    pub now_ms: u64,
}

impl Cluster {
    /// A webhook as the API answers it, with its Org's name.
    pub fn webhook_answer(&self, w: &Webhook) -> WebhookAnswer {
        w.answer(self.org_name(w.org_id))
    }

    /// A webhook by id, or else by name.
    pub fn find_webhook(&self, ident: &str) -> Option<usize> {
        self.webhooks
            .iter()
            .position(|w| w.id == ident)
            .or_else(|| self.webhooks.iter().position(|w| w.name == ident))
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
                return Err(Refusal::bad(format!(
                    "A webhook named {name:?} already exists."
                )));
            }
        }
        let schedules = |events: &[EventType]| events.contains(&EventType::LIVEBOARD_SCHEDULE);
        if events.is_some_and(schedules)
            && others().any(|w| w.org_id == org_id && schedules(&w.events))
        {
            return Err(Refusal::bad(ONE_PER_ORG));
        }
        Ok(())
    }

    /// Creates a webhook in the caller's Org.
    pub fn create_webhook(
        &mut self,
        input: WebhookInput,
        org_id: i32,
        by: Change,
        id: String,
    ) -> Result<WebhookAnswer, Refusal> {
        let (Some(name), Some(url), Some(events)) = (&input.name, &input.url, &input.events) else {
            return Err(Refusal::bad("name, url and events are required."));
        };
        let authentication = check_fields(&input)?;
        self.check_clashes(None, org_id, Some(name), Some(events))?;
        let w = Webhook {
            id,
            name: name.clone(),
            description: input.description.clone(),
            org_id,
            url: url.clone(),
            url_params: input.url_params.clone(),
            events: events.clone(),
            authentication,
            signature_verification: input.signature_verification.clone(),
            additional_headers: input.additional_headers.clone(),
            status: input.status,
            created_ms: by.now_ms,
            modified_ms: by.now_ms,
            created_by: by.user.into(),
            modified_by: by.user.into(),
        };
        let resp = self.webhook_answer(&w);
        self.webhooks.push(w);
        Ok(resp)
    }

    /// Updates only the fields sent; `reset_options` clears whole sections.
    pub fn update_webhook(
        &mut self,
        ident: &str,
        input: WebhookInput,
        by: Change,
        scope: Scope,
    ) -> Result<(), Refusal> {
        let idx = self
            .find_webhook(ident)
            .ok_or_else(|| Refusal::bad(NOT_FOUND))?;
        scope.check_org(self.webhooks[idx].org_id)?;
        let authentication = check_fields(&input)?;
        let org_id = self.webhooks[idx].org_id;
        self.check_clashes(
            Some(idx),
            org_id,
            input.name.as_deref(),
            input.events.as_deref(),
        )?;
        let w = &mut self.webhooks[idx];
        input.write_to(w, authentication);
        w.modified_ms = by.now_ms;
        w.modified_by = by.user.into();
        Ok(())
    }

    /// Without `org_identifier`: every Org's webhooks from the Primary Org, the
    /// token's Org's only from another Org.
    pub fn search_webhooks(&self, req: &SearchInput, scope: Scope) -> Result<WebhookPage, Refusal> {
        let org = match &req.org_identifier {
            Some(i) => {
                let id = self
                    .find_org(i)
                    .map(|idx| self.orgs[idx].id)
                    .ok_or_else(|| Refusal::bad("org_identifier does not match a known org."))?;
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
                    .is_none_or(|s| w.status.unwrap_or(Status::Enabled) == s)
            })
            .collect();
        sort(&mut list, req.sort_options.unwrap_or_default());
        let offset = req.record_offset.unwrap_or(0);
        let size = req.record_size.unwrap_or(50);
        if offset < 0 || size < 0 {
            return Err(Refusal::bad(
                "record_offset and record_size must not be negative.",
            ));
        }
        let total = list.len();
        let page: Vec<WebhookAnswer> = list
            .into_iter()
            .skip(offset as usize)
            .take(size as usize)
            .map(|w| self.webhook_answer(w))
            .collect();
        let has_more = (offset as usize).saturating_add(page.len()) < total;
        let pagination = Pagination {
            record_offset: offset,
            record_size: size,
            total_count: total as i64,
            has_more,
        };
        Ok(WebhookPage {
            webhooks: page,
            pagination,
        })
    }

    /// Deletes the webhooks named, and their test events; unknown names are
    /// reported as failures. A webhook outside the token's Org refuses the
    /// whole request. (Scheduled deliveries exist only for existing webhooks.)
    pub fn delete_webhooks(&mut self, idents: &[String], scope: Scope) -> Result<Deleted, Refusal> {
        if idents.is_empty() {
            return Err(Refusal::bad(
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
                    deleted.push(self.webhook_answer(&w));
                }
                None => failed.push(DeleteFailure {
                    id: ident.clone(),
                    name: ident.clone(),
                    error: "No such webhook.".into(),
                }),
            }
        }
        Ok(Deleted {
            deleted_count: deleted.len(),
            failed_count: failed.len(),
            deleted_webhooks: deleted,
            failed_webhooks: failed,
        })
    }
}

/// Sorts a search's webhooks: by creation or modification (then id), or by
/// name regardless of case; DESC reverses.
fn sort(list: &mut [&Webhook], by: SortOptions) {
    list.sort_by(|a, b| match by.field_name {
        SortField::Created => a.created_ms.cmp(&b.created_ms).then(a.id.cmp(&b.id)),
        SortField::Modified => a.modified_ms.cmp(&b.modified_ms).then(a.id.cmp(&b.id)),
        SortField::Name => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
    });
    if by.order == Order::Desc {
        list.reverse();
    }
}
