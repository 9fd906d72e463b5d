//! The one URL reader: the ThoughtSpot host the admin types and a webhook's
//! URL are both checked here, and "this computer" (loopback) means what the
//! operating system means by it.

use std::net::{Ipv4Addr, Ipv6Addr};

/// The parts of an absolute `scheme://host[:port][/path]` URL the panel checks.
#[derive(Debug, PartialEq, Eq)]
pub struct Url<'a> {
    /// Lower case.
    pub scheme: String,
    /// The host name or address, without the brackets of an IPv6 address.
    pub host: &'a str,
    pub port: Option<&'a str>,
    /// Everything after the authority (path, query, fragment).
    pub rest: &'a str,
}

/// Reads an absolute URL; the message says what is wrong.
pub fn parse(text: &str) -> Result<Url<'_>, &'static str> {
    let (scheme, after) = text
        .split_once("://")
        .ok_or("The URL must start with https://.")?;
    if scheme.is_empty()
        || !scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
    {
        return Err("The URL must start with https://.");
    }
    if text.contains(|c: char| c.is_whitespace() || c.is_control()) {
        return Err("The URL may not contain spaces.");
    }
    let end = after.find(['/', '?', '#']).unwrap_or(after.len());
    let (authority, rest) = after.split_at(end);
    if authority.contains('@') {
        return Err("The URL may not contain a user name or password.");
    }
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (h, tail) = v6
            .split_once(']')
            .ok_or("The URL's IPv6 address has no closing ].")?;
        match tail {
            "" => (h, None),
            t => (
                h,
                Some(
                    t.strip_prefix(':')
                        .ok_or("The URL's port is not a number.")?,
                ),
            ),
        }
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    if host.is_empty() {
        return Err("The URL has no host.");
    }
    if let Some(p) = port {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) || p.parse::<u16>().is_err() {
            return Err("The URL's port is not a number from 0 to 65535.");
        }
    }
    Ok(Url {
        scheme: scheme.to_ascii_lowercase(),
        host,
        port,
        rest,
    })
}

/// Is this host this computer? `localhost` and names under `.localhost`, an
/// IPv4 address in 127.0.0.0/8 (read as an address, not as a name that starts
/// with "127."), and `::1`. Case does not matter; brackets are allowed.
pub fn is_loopback(host: &str) -> bool {
    let h = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_ascii_lowercase();
    if h == "localhost" || h.ends_with(".localhost") {
        return true;
    }
    if let Ok(v4) = h.parse::<Ipv4Addr>() {
        return v4.is_loopback();
    }
    h.parse::<Ipv6Addr>().is_ok_and(|v6| v6.is_loopback())
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
    if !s.contains("://") {
        return Err(
            "The host must start with https:// (for example https://my-company.thoughtspot.cloud)."
                .into(),
        );
    }
    let url = parse(s).map_err(str::to_string)?;
    if url.rest.contains(['?', '#']) {
        return Err("The host may not contain a query or a fragment.".into());
    }
    match url.scheme.as_str() {
        "https" => {}
        "http" if is_loopback(url.host) || allow_insecure => {}
        "http" => {
            return Err(
                "Plain http:// would send the token unencrypted: use https://, or confirm the risk under Advanced."
                    .into(),
            )
        }
        _ => return Err("The host must start with https://.".into()),
    }
    let (_, after) = s.split_once("://").unwrap_or_default();
    Ok(format!("{}://{after}", url.scheme))
}

/// A webhook receiver's URL: https, or http to this computer only.
pub fn webhook_url_ok(text: &str) -> Result<(), &'static str> {
    let url = parse(text)?;
    match url.scheme.as_str() {
        "https" => Ok(()),
        "http" if is_loopback(url.host) => Ok(()),
        "http" => Err("The URL must use https:// (http:// only for localhost)."),
        _ => Err("The URL must start with https://."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_is_what_the_os_means() {
        for yes in [
            "localhost",
            "LOCALHOST",
            "app.localhost",
            "127.0.0.1",
            "127.255.1.2",
            "::1",
            "[::1]",
            "0:0:0:0:0:0:0:1",
        ] {
            assert!(is_loopback(yes), "{yes}");
        }
        for no in [
            "127.evil.example",
            "127.0.0.1.nip.example",
            "localhost.example",
            "localhost.",
            "notlocalhost",
            "128.0.0.1",
            "127.1",
            "127.0.0.256",
            "::2",
            "[::1].example",
            "",
        ] {
            assert!(!is_loopback(no), "{no}");
        }
    }

    #[test]
    fn the_thoughtspot_host_allows_http_only_to_this_computer() {
        assert_eq!(normalize_host("  ", false), Ok(String::new()));
        assert_eq!(
            normalize_host("https://acme.thoughtspot.cloud/", false),
            Ok("https://acme.thoughtspot.cloud".into())
        );
        assert_eq!(
            normalize_host("HTTPS://ts.example.com:8443/proxy/", false),
            Ok("https://ts.example.com:8443/proxy".into())
        );
        for ok in [
            "http://localhost:8787",
            "http://127.0.0.1:8787",
            "http://[::1]:8787",
            "http://LOCALHOST:8787",
            "http://panel.localhost",
        ] {
            assert!(normalize_host(ok, false).is_ok(), "{ok}");
        }
        for near_miss in [
            "http://127.evil.example",
            "http://127.0.0.1.nip.example:8787",
            "http://localhost.example",
            "http://localhost.evil.com",
        ] {
            let err = normalize_host(near_miss, false).unwrap_err();
            assert!(err.contains("unencrypted"), "{near_miss}: {err}");
        }
        assert_eq!(
            normalize_host("http://ts.corp", true),
            Ok("http://ts.corp".into())
        );
    }

    #[test]
    fn malformed_hosts_are_refused_with_a_reason() {
        for bad in [
            "acme.thoughtspot.cloud",
            "ftp://x",
            "https://",
            "https://a b",
            "https://user:pw@host",
            "https://host?token=1",
            "https://host#x",
            "https://host:99999",
            "https://host:x",
            "https://[::1",
            "http://[::1].example",
        ] {
            assert!(normalize_host(bad, false).is_err(), "{bad}");
            assert!(normalize_host(bad, true).is_err(), "{bad}");
        }
    }

    #[test]
    fn webhook_urls_follow_the_same_loopback_rule() {
        assert!(webhook_url_ok("https://hooks.example.com/x").is_ok());
        assert!(webhook_url_ok("http://localhost:9000/hook").is_ok());
        assert!(webhook_url_ok("http://127.0.0.1:9000/hook").is_ok());
        assert!(webhook_url_ok("http://[::1]:9000/").is_ok());
        for bad in [
            "http://127.evil.example/hook",
            "http://127.0.0.1.nip.example/hook",
            "http://localhost.example/hook",
            "http://hooks.example.com",
            "ftp://hooks.example.com",
            "hooks.example.com",
            "https:// spaced.example.com",
        ] {
            assert!(webhook_url_ok(bad).is_err(), "{bad}");
        }
    }
}
