//! Organisation-level questionnaires (a region's information system as a whole, answered in
//! `organisation.yaml`): each organisation's scores and their national means.

use super::aggregate::{self, GroupBy};
use super::index::{Index, QIndex};
use super::perimeter;
use super::subject::SubjectScore;
use super::{Grouping, QuestionnaireAggregate, QuestionnaireInfo, Settings, SubjectProjection};
use crate::model::{Date, OrgKind, Organisation, Status};
use schemars::JsonSchema;
use serde::Serialize;

/// The scores of organisation-level questionnaires.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct OrganisationScores {
    /// Organisation-scope questionnaires in force, in path order.
    pub questionnaires: Vec<QuestionnaireInfo>,
    /// National means over the organisations counted, at the reference date then at each
    /// projection date.
    pub national: Vec<OrganisationSnapshot>,
    /// Every public organisation's own scores (those that answered an organisation-level
    /// questionnaire).
    pub organisations: Vec<OrganisationSheet>,
}

/// National means of organisation-level questionnaires at one date.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct OrganisationSnapshot {
    /// The date: the reference date for current levels, else the projection date.
    pub date: Date,
    /// Whether levels are projected from convergence plans.
    pub projected: bool,
    /// One entry per organisation-level questionnaire ("SI concernés" in `concerned / total`).
    pub questionnaires: Vec<QuestionnaireAggregate>,
    /// The same national means, then the means by region and by organisation, in
    /// [`ORGANISATION_GROUPINGS`] order, for the portal's pages; not exported (`scores.json`
    /// keeps its shape).
    #[serde(skip)]
    pub groupings: Vec<Grouping>,
}

/// The groupings of organisation-level questionnaires beside the national means.
pub const ORGANISATION_GROUPINGS: [GroupBy; 3] =
    [GroupBy::National, GroupBy::Region, GroupBy::Organisation];

/// One organisation's scores on organisation-level questionnaires.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct OrganisationSheet {
    /// Organisation identifier.
    pub org: String,
    /// Organisation name.
    pub name: String,
    /// Kind of organisation.
    pub kind: OrgKind,
    /// Region code, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Current scores, one per questionnaire answered with at least one level.
    pub current: Vec<SubjectScore>,
    /// Projected scores at each projection date.
    pub projections: Vec<SubjectProjection>,
}

/// Whether an organisation's own answers count: publishable, validated (or a draft when drafts
/// are included). An organisation without a status counts as a draft.
pub(super) fn is_public(settings: &Settings, o: &Organisation) -> bool {
    o.publishable
        && match o.status {
            Some(Status::Validated) => true,
            Some(Status::Draft) | None => settings.include_drafts,
        }
}

/// The questionnaires answered by organisations and their groups under `by` (national,
/// region or organisation), at the reference date or projected at `at`; `None` for another
/// grouping. What `convergence score` prints for an organisation-level questionnaire.
pub fn aggregate_organisations(
    repo: &crate::model::Repository,
    settings: &Settings,
    by: GroupBy,
    at: Option<Date>,
) -> Option<(Vec<QuestionnaireInfo>, Vec<super::GroupScore>)> {
    if !ORGANISATION_GROUPINGS.contains(&by) {
        return None;
    }
    let index = Index::new(repo, settings);
    let orgs: Vec<&Organisation> = repo
        .organisations
        .iter()
        .map(|o| &o.value)
        .filter(|o| is_public(settings, o))
        .collect();
    let qis = &index.org_questionnaires;
    let scored = perimeter::score_organisations(qis, &orgs, at);
    let groups = aggregate::group_organisations(&index, &scored, by);
    Some((qis.iter().map(QIndex::info).collect(), groups))
}

/// Scores every public organisation and the national means, now and at each projection date.
pub(super) fn compute(index: &Index, projection_dates: &[Date]) -> OrganisationScores {
    let qis = &index.org_questionnaires;
    let orgs: Vec<&Organisation> = index
        .repo
        .organisations
        .iter()
        .map(|o| &o.value)
        .filter(|o| is_public(&index.settings, o))
        .collect();
    let dates = std::iter::once(None).chain(projection_dates.iter().copied().map(Some));
    let national = dates
        .map(|at| {
            let scored = perimeter::score_organisations(qis, &orgs, at);
            let groupings: Vec<Grouping> = ORGANISATION_GROUPINGS
                .iter()
                .map(|&by| Grouping {
                    group_by: by,
                    groups: aggregate::group_organisations(index, &scored, by),
                })
                .collect();
            let national = groupings[0].groups.first();
            OrganisationSnapshot {
                date: at.unwrap_or(index.settings.reference_date),
                projected: at.is_some(),
                questionnaires: national
                    .map_or_else(|| aggregate::empty(qis), |g| g.questionnaires.clone()),
                groupings,
            }
        })
        .collect();
    let organisations = orgs
        .iter()
        .filter(|o| qis.iter().any(|qi| o.questionnaires.contains_key(&qi.q.id)))
        .map(|o| OrganisationSheet {
            org: o.id.clone(),
            name: o.name.clone(),
            kind: o.kind,
            region: o.region.clone(),
            current: perimeter::score_all(qis, &o.questionnaires, false, None),
            projections: projection_dates
                .iter()
                .map(|&d| SubjectProjection {
                    date: d,
                    scores: perimeter::score_all(qis, &o.questionnaires, false, Some(d)),
                })
                .collect(),
        })
        .collect();
    OrganisationScores {
        questionnaires: qis.iter().map(QIndex::info).collect(),
        national,
        organisations,
    }
}

/// Every public organisation's current scores and the national means, without projections:
/// what a comparison of two states of the repository needs, without the rest of [`Scores`].
///
/// [`Scores`]: super::Scores
pub fn current_organisations(
    repo: &crate::model::Repository,
    settings: &Settings,
) -> OrganisationScores {
    compute(&Index::new(repo, settings), &[])
}
