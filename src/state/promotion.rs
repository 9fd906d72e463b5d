//! Running a promotion on B: one configure call (through B's own save, so it
//! is re-read, checked, read back and kept in B's journal with where it came
//! from), then each webhook create or update, each checked by reading back.
//! It stops at the first step that fails; running it again does the rest,
//! and nothing twice: a step already done is skipped, and a webhook already
//! on B as asked (an earlier answer lost) counts as done. Creating a webhook
//! in another Org needs a token scoped to it: one password, asked once, is
//! used for those Org switches and forgotten when the run ends.

use super::cluster::Cluster;
use super::life::detach;
use super::session::Conn;
use crate::api::wire::{ConfigureRequest, SearchWebhooks, TokenRequest, Webhook};
use crate::api::ApiError;
use crate::model::draft::{diff, plan};
use crate::model::promote::{HookKind, HookStep, Promotion};
use crate::model::webhook::{create_request, update_request, validate, FormRules, WebhookForm};
use leptos::prelude::*;

/// One step of a promotion.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    Preferences { changes: usize },
    Hook(Box<HookStep>),
}

impl Step {
    pub fn describe(&self) -> String {
        match self {
            Step::Preferences { changes } => {
                format!("One configure call with {changes} preference change(s)")
            }
            Step::Hook(h) => match &h.kind {
                HookKind::Create => {
                    format!("Create webhook {:?} in Org {}", h.form.name, h.org_name)
                }
                HookKind::Update { .. } => {
                    format!("Update webhook {:?} in Org {}", h.form.name, h.org_name)
                }
            },
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum StepState {
    Pending,
    Done(String),
    Failed(String),
}

/// What the admin typed for a run: the secrets each webhook step needs (by
/// step), and the password for the Org switches. Never kept after the run.
#[derive(Clone, Default)]
pub struct Given {
    pub secrets: Vec<(String, String)>,
    pub login: Option<(String, String)>,
}

#[derive(Clone, Copy)]
pub struct Run {
    steps: RwSignal<Vec<(Step, StepState)>>,
    running: RwSignal<bool>,
    origin: StoredValue<String>,
    /// What could not be promoted, and why.
    cannot: StoredValue<Vec<String>>,
}

impl Run {
    /// A run of `plan` on `b`: its preferences go into B's Draft (which must
    /// be empty), to be reviewed there too. Owned by B: it ends with B.
    pub fn new(b: &Cluster, plan: &Promotion, origin: String) -> Result<Run, String> {
        let ws = b.workspace;
        if ws.with_draft(|d| !d.is_empty()) {
            return Err(
                "B has pending changes of its own: save or discard them on B first.".into(),
            );
        }
        let mut steps = Vec::new();
        if !plan.draft.is_empty() {
            ws.take_draft(plan.draft.clone());
            let changes = ws.with_both(|s, d| diff(s, d).len()).unwrap_or(0);
            steps.push((Step::Preferences { changes }, StepState::Pending));
        }
        steps.extend(
            plan.hooks
                .iter()
                .map(|h| (Step::Hook(Box::new(h.clone())), StepState::Pending)),
        );
        Ok(b.own(|| Run {
            steps: RwSignal::new(steps),
            running: RwSignal::new(false),
            origin: StoredValue::new(origin),
            cannot: StoredValue::new(plan.cannot.clone()),
        }))
    }

    pub fn steps(&self) -> Vec<(Step, StepState)> {
        self.steps.get()
    }

    /// Where it comes from (the other cluster's name and host).
    pub fn origin(&self) -> String {
        self.origin.get_value()
    }

    pub fn cannot(&self) -> Vec<String> {
        self.cannot.get_value()
    }

    /// No step has run yet.
    pub fn untouched(&self) -> bool {
        self.steps
            .with(|s| s.iter().all(|(_, st)| matches!(st, StepState::Pending)))
    }

    pub fn running(&self) -> bool {
        self.running.get()
    }

    /// Every step is done.
    pub fn done(&self) -> bool {
        self.steps
            .with(|s| s.iter().all(|(_, st)| matches!(st, StepState::Done(_))))
    }

    /// Runs the steps not done yet, in order, to the first that fails; it goes
    /// on whatever the view does, and a note says how it ended.
    pub fn go(&self, b: Cluster, given: Given) {
        if self.running.get_untracked() {
            return;
        }
        self.running.set(true);
        let run = *self;
        detach(async move {
            let total = run.steps.with_untracked(Vec::len);
            for i in 0..total {
                if b.life().ended() {
                    return;
                }
                let (step, state) = run.steps.with_untracked(|s| s[i].clone());
                if matches!(state, StepState::Done(_)) {
                    continue;
                }
                let now = match &step {
                    Step::Preferences { .. } => run.preferences(&b).await,
                    Step::Hook(h) => {
                        let secrets = given.secrets.get(i).cloned().unwrap_or_default();
                        hook(
                            &b.session.conn().to_the_end(),
                            h,
                            secrets,
                            given.login.as_ref(),
                        )
                        .await
                    }
                };
                if b.life().ended() {
                    return;
                }
                let failed = matches!(now, StepState::Failed(_));
                run.steps.update(|s| s[i].1 = now);
                if failed {
                    break;
                }
            }
            run.running.set(false);
            let done = run.steps.with_untracked(|s| {
                s.iter()
                    .filter(|(_, st)| matches!(st, StepState::Done(_)))
                    .count()
            });
            b.session.conn().notes().push(format!(
                "Promotion to {}: {done} of {total} step(s) done.",
                b.label()
            ));
            b.workspace.refresh_webhooks().await;
        });
    }

    /// The configure call: what is left of B's Draft, through B's own save.
    async fn preferences(&self, b: &Cluster) -> StepState {
        let ws = b.workspace;
        let body: ConfigureRequest = ws
            .with_both(|s, d| plan(s, &diff(s, d)))
            .unwrap_or_default();
        if body.is_empty() {
            return StepState::Done("B already holds these preferences.".into());
        }
        use crate::state::SaveOutcome as O;
        match ws.save_from(body, Some(self.origin.get_value())).await {
            Ok(O::Saved(v)) if v.iter().all(|x| x.differs.is_none()) => {
                StepState::Done(format!("Saved and checked: {} change(s), in B's save journal.", v.len()))
            }
            Ok(O::Saved(v)) => StepState::Failed(format!(
                "Saved, but B holds {} of {} change(s) as asked: see B's review.",
                v.iter().filter(|x| x.differs.is_none()).count(),
                v.len()
            )),
            Ok(O::NothingToSend) => StepState::Done("B already holds these preferences.".into()),
            Ok(O::Conflicts(n)) => StepState::Failed(format!(
                "B changed {n} of these items meanwhile: decide them on B's preferences screen, then run again."
            )),
            Ok(O::BodyChanged(what)) => StepState::Failed(format!("B changed meanwhile: {}", what.join("; "))),
            Ok(O::ClusterRefused(e)) => StepState::Failed(format!("B refused the cluster default: {}", e.summary())),
            Ok(O::Unconfirmed { error, .. }) => {
                StepState::Failed(format!("Sent, but not confirmed ({}); run again to check.", error.summary()))
            }
            Ok(O::NotSent | O::Elsewhere) => StepState::Failed("Not sent.".into()),
            Err(e) => StepState::Failed(e.summary()),
        }
    }
}

/// B's webhook for a step, as B holds it now.
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
        HookKind::Create => w.name.trim() == h.form.name.trim(),
    }))
}

/// Whether B's webhook holds the step's fields (secrets aside).
fn holds(w: &Webhook, h: &HookStep) -> bool {
    let mut want = h.form.clone();
    want.auth_secret.clear();
    want.signature_secret.clear();
    let has = WebhookForm::from_webhook(w);
    let text = |f: &WebhookForm| {
        (
            f.name.trim().to_string(),
            f.url.trim().to_string(),
            f.auth,
            f.auth_user.trim().to_string(),
            f.signature,
            f.headers.clone(),
        )
    };
    text(&has) == text(&want)
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

/// One webhook create or update, checked by reading back.
async fn hook(
    conn: &Conn,
    h: &HookStep,
    secrets: (String, String),
    login: Option<&(String, String)>,
) -> StepState {
    let rules = FormRules::for_release(conn.connection.release);
    // Already there as asked (an earlier attempt whose answer was lost)?
    if let Ok(Some(w)) = find(conn, h).await {
        if holds(&w, h) {
            return StepState::Done("Already on B as asked.".into());
        }
    }
    let mut form = h.form.clone();
    (form.auth_secret, form.signature_secret) = secrets;
    let base = match &h.kind {
        HookKind::Update { base, .. } => Some(base.as_ref()),
        HookKind::Create => None,
    };
    let problems = validate(&form, base, rules);
    if !problems.is_empty() {
        let list: Vec<String> = problems.into_iter().map(|p| p.message).collect();
        return StepState::Failed(list.join(" "));
    }
    let sent = match &h.kind {
        HookKind::Create => match scoped(conn, &h.org_id, login).await {
            Ok(client) => client.call(&create_request(&form, rules)).await.map(|_| ()),
            Err(why) => return StepState::Failed(why),
        },
        HookKind::Update { webhook, base } => {
            conn.call(&update_request(webhook, base, &form, rules))
                .await
        }
    };
    if let Err(e) = sent {
        return StepState::Failed(e.summary());
    }
    match find(conn, h).await {
        Ok(Some(w)) if holds(&w, h) => StepState::Done("Done, and read back.".into()),
        Ok(Some(_)) => {
            StepState::Failed("Sent, but B's webhook does not hold every field: run again.".into())
        }
        Ok(None) => {
            StepState::Failed("Sent, but B does not list the webhook: run again to check.".into())
        }
        Err(e) => StepState::Failed(format!("Sent, but reading back failed: {}", e.summary())),
    }
}
