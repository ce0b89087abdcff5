//! Unit tests of the scoring functions on repositories built in memory.

use super::*;
use crate::model::*;
use std::collections::BTreeMap;

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn scale() -> Scale {
    serde_json::from_value(serde_json::json!({
        "id": "standard", "title": "Standard", "kind": "maturity",
        "levels": [
            {"value": 0, "label": "rouge", "color": "#ce0500"},
            {"value": 1, "label": "orange", "color": "#fc5d00"},
            {"value": 2, "label": "jaune", "color": "#ffca00"},
            {"value": 3, "label": "vert", "color": "#18753c"}
        ],
        "not_applicable": {"label": "na", "color": "#929292"}
    }))
    .unwrap()
}

/// Two axes: A (c1 weight 2 expected 3, c2 expected 1 then 3 from 2022), B (c3 expected 0, c4
/// expected 2, na allowed).
fn questionnaire() -> Questionnaire {
    let levels = serde_json::json!({"na": "x", "0": "a", "1": "b", "2": "c", "3": "d"});
    serde_json::from_value(serde_json::json!({
        "id": "q", "title": "Q", "version": "1", "scope": "service", "scale": "standard",
        "axes": [
            {"id": "A", "title": "Axe A", "criteria": [
                {"id": "c1", "title": "c1", "levels": levels, "weight": 2.0,
                 "expected": [{"level": 3, "from": "2020-01-01"}]},
                {"id": "c2", "title": "c2", "levels": levels,
                 "expected": [{"level": 1, "from": "2020-01-01"}, {"level": 3, "from": "2022-01-01"}]}
            ]},
            {"id": "B", "title": "Axe B", "criteria": [
                {"id": "c3", "title": "c3", "levels": levels,
                 "expected": [{"level": 0, "from": "2020-01-01"}]},
                {"id": "c4", "title": "c4", "levels": levels,
                 "expected": [{"level": 2, "from": "2020-01-01"}]}
            ]}
        ]
    }))
    .unwrap()
}

fn answer(level: LevelValue) -> Answer {
    Answer {
        level,
        comment: None,
        evidence: Vec::new(),
        plan: BTreeMap::new(),
        not_plannable: None,
    }
}

fn subject(id: &str, answers: &[(&str, LevelValue)]) -> SubjectFile {
    let response = Response {
        version: "1".into(),
        preliminary: BTreeMap::new(),
        answers: answers
            .iter()
            .map(|(k, l)| (k.to_string(), answer(*l)))
            .collect(),
    };
    SubjectFile {
        org: "org".into(),
        path: format!("answers/org/{id}.yaml"),
        subject: Subject {
            id: id.into(),
            kind: SubjectKind::Service,
            name: id.to_uppercase(),
            description: None,
            pos_zone: Some("6.2".into()),
            common_core: Some("t".into()),
            editor: None,
            solution: None,
            solution_version: None,
            product: None,
            national_services: Vec::new(),
            publishable: true,
            decommissioning: false,
            archived: false,
            status: Status::Validated,
            assessed_on: d("2020-12-01"),
            questionnaires: BTreeMap::from([("q".to_string(), response)]),
        },
    }
}

fn repo(subjects: Vec<SubjectFile>) -> Repository {
    let at = |path: &str| path.to_string();
    Repository {
        scales: vec![Located {
            path: at("content/scales/standard.yaml"),
            value: scale(),
        }],
        questionnaires: vec![Located {
            path: at("questionnaires/q.yaml"),
            value: questionnaire(),
        }],
        subjects,
        ..Repository::default()
    }
}

use LevelValue::{Level as L, NotApplicable as NA};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

#[test]
fn weights_cap_and_zero_expected_make_the_axis_rate() {
    // A: c1 2/3 (weight 2), c2 3 ≥ 1 → 1: (2×2/3 + 1)/3 = 7/9; level (2×2 + 3)/3 = 7/3.
    // B: c3 expected 0 → 1, c4 na ignored: rate 1, level 1.
    let r = repo(vec![subject(
        "s",
        &[("c1", L(2)), ("c2", L(3)), ("c3", L(1)), ("c4", NA)],
    )]);
    let st = Settings::for_repo(&r);
    let s = score_subject(&r, &r.subjects[0], "q", None, &st).unwrap();
    assert_eq!(s.axes.len(), 2);
    assert!(close(s.axes[0].rate, 7.0 / 9.0));
    assert!(close(s.axes[0].level, 7.0 / 3.0));
    assert!(close(s.axes[1].rate, 1.0));
    assert!(close(s.rate, (7.0 / 9.0 + 1.0) / 2.0));
    assert!(close(s.level, (7.0 / 3.0 + 1.0) / 2.0));
    assert_eq!((s.answered, s.na), (3, 1));
}

#[test]
fn an_axis_answered_only_na_is_dropped() {
    // B is all na: the questionnaire value is A alone.
    let r = repo(vec![subject("s", &[("c1", L(3)), ("c3", NA), ("c4", NA)])]);
    let s = score_subject(&r, &r.subjects[0], "q", None, &Settings::for_repo(&r)).unwrap();
    assert_eq!(
        s.axes.iter().map(|a| a.axis.as_str()).collect::<Vec<_>>(),
        ["A"]
    );
    assert!(close(s.rate, 1.0));
    assert!(close(s.level, 3.0));
}

#[test]
fn a_subject_with_only_na_has_no_score() {
    let r = repo(vec![subject("s", &[("c4", NA)])]);
    assert!(score_subject(&r, &r.subjects[0], "q", None, &Settings::for_repo(&r)).is_none());
}

#[test]
fn expected_level_is_read_at_the_reference_date() {
    // c2 = 1: expected 1 in 2020 (rate 1), 3 from 2022 (rate 1/3).
    let r = repo(vec![subject("s", &[("c2", L(1))])]);
    let mut st = Settings::for_repo(&r);
    let s = score_subject(&r, &r.subjects[0], "q", None, &st).unwrap();
    assert!(close(s.rate, 1.0));
    st.reference_date = d("2022-06-30");
    let s = score_subject(&r, &r.subjects[0], "q", None, &st).unwrap();
    assert!(close(s.rate, 1.0 / 3.0));
}

#[test]
fn projection_follows_the_latest_milestone_reached() {
    let mut a = answer(L(1));
    a.plan = BTreeMap::from([
        ("2021-T3".parse().unwrap(), 2),
        ("2022-T2".parse().unwrap(), 3),
    ]);
    assert_eq!(projected_level(&a, None, 3), L(1));
    assert_eq!(projected_level(&a, Some(d("2021-09-29")), 3), L(1));
    assert_eq!(projected_level(&a, Some(d("2021-09-30")), 3), L(2));
    assert_eq!(projected_level(&a, Some(d("2022-06-30")), 3), L(3));
    assert_eq!(projected_level(&a, Some(d("2030-01-01")), 3), L(3));
    a.not_plannable = Some("pas de cible".into());
    assert_eq!(projected_level(&a, Some(d("2030-01-01")), 3), L(1));
}

#[test]
fn national_aggregate_counts_concerned_and_total() {
    // s1: A 1 (c1 3), no B. s2: A c2 0 → 0, B c3 → 1: rate 1/2. s3: only na → not concerned.
    let r = repo(vec![
        subject("s1", &[("c1", L(3))]),
        subject("s2", &[("c2", L(0)), ("c3", L(2))]),
        subject("s3", &[("c4", NA)]),
    ]);
    let g = aggregate(&r, &Settings::for_repo(&r), GroupBy::National, None);
    assert_eq!(g.len(), 1);
    let q = &g[0].questionnaires[0];
    assert_eq!((q.concerned, q.total), (2, 3));
    assert!(close(q.rate.unwrap(), (1.0 + 0.5) / 2.0));
    assert_eq!((q.axes[0].concerned, q.axes[1].concerned), (2, 1));
    assert!(close(q.axes[0].rate.unwrap(), 0.5));
    assert!(close(q.axes[1].rate.unwrap(), 1.0));
}

#[test]
fn distributions_count_levels_and_na() {
    let r = repo(vec![
        subject("s1", &[("c1", L(3)), ("c4", NA)]),
        subject("s2", &[("c1", L(3)), ("c4", L(0))]),
    ]);
    let ds = distributions(&r, &Settings::for_repo(&r));
    let c1 = &ds[0].criteria[0];
    assert_eq!((c1.levels.clone(), c1.na), (vec![0, 0, 0, 2], 0));
    let c4 = &ds[0].criteria[3];
    assert_eq!((c4.levels.clone(), c4.na), (vec![1, 0, 0, 0], 1));
}
