//! Communication-channel preferences: `search` and `configure` (10.14.0.cl,
//! Beta). Every response field the panel does not need is ignored, and
//! nullable fields are `Option`.

use super::Call;
use serde::{Deserialize, Deserializer, Serialize};

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct EventChannelConfig {
    pub event_type: String,
    pub channels: Vec<String>,
}

/// `OrgDetails.id`: a string in preference responses, an integer elsewhere.
/// Either is read, as a string. (A visitor rather than an untagged enum keeps
/// serde's buffering code out of the bundle.)
pub(crate) fn id_as_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct Id;
    impl serde::de::Visitor<'_> for Id {
        type Value = String;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an Org id (a string or an integer)")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
    }
    d.deserialize_any(Id)
}

#[derive(Deserialize, Serialize, Clone, Debug, PartialEq)]
pub struct OrgDetails {
    #[serde(deserialize_with = "id_as_string")]
    pub id: String,
    pub name: String,
}

#[derive(Deserialize, Serialize, Clone, Debug, PartialEq)]
pub struct OrgChannelConfigResponse {
    pub org: OrgDetails,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferences: Option<Vec<EventChannelConfig>>,
}

#[derive(Deserialize, Serialize, Clone, Debug, PartialEq, Default)]
pub struct SearchResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_preferences: Option<Vec<EventChannelConfig>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_preferences: Option<Vec<OrgChannelConfigResponse>>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct OrgSearchCriteria {
    pub org_identifier: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_types: Option<Vec<String>>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct SearchRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster_preferences: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org_preferences: Option<Vec<OrgSearchCriteria>>,
}

/// What a configure entry does to an Org; REPLACE unless told otherwise.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Operation {
    /// The Org's preferences become exactly `preferences`.
    #[default]
    Replace,
    /// The Org's overrides for `reset_events` go: it inherits the cluster default.
    Reset,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct OrgChannelConfigInput {
    pub org_identifier: String,
    /// The spec makes it nullable, with REPLACE as its default: absent or
    /// null, it reads as REPLACE.
    #[serde(default, deserialize_with = "super::or_default")]
    pub operation: Operation,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preferences: Option<Vec<EventChannelConfig>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reset_events: Option<Vec<String>>,
}

#[derive(Serialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct ConfigureRequest {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cluster_preferences: Vec<EventChannelConfig>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub org_preferences: Vec<OrgChannelConfigInput>,
}

impl ConfigureRequest {
    pub fn is_empty(&self) -> bool {
        self.cluster_preferences.is_empty() && self.org_preferences.is_empty()
    }
}

impl Call for SearchRequest {
    type Answer = SearchResponse;
    const PATH: &'static str = "/system/preferences/communication-channels/search";
    const IDEMPOTENT: bool = true;
    const MARK: Option<&'static str> = Some("tsp-search-received");
}

/// Configure replaces what it names and nothing else: sending it twice leaves
/// the same state as sending it once.
impl Call for ConfigureRequest {
    type Answer = ();
    const PATH: &'static str = "/system/preferences/communication-channels/configure";
    const IDEMPOTENT: bool = true;
    const WRITES: bool = true;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_ids_are_read_as_strings_from_either_form() {
        let r: SearchResponse = serde_json::from_str(
            r#"{"org_preferences":[{"org":{"id":"583464508","name":"a"},"preferences":[]},
                {"org":{"id":7,"name":"b"},"preferences":null},{"org":{"id":8,"name":"c"}}]}"#,
        )
        .unwrap();
        let orgs = r.org_preferences.unwrap();
        assert_eq!(orgs[0].org.id, "583464508");
        assert_eq!(orgs[1].org.id, "7");
        assert_eq!(orgs[1].preferences, None);
        assert_eq!(orgs[2].preferences, None);
        assert_eq!(r.cluster_preferences, None);
    }

    #[test]
    fn request_bodies_leave_out_what_is_unset() {
        let body = serde_json::to_string(&SearchRequest {
            cluster_preferences: Some(vec!["LIVEBOARD_SCHEDULE".into()]),
            org_preferences: None,
        })
        .unwrap();
        assert_eq!(body, r#"{"cluster_preferences":["LIVEBOARD_SCHEDULE"]}"#);
        assert_eq!(
            serde_json::to_string(&ConfigureRequest::default()).unwrap(),
            "{}"
        );
    }

    #[test]
    fn requests_read_back_what_they_write_and_answers_write_what_they_read() {
        let req = ConfigureRequest {
            cluster_preferences: vec![],
            org_preferences: vec![OrgChannelConfigInput {
                org_identifier: "7".into(),
                operation: Operation::Reset,
                preferences: None,
                reset_events: Some(vec!["LIVEBOARD_SCHEDULE".into()]),
            }],
        };
        let entry = &req.org_preferences[0];
        let text = serde_json::to_string(entry).unwrap();
        assert_eq!(
            &serde_json::from_str::<OrgChannelConfigInput>(&text).unwrap(),
            entry
        );
        // The spec's default operation, when it is left out or null.
        for body in [
            r#"{"org_identifier":"7","preferences":[]}"#,
            r#"{"org_identifier":"7","operation":null,"preferences":[]}"#,
        ] {
            let e: OrgChannelConfigInput = serde_json::from_str(body).unwrap();
            assert_eq!(e.operation, Operation::Replace);
        }
        let search = SearchRequest {
            cluster_preferences: None,
            org_preferences: Some(vec![OrgSearchCriteria {
                org_identifier: "0".into(),
                event_types: None,
            }]),
        };
        let text = serde_json::to_string(&search).unwrap();
        assert_eq!(
            serde_json::from_str::<SearchRequest>(&text).unwrap(),
            search
        );
        let answer = r#"{"cluster_preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":[]}],"org_preferences":[{"org":{"id":"583464508","name":"a"},"preferences":[]}]}"#;
        let read: SearchResponse = serde_json::from_str(answer).unwrap();
        assert_eq!(serde_json::to_string(&read).unwrap(), answer);
        assert_eq!(
            serde_json::to_string(&SearchResponse::default()).unwrap(),
            "{}"
        );
    }
}
