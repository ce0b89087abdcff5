//! Labels (`content/labels/<id>.yaml`): a distinction held by the subjects that meet all of its
//! rules over questionnaires, e.g. "conforme" to the telehealth referential and a rate of at
//! least 80 % on interoperability.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A label file, `content/labels/<id>.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Label {
    /// Identifier, equal to the file name without extension.
    pub id: String,
    /// Title shown to people.
    pub title: String,
    /// Optional description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Which levels the rules are checked on.
    #[serde(default)]
    pub assessment: LabelAssessment,
    /// The rules, all of which a holder meets.
    #[schemars(length(min = 1))]
    pub rules: Vec<LabelRule>,
}

/// Which levels a label's rules are checked on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LabelAssessment {
    /// The subjects' own answers.
    #[default]
    #[serde(rename = "self")]
    SelfAssessed,
    /// Only the levels of external assessments.
    External,
    /// External levels where they exist, the subject's own elsewhere.
    Retained,
}

/// One rule of a label: a verdict, a minimum rate, or both, on one questionnaire.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LabelRule {
    /// Questionnaire id (in force, answered by services and products).
    pub questionnaire: String,
    /// Axis id: `min_rate` then applies to this axis only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub axis: Option<String>,
    /// Verdict required (requirement questionnaires).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<LabelVerdict>,
    /// Minimum rate in percent (0 to 100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 100))]
    pub min_rate: Option<f64>,
}

/// The verdict a rule requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LabelVerdict {
    /// Every applicable mandatory requirement met.
    Conforme,
    /// Some mandatory requirement not met.
    NonConforme,
}
