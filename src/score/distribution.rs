//! Distributions: per criterion, how many subjects of the perimeter sit at each level and at
//! "non applicable", with current levels.

use super::Settings;
use super::index::Index;
use crate::model::{LevelValue, Repository};
use schemars::JsonSchema;
use serde::Serialize;

/// The distributions of one questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct QuestionnaireDistribution {
    /// Questionnaire identifier.
    pub questionnaire: String,
    /// One entry per criterion, in file order.
    pub criteria: Vec<CriterionDistribution>,
}

/// How many subjects answered each level of one criterion.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct CriterionDistribution {
    /// Axis identifier.
    pub axis: String,
    /// Criterion identifier.
    pub criterion: String,
    /// Expected level at the reference date.
    pub expected: u8,
    /// Subjects at each level: `levels[v]` is the count at level `v`, from 0 to the scale's max.
    pub levels: Vec<usize>,
    /// Subjects that answered "non applicable".
    pub na: usize,
}

/// Counts the current levels of every criterion over the subjects of the perimeter. Answers to
/// criteria that do not apply to a subject (preliminary conditions) are not counted.
pub fn distributions(repo: &Repository, settings: &Settings) -> Vec<QuestionnaireDistribution> {
    compute(&Index::new(repo, settings))
}

pub(super) fn compute(index: &Index) -> Vec<QuestionnaireDistribution> {
    let mut out: Vec<QuestionnaireDistribution> = index
        .questionnaires
        .iter()
        .map(|qi| QuestionnaireDistribution {
            questionnaire: qi.q.id.clone(),
            criteria: qi
                .q
                .criteria()
                .map(|(a, c)| CriterionDistribution {
                    axis: a.id.clone(),
                    criterion: c.id.clone(),
                    expected: qi.criteria.get(c.id.as_str()).map_or(0, |k| k.expected),
                    levels: vec![0; usize::from(qi.max) + 1],
                    na: 0,
                })
                .collect(),
        })
        .collect();
    // Criterion id → position, per questionnaire.
    let positions: Vec<std::collections::HashMap<&str, usize>> = index
        .questionnaires
        .iter()
        .map(|qi| {
            qi.q.criteria()
                .enumerate()
                .map(|(i, (_, c))| (c.id.as_str(), i))
                .collect()
        })
        .collect();
    for sf in &index.repo.subjects {
        if !index.settings.in_perimeter(&sf.subject) {
            continue;
        }
        for (qid, r) in &sf.subject.questionnaires {
            let Some(&qn) = index.by_id.get(qid.as_str()) else {
                continue;
            };
            let qi = &index.questionnaires[qn];
            for (key, answer) in &r.answers {
                let Some(crit) = qi.criterion(key, &r.version) else {
                    continue;
                };
                let c = crit.c;
                if !c.applies(&r.preliminary) {
                    continue;
                }
                let d = &mut out[qn].criteria[positions[qn][c.id.as_str()]];
                match answer.level {
                    LevelValue::NotApplicable => d.na += 1,
                    LevelValue::Level(l) => d.levels[usize::from(l.min(qi.max))] += 1,
                }
            }
        }
    }
    out
}
