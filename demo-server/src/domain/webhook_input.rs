//! What `webhooks/create` and `webhooks/{id}/update` take, and the checks the
//! cluster makes beyond the schema: a real URL, header names that are header
//! names, exactly one authentication type, and no secret sent back as the
//! `***` the answers show.

use crate::domain::vocab::EventType;
use crate::domain::webhook::{Webhook, REDACTED};
use crate::refusal::Refusal;
use serde::Deserialize;
use serde_json::{Map, Value};
use ts_wire::{AuthenticationInput, KeyValue, ResetOption, SignatureInput, Status};

/// The fields of create and update (all optional here; create checks the
/// required ones). Not the wire crate's `CreateWebhook`/`UpdateWebhook`: the
/// spec lets `url_params` hold any JSON value (the panel sends strings),
/// `authentication` name its types as null or several at once (see
/// [`AuthenticationFields`]), and `events` hold the event types of a newer
/// server; and the panel never sends `storage_destination`.
#[derive(Deserialize, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct WebhookInput {
    pub name: Option<String>,
    pub description: Option<String>,
    pub url: Option<String>,
    pub url_params: Option<Value>,
    pub events: Option<Vec<EventType>>,
    pub authentication: Option<AuthenticationFields>,
    pub signature_verification: Option<SignatureInput>,
    pub storage_destination: Option<Value>,
    pub additional_headers: Option<Vec<KeyValue>>,
    pub status: Option<Status>,
    pub reset_options: Option<Vec<ResetOption>>,
}

/// `authentication` as the spec's schema allows it: an object keyed by type
/// in which any type may be absent or null. Exactly one must be set; that one
/// is the wire crate's [`AuthenticationInput`].
#[derive(Deserialize, Debug, Default)]
pub struct AuthenticationFields(Map<String, Value>);

const NOT_ONE: &str =
    "authentication must set exactly one of API_KEY, BASIC_AUTH, BEARER_TOKEN, OAUTH2.";

impl AuthenticationFields {
    /// The one type set, or a refusal when none or several are.
    pub fn chosen(&self) -> Result<AuthenticationInput, Refusal> {
        let set: Map<String, Value> = self
            .0
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if set.len() != 1 {
            return Err(Refusal::bad(NOT_ONE));
        }
        serde_json::from_value(Value::Object(set))
            .map_err(|e| Refusal::bad(format!("Invalid request body: {e}")))
    }
}

/// The secret of an authentication, and where it sits in the request.
fn secret(a: &AuthenticationInput) -> (&str, &'static str) {
    match a {
        AuthenticationInput::ApiKey { value, .. } => (value, "authentication.API_KEY.value"),
        AuthenticationInput::BasicAuth { password, .. } => {
            (password, "authentication.BASIC_AUTH.password")
        }
        AuthenticationInput::BearerToken(token) => (token, "authentication.BEARER_TOKEN"),
        AuthenticationInput::OAuth2 { client_secret, .. } => {
            (client_secret, "authentication.OAUTH2.client_secret")
        }
    }
}

/// The authentication sent, if any. A secret sent back as the placeholder
/// would overwrite the real one with `***`, so it is refused.
fn check_secrets(input: &WebhookInput) -> Result<Option<AuthenticationInput>, Refusal> {
    let refused = |what: &str| {
        Err(Refusal::bad(format!(
            "{what} is the redacted placeholder \"***\"; send the real secret or leave the field out."
        )))
    };
    let auth = input
        .authentication
        .as_ref()
        .map(AuthenticationFields::chosen)
        .transpose()?;
    if let Some((value, what)) = auth.as_ref().map(secret) {
        if value == REDACTED {
            return refused(what);
        }
    }
    if input
        .signature_verification
        .as_ref()
        .is_some_and(|s| s.secret == REDACTED)
    {
        return refused("signature_verification.secret");
    }
    Ok(auth)
}

fn valid_url(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once("://") else {
        return false;
    };
    matches!(scheme, "https" | "http")
        && !rest.is_empty()
        && !rest.starts_with('/')
        && !rest.contains(' ')
}

fn valid_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Checks the fields sent, in this order: name, url, events, header names, the
/// signature, then the authentication and the secrets. Answers the
/// authentication sent, if any.
pub fn check_fields(input: &WebhookInput) -> Result<Option<AuthenticationInput>, Refusal> {
    if input.name.as_deref().is_some_and(|n| n.trim().is_empty()) {
        return Err(Refusal::bad("name must not be empty."));
    }
    if input.url.as_deref().is_some_and(|u| !valid_url(u)) {
        return Err(Refusal::bad("url must be an http(s) URL."));
    }
    if input.events.as_ref().is_some_and(Vec::is_empty) {
        return Err(Refusal::bad(
            "At least one event type must be specified in the events field.",
        ));
    }
    if let Some(h) = &input.additional_headers {
        if let Some(bad_name) = h.iter().find(|h| !valid_header_name(&h.key)) {
            return Err(Refusal::bad(format!(
                "additional_headers: {:?} is not a valid header name.",
                bad_name.key
            )));
        }
    }
    if let Some(s) = &input.signature_verification {
        if !valid_header_name(&s.header) || s.secret.is_empty() {
            return Err(Refusal::bad(
                "signature_verification needs a header name and a secret.",
            ));
        }
    }
    check_secrets(input)
}

impl WebhookInput {
    /// Writes the sections `reset_options` clears, then the fields sent (with
    /// `authentication`, the one type they set), to `w`.
    pub fn write_to(self, w: &mut Webhook, authentication: Option<AuthenticationInput>) {
        for r in self.reset_options.iter().flatten() {
            match r {
                ResetOption::Authentication => w.authentication = None,
                ResetOption::SignatureVerification => w.signature_verification = None,
                ResetOption::StorageDestination => {}
            }
        }
        if let Some(v) = self.name {
            w.name = v;
        }
        if let Some(v) = self.description {
            w.description = Some(v);
        }
        if let Some(v) = self.url {
            w.url = v;
        }
        if let Some(v) = self.url_params {
            w.url_params = Some(v);
        }
        if let Some(v) = self.events {
            w.events = v;
        }
        if let Some(v) = authentication {
            w.authentication = Some(v);
        }
        if let Some(v) = self.signature_verification {
            w.signature_verification = Some(v);
        }
        if let Some(v) = self.additional_headers {
            w.additional_headers = Some(v);
        }
        if let Some(v) = self.status {
            w.status = Some(v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auth(json: &str) -> Result<AuthenticationInput, Refusal> {
        serde_json::from_str::<AuthenticationFields>(json)
            .unwrap()
            .chosen()
    }

    #[test]
    fn exactly_one_authentication_type_is_set_and_nulls_do_not_count() {
        assert_eq!(
            auth(r#"{"API_KEY":null,"BEARER_TOKEN":"t"}"#),
            Ok(AuthenticationInput::BearerToken("t".into()))
        );
        assert_eq!(auth("{}"), Err(Refusal::bad(NOT_ONE)));
        assert_eq!(
            auth(r#"{"BEARER_TOKEN":"a","API_KEY":{"key":"k","value":"v"}}"#),
            Err(Refusal::bad(NOT_ONE))
        );
    }

    #[test]
    fn a_secret_sent_as_the_placeholder_is_refused() {
        let input: WebhookInput = serde_json::from_str(
            r#"{"authentication":{"BASIC_AUTH":{"username":"u","password":"***"}}}"#,
        )
        .unwrap();
        let err = check_fields(&input).unwrap_err();
        assert!(
            matches!(&err, Refusal::BadRequest(m) if m.starts_with("authentication.BASIC_AUTH.password")),
            "{err:?}"
        );
    }
}
