//! Maturity scales: the standard 0–3 scale, yes/no requirement scales and graded scores.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A scale file, `content/scales/<id>.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    /// Identifier, equal to the file name without extension.
    pub id: String,
    /// Title shown to people.
    pub title: String,
    /// How answers on this scale are scored.
    pub kind: ScaleKind,
    /// Optional description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The levels, lowest first; values are consecutive from 0.
    pub levels: Vec<ScaleLevel>,
    /// How "non applicable" is shown (when a criterion allows it).
    pub not_applicable: ScaleLabel,
    /// Letter grades by score threshold, highest threshold first (graded scales only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grades: Vec<Grade>,
}

/// How a scale is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ScaleKind {
    /// Levels 0..n compared to an expected level: rate and mean level.
    Maturity,
    /// Requirement met (1) or not (0): share of requirements met, mandatory ones all met.
    Requirement,
    /// Weighted score out of 100 and a letter grade by thresholds.
    Graded,
}

impl ScaleKind {
    /// Whether questionnaires on this scale are scored as conformity (requirements or grades)
    /// rather than maturity: they have no rates, levels, trends or projections.
    pub fn is_conformity(self) -> bool {
        matches!(self, ScaleKind::Requirement | ScaleKind::Graded)
    }
}

/// One level of a scale.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScaleLevel {
    /// Numeric value, 0 for the lowest.
    pub value: u8,
    /// Short label, e.g. "rouge" or "conforme".
    pub label: String,
    /// Display colour as `#rrggbb`.
    #[schemars(regex(pattern = r"^#[0-9a-fA-F]{6}$"))]
    pub color: String,
}

/// Label and colour without a value (used for "non applicable").
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScaleLabel {
    /// Label.
    pub label: String,
    /// Display colour as `#rrggbb`.
    #[schemars(regex(pattern = r"^#[0-9a-fA-F]{6}$"))]
    pub color: String,
}

/// A letter grade reached from a minimum score.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Grade {
    /// Letter, e.g. "A".
    pub grade: String,
    /// Minimum score out of 100 to reach it.
    #[schemars(range(min = 0.0, max = 100.0))]
    pub min_score: f64,
}

impl Scale {
    /// The highest level value of the scale.
    pub fn max_level(&self) -> u8 {
        self.levels.iter().map(|l| l.value).max().unwrap_or(0)
    }

    /// The level with that value, if the scale has it.
    pub fn level(&self, value: u8) -> Option<&ScaleLevel> {
        self.levels.iter().find(|l| l.value == value)
    }

    /// The grade reached by a score out of 100.
    pub fn grade_for(&self, score: f64) -> Option<&str> {
        self.grades
            .iter()
            .filter(|g| score >= g.min_score)
            .max_by(|a, b| a.min_score.total_cmp(&b.min_score))
            .map(|g| g.grade.as_str())
    }
}
