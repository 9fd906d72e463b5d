//! "Save my work": the Draft with the Snapshot it was made against, as a
//! versioned JSON document. The same document, cut down to the items the Draft
//! touches, is what the panel keeps in `localStorage` between reloads. It
//! never holds a token.

use super::document::{Document, Kind};
use super::draft::Draft;
use super::prefs::Snapshot;
use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "ts-channels-panel/work";
pub const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkFile {
    pub format: String,
    pub version: u32,
    /// The ThoughtSpot host (`""`: the panel's own origin).
    pub host: String,
    /// Milliseconds since the epoch.
    pub saved_at_ms: f64,
    pub snapshot: Snapshot,
    pub draft: Draft,
}

impl WorkFile {
    pub fn new(host: &str, saved_at_ms: f64, snapshot: Snapshot, draft: Draft) -> Self {
        WorkFile {
            format: FORMAT.into(),
            version: VERSION,
            host: host.into(),
            saved_at_ms,
            snapshot,
            draft,
        }
    }

    /// Only what the Draft touches: the cluster default (when edited) and the edited Orgs.
    pub fn compact(host: &str, saved_at_ms: f64, snapshot: &Snapshot, draft: &Draft) -> Self {
        let cluster = if draft.cluster.is_empty() {
            None
        } else {
            snapshot.cluster.clone()
        };
        let orgs = snapshot
            .orgs
            .iter()
            .filter(|o| draft.orgs.contains_key(&o.id))
            .cloned()
            .collect();
        let mut base = Snapshot::of(cluster, orgs);
        base.partial = snapshot.partial;
        Self::new(host, saved_at_ms, base, draft.clone())
    }
}

impl Document for WorkFile {
    const KIND: Kind = Kind {
        format: FORMAT,
        version: VERSION,
        what: "saved work of this panel",
        subject: "The file",
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::wire::SearchResponse;
    use crate::model::prefs::{OrgSetting, LIVEBOARD_SCHEDULE as LS};

    fn snapshot() -> Snapshot {
        let r: SearchResponse = serde_json::from_str(
            r#"{"cluster_preferences":[{"event_type":"LIVEBOARD_SCHEDULE","channels":["EMAIL","SLACK"]}],
               "org_preferences":[{"org":{"id":"1","name":"A"},"preferences":[]},{"org":{"id":"2","name":"B"},"preferences":[]}]}"#,
        )
        .unwrap();
        Snapshot::from_wire(r, None, true)
    }

    #[test]
    fn round_trips_and_keeps_unknown_values() {
        let snap = snapshot();
        let mut d = Draft::default();
        d.set_org(&snap, "2", LS, OrgSetting::Override(vec![]));
        let f = WorkFile::new("https://ts.example.com", 1.0e12, snap.clone(), d.clone());
        let back = WorkFile::parse(&f.to_json()).unwrap();
        assert_eq!(back, f);
        assert_eq!(back.snapshot.cluster.unwrap()[LS], ["EMAIL", "SLACK"]);
    }

    #[test]
    fn compact_keeps_only_what_the_draft_touches() {
        let snap = snapshot();
        let mut d = Draft::default();
        d.set_org(&snap, "2", LS, OrgSetting::Inherit);
        d.set_org(&snap, "2", LS, OrgSetting::Override(vec!["EMAIL".into()]));
        let c = WorkFile::compact("", 0.0, &snap, &d);
        assert_eq!(c.snapshot.orgs.len(), 1);
        assert_eq!(c.snapshot.orgs[0].id, "2");
        assert_eq!(c.snapshot.cluster, None);
    }

    #[test]
    fn bad_files_say_what_is_wrong() {
        assert!(WorkFile::parse("not json")
            .unwrap_err()
            .starts_with("The file is not JSON"));
        assert!(WorkFile::parse("{}")
            .unwrap_err()
            .contains("has no \"format\""));
        assert!(
            WorkFile::parse(r#"{"format":"ts-channels-panel/preferences","version":1}"#)
                .unwrap_err()
                .contains("not saved work")
        );
        assert!(
            WorkFile::parse(r#"{"format":"ts-channels-panel/work","version":9}"#)
                .unwrap_err()
                .contains("version 9")
        );
        assert!(
            WorkFile::parse(r#"{"format":"ts-channels-panel/work","version":1,"host":""}"#)
                .unwrap_err()
                .starts_with("The file is damaged")
        );
    }
}
