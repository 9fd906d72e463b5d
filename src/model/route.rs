//! Where the admin is, as a URL: the screens, an Org's webhook to create, a
//! webhook's delivery history. Kept in the URL's fragment (`#/webhooks/…`),
//! so a link works on any static host and under any sub-path, survives a
//! reload (after signing in again) and the back button walks through it. A
//! route holds only screen names and ids: never a token or a secret.

/// A screen of the signed-in panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Preferences,
    Webhooks,
    /// The save journal: every save made from this browser.
    Journal,
    /// Two connected clusters side by side, and promotion from one to the other.
    Compare,
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Route {
    #[default]
    Preferences,
    /// The webhooks of every Org the token sees.
    Webhooks,
    /// The form for a new webhook of this Org (by id).
    NewWebhook {
        org: String,
    },
    /// A webhook's delivery history (by webhook id).
    Deliveries {
        webhook: String,
    },
    Journal,
    Compare,
}

/// A path segment, percent-encoded where it is not plain.
fn segment(s: &str) -> String {
    crate::api::wire::encode_path(s)
}

/// A segment back from the URL; `None` when it is not valid UTF-8.
fn decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok().filter(|s| !s.is_empty())
}

impl Route {
    /// The route of a URL's fragment (with or without its `#`); anything it
    /// does not know is the preferences.
    pub fn parse(fragment: &str) -> Route {
        let f = fragment.trim_start_matches('#').trim_start_matches('/');
        let parts: Vec<&str> = f.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            ["webhooks"] => Route::Webhooks,
            ["webhooks", "new", org] => decode(org)
                .map(|org| Route::NewWebhook { org })
                .unwrap_or(Route::Webhooks),
            ["webhooks", id, "deliveries"] => decode(id)
                .map(|webhook| Route::Deliveries { webhook })
                .unwrap_or(Route::Webhooks),
            ["journal"] => Route::Journal,
            ["compare"] => Route::Compare,
            _ => Route::Preferences,
        }
    }

    /// The URL fragment of the route, with its `#`.
    pub fn fragment(&self) -> String {
        match self {
            Route::Preferences => "#/preferences".into(),
            Route::Webhooks => "#/webhooks".into(),
            Route::NewWebhook { org } => format!("#/webhooks/new/{}", segment(org)),
            Route::Deliveries { webhook } => format!("#/webhooks/{}/deliveries", segment(webhook)),
            Route::Journal => "#/journal".into(),
            Route::Compare => "#/compare".into(),
        }
    }

    /// The screen the route shows.
    pub fn screen(&self) -> Screen {
        match self {
            Route::Preferences => Screen::Preferences,
            Route::Webhooks | Route::NewWebhook { .. } | Route::Deliveries { .. } => {
                Screen::Webhooks
            }
            Route::Journal => Screen::Journal,
            Route::Compare => Screen::Compare,
        }
    }

    /// The route of a screen itself.
    pub fn of(screen: Screen) -> Route {
        match screen {
            Screen::Preferences => Route::Preferences,
            Screen::Webhooks => Route::Webhooks,
            Screen::Journal => Route::Journal,
            Screen::Compare => Route::Compare,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_reads_back_from_its_url() {
        for r in [
            Route::Preferences,
            Route::Webhooks,
            Route::Compare,
            Route::NewWebhook {
                org: "583464508".into(),
            },
            Route::Deliveries {
                webhook: "wh-1 2/ü".into(),
            },
            Route::Journal,
        ] {
            assert_eq!(Route::parse(&r.fragment()), r, "{}", r.fragment());
        }
        assert_eq!(
            Route::Deliveries {
                webhook: "a b".into()
            }
            .fragment(),
            "#/webhooks/a%20b/deliveries"
        );
    }

    #[test]
    fn anything_else_is_the_preferences_or_the_webhook_list() {
        for f in ["", "#", "#/", "#/nope", "#/journal/x", "preferences"] {
            assert_eq!(Route::parse(f), Route::Preferences, "{f:?}");
        }
        assert_eq!(Route::parse("#/webhooks/%ff/deliveries"), Route::Webhooks);
        assert_eq!(Route::parse("#/webhooks/%4/deliveries"), Route::Webhooks);
        assert_eq!(Route::parse("#webhooks"), Route::Webhooks);
        assert_eq!(Route::parse("#/webhooks/new/7").screen(), Screen::Webhooks);
        assert_eq!(Route::of(Screen::Journal), Route::Journal);
    }
}
