//! A comparison as files: CSV (one row per Org, each side's facts, what
//! differs) and JSON (a versioned document). Secrets are never there: a
//! webhook's authentication and signing are said as kinds and "set".

use super::{Comparison, HookFacts, OrgSide, Row};
use crate::model::csv;
use crate::model::prefs::{describe_channels, ClusterSetting, OrgSetting};
use serde_json::{json, Value};

pub const FORMAT: &str = "ts-channels-panel/comparison";
pub const VERSION: u32 = 1;

pub fn mode(s: &OrgSide) -> String {
    match &s.setting {
        OrgSetting::Inherit => "inherits".into(),
        OrgSetting::Override(c) => format!("override: {}", describe_channels(c)),
    }
}

pub fn effective(s: &OrgSide) -> String {
    s.effective
        .as_deref()
        .map(describe_channels)
        .unwrap_or_else(|| "not known".into())
}

/// A webhook in words: URL, authentication (secret set), signing, headers, status.
pub fn hook_text(h: &Option<Option<HookFacts>>) -> String {
    match h {
        None => "not read".into(),
        Some(None) => "none".into(),
        Some(Some(h)) => {
            let auth = match h.auth {
                crate::model::webhook::AuthKind::None => "no authentication".to_string(),
                k => format!("{} (secret set)", k.label()),
            };
            let signing = if h.signed {
                "signed (secret set)"
            } else {
                "not signed"
            };
            let headers = match h.header_names.as_slice() {
                [] => "no headers".to_string(),
                names => format!("headers {}", names.join(", ")),
            };
            let status = h.status.map_or("enabled (not set)", |s| s.code());
            format!("{} — {auth}; {signing}; {headers}; {status}", h.url)
        }
    }
}

fn side_cells(s: Option<&OrgSide>) -> [String; 4] {
    match s {
        None => ["".into(), "".into(), "".into(), "".into()],
        Some(s) => [s.id.clone(), mode(s), effective(s), hook_text(&s.webhook)],
    }
}

pub fn default_text(d: &Option<ClusterSetting>) -> String {
    d.as_ref()
        .map(ClusterSetting::describe)
        .unwrap_or_else(|| "not read".into())
}

pub fn differs_text(r: &Row) -> String {
    match (&r.a, &r.b, &r.similar) {
        (_, _, Some(other)) => format!("not matched: the other side has {other:?}"),
        (Some(_), None, _) => "only in A".into(),
        (None, Some(_), _) => "only in B".into(),
        _ if r.differs.is_empty() => "same".into(),
        _ => r
            .differs
            .iter()
            .map(|a| a.label())
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The rows given, as CSV (cells a spreadsheet would run as formulas are defused).
pub fn to_csv(c: &Comparison, rows: &[&Row]) -> String {
    let mut out = csv::row(&[
        "org",
        "a id",
        "a mode",
        "a effective",
        "a webhook",
        "b id",
        "b mode",
        "b effective",
        "b webhook",
        "differs",
    ]);
    out.push_str(&csv::row(&[
        "(cluster default)".to_string(),
        String::new(),
        default_text(&c.default_a),
        String::new(),
        String::new(),
        String::new(),
        default_text(&c.default_b),
        String::new(),
        String::new(),
        if c.default_differs() {
            "cluster default"
        } else {
            "same"
        }
        .to_string(),
    ]));
    for r in rows {
        let [ai, am, ae, aw] = side_cells(r.a.as_ref());
        let [bi, bm, be, bw] = side_cells(r.b.as_ref());
        out.push_str(&csv::row(&[
            r.name().to_string(),
            ai,
            am,
            ae,
            aw,
            bi,
            bm,
            be,
            bw,
            differs_text(r),
        ]));
    }
    out
}

fn side_json(s: Option<&OrgSide>) -> Value {
    match s {
        None => Value::Null,
        Some(s) => json!({
            "id": s.id, "name": s.name, "mode": mode(s), "effective": effective(s),
            "webhook": hook_text(&s.webhook),
        }),
    }
}

/// The rows given, as a versioned JSON document naming both hosts.
pub fn to_json(c: &Comparison, rows: &[&Row], a_host: &str, b_host: &str) -> String {
    let list: Vec<Value> = rows
        .iter()
        .map(|r| json!({"org": r.name(), "a": side_json(r.a.as_ref()), "b": side_json(r.b.as_ref()), "differs": differs_text(r)}))
        .collect();
    json!({
        "format": FORMAT, "version": VERSION, "a": a_host, "b": b_host,
        "cluster_default": {"a": default_text(&c.default_a), "b": default_text(&c.default_b), "differs": c.default_differs()},
        "orgs": list,
    })
    .to_string()
}
