//! Repairs of a parsed file around its reported shape errors: a broken node is replaced by a
//! neutral value its schema accepts (or, for a key, removed), so that typing goes on and the
//! file's other problems are found in the same run.

use serde_json::Value;

/// How to repair the node at a JSON pointer once its problem is reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repair {
    /// Replace the value by a placeholder.
    Replace(String),
    /// Remove the entry (a misspelt or invalid key).
    Remove(String),
}

impl Repair {
    /// The pointer of the repaired node.
    pub fn pointer(&self) -> &str {
        match self {
            Repair::Replace(p) | Repair::Remove(p) => p,
        }
    }

    /// Applies the repair to `value`, whose schema is `schema`; `false` when the node could not
    /// be repaired (the root, or a place the schema does not describe).
    pub fn apply(&self, schema: &Value, value: &mut Value) -> bool {
        let Some((parent, last)) = split(self.pointer()) else {
            return false;
        };
        let Some(container) = value.pointer_mut(parent) else {
            return false;
        };
        let placeholder = || schema_at(schema, self.pointer()).map(|s| placeholder(schema, s, 0));
        match (self, container) {
            (Repair::Remove(_), Value::Object(map)) => map.remove(&last).is_some(),
            (_, Value::Object(map)) => match placeholder() {
                Some(v) => {
                    map.insert(last, v);
                    true
                }
                None => map.remove(&last).is_some(),
            },
            (_, Value::Array(items)) => {
                let slot = last.parse::<usize>().ok().and_then(|i| items.get_mut(i));
                match (slot, placeholder()) {
                    (Some(slot), Some(v)) => {
                        *slot = v;
                        true
                    }
                    _ => false,
                }
            }
            _ => false,
        }
    }
}

/// Whether `pointer` is `ancestor` or lies under it.
pub fn within(pointer: &str, ancestor: &str) -> bool {
    pointer
        .strip_prefix(ancestor)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// The parent pointer and the unescaped last segment; `None` for the root.
fn split(pointer: &str) -> Option<(&str, String)> {
    let i = pointer.rfind('/')?;
    Some((&pointer[..i], unescape(&pointer[i + 1..])))
}

fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// Follows `$ref`s to the schema they name (a few at most).
fn resolve<'a>(root: &'a Value, mut node: &'a Value) -> Option<&'a Value> {
    for _ in 0..8 {
        match node.get("$ref").and_then(Value::as_str) {
            Some(target) => node = root.pointer(target.strip_prefix('#')?)?,
            None => return Some(node),
        }
    }
    None
}

/// The schema of the node at `pointer` (the property's own schema, before its `$ref`, so
/// that its examples are seen).
fn schema_at<'a>(root: &'a Value, pointer: &str) -> Option<&'a Value> {
    let mut node = root;
    for segment in pointer.split('/').skip(1) {
        let segment = unescape(segment);
        let parent = resolve(root, node)?;
        node = parent
            .get("properties")
            .and_then(|p| p.get(&segment))
            .or_else(|| parent.get("items"))
            .or_else(|| {
                let patterns = parent.get("patternProperties")?.as_object()?;
                patterns.values().next()
            })
            .or_else(|| parent.get("additionalProperties").filter(|a| a.is_object()))?;
    }
    Some(node)
}

/// A neutral value the schema `node` accepts: its first example, default, constant or
/// choice, else the simplest value of its type (an object with its required fields).
fn placeholder(root: &Value, node: &Value, depth: usize) -> Value {
    for key in ["examples", "enum"] {
        if let Some(v) = node.get(key).and_then(|e| e.get(0)) {
            return v.clone();
        }
    }
    for key in ["default", "const"] {
        if let Some(v) = node.get(key) {
            return v.clone();
        }
    }
    if depth > 8 {
        return Value::Null;
    }
    if node.get("$ref").is_some() {
        return resolve(root, node).map_or(Value::Null, |n| placeholder(root, n, depth + 1));
    }
    if let Some(first) = ["oneOf", "anyOf"]
        .iter()
        .find_map(|k| node.get(*k).and_then(|a| a.get(0)))
    {
        return placeholder(root, first, depth + 1);
    }
    let pattern = node.get("pattern").and_then(Value::as_str);
    if pattern == Some(crate::model::date::DATE_PATTERN) {
        return Value::String("2000-01-01".into());
    }
    if pattern == Some(crate::model::date::QUARTER_PATTERN) {
        return Value::String("2000-T1".into());
    }
    let kind = match node.get("type") {
        Some(Value::Array(kinds)) => kinds.first().and_then(Value::as_str),
        other => other.and_then(Value::as_str),
    };
    match kind {
        Some("string") => Value::String(String::new()),
        Some("integer" | "number") => node.get("minimum").cloned().unwrap_or(0.into()),
        Some("boolean") => Value::Bool(false),
        Some("array") => Value::Array(Vec::new()),
        Some("object") => {
            let mut map = serde_json::Map::new();
            let required = node.get("required").and_then(Value::as_array);
            for name in required.into_iter().flatten().filter_map(Value::as_str) {
                let field = node.get("properties").and_then(|p| p.get(name));
                let v = field.map_or(Value::Null, |f| placeholder(root, f, depth + 1));
                map.insert(name.to_string(), v);
            }
            Value::Object(map)
        }
        _ => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::FileKind;
    use serde_json::json;

    #[test]
    fn placeholders_follow_the_schema() {
        // A bad date or level becomes the field's example, a status its first choice; an
        // unknown key is removed.
        let (schema, _) = FileKind::Subject.validator();
        let mut v = json!({
            "assessed_on": "2026-02-30",
            "status": 3,
            "oops": 1,
            "questionnaires": { "services": { "version": "2020",
                "answers": { "A1": { "level": "x" } } } }
        });
        for r in [
            Repair::Replace("/assessed_on".into()),
            Repair::Replace("/status".into()),
            Repair::Remove("/oops".into()),
            Repair::Replace("/questionnaires/services/answers/A1/level".into()),
        ] {
            assert!(r.apply(schema, &mut v), "{r:?}");
        }
        assert_eq!(
            v,
            json!({
                "assessed_on": "2020-11-30",
                "status": "draft",
                "questionnaires": { "services": { "version": "2020",
                    "answers": { "A1": { "level": 2 } } } }
            })
        );
        assert!(!Repair::Replace(String::new()).apply(schema, &mut v));
    }

    #[test]
    fn within_means_at_or_under() {
        assert!(within("/a/b", "/a"));
        assert!(within("/a", "/a"));
        assert!(!within("/ab", "/a"));
    }
}
