//! The typed requests the webhook form becomes: `create`, and `update` with
//! only what changed. Fields newer than the cluster's release are never sent.

use super::{parse_pairs, same_text, AuthKind, Field, FormRules, WebhookForm};
use crate::api::wire::{
    AuthenticationInput, CreateWebhook, EventType, KeyValue, ResetOption, SignatureInput, Status,
    UpdateWebhook, WebhookFields,
};
use std::collections::BTreeMap;

fn authentication(form: &WebhookForm) -> Option<AuthenticationInput> {
    let (user, secret) = (form.auth_user.trim().to_string(), form.auth_secret.clone());
    Some(match form.auth {
        AuthKind::None => return None,
        AuthKind::ApiKey => AuthenticationInput::ApiKey {
            key: user,
            value: secret,
        },
        AuthKind::BasicAuth => AuthenticationInput::BasicAuth {
            username: user,
            password: secret,
        },
        AuthKind::BearerToken => AuthenticationInput::BearerToken(secret),
        AuthKind::OAuth2 => AuthenticationInput::OAuth2 {
            authorization_url: form.auth_url.trim().to_string(),
            client_id: user,
            client_secret: secret,
        },
    })
}

fn url_params(form: &WebhookForm) -> BTreeMap<String, String> {
    parse_pairs(&form.url_params, '=')
        .unwrap_or_default()
        .into_iter()
        .collect()
}

fn headers(form: &WebhookForm) -> Vec<KeyValue> {
    parse_pairs(&form.headers, ':')
        .unwrap_or_default()
        .into_iter()
        .map(|(key, value)| KeyValue { key, value })
        .collect()
}

fn signature(form: &WebhookForm) -> SignatureInput {
    SignatureInput {
        kind: Default::default(),
        header: form.signature_header.trim().to_string(),
        algorithm: Default::default(),
        secret: form.signature_secret.clone(),
    }
}

fn non_empty(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// The `webhooks/create` request (for a form `validate` accepts).
pub fn create_request(form: &WebhookForm, rules: FormRules) -> CreateWebhook {
    let params = url_params(form);
    let heads = headers(form);
    CreateWebhook {
        name: form.name.trim().to_string(),
        url: form.url.trim().to_string(),
        events: vec![EventType::LiveboardSchedule],
        fields: WebhookFields {
            description: non_empty(&form.description),
            url_params: (!params.is_empty()).then_some(params),
            authentication: authentication(form),
            signature_verification: form.signature.then(|| signature(form)),
            additional_headers: (rules.headers && !heads.is_empty()).then_some(heads),
            status: form.status.filter(|_| rules.status),
        },
    }
}

/// The `webhooks/{id}/update` request: only what changed. A secret goes out
/// only when the admin typed one (or chose another auth type); `***` never
/// does. Removing authentication or signing uses `reset_options` (26.7.0.cl).
pub fn update_request(
    id: &str,
    original: &WebhookForm,
    form: &WebhookForm,
    rules: FormRules,
) -> UpdateWebhook {
    // Text the admin did not change is not sent, even where the server holds
    // it with spaces the form would trim.
    let changed = |a: &str, b: &str| (!same_text(a, b)).then(|| a.trim().to_string());
    let mut reset = Vec::new();
    let authentication = if form.auth == AuthKind::None && original.auth != AuthKind::None {
        reset.push(ResetOption::Authentication);
        None
    } else if !form.auth_secret.is_empty() {
        // The API takes the authentication whole: it goes out with its secret or
        // not at all (`validate` asks for the secret when a detail changes).
        authentication(form)
    } else {
        None
    };
    let signature_verification = if !form.signature && original.signature {
        reset.push(ResetOption::SignatureVerification);
        None
    } else {
        (form.signature && !form.signature_secret.is_empty()).then(|| signature(form))
    };
    let (params, heads) = (url_params(form), headers(form));
    UpdateWebhook {
        id: id.to_string(),
        name: changed(&form.name, &original.name),
        url: changed(&form.url, &original.url),
        fields: WebhookFields {
            description: changed(&form.description, &original.description),
            url_params: (params != url_params(original)).then_some(params),
            authentication,
            signature_verification,
            additional_headers: (rules.headers && heads != headers(original)).then_some(heads),
            // "Not set" after a status means enabled: the API cannot clear it.
            status: (rules.status && form.status != original.status)
                .then(|| form.status.unwrap_or(Status::Enabled)),
        },
        reset_options: (rules.reset && !reset.is_empty()).then_some(reset),
    }
}

/// The fields of `want` (secrets aside) that a webhook holding `has` does not
/// hold as a create or update of `want` would send them, on a release with
/// `rules`: the text trimmed, URL parameters and headers as pairs, a status
/// not set as enabled. Empty: `has` is what `want` asks for.
pub fn unheld(has: &WebhookForm, want: &WebhookForm, rules: FormRules) -> Vec<Field> {
    let mut out = Vec::new();
    let mut note = |differ: bool, f: Field| {
        if differ {
            out.push(f);
        }
    };
    note(!same_text(&has.name, &want.name), Field::Name);
    note(
        !same_text(&has.description, &want.description),
        Field::Description,
    );
    note(!same_text(&has.url, &want.url), Field::Url);
    note(url_params(has) != url_params(want), Field::UrlParams);
    note(has.auth != want.auth, Field::Auth);
    let details = want.auth != AuthKind::None && want.auth != AuthKind::BearerToken;
    note(
        details && !same_text(&has.auth_user, &want.auth_user),
        Field::AuthUser,
    );
    let oauth = want.auth == AuthKind::OAuth2;
    note(
        oauth && !same_text(&has.auth_url, &want.auth_url),
        Field::AuthUrl,
    );
    note(has.signature != want.signature, Field::Signature);
    let header = want.signature && !same_text(&has.signature_header, &want.signature_header);
    note(header, Field::SignatureHeader);
    note(
        rules.headers && headers(has) != headers(want),
        Field::Headers,
    );
    let status = |f: &WebhookForm| f.status.unwrap_or(Status::Enabled);
    note(rules.status && status(has) != status(want), Field::Status);
    out
}
