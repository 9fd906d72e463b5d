//! `GET /system`: the cluster's release (ADMINISTRATION, or
//! SYSTEM_INFO_ADMINISTRATION with RBAC).

use super::{Get, Resource};
use serde::{Deserialize, Serialize};

pub type SystemRequest = Get<SystemInfo>;

impl Resource for SystemInfo {
    const PATH: &'static str = "/system";
}

/// Only what the panel uses; every field is nullable in the spec.
#[derive(Deserialize, Serialize, Clone, Debug, PartialEq, Default)]
pub struct SystemInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release_version: Option<String>,
}
