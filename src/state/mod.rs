//! Reactive state and the workflows over it, as methods over private signals:
//! the page's clusters (`clusters`), each one's sign-in (`session`), Snapshot
//! and Draft (`workspace`) and delivery health (`deliveries`) together in a
//! `cluster`; the webhook list and actions (`webhooks`), what the browser
//! keeps (`storage`), the page's notes (`notes`), and how long async work may
//! go on (`life`). Components read through accessors and call these methods.

pub mod cluster;
pub mod clusters;
pub mod deliveries;
pub mod life;
pub mod notes;
pub mod promotion;
pub mod session;
pub mod storage;
pub mod webhooks;
pub mod workspace;

pub use cluster::Cluster;
pub use clusters::Clusters;
pub use notes::Notes;
pub use session::{Conn, Connection, Credentials, OpenError, Renewal, Session, Target};
pub use workspace::{SaveOutcome, Workflows, Workspace};

pub use crate::model::route::{Route, Screen};

use leptos::prelude::*;

fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Where the admin is: the route, kept in the URL's fragment. The back and
/// forward buttons move through it, a reload keeps it (the panel lands there
/// after signing in again), and a link to it can be sent to a colleague.
#[derive(Clone, Copy)]
pub struct Nav {
    route: RwSignal<Route>,
}

impl Nav {
    /// Reads the route of the URL, and follows the URL while the current
    /// owner lives.
    pub fn new() -> Self {
        let route = RwSignal::new(Route::parse(&fragment()));
        let follow = window_event_listener(leptos::ev::hashchange, move |_| {
            route.set(Route::parse(&fragment()));
        });
        on_cleanup(move || follow.remove());
        Nav { route }
    }

    pub fn route(&self) -> Route {
        self.route.get()
    }

    pub fn screen(&self) -> Screen {
        self.route.with(Route::screen)
    }

    /// Goes to `route`: a new entry in the browser's history.
    pub fn go(&self, route: Route) {
        if self.route.with_untracked(|r| *r == route) {
            return;
        }
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_hash(&route.fragment());
        }
        self.route.set(route);
    }

    pub fn show(&self, screen: Screen) {
        self.go(Route::of(screen));
    }

    /// Opens the webhook form for an Org (by id).
    pub fn create_webhook_for(&self, org: &str) {
        self.go(Route::NewWebhook { org: org.into() });
    }

    /// Opens a webhook's delivery history (by webhook id).
    pub fn open_deliveries(&self, webhook: &str) {
        self.go(Route::Deliveries {
            webhook: webhook.into(),
        });
    }
}

impl Default for Nav {
    fn default() -> Self {
        Self::new()
    }
}
