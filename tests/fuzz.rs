//! Hostile or broken wire and files: parsing never panics (a panic kills the
//! page in release builds), a refusal says what is wrong, and a parse that
//! succeeds keeps every field it was given.
//!
//! Each typed answer is held against an oracle written here over
//! `serde_json::Value`. The oracle reads the spec's shape the way serde's
//! derived readers do (unknown fields are ignored; an optional field may be
//! absent or `null`; a struct may also come as an array of its fields in
//! declaration order; an enum value may also come as `{"NAME": null}`) and
//! builds the answer the parse must give, or says that the parse must fail.
//! Every check asks both ways: a parse succeeds exactly when the oracle
//! accepts, with the oracle's value; a refusal is `ApiError::Malformed` with a
//! non-empty detail. The preference search goes one step further: the
//! Snapshot built from it holds every Org the JSON names, with exactly the
//! event types and channels the JSON gave it, and a save sends back verbatim
//! whatever it does not change. The panel's own files (preference sets and
//! saved work) round-trip and name what is wrong with a file they refuse.
//!
//! Inputs: arbitrary bytes, arbitrary JSON, near-JSON token soup, structurally
//! mutated valid answers and files, and every prefix of each valid one. The
//! case count per property comes from PROPTEST_CASES (proptest's default, 256,
//! in the test command; the README's fuzz run uses 100,000).
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt::Debug;
use std::sync::LazyLock;
use ts_channels_panel::api::client::parse;
use ts_channels_panel::api::wire::{
    ApiKey, Authentication, BasicAuth, DeleteFailure, DeleteResult, EventChannelConfig, History,
    HistoryJob, JobStatus, KeyValue, OAuth2, OrgChannelConfigResponse, OrgDetails, OrgRef,
    OrgResponse, Outcome, Pagination, SearchResponse, SessionUser, Signature, Status, SystemInfo,
    Token, Validation, ValidationStep, Webhook, WebhookOrg, WebhookSearch,
};
use ts_channels_panel::api::ApiError;
use ts_channels_panel::model::document::Document;
use ts_channels_panel::model::draft::{diff, plan, Draft};
use ts_channels_panel::model::prefs::{
    ClusterSetting, Org, OrgSetting, Prefs, Snapshot, LIVEBOARD_SCHEDULE as LS,
};
use ts_channels_panel::model::prefset::{self, PrefSet};
use ts_channels_panel::model::table::filter_keys;
use ts_channels_panel::model::webhook::{validate, AuthKind, FormRules, WebhookForm};
use ts_channels_panel::model::workfile::{self, WorkFile};

// ---------------------------------------------------------------------------
// The oracle: what a JSON value must parse into, read independently of the
// code under test.
// ---------------------------------------------------------------------------

/// One field of a struct: `None` when absent.
type Field<'a> = Option<&'a Value>;

/// The fields of a struct, in declaration order, as serde's derived reader
/// takes them: from an object by name (other keys ignored), or from an array
/// by position (trailing fields absent; more elements than fields is an
/// error). Anything else is not a struct.
fn fields<'a, const N: usize>(v: &'a Value, names: [&str; N]) -> Option<[Field<'a>; N]> {
    match v {
        Value::Object(m) => Some(names.map(|n| m.get(n))),
        Value::Array(a) if a.len() <= N => Some(std::array::from_fn(|i| a.get(i))),
        _ => None,
    }
}

/// A required field.
fn req<T>(f: Field, read: impl Fn(&Value) -> Option<T>) -> Option<T> {
    f.and_then(read)
}

/// A `#[serde(default)] Option<T>` field: absent or `null` is `None`; any
/// other value must read.
fn opt<T>(f: Field, read: impl Fn(&Value) -> Option<T>) -> Option<Option<T>> {
    match f {
        None | Some(Value::Null) => Some(None),
        Some(v) => read(v).map(Some),
    }
}

/// A `#[serde(default)]` field that is not an `Option`: absent is the
/// default; `null` is an error like any other wrong value.
fn defaulted<T: Default>(f: Field, read: impl Fn(&Value) -> Option<T>) -> Option<T> {
    match f {
        None => Some(T::default()),
        Some(v) => read(v),
    }
}

fn text(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

fn texts(v: &Value) -> Option<Vec<String>> {
    list(v, text)
}

fn int(v: &Value) -> Option<i64> {
    v.as_i64()
}

fn number(v: &Value) -> Option<f64> {
    v.as_f64()
}

fn list<T>(v: &Value, read: impl Fn(&Value) -> Option<T>) -> Option<Vec<T>> {
    v.as_array()?.iter().map(read).collect()
}

/// An Org id: a string, or an integer written in decimal.
fn org_id(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) if n.is_i64() || n.is_u64() => Some(n.to_string()),
        _ => None,
    }
}

/// The name of an enum value: a string, or serde's externally tagged form of
/// a unit variant, an object with the name as its only key and `null`.
fn word(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s),
        Value::Object(m) if m.len() == 1 => {
            let (k, inner) = m.iter().next()?;
            inner.is_null().then_some(k.as_str())
        }
        _ => None,
    }
}

fn status(v: &Value) -> Option<Status> {
    Some(match word(v)? {
        "ENABLED" => Status::Enabled,
        "DISABLED" => Status::Disabled,
        _ => Status::Other,
    })
}

fn outcome(v: &Value) -> Option<Outcome> {
    Some(match word(v)? {
        "SUCCESS" => Outcome::Success,
        "FAILED" => Outcome::Failed,
        "PARTIAL_SUCCESS" => Outcome::PartialSuccess,
        _ => Outcome::Other,
    })
}

fn job_status(v: &Value) -> Option<JobStatus> {
    Some(match word(v)? {
        "PENDING" => JobStatus::Pending,
        "RETRY" => JobStatus::Retry,
        "SUCCESS" => JobStatus::Success,
        "FAILED" => JobStatus::Failed,
        _ => JobStatus::Other,
    })
}

fn event_config(v: &Value) -> Option<EventChannelConfig> {
    let [event, channels] = fields(v, ["event_type", "channels"])?;
    Some(EventChannelConfig {
        event_type: req(event, text)?,
        channels: req(channels, texts)?,
    })
}

fn org_entry(v: &Value) -> Option<OrgChannelConfigResponse> {
    let [org, prefs] = fields(v, ["org", "preferences"])?;
    let [id, name] = fields(org?, ["id", "name"])?;
    Some(OrgChannelConfigResponse {
        org: OrgDetails {
            id: req(id, org_id)?,
            name: req(name, text)?,
        },
        preferences: opt(prefs, |p| list(p, event_config))?,
    })
}

fn search_answer(v: &Value) -> Option<SearchResponse> {
    let [cluster, orgs] = fields(v, ["cluster_preferences", "org_preferences"])?;
    Some(SearchResponse {
        cluster_preferences: opt(cluster, |c| list(c, event_config))?,
        org_preferences: opt(orgs, |o| list(o, org_entry))?,
    })
}

fn org_response(v: &Value) -> Option<OrgResponse> {
    let [id, name, status] = fields(v, ["id", "name", "status"])?;
    Some(OrgResponse {
        id: opt(id, int)?,
        name: opt(name, text)?,
        status: opt(status, text)?,
    })
}

fn orgs_answer(v: &Value) -> Option<Vec<OrgResponse>> {
    list(v, org_response)
}

fn session_user(v: &Value) -> Option<SessionUser> {
    let [id, name, display, org, privileges] = fields(
        v,
        ["id", "name", "display_name", "current_org", "privileges"],
    )?;
    Some(SessionUser {
        id: req(id, text)?,
        name: req(name, text)?,
        display_name: req(display, text)?,
        current_org: opt(org, |o| {
            let [id, name] = fields(o, ["id", "name"])?;
            Some(OrgRef {
                id: req(id, int)?,
                name: req(name, text)?,
            })
        })?,
        privileges: opt(privileges, texts)?,
    })
}

fn token(v: &Value) -> Option<Token> {
    let [token, expires, user] = fields(
        v,
        ["token", "expiration_time_in_millis", "valid_for_username"],
    )?;
    Some(Token {
        token: req(token, text)?,
        expiration_time_in_millis: req(expires, number)?,
        valid_for_username: req(user, text)?,
    })
}

fn system_info(v: &Value) -> Option<SystemInfo> {
    let [release] = fields(v, ["release_version"])?;
    Some(SystemInfo {
        release_version: opt(release, text)?,
    })
}

fn authentication(v: &Value) -> Option<Authentication> {
    let [api_key, basic, bearer, oauth2] =
        fields(v, ["API_KEY", "BASIC_AUTH", "BEARER_TOKEN", "OAUTH2"])?;
    Some(Authentication {
        API_KEY: opt(api_key, |k| {
            let [key] = fields(k, ["key"])?;
            Some(ApiKey {
                key: req(key, text)?,
            })
        })?,
        BASIC_AUTH: opt(basic, |b| {
            let [user] = fields(b, ["username"])?;
            Some(BasicAuth {
                username: req(user, text)?,
            })
        })?,
        BEARER_TOKEN: opt(bearer, text)?,
        OAUTH2: opt(oauth2, |o| {
            let [url, client] = fields(o, ["authorization_url", "client_id"])?;
            Some(OAuth2 {
                authorization_url: req(url, text)?,
                client_id: req(client, text)?,
            })
        })?,
    })
}

fn key_value(v: &Value) -> Option<KeyValue> {
    let [key, value] = fields(v, ["key", "value"])?;
    Some(KeyValue {
        key: req(key, text)?,
        value: req(value, text)?,
    })
}

fn webhook(v: &Value) -> Option<Webhook> {
    let [id, name, description, org, url, url_params, events, auth, signature, headers, status_, created, modified] =
        fields(
            v,
            [
                "id",
                "name",
                "description",
                "org",
                "url",
                "url_params",
                "events",
                "authentication",
                "signature_verification",
                "additional_headers",
                "status",
                "creation_time_in_millis",
                "modification_time_in_millis",
            ],
        )?;
    Some(Webhook {
        id: req(id, text)?,
        name: req(name, text)?,
        description: opt(description, text)?,
        org: opt(org, |o| {
            let [id, name] = fields(o, ["id", "name"])?;
            Some(WebhookOrg {
                id: req(id, org_id)?,
                name: defaulted(name, text)?,
            })
        })?,
        url: req(url, text)?,
        url_params: opt(url_params, |p| Some(p.clone()))?,
        events: req(events, texts)?,
        authentication: opt(auth, authentication)?,
        signature_verification: opt(signature, |s| {
            let [header] = fields(s, ["header"])?;
            Some(Signature {
                header: req(header, text)?,
            })
        })?,
        additional_headers: opt(headers, |h| list(h, key_value))?,
        status: opt(status_, status)?,
        creation_time_in_millis: req(created, number)?,
        modification_time_in_millis: req(modified, number)?,
    })
}

fn webhook_search(v: &Value) -> Option<WebhookSearch> {
    let [webhooks, pagination] = fields(v, ["webhooks", "pagination"])?;
    let [offset, size, total, more] = fields(
        pagination?,
        ["record_offset", "record_size", "total_count", "has_more"],
    )?;
    Some(WebhookSearch {
        webhooks: req(webhooks, |w| list(w, webhook))?,
        pagination: Pagination {
            record_offset: req(offset, int)?,
            record_size: req(size, int)?,
            total_count: req(total, int)?,
            has_more: req(more, Value::as_bool)?,
        },
    })
}

fn delete_result(v: &Value) -> Option<DeleteResult> {
    let [deleted, failed, deleted_list, failed_list] = fields(
        v,
        [
            "deleted_count",
            "failed_count",
            "deleted_webhooks",
            "failed_webhooks",
        ],
    )?;
    Some(DeleteResult {
        deleted_count: req(deleted, int)?,
        failed_count: req(failed, int)?,
        deleted_webhooks: req(deleted_list, |w| list(w, webhook))?,
        failed_webhooks: req(failed_list, |f| {
            list(f, |one| {
                let [id, name, error] = fields(one, ["id", "name", "error"])?;
                Some(DeleteFailure {
                    id: req(id, text)?,
                    name: req(name, text)?,
                    error: req(error, text)?,
                })
            })
        })?,
    })
}

fn validation(v: &Value) -> Option<Validation> {
    let [id, name, job, result, details] = fields(
        v,
        [
            "channel_id",
            "channel_name",
            "job_id",
            "result_code",
            "details",
        ],
    )?;
    Some(Validation {
        channel_id: req(id, text)?,
        channel_name: opt(name, text)?,
        job_id: req(job, text)?,
        result_code: req(result, outcome)?,
        details: opt(details, |d| {
            list(d, |step| {
                let [name, status, http, error] = fields(
                    step,
                    ["validation_step", "status", "http_status", "error_message"],
                )?;
                Some(ValidationStep {
                    validation_step: req(name, text)?,
                    status: req(status, outcome)?,
                    http_status: opt(http, int)?,
                    error_message: opt(error, text)?,
                })
            })
        })?,
    })
}

fn history(v: &Value) -> Option<History> {
    let [jobs] = fields(v, ["jobs"])?;
    Some(History {
        jobs: defaulted(jobs, |j| {
            list(j, |job| {
                let [id, status, created, detail, tries] = fields(
                    job,
                    [
                        "id",
                        "status",
                        "creation_time_in_millis",
                        "detail",
                        "try_count",
                    ],
                )?;
                Some(HistoryJob {
                    id: req(id, text)?,
                    status: req(status, job_status)?,
                    creation_time_in_millis: req(created, number)?,
                    detail: opt(detail, text)?,
                    try_count: opt(tries, int)?,
                })
            })
        })?,
    })
}

// ---------------------------------------------------------------------------
// The checks: a parse against its oracle.
// ---------------------------------------------------------------------------

/// A text as a neutral JSON reader sees it.
enum Json {
    Is(Value),
    /// Not JSON: every parser must refuse it.
    Not,
    /// JSON the neutral reader refuses for a reason serde's derived readers do
    /// not check in fields they skip (a number out of range, nesting past the
    /// recursion limit, a lone surrogate escape), or an object that repeats a
    /// key (the neutral reader keeps the last; derived readers refuse a
    /// repeated field and skip repeated unknown ones). Any clear outcome is
    /// accepted.
    Unsure,
}

fn json_of(text: &str) -> Json {
    match serde_json::from_str::<Value>(text) {
        Ok(v) => match serde_json::from_str::<Repeats>(text) {
            Ok(Repeats(false)) => Json::Is(v),
            _ => Json::Unsure,
        },
        Err(e) => {
            let m = e.to_string();
            let skipped_unchecked = ["out of range", "recursion limit", "surrogate", "escape"];
            if skipped_unchecked.iter().any(|s| m.contains(s)) {
                Json::Unsure
            } else {
                Json::Not
            }
        }
    }
}

/// Whether any object in a JSON text repeats a key.
struct Repeats(bool);

impl<'de> serde::Deserialize<'de> for Repeats {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Scan;
        impl<'de> serde::de::Visitor<'de> for Scan {
            type Value = Repeats;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E>(self, _: bool) -> Result<Repeats, E> {
                Ok(Repeats(false))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Repeats, E> {
                Ok(Repeats(false))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Repeats, E> {
                Ok(Repeats(false))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Repeats, E> {
                Ok(Repeats(false))
            }
            fn visit_str<E>(self, _: &str) -> Result<Repeats, E> {
                Ok(Repeats(false))
            }
            fn visit_unit<E>(self) -> Result<Repeats, E> {
                Ok(Repeats(false))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<Repeats, A::Error> {
                let mut any = false;
                while let Some(Repeats(r)) = a.next_element()? {
                    any |= r;
                }
                Ok(Repeats(any))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<Repeats, A::Error> {
                let mut keys = HashSet::new();
                let mut any = false;
                while let Some(k) = a.next_key::<String>()? {
                    any |= !keys.insert(k);
                    let Repeats(r) = a.next_value()?;
                    any |= r;
                }
                Ok(Repeats(any))
            }
        }
        d.deserialize_any(Scan)
    }
}

/// The start of a long text, for failure messages.
fn short(text: &str) -> String {
    text.chars().take(600).collect()
}

/// Parses an answer body as `T` and holds the outcome against `oracle`:
/// success exactly when the oracle accepts, with its value; otherwise a
/// `Malformed` error with a detail. A blank body reads as `null`, as `parse`
/// documents. Returns the parsed answer.
fn check_answer<T: DeserializeOwned + PartialEq + Debug>(
    text: &str,
    oracle: impl Fn(&Value) -> Option<T>,
) -> Option<T> {
    let got = parse::<T>(text);
    match &got {
        Ok(_) => {}
        Err(ApiError::Malformed { detail }) => assert!(!detail.is_empty(), "{}", short(text)),
        Err(other) => panic!("not Malformed: {other:?} for {}", short(text)),
    }
    let body = if text.trim().is_empty() { "null" } else { text };
    match json_of(body) {
        Json::Unsure => {}
        Json::Not => assert!(
            got.is_err(),
            "parsed text that is not JSON: {}",
            short(text)
        ),
        Json::Is(v) => match (oracle(&v), &got) {
            (Some(want), Ok(have)) => assert_eq!(have, &want, "{}", short(text)),
            (None, Err(_)) => {}
            (Some(want), Err(e)) => panic!(
                "refused an answer of the right shape: {e:?}\n{}\nwanted {want:?}",
                short(text)
            ),
            (None, Ok(have)) => panic!(
                "accepted an answer of the wrong shape: {have:?}\n{}",
                short(text)
            ),
        },
    }
    got.ok()
}

/// What `Snapshot::from_wire` must hold for one Org.
#[derive(Debug, PartialEq)]
struct WantOrg {
    name: String,
    prefs: Prefs,
    inactive: bool,
}

/// Event type → channels, as a list of configs says them (a repeated event
/// type: the last one).
fn prefs_of(configs: &[EventChannelConfig]) -> Prefs {
    let mut p = Prefs::new();
    for c in configs {
        p.insert(c.event_type.clone(), c.channels.clone());
    }
    p
}

/// The Snapshot a search answer (as the oracle read it) and an `orgs/search`
/// list make, as the model documents it: the cluster default as sent; absent
/// or `null` is "never set" when it was asked for and "not read" otherwise.
/// Every Org by id (integer ids written in decimal): a repeated Org keeps its
/// first name and merges its event types (the later entry wins); Orgs only in
/// `orgs/search` inherit everything and are named `Org {id}` when nameless;
/// `IN_ACTIVE` marks an Org inactive (the last listing wins).
fn want_snapshot(
    resp: &SearchResponse,
    orgs: Option<&[OrgResponse]>,
    asked: bool,
) -> (Option<Prefs>, BTreeMap<String, WantOrg>) {
    let cluster = match &resp.cluster_preferences {
        Some(c) => Some(prefs_of(c)),
        None => asked.then(Prefs::new),
    };
    let mut by_id: BTreeMap<String, WantOrg> = BTreeMap::new();
    for o in resp.org_preferences.iter().flatten() {
        let prefs = prefs_of(o.preferences.as_deref().unwrap_or_default());
        match by_id.get_mut(&o.org.id) {
            Some(w) => w.prefs.extend(prefs),
            None => {
                let w = WantOrg {
                    name: o.org.name.clone(),
                    prefs,
                    inactive: false,
                };
                by_id.insert(o.org.id.clone(), w);
            }
        }
    }
    for o in orgs.into_iter().flatten() {
        let Some(id) = o.id else { continue };
        let inactive = o.status.as_deref() == Some("IN_ACTIVE");
        match by_id.get_mut(&id.to_string()) {
            Some(w) => w.inactive = inactive,
            None => {
                let w = WantOrg {
                    name: o.name.clone().unwrap_or_else(|| format!("Org {id}")),
                    prefs: Prefs::new(),
                    inactive,
                };
                by_id.insert(id.to_string(), w);
            }
        }
    }
    (cluster, by_id)
}

const KNOWN_EVENTS: [&str; 1] = [LS];
const KNOWN_CHANNELS: [&str; 2] = ["EMAIL", "WEBHOOK"];

/// Parses a search answer against the oracle and, when it parses, checks the
/// Snapshot it makes (with `orgs` from `orgs/search`) and what saving an edit
/// of it sends.
fn check_search(text: &str, orgs: Option<&[OrgResponse]>, asked: bool) {
    let Some(resp) = check_answer(text, search_answer) else {
        return;
    };
    let (want_cluster, want_orgs) = want_snapshot(&resp, orgs, asked);
    let snap = Snapshot::from_wire(resp, orgs.map(<[OrgResponse]>::to_vec), asked);
    check_snapshot(&snap, &want_cluster, &want_orgs);
    a_save_sends_back_what_it_does_not_change(&snap, &want_cluster, &want_orgs);
    let _ = filter_keys(&snap.search_keys(), "a");
}

fn check_snapshot(snap: &Snapshot, cluster: &Option<Prefs>, orgs: &BTreeMap<String, WantOrg>) {
    assert_eq!(&snap.cluster, cluster);
    let ls = cluster.as_ref().map(|c| match c.get(LS) {
        Some(ch) => ClusterSetting::Set(ch.clone()),
        None => ClusterSetting::NeverSet,
    });
    assert_eq!(snap.cluster_setting(LS), ls);
    let ids: BTreeSet<&String> = snap.orgs.iter().map(|o| &o.id).collect();
    assert_eq!(ids.len(), snap.orgs.len(), "an Org listed twice");
    assert_eq!(ids, orgs.keys().collect::<BTreeSet<_>>(), "the Orgs differ");
    for o in &snap.orgs {
        let w = &orgs[&o.id];
        assert_eq!(
            (&o.name, &*o.prefs, o.inactive),
            (&w.name, &w.prefs, w.inactive)
        );
        let ls = match w.prefs.get(LS) {
            Some(c) => OrgSetting::Override(c.clone()),
            None => OrgSetting::Inherit,
        };
        assert_eq!(o.setting(LS), ls, "Org {}", o.id);
    }
    for pair in snap.orgs.windows(2) {
        let key = |o: &Org| (o.name.to_lowercase(), o.id.clone());
        assert!(
            key(&pair[0]) <= key(&pair[1]),
            "not sorted by name, then id"
        );
    }
    assert_eq!((snap.partial, &snap.webhook_orgs), (false, &None));
    // Every event type and channel the panel does not know is reported once.
    let mut unknown = BTreeSet::new();
    for prefs in cluster.iter().chain(orgs.values().map(|w| &w.prefs)) {
        for (event, channels) in prefs {
            if !KNOWN_EVENTS.contains(&event.as_str()) {
                unknown.insert(event.clone());
            }
            unknown.extend(
                channels
                    .iter()
                    .filter(|c| !KNOWN_CHANNELS.contains(&c.as_str()))
                    .cloned(),
            );
        }
    }
    let reported = snap.unknown_values();
    assert_eq!(reported.len(), unknown.len(), "{reported:?}");
    assert_eq!(reported.into_iter().collect::<BTreeSet<_>>(), unknown);
}

/// Channels that differ from `current` for LIVEBOARD_SCHEDULE.
fn other_channels(current: Option<&Vec<String>>) -> Vec<String> {
    match current {
        Some(c) if !c.is_empty() => vec![],
        _ => vec!["WEBHOOK".to_string()],
    }
}

/// Edits LIVEBOARD_SCHEDULE for the cluster and for up to 50 Orgs; the
/// configure body sends each edited scope whole: the new value, and every
/// other event type exactly as the answer gave it (unknown ones included).
fn a_save_sends_back_what_it_does_not_change(
    snap: &Snapshot,
    cluster: &Option<Prefs>,
    orgs: &BTreeMap<String, WantOrg>,
) {
    let mut d = Draft::default();
    let mut want_cluster = cluster.clone();
    if let Some(c) = &mut want_cluster {
        let new = other_channels(c.get(LS));
        d.set_cluster(snap, LS, new.clone());
        c.insert(LS.to_string(), new);
    }
    let mut want_orgs: BTreeMap<&String, Prefs> = BTreeMap::new();
    for (id, w) in orgs.iter().take(50) {
        let new = other_channels(w.prefs.get(LS));
        d.set_org(snap, id, LS, OrgSetting::Override(new.clone()));
        let mut p = w.prefs.clone();
        p.insert(LS.to_string(), new);
        want_orgs.insert(id, p);
    }
    let req = plan(snap, &diff(snap, &d));
    let sent_cluster = prefs_of(&req.cluster_preferences);
    assert_eq!(sent_cluster, want_cluster.unwrap_or_default());
    assert_eq!(req.org_preferences.len(), want_orgs.len());
    for o in &req.org_preferences {
        let want = &want_orgs[&o.org_identifier];
        assert!(o.reset_events.is_none());
        assert_eq!(
            &prefs_of(o.preferences.as_deref().unwrap_or_default()),
            want
        );
    }
    serde_json::to_string(&req).unwrap();
}

fn check_orgs(text: &str) -> Option<Vec<OrgResponse>> {
    check_answer(text, orgs_answer)
}

/// Everything the panel does with a webhook it was answered: the edit form,
/// its checks, and the auth kind it shows.
fn exercise_webhook(w: &Webhook) {
    let form = WebhookForm::from_webhook(w);
    assert_eq!(form.name, w.name);
    assert_eq!(form.url, w.url);
    assert_eq!(form.signature, w.signature_verification.is_some());
    let known_status = w.status.filter(|s| *s != Status::Other);
    assert_eq!(form.status, known_status);
    let a = w.authentication.clone().unwrap_or_default();
    let kind = if a.API_KEY.is_some() {
        AuthKind::ApiKey
    } else if a.BASIC_AUTH.is_some() {
        AuthKind::BasicAuth
    } else if a.BEARER_TOKEN.is_some() {
        AuthKind::BearerToken
    } else if a.OAUTH2.is_some() {
        AuthKind::OAuth2
    } else {
        AuthKind::None
    };
    assert_eq!(form.auth, kind);
    assert_eq!(w.is_schedule(), w.events.iter().any(|e| e == LS));
    let _ = validate(&form, Some(&form), FormRules::all());
}

fn check_webhook_search(text: &str) {
    if let Some(s) = check_answer(text, webhook_search) {
        s.webhooks.iter().for_each(exercise_webhook);
    }
}

fn check_webhook(text: &str) {
    if let Some(w) = check_answer(text, webhook) {
        exercise_webhook(&w);
    }
}

fn check_delete(text: &str) {
    if let Some(d) = check_answer(text, delete_result) {
        d.deleted_webhooks.iter().for_each(exercise_webhook);
    }
}

/// How one of the panel's documents must be read.
struct Doc<T> {
    format: &'static str,
    /// Part of the message for a document of another format.
    not_this: &'static str,
    /// How messages about a readable document of this format start.
    subject: &'static str,
    time_key: &'static str,
    parse: fn(&str) -> Result<T, String>,
    to_json: fn(&T) -> String,
    /// Format, version, host and time stamp of a parsed document.
    head: fn(&T) -> (String, u32, String, f64),
}

const PREFSET: Doc<PrefSet> = Doc {
    format: prefset::FORMAT,
    not_this: "not a preference set",
    subject: "The preference set",
    time_key: "exported_at_ms",
    parse: PrefSet::parse,
    to_json: PrefSet::to_json,
    head: |s| {
        (
            s.format.clone(),
            s.version,
            s.host.clone(),
            s.exported_at_ms,
        )
    },
};

const WORKFILE: Doc<WorkFile> = Doc {
    format: workfile::FORMAT,
    not_this: "not saved work",
    subject: "The file",
    time_key: "saved_at_ms",
    parse: WorkFile::parse,
    to_json: WorkFile::to_json,
    head: |f| (f.format.clone(), f.version, f.host.clone(), f.saved_at_ms),
};

/// Reads a document: a success is of this format and version 1, keeps its
/// host and time stamp, and round-trips (to_json, then parse, gives an equal
/// value); a failure has a message that names the problem the header shows.
fn check_document<T: PartialEq + Debug>(text: &str, doc: &Doc<T>) -> Option<T> {
    let got = (doc.parse)(text);
    if let Err(m) = &got {
        assert!(!m.is_empty());
    }
    match (json_of(text), &got) {
        (Json::Unsure, _) => {}
        (Json::Not, Ok(d)) => panic!("read text that is not JSON: {d:?}"),
        (Json::Not, Err(m)) => assert!(m.starts_with("The file is not JSON"), "{m}"),
        (Json::Is(v), _) if !v.is_object() => {}
        (Json::Is(v), got) => {
            let expect = |part: &str| match got {
                Err(m) => assert!(m.contains(part), "{m:?} lacks {part:?}"),
                Ok(d) => panic!("read a document with a bad header: {d:?}\n{}", short(text)),
            };
            let typed = |f: &Value, n: &Value| {
                (f.is_null() || f.is_string()) && (n.is_null() || n.is_u64())
            };
            match (&v["format"], &v["version"]) {
                // A header field of the wrong JSON type: refused, whatever the message.
                (f, n) if !typed(f, n) => {
                    assert!(got.is_err(), "a header of the wrong type was read")
                }
                (Value::Null, _) => expect("has no \"format\""),
                (Value::String(f), _) if f != doc.format => expect(doc.not_this),
                (Value::String(_), Value::Null) => expect("has no version"),
                (Value::String(_), n) if n.as_u64().is_some_and(|n| n != 1) => {
                    expect(&format!("version {n}"))
                }
                // The header is right: what follows reads, or is damaged.
                _ => {
                    let damaged = format!("{} is damaged", doc.subject);
                    match got {
                        Err(m) => assert!(m.starts_with(&damaged), "{m}"),
                        Ok(d) => {
                            let (_, _, host, time) = (doc.head)(d);
                            assert_eq!(Some(host.as_str()), v["host"].as_str());
                            assert_eq!(Some(time), v[doc.time_key].as_f64());
                        }
                    }
                }
            }
        }
    }
    let d = got.ok()?;
    let (format, version, _, _) = (doc.head)(&d);
    assert_eq!((format.as_str(), version), (doc.format, 1));
    let again = (doc.to_json)(&d);
    assert!(!again.is_empty());
    assert_eq!((doc.parse)(&again).as_ref(), Ok(&d), "did not round-trip");
    Some(d)
}

fn check_prefset(text: &str) {
    if let Some(set) = check_document(text, &PREFSET) {
        let snap = Snapshot::from_wire(search_answer(&seed_search()).unwrap(), None, true);
        let mut d = Draft::default();
        let r = prefset::import(&set, &snap, &mut d);
        assert_eq!(r.matched + r.unmatched.len(), set.orgs.len());
        let _ = plan(&snap, &diff(&snap, &d));
    }
}

fn check_workfile(text: &str) {
    if let Some(f) = check_document(text, &WORKFILE) {
        let changes = diff(&f.snapshot, &f.draft);
        let _ = plan(&f.snapshot, &changes);
        let _ = (f.draft.rebase(&f.snapshot), f.draft.held_back(&f.snapshot));
    }
}

/// Every reader on one text.
fn check_every_reader(text: &str) {
    check_search(text, None, true);
    check_search(text, None, false);
    check_orgs(text);
    check_answer(text, session_user);
    check_answer(text, token);
    check_answer(text, system_info);
    check_webhook_search(text);
    check_webhook(text);
    check_delete(text);
    check_answer(text, validation);
    check_answer(text, history);
    check_prefset(text);
    check_workfile(text);
    for status in [400, 401, 403, 429, 500] {
        let e = ApiError::from_response(status, text);
        assert_eq!(e.status(), Some(status));
        let _ = (e.summary(), e.hint(), e.reference());
    }
}

// ---------------------------------------------------------------------------
// Valid answers and documents: the spec's and the docs' examples, and
// hand-written ones that set every field the panel reads.
// ---------------------------------------------------------------------------

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

static SPEC: LazyLock<Value> = LazyLock::new(|| fixture("spec-examples.json"));
static DOCS: LazyLock<Value> = LazyLock::new(|| fixture("comm-channel-examples.json"));

fn spec_examples(key: &str) -> Vec<Value> {
    SPEC[key].as_array().unwrap().clone()
}

/// Unknown event types and channels, an integer id, a repeated Org, null and
/// absent preferences, a non-ASCII name.
fn seed_search() -> Value {
    json!({
        "cluster_preferences": [
            {"event_type": LS, "channels": ["EMAIL", "SLACK"]},
            {"event_type": "DIGEST", "channels": []}
        ],
        "org_preferences": [
            {"org": {"id": "0", "name": "Primary"}, "preferences": []},
            {"org": {"id": "583464508", "name": "Finance"}, "preferences": [
                {"event_type": LS, "channels": ["EMAIL", "WEBHOOK"]},
                {"event_type": "ALERT", "channels": ["TEAMS", "EMAIL"]}]},
            {"org": {"id": 7, "name": "Off"}, "preferences": [{"event_type": LS, "channels": []}]},
            {"org": {"id": "9", "name": "Équipe 東京"}, "preferences": null},
            {"org": {"id": "10", "name": "bare"}},
            {"org": {"id": "583464508", "name": "Finance again"}, "preferences": [
                {"event_type": "ALERT", "channels": ["SLACK"]}]}
        ]
    })
}

fn search_seeds() -> Vec<Value> {
    let mut v = vec![
        seed_search(),
        json!({"org_preferences": [{"org": {"id": "1", "name": "A"}, "preferences": []}]}),
        json!({"cluster_preferences": null, "org_preferences": null}),
    ];
    v.extend(spec_examples("preferences_search"));
    for key in [
        "search_cluster_response_example",
        "search_org_response_example",
        "search_response_example_from_openapi",
    ] {
        v.push(DOCS[key].clone());
    }
    v
}

fn orgs_seeds() -> Vec<Value> {
    let mut v = spec_examples("orgs_search");
    v.push(json!([
        {"id": 0, "name": "Primary", "status": "ACTIVE"},
        {"id": 7, "name": "Off", "status": "IN_ACTIVE"},
        {"id": 42, "name": null, "status": "IN_ACTIVE"},
        {"id": null, "name": "no id"},
        {"id": 583464508}
    ]));
    v
}

fn auth_seeds() -> Vec<Value> {
    let mut v = spec_examples("session_user");
    v.extend(spec_examples("token_full"));
    v.push(
        json!({"id": "u", "name": "n", "display_name": "N", "current_org": null,
        "privileges": ["ADMINISTRATION", "CAN_MANAGE_WEBHOOKS"]}),
    );
    v.push(json!({"release_version": "26.4.0.cl"}));
    v
}

fn webhook_full() -> Value {
    json!({
        "id": "3791ad80-70e8-4222-bf11-fb8a5f1b5bf4",
        "name": "Zapier",
        "description": "Schedules to Zapier",
        "org": {"id": "583464508", "name": "Finance"},
        "url": "https://hooks.zapier.com/hooks/catch/1/abc/",
        "url_params": {"team": "ops", "n": 2},
        "events": [LS],
        "authentication": {"API_KEY": {"key": "X-Api-Key", "value": "***"},
            "BASIC_AUTH": null, "BEARER_TOKEN": null, "OAUTH2": null},
        "signature_verification": {"type": "HMAC_SHA256", "header": "X-Signature",
            "algorithm": "SHA256", "secret": "***"},
        "additional_headers": [{"key": "X-Team", "value": "ops"}],
        "creation_time_in_millis": 1774876441988i64,
        "modification_time_in_millis": 1774876441988.5,
        "created_by": {"id": "u1", "name": "tsadmin"},
        "last_modified_by": null,
        "storage_destination": null,
        "status": "ENABLED"
    })
}

fn webhook_seeds() -> Vec<Value> {
    vec![
        webhook_full(),
        json!({
            "id": "w-oauth", "name": "Teams relay", "description": null,
            "org": {"id": 0, "name": "Primary"}, "url": "https://relay.example.com/ts",
            "url_params": null, "events": [LS],
            "authentication": {"OAUTH2": {"authorization_url": "https://login.example.com/token",
                "client_id": "ts-panel", "client_secret": "***"}},
            "signature_verification": null, "additional_headers": null,
            "creation_time_in_millis": 1.5, "modification_time_in_millis": 2,
            "status": "DISABLED"
        }),
        json!({
            "id": "w-new", "name": "Équipe 東京", "org": {"id": "7"},
            "url": "https://hooks.example.jp/東京", "events": [LS, "ALERT"],
            "authentication": {"BASIC_AUTH": {"username": "ops", "password": "***"},
                "BEARER_TOKEN": "***"},
            "creation_time_in_millis": 0, "modification_time_in_millis": 0,
            "status": "PAUSED"
        }),
        json!({
            "id": "w-bare", "name": "", "url": "", "events": [],
            "creation_time_in_millis": -1, "modification_time_in_millis": 1e15,
            "status": null
        }),
    ]
}

fn webhook_search_seeds() -> Vec<Value> {
    vec![
        json!({"webhooks": webhook_seeds(), "pagination":
            {"record_offset": 0, "record_size": 20, "total_count": 4, "has_more": false}}),
        json!({"webhooks": [], "pagination":
            {"record_offset": 40, "record_size": 20, "total_count": 41, "has_more": true}}),
    ]
}

fn delete_seeds() -> Vec<Value> {
    vec![
        json!({"deleted_count": 1, "failed_count": 1, "deleted_webhooks": [webhook_full()],
            "failed_webhooks": [{"id": "gone", "name": "Old", "error": "No such webhook."}]}),
        json!({"deleted_count": 0, "failed_count": 0, "deleted_webhooks": [], "failed_webhooks": []}),
    ]
}

fn validation_seeds() -> Vec<Value> {
    vec![
        DOCS["validate_response_success"].clone(),
        json!({
            "channel_type": "WEBHOOK", "channel_id": "w-oauth", "channel_name": null,
            "event_type": LS, "job_id": "n.validation-1", "result_code": "FAILED",
            "details": [
                {"validation_step": "HTTP_CONNECTION_CHECK", "status": "FAILED",
                    "http_status": 503, "error_message": "Service Unavailable"},
                {"validation_step": "STORAGE_FILE_UPLOAD_CHECK", "status": "SKIPPED"}
            ]
        }),
        json!({"channel_id": "w", "job_id": "j", "result_code": "PARTIAL_SUCCESS", "details": null}),
        json!({"channel_id": "w", "job_id": "j", "result_code": "TIMED_OUT"}),
    ]
}

fn history_seeds() -> Vec<Value> {
    vec![
        DOCS["channel_history_response"].clone(),
        json!({"jobs": [
            {"id": "j1", "status": "FAILED", "creation_time_in_millis": 1774876441988i64,
                "detail": "HTTP 500", "try_count": 3, "recipients": [],
                "event": {"type": LS, "id": "s1", "name": "Daily", "run_id": "r1"}},
            {"id": "j2", "status": "RETRY", "creation_time_in_millis": 1.25, "try_count": null},
            {"id": "j3", "status": "PENDING", "creation_time_in_millis": 0, "detail": null},
            {"id": "j4", "status": "THROTTLED", "creation_time_in_millis": -5}
        ]}),
        json!({"jobs": []}),
        json!({}),
    ]
}

fn prefset_seeds() -> Vec<Value> {
    vec![
        json!({
            "format": prefset::FORMAT, "version": 1, "host": "https://ts.example.com",
            "exported_at_ms": 1774876441988i64,
            "cluster": {LS: ["EMAIL", "SLACK"], "DIGEST": []},
            "orgs": [
                {"id": "0", "name": "Primary", "preferences": {}},
                {"id": "7", "name": "Finance", "preferences": {LS: ["WEBHOOK"], "ALERT": ["TEAMS"]}},
                {"id": "9", "name": "Équipe 東京", "preferences": {LS: []}}
            ]
        }),
        json!({"format": prefset::FORMAT, "version": 1, "host": "", "exported_at_ms": 0.5,
            "cluster": null, "orgs": []}),
    ]
}

fn workfile_seeds() -> Vec<Value> {
    vec![
        json!({
            "format": workfile::FORMAT, "version": 1, "host": "https://ts.example.com",
            "saved_at_ms": 1774876441988.25,
            "snapshot": {
                "cluster": {LS: ["EMAIL", "SLACK"], "DIGEST": []},
                "orgs": [
                    {"id": "0", "name": "Primary", "prefs": {}},
                    {"id": "7", "name": "Finance", "prefs": {LS: ["WEBHOOK"], "ALERT": ["TEAMS"]},
                        "inactive": true},
                    {"id": "9", "name": "Équipe 東京", "prefs": {LS: []}}
                ],
                "webhook_orgs": ["7"],
                "partial": true
            },
            "draft": {
                "cluster": {LS: ["WEBHOOK"]},
                "orgs": {
                    "7": {LS: "Inherit", "ALERT": {"Override": []}},
                    "9": {LS: {"Override": ["EMAIL", "SLACK"]}},
                    "404": {LS: {"Override": ["WEBHOOK"]}}
                }
            }
        }),
        json!({"format": workfile::FORMAT, "version": 1, "host": "", "saved_at_ms": 0,
            "snapshot": {"cluster": null, "orgs": []}, "draft": {}}),
    ]
}

// ---------------------------------------------------------------------------
// Strategies: arbitrary JSON, words and numbers the answers use, and
// structural mutations of valid values.
// ---------------------------------------------------------------------------

/// Strings matching `pattern`, compiled once (a `&str` strategy compiles its
/// pattern for every value it draws).
fn regex(pattern: &str) -> proptest::string::RegexGeneratorStrategy<String> {
    proptest::string::string_regex(pattern).unwrap()
}

/// Arbitrary JSON values, a few levels deep, with long strings (up to
/// `long` characters) now and then.
fn any_json(long: usize) -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        regex("[A-Z_]{0,20}").prop_map(Value::String),
        regex(".{0,40}").prop_map(Value::String),
        (1..long).prop_map(|n| Value::String("x".repeat(n))),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::btree_map(regex("[a-z_]{1,12}"), inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Words the answers and files use (known and unknown enum values, ids,
/// formats), and others.
fn word_value() -> impl Strategy<Value = String> {
    const WORDS: &[&str] = &[
        LS,
        "EMAIL",
        "WEBHOOK",
        "SLACK",
        "ENABLED",
        "DISABLED",
        "PAUSED",
        "OTHER",
        "Enabled",
        "SUCCESS",
        "FAILED",
        "PARTIAL_SUCCESS",
        "PENDING",
        "RETRY",
        "ACTIVE",
        "IN_ACTIVE",
        "HTTP_CONNECTION_CHECK",
        "",
        " ",
        "0",
        "7",
        "583464508",
        "***",
        "primary",
        " Finance ",
        "é東京🙂",
        "\u{0}\n\"\\<b>",
        prefset::FORMAT,
        workfile::FORMAT,
        "Inherit",
        "Override",
    ];
    prop_oneof![
        3 => prop::sample::select(WORDS).prop_map(str::to_string),
        1 => regex("[A-Z_]{1,12}"),
        1 => regex(".{0,12}"),
    ]
}

fn number_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        prop::sample::select(vec![
            json!(0),
            json!(1),
            json!(-1),
            json!(2),
            json!(7),
            json!(583464508),
            json!(1774876441988i64),
            json!(i64::MAX),
            json!(i64::MIN),
            json!(u64::MAX),
            json!(1.0),
            json!(1.5),
            json!(-0.0),
            json!(1e300),
        ]),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
    ]
}

/// Field names of the answers and files, and others.
fn key_value_name() -> impl Strategy<Value = String> {
    const KEYS: &[&str] = &[
        "id",
        "name",
        "status",
        "description",
        "org",
        "url",
        "url_params",
        "events",
        "authentication",
        "signature_verification",
        "additional_headers",
        "creation_time_in_millis",
        "API_KEY",
        "BASIC_AUTH",
        "BEARER_TOKEN",
        "OAUTH2",
        "header",
        "key",
        "value",
        "pagination",
        "has_more",
        "failed_webhooks",
        "details",
        "channel_name",
        "http_status",
        "error_message",
        "jobs",
        "detail",
        "try_count",
        "cluster_preferences",
        "org_preferences",
        "preferences",
        "event_type",
        "channels",
        "current_org",
        "privileges",
        "release_version",
        "format",
        "version",
        "host",
        "cluster",
        "orgs",
        "prefs",
        "inactive",
        "partial",
        "webhook_orgs",
        "draft",
        "Override",
    ];
    prop_oneof![
        3 => prop::sample::select(KEYS).prop_map(str::to_string),
        1 => regex("[a-z_]{1,12}"),
    ]
}

/// One edit of a JSON value; the `usize` picks the node (any node: the root,
/// an object member, an array element).
#[derive(Debug, Clone)]
enum Mutation {
    /// Any JSON in place of the node.
    Replace(usize, Value),
    /// A value of the same JSON type: another word for a string, another
    /// number for a number, the other boolean; arrays are reversed.
    Alike(usize, String, Value),
    Null(usize),
    Remove(usize),
    /// An array gets a copy of its elements appended.
    Duplicate(usize),
    /// An object gets the member (a field its type may know, or not); an
    /// array gets the element.
    Insert(usize, String, Value),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let some_value = prop_oneof![
        any_json(1_000),
        word_value().prop_map(Value::String),
        number_value(),
    ];
    prop_oneof![
        2 => (any::<usize>(), any_json(1_000)).prop_map(|(i, v)| Mutation::Replace(i, v)),
        4 => (any::<usize>(), word_value(), number_value())
            .prop_map(|(i, w, n)| Mutation::Alike(i, w, n)),
        1 => any::<usize>().prop_map(Mutation::Null),
        2 => any::<usize>().prop_map(Mutation::Remove),
        1 => any::<usize>().prop_map(Mutation::Duplicate),
        2 => (any::<usize>(), key_value_name(), some_value)
            .prop_map(|(i, k, v)| Mutation::Insert(i, k, v)),
    ]
}

/// All paths to nodes of a value (object keys and array indexes).
fn paths(v: &Value, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(prefix.clone());
    match v {
        Value::Object(m) => m.iter().for_each(|(k, c)| {
            let mut p = prefix.clone();
            p.push(k.clone());
            paths(c, p, out)
        }),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, c)| {
            let mut p = prefix.clone();
            p.push(i.to_string());
            paths(c, p, out)
        }),
        _ => {}
    }
}

fn node<'a>(v: &'a mut Value, path: &[String]) -> &'a mut Value {
    path.iter().fold(v, |cur, key| match cur {
        Value::Object(m) => m.get_mut(key).unwrap(),
        Value::Array(a) => &mut a[key.parse::<usize>().unwrap()],
        _ => unreachable!(),
    })
}

fn mutate(mut v: Value, muts: &[Mutation]) -> Value {
    for m in muts {
        let mut all = Vec::new();
        paths(&v, vec![], &mut all);
        let pick = |i: usize| all[i % all.len()].clone();
        match m {
            Mutation::Replace(i, new) => *node(&mut v, &pick(*i)) = new.clone(),
            Mutation::Alike(i, w, n) => {
                let at = node(&mut v, &pick(*i));
                *at = match &*at {
                    Value::String(_) => Value::String(w.clone()),
                    Value::Number(_) => n.clone(),
                    Value::Bool(b) => Value::Bool(!b),
                    Value::Array(a) => Value::Array(a.iter().rev().cloned().collect()),
                    other => other.clone(),
                };
            }
            Mutation::Null(i) => *node(&mut v, &pick(*i)) = Value::Null,
            Mutation::Remove(i) => {
                let p = pick(*i);
                if let Some((last, parent)) = p.split_last() {
                    match node(&mut v, parent) {
                        Value::Object(m) => {
                            m.remove(last);
                        }
                        Value::Array(a) => {
                            a.remove(last.parse::<usize>().unwrap());
                        }
                        _ => {}
                    }
                }
            }
            Mutation::Duplicate(i) => {
                if let Value::Array(a) = node(&mut v, &pick(*i)) {
                    let copy = a.clone();
                    a.extend(copy);
                }
            }
            Mutation::Insert(i, k, new) => match node(&mut v, &pick(*i)) {
                Value::Object(m) => {
                    m.insert(k.clone(), new.clone());
                }
                Value::Array(a) => a.push(new.clone()),
                _ => {}
            },
        }
    }
    v
}

/// One of `seeds`, mutated one to four times, as text.
fn mutated(seeds: Vec<Value>) -> impl Strategy<Value = String> {
    (
        prop::sample::select(seeds),
        prop::collection::vec(mutation(), 1..5),
    )
        .prop_map(|(seed, muts)| mutate(seed, &muts).to_string())
}

/// Near-JSON: tokens of the answers' grammar and vocabulary in any order, so
/// that the parsers get far into a text before it goes wrong.
fn token_soup() -> impl Strategy<Value = String> {
    const TOKENS: &[&str] = &[
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "null",
        "true",
        "-0",
        "1",
        "1.5e3",
        "\"\"",
        "\"id\"",
        "\"name\"",
        "\"org\"",
        "\"preferences\"",
        "\"event_type\"",
        "\"channels\"",
        "\"org_preferences\"",
        "\"cluster_preferences\"",
        "\"LIVEBOARD_SCHEDULE\"",
        "\"EMAIL\"",
        "\"status\"",
        "\"ENABLED\"",
        "\"webhooks\"",
        "\"pagination\"",
        "\"jobs\"",
        "\"format\"",
        "\"version\"",
        "\"\\u00e9\"",
        "\"\\ud800\"",
        " ",
    ];
    prop::collection::vec(prop::sample::select(TOKENS), 0..60).prop_map(|t| t.concat())
}

// ---------------------------------------------------------------------------
// Properties.
// ---------------------------------------------------------------------------

proptest! {
    /// Arbitrary bytes (read as the browser would, lossily) through every
    /// reader: answers, files and error bodies.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check_every_reader(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn arbitrary_json_parses_only_what_fits(v in any_json(50_000)) {
        check_every_reader(&v.to_string());
    }

    #[test]
    fn near_json_parses_only_what_fits(text in token_soup()) {
        check_every_reader(&text);
    }

    /// The preference search with (or without) `orgs/search`, asked with or
    /// without the cluster default: the Snapshot holds exactly what the JSON
    /// says, and a save sends back what it does not change.
    #[test]
    fn mutated_search_answers_keep_every_org(
        search in mutated(search_seeds()),
        orgs in prop::option::of(mutated(orgs_seeds())),
        asked in any::<bool>(),
    ) {
        let orgs = orgs.and_then(|o| check_orgs(&o));
        check_search(&search, orgs.as_deref(), asked);
    }

    #[test]
    fn mutated_orgs_session_and_token_answers_keep_their_fields(
        orgs in mutated(orgs_seeds()),
        auth in mutated(auth_seeds()),
    ) {
        check_orgs(&orgs);
        check_answer(&auth, session_user);
        check_answer(&auth, token);
        check_answer(&auth, system_info);
    }

    #[test]
    fn mutated_webhook_search_answers_keep_their_fields(text in mutated(webhook_search_seeds())) {
        check_webhook_search(&text);
    }

    #[test]
    fn mutated_webhook_create_answers_keep_their_fields(text in mutated(webhook_seeds())) {
        check_webhook(&text);
    }

    #[test]
    fn mutated_webhook_delete_answers_keep_their_fields(text in mutated(delete_seeds())) {
        check_delete(&text);
    }

    #[test]
    fn mutated_validation_answers_keep_their_fields(text in mutated(validation_seeds())) {
        check_answer(&text, validation);
    }

    #[test]
    fn mutated_history_answers_keep_their_fields(text in mutated(history_seeds())) {
        check_answer(&text, history);
    }

    #[test]
    fn mutated_preference_sets_round_trip(text in mutated(prefset_seeds())) {
        check_prefset(&text);
    }

    #[test]
    fn mutated_work_files_round_trip(text in mutated(workfile_seeds())) {
        check_workfile(&text);
    }

    #[test]
    fn unknown_event_types_and_channels_survive(event in regex("[A-Z_]{1,16}"), chan in regex("[A-Z_]{1,12}")) {
        let text = json!({"cluster_preferences": [], "org_preferences": [
            {"org": {"id": "1", "name": "A"}, "preferences": [
                {"event_type": event, "channels": [chan]},
                {"event_type": LS, "channels": ["EMAIL", chan]}]}]}).to_string();
        let snap = Snapshot::from_wire(parse(&text).unwrap(), None, true);
        let mut d = Draft::default();
        d.set_org(&snap, "1", LS, OrgSetting::Override(vec![chan.clone()]));
        let body = serde_json::to_value(plan(&snap, &diff(&snap, &d))).unwrap();
        let prefs = &body["org_preferences"][0]["preferences"];
        if event != LS {
            let kept = json!({"event_type": event, "channels": [chan]});
            prop_assert!(prefs.as_array().unwrap().contains(&kept), "{}", body);
        }
    }
}

// ---------------------------------------------------------------------------
// Every prefix of every valid answer and document.
// ---------------------------------------------------------------------------

/// Runs `check` on every prefix (at every char boundary, the whole text
/// included) of each value's compact and pretty text. The whole text must
/// parse; a proper prefix that happens to be valid JSON is held to the oracle
/// by `check` like any other text. Returns how many prefixes were tried.
fn every_prefix(values: &[Value], check: impl Fn(&str), parses: impl Fn(&str) -> bool) -> usize {
    let mut tried = 0;
    for v in values {
        for text in [v.to_string(), serde_json::to_string_pretty(v).unwrap()] {
            assert!(parses(&text), "a valid text does not parse: {text}");
            for cut in (0..=text.len()).filter(|&c| text.is_char_boundary(c)) {
                check(&text[..cut]);
                tried += 1;
            }
        }
    }
    eprintln!("{tried} prefixes of {} texts", 2 * values.len());
    tried
}

fn answer_parses<T: DeserializeOwned>(text: &str) -> bool {
    parse::<T>(text).is_ok()
}

#[test]
fn every_prefix_of_the_preference_search_answers() {
    let n = every_prefix(
        &search_seeds(),
        |t| {
            check_search(t, None, true);
            check_search(t, None, false);
        },
        answer_parses::<SearchResponse>,
    );
    assert!(n > 1_000, "{n}");
}

#[test]
fn every_prefix_of_the_orgs_session_user_and_token_answers() {
    every_prefix(
        &orgs_seeds(),
        |t| {
            check_orgs(t);
        },
        answer_parses::<Vec<OrgResponse>>,
    );
    every_prefix(
        &spec_examples("session_user"),
        |t| {
            check_answer(t, session_user);
        },
        answer_parses::<SessionUser>,
    );
    every_prefix(
        &spec_examples("token_full"),
        |t| {
            check_answer(t, token);
        },
        answer_parses::<Token>,
    );
}

#[test]
fn every_prefix_of_the_webhook_answers() {
    every_prefix(
        &webhook_search_seeds(),
        check_webhook_search,
        answer_parses::<WebhookSearch>,
    );
    every_prefix(&webhook_seeds(), check_webhook, answer_parses::<Webhook>);
    every_prefix(&delete_seeds(), check_delete, answer_parses::<DeleteResult>);
    every_prefix(
        &validation_seeds(),
        |t| {
            check_answer(t, validation);
        },
        answer_parses::<Validation>,
    );
    every_prefix(
        &history_seeds(),
        |t| {
            check_answer(t, history);
        },
        answer_parses::<History>,
    );
}

#[test]
fn every_prefix_of_the_preference_set_and_work_file() {
    every_prefix(&prefset_seeds(), check_prefset, |t| {
        PrefSet::parse(t).is_ok()
    });
    every_prefix(&workfile_seeds(), check_workfile, |t| {
        WorkFile::parse(t).is_ok()
    });
}

// ---------------------------------------------------------------------------
// The seeds themselves, and fixed cases.
// ---------------------------------------------------------------------------

/// Every seed parses, the oracle agrees, and the values the seeds were
/// written to carry come out: unknown statuses read as `Other`, unknown
/// values are kept, a repeated Org merges.
#[test]
fn the_valid_answers_parse_with_every_field() {
    for v in search_seeds() {
        check_search(&v.to_string(), None, true);
    }
    let seed = seed_search().to_string();
    let snap = Snapshot::from_wire(parse(&seed).unwrap(), None, true);
    let finance = snap.org("583464508").unwrap();
    assert_eq!(finance.name, "Finance");
    assert_eq!(finance.prefs["ALERT"], ["SLACK"]);
    assert_eq!(finance.prefs[LS], ["EMAIL", "WEBHOOK"]);
    assert_eq!(
        snap.org("7").unwrap().setting(LS),
        OrgSetting::Override(vec![])
    );
    assert_eq!(snap.org("9").unwrap().setting(LS), OrgSetting::Inherit);
    let mut unknown = snap.unknown_values();
    unknown.sort();
    assert_eq!(unknown, ["ALERT", "DIGEST", "SLACK"]);

    for v in orgs_seeds().iter().chain(&auth_seeds()) {
        let t = v.to_string();
        check_orgs(&t);
        check_answer(&t, session_user);
        check_answer(&t, token);
        check_answer(&t, system_info);
    }
    let hooks: Vec<Webhook> = webhook_seeds()
        .iter()
        .map(|v| check_answer(&v.to_string(), webhook).unwrap())
        .collect();
    let statuses: Vec<Option<Status>> = hooks.iter().map(|w| w.status).collect();
    assert_eq!(
        statuses,
        [
            Some(Status::Enabled),
            Some(Status::Disabled),
            Some(Status::Other),
            None
        ]
    );
    assert_eq!(hooks[0].org.as_ref().unwrap().id, "583464508");
    assert_eq!(hooks[1].org.as_ref().unwrap().id, "0");
    assert_eq!(hooks[2].org.as_ref().unwrap().name, "");
    assert_eq!(hooks[0].url_params, Some(json!({"team": "ops", "n": 2})));
    assert_eq!(hooks[2].events, [LS, "ALERT"]);
    for v in webhook_search_seeds() {
        assert!(check_answer(&v.to_string(), webhook_search).is_some());
    }
    for v in delete_seeds() {
        assert!(check_answer(&v.to_string(), delete_result).is_some());
    }
    let checks: Vec<Validation> = validation_seeds()
        .iter()
        .map(|v| check_answer(&v.to_string(), validation).unwrap())
        .collect();
    let codes: Vec<Outcome> = checks.iter().map(|c| c.result_code).collect();
    assert_eq!(
        codes,
        [
            Outcome::Success,
            Outcome::Failed,
            Outcome::PartialSuccess,
            Outcome::Other
        ]
    );
    assert_eq!(
        checks[1].details.as_ref().unwrap()[1].status,
        Outcome::Other
    );
    let jobs = check_answer(&history_seeds()[1].to_string(), history)
        .unwrap()
        .jobs;
    let statuses: Vec<JobStatus> = jobs.iter().map(|j| j.status).collect();
    assert_eq!(
        statuses,
        [
            JobStatus::Failed,
            JobStatus::Retry,
            JobStatus::Pending,
            JobStatus::Other
        ]
    );
    assert!(check_answer("{}", history).unwrap().jobs.is_empty());
    for v in prefset_seeds() {
        assert!(check_document(&v.to_string(), &PREFSET).is_some());
    }
    for v in workfile_seeds() {
        assert!(check_document(&v.to_string(), &WORKFILE).is_some());
    }
}

/// The hand-written documents are what the panel writes: the first
/// preference set is the export of the first work file's Snapshot, and that
/// work file is, field for field, what saving it writes.
#[test]
fn the_valid_documents_are_what_the_panel_writes() {
    let set = PrefSet::parse(&prefset_seeds()[0].to_string()).unwrap();
    let file = WorkFile::parse(&workfile_seeds()[0].to_string()).unwrap();
    assert_eq!(
        prefset::export(&file.snapshot, &set.host, set.exported_at_ms),
        set
    );
    let written: Value = serde_json::from_str(&file.to_json()).unwrap();
    assert_eq!(written, workfile_seeds()[0]);
}

/// A parse predicate for one kind of text.
type Parses = fn(&str) -> bool;

/// The mutated inputs reach both outcomes often, so that the properties above
/// check kept fields on many successful parses, not only refusals.
#[test]
fn mutations_reach_both_outcomes() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let kinds: [(&str, Vec<Value>, Parses); 9] = [
        ("search", search_seeds(), answer_parses::<SearchResponse>),
        ("orgs", orgs_seeds(), answer_parses::<Vec<OrgResponse>>),
        (
            "webhook search",
            webhook_search_seeds(),
            answer_parses::<WebhookSearch>,
        ),
        ("webhook", webhook_seeds(), answer_parses::<Webhook>),
        ("delete", delete_seeds(), answer_parses::<DeleteResult>),
        (
            "validation",
            validation_seeds(),
            answer_parses::<Validation>,
        ),
        ("history", history_seeds(), answer_parses::<History>),
        ("preference set", prefset_seeds(), |t| {
            PrefSet::parse(t).is_ok()
        }),
        ("work file", workfile_seeds(), |t| {
            WorkFile::parse(t).is_ok()
        }),
    ];
    let mut runner = TestRunner::deterministic();
    let n = 200;
    for (name, seeds, parses) in kinds {
        let strategy = mutated(seeds);
        let ok = (0..n)
            .filter(|_| parses(&strategy.new_tree(&mut runner).unwrap().current()))
            .count();
        eprintln!("{name}: {ok} of {n} mutated texts parse");
        assert!(
            (n / 10..=n * 9 / 10).contains(&ok),
            "{name}: {ok} of {n} parse"
        );
    }
}

#[test]
fn nulls_where_the_spec_allows_them_parse() {
    let text = r#"{"cluster_preferences":null,"org_preferences":[{"org":{"id":"1","name":"A"},"preferences":null}]}"#;
    let snap = Snapshot::from_wire(parse(text).unwrap(), None, true);
    assert_eq!(snap.orgs[0].setting(LS), OrgSetting::Inherit);
    assert_eq!(snap.cluster_setting(LS), Some(ClusterSetting::NeverSet));
    let orgs: Vec<OrgResponse> = parse(r#"[{"id":null,"name":null,"status":null}]"#).unwrap();
    assert_eq!(orgs[0].id, None);
}

#[test]
fn ten_thousand_orgs_and_huge_names_parse() {
    let orgs: Vec<Value> = (0..10_000)
        .map(|i| {
            let prefs = match i % 3 {
                0 => json!([]),
                1 => json!([{"event_type": LS, "channels": ["EMAIL"]}]),
                _ => json!([{"event_type": LS, "channels": []}]),
            };
            json!({"org": {"id": i.to_string(), "name": format!("Org {i:05}")}, "preferences": prefs})
        })
        .collect();
    let mut v = json!({"cluster_preferences": [], "org_preferences": orgs});
    v["org_preferences"][0]["org"]["name"] = json!("n".repeat(5_000_000));
    let text = v.to_string();
    let snap = Snapshot::from_wire(parse(&text).unwrap(), None, true);
    assert_eq!(snap.orgs.len(), 10_000);
    assert_eq!(filter_keys(&snap.search_keys(), "org 0999").len(), 10);
    check_search(&text, None, true);
}
