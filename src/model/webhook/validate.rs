//! The webhook form's checks: problems keyed by field, in form order, with
//! the release's limits (a field or a removal the cluster's release lacks is
//! a problem, named with the release it needs).

use super::{parse_pairs, same_text, valid_header_name, AuthKind, Field, FormRules, WebhookForm};
use crate::model::release::Feature;
use crate::model::url::webhook_url_ok;

/// One thing to fix before the form can be sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub field: Field,
    pub message: String,
}

fn problem(field: Field, message: impl Into<String>) -> Problem {
    Problem {
        field,
        message: message.into(),
    }
}

/// Problems, in form order. `original`: the webhook being edited (its secrets
/// may stay empty when their section does not change: the server keeps them).
pub fn validate(
    form: &WebhookForm,
    original: Option<&WebhookForm>,
    rules: FormRules,
) -> Vec<Problem> {
    let mut out = Vec::new();
    basics(form, &mut out);
    authentication(form, original, rules, &mut out);
    signing(form, original, rules, &mut out);
    headers(form, rules, &mut out);
    out
}

fn basics(form: &WebhookForm, out: &mut Vec<Problem>) {
    if form.name.trim().is_empty() {
        out.push(problem(Field::Name, "A name is required."));
    }
    if form.url.trim().is_empty() {
        out.push(problem(Field::Url, "A URL is required."));
    } else if let Err(e) = webhook_url_ok(form.url.trim()) {
        out.push(problem(Field::Url, e));
    }
    match parse_pairs(&form.url_params, '=') {
        Err(e) => out.push(problem(
            Field::UrlParams,
            format!("URL parameters are key=value lines: {e}"),
        )),
        Ok(p) if p.iter().any(|(k, _)| k.is_empty()) => {
            out.push(problem(Field::UrlParams, "A URL parameter has no name."))
        }
        Ok(_) => {}
    }
}

fn authentication(
    form: &WebhookForm,
    original: Option<&WebhookForm>,
    rules: FormRules,
    out: &mut Vec<Problem>,
) {
    let kind = form.auth;
    let was = original.map(|o| o.auth);
    if kind == AuthKind::None && was.is_some_and(|w| w != AuthKind::None) && !rules.reset {
        out.push(problem(Field::Auth, rules.missing(Feature::WebhookReset)));
    }
    match kind {
        AuthKind::ApiKey if form.auth_user.trim().is_empty() => {
            out.push(problem(Field::AuthUser, "The API key needs a name."))
        }
        AuthKind::BasicAuth if form.auth_user.trim().is_empty() => {
            out.push(problem(Field::AuthUser, "Basic auth needs a username."))
        }
        AuthKind::OAuth2 => {
            if form.auth_user.trim().is_empty() {
                out.push(problem(Field::AuthUser, "OAuth 2 needs a client id."));
            }
            if let Err(e) = webhook_url_ok(form.auth_url.trim()) {
                out.push(problem(Field::AuthUrl, format!("Authorization URL: {e}")));
            }
        }
        _ => {}
    }
    if kind == AuthKind::None || !form.auth_secret.is_empty() {
        return;
    }
    match original.filter(|o| o.auth == kind) {
        None => out.push(problem(
            Field::AuthSecret,
            "Enter the secret for this authentication.",
        )),
        Some(o)
            if !same_text(&form.auth_user, &o.auth_user)
                || !same_text(&form.auth_url, &o.auth_url) =>
        {
            out.push(problem(
                Field::AuthSecret,
                "Changing the authentication needs its secret again.",
            ))
        }
        Some(_) => {}
    }
}

fn signing(
    form: &WebhookForm,
    original: Option<&WebhookForm>,
    rules: FormRules,
    out: &mut Vec<Problem>,
) {
    if !form.signature {
        if original.is_some_and(|o| o.signature) && !rules.reset {
            out.push(problem(
                Field::Signature,
                rules.missing(Feature::WebhookReset),
            ));
        }
        return;
    }
    if !valid_header_name(form.signature_header.trim()) {
        out.push(problem(
            Field::SignatureHeader,
            "The signature header must be a valid header name.",
        ));
    }
    if form.signature_secret.is_empty() {
        match original.filter(|o| o.signature) {
            None => out.push(problem(Field::SignatureSecret, "Enter the signing secret.")),
            Some(o) if !same_text(&form.signature_header, &o.signature_header) => {
                out.push(problem(
                    Field::SignatureSecret,
                    "Changing the signature header needs the secret again.",
                ))
            }
            Some(_) => {}
        }
    }
}

fn headers(form: &WebhookForm, rules: FormRules, out: &mut Vec<Problem>) {
    match parse_pairs(&form.headers, ':') {
        Err(e) => out.push(problem(
            Field::Headers,
            format!("Headers are \"Name: value\" lines: {e}"),
        )),
        Ok(h) => {
            if let Some((bad, _)) = h.iter().find(|(k, _)| !valid_header_name(k)) {
                out.push(problem(
                    Field::Headers,
                    format!("{bad:?} is not a valid header name."),
                ));
            } else if !h.is_empty() && !rules.headers {
                out.push(problem(
                    Field::Headers,
                    rules.missing(Feature::WebhookHeaders),
                ));
            }
        }
    }
}
