//! Filtering and paging the Org table.

use super::prefs::Org;

/// What the filter matches against: the lower-cased name and the id. The
/// Snapshot keeps one per Org (`Snapshot::search_keys`), made as it sorts
/// them, so that a keystroke does not lower-case 10,000 names.
pub fn search_key(o: &Org) -> String {
    let mut key = o.name.to_lowercase();
    key.push('\0');
    key.push_str(&o.id);
    key
}

/// Indexes of the keys that contain `query` (case-insensitive).
pub fn filter_keys(keys: &[String], query: &str) -> Vec<usize> {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return (0..keys.len()).collect();
    }
    keys.iter()
        .enumerate()
        .filter(|(_, k)| k.contains(&q))
        .map(|(i, _)| i)
        .collect()
}

/// One page of a list: `start..end`, page `index` of `count` (both from 0 / at least 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    pub start: usize,
    pub end: usize,
    pub index: usize,
    pub count: usize,
}

impl Page {
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// The page `index` of `total` items, clamped to the last page.
pub fn page(total: usize, index: usize, size: usize) -> Page {
    let size = size.max(1);
    let count = total.div_ceil(size).max(1);
    let index = index.min(count - 1);
    let start = index * size;
    Page {
        start,
        end: (start + size).min(total),
        index,
        count,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::prefs::Prefs;

    fn filter(orgs: &[Org], query: &str) -> Vec<usize> {
        let keys: Vec<String> = orgs.iter().map(search_key).collect();
        filter_keys(&keys, query)
    }

    fn org(id: &str, name: &str) -> Org {
        Org {
            id: id.into(),
            name: name.into(),
            prefs: Prefs::new().into(),
            inactive: false,
        }
    }

    #[test]
    fn filters_by_name_or_id_case_insensitively() {
        let orgs = [
            org("0", "Primary"),
            org("583464508", "Finance"),
            org("7", "Zürich Analytics"),
        ];
        assert_eq!(filter(&orgs, ""), vec![0, 1, 2]);
        assert_eq!(filter(&orgs, "  fin "), vec![1]);
        assert_eq!(filter(&orgs, "5834"), vec![1]);
        assert_eq!(filter(&orgs, "ZÜRICH"), vec![2]);
        assert_eq!(filter(&orgs, "nothing"), Vec::<usize>::new());
    }

    #[test]
    fn pages_are_clamped() {
        assert_eq!(
            page(0, 3, 50),
            Page {
                start: 0,
                end: 0,
                index: 0,
                count: 1
            }
        );
        assert_eq!(
            page(120, 1, 50),
            Page {
                start: 50,
                end: 100,
                index: 1,
                count: 3
            }
        );
        assert_eq!(
            page(120, 9, 50),
            Page {
                start: 100,
                end: 120,
                index: 2,
                count: 3
            }
        );
    }
}
