//! Freezing the current figures of a repository into a [`Campaign`]: a pure function of the
//! model, the date and the commit.

use crate::model::{
    Campaign, Date, Frozen, FrozenAggregate, FrozenQuestionnaire, FrozenResponse, FrozenSubject,
    Organisation, Repository, Response, Status, SubjectFile,
};
use crate::score::{Grouping, Perimeter, Scores, Settings};
use std::collections::{BTreeMap, HashMap};

/// The campaign `id` at `date`: the repository's figures with expected levels read at `date`,
/// in the publication's perimeter (common core, validated answers only).
pub fn freeze(repo: &Repository, id: &str, date: Date, commit: Option<String>) -> Campaign {
    let settings = Settings {
        perimeter: Perimeter::CommonCore,
        include_drafts: false,
        reference_date: date,
    };
    let scores = Scores::compute(repo, &settings);
    let orgs = repo.organisations_by_id();
    let subjects = repo
        .subjects
        .iter()
        .filter(|sf| settings.is_public(&sf.subject))
        .map(|sf| frozen_subject(&orgs, sf, &settings))
        .collect();
    let organisations = repo
        .organisations
        .iter()
        .map(|o| &o.value)
        .filter(|o| o.publishable && !o.questionnaires.is_empty())
        .map(|o| FrozenSubject {
            id: o.id.clone(),
            org: o.id.clone(),
            region: o.region.clone(),
            editor: o.editor.clone(),
            in_perimeter: o.status == Some(Status::Validated),
            decommissioning: false,
            questionnaires: responses(&o.questionnaires),
        })
        .collect();
    let questionnaires = repo
        .questionnaires_in_force()
        .map(|q| FrozenQuestionnaire {
            id: q.id.clone(),
            version: q.version.clone(),
            scope: q.scope,
            axes: q.axes.iter().map(|a| a.id.clone()).collect(),
        })
        .collect();
    let mut aggregates = Vec::new();
    if let Some(now) = scores.snapshots.first() {
        rows(&mut aggregates, &now.groupings);
    }
    if let Some(now) = scores.organisations.national.first() {
        rows(&mut aggregates, &now.groupings);
    }
    Campaign {
        id: id.to_string(),
        date,
        commit,
        perimeter: settings.perimeter.as_str().to_string(),
        questionnaires,
        subjects,
        organisations,
        aggregates,
    }
}

/// A subject as a campaign freezes it: region of its organisation, editor, perimeter flags,
/// levels, plans and not-plannable marks.
pub fn frozen_subject(
    orgs: &HashMap<&str, &Organisation>,
    sf: &SubjectFile,
    settings: &Settings,
) -> FrozenSubject {
    let s = &sf.subject;
    FrozenSubject {
        id: s.id.clone(),
        org: sf.org.clone(),
        region: orgs.get(sf.org.as_str()).and_then(|o| o.region.clone()),
        editor: s.editor.clone(),
        in_perimeter: settings.in_perimeter(s),
        decommissioning: s.decommissioning,
        questionnaires: responses(&s.questionnaires),
    }
}

/// Every answered criterion of every response, with plans and not-plannable marks.
fn responses(questionnaires: &BTreeMap<String, Response>) -> Frozen<FrozenResponse> {
    questionnaires
        .iter()
        .map(|(id, r)| {
            let frozen = FrozenResponse {
                version: r.version.clone(),
                levels: r
                    .answers
                    .iter()
                    .map(|(c, a)| (c.as_str(), a.level))
                    .collect(),
                plans: r
                    .answers
                    .iter()
                    .filter(|(_, a)| !a.plan.is_empty())
                    .map(|(c, a)| (c.as_str(), a.plan.iter().map(|(q, l)| (*q, *l)).collect()))
                    .collect(),
                not_plannable: r
                    .answers
                    .iter()
                    .filter(|(_, a)| a.not_plannable.is_some())
                    .map(|(c, _)| c.clone())
                    .collect(),
            };
            (id.as_str(), frozen)
        })
        .collect()
}

/// One row per group and questionnaire (axis absent), then one per axis.
fn rows(out: &mut Vec<FrozenAggregate>, groupings: &[Grouping]) {
    for grouping in groupings {
        for g in &grouping.groups {
            for q in &g.questionnaires {
                let row = |axis: Option<&str>, rate, level, concerned| FrozenAggregate {
                    group_by: g.group_by.as_str().to_string(),
                    group: g.key.clone(),
                    questionnaire: q.questionnaire.clone(),
                    axis: axis.map(str::to_string),
                    rate: round(rate),
                    level: round(level),
                    concerned,
                    total: q.total,
                };
                out.push(row(None, q.rate, q.level, q.concerned));
                for a in &q.axes {
                    out.push(row(Some(&a.axis), a.rate, a.level, a.concerned));
                }
            }
        }
    }
}

/// Six decimals: far below what is shown (a tenth of a percent, a hundredth of a level), and
/// a number that reads back exactly.
fn round(x: Option<f64>) -> Option<f64> {
    x.filter(|x| x.is_finite()).map(|x| (x * 1e6).round() / 1e6)
}
