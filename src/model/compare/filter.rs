//! Which rows of a comparison are shown: the modes (every Org, only
//! differences, only in A, only in B) and the text filter over names and ids.

use super::{Comparison, OrgSide, Row};

/// Which rows a comparison shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Showing {
    #[default]
    All,
    /// Rows that are not the same on both sides: they differ, or are on one
    /// side only.
    Differences,
    OnlyA,
    OnlyB,
}

impl Showing {
    pub const ALL: [Showing; 4] = [
        Showing::All,
        Showing::Differences,
        Showing::OnlyA,
        Showing::OnlyB,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Showing::All => "every Org",
            Showing::Differences => "only differences",
            Showing::OnlyA => "only in A",
            Showing::OnlyB => "only in B",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Showing::All => "all",
            Showing::Differences => "differences",
            Showing::OnlyA => "only-a",
            Showing::OnlyB => "only-b",
        }
    }

    pub fn from_code(code: &str) -> Showing {
        Showing::ALL
            .into_iter()
            .find(|s| s.code() == code)
            .unwrap_or_default()
    }

    pub fn keeps(self, r: &Row) -> bool {
        match self {
            Showing::All => true,
            Showing::Differences => !r.same(),
            Showing::OnlyA => r.b.is_none(),
            Showing::OnlyB => r.a.is_none(),
        }
    }
}

impl Row {
    /// On both sides, and nothing differs.
    pub fn same(&self) -> bool {
        self.a.is_some() && self.b.is_some() && self.differs.is_empty()
    }

    /// On both sides, and something differs: what a promotion can carry.
    pub fn promotable(&self) -> bool {
        self.a.is_some() && self.b.is_some() && !self.differs.is_empty()
    }
}

/// What the filter matches, one per row: the lower-cased name and both
/// sides' ids. Built once per comparison, not per keystroke.
pub fn search_keys(c: &Comparison) -> Vec<String> {
    let id = |s: &Option<OrgSide>| s.as_ref().map_or("", |s| s.id.as_str()).to_string();
    c.rows
        .iter()
        .map(|r| {
            format!(
                "{}\u{0}{}\u{0}{}",
                r.name().to_lowercase(),
                id(&r.a),
                id(&r.b)
            )
        })
        .collect()
}

/// The rows (by index) the filter text and `showing` keep.
pub fn matching(c: &Comparison, keys: &[String], query: &str, showing: Showing) -> Vec<usize> {
    crate::model::table::filter_keys(keys, query)
        .into_iter()
        .filter(|&i| showing.keeps(&c.rows[i]))
        .collect()
}
