//! Wire types, faithful to ThoughtSpot's OpenAPI spec. Event types and channels
//! stay strings here so that values a newer server sends survive untouched;
//! `model` gives them meaning. Every response field the panel does not need is
//! ignored, and nullable fields are `Option`.

use serde::{Deserialize, Deserializer, Serialize};

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct EventChannelConfig {
    pub event_type: String,
    pub channels: Vec<String>,
}

/// `OrgDetails.id`: a string in preference responses, an integer elsewhere.
/// Either is read, as a string. (A visitor rather than an untagged enum keeps
/// serde's buffering code out of the bundle.)
fn id_as_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
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

#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct OrgDetails {
    #[serde(deserialize_with = "id_as_string")]
    pub id: String,
    pub name: String,
}

#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct OrgChannelConfigResponse {
    pub org: OrgDetails,
    #[serde(default)]
    pub preferences: Option<Vec<EventChannelConfig>>,
}

#[derive(Deserialize, Clone, Debug, PartialEq, Default)]
pub struct SearchResponse {
    #[serde(default)]
    pub cluster_preferences: Option<Vec<EventChannelConfig>>,
    #[serde(default)]
    pub org_preferences: Option<Vec<OrgChannelConfigResponse>>,
}

#[derive(Serialize, Clone, Debug, PartialEq, Default)]
pub struct OrgSearchCriteria {
    pub org_identifier: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_types: Option<Vec<String>>,
}

#[derive(Serialize, Clone, Debug, PartialEq, Default)]
pub struct SearchRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster_preferences: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org_preferences: Option<Vec<OrgSearchCriteria>>,
}

#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct OrgChannelConfigInput {
    pub org_identifier: String,
    pub operation: String,
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

#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct OrgRef {
    pub id: i64,
    pub name: String,
}

/// `auth/session/user` (only what the panel uses).
#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct SessionUser {
    pub id: String,
    pub name: String,
    pub display_name: String,
    #[serde(default)]
    pub current_org: Option<OrgRef>,
    #[serde(default)]
    pub privileges: Option<Vec<String>>,
}

/// `auth/token/full` answer (only what the panel uses).
#[derive(Deserialize, Clone, PartialEq)]
pub struct Token {
    pub token: String,
    pub expiration_time_in_millis: f64,
    pub valid_for_username: String,
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Token")
            .field("token", &"<redacted>")
            .field("expiration_time_in_millis", &self.expiration_time_in_millis)
            .field("valid_for_username", &self.valid_for_username)
            .finish()
    }
}

/// `orgs/search` item: everything is nullable in the spec.
#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct OrgResponse {
    #[serde(default)]
    pub id: Option<i64>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
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
    fn a_token_never_shows_in_debug_output() {
        let t: Token = serde_json::from_str(
            r#"{"token":"secret-abc","creation_time_in_millis":1,"expiration_time_in_millis":2,
                "scope":{"access_type":"FULL"},"valid_for_user_id":"u","valid_for_username":"admin"}"#,
        )
        .unwrap();
        assert!(!format!("{t:?}").contains("secret-abc"));
    }
}
