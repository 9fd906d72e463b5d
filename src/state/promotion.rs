//! Running a promotion on B: one configure call (through B's own save, so it
//! is re-read, checked, read back and kept in B's journal with where it came
//! from), then each webhook create or update, each checked by reading back.
//! It stops at the first step that fails; running it again does the rest,
//! and nothing twice: a step already done is skipped, and a webhook already
//! on B as asked (an earlier answer lost) counts as done. Creating a webhook
//! in another Org needs a token scoped to it: one password, asked once, is
//! used for those Org switches and forgotten when the run ends.

mod hook;

use super::cluster::Cluster;
use super::life::detach;
use super::workspace::Workspace;
use crate::api::wire::ConfigureRequest;
use crate::model::draft::{diff, plan, Draft};
use crate::model::promote::{HookKind, HookStep, Promotion};
use hook::hook;
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
    /// The preferences promoted (over B's Snapshot): what the configure step
    /// sends and checks, whatever happens to B's draft meanwhile.
    draft: StoredValue<Draft>,
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
            draft: StoredValue::new(plan.draft.clone()),
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

    /// Takes what the promotion put into B's draft out again, if B's draft
    /// is still that (edits made on B since are left alone); whether it did.
    pub fn take_back(&self, ws: Workspace) -> bool {
        let ours = self.draft.get_value();
        let same = ws
            .with_both(|s, d| plan(s, &diff(s, d)) == plan(s, &diff(s, &ours)))
            .unwrap_or(false);
        if same {
            ws.discard();
        }
        same
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

    /// The configure call of the promoted preferences, through B's own save.
    /// B is read again first: what it holds already is not sent, and a step
    /// is done only when B is seen to hold all of it. B's draft must be the
    /// promotion's (or empty: it is put back); edits made on B meanwhile stop it.
    async fn preferences(&self, b: &Cluster) -> StepState {
        let ws = b.workspace;
        if let Err(e) = ws.read_again().await {
            return StepState::Failed(format!(
                "B's preferences could not be read ({}): nothing sent; run again.",
                e.summary()
            ));
        }
        let ours = self.draft.get_value();
        let body = ws.with_snapshot(|s| s.map(|s| plan(s, &diff(s, &ours))).unwrap_or_default());
        if body.is_empty() {
            return StepState::Done("B holds every promoted preference (read just now).".into());
        }
        let own: ConfigureRequest = ws
            .with_both(|s, d| plan(s, &diff(s, d)))
            .unwrap_or_default();
        if own.is_empty() {
            ws.take_draft(ours);
        } else if own != body {
            return StepState::Failed(
                "B's draft holds changes besides the promotion's: save or discard them on B, then run again."
                    .into(),
            );
        }
        use crate::state::SaveOutcome as O;
        let hooks: Vec<HookStep> = self.steps.with_untracked(|s| {
            s.iter()
                .filter_map(|(step, _)| match step {
                    Step::Hook(h) => Some(h.as_ref().clone()),
                    Step::Preferences { .. } => None,
                })
                .collect()
        });
        let origin = with_steps(self.origin.get_value(), &hooks);
        match ws.save_from(body, Some(origin)).await {
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
            Ok(O::Elsewhere) => StepState::Failed(
                "It ended after a new sign-in to B (it may have landed): run again to check.".into(),
            ),
            Ok(O::NotSent) => StepState::Failed("Not sent.".into()),
            Err(e) => StepState::Failed(e.summary()),
        }
    }
}

/// Where a promotion came from, with what else it does: the journal keeps it
/// with the configure call.
fn with_steps(origin: String, hooks: &[HookStep]) -> String {
    if hooks.is_empty() {
        return origin;
    }
    let steps: Vec<String> = hooks
        .iter()
        .map(|h| Step::Hook(Box::new(h.clone())).describe())
        .collect();
    format!("{origin}; with it, webhook steps: {}", steps.join("; "))
}
