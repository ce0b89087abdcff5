//! Conformity reports of `requirement` and `graded` questionnaires: who answered, their share
//! of requirements met (overall and per section) or their score and grade, the verdict
//! "conforme" / "non conforme" from mandatory requirements, the share of respondents meeting
//! each requirement, and grade distributions by region and by establishment type.
//!
//! Unlike maturity aggregates, the perimeter does not apply: every public respondent counts
//! (products are not attached to the common core, and a conformity list names every holder).

use super::index::{Index, QIndex};
use super::organisation::is_public;
use super::subject::{self, resolve};
use super::{QuestionnaireInfo, Settings};
use crate::model::{Date, LevelValue, PrelimValue, Repository, Response, ScaleKind, Scope};
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// The verdict of a requirement questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Every applicable mandatory requirement is met.
    Conforme,
    /// At least one applicable mandatory requirement is not met, whatever the share.
    NonConforme,
}

impl Verdict {
    /// From whether every applicable mandatory requirement is met.
    pub fn of(mandatory_met: bool) -> Verdict {
        if mandatory_met {
            Verdict::Conforme
        } else {
            Verdict::NonConforme
        }
    }

    /// The French label.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Conforme => "conforme",
            Verdict::NonConforme => "non conforme",
        }
    }
}

/// Everything published about one conformity questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct ConformityReport {
    /// The questionnaire.
    pub questionnaire: QuestionnaireInfo,
    /// Who answers it: services and products, or organisations.
    pub scope: Scope,
    /// Whether its criteria are our transcription of the sources' scope.
    pub illustrative: bool,
    /// Every public respondent scored on it, by id.
    pub holders: Vec<Holder>,
    /// Per criterion, in questionnaire order: respondents it applies to and those meeting it.
    pub requirements: Vec<RequirementShare>,
    /// Graded scales: respondents per grade, in the scale's order (highest first).
    pub grades: Vec<GradeCount>,
    /// Graded scales: respondents per grade in each region (INSEE code order).
    pub grades_by_region: Vec<GradeRow>,
    /// Graded scales: respondents per grade for each answer to the questionnaire's first
    /// preliminary question with choices (the establishment type for MaturiN-H).
    pub grades_by_type: Vec<GradeRow>,
}

/// One respondent's result.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Holder {
    /// Subject or organisation id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Organisation folder.
    pub org: String,
    /// Region code of the organisation, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Answer to the grouping preliminary question (the establishment type), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Date of the assessment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assessed_on: Option<Date>,
    /// Share of applicable requirements met (requirement), or score / 100 (graded).
    pub share: f64,
    /// Requirement scales: the verdict.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    /// Requirement scales: applicable mandatory requirements not met (unanswered included).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mandatory_unmet: Vec<String>,
    /// Graded scales: the grade.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
    /// Per section (axis) answered, in questionnaire order.
    pub sections: Vec<SectionShare>,
}

/// A respondent's share on one section.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct SectionShare {
    /// Axis id.
    pub axis: String,
    /// Share met (weighted), in [0, 1].
    pub share: f64,
    /// Criteria answered with a level.
    pub answered: usize,
}

/// How many respondents meet one requirement.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct RequirementShare {
    /// Criterion id.
    pub criterion: String,
    /// Title.
    pub title: String,
    /// Whether it is mandatory.
    pub mandatory: bool,
    /// Respondents it applies to that answered it with a level.
    pub answered: usize,
    /// Of those, respondents meeting it (level 1 or more).
    pub met: usize,
}

/// Respondents with one grade.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct GradeCount {
    /// The grade.
    pub grade: String,
    /// Respondents.
    pub count: usize,
}

/// A grade distribution for one group.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct GradeRow {
    /// Group key (region code, establishment type).
    pub key: String,
    /// Label for people.
    pub label: String,
    /// Respondents per grade, in the scale's order.
    pub grades: Vec<GradeCount>,
}

/// The reports of every conformity questionnaire in force, in path order (services first,
/// then organisations).
pub fn conformity_reports(repo: &Repository, settings: &Settings) -> Vec<ConformityReport> {
    let index = Index::new(repo, settings);
    index
        .questionnaires
        .iter()
        .chain(&index.org_questionnaires)
        .filter(|qi| qi.kind.is_conformity())
        .map(|qi| report(&index, qi))
        .collect()
}

/// The report of one conformity questionnaire, `None` when it is unknown or a maturity one.
pub fn conformity_report(
    repo: &Repository,
    settings: &Settings,
    questionnaire: &str,
) -> Option<ConformityReport> {
    let index = Index::new(repo, settings);
    let qi = index
        .questionnaires
        .iter()
        .chain(&index.org_questionnaires)
        .find(|qi| qi.q.id == questionnaire && qi.kind.is_conformity())?;
    Some(report(&index, qi))
}

/// A respondent before scoring.
struct Respondent<'a> {
    id: &'a str,
    name: &'a str,
    org: &'a str,
    assessed_on: Option<Date>,
    response: &'a Response,
}

fn respondents<'a>(index: &Index<'a>, qi: &QIndex) -> Vec<Respondent<'a>> {
    let repo = index.repo;
    let id = qi.q.id.as_str();
    let mut out: Vec<Respondent> = match qi.q.scope {
        Scope::Service => repo
            .subjects
            .iter()
            .filter(|s| index.settings.is_public(&s.subject))
            .filter_map(|s| {
                Some(Respondent {
                    id: &s.subject.id,
                    name: &s.subject.name,
                    org: &s.org,
                    assessed_on: Some(s.subject.assessed_on),
                    response: s.subject.questionnaires.get(id)?,
                })
            })
            .collect(),
        Scope::Organisation => repo
            .organisations
            .iter()
            .map(|o| &o.value)
            .filter(|o| is_public(&index.settings, o))
            .filter_map(|o| {
                Some(Respondent {
                    id: &o.id,
                    name: &o.name,
                    org: &o.id,
                    assessed_on: o.assessed_on,
                    response: o.questionnaires.get(id)?,
                })
            })
            .collect(),
    };
    out.sort_by(|a, b| a.id.cmp(b.id));
    out
}

fn report(index: &Index, qi: &QIndex) -> ConformityReport {
    let requirement = qi.kind == ScaleKind::Requirement;
    let group_question = qi.q.preliminary.iter().find(|p| !p.choices.is_empty());
    let mut shares: Vec<RequirementShare> =
        qi.q.criteria()
            .map(|(_, c)| RequirementShare {
                criterion: c.id.clone(),
                title: c.title.clone(),
                mandatory: c.mandatory,
                answered: 0,
                met: 0,
            })
            .collect();
    let position: BTreeMap<&str, usize> =
        qi.q.criteria()
            .enumerate()
            .map(|(i, (_, c))| (c.id.as_str(), i))
            .collect();
    let mut holders = Vec::new();
    for r in respondents(index, qi) {
        let Some(score) = subject::score_response(qi, false, r.response, None) else {
            continue;
        };
        for (crit, answer) in resolve(qi, r.response) {
            if let (LevelValue::Level(l), Some(&i)) =
                (answer.level, position.get(crit.c.id.as_str()))
            {
                shares[i].answered += 1;
                shares[i].met += usize::from(l >= 1);
            }
        }
        let mandatory_unmet = if requirement {
            qi.mandatory
                .iter()
                .filter(|c| c.applies(&r.response.preliminary))
                .filter(|c| {
                    r.response
                        .answers
                        .get(c.id.as_str())
                        .is_none_or(|a| a.level == LevelValue::Level(0))
                })
                .map(|c| c.id.clone())
                .collect()
        } else {
            Vec::new()
        };
        let region = index.orgs.get(r.org).and_then(|o| o.region.clone());
        let group = group_question.and_then(|q| match r.response.preliminary.get(&q.id) {
            Some(PrelimValue::Choice(c)) => Some(c.clone()),
            _ => None,
        });
        holders.push(Holder {
            id: r.id.to_string(),
            name: r.name.to_string(),
            org: r.org.to_string(),
            region,
            group,
            assessed_on: r.assessed_on,
            share: score.rate,
            verdict: score.mandatory_met.map(Verdict::of),
            mandatory_unmet,
            grade: score.grade.clone(),
            sections: score
                .axes
                .iter()
                .map(|a| SectionShare {
                    axis: a.axis.clone(),
                    share: a.rate,
                    answered: a.answered,
                })
                .collect(),
        });
    }
    let graded = qi.kind == ScaleKind::Graded;
    let letters: Vec<&str> = qi.scale.grades.iter().map(|g| g.grade.as_str()).collect();
    let count = |hs: &[&Holder]| -> Vec<GradeCount> {
        letters
            .iter()
            .map(|l| GradeCount {
                grade: l.to_string(),
                count: hs.iter().filter(|h| h.grade.as_deref() == Some(l)).count(),
            })
            .collect()
    };
    let rows = |key: &dyn Fn(&Holder) -> Option<String>, label: &dyn Fn(&str) -> String| {
        let mut groups: BTreeMap<String, Vec<&Holder>> = BTreeMap::new();
        for h in &holders {
            if let Some(k) = key(h) {
                groups.entry(k).or_default().push(h);
            }
        }
        groups
            .into_iter()
            .map(|(k, hs)| GradeRow {
                label: label(&k),
                grades: count(&hs),
                key: k,
            })
            .collect::<Vec<_>>()
    };
    let repo = index.repo;
    let (grades, grades_by_region, grades_by_type) = if graded {
        (
            count(&holders.iter().collect::<Vec<_>>()),
            rows(&|h| h.region.clone(), &|k| {
                repo.region(k)
                    .map_or_else(|| k.to_string(), |r| r.name.clone())
            }),
            rows(&|h| h.group.clone(), &|k| k.to_string()),
        )
    } else {
        (Vec::new(), Vec::new(), Vec::new())
    };
    ConformityReport {
        questionnaire: qi.info(),
        scope: qi.q.scope,
        illustrative: qi.q.illustrative,
        holders,
        requirements: shares,
        grades,
        grades_by_region,
        grades_by_type,
    }
}
