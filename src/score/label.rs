//! Label holders: the public subjects that meet every rule of a label (a verdict, a minimum
//! rate overall or on one axis), on the levels the label names (own, external or retained),
//! with the date of the latest answer involved.

use super::Settings;
use super::assessment::{AssessmentMode, latest_assessments, with_assessment};
use super::subject::Scorer;
use crate::model::{Date, Label, LabelAssessment, LabelRule, LabelVerdict, Repository};
use serde::Serialize;

/// The holders of one label.
#[derive(Debug, Clone, Serialize)]
pub struct LabelReport {
    /// Label id.
    pub id: String,
    /// Label title.
    pub title: String,
    /// Description, if any.
    pub description: Option<String>,
    /// The levels the rules are checked on.
    pub assessment: &'static str,
    /// Holders, by subject id.
    pub holders: Vec<LabelHolder>,
}

/// A subject holding a label.
#[derive(Debug, Clone, Serialize)]
pub struct LabelHolder {
    /// Subject id.
    pub id: String,
    /// Subject name.
    pub name: String,
    /// Organisation id.
    pub org: String,
    /// The latest date among the answers the rules read (the subject's own assessment date,
    /// or the external assessment's where its levels are used).
    pub since: Date,
}

/// The reports of every label, in path order.
pub fn label_reports(repo: &Repository, settings: &Settings) -> Vec<LabelReport> {
    repo.labels
        .iter()
        .map(|l| label_report(repo, settings, &l.value))
        .collect()
}

/// The holders of `label`.
pub fn label_report(repo: &Repository, settings: &Settings, label: &Label) -> LabelReport {
    let mode = match label.assessment {
        LabelAssessment::SelfAssessed => AssessmentMode::SelfAssessed,
        LabelAssessment::External => AssessmentMode::External,
        LabelAssessment::Retained => AssessmentMode::Retained,
    };
    let assessed = with_assessment(repo, mode);
    let latest = latest_assessments(repo);
    let scorer = Scorer::new(&assessed, settings);
    let mut holders = Vec::new();
    for file in assessed
        .subjects
        .iter()
        .filter(|s| settings.is_public(&s.subject))
    {
        let s = &file.subject;
        let mut since: Option<Date> = None;
        let all = label.rules.iter().all(|rule| {
            let Some(score) = scorer.score(file, &rule.questionnaire, None) else {
                return false;
            };
            if !meets(rule, &score) {
                return false;
            }
            let external = latest
                .get(s.id.as_str())
                .filter(|_| mode != AssessmentMode::SelfAssessed)
                .filter(|f| {
                    f.assessment
                        .questionnaires
                        .contains_key(&rule.questionnaire)
                });
            let date = external.map_or(s.assessed_on, |f| f.assessment.assessed_on);
            since = since.max(Some(date));
            true
        });
        if let (true, Some(since)) = (all, since) {
            holders.push(LabelHolder {
                id: s.id.clone(),
                name: s.name.clone(),
                org: file.org.clone(),
                since,
            });
        }
    }
    holders.sort_by(|a, b| a.id.cmp(&b.id));
    LabelReport {
        id: label.id.clone(),
        title: label.title.clone(),
        description: label.description.clone(),
        assessment: mode.as_str(),
        holders,
    }
}

/// Whether one questionnaire's score meets the rule.
fn meets(rule: &LabelRule, score: &super::SubjectScore) -> bool {
    let verdict = match rule.verdict {
        None => true,
        Some(LabelVerdict::Conforme) => score.mandatory_met == Some(true),
        Some(LabelVerdict::NonConforme) => score.mandatory_met == Some(false),
    };
    let rate = match (&rule.axis, rule.min_rate) {
        (_, None) => true,
        (None, Some(min)) => score.rate * 100.0 >= min,
        (Some(axis), Some(min)) => score
            .axes
            .iter()
            .any(|a| &a.axis == axis && a.answered > 0 && a.rate * 100.0 >= min),
    };
    verdict && rate
}
