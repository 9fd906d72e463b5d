//! The demo clusters: fifteen hand-made Orgs in every preference state, plus
//! any number of generated ones for large-cluster runs, webhooks, and their
//! scheduled deliveries (HR's failing for the last 2 days); and the demo
//! logins.
//!
//! Two variants make two clusters to compare: `first` (the default) and
//! `second`, which differs from it as `second.rs` lists (other Org ids, Orgs
//! on one side only, a near-duplicate name, other preferences, cluster
//! default and webhooks). Both keep the names that test rendering.

mod build;
mod first;
mod second;
mod users;

use crate::domain::cluster::{Cluster, Org};
use crate::domain::deliveries::Schedule;
use crate::domain::vocab::{
    Channel::{self, EMAIL, SLACK, WEBHOOK},
    EventType::{ALERT_DIGEST, LIVEBOARD_SCHEDULE},
    Preferences,
};
pub use users::{User, USERS};

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

/// Which of the two demo clusters to seed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Variant {
    /// The demo's own cluster.
    #[default]
    First,
    /// Another cluster of the same company, to compare with the first and
    /// promote settings to (see `second.rs` for how it differs).
    Second,
}

impl std::str::FromStr for Variant {
    type Err = String;
    /// `first` or `second`.
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "first" => Ok(Variant::First),
            "second" => Ok(Variant::Second),
            other => Err(format!("unknown variant {other:?} (first or second)")),
        }
    }
}

impl Variant {
    pub fn name(self) -> &'static str {
        match self {
            Variant::First => "first",
            Variant::Second => "second",
        }
    }

    /// The cluster default the variant starts with when none is asked for:
    /// never set on the first, EMAIL on the second.
    pub fn cluster_default(self) -> DefaultSeed {
        match self {
            Variant::First => DefaultSeed::NeverSet,
            Variant::Second => DefaultSeed::Channels(vec![EMAIL]),
        }
    }
}

/// The seeded cluster of this variant with `generated` generated Orgs, for a
/// server started at `started_ms` (the deliveries' times are relative to it).
pub fn cluster(
    variant: Variant,
    default: &DefaultSeed,
    generated: usize,
    started_ms: u64,
) -> Cluster {
    let (mut orgs, webhooks, hr, generated_org): (_, _, _, fn(usize) -> Org) = match variant {
        Variant::First => (
            first::orgs(),
            first::webhooks(),
            first::HR,
            first::generated,
        ),
        Variant::Second => (
            second::orgs(),
            second::webhooks(),
            second::HR,
            second::generated,
        ),
    };
    orgs.extend((0..generated).map(generated_org));
    Cluster {
        defaults: match default {
            DefaultSeed::NeverSet => Preferences::new(),
            DefaultSeed::Channels(c) => build::prefs(Some(c)),
        },
        orgs,
        webhooks,
        jobs: vec![],
        deliveries: Schedule {
            failing_orgs: vec![hr],
            ..Schedule::seeded(started_ms)
        },
    }
}

/// The seed of a server newer than the vendored spec (the `newer_server`
/// fault), applied over the cluster in place: the cluster default gains
/// ALERT_DIGEST [EMAIL] (its LIVEBOARD_SCHEDULE stays as it is, set or not);
/// "Zürich Analytics" gets LIVEBOARD_SCHEDULE [EMAIL, SLACK] and ALERT_DIGEST
/// [WEBHOOK]; "Support" gets ALERT_DIGEST [SLACK] and keeps its
/// LIVEBOARD_SCHEDULE state. An Org missing from the cluster is skipped.
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

#[cfg(test)]
mod tests {
    use super::*;

    const BOTH: [Variant; 2] = [Variant::First, Variant::Second];

    #[test]
    fn each_seed_has_every_state_and_unique_ids_and_names() {
        for v in BOTH {
            let c = cluster(v, &v.cluster_default(), 25, 0);
            assert_eq!(c.orgs.len(), 15 + 25);
            let mut ids: Vec<_> = c.orgs.iter().map(|o| o.id).collect();
            ids.sort();
            ids.dedup();
            assert_eq!(ids.len(), c.orgs.len());
            let mut names: Vec<_> = c.orgs.iter().map(|o| o.name.to_lowercase()).collect();
            names.sort();
            names.dedup();
            assert_eq!(names.len(), c.orgs.len(), "{v:?}");
            let ls = LIVEBOARD_SCHEDULE;
            let states: Vec<Option<&Vec<Channel>>> =
                c.orgs.iter().map(|o| o.preferences.get(&ls)).collect();
            assert!(states.contains(&None));
            assert!(states.contains(&Some(&vec![])));
            assert!(states.contains(&Some(&vec![EMAIL])));
            assert!(states.contains(&Some(&vec![WEBHOOK])));
            assert!(states.contains(&Some(&vec![EMAIL, WEBHOOK])));
            for markup in ["<b>", "<img", "<script>"] {
                assert!(c.orgs.iter().any(|o| o.name.contains(markup)), "{v:?}");
            }
            assert!(c.orgs.iter().any(|o| !o.name.is_ascii()));
            let hooks = c.webhooks.iter().map(|w| w.org_id);
            assert!(hooks.clone().all(|o| ids.contains(&o)), "{v:?}");
        }
        assert!(
            cluster(Variant::First, &Variant::First.cluster_default(), 0, 0)
                .defaults
                .is_empty()
        );
        let second = cluster(Variant::Second, &Variant::Second.cluster_default(), 0, 0);
        assert_eq!(second.defaults, build::prefs(Some(&[EMAIL])));
    }

    #[test]
    fn the_variants_share_only_the_primary_org_id_and_every_generated_name() {
        let a = cluster(Variant::First, &DefaultSeed::NeverSet, 70, 0);
        let b = cluster(Variant::Second, &DefaultSeed::NeverSet, 70, 0);
        let shared: Vec<_> = a
            .orgs
            .iter()
            .filter(|o| b.orgs.iter().any(|p| p.id == o.id))
            .map(|o| o.name.as_str())
            .collect();
        assert_eq!(shared, ["Primary"]);
        let generated = |c: &Cluster| -> Vec<(String, Preferences)> {
            c.orgs[15..]
                .iter()
                .map(|o| (o.name.clone(), o.preferences.clone()))
                .collect()
        };
        let (ga, gb) = (generated(&a), generated(&b));
        let differing: Vec<usize> = (0..70).filter(|&n| ga[n].1 != gb[n].1).collect();
        assert!(ga.iter().zip(&gb).all(|(x, y)| x.0 == y.0));
        assert_eq!(differing, (1..=10).map(|k| 7 * k - 1).collect::<Vec<_>>());
        assert_eq!(ga[6].0, "Generated Org 00007");
    }

    #[test]
    fn the_seeds_failing_deliveries_are_hrs_webhooks() {
        for v in BOTH {
            let c = cluster(v, &DefaultSeed::NeverSet, 0, 1_790_000_000_000);
            let hr = c.orgs[c.find_org("HR").unwrap()].id;
            assert_eq!(c.deliveries.failing_orgs, [hr]);
            assert_eq!(c.deliveries.started_ms, 1_790_000_000_000);
            let hooks: Vec<_> = c.webhooks.iter().filter(|w| w.org_id == hr).collect();
            assert_eq!(hooks.len(), 1);
            assert!(hooks[0].created_ms < c.deliveries.started_ms - 7 * 24 * 3_600_000);
        }
        assert_eq!(first::HR, crate::domain::deliveries::SEED_FAILING_ORG);
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
        assert_eq!("second".parse(), Ok(Variant::Second));
        assert_eq!(" First".parse(), Ok(Variant::First));
        assert!("third".parse::<Variant>().is_err());
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
            let seeded = cluster(Variant::First, &default, 5, 0);
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
