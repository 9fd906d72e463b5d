//! What the signed-in user may do, from the privileges `auth/session/user` lists.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Access {
    /// ADMINISTRATION: the cluster default (and `orgs/search`).
    pub cluster: bool,
    /// ADMINISTRATION, DEVELOPER or APPLICATION_ADMINISTRATION: Org overrides.
    pub orgs: bool,
}

impl Access {
    pub fn from_privileges<S: AsRef<str>>(privileges: &[S]) -> Self {
        let has = |p: &str| privileges.iter().any(|x| x.as_ref() == p);
        let admin = has("ADMINISTRATION");
        Access {
            cluster: admin,
            orgs: admin || has("DEVELOPER") || has("APPLICATION_ADMINISTRATION"),
        }
    }

    pub fn describe(&self) -> &'static str {
        match (self.cluster, self.orgs) {
            (true, _) => "may edit the cluster default and Org overrides",
            (false, true) => "may edit Org overrides (the cluster default needs ADMINISTRATION)",
            (false, false) => "read-only: editing needs ADMINISTRATION or DEVELOPER",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn privileges_map_to_what_may_be_edited() {
        assert_eq!(
            Access::from_privileges(&["AUTHORING", "ADMINISTRATION"]),
            Access {
                cluster: true,
                orgs: true
            }
        );
        assert_eq!(
            Access::from_privileges(&["DEVELOPER"]),
            Access {
                cluster: false,
                orgs: true
            }
        );
        assert_eq!(
            Access::from_privileges(&["APPLICATION_ADMINISTRATION"]),
            Access {
                cluster: false,
                orgs: true
            }
        );
        assert_eq!(
            Access::from_privileges(&["AUTHORING", "administration"]),
            Access {
                cluster: false,
                orgs: false
            }
        );
        assert!(Access::from_privileges::<&str>(&[])
            .describe()
            .starts_with("read-only"));
    }
}
