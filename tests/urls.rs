//! The panel's reading of a URL against the browser's, in a real browser:
//! thousands of hand-picked and generated inputs (backslashes,
//! percent-encoding, userinfo, IPv4 shorthands and hex, IPv6 forms, IDNA,
//! trailing dots, whitespace and control characters, ports). For each, the
//! panel's verdict (may the token go there without the *Advanced*
//! confirmation?) and the host it shows and keys work under must equal what
//! the browser resolves: the URL a `fetch` of the panel's base would reach.
#![cfg(target_arch = "wasm32")]

use ts_channels_panel::model::url::{normalize_host, webhook_url_ok};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// This test's own idea of "this computer", on a hostname the browser serialized.
fn oracle_loopback(host: &str) -> bool {
    if host == "localhost" || host.ends_with(".localhost") || host == "[::1]" {
        return true;
    }
    let p: Vec<&str> = host.split('.').collect();
    p.len() == 4
        && p[0] == "127"
        && p.iter()
            .all(|x| !x.is_empty() && x.len() <= 3 && x.chars().all(|c| c.is_ascii_digit()))
}

/// What the browser makes of `text`, or `None` when it is no URL.
fn browser(text: &str) -> Option<web_sys::Url> {
    web_sys::Url::new(text).ok()
}

/// The URL a request to the panel's base goes to, as the browser resolves it.
fn fetched(base: &str) -> web_sys::Url {
    let r = web_sys::Request::new_with_str(&format!("{base}/api/rest/2.0/auth/session/user"))
        .unwrap_or_else(|_| panic!("the browser cannot request {base:?}"));
    web_sys::Url::new(&r.url()).unwrap()
}

/// The policy, written over the browser's reading: no spaces or control
/// characters, a `scheme://`, no user name, query or fragment; https, or
/// http to this computer (or anywhere once confirmed).
fn oracle(text: &str, confirmed: bool) -> Option<web_sys::Url> {
    let t = text.trim();
    if t.chars().any(|c| c.is_whitespace() || c.is_control()) || !t.contains("://") {
        return None;
    }
    let u = browser(t)?;
    let clean = u.username().is_empty()
        && u.password().is_empty()
        && u.search().is_empty()
        && u.hash().is_empty();
    let scheme_ok = match u.protocol().as_str() {
        "https:" => true,
        "http:" => confirmed || oracle_loopback(&u.hostname()),
        _ => false,
    };
    (clean && scheme_ok).then_some(u)
}

fn check_host(text: &str, failures: &mut Vec<String>) {
    for confirmed in [false, true] {
        let panel = normalize_host(text, confirmed);
        let expected = oracle(text, confirmed);
        match (&panel, &expected) {
            (Ok(base), Some(u)) if !base.is_empty() => {
                let went = fetched(base);
                let canonical = browser(base).map(|b| b.href());
                let why = if went.origin() != u.origin() {
                    Some(format!("requests go to {}, the browser reads {}", went.origin(), u.origin()))
                } else if went.protocol() == "http:" && !confirmed && !oracle_loopback(&went.hostname()) {
                    Some(format!("plain http to {} without confirmation", went.hostname()))
                } else if canonical.as_deref().map(|h| h.trim_end_matches('/')) != Some(base.as_str()) {
                    Some(format!("the base {base:?} is not how the browser writes it ({canonical:?})"))
                } else {
                    None
                };
                if let Some(why) = why {
                    failures.push(format!("{text:?} (confirmed {confirmed}): {why}"));
                }
            }
            (Err(_), None) => {}
            _ => failures.push(format!(
                "{text:?} (confirmed {confirmed}): the panel says {panel:?}, the browser reads {:?}",
                expected.map(|u| u.href())
            )),
        }
    }
}

fn check_webhook(text: &str, failures: &mut Vec<String>) {
    let panel = webhook_url_ok(text);
    let t = text;
    let expected = (!t.contains('\\'))
        .then(|| {
            oracle(t, false).or_else(|| {
                // Webhook URLs may have a query or fragment.
                let u = browser(t)?;
                let clean = u.username().is_empty() && u.password().is_empty();
                let ok = match u.protocol().as_str() {
                    "https:" => true,
                    "http:" => oracle_loopback(&u.hostname()),
                    _ => false,
                };
                (clean
                    && ok
                    && t.contains("://")
                    && !t.chars().any(|c| c.is_whitespace() || c.is_control()))
                .then_some(u)
            })
        })
        .flatten();
    match (&panel, &expected) {
        (Ok(host), Some(u)) if *host == u.hostname() => {}
        (Err(_), None) => {}
        _ => failures.push(format!(
            "webhook {text:?}: the panel says {panel:?}, the browser reads {:?}",
            expected.map(|u| u.hostname())
        )),
    }
}

/// Hand-picked inputs: each is a way the panel and a browser could read a
/// URL differently.
const PICKED: &[&str] = &[
    "http://evil.example\\.localhost",
    "http://evil.example\\@localhost:8787",
    "http://localhost\\@evil.example",
    "http://evil.example%5c.localhost",
    "http://evil.example%2f.localhost",
    "http://evil.example%2e.localhost",
    "http://%6c%6fcalhost:8787",
    "http://127.1",
    "http://127.0.1",
    "http://0x7f.0.0.1",
    "http://0x7F000001",
    "http://0177.0.0.1",
    "http://2130706433",
    "http://127.0.0.1.",
    "http://localhost.",
    "http://[::1]",
    "http://[0:0:0:0:0:0:0:1]",
    "http://[::ffff:127.0.0.1]",
    "http://[::ffff:7f00:1]",
    "http://[::1].evil.example",
    "http://LOCALHOST",
    "http://loc\u{AD}alhost",
    "http://ｌｏｃａｌｈｏｓｔ",
    "http://localhost。",
    "http://evil.example#.localhost",
    "http://evil.example?.localhost",
    "http://evil.example/.localhost",
    "http://user@localhost",
    "http://localhost@evil.example",
    "http://localhost:80@evil.example",
    "http:\\\\evil.example\\.localhost",
    "http:/localhost",
    "http:localhost",
    " http://localhost ",
    "http://local\thost",
    "http://local\nhost",
    "http://localhost\u{0}",
    "https://bücher.example",
    "https://xn--bcher-kva.example",
    "https://ts.example.com:443",
    "https://ts.example.com:0443/",
    "https://ts.example.com:65536",
    "https://ts.example.com:",
    "https://ts.example.com/proxy/../api",
    "HTTPS://TS.EXAMPLE.COM",
    "https://%74s.example.com",
];

const SCHEMES: &[&str] = &[
    "http://",
    "https://",
    "HTTP://",
    "hTtPs://",
    "http:\\\\",
    "http:/",
    "ftp://",
];
const USERINFO: &[&str] = &["", "user@", "user:pw@", ":@", "localhost@"];
const HOSTS: &[&str] = &[
    "localhost",
    "LocalHost",
    "localhost.",
    "app.localhost",
    "localhost.example",
    "127.0.0.1",
    "127.1",
    "127.255.255.255",
    "127.0.0.256",
    "128.0.0.1",
    "0x7f.1",
    "0177.1",
    "2130706433",
    "127.0.0.1.nip.example",
    "[::1]",
    "[::0:1]",
    "[::2]",
    "[::ffff:127.0.0.1]",
    "evil.example",
    "bücher.example",
    "xn--bcher-kva.example",
    "%6c%6fcalhost",
    "evil%2eexample",
    "ＬＯＣＡＬＨＯＳＴ",
    "a..b",
    "",
    "-x-.example",
];
const JOINS: &[&str] = &[
    "",
    "\\",
    "\\.localhost",
    "/.localhost",
    "#.localhost",
    "?x",
    "%5c",
    "\\@localhost",
    " ",
    "\t",
];
const PORTS: &[&str] = &[
    "", ":8787", ":80", ":443", ":0", ":65535", ":65536", ":x", ":",
];
const PATHS: &[&str] = &["", "/", "/proxy/", "/a/../b", "/%2e%2e/x", "\\x"];

fn generated() -> Vec<String> {
    let mut out = Vec::new();
    for s in SCHEMES {
        for u in USERINFO {
            for h in HOSTS {
                for (i, j) in JOINS.iter().enumerate() {
                    // Every host with every join; ports and paths on a rotating subset.
                    let port = PORTS[(i + h.len()) % PORTS.len()];
                    let path = PATHS[(i + u.len() + s.len()) % PATHS.len()];
                    out.push(format!("{s}{u}{h}{j}{port}{path}"));
                }
                for p in PORTS {
                    out.push(format!("{s}{u}{h}{p}"));
                }
            }
        }
    }
    out
}

#[wasm_bindgen_test]
fn the_panel_reads_every_url_as_the_browser_does() {
    let mut inputs: Vec<String> = PICKED.iter().map(|s| s.to_string()).collect();
    inputs.extend(generated());
    let mut failures = Vec::new();
    for text in &inputs {
        check_host(text, &mut failures);
        check_webhook(text, &mut failures);
    }
    web_sys::console::log_1(
        &format!("URL cases compared with the browser: {}", inputs.len()).into(),
    );
    assert!(inputs.len() > 5000, "{} cases", inputs.len());
    assert!(
        failures.is_empty(),
        "{} of {} differ, e.g.:\n{}",
        failures.len(),
        inputs.len(),
        failures[..failures.len().min(20)].join("\n")
    );
}
