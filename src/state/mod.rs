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
pub mod session;
pub mod storage;
pub mod webhooks;
pub mod workspace;

pub use cluster::Cluster;
pub use clusters::Clusters;
pub use notes::Notes;
pub use session::{Conn, Connection, Credentials, OpenError, Renewal, Session, Target};
pub use workspace::{SaveOutcome, Workspace};

use leptos::prelude::*;

/// Which screen is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Preferences,
    Webhooks,
    History,
}

/// Where the admin is, and an Org whose webhook the admin asked to create.
#[derive(Clone, Copy)]
pub struct Nav {
    screen: RwSignal<Screen>,
    create_for: RwSignal<Option<(String, String)>>,
    history_for: RwSignal<Option<(String, String)>>,
}

impl Default for Nav {
    fn default() -> Self {
        Self::new()
    }
}

impl Nav {
    pub fn new() -> Self {
        Nav {
            screen: RwSignal::new(Screen::Preferences),
            create_for: RwSignal::new(None),
            history_for: RwSignal::new(None),
        }
    }

    pub fn screen(&self) -> Screen {
        self.screen.get()
    }

    pub fn show(&self, screen: Screen) {
        self.screen.set(screen);
    }

    /// The Org (id, name) whose webhook the admin asked to create.
    pub fn create_for(&self) -> Option<(String, String)> {
        self.create_for.get()
    }

    /// Opens the webhook form for an Org.
    pub fn create_webhook_for(&self, id: &str, name: &str) {
        self.create_for
            .set(Some((id.to_string(), name.to_string())));
        self.screen.set(Screen::Webhooks);
    }

    /// Opens a webhook's delivery history (id, name) on the webhooks screen.
    pub fn open_history(&self, id: &str, name: &str) {
        self.history_for
            .set(Some((id.to_string(), name.to_string())));
        self.screen.set(Screen::Webhooks);
    }

    /// The webhook whose history the admin asked for, once.
    pub fn take_history_request(&self) -> Option<(String, String)> {
        let r = self.history_for.get_untracked();
        if r.is_some() {
            self.history_for.set(None);
        }
        r
    }

    pub fn done_creating(&self) {
        self.create_for.set(None);
    }
}
