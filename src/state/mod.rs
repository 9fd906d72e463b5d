//! Reactive state shared through context.

use crate::api::{wire::SessionUser, Client};
use crate::model::access::Access;
use leptos::prelude::*;

/// A live connection: the client (which holds the token, in memory only) and
/// who it signs in as.
#[derive(Clone, Debug, PartialEq)]
pub struct Connection {
    pub client: Client,
    pub user: SessionUser,
    pub access: Access,
}

#[derive(Clone, Copy)]
pub struct Session {
    pub connection: RwSignal<Option<Connection>>,
}

impl Session {
    pub fn new() -> Self {
        Session {
            connection: RwSignal::new(None),
        }
    }

    /// Forgets the token and the user.
    pub fn disconnect(&self) {
        self.connection.set(None);
    }
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}
