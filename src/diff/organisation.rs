//! Organisations' own answers (organisation-level questionnaires) in the comparison: changed
//! answers, the organisation's scores and the national means of organisation-level scores.

use super::{
    AggregateChange, SubjectChange, aggregate_changes, answer_changes, fact, score_changes,
};
use crate::model::Repository;
use crate::score::{self, GroupBy, GroupScore, Settings};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Organisations whose own answers or scores changed, and the national means of
/// organisation-level questionnaires when they moved.
pub(super) fn changes(
    rb: &Repository,
    ra: &Repository,
    aggregates: &mut Vec<AggregateChange>,
) -> Vec<SubjectChange> {
    let org_scores =
        |repo: &Repository| score::current_organisations(repo, &Settings::for_repo(repo));
    let (sb, sa) = (org_scores(rb), org_scores(ra));
    let sheets = |s: &score::OrganisationScores| -> HashMap<String, Vec<score::SubjectScore>> {
        let sheets = s.organisations.iter();
        sheets.map(|o| (o.org.clone(), o.current.clone())).collect()
    };
    let (sheets_b, sheets_a) = (sheets(&sb), sheets(&sa));
    let by_id = |repo: &Repository| -> HashMap<String, crate::model::Located<_>> {
        let orgs = repo.organisations.iter();
        orgs.map(|o| (o.value.id.clone(), o.clone())).collect()
    };
    let (orgs_b, orgs_a) = (by_id(rb), by_id(ra));
    let ids: BTreeSet<&str> = rb
        .organisations
        .iter()
        .chain(&ra.organisations)
        .map(|o| o.value.id.as_str())
        .collect();
    let sheet = |s: &HashMap<String, Vec<score::SubjectScore>>, id: &str| {
        s.get(id).cloned().unwrap_or_default()
    };
    let empty = BTreeMap::new();
    let mut out = Vec::new();
    for id in ids {
        let (b, a) = (orgs_b.get(id).cloned(), orgs_a.get(id).cloned());
        let qb = b.as_ref().map_or(&empty, |o| &o.value.questionnaires);
        let qa = a.as_ref().map_or(&empty, |o| &o.value.questionnaires);
        let answers = answer_changes((rb, ra), qb, qa);
        let scores = score_changes(&sheet(&sheets_b, id), &sheet(&sheets_a, id));
        let mut facts = Vec::new();
        if !answers.is_empty() || !scores.is_empty() {
            facts.push("réponses de l'organisation".to_string());
        }
        if let (Some(b), Some(a)) = (&b, &a) {
            let (b, a) = (&b.value, &a.value);
            let yes = |v: bool| if v { "oui" } else { "non" };
            fact(
                &mut facts,
                "région",
                b.region.as_deref(),
                a.region.as_deref(),
            );
            fact(
                &mut facts,
                "éditeur",
                b.editor.as_deref(),
                a.editor.as_deref(),
            );
            let kind = |o: &crate::model::Organisation| format!("{:?}", o.kind).to_lowercase();
            fact(&mut facts, "type", Some(&kind(b)), Some(&kind(a)));
            fact(
                &mut facts,
                "publiable",
                Some(yes(b.publishable)),
                Some(yes(a.publishable)),
            );
        }
        if facts.is_empty() {
            continue;
        }
        let whole = a.is_none() || b.is_none();
        let private = [&b, &a]
            .iter()
            .any(|o| o.as_ref().is_some_and(|o| !o.value.publishable));
        let o = a.or(b).expect("one side has the organisation");
        out.push(SubjectChange {
            path: o.path,
            id: id.to_string(),
            name: o.value.name,
            facts,
            organisation: true,
            private,
            whole,
            answers,
            scores,
            ..SubjectChange::default()
        });
    }
    let national = |s: &score::OrganisationScores| {
        vec![GroupScore {
            group_by: GroupBy::National,
            key: "national".into(),
            label: "National (SI des organisations)".into(),
            questionnaires: s
                .national
                .first()
                .map(|n| n.questionnaires.clone())
                .unwrap_or_default(),
        }]
    };
    aggregate_changes(aggregates, &national(&sb), &national(&sa), |_| true);
    out
}
