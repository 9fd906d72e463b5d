//! `Conn`: the connection a piece of work started with. Every call of that
//! work goes through it, with its token, to its host: a sign-in elsewhere, a
//! renewed token or an Org switch meanwhile never changes where the work's
//! calls go. A 401 asks the admin to sign in again (when the connection is
//! still the session's), a 429 waits and retries what is safe to retry. And
//! what the cluster's answers teach: its release, the features it lacks.

use super::{sleep_ms, Connection, Reach, Renewal, Session, Wait, MAX_ATTEMPTS};
use crate::api::wire::{Call, SystemRequest};
use crate::api::ApiError;
use crate::model::release::{Feature, ReleaseInfo};
use crate::state::life::Life;
use crate::state::notes::Notes;
use leptos::prelude::*;

/// The longest pause the panel accepts from `Retry-After`.
const MAX_WAIT_S: u32 = 120;

/// A connection as a piece of work started with it.
#[derive(Clone)]
pub struct Conn {
    pub connection: Connection,
    /// Which of the session's connections this is.
    adopted: u64,
    session: Session,
    /// The cluster's Life, joined with the owner's for work of a view.
    life: Life,
    /// Reads are aborted when this Life ends (writes are not).
    stops_reads: bool,
}

impl Conn {
    pub(super) fn new(connection: Connection, adopted: u64, session: Session, life: Life) -> Self {
        Conn {
            connection,
            adopted,
            session,
            life,
            stops_reads: true,
        }
    }

    /// The same connection for work that must finish once started (a write,
    /// its read-back and its record): its reads are not aborted.
    pub fn to_the_end(&self) -> Conn {
        Conn {
            stops_reads: false,
            ..self.clone()
        }
    }

    pub fn life(&self) -> &Life {
        &self.life
    }

    /// The page's notes: they outlive the cluster.
    pub fn notes(&self) -> Notes {
        self.session.notes
    }

    /// The cluster is still there and this is still its connection.
    pub fn current(&self) -> bool {
        self.with_session(|s| s.adopted.get_untracked() == self.adopted)
            .unwrap_or(false)
    }

    /// The cluster is still there and its connection reaches what this one did
    /// (the same host and Org): an answer read with this one belongs there.
    pub fn same_reach(&self) -> bool {
        self.with_session(|s| s.connection.with_untracked(Connection::reach) == self.reach())
            .unwrap_or(false)
    }

    pub fn reach(&self) -> Reach {
        self.connection.reach()
    }

    /// Runs `f` with the session, if its cluster is still there.
    pub fn with_session<T>(&self, f: impl FnOnce(&Session) -> T) -> Option<T> {
        let alive = !self
            .session
            .life
            .try_with_value(Life::ended)
            .unwrap_or(true);
        alive.then(|| f(&self.session))
    }

    /// Sends a call with this connection's token. A 401 (or a gateway's
    /// answer without CORS headers) asks the admin to sign in again; a 429 on
    /// a call that is safe to repeat waits (`Retry-After`, else 2, 4, 8 s)
    /// and tries again, up to `MAX_ATTEMPTS` in all.
    pub async fn call<C: Call>(&self, call: &C) -> Result<C::Answer, ApiError> {
        let stop = self
            .life
            .signal()
            .filter(|_| self.stops_reads && !C::WRITES);
        let mut attempt = 1;
        loop {
            match self.connection.client.call_until(call, stop.as_ref()).await {
                Err(e) if e.too_many_requests() && C::IDEMPOTENT && attempt < MAX_ATTEMPTS => {
                    let wait = e
                        .retry_after_s()
                        .unwrap_or(1 << attempt)
                        .clamp(1, MAX_WAIT_S);
                    self.pause(wait, attempt).await;
                    // A write is sent again only while its cluster is open (a
                    // 429 applied nothing, so stopping loses nothing).
                    if C::WRITES && self.with_session(|_| ()).is_none() {
                        return Err(ApiError::NotSignedIn);
                    }
                    attempt += 1;
                }
                Err(e) => {
                    if e.needs_new_token() && self.current() {
                        self.session.renewal.set(Some(Renewal::Expired));
                    }
                    return Err(e);
                }
                Ok(answer) => return Ok(answer),
            }
        }
    }

    async fn pause(&self, seconds: u32, attempt: u32) {
        for left in (1..=seconds).rev() {
            self.with_session(|s| {
                s.waiting.set(Some(Wait {
                    seconds_left: left,
                    attempt,
                }))
            });
            sleep_ms(1000).await;
        }
        self.with_session(|s| s.waiting.set(None));
    }

    /// Reads the cluster's release where the user may (`GET /system`).
    /// Without it (no privilege, an error) the panel learns from what the
    /// endpoints answer.
    pub async fn read_release(&self) {
        if !self.connection.access.system_info || self.connection.release != ReleaseInfo::Unknown {
            return;
        }
        let reading = self.session.reading_release;
        reading.set(true);
        let read = self.call(&SystemRequest::new()).await;
        // Written only to the connection it was read for.
        if let (Ok(info), true) = (read, self.same_reach()) {
            let release = ReleaseInfo::from_version(info.release_version.as_deref());
            self.session.connection.update(|c| c.release = release);
        }
        if self.current() {
            reading.set(false);
        }
    }

    /// A feature's endpoint answered 404: an older release, or a Beta API that is off.
    pub fn not_found(&self, f: Feature) {
        if !self.same_reach() {
            return;
        }
        self.session.absent.update(|s| {
            s.insert(f);
        });
        // A Beta API answers 404 where it is off, whatever the release: only
        // the others say the release is older than theirs.
        if !f.beta() {
            self.session.connection.update(|c| {
                if c.release.known().is_none() {
                    c.release = c.release.after_not_found(f);
                }
            });
        }
    }
}
