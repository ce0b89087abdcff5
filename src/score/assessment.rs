//! Which levels count: the subjects' own (self-assessment), those recorded by external
//! assessors, or the external ones where they exist and the subject's own elsewhere; and the
//! gaps between a subject's own levels and its assessor's, criterion by criterion.

use super::index::{Index, QIndex};
use super::subject::score_response;
use super::{QuestionnaireInfo, Settings, SubjectScore};
use crate::model::{AssessmentFile, Date, LevelValue, Repository, Response};
use serde::Serialize;
use std::collections::BTreeMap;

/// The levels scores are computed on.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    strum::Display,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[strum(serialize_all = "kebab-case")]
pub enum AssessmentMode {
    /// The subjects' own answers (what the portal publishes).
    #[default]
    #[strum(serialize = "self")]
    SelfAssessed,
    /// Only the levels of external assessments: a questionnaire no assessor assessed for a
    /// subject does not count for it.
    External,
    /// The external levels of a questionnaire where an assessor assessed it, else the subject's own.
    Retained,
}

impl AssessmentMode {
    /// The identifier used on the command line.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// The latest external assessment of each subject (by date, then path), by subject id.
pub fn latest_assessments(repo: &Repository) -> BTreeMap<&str, &AssessmentFile> {
    let mut out: BTreeMap<&str, &AssessmentFile> = BTreeMap::new();
    for f in &repo.assessments {
        let key = f.assessment.subject.as_str();
        let newer = out.get(key).is_none_or(|g| {
            (f.assessment.assessed_on, &f.path) > (g.assessment.assessed_on, &g.path)
        });
        if newer {
            out.insert(key, f);
        }
    }
    out
}

/// The repository whose subjects carry the levels of `mode` (a copy, unless `mode` is
/// self-assessment).
pub fn with_assessment(
    repo: &Repository,
    mode: AssessmentMode,
) -> std::borrow::Cow<'_, Repository> {
    if mode == AssessmentMode::SelfAssessed {
        return std::borrow::Cow::Borrowed(repo);
    }
    let latest = latest_assessments(repo);
    let mut out = repo.clone();
    for sf in &mut out.subjects {
        let external = latest.get(sf.subject.id.as_str());
        let subject = std::sync::Arc::make_mut(&mut sf.subject);
        let own = std::mem::take(&mut subject.questionnaires);
        subject.questionnaires = match (mode, external) {
            (_, Some(f)) => {
                let mut qs = if mode == AssessmentMode::Retained {
                    own
                } else {
                    BTreeMap::new()
                };
                qs.extend(f.assessment.questionnaires.clone());
                qs
            }
            (AssessmentMode::Retained, None) => own,
            _ => BTreeMap::new(),
        };
    }
    std::borrow::Cow::Owned(out)
}

/// A subject's self-assessed and externally assessed levels side by side, from its latest
/// external assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssessmentGaps {
    /// The subject assessed.
    pub subject: String,
    /// The assessor organisation.
    pub assessor: String,
    /// The assessment file.
    pub path: String,
    /// Date of the assessment.
    pub assessed_on: Date,
    /// One entry per questionnaire assessed, in id order.
    pub questionnaires: Vec<QuestionnaireGaps>,
}

/// The gaps on one questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionnaireGaps {
    /// The questionnaire (its version in force).
    pub questionnaire: QuestionnaireInfo,
    /// The subject's own result, if it answered.
    pub own: Option<SubjectScore>,
    /// The assessor's result.
    pub external: Option<SubjectScore>,
    /// Every criterion answered by either side, in questionnaire order.
    pub criteria: Vec<CriterionGap>,
    /// Criteria with a level on both sides.
    pub compared: usize,
    /// Of those, criteria the assessor put higher.
    pub higher: usize,
    /// Of those, criteria the assessor put lower.
    pub lower: usize,
}

/// One criterion's levels on both sides.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionGap {
    /// Criterion id (in the version in force).
    pub criterion: String,
    /// Title.
    pub title: String,
    /// The subject's level.
    pub own: Option<LevelValue>,
    /// The assessor's level.
    pub external: Option<LevelValue>,
    /// External level minus own level, when both are levels.
    pub gap: Option<i16>,
}

/// The levels of `r`, keyed by criterion id in force.
fn levels<'a>(qi: &QIndex<'a>, r: Option<&Response>) -> BTreeMap<&'a str, LevelValue> {
    r.into_iter()
        .flat_map(|r| {
            r.answers
                .iter()
                .filter_map(|(k, a)| Some((qi.criterion(k, &r.version)?.c.id.as_str(), a.level)))
        })
        .collect()
}

/// The gaps of one questionnaire between a subject's response and an assessor's.
fn questionnaire_gaps(
    qi: &QIndex,
    own: Option<&Response>,
    external: &Response,
) -> QuestionnaireGaps {
    let mine = levels(qi, own);
    let theirs = levels(qi, Some(external));
    let criteria: Vec<CriterionGap> =
        qi.q.criteria()
            .filter_map(|(_, c)| {
                let (o, e) = (mine.get(c.id.as_str()), theirs.get(c.id.as_str()));
                if o.is_none() && e.is_none() {
                    return None;
                }
                let gap = match (o.and_then(|l| l.value()), e.and_then(|l| l.value())) {
                    (Some(o), Some(e)) => Some(i16::from(e) - i16::from(o)),
                    _ => None,
                };
                Some(CriterionGap {
                    criterion: c.id.clone(),
                    title: c.title.clone(),
                    own: o.copied(),
                    external: e.copied(),
                    gap,
                })
            })
            .collect();
    let gaps = || criteria.iter().filter_map(|c| c.gap);
    QuestionnaireGaps {
        questionnaire: qi.info(),
        own: own.and_then(|r| score_response(qi, false, r, None)),
        external: score_response(qi, false, external, None),
        compared: gaps().count(),
        higher: gaps().filter(|&g| g > 0).count(),
        lower: gaps().filter(|&g| g < 0).count(),
        criteria,
    }
}

/// For every subject with an external assessment, its levels beside its latest assessment's
/// (questionnaires in force only), in subject id order.
pub fn assessment_gaps(repo: &Repository, settings: &Settings) -> Vec<AssessmentGaps> {
    let index = Index::new(repo, settings);
    let subjects = repo.subjects_by_id();
    latest_assessments(repo)
        .into_iter()
        .filter_map(|(id, f)| {
            let s = subjects.get(id)?;
            let questionnaires = f
                .assessment
                .questionnaires
                .iter()
                .filter_map(|(qid, r)| {
                    let qi = index.questionnaire(qid)?;
                    Some(questionnaire_gaps(qi, s.subject.questionnaires.get(qid), r))
                })
                .collect();
            Some(AssessmentGaps {
                subject: id.to_string(),
                assessor: f.org.clone(),
                path: f.path.clone(),
                assessed_on: f.assessment.assessed_on,
                questionnaires,
            })
        })
        .collect()
}
