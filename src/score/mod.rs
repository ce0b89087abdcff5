//! Scores: rates, levels, aggregates, projections and distributions, as pure functions of the
//! [`Repository`].
//!
//! Nothing here reads files or prints; every result is plain serialisable data built only from
//! `Vec` and ordered types, so its JSON form is byte-stable. The method is described in French in
//! `docs/method.md`; in short, for a subject and an axis:
//!
//! ```text
//! taux(axe)   = Σ w_i × min(niveau_i / attendu_i, 1) / Σ w_i   (attendu 0 ou niveau ≥ attendu → 1)
//! niveau(axe) = Σ w_i × niveau_i / Σ w_i
//! ```
//!
//! over the applicable criteria of the axis answered with a level (not `na`); an axis without such
//! a criterion is dropped. The subject's questionnaire value is the mean of its axes. A group's
//! value is the mean of its subjects' values over the subjects concerned.
//!
//! The public API:
//!
//! - [`Settings`]: perimeter, drafts, reference date for expected levels;
//! - [`score_subject`]: one subject, one questionnaire, now or projected at a date;
//! - [`Scorer`]: the same for many subjects, with the lookup maps built once;
//! - [`aggregate`]: every group of a [`GroupBy`], now or projected;
//! - [`distributions`]: how many subjects sit at each level of each criterion;
//! - [`Scores::compute`]: everything the portal shows, computed once;
//! - [`conformity_reports`]: holders, verdicts and grades of requirement and graded questionnaires.
//!
//! Every function is linear in the number of answers: lookup maps are built once per call.

mod aggregate;
mod assessment;
mod conformity;
mod distribution;
mod index;
mod label;
mod organisation;
mod perimeter;
#[cfg(test)]
mod proptests;
mod subject;
#[cfg(test)]
mod tests;

pub use aggregate::{
    AxisAggregate, GroupBy, GroupScore, NATIONAL, QuestionnaireAggregate, aggregate, domain_of,
    solution_key,
};
pub use assessment::{
    AssessmentGaps, AssessmentMode, CriterionGap, QuestionnaireGaps, assessment_gaps,
    latest_assessments, with_assessment,
};
pub use conformity::{
    ConformityReport, GradeCount, GradeRow, Holder, RequirementShare, SectionShare, Verdict,
    conformity_report, conformity_reports,
};
pub use distribution::{CriterionDistribution, QuestionnaireDistribution, distributions};
pub use label::{LabelHolder, LabelReport, label_report, label_reports};
pub use organisation::{
    ORGANISATION_GROUPINGS, OrganisationScores, OrganisationSheet, OrganisationSnapshot,
    aggregate_organisations, current_organisations,
};
pub use subject::{AxisScore, Scorer, SubjectScore, projected_level, score_subject};
pub mod delta;
pub mod doctrine;
pub mod plans;
pub mod trend;

use crate::model::{Date, Quarter, Repository, ScaleKind, Status, Subject};
use index::Index;
use rayon::prelude::*;
use schemars::JsonSchema;
use serde::Serialize;

/// Which subjects count in aggregates.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    JsonSchema,
    strum::Display,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Perimeter {
    /// Subjects attached to a common-core service type (the publication's perimeter).
    CommonCore,
    /// Every subject.
    All,
}

impl Perimeter {
    /// The identifier used on the command line and in outputs.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// A French description for people.
    pub fn describe(self) -> &'static str {
        match self {
            Perimeter::CommonCore => "services rattachés au tronc commun",
            Perimeter::All => "tous les services et produits",
        }
    }
}

/// What to score: the perimeter, whether drafts count, and the date of expected levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Settings {
    /// Which subjects count in aggregates.
    pub perimeter: Perimeter,
    /// Whether draft answers count (validated ones only by default).
    pub include_drafts: bool,
    /// Expected levels are read at this date, for current scores and projections alike.
    pub reference_date: Date,
}

impl Settings {
    /// The defaults for a repository: common-core perimeter, validated only, its reference date.
    pub fn for_repo(repo: &Repository) -> Settings {
        Settings {
            perimeter: Perimeter::CommonCore,
            include_drafts: false,
            reference_date: repo.reference_date(),
        }
    }

    /// Whether a subject may appear in anything public: publishable, not archived, validated
    /// (or a draft when drafts are included). The perimeter is not considered.
    pub fn is_public(&self, s: &Subject) -> bool {
        s.publishable && !s.archived && (s.status == Status::Validated || self.include_drafts)
    }

    /// Whether a subject counts in aggregates: public and inside the perimeter.
    pub fn in_perimeter(&self, s: &Subject) -> bool {
        self.is_public(s)
            && match self.perimeter {
                Perimeter::CommonCore => s.common_core.is_some(),
                Perimeter::All => true,
            }
    }
}

/// The groupings of each snapshot: every [`GroupBy`] but `Subject`, whose figures are in the
/// subject sheets ([`Scores::subjects`]) for every public subject.
pub const SNAPSHOT_GROUPINGS: [GroupBy; 9] = [
    GroupBy::National,
    GroupBy::Region,
    GroupBy::Organisation,
    GroupBy::Domain,
    GroupBy::Zone,
    GroupBy::Type,
    GroupBy::Editor,
    GroupBy::Solution,
    GroupBy::OrgKind,
];

/// The last quarter of the quarterly national trajectory.
pub const TRAJECTORY_END: Quarter = Quarter { year: 2025, q: 4 };

/// A questionnaire as the scores describe it: enough to label and scale the figures.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct QuestionnaireInfo {
    /// Identifier.
    pub id: String,
    /// Title.
    pub title: String,
    /// Version in force.
    pub version: String,
    /// How its scale is scored.
    pub kind: ScaleKind,
    /// Highest level of its scale (levels are shown as `1.69 / 3`).
    pub max_level: u8,
    /// Its axes, in file order.
    pub axes: Vec<AxisInfo>,
}

/// An axis of a questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct AxisInfo {
    /// Identifier, e.g. `A04.1`.
    pub id: String,
    /// Title.
    pub title: String,
}

/// The aggregates of every grouping at one date.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Snapshot {
    /// The date: the reference date for current levels, else the projection date.
    pub date: Date,
    /// Whether levels are projected from convergence plans (decommissioned subjects excluded).
    pub projected: bool,
    /// One entry per grouping, in [`SNAPSHOT_GROUPINGS`] order.
    pub groupings: Vec<Grouping>,
}

/// The groups of one grouping.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Grouping {
    /// How subjects are grouped.
    pub group_by: GroupBy,
    /// The groups, in display order.
    pub groups: Vec<GroupScore>,
}

/// The scores of one public subject, whatever the perimeter: for its sheet.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct SubjectSheet {
    /// Subject identifier.
    pub subject: String,
    /// Subject name.
    pub name: String,
    /// Organisation identifier.
    pub org: String,
    /// Whether the subject is inside the perimeter (and so counts in aggregates).
    pub in_perimeter: bool,
    /// Current scores, one per questionnaire answered with at least one level.
    pub current: Vec<SubjectScore>,
    /// Projected scores at each projection date (empty for a decommissioned subject).
    pub projections: Vec<SubjectProjection>,
}

/// A subject's projected scores at one date.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct SubjectProjection {
    /// Projection date.
    pub date: Date,
    /// Projected scores, one per questionnaire.
    pub scores: Vec<SubjectScore>,
}

/// National projected aggregates at the end of one quarter.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct TrajectoryPoint {
    /// The quarter.
    pub quarter: Quarter,
    /// Its last day, the projection date.
    pub date: Date,
    /// National aggregates per questionnaire, with their axes.
    pub questionnaires: Vec<QuestionnaireAggregate>,
}

/// Everything the portal shows, computed once.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Scores {
    /// The settings the scores were computed with (perimeter, drafts, reference date).
    pub settings: Settings,
    /// Service-scope questionnaires in force that subjects answer, in path order.
    pub questionnaires: Vec<QuestionnaireInfo>,
    /// Current aggregates at the reference date, then projections at each projection date.
    pub snapshots: Vec<Snapshot>,
    /// Every public subject's own scores.
    pub subjects: Vec<SubjectSheet>,
    /// National projections per quarter, from the reference date's quarter to 2025-T4.
    pub trajectory: Vec<TrajectoryPoint>,
    /// Distribution of levels per criterion, current levels, inside the perimeter.
    pub distributions: Vec<QuestionnaireDistribution>,
    /// Organisation-level questionnaires: each public organisation and the national means.
    pub organisations: OrganisationScores,
}

impl Scores {
    /// Computes every figure of the portal for `repo` with `settings`.
    pub fn compute(repo: &Repository, settings: &Settings) -> Scores {
        let index = Index::new(repo, settings);
        let members = perimeter::members(&index);
        let projection_dates: Vec<Date> = repo
            .config
            .as_ref()
            .map(|c| c.value.projection_dates.clone())
            .unwrap_or_default();

        let dates: Vec<Option<Date>> = std::iter::once(None)
            .chain(projection_dates.iter().copied().map(Some))
            .collect();
        let snapshots = dates
            .par_iter()
            .map(|&at| {
                let scored = perimeter::score_members(&index, &members, at);
                Snapshot {
                    date: at.unwrap_or(settings.reference_date),
                    projected: at.is_some(),
                    groupings: SNAPSHOT_GROUPINGS
                        .iter()
                        .map(|&by| Grouping {
                            group_by: by,
                            groups: aggregate::group(&index, &scored, by),
                        })
                        .collect(),
                }
            })
            .collect();

        let subjects = repo
            .subjects
            .par_iter()
            .filter(|sf| settings.is_public(&sf.subject))
            .map(|sf| SubjectSheet {
                subject: sf.subject.id.clone(),
                name: sf.subject.name.clone(),
                org: sf.org.clone(),
                in_perimeter: settings.in_perimeter(&sf.subject),
                current: perimeter::score_subject(&index, &sf.subject, None),
                projections: if sf.subject.decommissioning {
                    Vec::new()
                } else {
                    projection_dates
                        .iter()
                        .map(|&d| SubjectProjection {
                            date: d,
                            scores: perimeter::score_subject(&index, &sf.subject, Some(d)),
                        })
                        .collect()
                },
            })
            .collect();

        let mut quarters = Vec::new();
        let mut q = settings.reference_date.quarter();
        while q <= TRAJECTORY_END {
            quarters.push(q);
            q = q.next();
        }
        let trajectory = quarters
            .par_iter()
            .map(|&q| {
                let scored = perimeter::score_members(&index, &members, Some(q.end()));
                let national = aggregate::group(&index, &scored, GroupBy::National);
                TrajectoryPoint {
                    quarter: q,
                    date: q.end(),
                    questionnaires: national
                        .into_iter()
                        .next()
                        .map(|g| g.questionnaires)
                        .unwrap_or_default(),
                }
            })
            .collect();

        Scores {
            settings: *settings,
            questionnaires: index.infos(),
            snapshots,
            subjects,
            trajectory,
            distributions: distribution::compute(&index),
            organisations: organisation::compute(&index, &projection_dates),
        }
    }

    /// The snapshot at `date`, if computed.
    pub fn snapshot(&self, date: Date) -> Option<&Snapshot> {
        self.snapshots.iter().find(|s| s.date == date)
    }
}

impl Snapshot {
    /// The groups of one grouping.
    pub fn groups(&self, by: GroupBy) -> &[GroupScore] {
        self.groupings
            .iter()
            .find(|g| g.group_by == by)
            .map_or(&[], |g| g.groups.as_slice())
    }
}

/// The questionnaires scored for `repo`, as described in outputs.
pub fn questionnaires(repo: &Repository, settings: &Settings) -> Vec<QuestionnaireInfo> {
    Index::new(repo, settings).infos()
}
