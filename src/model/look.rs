//! How an admin tells connected clusters apart at a glance: a name and a
//! colour for each, chosen by the admin and kept per host in this browser.
//! The colour is never the only sign: the name is shown beside it.

use serde::{Deserialize, Serialize};

/// The colours a cluster can have: a name (said to screen readers and shown
/// in the picker) and its CSS value, each readable on light and dark.
pub const COLOURS: [(&str, &str); 6] = [
    ("Blue", "#2563eb"),
    ("Green", "#15803d"),
    ("Orange", "#c2410c"),
    ("Purple", "#7e22ce"),
    ("Teal", "#0f766e"),
    ("Red", "#b91c1c"),
];

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Look {
    pub name: String,
    /// An index into `COLOURS`.
    pub colour: usize,
}

impl Look {
    /// A first look for a host: its name from the host, the first colour no
    /// other connected cluster has (`taken`).
    pub fn first(host: &str, taken: &[usize]) -> Look {
        let name = match host.split_once("://") {
            Some((_, rest)) => rest.to_string(),
            None => "This site".to_string(),
        };
        let colour = (0..COLOURS.len())
            .find(|c| !taken.contains(c))
            .unwrap_or(taken.len() % COLOURS.len());
        Look { name, colour }
    }

    /// A look read back from storage, made safe to show.
    pub fn checked(mut self) -> Look {
        self.name = self.name.trim().chars().take(40).collect();
        if self.colour >= COLOURS.len() {
            self.colour = 0;
        }
        self
    }

    pub fn colour_name(&self) -> &'static str {
        COLOURS[self.colour.min(COLOURS.len() - 1)].0
    }

    pub fn css(&self) -> &'static str {
        COLOURS[self.colour.min(COLOURS.len() - 1)].1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_look_takes_the_host_and_a_colour_no_other_has() {
        let a = Look::first("", &[]);
        assert_eq!((a.name.as_str(), a.colour), ("This site", 0));
        let b = Look::first("http://127.0.0.1:8788", &[0]);
        assert_eq!(
            (b.name.as_str(), b.colour_name()),
            ("127.0.0.1:8788", "Green")
        );
        let c = Look::first("https://prod.example.com/ts", &[0, 1, 2, 3, 4, 5]);
        assert_eq!(c.name, "prod.example.com/ts");
        assert!(c.colour < COLOURS.len());
    }

    #[test]
    fn a_look_from_storage_is_bounded() {
        let l = Look {
            name: format!("  {}  ", "x".repeat(100)),
            colour: 99,
        }
        .checked();
        assert_eq!(l.name.len(), 40);
        assert_eq!(l.colour, 0);
    }
}
