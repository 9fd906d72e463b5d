//! Delivery health per Org, for the Orgs table: each LIVEBOARD_SCHEDULE
//! webhook's deliveries over the last 7 days (`jobs/history/communication-
//! channels/search`, 26.4.0.cl), fetched a few at a time, for the rows on
//! screen or, for the *Deliveries failing* filter, for every Org with a
//! webhook; kept for the session until refreshed.

use super::session::Session;
use super::webhooks::delivery_history;
use crate::model::deliveries::{Counts, WINDOW_MS};
use crate::model::release::Feature;
use futures_util::stream::{self, StreamExt};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

/// History calls in flight at once.
pub const AT_ONCE: usize = 3;

/// What is known of one webhook's deliveries.
#[derive(Clone, Debug, PartialEq)]
pub enum Health {
    Loading,
    Known(Counts),
    /// The call failed; the message says why.
    Failed(String),
}

#[derive(Clone, Copy)]
pub struct Deliveries {
    session: Session,
    /// By webhook id.
    health: RwSignal<HashMap<String, Health>>,
    /// Bumped by a refresh, so that the rows on screen read again.
    generation: RwSignal<u32>,
    /// (done, of) while every webhook is being read for the filter.
    progress: RwSignal<Option<(usize, usize)>>,
    cancelled: RwSignal<bool>,
}

impl Deliveries {
    /// The delivery health of a cluster's session (owned by the cluster).
    pub fn new(session: Session) -> Self {
        Deliveries {
            session,
            health: RwSignal::new(HashMap::new()),
            generation: RwSignal::new(0),
            progress: RwSignal::new(None),
            cancelled: RwSignal::new(false),
        }
    }

    /// Why the column cannot be shown, if it cannot (tracked).
    pub fn unavailable(&self) -> Option<String> {
        let session = self.session;
        if !session.can_manage_webhooks() {
            return Some(
                "Delivery health needs ADMINISTRATION, DEVELOPER or CAN_MANAGE_WEBHOOKS.".into(),
            );
        }
        session
            .feature(Feature::DeliveryHistory)
            .why_not(Feature::DeliveryHistory)
    }

    pub fn health(&self, webhook_id: &str) -> Option<Health> {
        self.health.with(|h| h.get(webhook_id).cloned())
    }

    /// The webhooks known to have failed in the window (tracked).
    pub fn failing(&self) -> std::collections::HashSet<String> {
        self.health.with(|h| {
            h.iter()
                .filter(|(_, v)| matches!(v, Health::Known(c) if c.failing()))
                .map(|(k, _)| k.clone())
                .collect()
        })
    }

    pub fn generation(&self) -> u32 {
        self.generation.get()
    }

    pub fn progress(&self) -> Option<(usize, usize)> {
        self.progress.get()
    }

    /// Forgets everything read, so that it is read again (a read under way
    /// stops).
    pub fn refresh(&self) {
        self.cancelled.set(true);
        self.health.set(HashMap::new());
        self.generation.update(|g| *g += 1);
    }

    pub fn cancel(&self) {
        self.cancelled.set(true);
    }

    /// Reads the webhooks not known yet (or whose read failed), `AT_ONCE` at
    /// a time. Answers that arrive after a refresh are dropped. Nothing is
    /// asked while the release is being read: an older cluster would answer
    /// 404 to each.
    pub async fn fetch(&self, ids: Vec<String>) {
        if self.session.reading_release_untracked() {
            return;
        }
        let conn = self.session.conn();
        let generation = self.generation.get_untracked();
        let todo: Vec<String> = self.health.with_untracked(|h| {
            ids.into_iter()
                .filter(|id| matches!(h.get(id), None | Some(Health::Failed(_))))
                .collect()
        });
        if todo.is_empty() {
            return;
        }
        self.health.update(|h| {
            for id in &todo {
                h.insert(id.clone(), Health::Loading);
            }
        });
        // What is still loading when this read ends without an answer for it
        // (its view went, another Org) is not known again, to be read later.
        let unanswered = Unanswered {
            health: self.health,
            ids: RefCell::new(todo.iter().cloned().collect()),
        };
        let since = super::storage::now_ms() - WINDOW_MS;
        stream::iter(todo)
            .for_each_concurrent(AT_ONCE, |id| {
                let (conn, unanswered) = (conn.clone(), &unanswered);
                async move {
                    let health = match delivery_history(&conn, &id, Some(since)).await {
                        Ok(Some(h)) => Health::Known(Counts::of(&h, since)),
                        Ok(None) => Health::Failed("not available on this cluster".into()),
                        Err(e) => Health::Failed(e.summary()),
                    };
                    if conn.same_reach() && self.generation.get_untracked() == generation {
                        unanswered.ids.borrow_mut().remove(&id);
                        self.health.update(|h| {
                            h.insert(id, health);
                        });
                    }
                }
            })
            .await;
    }

    /// Reads every webhook not known yet, with progress, until done or cancelled.
    pub async fn fetch_all(&self, ids: Vec<String>) {
        let total = ids.len();
        self.cancelled.set(false);
        self.progress.set(Some((0, total)));
        // However this ends (done, cancelled, its view gone), the bar goes.
        let _bar = Progress(self.progress);
        let mut done = 0;
        for chunk in ids.chunks(AT_ONCE * 4) {
            // Cancelled, or the token needs renewing: the rest would fail too.
            if self.cancelled.get_untracked() || self.session.renewal_untracked().is_some() {
                break;
            }
            self.fetch(chunk.to_vec()).await;
            done += chunk.len();
            self.progress.set(Some((done, total)));
        }
        self.progress.set(None);
    }
}

/// Webhooks a read marked as loading and has no answer for yet.
struct Unanswered {
    health: RwSignal<HashMap<String, Health>>,
    ids: RefCell<HashSet<String>>,
}

impl Drop for Unanswered {
    fn drop(&mut self) {
        let ids = self.ids.take();
        if !ids.is_empty() {
            self.health.try_update(|h| {
                for id in ids {
                    if h.get(&id) == Some(&Health::Loading) {
                        h.remove(&id);
                    }
                }
            });
        }
    }
}

/// Clears the progress bar when the read of every webhook ends.
struct Progress(RwSignal<Option<(usize, usize)>>);

impl Drop for Progress {
    fn drop(&mut self) {
        self.0.try_set(None);
    }
}
