//! What an Org shows, in the Orgs table and in the review: its mode and
//! override channels, its effective channels, its webhook, and the warning
//! when the two disagree — one rule for every place that shows an Org.

use super::draft::Draft;
use super::prefs::{effective, ClusterSetting, Org, OrgSetting, OrgWebhook, Snapshot};
use super::webhook::{mismatch, Mismatch};
use crate::api::wire::LIVEBOARD_SCHEDULE as LS;

/// One Org with the Draft over the Snapshot.
#[derive(Clone, Debug, PartialEq)]
pub struct OrgView<'a> {
    pub org: &'a Org,
    /// Inherits, or overrides with these channels.
    pub setting: OrgSetting,
    /// The Draft changes it.
    pub edited: bool,
    /// The channels its schedules use; `None` when the cluster default it
    /// inherits is not known to this user.
    pub effective: Option<Vec<String>>,
    /// Its LIVEBOARD_SCHEDULE webhook: `None` when webhooks were not read,
    /// `Some(None)` when it has none.
    pub webhook: Option<Option<&'a OrgWebhook>>,
    /// Its channels and its webhook disagree.
    pub warning: Option<Mismatch>,
}

/// The cluster default as the Draft has it, which every inheriting Org uses
/// (worked out once for many Orgs).
pub fn default_now(snap: &Snapshot, draft: &Draft) -> Option<ClusterSetting> {
    draft.cluster_value(snap, LS)
}

/// What `org` shows; `default` is `default_now(snap, draft)`.
pub fn org_view<'a>(
    snap: &'a Snapshot,
    draft: &Draft,
    default: Option<&ClusterSetting>,
    org: &'a Org,
) -> OrgView<'a> {
    let setting = draft.org_value_of(org, LS);
    let eff = effective(&setting, default);
    let has = snap.has_webhook(&org.id);
    OrgView {
        org,
        edited: draft.org_edited(&org.id),
        warning: mismatch(eff.as_deref(), has),
        webhook: has.map(|h| h.then(|| snap.webhook_of(&org.id)).flatten()),
        effective: eff,
        setting,
    }
}

/// Every Org whose channels and webhook will disagree once the Draft is
/// saved, with the kind of disagreement, in Snapshot order.
pub fn warnings<'a>(snap: &'a Snapshot, draft: &Draft) -> Vec<(&'a Org, Mismatch)> {
    let default = default_now(snap, draft);
    snap.orgs
        .iter()
        .filter_map(|o| {
            org_view(snap, draft, default.as_ref(), o)
                .warning
                .map(|m| (o, m))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::wire::SearchResponse;
    use std::collections::BTreeMap;

    fn snap() -> Snapshot {
        let r: SearchResponse = serde_json::from_value(serde_json::json!({
            "cluster_preferences": [{"event_type": LS, "channels": ["WEBHOOK"]}],
            "org_preferences": [
                {"org": {"id": "1", "name": "Inherits"}, "preferences": []},
                {"org": {"id": "2", "name": "Email"}, "preferences": [{"event_type": LS, "channels": ["EMAIL"]}]},
                {"org": {"id": "3", "name": "Hooked"}, "preferences": []}
            ]
        }))
        .unwrap();
        let mut s = Snapshot::from_wire(r, None, true);
        let hook = OrgWebhook {
            id: "w3".into(),
            name: "Hooked schedules".into(),
            ..Default::default()
        };
        s.set_webhooks(BTreeMap::from([("3".to_string(), hook)]));
        s
    }

    #[test]
    fn an_org_shows_its_mode_effective_channels_webhook_and_warning() {
        let s = snap();
        let mut d = Draft::default();
        let default = default_now(&s, &d);
        let v = org_view(&s, &d, default.as_ref(), s.org("1").unwrap());
        assert_eq!(v.setting, OrgSetting::Inherit);
        assert_eq!(v.effective.as_deref(), Some(&["WEBHOOK".to_string()][..]));
        assert_eq!(v.webhook, Some(None));
        assert_eq!(v.warning, Some(Mismatch::NoWebhook));
        let hooked = org_view(&s, &d, default.as_ref(), s.org("3").unwrap());
        assert_eq!(hooked.webhook.flatten().map(|w| w.id.as_str()), Some("w3"));
        assert_eq!(hooked.warning, None);
        // The Draft's default changes what inheriting Orgs show.
        d.set_cluster(&s, LS, vec!["EMAIL".into()]);
        let warned: Vec<(&str, Mismatch)> = warnings(&s, &d)
            .into_iter()
            .map(|(o, m)| (o.name.as_str(), m))
            .collect();
        assert_eq!(warned, [("Hooked", Mismatch::Unused)]);
        d.set_org(&s, "2", LS, OrgSetting::Override(vec!["WEBHOOK".into()]));
        let v = org_view(&s, &d, default_now(&s, &d).as_ref(), s.org("2").unwrap());
        assert!(v.edited);
        assert_eq!(v.warning, Some(Mismatch::NoWebhook));
    }

    #[test]
    fn without_webhooks_read_no_warning_is_guessed() {
        let r: SearchResponse = serde_json::from_value(serde_json::json!({
            "org_preferences": [{"org": {"id": "1", "name": "A"}, "preferences": []}]
        }))
        .unwrap();
        let s = Snapshot::from_wire(r, None, false);
        let d = Draft::default();
        let v = org_view(&s, &d, default_now(&s, &d).as_ref(), &s.orgs[0]);
        assert_eq!((v.effective, v.webhook, v.warning), (None, None, None));
    }
}
