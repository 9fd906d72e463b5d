//! The Snapshot's Orgs in order (by name, then id) and what it works out
//! from them once: where each Org is, and the filter keys.

use super::Org;
use crate::model::table::search_key;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// Sorts by name, case-insensitively, then by id (each Org's filter key,
/// `lower-cased name \0 id`, orders as that pair does, so the name is
/// lower-cased once for both), and answers the keys in the new order. `at`
/// (id → position) follows the Orgs.
pub(super) fn sort_orgs(orgs: &mut Vec<Org>, at: &mut HashMap<String, usize>) -> Vec<String> {
    let mut keyed: Vec<(String, usize, Org)> = orgs
        .drain(..)
        .enumerate()
        .map(|(i, o)| (search_key(&o), i, o))
        .collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut moved_to = vec![0; keyed.len()];
    let mut keys = Vec::with_capacity(keyed.len());
    for (pos, (key, was, org)) in keyed.into_iter().enumerate() {
        moved_to[was] = pos;
        keys.push(key);
        orgs.push(org);
    }
    for v in at.values_mut() {
        if let Some(&p) = moved_to.get(*v) {
            *v = p;
        }
    }
    keys
}

/// Where each Org is, by id, in `orgs` as it is now.
pub(super) fn positions(orgs: &[Org]) -> HashMap<String, usize> {
    orgs.iter()
        .enumerate()
        .map(|(i, o)| (o.id.clone(), i))
        .collect()
}

/// What a Snapshot works out from `orgs` (where each Org is, the filter
/// keys), made when the Orgs are sorted or on first use, and shared by
/// copies. A use checks what it finds, so a cache older than a change of
/// `orgs` is slow, never wrong.
#[derive(Clone, Debug)]
pub(super) struct Cache<T>(OnceLock<Arc<T>>);

impl<T> Default for Cache<T> {
    fn default() -> Self {
        Cache(OnceLock::new())
    }
}

impl<T> Cache<T> {
    pub(super) fn of(value: T) -> Self {
        Cache(OnceLock::from(Arc::new(value)))
    }

    pub(super) fn get(&self, make: impl FnOnce() -> T) -> &T {
        self.0.get_or_init(|| Arc::new(make()))
    }
}

/// A cache: two Snapshots are equal whatever theirs hold.
impl<T> PartialEq for Cache<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<T> Eq for Cache<T> {}
