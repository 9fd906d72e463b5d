//! The vendored ThoughtSpot REST v2 schemas (`schemas/thoughtspot-rest-v2.json`,
//! cut from ThoughtSpot's OpenAPI spec) as the single source of truth for what a
//! cluster accepts and answers:
//!
//! - every JSON request body is validated against its endpoint's request schema
//!   (closed: a field the spec does not name is refused);
//! - an endpoint whose `since` is newer than the release being imitated does not
//!   exist (404), and a request property whose `x-since` is newer is refused (400),
//!   at any depth;
//! - response properties whose `x-since` is newer than the release are left out of
//!   the answer, as an older cluster would not send them;
//! - tests check every answer against the endpoint's (open) response schema.
//!
//! A second set of validators is compiled from the same file for a server newer
//! than the vendored spec (the `newer_server` fault): every enum that lists an
//! event type also lists `ALERT_DIGEST`, and every enum that lists the EMAIL
//! channel also lists `SLACK`. Nothing else differs.

mod endpoint;
mod release;
mod schemas;

pub use endpoint::Endpoint;
pub use release::Release;

use jsonschema::Validator;
use schemas::Schemas;
use serde_json::{json, Map, Value};
use std::sync::{Arc, OnceLock};

/// Where every ThoughtSpot REST v2 path starts.
pub const API: &str = "/api/rest/2.0";

const VENDORED: &str = include_str!("../../../schemas/thoughtspot-rest-v2.json");

/// The event types a newer server knows beside the vendored spec's.
pub const NEWER_EVENT_TYPES: &[&str] = &["ALERT_DIGEST"];
/// The communication channels a newer server knows beside the vendored spec's.
pub const NEWER_CHANNELS: &[&str] = &["SLACK"];

/// The vendored schemas, compiled once.
pub struct Spec {
    endpoints: Vec<Endpoint>,
}

/// The spec, parsed and compiled on first use.
pub fn spec() -> &'static Spec {
    spec_for(false)
}

/// The spec as the vendored release has it, or, with `newer_server`, as a newer
/// server has it (the extra event types and channels in every enum that lists
/// them); each is parsed and compiled on first use.
pub fn spec_for(newer_server: bool) -> &'static Spec {
    static VENDORED_SPEC: OnceLock<Spec> = OnceLock::new();
    static NEWER_SPEC: OnceLock<Spec> = OnceLock::new();
    if newer_server {
        NEWER_SPEC.get_or_init(|| Spec::load(VENDORED, true))
    } else {
        VENDORED_SPEC.get_or_init(|| Spec::load(VENDORED, false))
    }
}

/// Adds the newer server's values to every enum (at any depth of `schema`) that
/// lists an event type (`LIVEBOARD_SCHEDULE`) or the EMAIL channel.
fn extend_enums(schema: &mut Value) {
    match schema {
        Value::Object(fields) => {
            if let Some(Value::Array(values)) = fields.get_mut("enum") {
                let lists = |v: &str| values.iter().any(|x| x == v);
                let extra = if lists("LIVEBOARD_SCHEDULE") {
                    NEWER_EVENT_TYPES
                } else if lists("EMAIL") {
                    NEWER_CHANNELS
                } else {
                    &[]
                };
                for v in extra {
                    if !values.iter().any(|x| x == v) {
                        values.push(json!(v));
                    }
                }
            }
            fields.values_mut().for_each(extend_enums);
        }
        Value::Array(items) => items.iter_mut().for_each(extend_enums),
        _ => {}
    }
}

fn compile(defs: &Map<String, Value>, schema: Value) -> Validator {
    let root = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$defs": defs,
        "allOf": [schema],
    });
    jsonschema::draft202012::new(&root)
        .unwrap_or_else(|e| panic!("the vendored schema does not compile: {e}"))
}

fn schema_ref(name: &str) -> Value {
    match name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
        Some(item) => json!({"type": "array", "items": {"$ref": format!("#/$defs/{item}")}}),
        None => json!({"$ref": format!("#/$defs/{name}")}),
    }
}

impl Spec {
    fn load(text: &str, newer_server: bool) -> Spec {
        let doc: Value = serde_json::from_str(text).expect("the vendored schema file is JSON");
        let mut defs = doc["$defs"]
            .as_object()
            .expect("the vendored schema file has $defs")
            .clone();
        if newer_server {
            defs.values_mut().for_each(extend_enums);
        }
        let table = doc["endpoints"]
            .as_object()
            .expect("the vendored schema file has an endpoint table");
        let schemas = Arc::new(Schemas { defs });
        let defs = &schemas.defs;
        let endpoints = table
            .iter()
            .map(|(key, e)| {
                let (method, path) = key.split_once(' ').expect("\"METHOD path\"");
                let name = |k: &str| e[k].as_str().map(str::to_string);
                Endpoint {
                    method: method.into(),
                    path: path.into(),
                    operation_id: name("operationId").unwrap_or_default(),
                    since: e["since"]
                        .as_str()
                        .and_then(|s| s.parse().ok())
                        .unwrap_or(Release(0, 0, 0)),
                    success: e["success"]
                        .as_u64()
                        .and_then(|s| s.try_into().ok())
                        .unwrap_or(200),
                    request: name("request").map(|n| {
                        let v = compile(defs, schema_ref(&n));
                        (n, v)
                    }),
                    response: name("response").map(|n| {
                        let s = schema_ref(&n);
                        (s.clone(), compile(defs, s))
                    }),
                    schemas: schemas.clone(),
                }
            })
            .collect();
        Spec { endpoints }
    }

    /// The endpoint with this method and spec path (a programming error if absent).
    pub fn endpoint(&self, method: &str, path: &str) -> &Endpoint {
        self.endpoints
            .iter()
            .find(|e| e.method == method && e.path == path)
            .unwrap_or_else(|| panic!("{method} {path} is not in the vendored endpoint table"))
    }

    /// The endpoint a concrete request path belongs to (`{…}` matches one segment).
    pub fn find(&self, method: &str, path: &str) -> Option<&Endpoint> {
        let path = path.split('?').next().unwrap_or_default();
        let segments: Vec<&str> = path.split('/').collect();
        self.endpoints.iter().find(|e| {
            let template: Vec<&str> = e.path.split('/').collect();
            e.method.eq_ignore_ascii_case(method)
                && template.len() == segments.len()
                && template
                    .iter()
                    .zip(&segments)
                    .all(|(t, s)| t == s || (t.starts_with('{') && t.ends_with('}')))
        })
    }

    pub fn endpoints(&self) -> &[Endpoint] {
        &self.endpoints
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vendored_table_compiles_and_every_endpoint_is_found_by_path() {
        let s = spec();
        assert!(s.endpoints().len() >= 12);
        for e in s.endpoints() {
            let concrete = e.path.replace("{webhook_identifier}", "abc");
            assert_eq!(
                s.find(&e.method, &concrete).map(Endpoint::key),
                Some(e.key())
            );
        }
        assert!(s.find("GET", "/api/rest/2.0/webhooks/abc/update").is_none());
    }

    #[test]
    fn newer_fields_are_found_at_any_depth_and_stripped_from_answers() {
        let s = spec();
        let create = s.endpoint("POST", "/api/rest/2.0/webhooks/create");
        let body = json!({"name": "n", "url": "https://x", "events": ["LIVEBOARD_SCHEDULE"],
            "storage_destination": {"storage_type": "GCP_GCS", "storage_config": {
                "gcp_gcs_config": {"bucket_name": "b", "service_account_email": "e"}}}});
        assert!(create.check_request(&body, Release(26, 8, 0)).is_ok());
        let err = create.check_request(&body, Release(26, 4, 0)).unwrap_err();
        assert_eq!(
            err,
            "Unrecognized field \"gcp_gcs_config\" (added in 26.7.0.cl) at /storage_destination/storage_config/gcp_gcs_config"
        );
        let err = create.check_request(&body, Release(26, 2, 0)).unwrap_err();
        assert!(err.starts_with("Unrecognized field \"storage_destination\" (added in 26.3.0.cl)"));

        let search = s.endpoint("POST", "/api/rest/2.0/webhooks/search");
        let answer = json!({"webhooks": [{"id": "1", "name": "n", "url": "u", "events": [],
            "creation_time_in_millis": 1, "modification_time_in_millis": 1,
            "status": null, "additional_headers": [], "extra": 1}],
            "pagination": {"record_offset": 0, "record_size": 1, "total_count": 1, "has_more": false}});
        let old = search.for_release(answer.clone(), Release(26, 2, 0));
        assert!(old["webhooks"][0].get("status").is_none());
        assert!(old["webhooks"][0].get("additional_headers").is_none());
        assert_eq!(
            old["webhooks"][0]["extra"], 1,
            "fields the spec does not know stay"
        );
        assert_eq!(search.for_release(answer.clone(), Release::LATEST), answer);
    }

    #[test]
    fn schema_errors_name_the_path_and_the_problem() {
        let s = spec();
        let search = s.endpoint("POST", "/api/rest/2.0/webhooks/search");
        let err = search
            .check_request(&json!({"org_identifier": null}), Release::LATEST)
            .unwrap_err();
        assert_eq!(
            err,
            "Invalid request body: /org_identifier: null is not of type \"string\""
        );
        let token = s.endpoint("POST", "/api/rest/2.0/auth/token/full");
        let err = token
            .check_request(&json!({"password": "x"}), Release::LATEST)
            .unwrap_err();
        assert_eq!(
            err,
            "Invalid request body: /: \"username\" is a required property"
        );
    }

    #[test]
    fn the_newer_servers_spec_knows_more_event_types_and_channels_and_nothing_else() {
        let path = "/api/rest/2.0/system/preferences/communication-channels/configure";
        let body = json!({
            "cluster_preferences": [{"event_type": "ALERT_DIGEST", "channels": ["SLACK"]}],
            "org_preferences": [{"org_identifier": "0", "operation": "RESET",
                "reset_events": ["ALERT_DIGEST"]}]
        });
        let err = spec()
            .endpoint("POST", path)
            .check_request(&body, Release::LATEST)
            .unwrap_err();
        assert!(err.contains("\"ALERT_DIGEST\""), "{err}");
        assert!(err.contains("\"SLACK\""), "{err}");
        let newer = spec_for(true).endpoint("POST", path);
        assert_eq!(newer.check_request(&body, Release::LATEST), Ok(()));
        let err = newer
            .check_request(
                &json!({"cluster_preferences": [{"event_type": "X", "channels": ["SMS"]}]}),
                Release::LATEST,
            )
            .unwrap_err();
        assert!(err.contains("\"X\"") && err.contains("\"SMS\""), "{err}");
        let answer = json!({"cluster_preferences":
            [{"event_type": "ALERT_DIGEST", "channels": ["EMAIL", "SLACK"]}], "org_preferences": []});
        let search = "/api/rest/2.0/system/preferences/communication-channels/search";
        assert!(spec()
            .endpoint("POST", search)
            .check_response(&answer)
            .is_err());
        assert_eq!(
            spec_for(true)
                .endpoint("POST", search)
                .check_response(&answer),
            Ok(())
        );
        // Fields added after a release are still refused by the newer spec.
        let history = spec_for(true).endpoint(
            "POST",
            "/api/rest/2.0/jobs/history/communication-channels/search",
        );
        assert!(history
            .check_request(
                &json!({"channel_type": "WEBHOOK", "end_epoch_time_in_millis": 1}),
                Release(26, 4, 0)
            )
            .unwrap_err()
            .starts_with("Unrecognized field"));
        // Enums of other kinds are as vendored.
        let validate = spec_for(true).endpoint(
            "POST",
            "/api/rest/2.0/system/communication-channels/validate",
        );
        assert!(validate
            .check_request(
                &json!({"channel_type": "SLACK", "channel_identifier": "x", "event_type": "ALERT_DIGEST"}),
                Release::LATEST
            )
            .is_err());
    }
}
