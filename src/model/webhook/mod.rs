//! The webhook form: what the admin edits (`WebhookForm`), its checks
//! (`validate`), and the typed requests it becomes (`requests`). Secrets are
//! write-only: the server answers `***`, so an edit sends a secret only when
//! the admin typed a new one.

mod field;
mod mismatch;
mod requests;
mod validate;

pub use field::Field;
pub use mismatch::{mismatch, Mismatch};
pub use requests::{create_request, unheld, update_request};
pub use validate::{validate, Problem};

use super::release::{Feature, ReleaseInfo};
use crate::api::wire::{Status, Webhook};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum AuthKind {
    #[default]
    None,
    ApiKey,
    BasicAuth,
    BearerToken,
    OAuth2,
}

/// Whether the form's text and the server's say the same: the form trims
/// what it sends, the server may hold spaces around it.
pub(crate) fn same_text(a: &str, b: &str) -> bool {
    a.trim() == b.trim()
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

    /// The kind a webhook answered with.
    pub fn of(w: &Webhook) -> AuthKind {
        match &w.authentication {
            Some(a) if a.API_KEY.is_some() => AuthKind::ApiKey,
            Some(a) if a.BASIC_AUTH.is_some() => AuthKind::BasicAuth,
            Some(a) if a.BEARER_TOKEN.is_some() => AuthKind::BearerToken,
            Some(a) if a.OAUTH2.is_some() => AuthKind::OAuth2,
            _ => AuthKind::None,
        }
    }

    /// What the secret field is called for this kind.
    pub fn secret_label(self) -> &'static str {
        match self {
            AuthKind::ApiKey => "API key value",
            AuthKind::BasicAuth => "Password",
            AuthKind::BearerToken => "Bearer token",
            AuthKind::OAuth2 => "Client secret",
            AuthKind::None => "Secret",
        }
    }
}

/// What the cluster's release lets the form send.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormRules {
    /// `additional_headers` (26.4.0.cl).
    pub headers: bool,
    /// `status` (26.7.0.cl).
    pub status: bool,
    /// `reset_options` (26.7.0.cl): clearing authentication or signing.
    pub reset: bool,
    /// The release, for messages.
    pub release: ReleaseInfo,
}

impl FormRules {
    pub fn for_release(release: ReleaseInfo) -> Self {
        FormRules {
            headers: release.has(Feature::WebhookHeaders).ok(),
            status: release.has(Feature::WebhookStatus).ok(),
            reset: release.has(Feature::WebhookReset).ok(),
            release,
        }
    }

    /// Everything (an unknown or the newest release).
    pub fn all() -> Self {
        Self::for_release(ReleaseInfo::Unknown)
    }

    pub(crate) fn missing(&self, f: Feature) -> String {
        self.release.has(f).why_not(f).unwrap_or_default()
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
    pub auth: AuthKind,
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
    /// `None`: not set (the webhook is enabled).
    pub status: Option<Status>,
}

impl WebhookForm {
    /// The text of one plain field.
    pub fn text(&self, f: Field) -> &str {
        match f {
            Field::Name => &self.name,
            Field::Description => &self.description,
            Field::Url => &self.url,
            Field::UrlParams => &self.url_params,
            Field::AuthUser => &self.auth_user,
            Field::AuthUrl => &self.auth_url,
            Field::AuthSecret => &self.auth_secret,
            Field::SignatureHeader => &self.signature_header,
            Field::SignatureSecret => &self.signature_secret,
            Field::Headers => &self.headers,
            Field::Auth | Field::Signature | Field::Status => "",
        }
    }

    /// Sets one plain field.
    pub fn set_text(&mut self, f: Field, value: String) {
        let slot = match f {
            Field::Name => &mut self.name,
            Field::Description => &mut self.description,
            Field::Url => &mut self.url,
            Field::UrlParams => &mut self.url_params,
            Field::AuthUser => &mut self.auth_user,
            Field::AuthUrl => &mut self.auth_url,
            Field::AuthSecret => &mut self.auth_secret,
            Field::SignatureHeader => &mut self.signature_header,
            Field::SignatureSecret => &mut self.signature_secret,
            Field::Headers => &mut self.headers,
            Field::Auth | Field::Signature | Field::Status => return,
        };
        *slot = value;
    }

    /// The form for an existing webhook; secrets are left empty (unchanged).
    pub fn from_webhook(w: &Webhook) -> Self {
        let text = |v: &serde_json::Value| {
            v.as_str()
                .map(str::to_string)
                .unwrap_or_else(|| v.to_string())
        };
        let mut f = WebhookForm {
            name: w.name.clone(),
            description: w.description.clone().unwrap_or_default(),
            url: w.url.clone(),
            url_params: w
                .url_params
                .as_ref()
                .and_then(serde_json::Value::as_object)
                .map(|m| {
                    m.iter()
                        .map(|(k, v)| format!("{k}={}", text(v)))
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
            status: w.status.filter(|s| *s != Status::Other),
            auth: AuthKind::of(w),
            ..Default::default()
        };
        if let Some(a) = &w.authentication {
            if let Some(k) = &a.API_KEY {
                f.auth_user = k.key.clone();
            } else if let Some(b) = &a.BASIC_AUTH {
                f.auth_user = b.username.clone();
            } else if let Some(o) = &a.OAUTH2 {
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

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}

pub(crate) fn parse_pairs(text: &str, sep: char) -> Result<Vec<(String, String)>, String> {
    lines(text)
        .map(|l| {
            l.split_once(sep)
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                .ok_or_else(|| format!("{l:?} has no {sep:?}."))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::release::Release;
    use serde_json::{json, to_value};

    fn existing() -> Webhook {
        // A webhook as the server answers it: secrets redacted to `***`.
        serde_json::from_str(include_str!(
            "../../../tests/fixtures/webhook-existing.json"
        ))
        .unwrap()
    }

    fn on(release: &str) -> FormRules {
        FormRules::for_release(ReleaseInfo::Known(Release::parse(release).unwrap()))
    }

    fn fields(p: &[Problem]) -> Vec<Field> {
        p.iter().map(|p| p.field).collect()
    }

    #[test]
    fn an_edit_that_leaves_secrets_alone_sends_no_secret_and_no_placeholder() {
        let original = WebhookForm::from_webhook(&existing());
        assert_eq!(original.auth, AuthKind::BasicAuth);
        assert_eq!(
            original.auth_secret, "",
            "the placeholder is never put in the form"
        );
        let mut edited = original.clone();
        edited.description = "Reports for ops".into();
        edited.status = Some(Status::Disabled);
        let up = update_request("w1", &original, &edited, FormRules::all());
        assert_eq!(
            to_value(&up).unwrap(),
            json!({"description": "Reports for ops", "status": "DISABLED"})
        );
        assert!(!to_value(&up).unwrap().to_string().contains("***"));
        assert!(validate(&edited, Some(&original), FormRules::all()).is_empty());
        assert!(update_request("w1", &original, &original, FormRules::all()).is_empty());
    }

    #[test]
    fn clearing_the_status_enables_the_webhook() {
        let mut w = existing();
        w.status = Some(Status::Disabled);
        let original = WebhookForm::from_webhook(&w);
        let mut f = original.clone();
        f.status = None;
        assert_eq!(
            to_value(update_request(&w.id, &original, &f, FormRules::all())).unwrap(),
            json!({"status": "ENABLED"})
        );
    }

    #[test]
    fn an_untouched_webhook_sends_nothing_even_with_spaces_around_its_text() {
        let mut value: serde_json::Value = serde_json::from_str(include_str!(
            "../../../tests/fixtures/webhook-existing.json"
        ))
        .unwrap();
        value["name"] = json!(" Ops ");
        value["url"] = json!("https://hooks.example.com/ops ");
        value["description"] = json!("Daily\n");
        value["authentication"]["BASIC_AUTH"]["username"] = json!(" ts ");
        value["signature_verification"]["header"] = json!("X-Sig ");
        let w: Webhook = serde_json::from_value(value).unwrap();
        let f = WebhookForm::from_webhook(&w);
        assert!(update_request(&w.id, &f, &f, FormRules::all()).is_empty());
        // Nor does it ask for the secrets again.
        assert_eq!(fields(&validate(&f, Some(&f), FormRules::all())), []);
    }

    #[test]
    fn a_new_secret_sends_the_whole_section_and_removal_uses_reset_options() {
        let original = WebhookForm::from_webhook(&existing());
        let mut edited = original.clone();
        edited.auth_secret = "new-password".into();
        assert_eq!(
            to_value(update_request("w1", &original, &edited, FormRules::all())).unwrap(),
            json!({"authentication": {"BASIC_AUTH": {"username": "ts", "password": "new-password"}}})
        );
        let mut edited = original.clone();
        edited.auth = AuthKind::None;
        edited.signature = false;
        assert_eq!(
            to_value(update_request("w1", &original, &edited, FormRules::all())).unwrap(),
            json!({"reset_options": ["AUTHENTICATION", "SIGNATURE_VERIFICATION"]})
        );
        // Changing the username without the password is caught before sending.
        let mut edited = original.clone();
        edited.auth_user = "other".into();
        let problems = validate(&edited, Some(&original), FormRules::all());
        assert_eq!(fields(&problems), [Field::AuthSecret]);
        let up = update_request("w1", &original, &edited, FormRules::all());
        assert!(!to_value(&up).unwrap().to_string().contains("***"));
    }

    #[test]
    fn create_requests_hold_every_section() {
        let f = WebhookForm {
            name: " Ops ".into(),
            url: "https://hooks.example.com/x".into(),
            url_params: "team=ops\n\nregion = eu".into(),
            auth: AuthKind::ApiKey,
            auth_user: "X-Api-Key".into(),
            auth_secret: "k3y".into(),
            signature: true,
            signature_header: "X-Sig".into(),
            signature_secret: "s".into(),
            headers: "X-Team: ops".into(),
            status: Some(Status::Enabled),
            ..Default::default()
        };
        assert!(validate(&f, None, FormRules::all()).is_empty());
        assert_eq!(
            to_value(create_request(&f, FormRules::all())).unwrap(),
            json!({
                "name": "Ops", "url": "https://hooks.example.com/x", "events": ["LIVEBOARD_SCHEDULE"],
                "url_params": {"region": "eu", "team": "ops"},
                "authentication": {"API_KEY": {"key": "X-Api-Key", "value": "k3y"}},
                "signature_verification": {"type": "HMAC_SHA256", "header": "X-Sig", "algorithm": "SHA256", "secret": "s"},
                "additional_headers": [{"key": "X-Team", "value": "ops"}],
                "status": "ENABLED"
            })
        );
    }

    #[test]
    fn no_field_newer_than_the_release_is_sent() {
        let f = WebhookForm {
            name: "Ops".into(),
            url: "https://hooks.example.com/x".into(),
            headers: "X-Team: ops".into(),
            status: Some(Status::Disabled),
            ..Default::default()
        };
        let old = to_value(create_request(&f, on("10.14.0.cl"))).unwrap();
        assert_eq!(old.get("additional_headers"), None);
        assert_eq!(old.get("status"), None);
        let mid = to_value(create_request(&f, on("26.4.0.cl"))).unwrap();
        assert!(mid.get("additional_headers").is_some());
        assert_eq!(mid.get("status"), None);
        let new = to_value(create_request(&f, on("26.7.0.cl"))).unwrap();
        assert_eq!(new["status"], "DISABLED");
        // Headers typed on a release without them are a problem, named as such.
        let p = validate(&f, None, on("26.2.0.cl"));
        assert_eq!(fields(&p), [Field::Headers]);
        assert!(
            p[0].message.contains("needs ThoughtSpot 26.4.0.cl"),
            "{}",
            p[0].message
        );
        // Removing authentication or signing needs reset_options (26.7).
        let original = WebhookForm::from_webhook(&existing());
        let mut bare = original.clone();
        bare.auth = AuthKind::None;
        bare.signature = false;
        bare.headers.clear();
        let p = validate(&bare, Some(&original), on("26.4.0.cl"));
        assert_eq!(fields(&p), [Field::Auth, Field::Signature]);
        let up = to_value(update_request("w1", &original, &bare, on("26.4.0.cl"))).unwrap();
        assert_eq!(up.get("reset_options"), None);
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
            auth: AuthKind::OAuth2,
            auth_url: "ftp://x".into(),
            signature: true,
            signature_header: "Bad Header".into(),
            headers: "X-Ok: 1\nno colon".into(),
            url_params: "=v".into(),
            ..Default::default()
        };
        assert_eq!(
            fields(&validate(&f, None, FormRules::all())),
            [
                Field::Name,
                Field::Url,
                Field::UrlParams,
                Field::AuthUser,
                Field::AuthUrl,
                Field::AuthSecret,
                Field::SignatureHeader,
                Field::SignatureSecret,
                Field::Headers
            ]
        );
        let local = WebhookForm {
            name: "n".into(),
            url: "http://localhost:9000/hook".into(),
            ..Default::default()
        };
        assert!(validate(&local, None, FormRules::all()).is_empty());
        let near_miss = WebhookForm {
            url: "http://127.evil.example/hook".into(),
            ..local
        };
        assert_eq!(
            fields(&validate(&near_miss, None, FormRules::all())),
            [Field::Url]
        );
        assert!(valid_header_name("X-ThoughtSpot-Signature"));
        assert!(!valid_header_name("X Sig"));
    }

    #[test]
    fn unheld_names_every_field_a_request_carries_and_nothing_a_server_writes_differently() {
        let rules =
            FormRules::for_release(ReleaseInfo::Known(Release::parse("26.8.0.cl").unwrap()));
        let want = WebhookForm {
            name: "Finance".into(),
            url: "https://a.example/x".into(),
            url_params: "a=1\nb=2".into(),
            auth: AuthKind::ApiKey,
            auth_user: "X-Key".into(),
            headers: "X-T: v".into(),
            ..Default::default()
        };
        // The same, as a server answers it: spaces, order, status not set.
        let mut has = want.clone();
        has.name = " Finance ".into();
        has.url_params = "b=2\na=1".into();
        has.headers = "X-T:  v".into();
        has.status = Some(Status::Enabled);
        assert_eq!(unheld(&has, &want, rules), []);
        has.description = "other".into();
        has.status = Some(Status::Disabled);
        has.url_params = "a=1".into();
        has.signature = true;
        assert_eq!(
            unheld(&has, &want, rules),
            [
                Field::Description,
                Field::UrlParams,
                Field::Signature,
                Field::Status
            ]
        );
        // A release without status or headers does not count them.
        let old = FormRules::for_release(ReleaseInfo::Known(Release::parse("26.2.0.cl").unwrap()));
        has.headers = "X-Other: 1".into();
        assert!(!unheld(&has, &want, old).contains(&Field::Status));
        assert!(!unheld(&has, &want, old).contains(&Field::Headers));
        assert!(unheld(&has, &want, rules).contains(&Field::Headers));
    }
}
