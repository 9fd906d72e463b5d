//! The cluster's release (`GET /system`) and its Orgs (`orgs/search`).

use crate::access::Family;
use crate::domain::orgs::OrgsSearch;
use crate::http::fail::Reply;
use crate::http::state::{AppState, Caller, Inner};
use crate::seed::USERS;
use axum::{body::Bytes, extract::State, http::HeaderMap};
use serde::Serialize;
use ts_wire::SystemInfo;

/// What `GET /system` answers: the panel's `SystemInfo` (the release) and the
/// rest of the spec's `SystemInfo`, fixed for the demo.
#[derive(Serialize)]
struct SystemAnswer {
    #[serde(flatten)]
    info: SystemInfo,
    id: &'static str,
    name: &'static str,
    time_zone: &'static str,
    locale: &'static str,
    date_format: &'static str,
    api_version: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    environment: &'static str,
    license: &'static str,
    date_time_format: &'static str,
    time_format: &'static str,
    system_user_id: &'static str,
    super_user_id: &'static str,
    hidden_object_id: &'static str,
    system_group_id: &'static str,
    tsadmin_user_id: &'static str,
    admin_group_id: &'static str,
    all_tables_connection_id: &'static str,
    all_user_group_id: &'static str,
    accept_language: &'static str,
    all_user_group_member_user_count: usize,
    logical_model_version: u32,
}

pub async fn system_info(State(state): State<AppState>, headers: HeaderMap) -> Reply {
    let ep = state.endpoint("GET", "/system")?;
    let caller = state.authenticate(&headers)?;
    state.require(&caller, Family::System)?;
    let release = state.lock().faults.release;
    let answer = SystemAnswer {
        info: SystemInfo {
            release_version: Some(release.to_string()),
        },
        id: "demo",
        name: "demo",
        time_zone: "UTC",
        locale: "en-US",
        date_format: "MM/dd/yyyy",
        api_version: "v2",
        kind: "SAAS",
        environment: "DEV",
        license: "EAE",
        date_time_format: "MM/dd/yyyy h:mm a",
        time_format: "HH:mm:ss",
        system_user_id: "67e15c06-d153-4924-a4cd-ff615393b60f",
        super_user_id: "0f0dd0f7-7411-4195-a4aa-0dc6b58413c9",
        hidden_object_id: "31745bb4-defd-4e8b-8de9-8fd01db78827",
        system_group_id: "179d8867-cf36-4a8d-a019-63a226fd3196",
        tsadmin_user_id: USERS[0].id,
        admin_group_id: "d0326b56-ef23-4c8a-8327-a30e99bcc72b",
        all_tables_connection_id: "bfc6feb4-8dac-402c-8ae8-78b43d318777",
        all_user_group_id: "b25ee394-9d13-49e3-9385-cd97f5b253b4",
        accept_language: "en-US",
        all_user_group_member_user_count: USERS.len(),
        logical_model_version: 43,
    };
    state.answer(ep, answer)
}

pub async fn orgs_search(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Reply {
    let act = |inner: &mut Inner, caller: Caller, req: OrgsSearch| {
        Ok(inner.cluster.search_orgs(&req, caller.scope))
    };
    state.respond("/orgs/search", &headers, &body, Family::Orgs, act)
}
