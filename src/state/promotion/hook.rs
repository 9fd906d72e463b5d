//! One webhook step of a promotion on B: already there as asked (done), or
//! the create (with a token scoped to its Org) or update, then read back.

use super::StepState;
use crate::api::wire::{SearchWebhooks, TokenRequest, Webhook};
use crate::api::ApiError;
use crate::model::promote::{HookKind, HookStep};
use crate::model::webhook::{
    create_request, unheld, update_request, validate, FormRules, WebhookForm,
};
use crate::state::session::Conn;

/// B's webhook for a step, as B holds it now: for an update, B's webhook by
/// id; for a create, the Org's LIVEBOARD_SCHEDULE webhook, whatever its name
/// (an Org has one at most: one there means the create landed, or someone
/// else made one).
async fn find(conn: &Conn, h: &HookStep) -> Result<Option<Webhook>, ApiError> {
    let page = conn
        .call(&SearchWebhooks {
            org_identifier: Some(h.org_id.clone()),
            event_type: Some(Default::default()),
            record_size: 200,
            ..Default::default()
        })
        .await?;
    Ok(page.webhooks.into_iter().find(|w| match &h.kind {
        HookKind::Update { webhook, .. } => &w.id == webhook,
        HookKind::Create => w.is_schedule(),
    }))
}

/// What B's webhook does not hold of the step's fields, in words (secrets aside).
fn unheld_words(w: &Webhook, h: &HookStep, rules: FormRules) -> Vec<&'static str> {
    unheld(&WebhookForm::from_webhook(w), &h.form, rules)
        .into_iter()
        .map(|f| f.noun())
        .collect()
}

/// A client for B whose token is scoped to the step's Org: B's own when it
/// is, else one from `auth/token/full` with the password given.
async fn scoped(
    conn: &Conn,
    org: &str,
    login: Option<&(String, String)>,
) -> Result<crate::api::Client, String> {
    let here = conn.connection.scope().map(|s| s.org_id.to_string());
    if here.as_deref() == Some(org) {
        return Ok(conn.connection.client.clone());
    }
    let (Some((user, password)), Ok(org_id)) = (login, org.parse::<i64>()) else {
        return Err(format!(
            "Creating a webhook in Org {org} needs a token scoped to it: give B's password above."
        ));
    };
    let req = TokenRequest {
        username: user.clone(),
        password: password.clone(),
        validity_time_in_sec: 300,
        org_id: Some(org_id),
    };
    let base = conn.connection.client.with_token(String::new());
    match base.call(&req).await {
        Ok(t) => Ok(base.with_token(t.token)),
        Err(e) => Err(format!("Signing in to Org {org} failed: {}", e.summary())),
    }
}

/// One webhook create or update, checked by reading back. B is read first:
/// a webhook already as asked is done (an earlier answer lost); a create
/// whose Org has a webhook by now, or a read that fails, sends nothing.
pub(super) async fn hook(
    conn: &Conn,
    h: &HookStep,
    secrets: (String, String),
    login: Option<&(String, String)>,
) -> StepState {
    let rules = FormRules::for_release(conn.connection.release);
    let now = match find(conn, h).await {
        Ok(now) => now,
        Err(e) => {
            return StepState::Failed(format!(
                "B's webhooks could not be read before sending ({}): nothing sent; run again.",
                e.summary()
            ))
        }
    };
    let base = match (&h.kind, &now) {
        (_, Some(w)) if unheld_words(w, h, rules).is_empty() => {
            return StepState::Done("Already on B as asked.".into())
        }
        (HookKind::Create, Some(w)) => {
            return StepState::Failed(format!(
            "Org {} on B has a webhook by now ({:?}), not as asked: nothing sent; compare again.",
            h.org_name, w.name
        ))
        }
        (HookKind::Update { .. }, None) => {
            return StepState::Failed("B's webhook is gone: nothing sent; compare again.".into())
        }
        // What B holds now is what the update changes.
        (HookKind::Update { .. }, Some(w)) => Some(WebhookForm::from_webhook(w)),
        (HookKind::Create, None) => None,
    };
    let mut form = h.form.clone();
    (form.auth_secret, form.signature_secret) = secrets;
    let problems = validate(&form, base.as_ref(), rules);
    if !problems.is_empty() {
        let list: Vec<String> = problems.into_iter().map(|p| p.message).collect();
        return StepState::Failed(list.join(" "));
    }
    let sent = match (&h.kind, &base) {
        (HookKind::Update { webhook, .. }, Some(base)) => {
            conn.call(&update_request(webhook, base, &form, rules))
                .await
        }
        _ => match scoped(conn, &h.org_id, login).await {
            Ok(client) => client.call(&create_request(&form, rules)).await.map(|_| ()),
            Err(why) => return StepState::Failed(why),
        },
    };
    if let Err(e) = sent {
        return StepState::Failed(format!("{} Run again: B is read first.", e.summary()));
    }
    match find(conn, h).await {
        Ok(Some(w)) => match unheld_words(&w, h, rules).as_slice() {
            [] => StepState::Done("Done, and read back.".into()),
            not => StepState::Failed(format!(
                "Sent, but B's webhook does not hold its {} as asked: run again.",
                not.join(", ")
            )),
        },
        Ok(None) => {
            StepState::Failed("Sent, but B does not list the webhook: run again to check.".into())
        }
        Err(e) => StepState::Failed(format!("Sent, but reading back failed: {}", e.summary())),
    }
}
