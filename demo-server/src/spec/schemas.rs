//! Walking the vendored schemas alongside a JSON value: which sub-schema
//! describes each property and item, so that properties added after a release
//! can be found in requests (and refused) and removed from answers.

use super::release::Release;
use serde_json::{Map, Value};

/// The vendored schema definitions (`$defs`), shared by every endpoint of one spec.
pub struct Schemas {
    pub defs: Map<String, Value>,
}

impl Schemas {
    fn resolve<'a>(&'a self, schema: &'a Value) -> &'a Value {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(r) => {
                let name = r.strip_prefix("#/$defs/").unwrap_or(r);
                self.resolve(self.defs.get(name).unwrap_or(&Value::Null))
            }
            None => schema,
        }
    }

    /// The sub-schemas that apply to `value` beside `schema` itself: its `$ref`
    /// target and the branches of `allOf`/`anyOf`/`oneOf`.
    fn branches<'a>(&'a self, schema: &'a Value, out: &mut Vec<&'a Value>) {
        let schema = self.resolve(schema);
        out.push(schema);
        for k in ["allOf", "anyOf", "oneOf"] {
            for s in schema
                .get(k)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                self.branches(s, out);
            }
        }
    }

    /// The children of `value` that `schema` describes, each with the sub-schema
    /// that applies to it: an object's properties that a branch of `schema`
    /// names, and an array's items for each branch with `items`. Branch by
    /// branch, and within a branch in `value`'s order.
    fn children<'a>(&'a self, schema: &'a Value, value: &Value) -> Vec<(Child, &'a Value)> {
        let mut schemas = Vec::new();
        self.branches(schema, &mut schemas);
        let mut out = Vec::new();
        for s in schemas {
            match value {
                Value::Object(fields) => {
                    if let Some(props) = s.get("properties").and_then(Value::as_object) {
                        out.extend(
                            fields
                                .keys()
                                .filter_map(|k| Some((Child::Field(k.clone()), props.get(k)?))),
                        );
                    }
                }
                Value::Array(items) => {
                    if let Some(item_schema) = s.get("items") {
                        out.extend((0..items.len()).map(|i| (Child::Item(i), item_schema)));
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// The first property of `value` (at any depth) that `schema` marks as added
    /// after `release`: its JSON pointer, name and release.
    pub(super) fn newer_field(
        &self,
        schema: &Value,
        value: &Value,
        release: Release,
        at: &str,
    ) -> Option<(String, String, Release)> {
        for (child, p) in self.children(schema, value) {
            let (v, path) = match &child {
                Child::Field(k) => (&value[k.as_str()], format!("{at}/{}", pointer_escape(k))),
                Child::Item(i) => (&value[*i], format!("{at}/{i}")),
            };
            if let (Child::Field(k), Some(since)) = (&child, x_since(p)) {
                if since > release {
                    return Some((path, k.clone(), since));
                }
            }
            if let Some(found) = self.newer_field(p, v, release, &path) {
                return Some(found);
            }
        }
        None
    }

    /// Removes every property of `value` (at any depth) that `schema` marks as
    /// added after `release`.
    pub(super) fn strip_newer(&self, schema: &Value, value: &mut Value, release: Release) {
        for (child, p) in self.children(schema, value) {
            match (child, &mut *value) {
                (Child::Field(k), Value::Object(fields)) => {
                    if x_since(p).is_some_and(|since| since > release) {
                        // `retain` keeps the other fields in their order.
                        fields.retain(|key, _| *key != k);
                    } else if let Some(v) = fields.get_mut(&k) {
                        // Absent when an earlier branch removed it.
                        self.strip_newer(p, v, release);
                    }
                }
                (Child::Item(i), Value::Array(items)) => {
                    self.strip_newer(p, &mut items[i], release);
                }
                _ => {}
            }
        }
    }
}

/// A child of a JSON value: an object's property (by name) or an array's item
/// (by index).
enum Child {
    Field(String),
    Item(usize),
}

fn x_since(property: &Value) -> Option<Release> {
    property.get("x-since")?.as_str()?.parse().ok()
}

fn pointer_escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}
