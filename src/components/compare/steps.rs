//! The steps of a promotion as the card shows them (each with its state and
//! the secrets it asks for), and what the admin types for a run: the
//! secrets and the one password its Org switches need, held only until the
//! run is done or dropped.

use crate::model::promote::HookKind;
use crate::model::webhook::Field;
use crate::state::promotion::{Given, Run, Step, StepState};
use leptos::prelude::*;

/// The secret inputs of one step (authentication, signing).
#[derive(Clone, Copy)]
pub(super) struct Secrets(RwSignal<String>, RwSignal<String>);

fn secret_input(id: String, label: String, value: RwSignal<String>) -> impl IntoView {
    view! {
        <label for=id.clone()>{label}</label>
        <input id=id type="password" autocomplete="off" bind:value=value />
    }
}

pub(super) fn step_line(
    i: usize,
    step: &Step,
    state: &StepState,
    secrets: Option<Secrets>,
    b_scope: Option<String>,
) -> impl IntoView {
    let (mark, note, class) = match state {
        StepState::Pending => ("○", String::new(), "pending"),
        StepState::Done(n) => ("✓", n.clone(), "done"),
        StepState::Failed(n) => ("✗", n.clone(), "failed"),
    };
    let asks = match (step, secrets) {
        (Step::Hook(h), Some(secrets))
            if matches!(state, StepState::Pending | StepState::Failed(_)) =>
        {
            let what = |f: Field| match f {
                Field::AuthSecret => format!(
                    "{} for {:?} (Org {})",
                    h.form.auth.label(),
                    h.form.name,
                    h.org_name
                ),
                _ => format!("Signing secret for {:?} (Org {})", h.form.name, h.org_name),
            };
            let inputs = h
                .needs
                .iter()
                .map(|&f| {
                    let value = if f == Field::AuthSecret {
                        secrets.0
                    } else {
                        secrets.1
                    };
                    secret_input(format!("promote-secret-{i}-{}", f.key()), what(f), value)
                })
                .collect_view();
            let switch = (matches!(h.kind, HookKind::Create) && b_scope.as_deref() != Some(h.org_id.as_str()))
                .then(|| view! { <p class="muted small">"Created with a token scoped to this Org (the password below)."</p> });
            let kept = (matches!(h.kind, HookKind::Update { .. }) && h.needs.is_empty())
                .then(|| view! { <p class="muted small">"B's secrets are kept."</p> });
            Some(view! { <div class="step-asks">{inputs}{switch}{kept}</div> })
        }
        _ => None,
    };
    view! {
        <li class=format!("step step-{class}") data-state=class>
            <span aria-hidden="true">{mark}</span> " " {step.describe()}
            {(!note.is_empty()).then(|| view! { <span class="muted">" — " {note}</span> })}
            {asks}
        </li>
    }
}

/// The one password the Org switches of a promotion need.
pub(super) fn org_switch(
    switches: usize,
    user: RwSignal<String>,
    password: RwSignal<String>,
) -> impl IntoView {
    view! {
        <fieldset class="org-switch">
            <legend>{format!("Sign-in for {switches} Org switch(es) on B")}</legend>
            <p class="muted small">
                "A webhook is created in the Org the token is scoped to. For each webhook above created in \
                 another Org of B, the panel asks B for a token scoped to that Org (auth/token/full, 5 minutes) \
                 with this user and password: used for this promotion only, never kept, forgotten when it is done."
            </p>
            <div class="pairs">
                <label for="promote-user">"User on B"</label>
                <input id="promote-user" type="text" autocomplete="username" bind:value=user />
                <label for="promote-password">"Password"</label>
                <input id="promote-password" type="password" autocomplete="current-password" bind:value=password />
            </div>
        </fieldset>
    }
}

/// What the admin types for a run, held by the card only until the run is
/// done or dropped.
#[derive(Clone, Copy)]
pub(super) struct Typed {
    secrets: StoredValue<Vec<Secrets>>,
    pub(super) user: RwSignal<String>,
    pub(super) password: RwSignal<String>,
}

impl Typed {
    pub(super) fn new(steps: usize, user: String) -> Self {
        let blank = || RwSignal::new(String::new());
        Typed {
            secrets: StoredValue::new((0..steps).map(|_| Secrets(blank(), blank())).collect()),
            user: RwSignal::new(user),
            password: blank(),
        }
    }

    pub(super) fn of_step(&self, i: usize) -> Option<Secrets> {
        self.secrets.with_value(|v| v.get(i).copied())
    }

    pub(super) fn given(&self, switches: bool) -> Given {
        Given {
            secrets: self.secrets.with_value(|v| {
                v.iter()
                    .map(|s| (s.0.get_untracked(), s.1.get_untracked()))
                    .collect()
            }),
            login: switches.then(|| (self.user.get_untracked(), self.password.get_untracked())),
        }
    }

    pub(super) fn forget(&self) {
        self.password.set(String::new());
        self.secrets.with_value(|v| {
            for s in v {
                s.0.set(String::new());
                s.1.set(String::new());
            }
        });
    }
}

/// How many webhook creates are in an Org other than the one B's token is scoped to.
pub(super) fn org_switches(run: &Run, scope: Option<&str>) -> usize {
    run.steps()
        .iter()
        .filter(|(s, _)| matches!(s, Step::Hook(h) if matches!(h.kind, HookKind::Create) && scope != Some(h.org_id.as_str())))
        .count()
}
