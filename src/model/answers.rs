//! What organisations write under `answers/`: organisation files and one file per service or
//! product, with levels, comments, evidence and convergence plans.

use super::{Date, Quarter};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

/// An organisation file, `answers/<org>/organisation.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// Identifier, equal to the folder name, e.g. `ara`.
    pub id: String,
    /// Name, e.g. "GRADeS Auvergne-Rhône-Alpes".
    pub name: String,
    /// Kind of organisation.
    pub kind: OrgKind,
    /// INSEE code of its region (`content/referentials/regions.yaml`), for regions and structures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Editor identifier (`content/referentials/editors.yaml`), for software editors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub editor: Option<String>,
    /// Forge handles (users `@name` or teams `@org/team`) who may change this folder.
    #[schemars(length(min = 1))]
    pub owners: Vec<String>,
    /// Whether the organisation-level answers may be published.
    #[serde(default = "yes")]
    pub publishable: bool,
    /// Status of the organisation-level answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Date of the organisation-level assessment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessed_on: Option<Date>,
    /// Organisation-level questionnaires answered, keyed by questionnaire id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub questionnaires: BTreeMap<String, Response>,
}

fn yes() -> bool {
    true
}

/// Kind of organisation.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// A region's ARS and GRADeS.
    Region,
    /// A software editor.
    Editor,
    /// A health structure.
    Structure,
}

/// A service or product file, `answers/<org>/<id>.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    /// Identifier, equal to the file name without extension; unique in the repository.
    pub id: String,
    /// Service (deployed in a region) or product (sold by an editor).
    pub kind: SubjectKind,
    /// Name.
    pub name: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Zone or domain of the functional map (POS), e.g. `6.2`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pos_zone: Option<String>,
    /// Common-core service type ("tronc commun"), e.g. `coordination-dcc`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub common_core: Option<String>,
    /// Software editor identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub editor: Option<String>,
    /// Solution identifier, among the editor's solutions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub solution: Option<String>,
    /// Version of the solution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub solution_version: Option<String>,
    /// For products: socle or option, and the socle it extends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<Product>,
    /// National core services used (`content/referentials/national-services.yaml`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub national_services: Vec<String>,
    /// Whether it may be published. A non-publishable subject appears nowhere in the portal.
    pub publishable: bool,
    /// Will be decommissioned: excluded from projections, and may not carry a plan.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub decommissioning: bool,
    /// Archived: kept for history, excluded from every aggregate.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub archived: bool,
    /// Draft (may be incomplete) or validated.
    pub status: Status,
    /// Date of the assessment.
    pub assessed_on: Date,
    /// Questionnaires answered, keyed by questionnaire id.
    #[serde(default)]
    pub questionnaires: BTreeMap<String, Response>,
    /// Completion paths the product is on (`content/referentials/completion-paths.yaml`): each
    /// names the complementary questionnaires it must answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub completion_paths: Vec<String>,
}

/// Service or product.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    /// A service deployed by an organisation.
    Service,
    /// A product of a software editor.
    Product,
}

/// Product details.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Product {
    /// Socle (base product) or option (module extending a socle).
    pub kind: ProductKind,
    /// For an option: the id of the socle product it extends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extends: Option<String>,
}

/// Socle or option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProductKind {
    /// Base product.
    Socle,
    /// Optional module of a socle.
    Option,
}

/// Draft or validated.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Work in progress: may be incomplete, excluded from aggregates by default.
    Draft,
    /// Complete and validated by the organisation.
    Validated,
}

/// The answers to one questionnaire.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// Version of the questionnaire answered.
    pub version: String,
    /// Preliminary answers, keyed by question id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub preliminary: BTreeMap<String, PrelimValue>,
    /// Answers, keyed by criterion id.
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
}

/// The answer to one criterion, with its convergence plan.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// Level reached, or `na` for "non applicable".
    pub level: LevelValue,
    /// Comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Links to evidence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// The value declared for a "valeur" criterion (graded scales), e.g. `95` for 95 %.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Convergence plan: quarter (`2021-T3`) → level reached by the end of that quarter.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub plan: BTreeMap<Quarter, u8>,
    /// Why no plan can be given ("cible non planifiable"); mandatory justification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_plannable: Option<String>,
}

impl Answer {
    /// An answer at `level` and nothing else: no comment, evidence, value or plan.
    pub fn at(level: LevelValue) -> Answer {
        Answer {
            level,
            comment: None,
            evidence: Vec::new(),
            value: None,
            plan: BTreeMap::new(),
            not_plannable: None,
        }
    }
}

/// A preliminary answer: yes/no or one of the question's choices.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum PrelimValue {
    /// Yes or no.
    Bool(bool),
    /// A choice.
    Choice(String),
}

impl fmt::Display for PrelimValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PrelimValue::Bool(true) => f.write_str("oui"),
            PrelimValue::Bool(false) => f.write_str("non"),
            PrelimValue::Choice(c) => f.write_str(c),
        }
    }
}

/// A level answered: a value of the scale, or "non applicable".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LevelValue {
    /// A level of the scale.
    Level(u8),
    /// "Non applicable" (written `na`).
    NotApplicable,
}

impl LevelValue {
    /// The numeric level, if not "non applicable".
    pub fn value(self) -> Option<u8> {
        match self {
            LevelValue::Level(v) => Some(v),
            LevelValue::NotApplicable => None,
        }
    }
}

impl fmt::Display for LevelValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LevelValue::Level(v) => write!(f, "{v}"),
            LevelValue::NotApplicable => f.write_str("na"),
        }
    }
}

impl Serialize for LevelValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            LevelValue::Level(v) => s.serialize_u8(*v),
            LevelValue::NotApplicable => s.serialize_str("na"),
        }
    }
}

impl<'de> Deserialize<'de> for LevelValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = LevelValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("un niveau (0 à 9) ou « na »")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<LevelValue, E> {
                u8::try_from(v)
                    .ok()
                    .filter(|v| *v <= 9)
                    .map(LevelValue::Level)
                    .ok_or_else(|| E::custom(format!("niveau hors échelle : {v}")))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<LevelValue, E> {
                u64::try_from(v)
                    .map_err(|_| E::custom(format!("niveau négatif : {v}")))
                    .and_then(|v| self.visit_u64(v))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<LevelValue, E> {
                match v {
                    "na" => Ok(LevelValue::NotApplicable),
                    _ => v
                        .parse::<u64>()
                        .map_err(|_| E::custom(format!("niveau invalide : « {v} »")))
                        .and_then(|n| self.visit_u64(n)),
                }
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for LevelValue {
    fn schema_name() -> Cow<'static, str> {
        "LevelValue".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Niveau atteint (0 à 3 sur l'échelle standard) ou « na » pour non applicable.",
            "anyOf": [
                { "type": "integer", "minimum": 0, "maximum": 9 },
                { "const": "na" }
            ]
        })
    }
}
