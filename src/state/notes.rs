//! Short-lived notes of what just happened (saved, copied, deleted), for the
//! whole page: work that ends after the admin has moved on (another screen,
//! a disconnect) still says how it ended, naming the cluster it concerned.

use leptos::prelude::*;
use std::time::Duration;

/// The notes on screen, oldest first.
#[derive(Clone, Copy)]
pub struct Notes(RwSignal<Vec<(u64, String)>>);

impl Notes {
    pub fn new() -> Self {
        Notes(RwSignal::new(Vec::new()))
    }

    /// Shows `text` for six seconds; the same text shown again replaces the earlier one.
    pub fn push(&self, text: impl Into<String>) {
        let (list, text) = (self.0, text.into());
        let id = list.with_untracked(|l| l.last().map_or(0, |(i, _)| i + 1));
        list.update(|l| {
            l.retain(|(_, t)| *t != text);
            l.push((id, text));
        });
        set_timeout(
            move || list.update(|l| l.retain(|(i, _)| *i != id)),
            Duration::from_secs(6),
        );
    }

    /// The notes on screen (tracked).
    pub fn shown(&self) -> Vec<(u64, String)> {
        self.0.get()
    }
}

impl Default for Notes {
    fn default() -> Self {
        Self::new()
    }
}
