//! `GET /system`: the cluster's release (ADMINISTRATION, or
//! SYSTEM_INFO_ADMINISTRATION with RBAC).

use super::{Get, Resource};
use serde::Deserialize;

pub type SystemRequest = Get<SystemInfo>;

impl Resource for SystemInfo {
    const PATH: &'static str = "/system";
}

/// Only what the panel uses; every field is nullable in the spec.
#[derive(Deserialize, Clone, Debug, PartialEq, Default)]
pub struct SystemInfo {
    #[serde(default)]
    pub release_version: Option<String>,
}
