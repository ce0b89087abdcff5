//! Status against the doctrine's expected levels, per criterion and sheet, at the reference
//! date: "à jour" (the level reaches the expected level), "planifié" (below, and the plan
//! reaches it), "en retard" (below, and no plan reaches it). Counts per region and axis over
//! the subjects of the perimeter; each public subject's statuses for its sheet.

use super::Settings;
use crate::model::{Answer, Date, LevelValue, Repository};
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// Where a criterion stands against its expected level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    /// The level reaches the expected level ("à jour").
    UpToDate,
    /// Below, and the convergence plan reaches it ("planifié").
    Planned,
    /// Below, and no plan reaches it ("en retard").
    Late,
}

impl Standing {
    /// The French label shown on the portal.
    pub fn label(self) -> &'static str {
        match self {
            Standing::UpToDate => "à jour",
            Standing::Planned => "planifié",
            Standing::Late => "en retard",
        }
    }
}

/// How many criteria stand where.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct StandingCounts {
    /// Up to date.
    pub up_to_date: usize,
    /// Below, planned.
    pub planned: usize,
    /// Below, not planned.
    pub late: usize,
}

impl StandingCounts {
    fn add(&mut self, s: Standing) {
        match s {
            Standing::UpToDate => self.up_to_date += 1,
            Standing::Planned => self.planned += 1,
            Standing::Late => self.late += 1,
        }
    }
}

/// One criterion of one sheet.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct CriterionStanding {
    /// Questionnaire identifier.
    pub questionnaire: String,
    /// Axis identifier.
    pub axis: String,
    /// Criterion identifier.
    pub criterion: String,
    /// Level declared.
    pub level: u8,
    /// Expected level at the reference date.
    pub expected: u8,
    /// Where it stands.
    pub standing: Standing,
}

/// The doctrine status of the repository at one date.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct DoctrineStatus {
    /// The date of the expected levels.
    pub date: Date,
    /// Every criterion of the perimeter's subjects.
    pub national: StandingCounts,
    /// By region code of the subject's organisation.
    pub regions: BTreeMap<String, StandingCounts>,
    /// By questionnaire, then axis.
    pub axes: BTreeMap<String, BTreeMap<String, StandingCounts>>,
    /// Each public subject's criteria, in questionnaire order (its sheet).
    pub subjects: BTreeMap<String, Vec<CriterionStanding>>,
}

/// Where an answer at `level` stands against the `expected` level: reached, planned (a
/// milestone of its plan reaches it, and the target is plannable), or late.
pub fn standing(level: u8, expected: u8, answer: &Answer) -> Standing {
    if level >= expected {
        Standing::UpToDate
    } else if answer.not_plannable.is_none() && answer.plan.values().any(|&l| l >= expected) {
        Standing::Planned
    } else {
        Standing::Late
    }
}

/// The status of every applicable criterion answered with a level, expected levels read at
/// `settings.reference_date`, on the questionnaire version each response answers.
pub fn status(repo: &Repository, settings: &Settings) -> DoctrineStatus {
    let date = settings.reference_date;
    let mut out = DoctrineStatus {
        date,
        national: StandingCounts::default(),
        regions: BTreeMap::new(),
        axes: BTreeMap::new(),
        subjects: BTreeMap::new(),
    };
    let orgs = repo.organisations_by_id();
    for sf in repo
        .subjects
        .iter()
        .filter(|sf| settings.is_public(&sf.subject))
    {
        let counted = settings.in_perimeter(&sf.subject);
        let region = orgs.get(sf.org.as_str()).and_then(|o| o.region.clone());
        let mut sheet = Vec::new();
        for (qid, r) in &sf.subject.questionnaires {
            let Some(q) = repo.questionnaire_version(qid, &r.version) else {
                continue;
            };
            for (axis, c) in q.criteria() {
                let Some(answer) = r.answers.get(&c.id) else {
                    continue;
                };
                let LevelValue::Level(level) = answer.level else {
                    continue;
                };
                if !c.applies(&r.preliminary) {
                    continue;
                }
                let expected = c.expected_at(date);
                let standing = standing(level, expected, answer);
                if counted {
                    out.national.add(standing);
                    if let Some(region) = &region {
                        out.regions.entry(region.clone()).or_default().add(standing);
                    }
                    out.axes
                        .entry(qid.clone())
                        .or_default()
                        .entry(axis.id.clone())
                        .or_default()
                        .add(standing);
                }
                sheet.push(CriterionStanding {
                    questionnaire: qid.clone(),
                    axis: axis.id.clone(),
                    criterion: c.id.clone(),
                    level,
                    expected,
                    standing,
                });
            }
        }
        out.subjects.insert(sf.subject.id.clone(), sheet);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LevelValue::Level as L, LevelValue::NotApplicable as NA, Located};
    use crate::score::tests::{repo, subject};

    fn counts(up_to_date: usize, planned: usize, late: usize) -> StandingCounts {
        StandingCounts {
            up_to_date,
            planned,
            late,
        }
    }

    // Expected levels at 2020-12-15: c1 3, c2 1, c3 0, c4 2.
    // s1: c1 2 planned 3 (planifié), c2 1 (à jour), c3 0 (à jour), c4 na (ignored).
    // s2: c1 1 no plan (en retard), c2 0 planned 1 (planifié), c3 1 (à jour), c4 1 planned
    // only to 1 (en retard). s3 is outside the perimeter: on its sheet, not in the counts.
    #[test]
    fn criteria_are_up_to_date_planned_or_late_as_computed_by_hand() {
        let mut s1 = subject(
            "s1",
            &[("c1", L(2)), ("c2", L(1)), ("c3", L(0)), ("c4", NA)],
        );
        let mut s2 = subject(
            "s2",
            &[("c1", L(1)), ("c2", L(0)), ("c3", L(1)), ("c4", L(1))],
        );
        let mut s3 = subject("s3", &[("c1", L(0))]);
        std::sync::Arc::make_mut(&mut s3.subject).common_core = None;
        let plan = |s: &mut crate::model::SubjectFile, c: &str, q: &str, l: u8| {
            let a = std::sync::Arc::make_mut(&mut s.subject)
                .questionnaires
                .get_mut("q")
                .unwrap()
                .answers
                .get_mut(c)
                .unwrap();
            a.plan.insert(q.parse().unwrap(), l);
        };
        plan(&mut s1, "c1", "2021-T2", 3);
        plan(&mut s2, "c2", "2021-T1", 1);
        plan(&mut s2, "c4", "2021-T4", 1);
        let mut r = repo(vec![s1, s2, s3]);
        r.organisations.push(Located {
            path: "answers/org/organisation.yaml".into(),
            value: serde_json::from_value(serde_json::json!({
                "id": "org", "name": "Org", "kind": "region", "region": "84", "owners": ["@o"]
            }))
            .unwrap(),
        });
        let st = status(&r, &Settings::for_repo(&r));
        assert_eq!(st.national, counts(3, 2, 2));
        assert_eq!(st.regions, BTreeMap::from([("84".into(), counts(3, 2, 2))]));
        assert_eq!(
            st.axes,
            BTreeMap::from([(
                "q".to_string(),
                BTreeMap::from([("A".into(), counts(1, 2, 1)), ("B".into(), counts(2, 0, 1))])
            )])
        );
        let sheet: Vec<(&str, u8, u8, &str)> = st.subjects["s2"]
            .iter()
            .map(|c| {
                (
                    c.criterion.as_str(),
                    c.level,
                    c.expected,
                    c.standing.label(),
                )
            })
            .collect();
        assert_eq!(
            sheet,
            vec![
                ("c1", 1, 3, "en retard"),
                ("c2", 0, 1, "planifié"),
                ("c3", 1, 0, "à jour"),
                ("c4", 1, 2, "en retard"),
            ]
        );
        assert_eq!(st.subjects["s3"].len(), 1);
        assert_eq!(st.subjects["s3"][0].standing, Standing::Late);
    }
}
