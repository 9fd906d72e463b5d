//! Delivery health: what an Org's LIVEBOARD_SCHEDULE webhook delivered over
//! the last days, from its delivery history.

use crate::api::wire::{History, JobStatus};

/// The window the column counts over.
pub const WINDOW_MS: f64 = 7.0 * 24.0 * 3600.0 * 1000.0;

/// Deliveries of one webhook in the window.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Counts {
    pub succeeded: u32,
    pub failed: u32,
    /// Pending, retrying, or a status this panel does not know.
    pub other: u32,
    /// The newest failure, in milliseconds since the epoch.
    pub last_failure_ms: Option<f64>,
}

impl Counts {
    /// Counts the jobs created at or after `since_ms` (the server applies the
    /// same start; its retention may keep less).
    pub fn of(history: &History, since_ms: f64) -> Counts {
        let mut c = Counts::default();
        for j in history
            .jobs
            .iter()
            .filter(|j| j.creation_time_in_millis >= since_ms)
        {
            match j.status {
                JobStatus::Success => c.succeeded += 1,
                JobStatus::Failed => {
                    c.failed += 1;
                    let t = j.creation_time_in_millis;
                    c.last_failure_ms = Some(c.last_failure_ms.map_or(t, |l: f64| l.max(t)));
                }
                _ => c.other += 1,
            }
        }
        c
    }

    /// The Org needs attention: a delivery failed in the window.
    pub fn failing(&self) -> bool {
        self.failed > 0
    }

    /// A few words for a table cell (the time of the last failure is added by the view).
    pub fn describe(&self) -> String {
        let mut s = format!("{} delivered, {} failed", self.succeeded, self.failed);
        if self.other > 0 {
            s.push_str(&format!(", {} pending or retrying", self.other));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn history(jobs: &[(&str, f64)]) -> History {
        let jobs: Vec<serde_json::Value> = jobs
            .iter()
            .enumerate()
            .map(|(i, (status, t))| {
                serde_json::json!({"id": format!("j{i}"), "status": status, "creation_time_in_millis": t})
            })
            .collect();
        serde_json::from_value(serde_json::json!({ "jobs": jobs })).unwrap()
    }

    #[test]
    fn deliveries_are_counted_in_the_window() {
        let h = history(&[
            ("SUCCESS", 100.0),
            ("FAILED", 300.0),
            ("FAILED", 200.0),
            ("RETRY", 250.0),
            ("THROTTLED", 260.0),
            ("FAILED", 50.0),
        ]);
        let c = Counts::of(&h, 100.0);
        assert_eq!(
            c,
            Counts {
                succeeded: 1,
                failed: 2,
                other: 2,
                last_failure_ms: Some(300.0)
            }
        );
        assert!(c.failing());
        assert_eq!(c.describe(), "1 delivered, 2 failed, 2 pending or retrying");
        let quiet = Counts::of(&history(&[("SUCCESS", 1.0)]), 0.0);
        assert!(!quiet.failing());
        assert_eq!(quiet.last_failure_ms, None);
        assert_eq!(Counts::of(&history(&[]), 0.0), Counts::default());
    }
}
