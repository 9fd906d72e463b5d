//! The demo logins, the same on every seeded cluster.

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
