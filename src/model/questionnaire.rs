//! Questionnaires: axes of the doctrine, criteria with level texts, expected levels and
//! applicability conditions on preliminary answers.

use super::{Date, LevelValue, OrgKind, PrelimValue};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A questionnaire file: `questionnaires/<id>.yaml` (in force) or
/// `questionnaires/archive/<id>.<version>.yaml` (a previous version).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Questionnaire {
    /// Identifier, e.g. `urbanisation-services`.
    pub id: String,
    /// Title, e.g. "Urbanisation des services".
    pub title: String,
    /// Version label, e.g. `2020`; answers name the version they were given against.
    pub version: String,
    /// What the questionnaire assesses.
    pub scope: Scope,
    /// Scale identifier (`content/scales/<id>.yaml`).
    pub scale: String,
    /// Short description shown on the portal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Where the criteria wording comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Questions whose answers decide which criteria apply.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preliminary: Vec<PreliminaryQuestion>,
    /// Axes of convergence, each with its criteria.
    pub axes: Vec<Axis>,
    /// The previous version this one replaces, and how its criteria map to this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supersedes: Option<Supersedes>,
    /// Requirement scales: an answer "met" must link to at least one piece of evidence.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub evidence_required: bool,
    /// The criteria are our transcription of the scope the sources give, not official texts.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub illustrative: bool,
    /// Organisation-scope questionnaires: the kinds of organisation that answer it (any when
    /// empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answered_by: Vec<OrgKind>,
}

/// What a questionnaire assesses.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// A whole organisation's information system (answered in `organisation.yaml`).
    Organisation,
    /// A service or product (answered in the subject files).
    Service,
}

/// A preliminary question.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PreliminaryQuestion {
    /// Identifier used in answers and conditions, e.g. `ror_instance`.
    pub id: String,
    /// The question as asked.
    pub question: String,
    /// Help text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Allowed answers when not a yes/no question; empty means yes/no (`true`/`false`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<String>,
}

impl PreliminaryQuestion {
    /// Whether `value` is an answer this question allows: yes/no for a question without
    /// choices, one of its choices otherwise.
    pub fn accepts(&self, value: &PrelimValue) -> bool {
        match value {
            PrelimValue::Bool(_) => self.choices.is_empty(),
            PrelimValue::Choice(c) => self.choices.contains(c),
        }
    }
}

/// An axis of convergence (a doctrine action such as `A04.1`).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Axis {
    /// Doctrine action identifier, e.g. `A04.1`.
    pub id: String,
    /// Title, e.g. "Référentiel d'identité des acteurs de santé".
    pub title: String,
    /// Slug of the doctrine page (`content/doctrine/<slug>.md`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doctrine: Option<String>,
    /// Criteria of this axis.
    pub criteria: Vec<Criterion>,
}

/// A criterion: one question answered by a level.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Identifier, e.g. `A04.1.1`.
    pub id: String,
    /// Title.
    pub title: String,
    /// Text of each level, keyed by level value (`0`…`3`) and `na` when "non applicable" is
    /// allowed. A level without a text cannot be chosen.
    #[schemars(extend("propertyNames" = { "pattern": "^([0-9]|na)$" }))]
    pub levels: BTreeMap<LevelValue, String>,
    /// Expected level, changing over time: the entry with the latest `from` on or before a date
    /// is in force at that date.
    pub expected: Vec<ExpectedLevel>,
    /// Weight in the axis means.
    #[serde(default = "default_weight", skip_serializing_if = "is_default_weight")]
    #[schemars(range(min = 0.0))]
    pub weight: f64,
    /// For requirement scales: the requirement must be met.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub mandatory: bool,
    /// The criterion applies only when every listed preliminary answer equals the given value.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub applies_if: BTreeMap<String, PrelimValue>,
    /// The criterion applies only when every listed preliminary answer is one of the given
    /// values (e.g. the establishment types a MaturiN-H criterion concerns).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub applies_if_any: BTreeMap<String, Vec<PrelimValue>>,
    /// Graded scales: the maturity degree the criterion requires to be attained.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub degree: Option<Degree>,
    /// Graded scales: a "valeur" criterion, attained when the declared value reaches the
    /// minimum; absent for a "oui/non" criterion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<Measure>,
    /// Help text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// FAQ entries (`content/faq/<slug>.md`) about this criterion.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub faq: Vec<String>,
}

fn default_weight() -> f64 {
    1.0
}

fn is_default_weight(w: &f64) -> bool {
    *w == 1.0
}

/// A maturity degree of the MaturiN-H method (below "base" is "insuffisant").
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Degree {
    /// Minimal admissible level ("de base").
    Base,
    /// Acceptable level towards good practice ("défini").
    Defini,
    /// State-of-the-art good practice ("maîtrisé").
    Maitrise,
    /// Best practice moving the state of the art ("optimisé").
    Optimise,
}

impl Degree {
    /// The French name, as in "maturité définie".
    pub fn label(self) -> &'static str {
        match self {
            Degree::Base => "de base",
            Degree::Defini => "définie",
            Degree::Maitrise => "maîtrisée",
            Degree::Optimise => "optimisée",
        }
    }
}

/// The measure of a "valeur" criterion: attained when the declared value is at least `min`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// Unit shown after values, e.g. `%`.
    pub unit: String,
    /// Minimum value for the criterion to be attained.
    pub min: f64,
}

impl Measure {
    /// The level a declared value gives: 1 (attained) or 0.
    pub fn attained(&self, value: f64) -> u8 {
        u8::from(value >= self.min)
    }
}

/// An expected level from a date on.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExpectedLevel {
    /// Expected level value.
    pub level: u8,
    /// Date from which this expected level applies.
    pub from: Date,
}

/// The previous version a questionnaire replaces.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Supersedes {
    /// Version label of the previous version.
    pub version: String,
    /// Criteria renamed between versions: previous id → id in this version. Criteria with the
    /// same id in both versions map to themselves.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub renamed: BTreeMap<String, String>,
}

impl Questionnaire {
    /// Every criterion with its axis, in file order.
    pub fn criteria(&self) -> impl Iterator<Item = (&Axis, &Criterion)> {
        self.axes
            .iter()
            .flat_map(|a| a.criteria.iter().map(move |c| (a, c)))
    }

    /// The criterion with that id.
    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria().map(|(_, c)| c).find(|c| c.id == id)
    }
}

impl Criterion {
    /// The expected level in force at `date`, or the earliest one if `date` precedes them all.
    pub fn expected_at(&self, date: Date) -> u8 {
        self.expected
            .iter()
            .filter(|e| e.from <= date)
            .max_by_key(|e| e.from)
            .or_else(|| self.expected.iter().min_by_key(|e| e.from))
            .map_or(0, |e| e.level)
    }

    /// Whether "non applicable" may be answered.
    pub fn allows_na(&self) -> bool {
        self.levels.contains_key(&LevelValue::NotApplicable)
    }

    /// Whether the criterion applies given the subject's preliminary answers.
    pub fn applies(&self, preliminary: &BTreeMap<String, PrelimValue>) -> bool {
        self.applies_if
            .iter()
            .all(|(q, v)| preliminary.get(q) == Some(v))
            && self
                .applies_if_any
                .iter()
                .all(|(q, vs)| preliminary.get(q).is_some_and(|v| vs.contains(v)))
    }

    /// The conditions under which the criterion applies, in words: `hosts = oui`,
    /// `type = chu ou ch` (empty when it always applies).
    pub fn conditions(&self) -> Vec<String> {
        let any = self.applies_if_any.iter().map(|(k, vs)| {
            let vs: Vec<String> = vs.iter().map(ToString::to_string).collect();
            format!("{k} = {}", vs.join(" ou "))
        });
        self.applies_if
            .iter()
            .map(|(k, v)| format!("{k} = {v}"))
            .chain(any)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::Criterion;

    // Both kinds of condition are said, `applies_if` first: the validation hint, `new --update`
    // and the questionnaire page all read them from here.
    #[test]
    fn conditions_name_every_applies_if_and_applies_if_any() {
        let c: Criterion = serde_json::from_value(serde_json::json!({
            "id": "c", "title": "C",
            "levels": {"0": "non", "1": "oui"},
            "expected": [{"level": 1, "from": "2020-01-01"}],
            "applies_if": {"hosts": true},
            "applies_if_any": {"type": ["chu", "ch"]}
        }))
        .unwrap();
        assert_eq!(c.conditions(), ["hosts = oui", "type = chu ou ch"]);
    }
}
