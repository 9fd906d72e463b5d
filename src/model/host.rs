//! The ThoughtSpot host the admin types: checked and normalised before use.

/// Is this host name a loopback address?
pub fn is_loopback(host: &str) -> bool {
    let h = host.trim_start_matches('[').trim_end_matches(']');
    h == "localhost" || h.ends_with(".localhost") || h == "::1" || h.starts_with("127.")
}

/// The base URL requests are sent to: `""` (same origin: the dev proxy or a
/// reverse proxy in front of the panel), or `scheme://authority[/path]` with no
/// trailing slash. `https` is required; `http` only for loopback, or when the
/// admin has confirmed the risk (`allow_insecure`).
pub fn normalize_host(input: &str, allow_insecure: bool) -> Result<String, String> {
    let s = input.trim().trim_end_matches('/');
    if s.is_empty() {
        return Ok(String::new());
    }
    let (scheme, rest) = s.split_once("://").ok_or_else(|| {
        "The host must start with https:// (for example https://my-company.thoughtspot.cloud)."
            .to_string()
    })?;
    let scheme = scheme.to_ascii_lowercase();
    if rest.contains(['?', '#', ' ', '@']) {
        return Err("The host may not contain spaces, a query, a fragment or credentials.".into());
    }
    let authority = rest.split('/').next().unwrap_or_default();
    let name = match authority.rfind(':') {
        Some(i) if !authority.ends_with(']') => &authority[..i],
        _ => authority,
    };
    if name.is_empty() {
        return Err("The host has no name.".into());
    }
    match scheme.as_str() {
        "https" => {}
        "http" if is_loopback(name) || allow_insecure => {}
        "http" => {
            return Err(
                "Plain http:// would send the token unencrypted: use https://, or confirm the risk under Advanced."
                    .into(),
            )
        }
        _ => return Err("The host must start with https://.".into()),
    }
    Ok(format!("{scheme}://{rest}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_https_same_origin_and_loopback_http() {
        assert_eq!(normalize_host("  ", false), Ok(String::new()));
        assert_eq!(
            normalize_host("https://acme.thoughtspot.cloud/", false),
            Ok("https://acme.thoughtspot.cloud".into())
        );
        assert_eq!(
            normalize_host("HTTPS://ts.example.com:8443/proxy/", false),
            Ok("https://ts.example.com:8443/proxy".into())
        );
        assert_eq!(
            normalize_host("http://localhost:8787", false),
            Ok("http://localhost:8787".into())
        );
        assert_eq!(
            normalize_host("http://127.0.0.1:8787", false),
            Ok("http://127.0.0.1:8787".into())
        );
        assert_eq!(
            normalize_host("http://[::1]:8787", false),
            Ok("http://[::1]:8787".into())
        );
    }

    #[test]
    fn refuses_the_rest_with_a_reason() {
        for bad in [
            "acme.thoughtspot.cloud",
            "http://acme.thoughtspot.cloud",
            "http://localhost.evil.com",
            "ftp://x",
            "https://",
            "https://a b",
            "https://user:pw@host",
            "https://host?token=1",
        ] {
            let err = normalize_host(bad, false).unwrap_err();
            assert!(!err.is_empty(), "{bad}");
        }
        assert!(normalize_host("http://ts.corp", false)
            .unwrap_err()
            .contains("unencrypted"));
        assert_eq!(
            normalize_host("http://ts.corp", true),
            Ok("http://ts.corp".into())
        );
        assert!(normalize_host("ftp://ts.corp", true).is_err());
    }
}
