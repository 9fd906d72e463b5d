//! Two clusters side by side: the cluster default, and every Org matched by
//! name (Org ids differ between clusters; names are what an admin means by
//! "the same Org"). For each: its mode, override channels, effective
//! channels and webhook (URL, authentication kind, signing, header names,
//! status; secrets only as "set" or "not set", never their values). Names
//! that differ only in case or spacing are flagged, not matched. Linear in
//! the number of Orgs.

pub mod export;
mod filter;

pub use filter::{matching, search_keys, Showing};

use super::prefs::{effective, ClusterSetting, Org, OrgSetting, Snapshot};
use super::webhook::{parse_pairs, AuthKind};
use crate::api::wire::{Status, LIVEBOARD_SCHEDULE as LS};
use std::collections::HashMap;

/// A webhook as a comparison shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HookFacts {
    pub name: String,
    pub url: String,
    /// The server holds its secret when this is not `None`.
    pub auth: AuthKind,
    /// The server holds a signing secret when this is true.
    pub signed: bool,
    pub header_names: Vec<String>,
    /// `None`: not set (the webhook is enabled).
    pub status: Option<Status>,
}

/// One Org on one side.
#[derive(Clone, Debug, PartialEq)]
pub struct OrgSide {
    pub id: String,
    pub name: String,
    pub setting: OrgSetting,
    /// `None` when the cluster default it inherits is not known.
    pub effective: Option<Vec<String>>,
    /// Its LIVEBOARD_SCHEDULE webhook: `None` when webhooks were not read,
    /// `Some(None)` when it has none.
    pub webhook: Option<Option<HookFacts>>,
}

/// What can differ between the two sides of a matched Org.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Aspect {
    Mode,
    Channels,
    Effective,
    /// One side has a webhook, the other none.
    Webhook,
    Url,
    Auth,
    Signing,
    Headers,
    Status,
}

impl Aspect {
    pub fn label(self) -> &'static str {
        match self {
            Aspect::Mode => "mode",
            Aspect::Channels => "override channels",
            Aspect::Effective => "effective channels",
            Aspect::Webhook => "webhook",
            Aspect::Url => "webhook URL",
            Aspect::Auth => "authentication",
            Aspect::Signing => "signing",
            Aspect::Headers => "header names",
            Aspect::Status => "status",
        }
    }
}

/// One Org, as the two sides have it.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub a: Option<OrgSide>,
    pub b: Option<OrgSide>,
    /// What differs (both sides present).
    pub differs: Vec<Aspect>,
    /// On one side only, while the other has a name that differs only in
    /// case or spacing: that name (not matched).
    pub similar: Option<String>,
}

impl Row {
    pub fn name(&self) -> &str {
        self.a.as_ref().or(self.b.as_ref()).map_or("", |s| &s.name)
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Comparison {
    /// The cluster default on each side; `None` when it was not read.
    pub default_a: Option<ClusterSetting>,
    pub default_b: Option<ClusterSetting>,
    pub rows: Vec<Row>,
}

/// How many rows of each kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Tally {
    pub same: usize,
    pub differing: usize,
    pub only_a: usize,
    pub only_b: usize,
    pub similar: usize,
}

impl Comparison {
    pub fn default_differs(&self) -> bool {
        match (&self.default_a, &self.default_b) {
            (Some(a), Some(b)) => !a.same(b),
            _ => false,
        }
    }

    pub fn tally(&self) -> Tally {
        let mut t = Tally::default();
        for r in &self.rows {
            match (&r.a, &r.b) {
                (Some(_), Some(_)) if r.differs.is_empty() => t.same += 1,
                (Some(_), Some(_)) => t.differing += 1,
                (Some(_), None) => t.only_a += 1,
                _ => t.only_b += 1,
            }
            t.similar += usize::from(r.similar.is_some());
        }
        t
    }
}

/// A name as an admin would say it: case and spacing set aside.
pub fn folded(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn hook_facts(snap: &Snapshot, org: &Org) -> Option<Option<HookFacts>> {
    let has = snap.has_webhook(&org.id)?;
    Some(has.then(|| snap.webhook_of(&org.id)).flatten().map(|w| {
        let f = &w.form;
        HookFacts {
            name: w.name.clone(),
            url: f.url.clone(),
            auth: f.auth,
            signed: f.signature,
            header_names: parse_pairs(&f.headers, ':')
                .unwrap_or_default()
                .into_iter()
                .map(|(k, _)| k)
                .collect(),
            status: f.status,
        }
    }))
}

fn side(snap: &Snapshot, default: Option<&ClusterSetting>, org: &Org) -> OrgSide {
    let setting = org.setting(LS);
    OrgSide {
        id: org.id.clone(),
        name: org.name.clone(),
        effective: effective(&setting, default),
        webhook: hook_facts(snap, org),
        setting,
    }
}

/// What differs between two sides of one Org.
fn differs(a: &OrgSide, b: &OrgSide) -> Vec<Aspect> {
    let mut out = Vec::new();
    let mut note = |differ: bool, aspect| {
        if differ {
            out.push(aspect);
        }
    };
    let override_of = |s: &OrgSetting| match s {
        OrgSetting::Override(c) => Some(super::prefs::canonical(c)),
        OrgSetting::Inherit => None,
    };
    let (oa, ob) = (override_of(&a.setting), override_of(&b.setting));
    note(oa.is_some() != ob.is_some(), Aspect::Mode);
    note(oa.is_some() && ob.is_some() && oa != ob, Aspect::Channels);
    // Unknown on a side (its cluster default not read) is not a difference.
    let known = a.effective.is_some() && b.effective.is_some();
    note(known && a.effective != b.effective, Aspect::Effective);
    if let (Some(ha), Some(hb)) = (&a.webhook, &b.webhook) {
        match (ha, hb) {
            (Some(x), Some(y)) => {
                note(x.url.trim() != y.url.trim(), Aspect::Url);
                note(x.auth != y.auth, Aspect::Auth);
                note(x.signed != y.signed, Aspect::Signing);
                note(x.header_names != y.header_names, Aspect::Headers);
                note(
                    x.status.unwrap_or(Status::Enabled) != y.status.unwrap_or(Status::Enabled),
                    Aspect::Status,
                );
            }
            (x, y) => note(x.is_some() != y.is_some(), Aspect::Webhook),
        }
    }
    out
}

/// Compares what two clusters hold.
pub fn compare(a: &Snapshot, b: &Snapshot) -> Comparison {
    let (da, db) = (a.cluster_setting(LS), b.cluster_setting(LS));
    let mut in_b: HashMap<&str, usize> = HashMap::with_capacity(b.orgs.len());
    for (i, o) in b.orgs.iter().enumerate() {
        in_b.entry(o.name.as_str()).or_insert(i);
    }
    let mut matched = vec![false; b.orgs.len()];
    let mut rows = Vec::with_capacity(a.orgs.len().max(b.orgs.len()));
    for o in &a.orgs {
        let sa = side(a, da.as_ref(), o);
        let found = in_b.get(o.name.as_str()).copied().filter(|&i| !matched[i]);
        let sb = found.map(|i| {
            matched[i] = true;
            side(b, db.as_ref(), &b.orgs[i])
        });
        let differs = sb.as_ref().map(|sb| differs(&sa, sb)).unwrap_or_default();
        rows.push(Row {
            a: Some(sa),
            b: sb,
            differs,
            similar: None,
        });
    }
    for (i, o) in b.orgs.iter().enumerate().filter(|(i, _)| !matched[*i]) {
        let _ = i;
        rows.push(Row {
            a: None,
            b: Some(side(b, db.as_ref(), o)),
            differs: Vec::new(),
            similar: None,
        });
    }
    flag_similar(&mut rows);
    rows.sort_by_cached_key(|r| (folded(r.name()), r.name().to_string()));
    Comparison {
        default_a: da,
        default_b: db,
        rows,
    }
}

/// Rows on one side only whose name, case and spacing aside, is on the other
/// side only too: each names the other, and neither is matched.
fn flag_similar(rows: &mut [Row]) {
    let mut lonely_a: HashMap<String, String> = HashMap::new();
    let mut lonely_b: HashMap<String, String> = HashMap::new();
    for r in rows.iter() {
        match (&r.a, &r.b) {
            (Some(a), None) => {
                lonely_a.insert(folded(&a.name), a.name.clone());
            }
            (None, Some(b)) => {
                lonely_b.insert(folded(&b.name), b.name.clone());
            }
            _ => {}
        }
    }
    for r in rows.iter_mut() {
        r.similar = match (&r.a, &r.b) {
            (Some(a), None) => lonely_b.get(&folded(&a.name)).cloned(),
            (None, Some(b)) => lonely_a.get(&folded(&b.name)).cloned(),
            _ => None,
        };
    }
}

#[cfg(test)]
mod tests;
