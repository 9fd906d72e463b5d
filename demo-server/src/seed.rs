//! The demo cluster: a dozen hand-made Orgs in every preference state, plus any
//! number of generated ones for large-cluster runs, three webhooks, and their
//! scheduled deliveries (HR's failing for the last 2 days).

use crate::domain::cluster::{Cluster, Org};
use crate::domain::deliveries::Schedule;
use crate::domain::vocab::{
    Channel::{self, EMAIL, SLACK, WEBHOOK},
    EventType::{ALERT_DIGEST, LIVEBOARD_SCHEDULE},
    OrgStatus, OrgVisibility, Preferences,
};
use crate::domain::webhook::Webhook;
use ts_wire::AuthenticationInput;

/// What the cluster default starts as.
#[derive(Clone, Debug, PartialEq)]
pub enum DefaultSeed {
    NeverSet,
    Channels(Vec<Channel>),
}

impl std::str::FromStr for DefaultSeed {
    type Err = String;
    /// `never`, `none` (set to no channels), or a comma list such as `EMAIL,WEBHOOK`.
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim() {
            "never" => Ok(DefaultSeed::NeverSet),
            "none" => Ok(DefaultSeed::Channels(vec![])),
            list => list
                .split(',')
                .map(|c| match c.trim().to_ascii_uppercase().as_str() {
                    "EMAIL" => Ok(EMAIL),
                    "WEBHOOK" => Ok(WEBHOOK),
                    other => Err(format!("unknown channel {other:?} (EMAIL or WEBHOOK)")),
                })
                .collect::<Result<Vec<_>, _>>()
                .map(DefaultSeed::Channels),
        }
    }
}

fn prefs(channels: Option<&[Channel]>) -> Preferences {
    channels
        .map(|c| Preferences::from([(LIVEBOARD_SCHEDULE, c.to_vec())]))
        .unwrap_or_default()
}

fn org(id: i32, name: &str, description: &str, channels: Option<&[Channel]>) -> Org {
    Org {
        id,
        name: name.into(),
        status: OrgStatus::ACTIVE,
        visibility: OrgVisibility::SHOW,
        description: (!description.is_empty()).then(|| description.into()),
        preferences: prefs(channels),
    }
}

/// The state of the generated Org number `n` cycles through the five states.
fn generated_channels(n: usize) -> Option<&'static [Channel]> {
    match n % 5 {
        0 => None,
        1 => Some(&[EMAIL]),
        2 => Some(&[WEBHOOK]),
        3 => Some(&[EMAIL, WEBHOOK]),
        _ => Some(&[]),
    }
}

/// The dozen hand-made Orgs, one or more in every preference state, with
/// names that test escaping, and an inactive hidden one.
fn hand_made_orgs() -> Vec<Org> {
    let mut orgs = vec![
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
        org(1923456781, "HR", "People team", Some(&[EMAIL, WEBHOOK])),
        org(2011223344, "Data Science", "", Some(&[])),
        // Names that would run script if a page used them as markup.
        org(
            2022334455,
            "<img src=x onerror=alert(1)>",
            "",
            Some(&[EMAIL]),
        ),
        org(2033445566, "<script>alert(2)</script>", "", None),
    ];
    let mut archived = org(1311002200, "Archive 2023", "Inactive Org", None);
    archived.status = OrgStatus::IN_ACTIVE;
    archived.visibility = OrgVisibility::HIDDEN;
    orgs.push(archived);
    orgs
}

/// The seeded cluster of a server started at `started_ms` (the deliveries'
/// times are relative to it).
pub fn cluster(default: &DefaultSeed, generated: usize, started_ms: u64) -> Cluster {
    let mut orgs = hand_made_orgs();
    for n in 0..generated {
        orgs.push(org(
            100_000 + n as i32,
            &format!("Generated Org {:05}", n + 1),
            "",
            generated_channels(n),
        ));
    }
    Cluster {
        defaults: match default {
            DefaultSeed::NeverSet => Preferences::new(),
            DefaultSeed::Channels(c) => prefs(Some(c)),
        },
        orgs,
        // Marketing and HR send to a webhook; Finance has one but WEBHOOK is
        // off; Engineering and Sales EMEA have WEBHOOK on and no webhook. Each
        // of the three receives a scheduled delivery every 6 hours (see
        // `deliveries.rs`); HR's fail from 2 days before start-up on.
        webhooks: vec![
            webhook(
                "6f1c2a52-0b7e-4c61-9a51-3f9f0c0e1a01",
                "Marketing schedules",
                1532970882,
                "https://hooks.example.com/marketing",
            ),
            webhook(
                "6f1c2a52-0b7e-4c61-9a51-3f9f0c0e1a02",
                "HR schedules",
                1923456781,
                "https://hooks.example.com/hr",
            ),
            webhook(
                "6f1c2a52-0b7e-4c61-9a51-3f9f0c0e1a03",
                "Finance archive",
                583464508,
                "https://hooks.example.com/finance",
            ),
        ],
        jobs: vec![],
        deliveries: Schedule::seeded(started_ms),
    }
}

/// The seed of a server newer than the vendored spec (the `newer_server`
/// fault), applied over the cluster in place: the cluster default gains
/// ALERT_DIGEST [EMAIL] (its LIVEBOARD_SCHEDULE stays as it is, set or not);
/// "Zürich Analytics" gets LIVEBOARD_SCHEDULE [EMAIL, SLACK] and ALERT_DIGEST
/// [WEBHOOK]; "Support" gets ALERT_DIGEST [SLACK] and keeps inheriting
/// LIVEBOARD_SCHEDULE. An Org missing from the cluster is skipped.
pub fn newer_server(cluster: &mut Cluster) {
    cluster.defaults.insert(ALERT_DIGEST, vec![EMAIL]);
    let overrides = [
        ("Zürich Analytics", LIVEBOARD_SCHEDULE, vec![EMAIL, SLACK]),
        ("Zürich Analytics", ALERT_DIGEST, vec![WEBHOOK]),
        ("Support", ALERT_DIGEST, vec![SLACK]),
    ];
    for (name, event, channels) in overrides {
        if let Some(org) = cluster.orgs.iter_mut().find(|o| o.name == name) {
            org.preferences.insert(event, channels);
        }
    }
}

fn webhook(id: &str, name: &str, org_id: i32, url: &str) -> Webhook {
    Webhook {
        id: id.into(),
        name: name.into(),
        description: None,
        org_id,
        url: url.into(),
        url_params: None,
        events: vec![LIVEBOARD_SCHEDULE],
        authentication: Some(AuthenticationInput::BearerToken(format!(
            "receiver-secret-{org_id}"
        ))),
        signature_verification: None,
        additional_headers: None,
        status: None,
        created_ms: 1_767_225_600_000,
        modified_ms: 1_767_225_600_000,
        created_by: "admin".into(),
        modified_by: "admin".into(),
    }
}

/// A demo login.
#[derive(Clone, Debug)]
pub struct User {
    pub id: &'static str,
    pub name: &'static str,
    pub display_name: &'static str,
    pub password: &'static str,
    pub privileges: &'static [&'static str],
    /// Multi-factor authentication is on: `auth/token/full` refuses a password login.
    pub mfa: bool,
}

/// One login per privilege set the panel cares about; every password is `demo-password`.
pub const USERS: &[User] = &[
    User {
        id: "59481331-ee53-42be-a548-bd87be6ddd4a",
        name: "admin",
        display_name: "Demo Administrator",
        password: "demo-password",
        privileges: &["ADMINISTRATION", "AUTHORING", "DATADOWNLOADING"],
        mfa: false,
    },
    User {
        id: "2b9c4c4e-7f43-4c55-9d1e-3a0c1f4b8e21",
        name: "developer",
        display_name: "Demo Developer",
        password: "demo-password",
        privileges: &["DEVELOPER", "AUTHORING"],
        mfa: false,
    },
    User {
        id: "7d2e0a1b-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
        name: "analyst",
        display_name: "Demo Analyst",
        password: "demo-password",
        privileges: &["AUTHORING"],
        mfa: false,
    },
    User {
        id: "3e8a1f20-5b6c-4d7e-9f01-a2b3c4d5e6f7",
        name: "appadmin",
        display_name: "Demo Application Administrator",
        password: "demo-password",
        privileges: &["APPLICATION_ADMINISTRATION", "AUTHORING"],
        mfa: false,
    },
    User {
        id: "4f9b2a31-6c7d-4e8f-8a12-b3c4d5e6f708",
        name: "webhooks",
        display_name: "Demo Webhook Manager",
        password: "demo-password",
        privileges: &["CAN_MANAGE_WEBHOOKS", "AUTHORING"],
        mfa: false,
    },
    User {
        id: "5a0c3b42-7d8e-4f90-9b23-c4d5e6f70819",
        name: "orgadmin",
        display_name: "Demo Org Administrator",
        password: "demo-password",
        privileges: &["ORG_ADMINISTRATION", "AUTHORING"],
        mfa: false,
    },
    User {
        id: "6b1d4c53-8e9f-4a01-8c34-d5e6f708192a",
        name: "sysinfo",
        display_name: "Demo System Viewer",
        password: "demo-password",
        privileges: &["SYSTEM_INFO_ADMINISTRATION", "AUTHORING"],
        mfa: false,
    },
    User {
        id: "7c2e5d64-9f0a-4b12-9d45-e6f708192a3b",
        name: "mfa",
        display_name: "Demo Administrator with MFA",
        password: "demo-password",
        privileges: &["ADMINISTRATION", "AUTHORING"],
        mfa: true,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_has_every_state_and_unique_ids_and_names() {
        let c = cluster(&DefaultSeed::NeverSet, 25, 0);
        assert!(c.defaults.is_empty());
        assert_eq!(c.orgs.len(), 15 + 25);
        let mut ids: Vec<_> = c.orgs.iter().map(|o| o.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), c.orgs.len());
        let ls = LIVEBOARD_SCHEDULE;
        let states: Vec<Option<&Vec<Channel>>> =
            c.orgs.iter().map(|o| o.preferences.get(&ls)).collect();
        assert!(states.contains(&None));
        assert!(states.contains(&Some(&vec![])));
        assert!(states.contains(&Some(&vec![EMAIL])));
        assert!(states.contains(&Some(&vec![WEBHOOK])));
        assert!(states.contains(&Some(&vec![EMAIL, WEBHOOK])));
        assert!(c.orgs.iter().any(|o| o.name.contains("<b>")));
        assert!(c.orgs.iter().any(|o| !o.name.is_ascii()));
    }

    #[test]
    fn the_seeds_failing_deliveries_are_hrs_webhooks() {
        let c = cluster(&DefaultSeed::NeverSet, 0, 1_790_000_000_000);
        let hr = c.orgs[c.find_org("HR").unwrap()].id;
        assert_eq!(c.deliveries.failing_orgs, [hr]);
        assert_eq!(c.deliveries.started_ms, 1_790_000_000_000);
        let hooks: Vec<_> = c.webhooks.iter().filter(|w| w.org_id == hr).collect();
        assert_eq!(hooks.len(), 1);
        assert!(hooks[0].created_ms < c.deliveries.started_ms - 7 * 24 * 3_600_000);
    }

    #[test]
    fn default_seed_parses() {
        assert_eq!("never".parse(), Ok(DefaultSeed::NeverSet));
        assert_eq!("none".parse(), Ok(DefaultSeed::Channels(vec![])));
        assert_eq!(
            "email, WEBHOOK".parse(),
            Ok(DefaultSeed::Channels(vec![EMAIL, WEBHOOK]))
        );
        assert!("SMS".parse::<DefaultSeed>().is_err());
    }

    #[test]
    fn every_user_has_a_unique_name_and_id_and_authoring() {
        let mut names: Vec<_> = USERS.iter().map(|u| u.name).collect();
        let mut ids: Vec<_> = USERS.iter().map(|u| u.id).collect();
        names.sort();
        names.dedup();
        ids.sort();
        ids.dedup();
        assert_eq!(names.len(), USERS.len());
        assert_eq!(ids.len(), USERS.len());
        assert!(USERS.iter().all(|u| u.privileges.contains(&"AUTHORING")));
        assert_eq!(USERS[0].name, "admin", "the static token's user");
    }

    #[test]
    fn the_newer_server_seed_adds_to_the_seed_and_forgetting_it_restores_the_seed() {
        for default in [DefaultSeed::NeverSet, DefaultSeed::Channels(vec![WEBHOOK])] {
            let seeded = cluster(&default, 5, 0);
            let mut c = seeded.clone();
            newer_server(&mut c);
            assert_eq!(c.defaults.get(&ALERT_DIGEST), Some(&vec![EMAIL]));
            assert_eq!(
                c.defaults.get(&LIVEBOARD_SCHEDULE),
                seeded.defaults.get(&LIVEBOARD_SCHEDULE)
            );
            let prefs = |name: &str| c.orgs[c.find_org(name).unwrap()].preferences.clone();
            assert_eq!(
                prefs("Zürich Analytics"),
                Preferences::from([
                    (LIVEBOARD_SCHEDULE, vec![EMAIL, SLACK]),
                    (ALERT_DIGEST, vec![WEBHOOK])
                ])
            );
            assert_eq!(
                prefs("Support"),
                Preferences::from([(ALERT_DIGEST, vec![SLACK])])
            );
            let changed = c
                .orgs
                .iter()
                .zip(&seeded.orgs)
                .filter(|(a, b)| a != b)
                .count();
            assert_eq!(changed, 2);
            c.forget_newer();
            assert_eq!(c, seeded);
        }
    }
}
