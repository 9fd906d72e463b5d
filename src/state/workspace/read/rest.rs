//! What the load reads beside the preference answer: `orgs/search` and the
//! webhooks, and how they are added to a Snapshot.

use super::when;
use crate::api::wire::{OrgResponse, OrgsRequest, SearchWebhooks, Webhook};
use crate::api::ApiError;
use crate::model::prefs::{OrgWebhook, Snapshot};
use crate::model::webhook::WebhookForm;
use crate::state::session::Conn;
use std::collections::BTreeMap;

/// Each Org's LIVEBOARD_SCHEDULE webhook, by Org id.
pub(super) fn schedule_webhooks(list: &[Webhook]) -> BTreeMap<String, OrgWebhook> {
    list.iter()
        .filter(|w| w.is_schedule())
        .filter_map(|w| {
            let org = w.org.as_ref()?.id.clone();
            Some((
                org,
                OrgWebhook {
                    id: w.id.clone(),
                    name: w.name.clone(),
                    form: WebhookForm::from_webhook(w),
                },
            ))
        })
        .collect()
}

/// Every LIVEBOARD_SCHEDULE webhook the token may see, page after page.
pub(super) async fn all_schedule_webhooks(conn: &Conn) -> Result<Vec<Webhook>, ApiError> {
    let mut all = Vec::new();
    // A server that kept answering "more" would otherwise be read forever.
    for _ in 0..MAX_PAGES {
        let page = conn
            .call(&SearchWebhooks {
                event_type: Some(Default::default()),
                record_offset: all.len() as u32,
                record_size: 200,
                ..Default::default()
            })
            .await?;
        let n = page.webhooks.len();
        all.extend(page.webhooks);
        if !page.pagination.has_more || n == 0 {
            break;
        }
    }
    Ok(all)
}

/// Pages of 200 webhooks read at most (40,000 webhooks: far above one per Org).
const MAX_PAGES: usize = 200;

/// What `orgs/search` and the webhook list add to the preference answer: the
/// Orgs the search leaves out (and which are inactive), and each Org's
/// webhook (for the warnings). `None`: not read (no right, or not readable).
pub(super) struct Rest {
    orgs: Option<Vec<OrgResponse>>,
    webhooks: Option<BTreeMap<String, OrgWebhook>>,
}

impl Rest {
    /// The two answers, or the error that must stop the load: listing Orgs
    /// is optional (without the right, what the search sent is shown), and
    /// the webhooks only feed the warnings (unreadable means "not known"),
    /// except for an expired token.
    pub(super) fn of(
        orgs: Option<Result<Vec<OrgResponse>, ApiError>>,
        hooks: Option<Result<Vec<Webhook>, ApiError>>,
    ) -> Result<Rest, ApiError> {
        let orgs = match orgs {
            Some(Ok(o)) => Some(o),
            Some(Err(e)) if e.needs_new_token() => return Err(e),
            _ => None,
        };
        let webhooks = match hooks {
            Some(Ok(list)) => Some(schedule_webhooks(&list)),
            Some(Err(e)) if e.needs_new_token() => return Err(e),
            _ => None,
        };
        Ok(Rest { orgs, webhooks })
    }

    /// Adds what it says to a Snapshot of the preference answer (replacing
    /// what an earlier read lent it meanwhile, `Snapshot::lend`).
    pub(super) fn apply(self, snapshot: &mut Snapshot) {
        match self.orgs {
            Some(orgs) => snapshot.add_orgs(orgs),
            None => snapshot.orgs.iter_mut().for_each(|o| o.inactive = false),
        }
        match self.webhooks {
            Some(w) => snapshot.set_webhooks(w),
            None => snapshot.forget_webhooks(),
        }
    }
}

/// `orgs/search` and the webhooks, as far as the session's rights allow.
pub(super) async fn rest(conn: &Conn) -> Result<Rest, ApiError> {
    let access = conn.connection.access;
    let (orgs, hooks) = futures_util::future::join(
        when(access.org_list, conn.call(&OrgsRequest::default())),
        when(access.webhooks, all_schedule_webhooks(conn)),
    )
    .await;
    Rest::of(orgs, hooks)
}
