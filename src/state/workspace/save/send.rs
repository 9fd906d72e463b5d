//! One save, over values only (no signal is read here, so it runs to its
//! end whatever the admin does meanwhile): re-read, stop on conflicts or a
//! body other than the one reviewed, one configure call, read back, check
//! each change, record it in the journal.

use super::SaveOutcome;
use crate::api::wire::ConfigureRequest;
use crate::api::ApiError;
use crate::model::conflict::{detect, Conflict};
use crate::model::draft::{apply, body_changes, diff, plan, verify, Change, Draft};
use crate::model::journal::{Entry, ReadBack};
use crate::model::prefs::Snapshot;
use crate::state::session::Conn;
use crate::state::storage;
use crate::state::workspace::read::read;

/// What a save found, for the workspace to take in.
pub(super) struct Sent {
    /// The server before the configure call.
    pub fresh: Snapshot,
    pub conflicts: Vec<Conflict>,
    pub outcome: SaveOutcome,
    /// The server after it.
    pub after: Option<Snapshot>,
    /// Its journal entry was kept in this browser (not for a save that did
    /// not go out, nor when the storage is full).
    pub recorded: bool,
}

/// What the server holds before the configure call, and the call to send,
/// or why none goes.
enum Prepared {
    Send(Box<(Snapshot, Vec<Change>, ConfigureRequest)>),
    Stop(Box<Sent>),
}

/// Re-reads, and checks the Draft against it: conflicts, nothing left to
/// send, or a body other than the one reviewed stop the save.
async fn prepare(
    conn: &Conn,
    base: Snapshot,
    draft: Draft,
    reviewed: &ConfigureRequest,
) -> Result<Prepared, ApiError> {
    let fresh = read(conn).await?.snapshot;
    let stop = |outcome, conflicts| {
        Prepared::Stop(Box::new(Sent {
            fresh: fresh.clone(),
            conflicts,
            outcome,
            after: None,
            recorded: false,
        }))
    };
    let conflicts = detect(&base, &fresh, &draft);
    if !conflicts.is_empty() {
        return Ok(stop(SaveOutcome::Conflicts(conflicts.len()), conflicts));
    }
    let changes = diff(&fresh, &draft);
    if changes.is_empty() {
        return Ok(stop(SaveOutcome::NothingToSend, Vec::new()));
    }
    let req = plan(&fresh, &changes);
    if req != *reviewed {
        let what = body_changes(reviewed, &req, &fresh);
        return Ok(stop(SaveOutcome::BodyChanged(what), Vec::new()));
    }
    Ok(Prepared::Send(Box::new((fresh, changes, req))))
}

/// The whole save, over values only: re-read, checks, configure, read-back,
/// the journal entry.
pub(super) async fn send(
    conn: &Conn,
    base: Snapshot,
    draft: Draft,
    reviewed: ConfigureRequest,
    origin: Option<String>,
) -> Result<Sent, ApiError> {
    let (fresh, changes, req) = match prepare(conn, base, draft, &reviewed).await? {
        Prepared::Stop(sent) => return Ok(*sent),
        Prepared::Send(ready) => *ready,
    };
    let sent = |outcome, after, recorded| Sent {
        fresh: fresh.clone(),
        conflicts: Vec::new(),
        outcome,
        after,
        recorded,
    };
    // The entry's id first: nothing may wait between the call and its record.
    let tab = storage::tab().await;
    if conn.with_session(|_| ()).is_none() {
        return Ok(sent(SaveOutcome::NotSent, None, false));
    }
    let unclear = match conn.call(&req).await {
        Ok(()) => None,
        Err(e)
            if e.status() == Some(403)
                && !e.no_org_access()
                && !req.cluster_preferences.is_empty() =>
        {
            return Ok(sent(SaveOutcome::ClusterRefused(e), None, false))
        }
        // ThoughtSpot refused it (or it was never sent): nothing changed.
        Err(e) if refused(&e) => return Err(e),
        // No clear answer (a time-out, the network, a gateway): it may have
        // landed; reading back tells.
        Err(e) => Some(e),
    };
    let (outcome, after, readback) = check(conn, &fresh, changes.clone(), String::new()).await;
    if let (Some(e), SaveOutcome::Saved(v)) = (&unclear, &outcome) {
        if v.iter().all(|x| x.differs.is_some()) {
            // Read back, and none of it is there: it did not land.
            return Err(e.clone());
        }
    }
    let entry = Entry {
        id: format!("{tab}-{}", storage::now_ms()),
        at_ms: storage::now_ms(),
        user: conn.connection.user.name.clone(),
        scope: conn.connection.scope_text(),
        body: serde_json::to_string(&req).unwrap_or_default(),
        changes,
        readback,
        origin,
    };
    let outcome = match outcome {
        SaveOutcome::Unconfirmed { changes, error, .. } => SaveOutcome::Unconfirmed {
            changes,
            error: unclear.unwrap_or(error),
            entry: entry.key(),
            reach: conn.reach(),
        },
        o => o,
    };
    let recorded = storage::append_journal(&conn.connection.client.base, entry).await;
    Ok(sent(outcome, after, recorded))
}

/// An answer that says for certain nothing was applied: ThoughtSpot refused
/// the call (4xx, but a time-out's 408), or it was never sent.
fn refused(e: &ApiError) -> bool {
    match e.status() {
        Some(s) => (400..500).contains(&s) && s != 408,
        None => matches!(e, ApiError::NotSignedIn),
    }
}

/// Reads the preferences back after a 204 and checks each change: the
/// outcome, what the server holds after (or, unread, what was asked for),
/// and the read-back for the journal.
pub(super) async fn check(
    conn: &Conn,
    sent_over: &Snapshot,
    changes: Vec<Change>,
    entry: String,
) -> (SaveOutcome, Option<Snapshot>, ReadBack) {
    match read(conn).await {
        Ok(after) => {
            let verified = verify(&changes, &after.snapshot);
            let readback = ReadBack::from_verified(&verified);
            (SaveOutcome::Saved(verified), Some(after.snapshot), readback)
        }
        Err(error) => {
            // Saved, but not confirmed: show what was asked for, and say so.
            let readback = ReadBack::NotConfirmed(error.summary());
            let asked = apply(sent_over, &changes);
            let outcome = SaveOutcome::Unconfirmed {
                changes,
                error,
                entry,
                reach: conn.reach(),
            };
            (outcome, Some(asked), readback)
        }
    }
}

/// How an outcome reads in a note.
pub(super) fn in_words(outcome: &SaveOutcome) -> Option<String> {
    match outcome {
        SaveOutcome::Saved(v) if v.iter().all(|x| x.differs.is_none()) => {
            Some("Saved: one configure call sent and checked.".into())
        }
        SaveOutcome::Saved(v) => Some(format!(
            "Saved, but the server holds {} of {} change(s): see the review.",
            v.iter().filter(|x| x.differs.is_none()).count(),
            v.len()
        )),
        SaveOutcome::Unconfirmed { changes, .. } => Some(format!(
            "Saved, but reading back failed: {} change(s) not confirmed.",
            changes.len()
        )),
        _ => None,
    }
}
