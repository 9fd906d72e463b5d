//! The webhook form: what the admin edits, its checks, and the request bodies.
//! Secrets are write-only: the server answers `***`, so an edit sends a secret
//! only when the admin typed a new one.

use super::host::is_loopback;
use crate::api::webhook_wire::Webhook;
use serde_json::{json, Map, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthKind {
    None,
    ApiKey,
    BasicAuth,
    BearerToken,
    OAuth2,
}

impl AuthKind {
    pub const ALL: [AuthKind; 5] = [
        AuthKind::None,
        AuthKind::ApiKey,
        AuthKind::BasicAuth,
        AuthKind::BearerToken,
        AuthKind::OAuth2,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AuthKind::None => "NONE",
            AuthKind::ApiKey => "API_KEY",
            AuthKind::BasicAuth => "BASIC_AUTH",
            AuthKind::BearerToken => "BEARER_TOKEN",
            AuthKind::OAuth2 => "OAUTH2",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AuthKind::None => "None",
            AuthKind::ApiKey => "API key",
            AuthKind::BasicAuth => "Basic auth",
            AuthKind::BearerToken => "Bearer token",
            AuthKind::OAuth2 => "OAuth 2",
        }
    }

    pub fn from_code(c: &str) -> AuthKind {
        AuthKind::ALL
            .into_iter()
            .find(|k| k.code() == c)
            .unwrap_or(AuthKind::None)
    }
}

/// Everything the form edits. Secret fields hold only what the admin typed:
/// empty means "unchanged" when editing.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct WebhookForm {
    pub name: String,
    pub description: String,
    pub url: String,
    /// `key=value` lines.
    pub url_params: String,
    pub auth: Option<AuthKind>,
    /// API key name, basic-auth username, or OAuth2 client id.
    pub auth_user: String,
    /// OAuth2 authorization URL.
    pub auth_url: String,
    /// API key value, password, bearer token or client secret (write-only).
    pub auth_secret: String,
    pub signature: bool,
    pub signature_header: String,
    /// Write-only.
    pub signature_secret: String,
    /// `Name: value` lines.
    pub headers: String,
    /// `ENABLED`, `DISABLED`, or empty (not set: enabled).
    pub status: String,
}

impl WebhookForm {
    pub fn auth_kind(&self) -> AuthKind {
        self.auth.unwrap_or(AuthKind::None)
    }

    /// The form for an existing webhook; secrets are left empty (unchanged).
    pub fn from_webhook(w: &Webhook) -> Self {
        let mut f = WebhookForm {
            name: w.name.clone(),
            description: w.description.clone().unwrap_or_default(),
            url: w.url.clone(),
            url_params: w
                .url_params
                .as_ref()
                .and_then(Value::as_object)
                .map(|m| {
                    m.iter()
                        .map(|(k, v)| {
                            format!(
                                "{k}={}",
                                v.as_str()
                                    .map(str::to_string)
                                    .unwrap_or_else(|| v.to_string())
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .unwrap_or_default(),
            headers: w
                .additional_headers
                .iter()
                .flatten()
                .map(|h| format!("{}: {}", h.key, h.value))
                .collect::<Vec<_>>()
                .join("\n"),
            status: w.status.clone().unwrap_or_default(),
            auth: Some(AuthKind::None),
            ..Default::default()
        };
        if let Some(a) = &w.authentication {
            if let Some(k) = &a.API_KEY {
                f.auth = Some(AuthKind::ApiKey);
                f.auth_user = k.key.clone();
            } else if let Some(b) = &a.BASIC_AUTH {
                f.auth = Some(AuthKind::BasicAuth);
                f.auth_user = b.username.clone();
            } else if a.BEARER_TOKEN.is_some() {
                f.auth = Some(AuthKind::BearerToken);
            } else if let Some(o) = &a.OAUTH2 {
                f.auth = Some(AuthKind::OAuth2);
                f.auth_user = o.client_id.clone();
                f.auth_url = o.authorization_url.clone();
            }
        }
        if let Some(s) = &w.signature_verification {
            f.signature = true;
            f.signature_header = s.header.clone();
        }
        f
    }
}

/// An HTTP header name (RFC 9110 token).
pub fn valid_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn url_ok(url: &str) -> Result<(), &'static str> {
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err("The URL must start with https://.");
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let name = match host.rfind(':') {
        Some(i) if !host.ends_with(']') => &host[..i],
        _ => host,
    };
    if name.is_empty() || rest.contains(' ') {
        return Err("The URL has no host.");
    }
    match scheme.to_ascii_lowercase().as_str() {
        "https" => Ok(()),
        "http" if is_loopback(name) => Ok(()),
        "http" => Err("The URL must use https:// (http:// only for localhost)."),
        _ => Err("The URL must start with https://."),
    }
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}

fn parse_pairs(text: &str, sep: char) -> Result<Vec<(String, String)>, String> {
    lines(text)
        .map(|l| {
            l.split_once(sep)
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                .ok_or_else(|| format!("{l:?} has no {sep:?}."))
        })
        .collect()
}

/// Problems, as (field, message), in form order. `editing`: secrets may stay empty
/// when the auth type is unchanged (the server keeps them).
pub fn validate(form: &WebhookForm, original: Option<&WebhookForm>) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if form.name.trim().is_empty() {
        out.push(("name", "A name is required.".to_string()));
    }
    if form.url.trim().is_empty() {
        out.push(("url", "A URL is required.".to_string()));
    } else if let Err(e) = url_ok(form.url.trim()) {
        out.push(("url", e.to_string()));
    }
    match parse_pairs(&form.url_params, '=') {
        Err(e) => out.push((
            "url_params",
            format!("URL parameters are key=value lines: {e}"),
        )),
        Ok(p) if p.iter().any(|(k, _)| k.is_empty()) => {
            out.push(("url_params", "A URL parameter has no name.".into()))
        }
        Ok(_) => {}
    }
    let kind = form.auth_kind();
    let kept = original.is_some_and(|o| o.auth_kind() == kind);
    let needs_secret = kind != AuthKind::None && !kept;
    match kind {
        AuthKind::ApiKey if form.auth_user.trim().is_empty() => {
            out.push(("auth_user", "The API key needs a name.".into()))
        }
        AuthKind::BasicAuth if form.auth_user.trim().is_empty() => {
            out.push(("auth_user", "Basic auth needs a username.".into()))
        }
        AuthKind::OAuth2 => {
            if form.auth_user.trim().is_empty() {
                out.push(("auth_user", "OAuth 2 needs a client id.".into()));
            }
            if let Err(e) = url_ok(form.auth_url.trim()) {
                out.push(("auth_url", format!("Authorization URL: {e}")));
            }
        }
        _ => {}
    }
    if needs_secret && form.auth_secret.is_empty() {
        out.push((
            "auth_secret",
            "Enter the secret for this authentication.".into(),
        ));
    }
    if form.signature {
        if !valid_header_name(form.signature_header.trim()) {
            out.push((
                "signature_header",
                "The signature header must be a valid header name.".into(),
            ));
        }
        let had = original.is_some_and(|o| o.signature);
        if !had && form.signature_secret.is_empty() {
            out.push(("signature_secret", "Enter the signing secret.".into()));
        }
    }
    match parse_pairs(&form.headers, ':') {
        Err(e) => out.push(("headers", format!("Headers are \"Name: value\" lines: {e}"))),
        Ok(h) => {
            if let Some((bad, _)) = h.iter().find(|(k, _)| !valid_header_name(k)) {
                out.push(("headers", format!("{bad:?} is not a valid header name.")));
            }
        }
    }
    out
}

fn authentication(form: &WebhookForm) -> Value {
    let (user, secret) = (form.auth_user.trim(), form.auth_secret.as_str());
    match form.auth_kind() {
        AuthKind::None => Value::Null,
        AuthKind::ApiKey => json!({"API_KEY": {"key": user, "value": secret}}),
        AuthKind::BasicAuth => json!({"BASIC_AUTH": {"username": user, "password": secret}}),
        AuthKind::BearerToken => json!({"BEARER_TOKEN": secret}),
        AuthKind::OAuth2 => json!({"OAUTH2": {
            "authorization_url": form.auth_url.trim(), "client_id": user, "client_secret": secret}}),
    }
}

fn url_params(form: &WebhookForm) -> Value {
    Value::Object(
        parse_pairs(&form.url_params, '=')
            .unwrap_or_default()
            .into_iter()
            .map(|(k, v)| (k, Value::String(v)))
            .collect(),
    )
}

fn headers(form: &WebhookForm) -> Value {
    Value::Array(
        parse_pairs(&form.headers, ':')
            .unwrap_or_default()
            .into_iter()
            .map(|(k, v)| json!({"key": k, "value": v}))
            .collect(),
    )
}

fn signature(form: &WebhookForm) -> Value {
    json!({"type": "HMAC_SHA256", "header": form.signature_header.trim(),
        "algorithm": "SHA256", "secret": form.signature_secret})
}

/// The `webhooks/create` body.
pub fn create_body(form: &WebhookForm) -> Value {
    let mut m = Map::new();
    m.insert("name".into(), json!(form.name.trim()));
    m.insert("url".into(), json!(form.url.trim()));
    m.insert("events".into(), json!(["LIVEBOARD_SCHEDULE"]));
    if !form.description.trim().is_empty() {
        m.insert("description".into(), json!(form.description.trim()));
    }
    if lines(&form.url_params).next().is_some() {
        m.insert("url_params".into(), url_params(form));
    }
    if form.auth_kind() != AuthKind::None {
        m.insert("authentication".into(), authentication(form));
    }
    if form.signature {
        m.insert("signature_verification".into(), signature(form));
    }
    if lines(&form.headers).next().is_some() {
        m.insert("additional_headers".into(), headers(form));
    }
    if !form.status.is_empty() {
        m.insert("status".into(), json!(form.status));
    }
    Value::Object(m)
}

/// The `webhooks/{id}/update` body: only what changed. A secret goes out only
/// when the admin typed one (or chose another auth type); `***` never does.
/// Removing authentication or signing uses `reset_options`.
pub fn update_body(original: &WebhookForm, form: &WebhookForm) -> Value {
    let mut m = Map::new();
    let mut reset = Vec::new();
    if form.name.trim() != original.name {
        m.insert("name".into(), json!(form.name.trim()));
    }
    if form.description.trim() != original.description {
        m.insert("description".into(), json!(form.description.trim()));
    }
    if form.url.trim() != original.url {
        m.insert("url".into(), json!(form.url.trim()));
    }
    if url_params(form) != url_params(original) {
        m.insert("url_params".into(), url_params(form));
    }
    if headers(form) != headers(original) {
        m.insert("additional_headers".into(), headers(form));
    }
    let kind = form.auth_kind();
    let auth_changed = kind != original.auth_kind()
        || !form.auth_secret.is_empty()
        || form.auth_user.trim() != original.auth_user
        || form.auth_url.trim() != original.auth_url;
    if auth_changed {
        if kind == AuthKind::None {
            reset.push("AUTHENTICATION");
        } else if !form.auth_secret.is_empty() {
            m.insert("authentication".into(), authentication(form));
        }
        // A changed name or URL without the secret cannot be sent: the API
        // takes the authentication whole. `validate` asks for the secret then.
    }
    if !form.signature && original.signature {
        reset.push("SIGNATURE_VERIFICATION");
    } else if form.signature && !form.signature_secret.is_empty() {
        m.insert("signature_verification".into(), signature(form));
    }
    if form.status != original.status && !form.status.is_empty() {
        m.insert("status".into(), json!(form.status));
    }
    if !reset.is_empty() {
        m.insert("reset_options".into(), json!(reset));
    }
    Value::Object(m)
}

/// Extra checks for an edit: a changed auth detail or signature header needs the
/// secret again, since the API takes those sections whole.
pub fn validate_edit(original: &WebhookForm, form: &WebhookForm) -> Vec<(&'static str, String)> {
    let mut out = validate(form, Some(original));
    let kind = form.auth_kind();
    let detail_changed =
        form.auth_user.trim() != original.auth_user || form.auth_url.trim() != original.auth_url;
    if kind != AuthKind::None
        && kind == original.auth_kind()
        && detail_changed
        && form.auth_secret.is_empty()
    {
        out.push((
            "auth_secret",
            "Changing the authentication needs its secret again.".into(),
        ));
    }
    if form.signature
        && original.signature
        && form.signature_header.trim() != original.signature_header
        && form.signature_secret.is_empty()
    {
        out.push((
            "signature_secret",
            "Changing the signature header needs the secret again.".into(),
        ));
    }
    out
}

/// An Org whose channels and webhooks disagree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mismatch {
    /// WEBHOOK is on but the Org has no LIVEBOARD_SCHEDULE webhook: schedules fail.
    NoWebhook,
    /// The Org has a webhook, but WEBHOOK is off: it receives nothing.
    Unused,
}

impl Mismatch {
    /// A few words for a table cell.
    pub fn short(self) -> &'static str {
        match self {
            Mismatch::NoWebhook => "WEBHOOK on, no webhook",
            Mismatch::Unused => "Webhook unused",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Mismatch::NoWebhook => "WEBHOOK is on but this Org has no webhook: schedules will fail",
            Mismatch::Unused => "This Org has a webhook but WEBHOOK is off: it receives nothing",
        }
    }
}

/// `effective`: the Org's effective channels (unknown: `None`); `has_webhook`:
/// whether it has a LIVEBOARD_SCHEDULE webhook (unknown: `None`).
pub fn mismatch(effective: Option<&[String]>, has_webhook: Option<bool>) -> Option<Mismatch> {
    let on = effective?.iter().any(|c| c == "WEBHOOK");
    match (on, has_webhook?) {
        (true, false) => Some(Mismatch::NoWebhook),
        (false, true) => Some(Mismatch::Unused),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn existing() -> Webhook {
        serde_json::from_value(json!({
            "id": "w1", "name": "Ops", "url": "https://hooks.example.com/ops",
            "events": ["LIVEBOARD_SCHEDULE"], "url_params": {"team": "ops"},
            "authentication": {"BASIC_AUTH": {"username": "ts", "password": "***"}},
            "signature_verification": {"type": "HMAC_SHA256", "header": "X-Sig", "algorithm": "SHA256", "secret": "***"},
            "additional_headers": [{"key": "X-Team", "value": "ops"}],
            "status": null, "creation_time_in_millis": 1.0, "modification_time_in_millis": 2.0
        }))
        .unwrap()
    }

    #[test]
    fn an_edit_that_leaves_secrets_alone_sends_no_secret_and_no_placeholder() {
        let original = WebhookForm::from_webhook(&existing());
        assert_eq!(original.auth, Some(AuthKind::BasicAuth));
        assert_eq!(
            original.auth_secret, "",
            "the placeholder is never put in the form"
        );
        let mut edited = original.clone();
        edited.description = "Reports for ops".into();
        edited.status = "DISABLED".into();
        let body = update_body(&original, &edited);
        assert_eq!(
            body,
            json!({"description": "Reports for ops", "status": "DISABLED"})
        );
        assert!(!body.to_string().contains("***"));
        assert!(validate_edit(&original, &edited).is_empty());
        assert_eq!(update_body(&original, &original), json!({}));
    }

    #[test]
    fn a_new_secret_sends_the_whole_section_and_removal_uses_reset_options() {
        let original = WebhookForm::from_webhook(&existing());
        let mut edited = original.clone();
        edited.auth_secret = "new-password".into();
        assert_eq!(
            update_body(&original, &edited),
            json!({"authentication": {"BASIC_AUTH": {"username": "ts", "password": "new-password"}}})
        );
        let mut edited = original.clone();
        edited.auth = Some(AuthKind::None);
        edited.signature = false;
        assert_eq!(
            update_body(&original, &edited),
            json!({"reset_options": ["AUTHENTICATION", "SIGNATURE_VERIFICATION"]})
        );
        // Changing the username without the password is caught before sending.
        let mut edited = original.clone();
        edited.auth_user = "other".into();
        let problems = validate_edit(&original, &edited);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].0, "auth_secret");
        assert!(!update_body(&original, &edited).to_string().contains("***"));
    }

    #[test]
    fn create_bodies_hold_every_section() {
        let f = WebhookForm {
            name: " Ops ".into(),
            url: "https://hooks.example.com/x".into(),
            url_params: "team=ops\n\nregion = eu".into(),
            auth: Some(AuthKind::ApiKey),
            auth_user: "X-Api-Key".into(),
            auth_secret: "k3y".into(),
            signature: true,
            signature_header: "X-Sig".into(),
            signature_secret: "s".into(),
            headers: "X-Team: ops".into(),
            ..Default::default()
        };
        assert!(validate(&f, None).is_empty(), "{:?}", validate(&f, None));
        assert_eq!(
            create_body(&f),
            json!({
                "name": "Ops", "url": "https://hooks.example.com/x", "events": ["LIVEBOARD_SCHEDULE"],
                "url_params": {"team": "ops", "region": "eu"},
                "authentication": {"API_KEY": {"key": "X-Api-Key", "value": "k3y"}},
                "signature_verification": {"type": "HMAC_SHA256", "header": "X-Sig", "algorithm": "SHA256", "secret": "s"},
                "additional_headers": [{"key": "X-Team", "value": "ops"}]
            })
        );
    }

    #[test]
    fn mismatches_need_both_facts() {
        let on = ["EMAIL".to_string(), "WEBHOOK".to_string()];
        let off = ["EMAIL".to_string()];
        assert_eq!(mismatch(Some(&on), Some(false)), Some(Mismatch::NoWebhook));
        assert_eq!(mismatch(Some(&off), Some(true)), Some(Mismatch::Unused));
        assert_eq!(mismatch(Some(&on), Some(true)), None);
        assert_eq!(mismatch(Some(&[]), Some(false)), None);
        assert_eq!(mismatch(None, Some(false)), None);
        assert_eq!(mismatch(Some(&on), None), None);
    }

    #[test]
    fn the_checks_name_each_problem() {
        let f = WebhookForm {
            url: "http://hooks.example.com".into(),
            auth: Some(AuthKind::OAuth2),
            auth_url: "ftp://x".into(),
            signature: true,
            signature_header: "Bad Header".into(),
            headers: "X-Ok: 1\nno colon".into(),
            url_params: "=v".into(),
            ..Default::default()
        };
        let fields: Vec<&str> = validate(&f, None).iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            [
                "name",
                "url",
                "url_params",
                "auth_user",
                "auth_url",
                "auth_secret",
                "signature_header",
                "signature_secret",
                "headers"
            ]
        );
        let local = WebhookForm {
            name: "n".into(),
            url: "http://localhost:9000/hook".into(),
            ..Default::default()
        };
        assert!(validate(&local, None).is_empty());
        assert!(valid_header_name("X-ThoughtSpot-Signature"));
        assert!(!valid_header_name("X Sig"));
    }
}
