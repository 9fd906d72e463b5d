use super::*;

#[test]
fn loopback_is_what_the_browser_reaches() {
    // Through the parser: what the browser will connect to.
    let host = |t: &str| whatwg(t).unwrap().hostname;
    for yes in [
        "http://localhost",
        "http://LOCALHOST:1",
        "http://app.localhost",
        "http://127.0.0.1",
        "http://127.255.1.2",
        "http://127.1",
        "http://0x7f.1",
        "http://2130706433",
        "http://[::1]",
        "http://[0:0:0:0:0:0:0:1]",
        "http://%6c%6fcalhost",
    ] {
        assert!(is_loopback(&host(yes)), "{yes} → {}", host(yes));
    }
    for no in [
        "http://127.evil.example",
        "http://127.0.0.1.nip.example",
        "http://localhost.example",
        "http://localhost.",
        "http://notlocalhost",
        "http://128.0.0.1",
        "http://[::2]",
        "http://[::ffff:127.0.0.1]",
        "http://evil.example\\.localhost",
        "http://evil.example#.localhost",
        "http://evil.example?.localhost",
    ] {
        assert!(!is_loopback(&host(no)), "{no} → {}", host(no));
    }
}

#[test]
fn the_thoughtspot_host_is_the_one_the_browser_reads() {
    assert_eq!(normalize_host("  ", false), Ok(String::new()));
    for (typed, base) in [
        (
            "https://acme.thoughtspot.cloud/",
            "https://acme.thoughtspot.cloud",
        ),
        (
            "HTTPS://TS.Example.com:8443/proxy/",
            "https://ts.example.com:8443/proxy",
        ),
        ("https://ts.example.com:443", "https://ts.example.com"),
        ("https://bücher.example", "https://xn--bcher-kva.example"),
        ("https://ts.example.com./", "https://ts.example.com."),
        ("https://ts.example.com/a/../b", "https://ts.example.com/b"),
        ("http://127.1:8787", "http://127.0.0.1:8787"),
        ("http://[0:0::1]:8787/", "http://[::1]:8787"),
        ("http://localhost:8787", "http://localhost:8787"),
        ("http://panel.localhost", "http://panel.localhost"),
    ] {
        assert_eq!(normalize_host(typed, false).as_deref(), Ok(base), "{typed}");
    }
}

#[test]
fn plain_http_to_another_computer_needs_the_confirmation_however_it_is_written() {
    for near_miss in [
        "http://127.evil.example",
        "http://127.0.0.1.nip.example:8787",
        "http://localhost.example",
        "http://localhost.evil.com",
        // The browser reads a backslash as a path separator: the host is evil.example.
        "http://evil.example\\.localhost",
        "http://evil.example\\@localhost:8787",
        "http://evil.example/.localhost",
        "http://[::ffff:7f00:1]",
    ] {
        let err = normalize_host(near_miss, false).unwrap_err();
        assert!(err.contains("unencrypted"), "{near_miss}: {err}");
        assert!(normalize_host(near_miss, true).is_ok(), "{near_miss}");
    }
    let err = normalize_host("http://evil.example\\.localhost", false).unwrap_err();
    assert!(err.contains("to evil.example "), "{err}");
    assert_eq!(
        normalize_host("http://evil.example\\.localhost", true),
        Ok("http://evil.example/.localhost".into())
    );
}

#[test]
fn malformed_hosts_are_refused_with_a_reason() {
    for bad in [
        "acme.thoughtspot.cloud",
        "ftp://x",
        "https://",
        "https://a b",
        "https://a\tb",
        "https://exa\nmple.com",
        "https://user:pw@host",
        "https://user@host",
        "https://host?token=1",
        "https://host#x",
        "https://host:99999",
        "https://host:x",
        "https://[::1",
        "http://[::1].example",
        "https:example.com",
    ] {
        assert!(normalize_host(bad, false).is_err(), "{bad}");
        assert!(normalize_host(bad, true).is_err(), "{bad}");
    }
}

#[test]
fn webhook_urls_follow_the_same_rule() {
    assert_eq!(
        webhook_url_ok("https://hooks.example.com/x").as_deref(),
        Ok("hooks.example.com")
    );
    assert!(webhook_url_ok("https://hooks.example.com/x?team=a").is_ok());
    for ok in [
        "http://localhost:9000/hook",
        "http://127.0.0.1:9000/hook",
        "http://[::1]:9000/",
        "http://127.1/hook",
    ] {
        assert!(webhook_url_ok(ok).is_ok(), "{ok}");
    }
    for bad in [
        "http://127.evil.example/hook",
        "http://127.0.0.1.nip.example/hook",
        "http://localhost.example/hook",
        "http://hooks.example.com",
        "http://evil.example\\.localhost/hook",
        "https://hooks.example.com\\x",
        "ftp://hooks.example.com",
        "hooks.example.com",
        "https:// spaced.example.com",
        "https://user:pw@hooks.example.com",
    ] {
        assert!(webhook_url_ok(bad).is_err(), "{bad}");
    }
}
