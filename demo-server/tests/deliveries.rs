//! The scheduled deliveries in the delivery history
//! (`jobs/history/communication-channels/search`): the seeded grid, the
//! retention, the failing Orgs, the filters and the order.

mod common;

use axum::http::StatusCode;
use common::{app, fields, login, post, post_as, set_faults, state, Reply};
use demo_server::faults::Faults;
use demo_server::http::{
    router,
    state::{AppState, Options},
};
use demo_server::seed::{DefaultSeed, Variant};
use serde_json::{json, Value};
use std::time::{SystemTime, UNIX_EPOCH};

const HISTORY: &str = "/jobs/history/communication-channels/search";
const HOUR: u64 = 3_600_000;
const DAY: u64 = 24 * HOUR;
const HR_ORG: i64 = 1923456781;
const FAILED_DETAIL: &str = "The receiver answered HTTP 500.";

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

/// A history request for the LIVEBOARD_SCHEDULE jobs of one webhook.
fn of(webhook: &str) -> Value {
    json!({"channel_type": "WEBHOOK", "channel_identifiers": [webhook],
           "events": [{"type": "LIVEBOARD_SCHEDULE"}]})
}

/// `body` with `key` set to `value`.
fn with(mut body: Value, key: &str, value: Value) -> Value {
    body[key] = value;
    body
}

/// A successful history answer (checked against the response schema by `post`).
fn jobs(r: Reply) -> Vec<Value> {
    r.assert_status(StatusCode::OK);
    assert_eq!(
        r.schema_checked.as_deref(),
        Some("POST /api/rest/2.0/jobs/history/communication-channels/search")
    );
    r.json()["jobs"].as_array().unwrap().clone()
}

async fn history(app: &axum::Router, body: &Value) -> Vec<Value> {
    jobs(post(app, HISTORY, &body.to_string()).await)
}

/// The delivery grid of `/__demo/state`: start-up, the latest slot before it,
/// the interval, and the time failing Orgs fail from.
struct Grid {
    started: u64,
    slot: u64,
    interval: u64,
    failing_since: u64,
}

async fn grid(app: &axum::Router) -> Grid {
    let d = state(app).await["cluster"]["deliveries"].clone();
    let n = |k: &str| d[k].as_u64().unwrap();
    assert_eq!(
        d["failing_orgs"],
        json!([HR_ORG]),
        "the seed's failing Org is HR"
    );
    Grid {
        started: n("started_ms"),
        slot: n("slot_ms"),
        interval: n("interval_ms"),
        failing_since: n("failing_since_ms"),
    }
}

fn times(jobs: &[Value]) -> Vec<u64> {
    jobs.iter()
        .map(|j| j["creation_time_in_millis"].as_u64().unwrap())
        .collect()
}

fn statuses(jobs: &[Value]) -> Vec<&str> {
    jobs.iter().map(|j| j["status"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn a_seeded_webhook_has_a_delivery_every_6_hours_and_a_7_day_window_answers_the_3_days_kept()
{
    let app = app();
    let g = grid(&app).await;
    assert_eq!(g.started - g.slot, HOUR / 2);
    assert_eq!(g.interval, 6 * HOUR);
    assert_eq!(g.started - g.failing_since, 2 * DAY);
    let week_ago = now_ms() - 7 * DAY;
    for hook in ["Marketing schedules", "HR schedules", "Finance archive"] {
        let week = history(
            &app,
            &with(of(hook), "start_epoch_time_in_millis", json!(week_ago)),
        )
        .await;
        // 28 deliveries fall in the 7 days before start-up; the 12 of the
        // last 3 days are kept.
        let expected: Vec<u64> = (0..12).map(|k| g.slot - k * g.interval).collect();
        assert_eq!(times(&week), expected, "{hook}");
        assert_eq!(history(&app, &of(hook)).await, week, "{hook}");
    }
    let m = history(&app, &of("Marketing schedules")).await;
    assert_eq!(statuses(&m), ["SUCCESS"; 12]);
    for (k, j) in m.iter().enumerate() {
        let t = j["creation_time_in_millis"].as_u64().unwrap();
        let board = if k % 2 == 0 {
            ("d084c256-e284-4fc4-b80c-111cb606449a", "Weekly sales")
        } else {
            ("8c1a5f3e-27b4-4e19-9a0d-5b6e2f7c3d41", "Pipeline review")
        };
        assert_eq!(
            j["event"],
            json!({"type": "LIVEBOARD_SCHEDULE", "id": board.0, "name": board.1,
                   "run_id": format!("run-{t}-1532970882")})
        );
        assert_eq!(
            j["recipients"],
            json!([{"type": "EXTERNAL", "id": "6f1c2a52-0b7e-4c61-9a51-3f9f0c0e1a01",
                    "name": "Marketing schedules", "email": null}])
        );
        assert_eq!(
            j["id"],
            format!("n.schedule-{t}-6f1c2a52-0b7e-4c61-9a51-3f9f0c0e1a01")
        );
        assert_eq!(j["detail"], "The receiver answered HTTP 200.");
        assert_eq!(j["try_count"], 1);
    }
}

#[tokio::test]
async fn hr_fails_its_deliveries_of_the_last_2_days() {
    let app = app();
    let g = grid(&app).await;
    let now = now_ms();
    let hr = history(&app, &of("HR schedules")).await;
    assert_eq!(
        statuses(&hr),
        [["FAILED"; 8].as_slice(), &["SUCCESS"; 4]].concat()
    );
    for j in &hr[..8] {
        let t = j["creation_time_in_millis"].as_u64().unwrap();
        assert!(t >= g.failing_since && t > now - 2 * DAY && t <= now, "{j}");
        assert_eq!(j["detail"], FAILED_DETAIL);
        assert_eq!(j["try_count"], 3);
    }
    for j in &hr[8..] {
        let t = j["creation_time_in_millis"].as_u64().unwrap();
        assert!(t < g.failing_since && t < now - 2 * DAY, "{j}");
        assert_eq!(j["try_count"], 1);
    }
    // The channel_status filter.
    let by = |s: &str| with(of("HR schedules"), "channel_status", json!(s));
    assert_eq!(history(&app, &by("FAILED")).await, hr[..8]);
    assert_eq!(history(&app, &by("SUCCESS")).await, hr[8..]);
    assert!(history(&app, &by("PENDING")).await.is_empty());
    assert!(history(&app, &by("RETRY")).await.is_empty());
}

#[tokio::test]
async fn failing_deliveries_makes_other_orgs_fail_at_run_time_and_an_empty_list_keeps_hr() {
    let app = app();
    let failed = |jobs: &[Value]| statuses(jobs).iter().filter(|s| **s == "FAILED").count();
    assert_eq!(failed(&history(&app, &of("Marketing schedules")).await), 0);
    // By name (any case) and by id; a name matching no Org is ignored.
    set_faults(
        &app,
        json!({"failing_deliveries": ["marketing", "583464508", "Nowhere"]}),
    )
    .await;
    for hook in ["Marketing schedules", "Finance archive", "HR schedules"] {
        let h = history(&app, &of(hook)).await;
        assert_eq!(
            statuses(&h),
            [["FAILED"; 8].as_slice(), &["SUCCESS"; 4]].concat(),
            "{hook}"
        );
        assert!(h[..8]
            .iter()
            .all(|j| j["detail"] == FAILED_DETAIL && j["try_count"] == 3));
    }
    set_faults(&app, json!({})).await;
    assert_eq!(failed(&history(&app, &of("Marketing schedules")).await), 0);
    assert_eq!(failed(&history(&app, &of("Finance archive")).await), 0);
    assert_eq!(failed(&history(&app, &of("HR schedules")).await), 8);
}

#[tokio::test]
async fn failing_deliveries_at_start_up() {
    let app = common::app_with(Faults {
        failing_deliveries: vec!["Finance".into()],
        ..Faults::default()
    });
    let h = history(&app, &of("Finance archive")).await;
    assert_eq!(
        statuses(&h)[..9],
        [["FAILED"; 8].as_slice(), &["SUCCESS"]].concat()
    );
}

#[tokio::test]
async fn start_is_inclusive_and_end_exclusive() {
    let app = app();
    let g = grid(&app).await;
    let hook = || of("Marketing schedules");
    let two_back = g.slot - 2 * g.interval;
    let h = history(
        &app,
        &with(hook(), "start_epoch_time_in_millis", json!(two_back)),
    )
    .await;
    assert_eq!(times(&h), [g.slot, g.slot - g.interval, two_back]);
    let h = history(
        &app,
        &with(hook(), "start_epoch_time_in_millis", json!(two_back + 1)),
    )
    .await;
    assert_eq!(h.len(), 2);
    // A fraction of a millisecond counts: the slot is before 0.5 ms later.
    let h = history(
        &app,
        &with(
            hook(),
            "start_epoch_time_in_millis",
            json!(two_back as f64 - 0.5),
        ),
    )
    .await;
    assert_eq!(h.len(), 3);
    let h = history(
        &app,
        &with(hook(), "end_epoch_time_in_millis", json!(g.slot)),
    )
    .await;
    assert_eq!(h.len(), 11);
    assert_eq!(times(&h)[0], g.slot - g.interval);
    let h = history(
        &app,
        &with(hook(), "end_epoch_time_in_millis", json!(g.slot + 1)),
    )
    .await;
    assert_eq!(h.len(), 12);
    let window = json!({"channel_type": "WEBHOOK", "channel_identifiers": ["Marketing schedules"],
        "events": [{"type": "LIVEBOARD_SCHEDULE"}],
        "start_epoch_time_in_millis": two_back, "end_epoch_time_in_millis": g.slot});
    assert_eq!(
        times(&history(&app, &window).await),
        [g.slot - g.interval, two_back]
    );
    // A start before the retention changes nothing; a window in the future is empty.
    let h = history(&app, &with(hook(), "start_epoch_time_in_millis", json!(0))).await;
    assert_eq!(h.len(), 12);
    let h = history(
        &app,
        &with(hook(), "start_epoch_time_in_millis", json!(g.started + DAY)),
    )
    .await;
    assert!(h.is_empty());
}

#[tokio::test]
async fn the_liveboard_identifier_filters_further() {
    let app = app();
    let by = |identifier: &str| {
        json!({"channel_type": "WEBHOOK", "channel_identifiers": ["HR schedules"],
               "events": [{"type": "LIVEBOARD_SCHEDULE", "identifier": identifier}]})
    };
    let sales = history(&app, &by("d084c256-e284-4fc4-b80c-111cb606449a")).await;
    assert_eq!(sales.len(), 6);
    assert!(sales.iter().all(|j| j["event"]["name"] == "Weekly sales"));
    assert_eq!(history(&app, &by("Weekly sales")).await, sales);
    let review = history(&app, &by("Pipeline review")).await;
    assert_eq!(review.len(), 6);
    assert!(history(&app, &by("No such Liveboard")).await.is_empty());
}

#[tokio::test]
async fn a_job_id_finds_its_delivery_and_ignores_every_other_filter() {
    let app = app();
    let hr = history(&app, &of("HR schedules")).await;
    let job = &hr[2];
    assert_eq!(job["status"], "FAILED");
    let found = history(
        &app,
        &json!({"channel_type": "WEBHOOK", "job_ids": [job["id"]],
                "channel_identifiers": ["Marketing schedules"], "channel_status": "SUCCESS",
                "events": [{"type": "LIVEBOARD_SCHEDULE", "identifier": "Pipeline review"}],
                "start_epoch_time_in_millis": now_ms()}),
    )
    .await;
    assert_eq!(found, std::slice::from_ref(job));
    // Ids that are no delivery: off the grid, too old, an unknown webhook.
    let t = job["creation_time_in_millis"].as_u64().unwrap();
    let g = grid(&app).await;
    for id in [
        format!("n.schedule-{}-6f1c2a52-0b7e-4c61-9a51-3f9f0c0e1a02", t + 1),
        format!(
            "n.schedule-{}-6f1c2a52-0b7e-4c61-9a51-3f9f0c0e1a02",
            g.slot - 12 * g.interval
        ),
        format!("n.schedule-{t}-no-such-webhook"),
        "n.schedule-x".into(),
    ] {
        let h = history(&app, &json!({"channel_type": "WEBHOOK", "job_ids": [id]})).await;
        assert!(h.is_empty(), "{id}");
    }
    // A token of another Org may not look it up.
    let finance = login(&app, "admin", Some(583464508)).await;
    let r = post_as(
        &app,
        &finance,
        HISTORY,
        &json!({"channel_type": "WEBHOOK", "job_ids": [job["id"]]}),
    )
    .await;
    r.assert_error(
        StatusCode::FORBIDDEN,
        13090,
        "User does not have access to org 1923456781",
    );
    // HR's own token may, and reads HR's history.
    let hr_token = login(&app, "developer", Some(HR_ORG)).await;
    let r = post_as(&app, &hr_token, HISTORY, &of("HR schedules")).await;
    assert_eq!(jobs(r), hr);
}

#[tokio::test]
async fn test_events_and_deliveries_come_newest_first() {
    let app = app();
    let validate = json!({"channel_type": "WEBHOOK", "channel_identifier": "HR schedules",
                          "event_type": "LIVEBOARD_SCHEDULE"});
    let sent = post(
        &app,
        "/system/communication-channels/validate",
        &validate.to_string(),
    )
    .await
    .json();
    let h = history(&app, &of("HR schedules")).await;
    assert_eq!(h.len(), 13);
    assert_eq!(h[0]["id"], sent["job_id"]);
    let t = times(&h);
    assert!(t.windows(2).all(|p| p[0] > p[1]), "{t:?}");
    // channel_status applies to test events too.
    let ok = history(
        &app,
        &with(of("HR schedules"), "channel_status", json!("SUCCESS")),
    )
    .await;
    assert_eq!(ok.len(), 5);
    assert_eq!(ok[0]["id"], sent["job_id"]);
}

#[tokio::test]
async fn a_deleted_webhooks_history_is_empty_and_a_new_webhook_starts_with_none() {
    let app = app();
    let validate = json!({"channel_type": "WEBHOOK", "channel_identifier": "Marketing schedules",
                          "event_type": "LIVEBOARD_SCHEDULE"});
    let test_job = post(
        &app,
        "/system/communication-channels/validate",
        &validate.to_string(),
    )
    .await
    .json()["job_id"]
        .clone();
    let before = history(&app, &of("Marketing schedules")).await;
    assert_eq!(before.len(), 13);
    let delivery = before[1]["id"].clone();
    let r = post(
        &app,
        "/webhooks/delete",
        r#"{"webhook_identifiers":["Marketing schedules"]}"#,
    )
    .await;
    assert_eq!(r.json()["deleted_count"], 1);
    // By name, by id, and each job by its id: 200 with no jobs.
    for body in [
        of("Marketing schedules"),
        of("6f1c2a52-0b7e-4c61-9a51-3f9f0c0e1a01"),
        json!({"channel_type": "WEBHOOK", "job_ids": [delivery]}),
        json!({"channel_type": "WEBHOOK", "job_ids": [test_job]}),
    ] {
        assert!(history(&app, &body).await.is_empty(), "{body}");
    }
    let s = state(&app).await;
    assert!(s["cluster"]["jobs"].as_array().unwrap().is_empty());
    // A new webhook in the same Org, under the same name: its first delivery
    // comes at the next slot, 5.5 hours after start-up.
    let marketing = login(&app, "admin", Some(1532970882)).await;
    let r = post_as(
        &app,
        &marketing,
        "/webhooks/create",
        &json!({"name": "Marketing schedules", "url": "https://a.example",
                "events": ["LIVEBOARD_SCHEDULE"]}),
    )
    .await;
    r.assert_status(StatusCode::OK);
    assert!(history(&app, &of("Marketing schedules")).await.is_empty());
    // The other webhooks keep theirs.
    assert_eq!(history(&app, &of("HR schedules")).await.len(), 12);
}

#[tokio::test]
async fn only_liveboard_schedule_webhooks_and_events_have_deliveries() {
    let app = common::app_with(Faults {
        newer_server: true,
        ..Faults::default()
    });
    let r = post(
        &app,
        "/webhooks/6f1c2a52-0b7e-4c61-9a51-3f9f0c0e1a03/update",
        r#"{"events":["ALERT_DIGEST"]}"#,
    )
    .await;
    r.assert_status(StatusCode::NO_CONTENT);
    assert!(history(&app, &of("Finance archive")).await.is_empty());
    let digest = json!({"channel_type": "WEBHOOK", "channel_identifiers": ["HR schedules"],
                        "events": [{"type": "ALERT_DIGEST"}]});
    assert!(history(&app, &digest).await.is_empty());
}

#[tokio::test]
async fn ten_thousand_orgs_cost_nothing_more() {
    let app = router(AppState::new(Options {
        static_token: common::TOKEN.into(),
        variant: Variant::First,
        default: DefaultSeed::NeverSet,
        generated_orgs: 10_000,
        faults: Faults {
            failing_deliveries: vec!["Generated Org 09999".into(), "Marketing".into()],
            ..Faults::default()
        },
        static_dir: None,
        port: common::PORT,
    }));
    let started = std::time::Instant::now();
    for _ in 0..20 {
        let h = history(&app, &of("Marketing schedules")).await;
        assert_eq!(h.len(), 12);
    }
    let v = post(&app, "/webhooks/search", "{}").await.json();
    assert_eq!(fields(&v, "webhooks", "name").len(), 3);
    // Generous: each query takes well under a millisecond of work.
    assert!(started.elapsed().as_secs() < 10);
}
