//! `GET /system`: the cluster's release (ADMINISTRATION, or
//! SYSTEM_INFO_ADMINISTRATION with RBAC).

use super::{Call, Method};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct SystemRequest;

impl Call for SystemRequest {
    type Answer = SystemInfo;
    const METHOD: Method = Method::Get;
    const PATH: &'static str = "/system";
    const IDEMPOTENT: bool = true;
}

/// Only what the panel uses; every field is nullable in the spec.
#[derive(Deserialize, Clone, Debug, PartialEq, Default)]
pub struct SystemInfo {
    #[serde(default)]
    pub release_version: Option<String>,
}
