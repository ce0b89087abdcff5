//! The JSON Schemas of every file kind, generated from the model types. They are shipped under
//! `schemas/` (kept identical by a test) for editors, and compiled once for validation.

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
}

impl FileKind {
    /// Every kind.
    pub const ALL: [FileKind; 11] = [
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
        }
    }

    /// Generates the schema of this kind.
    pub fn generate(self) -> Value {
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
        }
    }

    /// The compiled validator of this kind, built once per process.
    pub fn validator(self) -> &'static (Value, jsonschema::Validator) {
        static CELLS: [OnceLock<(Value, jsonschema::Validator)>; 11] =
            [const { OnceLock::new() }; 11];
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
