//! Schema validation of a parsed file and typing into the model, with every error located.

use super::repair::{self, Repair};
use super::yaml::{LazySpans, escape};
use crate::diagnostics::{Code, Diagnostic, suggest};
use crate::schema::FileKind;
use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A file typed into the model. When it had shape errors, each broken node was reported, then
/// replaced by a neutral value (or removed, for a key) so that the rest could be typed:
/// `broken` lists their JSON pointers, and checks that read them are not run.
pub struct Typing<T> {
    /// The typed value, placeholders included.
    pub value: T,
    /// Pointers of the nodes reported and repaired; empty for a clean file.
    pub broken: Vec<String>,
}

/// Most values serde cannot read that are reported in one file before typing gives up.
const MAX_TYPING_ERRORS: usize = 16;

/// Validates `value` against the schema of `kind`, then deserialises it, reporting every
/// problem: each node reported is repaired (see [`repair`](super::repair)) and typing goes
/// on. `None` (with diagnostics) when the file could not be typed even so.
pub fn typed<T: DeserializeOwned>(
    kind: FileKind,
    path: &str,
    mut value: Value,
    spans: &LazySpans<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Typing<T>> {
    let (schema, validator) = kind.validator();
    let mut repairs = Vec::new();
    for error in validator.iter_errors(&value) {
        let pointer = error.instance_path().as_str().to_string();
        let owner = owner(schema, error.schema_path().as_str());
        diags.extend(describe(
            error.kind(),
            error.instance(),
            &pointer,
            owner,
            path,
            spans,
        ));
        repairs.extend(repairs_of(error.kind(), pointer));
    }
    let mut broken = Vec::new();
    for r in repairs {
        if !r.apply(schema, &mut value) {
            return None;
        }
        broken.push(r.pointer().to_string());
    }
    // Typing stops at the first value serde cannot read (a day that does not exist): it is
    // reported, replaced, and typing starts again.
    for _ in 0..MAX_TYPING_ERRORS {
        let e = match serde_path_to_error::deserialize::<_, T>(&value) {
            Ok(t) => return Some(Typing { value: t, broken }),
            Err(e) => e,
        };
        let pointer: String = e
            .path()
            .iter()
            .map(|s| match s {
                serde_path_to_error::Segment::Seq { index } => format!("/{index}"),
                serde_path_to_error::Segment::Map { key } => format!("/{}", escape(key)),
                _ => String::new(),
            })
            .collect();
        // A placeholder serde cannot read either: nothing more to learn from this file.
        if broken.iter().any(|b| repair::within(&pointer, b)) {
            return None;
        }
        let inner = e.into_inner().to_string();
        diags.push(
            Diagnostic::error(
                Code::InvalidValue,
                path,
                format!("valeur invalide : {inner}"),
            )
            .at(spans.value(&pointer))
            .hint("voir docs/format.md pour la forme attendue"),
        );
        let r = Repair::Replace(pointer);
        if !r.apply(schema, &mut value) {
            return None;
        }
        broken.push(r.pointer().to_string());
    }
    None
}

/// How to repair the nodes a schema error is about.
fn repairs_of(kind: &ValidationErrorKind, pointer: String) -> Vec<Repair> {
    match kind {
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => unexpected
            .iter()
            .map(|k| Repair::Remove(format!("{pointer}/{}", escape(k))))
            .collect(),
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            vec![Repair::Replace(format!("{pointer}/{}", escape(name)))]
        }
        _ => vec![Repair::Replace(pointer)],
    }
}

/// The schema object that owns the failing keyword: walks the schema path from the root,
/// following `$ref`s into `$defs`, and stops before the keyword itself.
fn owner<'a>(schema: &'a Value, schema_path: &str) -> Option<&'a Value> {
    let segments: Vec<&str> = schema_path.split('/').skip(1).collect();
    let (_, parents) = segments.split_last()?;
    let mut node = schema;
    for seg in parents {
        if *seg == "$ref" {
            let target = node.get("$ref")?.as_str()?.strip_prefix('#')?;
            node = schema.pointer(target)?;
        } else {
            let seg = seg.replace("~1", "/").replace("~0", "~");
            node = match node {
                Value::Array(a) => a.get(seg.parse::<usize>().ok()?)?,
                _ => node.get(&seg)?,
            };
        }
    }
    // A `$ref` sibling-free node stands for its target.
    while let Some(target) = node.get("$ref").and_then(Value::as_str) {
        node = schema.pointer(target.strip_prefix('#')?)?;
    }
    Some(node)
}

/// The values allowed by an `enum`, or by `oneOf`/`anyOf` alternatives that are all `const`.
fn allowed_values(owner: Option<&Value>) -> Option<String> {
    let o = owner?;
    let values: Vec<&Value> = if let Some(Value::Array(e)) = o.get("enum") {
        e.iter().collect()
    } else {
        let alts = o.get("oneOf").or_else(|| o.get("anyOf"))?.as_array()?;
        alts.iter()
            .map(|a| a.get("const"))
            .collect::<Option<Vec<_>>>()?
    };
    Some(
        values
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
            .collect::<Vec<_>>()
            .join(", "),
    )
}

/// A hint for a map key that does not match the key pattern.
fn key_hint(pattern: &str) -> &'static str {
    if pattern == crate::model::date::QUARTER_PATTERN {
        "un jalon s'écrit trimestre: niveau, le trimestre au format AAAA-Tn (par exemple 2021-T3: 2)"
    } else if pattern == crate::model::date::DATE_PATTERN {
        "date au format AAAA-MM-JJ, par exemple 2020-12-15"
    } else {
        "voir docs/format.md"
    }
}

fn names(v: Option<&Value>) -> String {
    match v {
        Some(Value::Object(props)) => props
            .keys()
            .map(|k| k.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        _ => String::new(),
    }
}

fn type_name(t: &str) -> &'static str {
    match t {
        "string" => "un texte",
        "integer" => "un nombre entier",
        "number" => "un nombre",
        "boolean" => "un booléen (true ou false)",
        "object" => "une table (clé: valeur)",
        "array" => "une liste",
        "null" => "rien",
        _ => "une autre valeur",
    }
}

fn found(v: &Value) -> String {
    match v {
        Value::Null => "une valeur vide".into(),
        Value::Bool(b) => format!("le booléen {b}"),
        Value::Number(n) => format!("le nombre {n}"),
        Value::String(s) => format!("le texte « {} »", shorten(s)),
        Value::Array(_) => "une liste".into(),
        Value::Object(_) => "une table".into(),
    }
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_string()
    }
}

fn describe(
    kind: &ValidationErrorKind,
    instance: &Value,
    pointer: &str,
    owner: Option<&Value>,
    path: &str,
    spans: &LazySpans<'_>,
) -> Vec<Diagnostic> {
    let description = owner
        .and_then(|o| o.get("description"))
        .and_then(Value::as_str);
    let field = pointer.rsplit('/').next().unwrap_or("");
    let at_value = spans.value(pointer);
    match kind {
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            let allowed = names(owner.and_then(|o| o.get("properties")));
            let key_pattern = owner
                .and_then(|o| {
                    o.get("propertyNames")
                        .or_else(|| o.get("patternProperties"))
                })
                .is_some();
            let key_desc = owner
                .and_then(|o| o.get("patternProperties"))
                .and_then(Value::as_object)
                .and_then(|p| p.keys().next())
                .map(|p| key_hint(p));
            unexpected
                .iter()
                .map(|k| {
                    if key_pattern {
                        return Diagnostic::error(
                            Code::InvalidValue,
                            path,
                            format!("clé « {k} » invalide"),
                        )
                        .at(spans.key(&format!("{pointer}/{}", escape(k))))
                        .hint(key_desc.unwrap_or("voir docs/format.md").to_string());
                    }
                    let d = Diagnostic::error(
                        Code::UnknownField,
                        path,
                        format!("champ inconnu « {k} »"),
                    )
                    .at(spans.key(&format!("{pointer}/{}", escape(k))));
                    if allowed.is_empty() {
                        d.hint("retirez ce champ ou vérifiez son orthographe")
                    } else {
                        d.hint(suggest::hint(
                            k,
                            allowed.split(", "),
                            format!("champs possibles : {allowed}"),
                        ))
                    }
                })
                .collect()
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            vec![
                Diagnostic::error(
                    Code::MissingField,
                    path,
                    format!("champ obligatoire « {name} » absent"),
                )
                .at(spans.key(pointer))
                .hint(format!("ajoutez « {name}: … » (voir docs/format.md)")),
            ]
        }
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => type_name(&t.to_string()).to_string(),
                TypeKind::Multiple(ts) => ts
                    .iter()
                    .map(|t| type_name(&t.to_string()))
                    .collect::<Vec<_>>()
                    .join(" ou "),
            };
            let mut d = Diagnostic::error(
                Code::WrongType,
                path,
                format!("« {field} » doit être {expected}, pas {}", found(instance)),
            )
            .at(at_value);
            if let Some(desc) = description {
                d = d.hint(desc.to_string());
            }
            if matches!(instance, Value::String(s) if matches!(s.as_str(), "oui" | "non" | "yes" | "no"))
            {
                d = d.hint("écrivez true (oui) ou false (non)");
            }
            vec![d]
        }
        ValidationErrorKind::Enum { .. }
        | ValidationErrorKind::AnyOf { .. }
        | ValidationErrorKind::OneOfNotValid { .. } => {
            if let Some(list) = allowed_values(owner) {
                return vec![
                    Diagnostic::error(
                        Code::InvalidValue,
                        path,
                        format!(
                            "valeur non autorisée pour « {field} » : {}",
                            found(instance)
                        ),
                    )
                    .at(at_value)
                    .hint(format!("valeurs possibles : {list}")),
                ];
            }
            vec![
                Diagnostic::error(
                    Code::InvalidValue,
                    path,
                    format!("valeur invalide pour « {field} » : {}", found(instance)),
                )
                .at(at_value)
                .hint(description.unwrap_or("voir docs/format.md").to_string()),
            ]
        }
        ValidationErrorKind::PropertyNames { .. } => {
            vec![
                Diagnostic::error(
                    Code::InvalidValue,
                    path,
                    format!("nom de clé invalide sous « {field} »"),
                )
                .at(at_value)
                .hint("pour les niveaux : 0 à 9, ou na"),
            ]
        }
        other => {
            let what = match other {
                ValidationErrorKind::Pattern { .. } => "format invalide".to_string(),
                ValidationErrorKind::Minimum { limit } => {
                    format!("valeur inférieure au minimum {limit}")
                }
                ValidationErrorKind::Maximum { limit } => {
                    format!("valeur supérieure au maximum {limit}")
                }
                ValidationErrorKind::MinItems { limit } => {
                    format!("au moins {limit} élément(s) attendu(s)")
                }
                ValidationErrorKind::MinLength { limit } => {
                    format!("au moins {limit} caractère(s) attendu(s)")
                }
                _ => "valeur invalide".to_string(),
            };
            let mut d = Diagnostic::error(
                Code::InvalidValue,
                path,
                format!("{what} pour « {field} » : {}", found(instance)),
            )
            .at(at_value);
            d = d.hint(description.unwrap_or("voir docs/format.md").to_string());
            vec![d]
        }
    }
}
