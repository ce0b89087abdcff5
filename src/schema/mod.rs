//! The JSON Schemas of every file kind, generated from the model types. They are shipped under
//! `schemas/` (kept identical by a test) for editors, and compiled once for validation. Their
//! titles, descriptions and examples are the French texts of `fr`.

mod fr;

use crate::model;
use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use serde_json::Value;
use std::sync::OnceLock;

/// The kinds of YAML file in a repository.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileKind {
    /// `convergence.yaml`.
    Config,
    /// `content/scales/*.yaml`.
    Scale,
    /// `questionnaires/*.yaml`, `questionnaires/archive/*.yaml`.
    Questionnaire,
    /// `content/referentials/pos.yaml`.
    Pos,
    /// `content/referentials/common-core.yaml`.
    CommonCore,
    /// `content/referentials/regions.yaml`.
    Regions,
    /// `content/referentials/national-services.yaml`.
    NationalServices,
    /// `content/referentials/editors.yaml`.
    Editors,
    /// `answers/<org>/organisation.yaml`.
    Organisation,
    /// `answers/<org>/<id>.yaml`.
    Subject,
    /// Front matter of `content/**/*.md`.
    PageMeta,
    /// `campaigns/<id>.json`, a frozen campaign (JSON, written by `campaign close`).
    Campaign,
    /// `content/referentials/completion-paths.yaml`.
    CompletionPaths,
    /// `answers/<assessor>/evaluations/<id>.yaml`.
    Assessment,
    /// `content/labels/<id>.yaml`.
    Label,
}

impl FileKind {
    /// Every kind.
    pub const ALL: [FileKind; 15] = [
        FileKind::Config,
        FileKind::Scale,
        FileKind::Questionnaire,
        FileKind::Pos,
        FileKind::CommonCore,
        FileKind::Regions,
        FileKind::NationalServices,
        FileKind::Editors,
        FileKind::Organisation,
        FileKind::Subject,
        FileKind::PageMeta,
        FileKind::Campaign,
        FileKind::CompletionPaths,
        FileKind::Assessment,
        FileKind::Label,
    ];

    /// The schema's file name under `schemas/`.
    pub fn schema_file(self) -> &'static str {
        match self {
            FileKind::Config => "config.schema.json",
            FileKind::Scale => "scale.schema.json",
            FileKind::Questionnaire => "questionnaire.schema.json",
            FileKind::Pos => "pos.schema.json",
            FileKind::CommonCore => "common-core.schema.json",
            FileKind::Regions => "regions.schema.json",
            FileKind::NationalServices => "national-services.schema.json",
            FileKind::Editors => "editors.schema.json",
            FileKind::Organisation => "organisation.schema.json",
            FileKind::Subject => "subject.schema.json",
            FileKind::PageMeta => "page.schema.json",
            FileKind::Campaign => "campaign.schema.json",
            FileKind::CompletionPaths => "completion-paths.schema.json",
            FileKind::Assessment => "assessment.schema.json",
            FileKind::Label => "label.schema.json",
        }
    }

    /// Generates the schema of this kind, with its French texts.
    pub fn generate(self) -> Value {
        let mut schema = self.generate_untranslated();
        translate(&mut schema);
        schema
    }

    /// The schema as schemars generates it from the model types (English doc comments).
    fn generate_untranslated(self) -> Value {
        match self {
            FileKind::Config => schema_of::<model::Config>(),
            FileKind::Scale => schema_of::<model::Scale>(),
            FileKind::Questionnaire => schema_of::<model::Questionnaire>(),
            FileKind::Pos => schema_of::<model::PosMap>(),
            FileKind::CommonCore => schema_of::<model::CommonCore>(),
            FileKind::Regions => schema_of::<model::Regions>(),
            FileKind::NationalServices => schema_of::<model::NationalServices>(),
            FileKind::Editors => schema_of::<model::Editors>(),
            FileKind::Organisation => schema_of::<model::Organisation>(),
            FileKind::Subject => schema_of::<model::Subject>(),
            FileKind::PageMeta => schema_of::<model::PageMeta>(),
            FileKind::Campaign => schema_of::<model::Campaign>(),
            FileKind::CompletionPaths => schema_of::<model::CompletionPaths>(),
            FileKind::Assessment => schema_of::<model::Assessment>(),
            FileKind::Label => schema_of::<model::Label>(),
        }
    }

    /// The compiled validator of this kind, built once per process.
    pub fn validator(self) -> &'static (Value, jsonschema::Validator) {
        static CELLS: [OnceLock<(Value, jsonschema::Validator)>; FileKind::ALL.len()] =
            [const { OnceLock::new() }; FileKind::ALL.len()];
        let i = FileKind::ALL.iter().position(|k| *k == self).unwrap_or(0);
        CELLS[i].get_or_init(|| {
            let schema = self.generate();
            let validator = jsonschema::draft202012::new(&schema)
                .unwrap_or_else(|e| panic!("generated schema {self:?} is invalid: {e}"));
            (schema, validator)
        })
    }
}

fn schema_of<T: JsonSchema>() -> Value {
    let schema = SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>();
    let mut value = schema.to_value();
    drop_null(&mut value);
    value
}

/// Replaces the generated (English) titles and descriptions with the French texts of
/// [`fr::TEXTS`], and adds [`fr::EXAMPLES`].
fn translate(root: &mut Value) {
    visit(root, &mut set_texts);
}

/// Calls `f` with every node that carries contributors' text and its key in [`fr`]: the root
/// (named by its generated title, the model type's name), every definition of `$defs`, their properties (`Type.field`) and
/// their enumerated values (`Type=value`).
fn visit(root: &mut Value, f: &mut impl FnMut(&mut Value, &str)) {
    let name = root["title"].as_str().unwrap_or_default().to_string();
    visit_node(root, &name, f);
    if let Some(Value::Object(defs)) = root.get_mut("$defs") {
        for (name, def) in defs.iter_mut() {
            visit_node(def, name, f);
        }
    }
}

fn visit_node(node: &mut Value, name: &str, f: &mut impl FnMut(&mut Value, &str)) {
    f(node, name);
    if let Some(Value::Object(properties)) = node.get_mut("properties") {
        for (field, property) in properties.iter_mut() {
            f(property, &format!("{name}.{field}"));
        }
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(Value::Array(alternatives)) = node.get_mut(key) {
            for alternative in alternatives {
                if let Some(value) = alternative.get("const").and_then(Value::as_str) {
                    let key = format!("{name}={value}");
                    f(alternative, &key);
                }
            }
        }
    }
}

fn set_texts(node: &mut Value, key: &str) {
    let Value::Object(map) = node else { return };
    if let Some((_, title, description)) = fr::TEXTS.iter().find(|(k, _, _)| *k == key) {
        map.insert("title".into(), Value::from(*title));
        map.insert("description".into(), Value::from(*description));
    }
    if let Some((_, examples)) = fr::EXAMPLES.iter().find(|(k, _)| *k == key) {
        let values = examples
            .iter()
            .filter_map(|e| serde_json::from_str::<Value>(e).ok())
            .collect();
        map.insert("examples".into(), Value::Array(values));
    }
}

/// Optional fields are omitted, never written `null`: removes the `null` alternatives schemars
/// adds for `Option`, so that `comment:` left empty is reported as a missing text.
fn drop_null(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let t = types.remove(0);
                    map.insert("type".into(), t);
                }
            }
            for key in ["anyOf", "oneOf"] {
                if let Some(Value::Array(alts)) = map.get_mut(key) {
                    alts.retain(|a| a.get("type").and_then(Value::as_str) != Some("null"));
                    if alts.len() == 1 {
                        let only = alts.remove(0);
                        map.remove(key);
                        if let Value::Object(o) = only {
                            map.extend(o);
                        }
                    }
                }
            }
            map.values_mut().for_each(drop_null);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_null),
        _ => {}
    }
}

/// The schema text as written under `schemas/` (pretty JSON, trailing newline).
pub fn schema_text(kind: FileKind) -> String {
    let mut text = serde_json::to_string_pretty(&kind.generate()).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Every key of every schema, as the translation pass sees it.
    fn keys() -> BTreeSet<String> {
        let mut keys = BTreeSet::new();
        for kind in FileKind::ALL {
            let mut schema = kind.generate_untranslated();
            visit(&mut schema, &mut |_, key| {
                keys.insert(key.to_string());
            });
        }
        keys
    }

    // Contributors read every title and description in French: none may be left to the
    // English doc comments.
    #[test]
    fn every_schema_node_has_french_texts() {
        let texts: BTreeSet<&str> = fr::TEXTS.iter().map(|(k, _, _)| *k).collect();
        let missing: Vec<String> = keys()
            .into_iter()
            .filter(|k| !texts.contains(k.as_str()))
            .collect();
        assert_eq!(
            missing,
            Vec::<String>::new(),
            "add these keys to src/schema/fr.rs"
        );
    }

    // A renamed or removed field must not leave its French text behind.
    #[test]
    fn french_texts_name_only_existing_nodes_once() {
        let keys = keys();
        let mut seen = BTreeSet::new();
        for (key, title, description) in fr::TEXTS {
            assert!(keys.contains(*key), "{key}: no such schema node");
            assert!(seen.insert(*key), "{key}: twice in fr::TEXTS");
            assert!(
                !title.is_empty() && !description.is_empty(),
                "{key}: empty text"
            );
        }
        for (key, examples) in fr::EXAMPLES {
            assert!(keys.contains(*key), "{key}: no such schema node");
            for example in *examples {
                assert!(
                    serde_json::from_str::<Value>(example).is_ok(),
                    "{key}: {example}"
                );
            }
        }
    }

    // The subject schema carries the French texts and examples where editors show them.
    #[test]
    fn subject_schema_is_french() {
        let schema = FileKind::Subject.generate();
        assert_eq!(schema["title"], "Fiche de service ou de produit");
        let zone = &schema["properties"]["pos_zone"];
        assert_eq!(zone["title"], "Zone POS");
        assert_eq!(
            zone["description"],
            "Zone ou domaine de la carte fonctionnelle (POS), par exemple `6.2`."
        );
        assert_eq!(zone["examples"], serde_json::json!(["6.2"]));
        let draft = &schema["$defs"]["Status"]["oneOf"][0];
        assert_eq!(draft["const"], "draft");
        assert_eq!(draft["title"], "Brouillon");
    }
}
