//! An Org whose channels and webhook disagree: WEBHOOK on without a webhook
//! (schedules fail), or a webhook that WEBHOOK is off for (it receives nothing).

/// An Org whose channels and webhooks disagree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mismatch {
    /// WEBHOOK is on but the Org has no LIVEBOARD_SCHEDULE webhook: schedules fail.
    NoWebhook,
    /// The Org has a webhook, but WEBHOOK is off: it receives nothing.
    Unused,
}

impl Mismatch {
    /// A few words for a table cell.
    pub fn short(self) -> &'static str {
        match self {
            Mismatch::NoWebhook => "WEBHOOK on, no webhook",
            Mismatch::Unused => "Webhook unused",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Mismatch::NoWebhook => "WEBHOOK is on but this Org has no webhook: schedules will fail",
            Mismatch::Unused => "This Org has a webhook but WEBHOOK is off: it receives nothing",
        }
    }
}

/// `effective`: the Org's effective channels (unknown: `None`); `has_webhook`:
/// whether it has a LIVEBOARD_SCHEDULE webhook (unknown: `None`).
pub fn mismatch(effective: Option<&[String]>, has_webhook: Option<bool>) -> Option<Mismatch> {
    let on = effective?.iter().any(|c| c == "WEBHOOK");
    match (on, has_webhook?) {
        (true, false) => Some(Mismatch::NoWebhook),
        (false, true) => Some(Mismatch::Unused),
        _ => None,
    }
}
