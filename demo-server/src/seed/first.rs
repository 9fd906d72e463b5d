//! The first demo cluster (`--variant first`, the default): fifteen hand-made
//! Orgs in every preference state, with names that test escaping and an
//! inactive hidden one, and three webhooks. The cluster default is never set.

use crate::domain::cluster::Org;
use crate::domain::vocab::Channel::{self, EMAIL, WEBHOOK};
use crate::domain::webhook::Webhook;
use crate::seed::build::{archived, generated_name, org, webhook};

/// HR, whose webhook's recent deliveries fail (`deliveries::SEED_FAILING_ORG`).
pub const HR: i32 = 1923456781;

/// Generated Org number `n` (from 0), for large-cluster runs: id 100000 + n.
pub fn generated(n: usize) -> Org {
    org(
        100_000 + n as i32,
        &generated_name(n),
        "",
        generated_channels(n),
    )
}

/// The state of generated Org number `n` (from 0) cycles through the five
/// states: inherits, EMAIL, WEBHOOK, both, none.
pub fn generated_channels(n: usize) -> Option<&'static [Channel]> {
    match n % 5 {
        0 => None,
        1 => Some(&[EMAIL]),
        2 => Some(&[WEBHOOK]),
        3 => Some(&[EMAIL, WEBHOOK]),
        _ => Some(&[]),
    }
}

/// The hand-made Orgs, one or more in every preference state.
pub fn orgs() -> Vec<Org> {
    vec![
        org(0, "Primary", "The cluster's primary Org", None),
        org(
            583464508,
            "Finance",
            "Finance and accounting",
            Some(&[EMAIL]),
        ),
        org(
            1532970882,
            "Marketing",
            "Campaign analytics",
            Some(&[WEBHOOK]),
        ),
        org(2100019165, "Sales EMEA", "", Some(&[EMAIL, WEBHOOK])),
        org(1170024401, "Legal", "Schedules switched off", Some(&[])),
        org(1209563318, "Sales Americas", "", None),
        org(
            1402876615,
            "Zürich Analytics",
            "Ünïcödé Org name",
            Some(&[EMAIL]),
        ),
        org(
            1655871032,
            "<b>Bold</b> & <i>Co</i>",
            "A name with markup",
            None,
        ),
        org(1744203987, "Engineering", "", Some(&[WEBHOOK])),
        org(1889012345, "Support", "", None),
        org(HR, "HR", "People team", Some(&[EMAIL, WEBHOOK])),
        org(2011223344, "Data Science", "", Some(&[])),
        // Names that would run script if a page used them as markup.
        org(
            2022334455,
            "<img src=x onerror=alert(1)>",
            "",
            Some(&[EMAIL]),
        ),
        org(2033445566, "<script>alert(2)</script>", "", None),
        archived(1311002200, "Archive 2023", "Inactive Org"),
    ]
}

/// Marketing and HR send to a webhook; Finance has one but WEBHOOK is off;
/// Engineering and Sales EMEA have WEBHOOK on and no webhook. Each of the
/// three receives a scheduled delivery every 6 hours (see `deliveries.rs`);
/// HR's fail from 2 days before start-up on.
pub fn webhooks() -> Vec<Webhook> {
    vec![
        webhook(
            "6f1c2a52-0b7e-4c61-9a51-3f9f0c0e1a01",
            "Marketing schedules",
            1532970882,
            "https://hooks.example.com/marketing",
        ),
        webhook(
            "6f1c2a52-0b7e-4c61-9a51-3f9f0c0e1a02",
            "HR schedules",
            HR,
            "https://hooks.example.com/hr",
        ),
        webhook(
            "6f1c2a52-0b7e-4c61-9a51-3f9f0c0e1a03",
            "Finance archive",
            583464508,
            "https://hooks.example.com/finance",
        ),
    ]
}
