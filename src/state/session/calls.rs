//! Every call to ThoughtSpot goes through `Session::call`: a 401 asks the
//! admin to sign in again, a 429 waits and retries what is safe to retry. And
//! what the cluster's answers teach: its release, the features it lacks.

use super::{sleep_ms, Renewal, Session, Wait, MAX_ATTEMPTS, MAX_WAIT_S};
use crate::api::wire::{Call, SystemRequest};
use crate::api::ApiError;
use crate::model::release::{Feature, ReleaseInfo};
use leptos::prelude::*;

impl Session {
    /// Sends a call with the current token. A 401 (or a gateway's answer
    /// without CORS headers) asks the admin to sign in again; a 429 on a call
    /// that is safe to repeat waits (`Retry-After`, else 2, 4, 8 s) and tries
    /// again, up to `MAX_ATTEMPTS` in all; others are never retried here.
    pub async fn call<C: Call>(&self, call: &C) -> Result<C::Answer, ApiError> {
        let mut attempt = 1;
        // A retry goes where the first attempt went, or nowhere: never to a
        // host or Org the admin has switched to meanwhile.
        let reach = self.reach_untracked();
        loop {
            let client = self
                .connection
                .with_untracked(|c| c.as_ref().map(|c| c.client.clone()))
                .filter(|_| attempt == 1 || self.reach_untracked() == reach)
                .ok_or(ApiError::NotSignedIn)?;
            match client.call(call).await {
                Err(e) if e.too_many_requests() && C::IDEMPOTENT && attempt < MAX_ATTEMPTS => {
                    let wait = e
                        .retry_after_s()
                        .unwrap_or(1 << attempt)
                        .clamp(1, MAX_WAIT_S);
                    self.pause(wait, attempt).await;
                    attempt += 1;
                }
                Err(e) => {
                    if e.needs_new_token() {
                        self.renewal.set(Some(Renewal::Expired));
                    }
                    return Err(e);
                }
                Ok(answer) => return Ok(answer),
            }
        }
    }

    async fn pause(&self, seconds: u32, attempt: u32) {
        for left in (1..=seconds).rev() {
            self.waiting.set(Some(Wait {
                seconds_left: left,
                attempt,
            }));
            sleep_ms(1000).await;
        }
        self.waiting.set(None);
    }

    /// Reads the cluster's release where the user may (`GET /system`).
    /// Without it (no privilege, an error) the panel learns from what the
    /// endpoints answer.
    pub async fn read_release(&self) {
        let asks = self
            .connection
            .with_untracked(|c| c.as_ref().is_some_and(|c| c.access.system_info));
        if !asks || self.release_untracked() != ReleaseInfo::Unknown {
            return;
        }
        self.reading_release.set(true);
        if let Ok(info) = self.call(&SystemRequest::new()).await {
            let release = ReleaseInfo::from_version(info.release_version.as_deref());
            self.connection.update(|c| {
                if let Some(c) = c {
                    c.release = release;
                }
            });
        }
        self.reading_release.set(false);
    }

    fn release_untracked(&self) -> ReleaseInfo {
        self.connection
            .with_untracked(|c| c.as_ref().map(|c| c.release).unwrap_or_default())
    }

    /// A feature's endpoint answered 404: an older release, or a Beta API that is off.
    pub fn not_found(&self, f: Feature) {
        self.absent.update(|s| {
            s.insert(f);
        });
        // A Beta API answers 404 where it is off, whatever the release: only
        // the others say the release is older than theirs.
        if !f.beta() && self.release_untracked().known().is_none() {
            self.connection.update(|c| {
                if let Some(c) = c {
                    c.release = c.release.after_not_found(f);
                }
            });
        }
    }
}
