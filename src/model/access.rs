//! What the signed-in user may do, from the privileges `auth/session/user`
//! lists, by the "Requires" line of each endpoint in the spec. Privileges that
//! count only with RBAC (APPLICATION_ADMINISTRATION, ORG_ADMINISTRATION,
//! SYSTEM_INFO_ADMINISTRATION, CAN_MANAGE_WEBHOOKS) are taken as granted when
//! the user holds them: a cluster without RBAC refuses, and the panel explains
//! the 403.

/// Whether a call is allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grant {
    Yes,
    /// The spec does not say: the panel tries, and explains a refusal.
    Try,
    No,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Access {
    /// Preference search and configure for Orgs: ADMINISTRATION, DEVELOPER,
    /// or APPLICATION_ADMINISTRATION (RBAC).
    pub prefs: bool,
    /// The cluster default: ADMINISTRATION certainly (the spec's 403 example);
    /// the others who may configure are not excluded by the spec: `Try`.
    pub cluster: Grant,
    /// `orgs/search`: ADMINISTRATION, or ORG_ADMINISTRATION (RBAC).
    pub org_list: bool,
    /// `GET /system` (the release): ADMINISTRATION, or SYSTEM_INFO_ADMINISTRATION (RBAC).
    pub system_info: bool,
    /// Webhooks, the test event and delivery history: ADMINISTRATION,
    /// DEVELOPER, or CAN_MANAGE_WEBHOOKS.
    pub webhooks: bool,
    /// The server listed the privileges; when it did not (the spec makes
    /// `privileges` optional), everything is offered and tried.
    pub known: bool,
}

impl Access {
    /// From `auth/session/user`'s `privileges`; without them, like an unknown
    /// release: everything is offered, the calls are tried, and a refusal is
    /// explained.
    pub fn from_listed<S: AsRef<str>>(privileges: Option<&[S]>) -> Self {
        match privileges {
            Some(p) => Self::from_privileges(p),
            None => Access {
                prefs: true,
                cluster: Grant::Try,
                org_list: true,
                system_info: true,
                webhooks: true,
                known: false,
            },
        }
    }

    pub fn from_privileges<S: AsRef<str>>(privileges: &[S]) -> Self {
        let has = |p: &str| privileges.iter().any(|x| x.as_ref() == p);
        let admin = has("ADMINISTRATION");
        let developer = has("DEVELOPER");
        let prefs = admin || developer || has("APPLICATION_ADMINISTRATION");
        Access {
            prefs,
            cluster: match (admin, prefs) {
                (true, _) => Grant::Yes,
                (false, true) => Grant::Try,
                _ => Grant::No,
            },
            org_list: admin || has("ORG_ADMINISTRATION"),
            system_info: admin || has("SYSTEM_INFO_ADMINISTRATION"),
            webhooks: admin || developer || has("CAN_MANAGE_WEBHOOKS"),
            known: true,
        }
    }

    /// May the user change the cluster default (or try)?
    pub fn edits_cluster(&self) -> bool {
        self.cluster != Grant::No
    }

    /// What the user may do, a line each, in words.
    pub fn describe(&self) -> Vec<String> {
        if !self.known {
            return vec![UNLISTED.to_string()];
        }
        let yes_no = |ok: bool, what: &str, needs: &str| {
            if ok {
                format!("✓ {what}")
            } else {
                format!("✗ {what} (needs {needs})")
            }
        };
        vec![
            yes_no(
                self.prefs,
                "read and edit Org overrides",
                "ADMINISTRATION, DEVELOPER or APPLICATION_ADMINISTRATION",
            ),
            match self.cluster {
                Grant::Yes => "✓ change the cluster default".into(),
                Grant::Try => "? change the cluster default: the spec does not say whether your \
                     privileges may; the panel tries and explains a refusal (ADMINISTRATION certainly may)"
                    .into(),
                Grant::No => "✗ change the cluster default (needs ADMINISTRATION)".into(),
            },
            yes_no(
                self.org_list,
                "list every Org",
                "ADMINISTRATION or ORG_ADMINISTRATION; without it, the Orgs come from the preference search",
            ),
            yes_no(
                self.system_info,
                "read the cluster's release",
                "ADMINISTRATION or SYSTEM_INFO_ADMINISTRATION; without it, the panel learns from the answers",
            ),
            yes_no(
                self.webhooks,
                "manage webhooks, send test events, read delivery history",
                "ADMINISTRATION, DEVELOPER or CAN_MANAGE_WEBHOOKS",
            ),
        ]
    }

    /// One line for the session bar.
    pub fn summary(&self) -> &'static str {
        if !self.known {
            return "privileges not listed by the server: the panel tries, and explains a refusal";
        }
        match (self.cluster, self.prefs) {
            (Grant::Yes, _) => "may edit the cluster default and Org overrides",
            (Grant::Try, _) => {
                "may edit Org overrides (the cluster default may need ADMINISTRATION)"
            }
            (_, false) => {
                "read-only: editing needs ADMINISTRATION, DEVELOPER or APPLICATION_ADMINISTRATION"
            }
            _ => "may edit Org overrides",
        }
    }
}

/// What the session bar says when the server lists no privileges.
pub const UNLISTED: &str = "? The server did not list your privileges (auth/session/user has no \
    \"privileges\"): the panel offers everything, tries each call, and explains what ThoughtSpot refuses.";

/// The Org a token is scoped to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scope {
    pub org_id: i64,
    pub org_name: String,
}

/// The Primary Org's id.
pub const PRIMARY_ORG: i64 = 0;

impl Scope {
    pub fn is_primary(&self) -> bool {
        self.org_id == PRIMARY_ORG
    }

    /// What the scope means, for the session bar.
    pub fn describe(&self) -> String {
        if self.is_primary() {
            format!(
                "Token scoped to the Primary Org ({}, id {}): it reaches every Org your privileges allow.",
                self.org_name, self.org_id
            )
        } else {
            format!(
                "Token scoped to Org {} (id {}): webhooks you create go to this Org, and other Orgs' \
                 preferences and the cluster default may be out of its reach (sign in to the Primary \
                 Org for those).",
                self.org_name, self.org_id
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_privilege_the_spec_names_counts() {
        let admin = Access::from_privileges(&["AUTHORING", "ADMINISTRATION"]);
        assert_eq!(
            admin,
            Access {
                prefs: true,
                cluster: Grant::Yes,
                org_list: true,
                system_info: true,
                webhooks: true,
                known: true,
            }
        );
        let dev = Access::from_privileges(&["DEVELOPER"]);
        assert!(dev.prefs && dev.webhooks && !dev.org_list && !dev.system_info);
        assert_eq!(dev.cluster, Grant::Try, "the spec does not forbid it");
        let app = Access::from_privileges(&["APPLICATION_ADMINISTRATION"]);
        assert!(app.prefs && !app.webhooks);
        assert_eq!(app.cluster, Grant::Try);
        let hooks = Access::from_privileges(&["CAN_MANAGE_WEBHOOKS"]);
        assert!(hooks.webhooks && !hooks.prefs);
        assert_eq!(hooks.cluster, Grant::No);
        assert!(Access::from_privileges(&["ORG_ADMINISTRATION"]).org_list);
        assert!(Access::from_privileges(&["SYSTEM_INFO_ADMINISTRATION"]).system_info);
        let none = Access::from_privileges(&["AUTHORING", "administration"]);
        assert!(!none.prefs && !none.webhooks && none.cluster == Grant::No);
        assert!(none.summary().starts_with("read-only"));
        assert!(none.describe().iter().all(|l| l.starts_with('✗')));
    }

    #[test]
    fn privileges_not_listed_mean_unknown_everything_is_offered_and_tried() {
        let unknown = Access::from_listed::<String>(None);
        assert!(unknown.prefs && unknown.webhooks && unknown.org_list && unknown.system_info);
        assert_eq!(unknown.cluster, Grant::Try, "tried, a refusal explained");
        assert!(!unknown.known);
        assert!(unknown.summary().contains("tries"));
        assert_eq!(unknown.describe(), vec![UNLISTED.to_string()]);
        // An empty list is a list: nothing is granted.
        let empty = Access::from_listed::<String>(Some(&[]));
        assert!(!empty.prefs && !empty.webhooks && empty.known);
    }

    #[test]
    fn the_scope_says_what_it_reaches() {
        let primary = Scope {
            org_id: 0,
            org_name: "Primary".into(),
        };
        assert!(primary.describe().contains("every Org"));
        let other = Scope {
            org_id: 7,
            org_name: "Finance".into(),
        };
        assert!(other
            .describe()
            .contains("webhooks you create go to this Org"));
    }
}
