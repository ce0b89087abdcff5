//! The shape of `scores.json`: the maturity figures of [`Scores`], and apart from them the
//! reports of conformity questionnaires (requirement and graded scales).
//!
//! A conformity questionnaire is left out of every maturity list (questionnaires, aggregates by
//! group, trajectory, distributions of levels, national means of organisations): its aggregates
//! are bound to the perimeter, which products and establishments are not in, so they would read
//! "0 / 0", and a share met is no maturity rate. Its figures are in `conformity`: holders with
//! their share met and verdict or score and grade, the share meeting each requirement, grade
//! distributions. Sheets keep each respondent's own entry, which is its own result.

use crate::model::Repository;
use crate::score::{
    self, ConformityReport, OrganisationScores, OrganisationSnapshot, QuestionnaireAggregate,
    QuestionnaireDistribution, QuestionnaireInfo, Scores, Settings, Snapshot, SubjectSheet,
    TrajectoryPoint,
};
use schemars::JsonSchema;
use serde::Serialize;

/// Everything `scores.json` holds.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "Scores")]
pub struct ScoresFile<'a> {
    /// The settings the scores were computed with (perimeter, drafts, reference date).
    pub settings: &'a Settings,
    /// Service-scope maturity questionnaires in force, in path order.
    pub questionnaires: Vec<&'a QuestionnaireInfo>,
    /// Current aggregates at the reference date, then projections at each projection date;
    /// maturity questionnaires only.
    pub snapshots: Vec<Snapshot>,
    /// Every public subject's own scores, conformity questionnaires included (share met and
    /// verdict, or score / 100 and grade).
    pub subjects: &'a [SubjectSheet],
    /// National projections per quarter; maturity questionnaires only.
    pub trajectory: Vec<TrajectoryPoint>,
    /// Distribution of levels per criterion of the maturity questionnaires.
    pub distributions: Vec<&'a QuestionnaireDistribution>,
    /// Organisation-level questionnaires: the maturity ones in the national means, every one
    /// in the organisations' own scores.
    pub organisations: OrganisationScores,
    /// One report per conformity questionnaire in force (services first, then organisations).
    pub conformity: Vec<ConformityReport>,
}

impl<'a> ScoresFile<'a> {
    /// The file for `scores`, with the conformity reports of `repo` under the same settings.
    pub fn new(repo: &Repository, scores: &'a Scores) -> ScoresFile<'a> {
        let maturity = |q: &QuestionnaireAggregate| !conformity_id(scores, &q.questionnaire);
        let keep = |qs: &[QuestionnaireAggregate]| -> Vec<QuestionnaireAggregate> {
            qs.iter().filter(|q| maturity(q)).cloned().collect()
        };
        let orgs = &scores.organisations;
        ScoresFile {
            settings: &scores.settings,
            questionnaires: maturity_infos(&scores.questionnaires),
            snapshots: scores
                .snapshots
                .iter()
                .map(|s| {
                    let mut s = s.clone();
                    for g in s.groupings.iter_mut().flat_map(|g| &mut g.groups) {
                        g.questionnaires.retain(maturity);
                    }
                    s
                })
                .collect(),
            subjects: &scores.subjects,
            trajectory: scores
                .trajectory
                .iter()
                .map(|t| TrajectoryPoint {
                    questionnaires: keep(&t.questionnaires),
                    ..t.clone()
                })
                .collect(),
            distributions: scores
                .distributions
                .iter()
                .filter(|d| !conformity_id(scores, &d.questionnaire))
                .collect(),
            organisations: OrganisationScores {
                questionnaires: maturity_infos(&orgs.questionnaires)
                    .into_iter()
                    .cloned()
                    .collect(),
                national: orgs
                    .national
                    .iter()
                    .map(|n| OrganisationSnapshot {
                        date: n.date,
                        projected: n.projected,
                        questionnaires: keep(&n.questionnaires),
                        // Not exported.
                        groupings: Vec::new(),
                    })
                    .collect(),
                organisations: orgs.organisations.clone(),
            },
            conformity: score::conformity_reports(repo, &scores.settings),
        }
    }
}

fn maturity_infos(infos: &[QuestionnaireInfo]) -> Vec<&QuestionnaireInfo> {
    infos.iter().filter(|i| !i.kind.is_conformity()).collect()
}

/// Whether `id` is a conformity questionnaire of `scores` (service or organisation scope).
fn conformity_id(scores: &Scores, id: &str) -> bool {
    scores
        .questionnaires
        .iter()
        .chain(&scores.organisations.questionnaires)
        .any(|i| i.id == id && i.kind.is_conformity())
}
