//! Promoting settings from one cluster (A) to another (B), for the Orgs the
//! admin picks: a Draft on B with A's preferences (REPLACE or RESET by Org,
//! and the cluster default), and the webhook creates or updates that give B
//! A's non-secret webhook fields. Secrets never travel: a create asks for
//! them, an update keeps B's (unless the kind of authentication or signing
//! changes, which asks again). Fields B's release lacks are left out, and
//! everything that cannot be promoted is said, with why.

use super::compare::{Aspect, Row};
use super::draft::Draft;
use super::prefs::{ClusterSetting, OrgSetting, Snapshot, EMAIL};
use super::webhook::{validate, Field, FormRules, WebhookForm};
use crate::api::wire::{Status, LIVEBOARD_SCHEDULE as LS};

/// What a webhook step does on B.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HookKind {
    /// A new webhook, in the B Org (it needs a token scoped to that Org).
    Create,
    /// B's webhook (by id) takes A's fields; `base` is what B holds.
    Update {
        webhook: String,
        base: Box<WebhookForm>,
    },
}

/// One webhook to create or update on B.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HookStep {
    /// The Org on B.
    pub org_id: String,
    pub org_name: String,
    pub kind: HookKind,
    /// A's fields, as B's release may take them; secrets are empty.
    pub form: WebhookForm,
    /// The secrets the admin must give (B's are kept otherwise).
    pub needs: Vec<Field>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Promotion {
    /// A's preferences over B's Snapshot.
    pub draft: Draft,
    pub hooks: Vec<HookStep>,
    /// What could not be promoted, and why.
    pub cannot: Vec<String>,
}

impl Promotion {
    pub fn is_empty(&self) -> bool {
        self.draft.is_empty() && self.hooks.is_empty()
    }
}

/// A's fields for B: what B's release lacks is left out, and said.
fn for_release(
    mut form: WebhookForm,
    rules: FormRules,
    org: &str,
    cannot: &mut Vec<String>,
) -> WebhookForm {
    if !rules.headers && !form.headers.trim().is_empty() {
        form.headers.clear();
        cannot.push(format!(
            "{org}: the webhook's additional headers are not sent: B's release lacks them (they need 26.4.0.cl)."
        ));
    }
    if !rules.status && form.status.is_some() {
        let disabled = form.status.is_some_and(|s| s != Status::Enabled);
        form.status = None;
        // Enabled is what a webhook without a status is: nothing is lost.
        if disabled {
            cannot.push(format!(
                "{org}: the webhook is disabled on A, but B's release cannot disable a webhook (status needs 26.7.0.cl): it stays enabled on B."
            ));
        }
    }
    form
}

/// Before 26.7.0.cl an update cannot remove authentication or signing: B
/// keeps its own, and that is said.
fn keep_what_cannot_go(
    form: &mut WebhookForm,
    base: &WebhookForm,
    org: &str,
    cannot: &mut Vec<String>,
) {
    use super::webhook::AuthKind;
    if form.auth == AuthKind::None && base.auth != AuthKind::None {
        form.auth = base.auth;
        form.auth_user = base.auth_user.clone();
        form.auth_url = base.auth_url.clone();
        cannot.push(format!(
            "{org}: B's webhook keeps its authentication: removing it needs 26.7.0.cl."
        ));
    }
    if !form.signature && base.signature {
        form.signature = true;
        form.signature_header = base.signature_header.clone();
        cannot.push(format!(
            "{org}: B's webhook keeps its signing: removing it needs 26.7.0.cl."
        ));
    }
}

/// The webhook step for a picked Org, if its webhook differs.
fn hook_step(
    a_snap: &Snapshot,
    b_snap: &Snapshot,
    row: &Row,
    rules: FormRules,
    cannot: &mut Vec<String>,
) -> Option<HookStep> {
    let (a, b) = (row.a.as_ref()?, row.b.as_ref()?);
    // Not read is not "none": a create where B's webhooks were not read
    // could make a second one.
    for (side, snap, id) in [("A", a_snap, &a.id), ("B", b_snap, &b.id)] {
        if snap.has_webhook(id).is_none() {
            cannot.push(format!(
                "{}: {side}'s webhooks were not read, so its webhook is not promoted (read them again on {side}).",
                b.name
            ));
            return None;
        }
    }
    let from = a_snap.webhook_of(&a.id);
    let to = b_snap.webhook_of(&b.id);
    let org = &b.name;
    match (from, to) {
        (None, None) => None,
        (None, Some(_)) => {
            cannot.push(format!(
                "{org}: B has a webhook A has not; it is left as it is."
            ));
            None
        }
        (Some(w), target) => {
            let mut form = for_release(w.form.clone(), rules, org, cannot);
            form.auth_secret.clear();
            form.signature_secret.clear();
            let kind = match target {
                None => HookKind::Create,
                Some(t) => HookKind::Update {
                    webhook: t.id.clone(),
                    base: Box::new(t.form.clone()),
                },
            };
            let base = match &kind {
                HookKind::Update { base, .. } => Some(base.as_ref()),
                HookKind::Create => None,
            };
            if let Some(base) = base.filter(|_| !rules.reset) {
                keep_what_cannot_go(&mut form, base, org, cannot);
            }
            if base.is_some_and(|b| *b == form) {
                return None;
            }
            // What the form's own checks ask for is what the admin must type.
            let needs: Vec<Field> = validate(&form, base, rules)
                .into_iter()
                .map(|p| p.field)
                .filter(|f| matches!(f, Field::AuthSecret | Field::SignatureSecret))
                .collect();
            Some(HookStep {
                org_id: b.id.clone(),
                org_name: b.name.clone(),
                kind,
                form,
                needs,
            })
        }
    }
}

/// The promotion of the picked rows (`picked` by name) and, when asked, the
/// cluster default, from A to B; `rules` are B's release's.
pub fn promote(
    a: &Snapshot,
    b: &Snapshot,
    rows: &[&Row],
    with_default: bool,
    rules: FormRules,
) -> Promotion {
    let mut out = Promotion::default();
    if with_default {
        match (a.cluster_setting(LS), b.cluster_setting(LS)) {
            (Some(da), Some(db)) if !da.same(&db) => {
                let channels = match da {
                    ClusterSetting::Set(c) => c,
                    ClusterSetting::NeverSet => {
                        out.cannot.push("A's cluster default was never set, and the API cannot un-set B's: B's is set to EMAIL instead, which is what a never-set default does.".into());
                        vec![EMAIL.to_string()]
                    }
                };
                out.draft.set_cluster(b, LS, channels);
            }
            (None, _) => out
                .cannot
                .push("A's cluster default is not known (not read with A's token).".into()),
            (_, None) => out
                .cannot
                .push("B's cluster default is not known (not read with B's token).".into()),
            _ => {}
        }
    }
    for row in rows {
        match (&row.a, &row.b) {
            (Some(a_side), Some(b_side)) => {
                let setting = match &a_side.setting {
                    OrgSetting::Inherit => OrgSetting::Inherit,
                    OrgSetting::Override(c) => OrgSetting::Override(c.clone()),
                };
                out.draft.set_org(b, &b_side.id, LS, setting);
                if !with_default && row.differs == [Aspect::Effective] {
                    out.cannot.push(format!(
                        "{}: it differs only through the cluster default it inherits: promote the cluster default too.",
                        b_side.name
                    ));
                }
                if let Some(step) = hook_step(a, b, row, rules, &mut out.cannot) {
                    out.hooks.push(step);
                }
            }
            (Some(a_side), None) => out.cannot.push(match &row.similar {
                Some(other) => format!(
                    "{}: B's {other:?} differs from it only in case or spacing; they are not matched (rename one to match).",
                    a_side.name
                ),
                None => format!("{}: there is no such Org on B (create it there first).", a_side.name),
            }),
            (None, Some(b_side)) => out.cannot.push(format!("{}: A has no such Org; nothing to promote.", b_side.name)),
            (None, None) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests;
