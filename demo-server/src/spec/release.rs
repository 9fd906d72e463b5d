//! ThoughtSpot Cloud releases (`X.Y.Z.cl`): the one the server imitates, and
//! the ones the vendored spec says each endpoint and field came with.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A ThoughtSpot Cloud release, `X.Y.Z.cl`, ordered numerically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Release(pub u32, pub u32, pub u32);

impl Release {
    /// The release the vendored spec describes, and the demo's default.
    pub const LATEST: Release = Release(26, 8, 0);
}

impl Default for Release {
    fn default() -> Self {
        Release::LATEST
    }
}

impl fmt::Display for Release {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}.cl", self.0, self.1, self.2)
    }
}

impl FromStr for Release {
    type Err = String;
    /// `X.Y.Z.cl` with decimal X, Y and Z, e.g. `26.4.0.cl`.
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("{s:?} is not a release of the form X.Y.Z.cl (e.g. 26.4.0.cl)");
        let numbers = s.trim().strip_suffix(".cl").ok_or_else(bad)?;
        let parts: Vec<u32> = numbers
            .split('.')
            .map(|p| {
                if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
                    None
                } else {
                    p.parse().ok()
                }
            })
            .collect::<Option<_>>()
            .ok_or_else(bad)?;
        match parts[..] {
            [x, y, z] => Ok(Release(x, y, z)),
            _ => Err(bad()),
        }
    }
}

impl Serialize for Release {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Release {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn releases_parse_print_and_compare_numerically() {
        let r: Release = "26.4.0.cl".parse().unwrap();
        assert_eq!(r, Release(26, 4, 0));
        assert_eq!(r.to_string(), "26.4.0.cl");
        assert!(Release(10, 14, 0) < Release(26, 2, 0));
        assert!(Release(9, 12, 0) < Release(10, 1, 0));
        assert!(Release(26, 10, 0) > Release(26, 8, 0));
        for bad in [
            "26.4.0",
            "26.4.cl",
            "26.x.0.cl",
            "26.4.0.0.cl",
            "",
            "-1.0.0.cl",
        ] {
            assert!(bad.parse::<Release>().is_err(), "{bad}");
        }
    }
}
