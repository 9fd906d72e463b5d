//! The webhook form's fields: for problems, element ids, and what a change touches.

/// The form's fields, for problems and element ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Description,
    Url,
    UrlParams,
    Auth,
    AuthUser,
    AuthUrl,
    AuthSecret,
    Signature,
    SignatureHeader,
    SignatureSecret,
    Headers,
    Status,
}

impl Field {
    /// The field in words, as a list of what a change touches names it.
    pub fn noun(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Description => "description",
            Field::Url => "URL",
            Field::UrlParams => "URL parameters",
            Field::Auth => "authentication",
            Field::AuthUser => "authentication user or key name",
            Field::AuthUrl => "authorization URL",
            Field::AuthSecret => "authentication secret",
            Field::Signature => "signing",
            Field::SignatureHeader => "signature header",
            Field::SignatureSecret => "signing secret",
            Field::Headers => "headers",
            Field::Status => "status",
        }
    }

    /// The element id's tail (`wh-…`).
    pub fn key(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Description => "description",
            Field::Url => "url",
            Field::UrlParams => "url_params",
            Field::Auth => "auth",
            Field::AuthUser => "auth_user",
            Field::AuthUrl => "auth_url",
            Field::AuthSecret => "auth_secret",
            Field::Signature => "signature",
            Field::SignatureHeader => "signature_header",
            Field::SignatureSecret => "signature_secret",
            Field::Headers => "headers",
            Field::Status => "status",
        }
    }
}
