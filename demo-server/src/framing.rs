//! The panel's own protection, sent as headers with its files, as the README's
//! nginx and Caddy recipes send it: the Content-Security-Policy of its
//! `index.html` (a policy in a `<meta>` cannot forbid framing) with
//! `frame-ancestors 'none'`, and `X-Frame-Options: DENY` for browsers that
//! know only that. Another site cannot show the panel in a frame.

use axum::{
    extract::{Request, State},
    http::{header, HeaderValue},
    middleware::Next,
    response::Response,
};

/// Used when the folder has no `index.html` with a policy.
const FALLBACK: &str = "default-src 'none'";

/// The policy of a page's `<meta http-equiv="Content-Security-Policy">`.
pub fn meta_policy(html: &str) -> Option<String> {
    let at = html.find("Content-Security-Policy")?;
    let rest = &html[at..];
    let content = rest.find("content=\"")? + "content=\"".len();
    let end = rest[content..].find('"')?;
    Some(rest[content..content + end].trim().to_string())
}

/// The policy to send: the page's own, and no framing.
pub fn header_policy(page: Option<&str>) -> String {
    let base = page.unwrap_or(FALLBACK).trim_end_matches([' ', ';']);
    format!("{base}; frame-ancestors 'none'")
}

/// The headers for the files of a folder, from its `index.html`.
#[derive(Clone)]
pub struct Headers {
    csp: HeaderValue,
}

impl Headers {
    pub fn for_dir(dir: &std::path::Path) -> Self {
        let html = std::fs::read_to_string(dir.join("index.html")).unwrap_or_default();
        let policy = header_policy(meta_policy(&html).as_deref());
        Headers {
            csp: HeaderValue::from_str(&policy)
                .unwrap_or_else(|_| HeaderValue::from_static("frame-ancestors 'none'")),
        }
    }
}

/// Adds the headers to every file served.
pub async fn protect(State(h): State<Headers>, req: Request, next: Next) -> Response {
    let mut r = next.run(req).await;
    let headers = r.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, h.csp.clone());
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_is_the_page_s_policy_without_framing() {
        let html = r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'" />"#;
        assert_eq!(
            meta_policy(html).as_deref(),
            Some("default-src 'none'; script-src 'self'")
        );
        assert_eq!(
            header_policy(meta_policy(html).as_deref()),
            "default-src 'none'; script-src 'self'; frame-ancestors 'none'"
        );
        assert_eq!(
            header_policy(None),
            "default-src 'none'; frame-ancestors 'none'"
        );
    }
}
