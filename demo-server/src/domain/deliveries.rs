//! Scheduled LIVEBOARD_SCHEDULE deliveries to the webhooks, as the delivery
//! history (`jobs/history/communication-channels/search`) reports them.
//!
//! Deliveries are not stored: every webhook subscribed to LIVEBOARD_SCHEDULE
//! receives one delivery per slot of a fixed grid, from its creation on, and a
//! query works out the slots it asks about. A query therefore costs the slots it
//! returns (at most 12 per webhook, see the retention below), however many Orgs
//! and webhooks the cluster has, and a deleted webhook's deliveries go with it.
//!
//! # The grid
//!
//! One slot every 6 hours ([`INTERVAL_MS`]). The latest slot before start-up is
//! 30 minutes before it ([`OFFSET_MS`]); slots go on while the server runs. A
//! webhook created before start-up (all the seeded ones) thus has 28
//! deliveries in the 7 days before start-up and 12 in the 3 days before it (30
//! minutes, 6.5 hours, …, 66.5 hours before start-up). A webhook created later
//! gets its first delivery at the next slot after its creation.
//!
//! # Retention
//!
//! ThoughtSpot keeps delivery logs for 3 days, so the history returns no record
//! (delivery or test event) created 3 days ago or earlier ([`RETENTION_MS`]): a
//! request for the last 7 days answers the 12 deliveries of the last 3 days.
//! Since the window kept, (now − 3 days, now], is half-open, it holds exactly 12
//! slots at any time.
//!
//! # Failures
//!
//! The deliveries of a failing Org's webhook from 2 days before start-up on
//! ([`FAILING_FOR_MS`]) fail: status FAILED, detail [`FAILED_DETAIL`], try count
//! 3. That is 8 of the 12 kept at start-up (30 minutes to 42.5 hours before
//! it), and every later one. All other deliveries succeed: SUCCESS, detail
//! [`SUCCESS_DETAIL`], try count 1. The seed's failing Org is HR
//! ([`SEED_FAILING_ORG`]); the `failing_deliveries` fault adds others.
//!
//! # Records
//!
//! Slot number `n` (the slot at `slot_ms + n × interval_ms`; 0 is the latest
//! before start-up) delivers Liveboard `LIVEBOARDS[n mod 2]` ("Weekly sales" on
//! even slots, "Pipeline review" on odd ones) to one EXTERNAL recipient, the
//! webhook, with the run id `run-<creation ms>-<Org id>`. Its job id is
//! `n.schedule-<creation ms>-<webhook id>`, which a `job_ids` lookup decodes.

use crate::domain::history::{Recipient, Record};
use crate::domain::vocab::EventType;
use crate::domain::webhook::Webhook;
use serde::Serialize;
use ts_wire::JobStatus;

const MINUTE_MS: u64 = 60 * 1000;
const HOUR_MS: u64 = 60 * MINUTE_MS;
const DAY_MS: u64 = 24 * HOUR_MS;

/// Time between two scheduled deliveries to a webhook.
pub const INTERVAL_MS: u64 = 6 * HOUR_MS;
/// How long before start-up the latest slot before it lies.
pub const OFFSET_MS: u64 = 30 * MINUTE_MS;
/// Records this old or older are not returned.
pub const RETENTION_MS: u64 = 3 * DAY_MS;
/// How long before start-up a failing Org's deliveries start failing.
pub const FAILING_FOR_MS: u64 = 2 * DAY_MS;
/// The Org whose webhook fails in the seed: HR (its id on the first demo
/// cluster; the second cluster's seed names its own HR instead).
pub const SEED_FAILING_ORG: i32 = 1923456781;
/// The detail of a failed delivery.
pub const FAILED_DETAIL: &str = "The receiver answered HTTP 500.";
/// The detail of a successful delivery.
pub const SUCCESS_DETAIL: &str = "The receiver answered HTTP 200.";
/// Attempts of a failed delivery (the first and two retries).
pub const FAILED_TRIES: u32 = 3;

const JOB_PREFIX: &str = "n.schedule-";

/// A Liveboard that the schedules deliver.
pub struct Liveboard {
    pub id: &'static str,
    pub name: &'static str,
}

/// The Liveboards delivered, by slot number (even, odd).
pub const LIVEBOARDS: [Liveboard; 2] = [
    Liveboard {
        id: "d084c256-e284-4fc4-b80c-111cb606449a",
        name: "Weekly sales",
    },
    Liveboard {
        id: "8c1a5f3e-27b4-4e19-9a0d-5b6e2f7c3d41",
        name: "Pipeline review",
    },
];

/// The delivery grid and the failing Orgs of the seed. All zero (the default)
/// means no deliveries at all.
#[derive(Serialize, Clone, Debug, Default, PartialEq)]
pub struct Schedule {
    /// When the server started, in ms since the epoch.
    pub started_ms: u64,
    /// A slot of the grid: the latest before start-up.
    pub slot_ms: u64,
    /// Time between two slots.
    pub interval_ms: u64,
    /// A failing Org's deliveries fail from this time on.
    pub failing_since_ms: u64,
    /// The Orgs whose webhooks fail their deliveries from `failing_since_ms` on.
    pub failing_orgs: Vec<i32>,
}

/// Time bounds in ms since the epoch: `from` inclusive, `until` exclusive.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Window {
    pub from: i64,
    pub until: i64,
}

impl Window {
    /// What the history keeps at `now_ms`: (now − retention, now].
    pub fn kept(now_ms: u64) -> Window {
        let now = now_ms as i64;
        Window {
            from: now - RETENTION_MS as i64 + 1,
            until: now + 1,
        }
    }

    /// Narrowed to a request's `start_epoch_time_in_millis` (inclusive) and
    /// `end_epoch_time_in_millis` (exclusive). For a whole number of ms `t`,
    /// `t >= s` is `t >= ceil(s)` and `t < e` is `t < ceil(e)`; the float to
    /// integer cast saturates.
    pub fn within(self, start: Option<f64>, end: Option<f64>) -> Window {
        Window {
            from: start.map_or(self.from, |s| self.from.max(s.ceil() as i64)),
            until: end.map_or(self.until, |e| self.until.min(e.ceil() as i64)),
        }
    }

    pub fn contains(&self, t: u64) -> bool {
        let t = t as i64;
        self.from <= t && t < self.until
    }
}

/// Decodes a delivery's job id into its creation time and webhook id.
pub fn parse_job_id(id: &str) -> Option<(u64, &str)> {
    let (ms, webhook) = id.strip_prefix(JOB_PREFIX)?.split_once('-')?;
    Some((ms.parse().ok()?, webhook))
}

impl Schedule {
    /// The seed's schedule for a server started at `started_ms`.
    pub fn seeded(started_ms: u64) -> Schedule {
        Schedule {
            started_ms,
            slot_ms: started_ms.saturating_sub(OFFSET_MS),
            interval_ms: INTERVAL_MS,
            failing_since_ms: started_ms.saturating_sub(FAILING_FOR_MS),
            failing_orgs: vec![SEED_FAILING_ORG],
        }
    }

    /// The slot numbers whose times fall in `window` at or after `created_ms`,
    /// newest first.
    fn slots(&self, window: Window, created_ms: u64) -> impl Iterator<Item = i64> {
        let (from, until) = (window.from.max(created_ms as i64), window.until);
        let (slot, step) = (self.slot_ms as i64, self.interval_ms as i64);
        // The first slot at or after a time t is ceil((t - slot) / step).
        let ceil_div = |a: i64| -(-a).div_euclid(step);
        let (first, end) = if step > 0 && from < until {
            (ceil_div(from - slot), ceil_div(until - slot))
        } else {
            (0, 0)
        };
        (first..end).rev()
    }

    /// The slot number of `t`, if `t` is a slot of the grid.
    fn slot_of(&self, t: u64) -> Option<i64> {
        let (t, slot, step) = (t as i64, self.slot_ms as i64, self.interval_ms as i64);
        (step > 0 && (t - slot).rem_euclid(step) == 0).then(|| (t - slot).div_euclid(step))
    }

    /// The delivery of slot `n` to `w`; it fails when `failing` has `w`'s Org
    /// and the slot is at or after `failing_since_ms`.
    fn delivery(&self, w: &Webhook, n: i64, failing: &[i32]) -> Record {
        let t = (self.slot_ms as i64 + n * self.interval_ms as i64) as u64;
        let board = &LIVEBOARDS[n.rem_euclid(2) as usize];
        let fails = failing.contains(&w.org_id) && t >= self.failing_since_ms;
        let (status, detail, try_count) = if fails {
            (JobStatus::Failed, FAILED_DETAIL, FAILED_TRIES)
        } else {
            (JobStatus::Success, SUCCESS_DETAIL, 1)
        };
        Record {
            id: format!("{JOB_PREFIX}{t}-{}", w.id),
            status,
            creation_ms: t,
            event_id: board.id.into(),
            event_name: Some(board.name.into()),
            run_id: Some(format!("run-{t}-{}", w.org_id)),
            recipients: Some(vec![Recipient {
                kind: "EXTERNAL",
                id: w.id.clone(),
                name: w.name.clone(),
                email: None,
            }]),
            detail: detail.into(),
            try_count,
        }
    }

    /// The deliveries to `w` in `window`, newest first; `liveboard` (an id or
    /// a name) keeps only that Liveboard's.
    pub fn deliveries(
        &self,
        w: &Webhook,
        window: Window,
        liveboard: Option<&str>,
        failing: &[i32],
    ) -> Vec<Record> {
        if !w.events.contains(&EventType::LIVEBOARD_SCHEDULE) {
            return Vec::new();
        }
        self.slots(window, w.created_ms)
            .filter(|n| {
                let board = &LIVEBOARDS[n.rem_euclid(2) as usize];
                liveboard.is_none_or(|l| l == board.id || l == board.name)
            })
            .map(|n| self.delivery(w, n, failing))
            .collect()
    }

    /// The delivery to `w` at `t`, if there was one and `window` holds it.
    pub fn delivery_at(
        &self,
        w: &Webhook,
        t: u64,
        window: Window,
        failing: &[i32],
    ) -> Option<Record> {
        let n = self.slot_of(t)?;
        let held = window.contains(t)
            && t >= w.created_ms
            && w.events.contains(&EventType::LIVEBOARD_SCHEDULE);
        held.then(|| self.delivery(w, n, failing))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hook(created_ms: u64) -> Webhook {
        Webhook {
            id: "w-1".into(),
            name: "Hook".into(),
            description: None,
            org_id: 7,
            url: "https://a.example".into(),
            url_params: None,
            events: vec![EventType::LIVEBOARD_SCHEDULE],
            authentication: None,
            signature_verification: None,
            additional_headers: None,
            status: None,
            created_ms,
            modified_ms: created_ms,
            created_by: "admin".into(),
            modified_by: "admin".into(),
        }
    }

    const START: u64 = 1_790_000_000_000;

    #[test]
    fn the_window_kept_holds_twelve_slots_whatever_the_time() {
        let s = Schedule::seeded(START);
        let w = hook(0);
        for later in [
            0,
            1,
            OFFSET_MS - 1,
            OFFSET_MS,
            OFFSET_MS + 1,
            5 * DAY_MS + 17,
        ] {
            let now = START + later;
            let d = s.deliveries(&w, Window::kept(now), None, &[]);
            assert_eq!(d.len(), 12, "{later}");
            assert!(d.windows(2).all(|p| p[0].creation_ms > p[1].creation_ms));
            assert!(d.iter().all(|r| r.creation_ms <= now));
        }
        let d = s.deliveries(&w, Window::kept(START), None, &[]);
        assert_eq!(d[0].creation_ms, START - OFFSET_MS);
        assert_eq!(d[11].creation_ms, START - OFFSET_MS - 11 * INTERVAL_MS);
        let week = Window {
            from: (START - 7 * DAY_MS) as i64,
            until: START as i64,
        };
        assert_eq!(s.deliveries(&w, week, None, &[]).len(), 28);
    }

    #[test]
    fn deliveries_start_at_the_webhooks_creation() {
        let s = Schedule::seeded(START);
        let created = START - OFFSET_MS - 2 * INTERVAL_MS;
        assert_eq!(
            s.deliveries(&hook(created), Window::kept(START), None, &[])
                .len(),
            3
        );
        let d = s.deliveries(&hook(created + 1), Window::kept(START), None, &[]);
        assert_eq!(d.len(), 2);
        assert!(s
            .deliveries(&hook(START), Window::kept(START + 1000), None, &[])
            .is_empty());
    }

    #[test]
    fn a_failing_org_fails_from_two_days_before_start_up() {
        let s = Schedule::seeded(START);
        let w = hook(0);
        let d = s.deliveries(&w, Window::kept(START), None, &[7]);
        let failed: Vec<_> = d.iter().filter(|r| r.status == JobStatus::Failed).collect();
        assert_eq!(failed.len(), 8);
        assert!(failed
            .iter()
            .all(|r| r.creation_ms >= START - FAILING_FOR_MS
                && r.detail == FAILED_DETAIL
                && r.try_count == 3));
        assert!(d[8..]
            .iter()
            .all(|r| r.status == JobStatus::Success && r.try_count == 1));
        let d = s.deliveries(&w, Window::kept(START), None, &[8]);
        assert!(d.iter().all(|r| r.status == JobStatus::Success));
    }

    #[test]
    fn job_ids_decode_and_find_their_delivery() {
        let s = Schedule::seeded(START);
        let w = hook(0);
        let kept = Window::kept(START);
        for r in s.deliveries(&w, kept, None, &[7]) {
            let (t, id) = parse_job_id(&r.id).unwrap();
            assert_eq!(id, "w-1");
            assert_eq!(s.delivery_at(&w, t, kept, &[7]), Some(r));
        }
        assert_eq!(s.delivery_at(&w, START - OFFSET_MS + 1, kept, &[]), None);
        let old = START - OFFSET_MS - 12 * INTERVAL_MS;
        assert_eq!(s.delivery_at(&w, old, kept, &[]), None);
        assert_eq!(parse_job_id("n.validation-x"), None);
    }

    #[test]
    fn liveboards_alternate_and_filter() {
        let s = Schedule::seeded(START);
        let w = hook(0);
        let all = s.deliveries(&w, Window::kept(START), None, &[]);
        assert_eq!(all[0].event_name.as_deref(), Some("Weekly sales"));
        assert_eq!(all[1].event_name.as_deref(), Some("Pipeline review"));
        let sales = s.deliveries(&w, Window::kept(START), Some(LIVEBOARDS[0].id), &[]);
        let by_name = s.deliveries(&w, Window::kept(START), Some("Weekly sales"), &[]);
        assert_eq!(sales.len(), 6);
        assert_eq!(sales, by_name);
    }

    #[test]
    fn request_bounds_narrow_the_window() {
        let w = Window::kept(START).within(Some(START as f64 - 0.5), Some(1e300));
        assert_eq!(w.from, START as i64);
        assert_eq!(w.until, START as i64 + 1);
        let w = Window::kept(START).within(Some(-1e300), Some(START as f64 - 10.0));
        assert_eq!(w.from, (START - RETENTION_MS) as i64 + 1);
        assert_eq!(w.until, START as i64 - 10);
        assert!(!w.contains(START - 10));
        assert!(w.contains(START - 11));
        let none = Schedule::default();
        assert!(none
            .deliveries(&hook(0), Window::kept(START), None, &[])
            .is_empty());
    }
}
