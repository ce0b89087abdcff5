//! Organisation-level questionnaires (a region's information system as a whole, answered in
//! `organisation.yaml`): each organisation's scores and their national means.

use super::aggregate::QSum;
use super::index::{Index, QIndex};
use super::subject::{self, SubjectScore};
use super::{QuestionnaireAggregate, QuestionnaireInfo, Settings, SubjectProjection};
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
}

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

fn score_all(qis: &[QIndex], o: &Organisation, at: Option<Date>) -> Vec<SubjectScore> {
    qis.iter()
        .filter_map(|qi| {
            let r = o.questionnaires.get(qi.q.id.as_str())?;
            subject::score_response(qi, false, r, at)
        })
        .collect()
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
            let mut sums = QSum::empty(qis);
            for o in &orgs {
                for (qs, qi) in sums.iter_mut().zip(qis) {
                    let r = o.questionnaires.get(qi.q.id.as_str());
                    let raw = r.and_then(|r| subject::score_raw(qi, false, r, at));
                    qs.add(r.is_some(), raw.as_ref());
                }
            }
            OrganisationSnapshot {
                date: at.unwrap_or(index.settings.reference_date),
                projected: at.is_some(),
                questionnaires: sums.iter().zip(qis).map(|(s, qi)| s.finish(qi)).collect(),
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
            current: score_all(qis, o, None),
            projections: projection_dates
                .iter()
                .map(|&d| SubjectProjection {
                    date: d,
                    scores: score_all(qis, o, Some(d)),
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
