//! Which ThoughtSpot release the cluster runs, and what each release added to
//! the calls the panel makes (from the official spec's "Version: X or later"
//! notes, vendored in `schemas/thoughtspot-rest-v2.json`; a host test keeps the
//! two in step).

/// A ThoughtSpot Cloud release such as `26.4.0.cl`, compared by its numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Release(pub u32, pub u32, pub u32);

impl Release {
    /// Reads `26.4.0.cl`, `10.14.0.cl-123`, `26.8.0` and the like; `None` for
    /// anything without three leading numbers.
    pub fn parse(text: &str) -> Option<Release> {
        let mut parts = text.trim().split(['.', '-', ' ', '_']);
        let mut num = || parts.next()?.parse::<u32>().ok();
        Some(Release(num()?, num()?, num()?))
    }
}

impl std::fmt::Display for Release {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}.cl", self.0, self.1, self.2)
    }
}

/// What the panel can do that not every release can.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Feature {
    /// Channel preferences search and configure (Beta).
    Preferences,
    /// Webhooks create, search, update, delete.
    Webhooks,
    /// `additional_headers` on a webhook.
    WebhookHeaders,
    /// The test event (`system/communication-channels/validate`, Beta).
    TestEvent,
    /// Delivery history (`jobs/history/communication-channels/search`).
    DeliveryHistory,
    /// A webhook's `status` (enabled or disabled).
    WebhookStatus,
    /// Clearing a webhook's authentication or signing (`reset_options`).
    WebhookReset,
}

impl Feature {
    /// The first release that has it.
    pub fn since(self) -> Release {
        match self {
            Feature::Preferences | Feature::Webhooks => Release(10, 14, 0),
            Feature::WebhookHeaders | Feature::TestEvent | Feature::DeliveryHistory => {
                Release(26, 4, 0)
            }
            Feature::WebhookStatus | Feature::WebhookReset => Release(26, 7, 0),
        }
    }

    /// A few words for the admin.
    pub fn label(self) -> &'static str {
        match self {
            Feature::Preferences => "Channel preferences",
            Feature::Webhooks => "Webhooks",
            Feature::WebhookHeaders => "Additional headers",
            Feature::TestEvent => "Test event",
            Feature::DeliveryHistory => "Delivery history",
            Feature::WebhookStatus => "Webhook status (enabled / disabled)",
            Feature::WebhookReset => "Removing a webhook's authentication or signing",
        }
    }

    /// Beta APIs answer 404 where they are not enabled, even on a release that has them.
    pub fn beta(self) -> bool {
        matches!(self, Feature::Preferences | Feature::TestEvent)
    }
}

/// What the panel knows of the cluster's release.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ReleaseInfo {
    /// From `GET /system`.
    Known(Release),
    /// Not told (no privilege to ask, or no usable answer). `below`: an
    /// endpoint answered 404, so the release is older than the one that added it
    /// (or that Beta API is off).
    #[default]
    Unknown,
    Below(Release),
}

/// Whether a feature can be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Support {
    Yes,
    /// Not on this release: it needs `needs` or later.
    Missing {
        needs: Release,
        have: Option<Release>,
    },
    /// The release has it, but the cluster answered 404: a Beta API not enabled.
    NotEnabled,
}

impl Support {
    pub fn ok(&self) -> bool {
        *self == Support::Yes
    }

    /// Why not, in words; `None` when supported.
    pub fn why_not(&self, feature: Feature) -> Option<String> {
        match self {
            Support::Yes => None,
            Support::Missing {
                needs,
                have: Some(have),
            } => Some(format!(
                "{} needs ThoughtSpot {needs} or later; this cluster runs {have}.",
                feature.label()
            )),
            Support::Missing { needs, have: None } => Some(format!(
                "{} needs ThoughtSpot {needs} or later: this cluster answered that it has no such \
                 endpoint (an older release, or the API is not enabled).",
                feature.label()
            )),
            Support::NotEnabled => Some(format!(
                "{} is a Beta API that is not enabled on this cluster (it answered 404); ask \
                 ThoughtSpot Support to enable it.",
                feature.label()
            )),
        }
    }
}

impl ReleaseInfo {
    pub fn from_version(text: Option<&str>) -> Self {
        text.and_then(Release::parse)
            .map_or(ReleaseInfo::Unknown, ReleaseInfo::Known)
    }

    pub fn known(&self) -> Option<Release> {
        match self {
            ReleaseInfo::Known(r) => Some(*r),
            _ => None,
        }
    }

    /// Unknown and newer releases get the full panel.
    pub fn has(&self, feature: Feature) -> Support {
        match *self {
            ReleaseInfo::Known(r) if r < feature.since() => Support::Missing {
                needs: feature.since(),
                have: Some(r),
            },
            ReleaseInfo::Below(b) if b <= feature.since() => Support::Missing {
                needs: feature.since(),
                have: None,
            },
            _ => Support::Yes,
        }
    }

    /// What a 404 from a feature's endpoint teaches. On a known release that
    /// has the feature, nothing changes here: the API is off (`Support::NotEnabled`
    /// is kept by the caller).
    pub fn after_not_found(self, feature: Feature) -> ReleaseInfo {
        match self {
            ReleaseInfo::Known(_) => self,
            ReleaseInfo::Unknown => ReleaseInfo::Below(feature.since()),
            ReleaseInfo::Below(b) => ReleaseInfo::Below(b.min(feature.since())),
        }
    }

    /// For the session bar.
    pub fn describe(&self) -> String {
        match self {
            ReleaseInfo::Known(r) => format!("ThoughtSpot {r}"),
            ReleaseInfo::Unknown => "release not known (the full panel is offered)".into(),
            ReleaseInfo::Below(b) => format!("release older than {b} (from the cluster's answers)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn releases_parse_and_order_by_number() {
        assert_eq!(Release::parse("26.4.0.cl"), Some(Release(26, 4, 0)));
        assert_eq!(
            Release::parse(" 10.14.0.cl-1234 "),
            Some(Release(10, 14, 0))
        );
        assert_eq!(Release::parse("26.8.0"), Some(Release(26, 8, 0)));
        assert_eq!(Release::parse("test"), None);
        assert_eq!(Release::parse("26.4"), None);
        assert!(Release(10, 15, 0) < Release(26, 2, 0));
        assert!(Release(10, 9, 0) < Release(10, 14, 0), "numbers, not text");
        assert_eq!(Release(26, 7, 0).to_string(), "26.7.0.cl");
    }

    #[test]
    fn each_release_gets_what_it_has() {
        let on = |v: &str, f| ReleaseInfo::from_version(Some(v)).has(f).ok();
        assert!(on("10.14.0.cl", Feature::Webhooks));
        assert!(!on("10.14.0.cl", Feature::WebhookHeaders));
        assert!(!on("26.2.0.cl", Feature::TestEvent));
        assert!(on("26.4.0.cl", Feature::TestEvent));
        assert!(on("26.4.0.cl", Feature::WebhookHeaders));
        assert!(!on("26.4.0.cl", Feature::WebhookStatus));
        assert!(on("26.7.0.cl", Feature::WebhookReset));
        assert!(on("27.1.0.cl", Feature::WebhookReset), "newer: everything");
        assert!(on("test", Feature::WebhookStatus), "unknown: everything");
        let why = ReleaseInfo::from_version(Some("26.4.0.cl"))
            .has(Feature::WebhookStatus)
            .why_not(Feature::WebhookStatus)
            .unwrap();
        assert_eq!(
            why,
            "Webhook status (enabled / disabled) needs ThoughtSpot 26.7.0.cl or later; this cluster runs 26.4.0.cl."
        );
    }

    #[test]
    fn a_404_teaches_an_unknown_release_its_ceiling() {
        let r = ReleaseInfo::Unknown.after_not_found(Feature::TestEvent);
        assert_eq!(r, ReleaseInfo::Below(Release(26, 4, 0)));
        assert!(!r.has(Feature::DeliveryHistory).ok());
        assert!(!r.has(Feature::WebhookStatus).ok(), "newer features too");
        assert!(r.has(Feature::Webhooks).ok());
        let known = ReleaseInfo::Known(Release(26, 8, 0));
        assert_eq!(known.after_not_found(Feature::TestEvent), known);
    }
}
