//! The pieces both seeded clusters are made of: an Org in one preference
//! state, and a webhook as an administrator created it before start-up.

use crate::domain::cluster::Org;
use crate::domain::vocab::{
    Channel, EventType::LIVEBOARD_SCHEDULE, OrgStatus, OrgVisibility, Preferences,
};
use crate::domain::webhook::Webhook;
use ts_wire::AuthenticationInput;

/// When every seeded webhook was created and last changed (1 January 2026),
/// long before the delivery history's window, so each has a full history.
pub const SEEDED_WEBHOOK_MS: u64 = 1_767_225_600_000;

/// A LIVEBOARD_SCHEDULE override with these channels, or none (the Org
/// inherits the cluster default).
pub fn prefs(channels: Option<&[Channel]>) -> Preferences {
    channels
        .map(|c| Preferences::from([(LIVEBOARD_SCHEDULE, c.to_vec())]))
        .unwrap_or_default()
}

/// An active, visible Org; an empty `description` is none.
pub fn org(id: i32, name: &str, description: &str, channels: Option<&[Channel]>) -> Org {
    Org {
        id,
        name: name.into(),
        status: OrgStatus::ACTIVE,
        visibility: OrgVisibility::SHOW,
        description: (!description.is_empty()).then(|| description.into()),
        preferences: prefs(channels),
    }
}

/// The name of generated Org number `n` (from 0), the same on every cluster.
pub fn generated_name(n: usize) -> String {
    format!("Generated Org {:05}", n + 1)
}

/// An Org that was switched off and hidden, as old Orgs are kept.
pub fn archived(id: i32, name: &str, description: &str) -> Org {
    Org {
        status: OrgStatus::IN_ACTIVE,
        visibility: OrgVisibility::HIDDEN,
        ..org(id, name, description, None)
    }
}

/// A LIVEBOARD_SCHEDULE webhook of the Org `org_id`, authenticated with a
/// bearer token that is unique to the Org (so no two clusters share a secret).
pub fn webhook(id: &str, name: &str, org_id: i32, url: &str) -> Webhook {
    Webhook {
        id: id.into(),
        name: name.into(),
        description: None,
        org_id,
        url: url.into(),
        url_params: None,
        events: vec![LIVEBOARD_SCHEDULE],
        authentication: Some(AuthenticationInput::BearerToken(secret(org_id))),
        signature_verification: None,
        additional_headers: None,
        status: None,
        created_ms: SEEDED_WEBHOOK_MS,
        modified_ms: SEEDED_WEBHOOK_MS,
        created_by: "admin".into(),
        modified_by: "admin".into(),
    }
}

/// The receiver's secret for the webhook of the Org `org_id`.
pub fn secret(org_id: i32) -> String {
    format!("receiver-secret-{org_id}")
}
