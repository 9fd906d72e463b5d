//! Who may call what: the privileges each endpoint requires, and the Org a token
//! is scoped to.
//!
//! # Privileges
//!
//! Each endpoint follows the "Requires" line of ThoughtSpot's spec. A privilege
//! that the spec grants only "if RBAC is enabled" counts only while RBAC is on.
//!
//! | endpoints | always | with RBAC also |
//! |---|---|---|
//! | preferences search and configure | ADMINISTRATION, DEVELOPER | APPLICATION_ADMINISTRATION |
//! | configure with `cluster_preferences` | ADMINISTRATION | (nothing) |
//! | `orgs/search` | ADMINISTRATION | ORG_ADMINISTRATION |
//! | `GET /system` | ADMINISTRATION | SYSTEM_INFO_ADMINISTRATION |
//! | webhooks create/search/update/delete, delivery history | ADMINISTRATION, DEVELOPER | CAN_MANAGE_WEBHOOKS |
//! | `system/communication-channels/validate` | ADMINISTRATION, DEVELOPER, CAN_MANAGE_WEBHOOKS | (nothing) |
//! | `auth/session/user` | anyone signed in | |
//!
//! A caller without them gets 403 with code 10023 and a message naming the
//! privileges that would do.
//!
//! # Org scope
//!
//! Every token belongs to exactly one Org. The static token, and a token from
//! `auth/token/full` sent without `org_id`, belong to the Primary Org (id 0); a
//! token from `auth/token/full` with `org_id` belongs to that Org (an unknown
//! `org_id` is refused with 400). `auth/session/user` reports the token's Org as
//! `current_org`.
//!
//! A token of the Primary Org reaches every Org and the cluster-level defaults,
//! as far as its user's privileges allow.
//!
//! A token of any other Org X sees and changes Org X only:
//!
//! - preferences search without `org_preferences` answers Org X's entry alone and
//!   no `cluster_preferences`; an `org_preferences` criterion naming another Org is
//!   refused, and so is a request for `cluster_preferences`;
//! - preferences configure may change Org X only: an entry for another Org, or any
//!   `cluster_preferences` (even an empty list), refuses the whole request and
//!   nothing is applied;
//! - `orgs/search` lists Org X alone (a filter naming another Org finds nothing);
//! - webhooks are created in Org X; `webhooks/search` lists Org X's webhooks only,
//!   and an `org_identifier` naming another Org is refused; updating, deleting or
//!   testing another Org's webhook, or reading its delivery history, is refused
//!   (a delete that names one deletes nothing).
//!
//! A refusal for scope is 403 with ThoughtSpot error code 13090 and the message
//! "User does not have access to org <id>" (or "Cluster-level preferences are
//! available from the Primary Org only"). An Org identifier that matches no Org
//! at all is still 400, as for any token. The scope is checked before the
//! privilege needed for cluster-level changes.

use crate::refusal::Refusal;

/// The Org id of the Primary Org.
pub const PRIMARY_ORG: i32 = 0;

/// ThoughtSpot's error code for a call outside the token's Org.
pub const ORG_ACCESS_CODE: i64 = 13090;

/// The message of a refusal for asking about cluster-level preferences from
/// another Org than the Primary Org.
pub const CLUSTER_FROM_PRIMARY_ONLY: &str =
    "Cluster-level preferences are available from the Primary Org only.";

/// The Org a token is scoped to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scope {
    pub org_id: i32,
}

impl Scope {
    pub const PRIMARY: Scope = Scope {
        org_id: PRIMARY_ORG,
    };

    pub fn is_primary(&self) -> bool {
        self.org_id == PRIMARY_ORG
    }

    /// `None` for the Primary Org (every Org is reachable), otherwise the one Org.
    pub fn only(&self) -> Option<i32> {
        (!self.is_primary()).then_some(self.org_id)
    }

    /// Whether the token may reach `org_id`.
    pub fn reaches(&self, org_id: i32) -> bool {
        self.is_primary() || self.org_id == org_id
    }

    /// A refusal unless the token may reach `org_id`.
    pub fn check_org(&self, org_id: i32) -> Result<(), Refusal> {
        if self.reaches(org_id) {
            Ok(())
        } else {
            Err(Refusal::OutOfScope(format!(
                "User does not have access to org {org_id}."
            )))
        }
    }

    /// A refusal unless the token may reach the cluster-level preferences.
    pub fn check_cluster(&self) -> Result<(), Refusal> {
        if self.is_primary() {
            Ok(())
        } else {
            Err(Refusal::OutOfScope(CLUSTER_FROM_PRIMARY_ONLY.into()))
        }
    }
}

/// Groups of endpoints that share a privilege rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// Preferences search and configure (Org level).
    Preferences,
    /// Configure with `cluster_preferences`.
    ClusterPreferences,
    Orgs,
    System,
    Webhooks,
    History,
    Validate,
}

impl Family {
    /// The privileges that grant the family: always, and only with RBAC on.
    fn rule(
        self,
    ) -> (
        &'static [&'static str],
        &'static [&'static str],
        &'static str,
    ) {
        const AD: &[&str] = &["ADMINISTRATION", "DEVELOPER"];
        match self {
            Family::Preferences => (
                AD,
                &["APPLICATION_ADMINISTRATION"],
                "manage communication channel preferences",
            ),
            Family::ClusterPreferences => (
                &["ADMINISTRATION"],
                &[],
                "configure cluster-level communication channel preferences",
            ),
            Family::Orgs => (&["ADMINISTRATION"], &["ORG_ADMINISTRATION"], "search Orgs"),
            Family::System => (
                &["ADMINISTRATION"],
                &["SYSTEM_INFO_ADMINISTRATION"],
                "retrieve system information",
            ),
            Family::Webhooks => (AD, &["CAN_MANAGE_WEBHOOKS"], "manage webhooks"),
            Family::History => (
                AD,
                &["CAN_MANAGE_WEBHOOKS"],
                "retrieve channel delivery history",
            ),
            Family::Validate => (
                &["ADMINISTRATION", "DEVELOPER", "CAN_MANAGE_WEBHOOKS"],
                &[],
                "validate communication channels",
            ),
        }
    }
}

fn either(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// `Ok` if a user with `privileges` may call endpoints of `family`; otherwise the
/// 403 message, naming the privileges that would do.
pub fn require(privileges: &[&str], family: Family, rbac: bool) -> Result<(), String> {
    let (always, with_rbac, what) = family.rule();
    let mut granting: Vec<&str> = always.to_vec();
    if rbac {
        granting.extend_from_slice(with_rbac);
    }
    if granting.iter().any(|p| privileges.contains(p)) {
        Ok(())
    } else {
        Err(format!(
            "{} privilege required to {what}.",
            either(&granting)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rbac_privileges_count_only_with_rbac_on() {
        let app = &["APPLICATION_ADMINISTRATION", "AUTHORING"];
        assert!(require(app, Family::Preferences, true).is_ok());
        assert_eq!(
            require(app, Family::Preferences, false),
            Err("ADMINISTRATION or DEVELOPER privilege required to manage communication channel preferences.".into())
        );
        assert_eq!(
            require(&["AUTHORING"], Family::Preferences, true),
            Err("ADMINISTRATION, DEVELOPER or APPLICATION_ADMINISTRATION privilege required to manage communication channel preferences.".into())
        );
        assert_eq!(
            require(&["DEVELOPER"], Family::ClusterPreferences, true),
            Err("ADMINISTRATION privilege required to configure cluster-level communication channel preferences.".into())
        );
        let hooks = &["CAN_MANAGE_WEBHOOKS"];
        assert!(require(hooks, Family::Validate, false).is_ok());
        assert!(require(hooks, Family::Webhooks, false).is_err());
        assert!(require(hooks, Family::Webhooks, true).is_ok());
    }

    #[test]
    fn a_primary_token_reaches_every_org_and_another_one_only_its_own() {
        assert!(Scope::PRIMARY.check_org(42).is_ok());
        assert!(Scope::PRIMARY.check_cluster().is_ok());
        let x = Scope { org_id: 7 };
        assert!(x.check_org(7).is_ok());
        assert_eq!(
            x.check_org(0),
            Err(Refusal::OutOfScope(
                "User does not have access to org 0.".into()
            ))
        );
        assert!(x.check_cluster().is_err());
        assert_eq!(x.only(), Some(7));
        assert_eq!(Scope::PRIMARY.only(), None);
    }
}
