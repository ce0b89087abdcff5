//! Plans kept or missed on a hand-computed fixture: two campaigns and the current files.

use super::*;
use crate::model::{Located, Questionnaire};
use serde_json::json;

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn subject(v: serde_json::Value) -> FrozenSubject {
    serde_json::from_value(v).unwrap()
}

/// Questionnaire `q` version 1: axis A (c1, c2), axis B (c3).
fn repo() -> Repository {
    let levels = json!({"0": "a", "1": "b", "2": "c", "3": "d"});
    let expected = json!([{"level": 2, "from": "2020-01-01"}]);
    let q: Questionnaire = serde_json::from_value(json!({
        "id": "q", "title": "Q", "version": "1", "scope": "service", "scale": "standard",
        "axes": [
            {"id": "A", "title": "A", "criteria": [
                {"id": "c1", "title": "c1", "levels": levels, "expected": expected},
                {"id": "c2", "title": "c2", "levels": levels, "expected": expected}]},
            {"id": "B", "title": "B", "criteria": [
                {"id": "c3", "title": "c3", "levels": levels, "expected": expected}]}
        ]
    }))
    .unwrap();
    Repository {
        questionnaires: vec![Located {
            path: "questionnaires/q.yaml".into(),
            value: q,
        }],
        ..Repository::default()
    }
}

fn response(levels: serde_json::Value, plans: serde_json::Value, np: &[&str]) -> serde_json::Value {
    json!({"q": {"version": "1", "levels": levels, "plans": plans, "not_plannable": np}})
}

fn at<'a>(date: &str, subjects: Vec<FrozenSubject>, campaign: Option<&'a str>) -> Declared<'a> {
    Declared {
        campaign,
        date: d(date),
        subjects: subjects
            .into_iter()
            .map(|s| (d(date), Cow::Owned(s)))
            .collect(),
    }
}

fn counts(kept: usize, late: usize, abandoned: usize) -> PlanCounts {
    PlanCounts {
        kept,
        late,
        abandoned,
    }
}

// Campaign c1 (2020-12-15) plans seven milestones; c2 (2021-12-15) and the current files
// (s1 assessed 2022-09-01, s2 2022-03-01) declare what happened:
// s1 c1 2021-T2→2: 2 in c2, kept; s1 c1 2022-T2→3: 2 now, replanned 2023-T2, late;
// s1 c2 2021-T3→1: 0 in c2, replanned 2022-T4, late; s1 c3 2021-T1→2: 1 in c2, not
// plannable, abandoned; s2 c1 2021-T4→2 (due after c2): 1 now, no plan, abandoned;
// s2 c2 2020-T4→2: 2 in c2, kept; s3 c1 2021-T2→1: never declared again, pending.
// c2's own milestones: s1 c1 2022-T2→3 late (now), s1 c2 2022-T4→1 due after s1's current
// assessment, pending.
#[test]
fn milestones_are_kept_late_abandoned_or_pending_as_computed_by_hand() {
    let c1 = vec![
        subject(
            json!({"id": "s1", "org": "o1", "region": "84", "editor": "e1", "in_perimeter": true,
            "questionnaires": response(json!({"c1": 1, "c2": 0, "c3": 1}),
                json!({"c1": {"2021-T2": 2, "2022-T2": 3}, "c2": {"2021-T3": 1}, "c3": {"2021-T1": 2}}), &[])}),
        ),
        subject(
            json!({"id": "s2", "org": "o2", "region": "11", "in_perimeter": true,
            "questionnaires": response(json!({"c1": 0, "c2": 1}),
                json!({"c1": {"2021-T4": 2}, "c2": {"2020-T4": 2}}), &[])}),
        ),
        subject(
            json!({"id": "s3", "org": "o2", "region": "11", "in_perimeter": true,
            "questionnaires": response(json!({"c1": 0}), json!({"c1": {"2021-T2": 1}}), &[])}),
        ),
    ];
    let c2 = vec![
        subject(
            json!({"id": "s1", "org": "o1", "region": "84", "editor": "e1", "in_perimeter": true,
            "questionnaires": response(json!({"c1": 2, "c2": 0, "c3": 1}),
                json!({"c1": {"2022-T2": 3}, "c2": {"2022-T4": 1}}), &["c3"])}),
        ),
        subject(
            json!({"id": "s2", "org": "o2", "region": "11", "in_perimeter": true,
            "questionnaires": response(json!({"c1": 1, "c2": 2}), json!({}), &[])}),
        ),
    ];
    let s1_now = subject(
        json!({"id": "s1", "org": "o1", "region": "84", "editor": "e1", "in_perimeter": true,
        "questionnaires": response(json!({"c1": 2, "c2": 0, "c3": 1}), json!({"c1": {"2023-T2": 3}, "c2": {"2022-T4": 1}}), &["c3"])}),
    );
    let s2_now = subject(
        json!({"id": "s2", "org": "o2", "region": "11", "in_perimeter": true,
        "questionnaires": response(json!({"c1": 1, "c2": 2}), json!({}), &[])}),
    );
    let current = Declared {
        campaign: None,
        date: d("2022-09-01"),
        subjects: vec![
            (d("2022-09-01"), Cow::Owned(s1_now)),
            (d("2022-03-01"), Cow::Owned(s2_now)),
        ],
    };
    let sources = [
        at("2020-12-15", c1, Some("c1")),
        at("2021-12-15", c2, Some("c2")),
        current,
    ];
    let reviews = review(&repo(), &sources);
    assert_eq!(reviews.len(), 2);

    let r = &reviews[0];
    assert_eq!(r.campaign, "c1");
    assert_eq!(r.national, counts(2, 2, 2));
    assert_eq!(r.pending, 1);
    assert_eq!(
        r.regions,
        BTreeMap::from([
            ("11".into(), counts(1, 0, 1)),
            ("84".into(), counts(1, 2, 1))
        ])
    );
    assert_eq!(r.editors, BTreeMap::from([("e1".into(), counts(1, 2, 1))]));
    assert_eq!(
        r.organisations,
        BTreeMap::from([
            ("o1".into(), counts(1, 2, 1)),
            ("o2".into(), counts(1, 0, 1))
        ])
    );
    assert_eq!(
        r.axes,
        BTreeMap::from([(
            "q".to_string(),
            BTreeMap::from([("A".into(), counts(2, 2, 1)), ("B".into(), counts(0, 0, 1))])
        )])
    );
    assert_eq!(
        r.subjects,
        BTreeMap::from([
            ("s1".into(), counts(1, 2, 1)),
            ("s2".into(), counts(1, 0, 1))
        ])
    );
    assert_eq!(r.national.shares(), Some((1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0)));

    let r = &reviews[1];
    assert_eq!((r.campaign.as_str(), r.date), ("c2", d("2021-12-15")));
    assert_eq!(r.national, counts(0, 1, 0));
    assert_eq!(r.pending, 1);
    assert_eq!(r.national.shares(), Some((0.0, 1.0, 0.0)));
}

// A later answer `na`, or a criterion no longer answered, leaves the milestone unjudged.
#[test]
fn a_milestone_answered_na_or_dropped_later_is_not_judged() {
    let before = vec![subject(json!({"id": "s", "org": "o", "in_perimeter": true,
        "questionnaires": response(json!({"c1": 0, "c2": 0}), json!({"c1": {"2021-T1": 1}, "c2": {"2021-T1": 1}}), &[])}))];
    let after = vec![subject(json!({"id": "s", "org": "o", "in_perimeter": true,
        "questionnaires": response(json!({"c1": "na"}), json!({}), &[])}))];
    let reviews = review(
        &repo(),
        &[
            at("2020-12-15", before, Some("c")),
            at("2021-12-15", after, None),
        ],
    );
    assert_eq!(reviews[0].national, counts(0, 0, 0));
    assert_eq!(reviews[0].pending, 0);
    assert_eq!(reviews[0].national.shares(), None);
}
