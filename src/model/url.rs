//! The one URL reader: the ThoughtSpot host the admin types and a webhook's
//! URL are read the way the browser's `fetch` will read them, by the WHATWG
//! URL standard (`whatwg`: in the page, the browser's own `URL`; in host
//! tests, the conformant `url` crate). Every decision about a host — loopback
//! or not, where the token goes, the key work is kept under, what the
//! session bar shows — is made on that reading, never on the text as typed.

/// What the WHATWG parser reads from a URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parsed {
    /// Lower case, without the colon.
    pub scheme: String,
    /// A user name or password is there.
    pub userinfo: bool,
    /// As serialized: lower case, IDNA as punycode, IPv4 in dotted decimal,
    /// IPv6 compressed in brackets.
    pub hostname: String,
    /// Empty for the scheme's default port.
    pub port: String,
    pub path: String,
    /// A non-empty query or fragment is there.
    pub query_or_fragment: bool,
}

/// The browser's reading (`new URL(text)`).
#[cfg(target_arch = "wasm32")]
pub fn whatwg(text: &str) -> Option<Parsed> {
    let u = web_sys::Url::new(text).ok()?;
    Some(Parsed {
        scheme: u.protocol().trim_end_matches(':').to_string(),
        userinfo: !u.username().is_empty() || !u.password().is_empty(),
        hostname: u.hostname(),
        port: u.port(),
        path: u.pathname(),
        query_or_fragment: !u.search().is_empty() || !u.hash().is_empty(),
    })
}

/// The same reading on the host, by a conformant parser.
#[cfg(not(target_arch = "wasm32"))]
pub fn whatwg(text: &str) -> Option<Parsed> {
    let u = url::Url::parse(text).ok()?;
    Some(Parsed {
        scheme: u.scheme().to_string(),
        userinfo: !u.username().is_empty() || u.password().is_some_and(|p| !p.is_empty()),
        hostname: u.host_str().unwrap_or_default().to_string(),
        port: u.port().map(|p| p.to_string()).unwrap_or_default(),
        path: u.path().to_string(),
        query_or_fragment: u.query().is_some_and(|q| !q.is_empty())
            || u.fragment().is_some_and(|f| !f.is_empty()),
    })
}

/// Is this host (as the parser serializes it) this computer? `localhost`
/// and names under `.localhost`, an IPv4 address in 127.0.0.0/8 (after
/// parsing, four decimal parts: `127.1` has become `127.0.0.1`), and `[::1]`.
pub fn is_loopback(hostname: &str) -> bool {
    let h = hostname.to_ascii_lowercase();
    if h == "localhost" || h.ends_with(".localhost") || h == "[::1]" {
        return true;
    }
    // Four decimal parts of at most 255, the first 127 (the parser wrote
    // every IPv4 address so; a name cannot end in a number).
    h.starts_with("127.")
        && h.split('.').count() == 4
        && h.split('.').all(|p| {
            (1..=3).contains(&p.len())
                && p.bytes().all(|b| b.is_ascii_digit())
                && (p.len() < 3 || p <= "255")
        })
}

/// Reads a URL the admin typed; the message says what is wrong. Text with
/// spaces or control characters is refused before parsing (the parser
/// would silently drop some of them).
fn read(text: &str) -> Result<Parsed, String> {
    if text.contains(|c: char| c.is_whitespace() || c.is_control()) {
        return Err("The URL may not contain spaces or control characters.".into());
    }
    if !text.contains("://") {
        return Err("The URL must start with https://.".into());
    }
    let u = whatwg(text).ok_or("This is not a URL the browser can read.")?;
    if u.userinfo {
        return Err("The URL may not contain a user name or password.".into());
    }
    Ok(u)
}

/// `scheme://hostname[:port]`, as the browser reads it.
fn origin(u: &Parsed) -> String {
    match u.port.as_str() {
        "" => format!("{}://{}", u.scheme, u.hostname),
        p => format!("{}://{}:{p}", u.scheme, u.hostname),
    }
}

/// The base URL requests are sent to: `""` (same origin: the dev proxy or a
/// reverse proxy in front of the panel), or `scheme://host[:port][/path]` as
/// the browser reads it, with no trailing slash. `https` is required; `http`
/// only for this computer, or when the admin has confirmed the risk
/// (`allow_insecure`).
pub fn normalize_host(input: &str, allow_insecure: bool) -> Result<String, String> {
    let s = input.trim();
    if s.is_empty() {
        return Ok(String::new());
    }
    let u = read(s).map_err(|e| {
        if e.starts_with("The URL must start") {
            "The host must start with https:// (for example https://my-company.thoughtspot.cloud)."
                .to_string()
        } else {
            e
        }
    })?;
    if u.query_or_fragment {
        return Err("The host may not contain a query or a fragment.".into());
    }
    match u.scheme.as_str() {
        "https" => {}
        "http" if is_loopback(&u.hostname) || allow_insecure => {}
        "http" => {
            return Err(format!(
            "Plain http:// would send the token unencrypted to {} (the host as the browser reads \
                 it): use https://, or confirm the risk under Advanced.",
            u.hostname
        ))
        }
        _ => return Err("The host must start with https://.".into()),
    }
    Ok(format!("{}{}", origin(&u), u.path.trim_end_matches('/')))
}

/// A webhook receiver's URL: https, or http to this computer only, as the
/// browser reads it. Answers the host it delivers to.
pub fn webhook_url_ok(text: &str) -> Result<String, String> {
    let text = text.trim();
    let u = read(text)?;
    if text.contains('\\') {
        // Read as a path separator by some parsers and not by others.
        return Err("The URL may not contain a backslash.".into());
    }
    match u.scheme.as_str() {
        "https" => Ok(u.hostname),
        "http" if is_loopback(&u.hostname) => Ok(u.hostname),
        "http" => Err(format!(
            "The URL must use https:// (http:// only for localhost). It reads as host {}.",
            u.hostname
        )),
        _ => Err("The URL must start with https://.".into()),
    }
}

#[cfg(test)]
mod tests;
