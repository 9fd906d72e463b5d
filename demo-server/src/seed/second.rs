//! The second demo cluster (`--variant second`): the first one as another
//! cluster of the same company would hold it, so that a tool comparing two
//! clusters, or promoting settings from one to the other, has realistic
//! differences to find. Every Org id differs, except the Primary Org's (0);
//! names are what match Orgs across clusters.
//!
//! # The differences from the first cluster
//!
//! This list is the one the README's "The demo ThoughtSpot server" section
//! gives, and `demo-server/tests/variants.rs` checks it over HTTP.
//!
//! Cluster default (LIVEBOARD_SCHEDULE): never set on the first, `[EMAIL]` on
//! the second.
//!
//! Orgs that match no Org of the other cluster (2 of the 15 hand-made Orgs on
//! each side; the other 13 match by name, exactly):
//!
//! | Org | kind |
//! |---|---|
//! | Legal (`[]`, all off) | on the first only |
//! | Staging Lab (inherits) | on the second only |
//! | `Sales EMEA` (first) and `sales  emea` (second), both `[EMAIL, WEBHOOK]` | near-duplicate names, differing only in case and spacing: a tool must flag them, not match them |
//!
//! Matched Orgs that differ (all preferences are LIVEBOARD_SCHEDULE's):
//!
//! | Org | what | first | second |
//! |---|---|---|---|
//! | Sales Americas | preferences | inherits | `[EMAIL]` |
//! | Zürich Analytics | preferences | `[EMAIL]` | `[EMAIL, WEBHOOK]` |
//! | Engineering | preferences | `[WEBHOOK]` | inherits |
//! | Support | preferences | inherits | `[]` (all off) |
//! | Data Science | preferences | `[]` (all off) | `[EMAIL]` |
//! | Finance | webhook | "Finance archive" | none |
//! | Marketing | webhook | "Marketing schedules": URL `https://hooks.example.com/marketing`, BEARER_TOKEN, no headers | "Marketing schedules": URL `https://receiver.example.net/marketing`, API_KEY (key `X-Api-Key`), header `X-Team: marketing` |
//!
//! The other 6 matched Orgs (Primary, `<b>Bold</b> & <i>Co</i>`, HR,
//! `<img src=x onerror=alert(1)>`, `<script>alert(2)</script>`, Archive 2023)
//! are the same on both but for their ids; so are Finance's and Marketing's
//! preferences. HR's webhook, "HR schedules", is the same on both but for its
//! id and its secret, and its recent deliveries fail on both. The Orgs that
//! inherit on both (Primary, `<b>Bold</b> & <i>Co</i>`,
//! `<script>alert(2)</script>`, Archive 2023) inherit different defaults.
//!
//! Generated Orgs (`--orgs N`): the same names on both ("Generated Org
//! 00001" …), ids 100000 + k − 1 on the first and 200000 + k − 1 on the
//! second for Generated Org k. Their states cycle by (k − 1) mod 5 through
//! inherits, `[EMAIL]`, `[WEBHOOK]`, `[EMAIL, WEBHOOK]`, `[]`; on the second,
//! every 7th (k = 7, 14, 21, …; ⌊N / 7⌋ of them) is in the next state of that
//! cycle instead, so it differs in preferences.

use crate::domain::cluster::Org;
use crate::domain::vocab::Channel::{self, EMAIL, WEBHOOK};
use crate::domain::webhook::Webhook;
use crate::seed::build::{archived, generated_name, org, secret, webhook};
use crate::seed::first;
use ts_wire::{AuthenticationInput, KeyValue};

/// HR, whose webhook's recent deliveries fail, as on the first cluster.
pub const HR: i32 = 805578342;
const MARKETING: i32 = 726318095;

/// Generated Org number `n` (from 0): the first cluster's name, id 200000 + n.
pub fn generated(n: usize) -> Org {
    org(
        200_000 + n as i32,
        &generated_name(n),
        "",
        generated_channels(n),
    )
}

/// The state of generated Org number `n` (from 0): the first cluster's,
/// except for every 7th Org, which is in the next state of the cycle.
fn generated_channels(n: usize) -> Option<&'static [Channel]> {
    match (n + 1) % 7 {
        0 => first::generated_channels(n + 1),
        _ => first::generated_channels(n),
    }
}

/// The hand-made Orgs: the first cluster's under other ids, but for the
/// differences listed above.
pub fn orgs() -> Vec<Org> {
    vec![
        org(0, "Primary", "The cluster's primary Org", None),
        org(
            716204581,
            "Finance",
            "Finance and accounting",
            Some(&[EMAIL]),
        ),
        org(
            MARKETING,
            "Marketing",
            "Campaign analytics",
            Some(&[WEBHOOK]),
        ),
        org(735502217, "sales  emea", "", Some(&[EMAIL, WEBHOOK])),
        org(748813306, "Staging Lab", "Pre-release checks", None),
        org(759120044, "Sales Americas", "", Some(&[EMAIL])),
        org(
            761937402,
            "Zürich Analytics",
            "Ünïcödé Org name",
            Some(&[EMAIL, WEBHOOK]),
        ),
        org(
            772045519,
            "<b>Bold</b> & <i>Co</i>",
            "A name with markup",
            None,
        ),
        org(783356120, "Engineering", "", None),
        org(794467231, "Support", "", Some(&[])),
        org(HR, "HR", "People team", Some(&[EMAIL, WEBHOOK])),
        org(816689453, "Data Science", "", Some(&[EMAIL])),
        // Names that would run script if a page used them as markup.
        org(
            827790564,
            "<img src=x onerror=alert(1)>",
            "",
            Some(&[EMAIL]),
        ),
        org(838801675, "<script>alert(2)</script>", "", None),
        archived(849912786, "Archive 2023", "Inactive Org"),
    ]
}

/// HR's webhook as on the first cluster; Marketing's sends elsewhere, with an
/// API key and a header; Finance has none.
pub fn webhooks() -> Vec<Webhook> {
    let mut marketing = webhook(
        "9b3e7d14-5a2c-4f80-8e6d-2c4b6a8e0f01",
        "Marketing schedules",
        MARKETING,
        "https://receiver.example.net/marketing",
    );
    marketing.authentication = Some(AuthenticationInput::ApiKey {
        key: "X-Api-Key".into(),
        value: secret(MARKETING),
    });
    marketing.additional_headers = Some(vec![KeyValue {
        key: "X-Team".into(),
        value: "marketing".into(),
    }]);
    vec![
        marketing,
        webhook(
            "9b3e7d14-5a2c-4f80-8e6d-2c4b6a8e0f02",
            "HR schedules",
            HR,
            "https://hooks.example.com/hr",
        ),
    ]
}
