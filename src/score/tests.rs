//! Unit tests of the scoring functions on repositories built in memory.

use super::*;
use crate::model::*;
use std::collections::BTreeMap;

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

pub(super) fn scale() -> Scale {
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

pub(super) fn answer(level: LevelValue) -> Answer {
    Answer::at(level)
}

pub(super) fn subject(id: &str, answers: &[(&str, LevelValue)]) -> SubjectFile {
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
        subject: std::sync::Arc::new(Subject {
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
            completion_paths: Vec::new(),
        }),
    }
}

pub(super) fn repo(subjects: Vec<SubjectFile>) -> Repository {
    repo_with(scale(), questionnaire(), subjects)
}

fn repo_with(scale: Scale, q: Questionnaire, subjects: Vec<SubjectFile>) -> Repository {
    Repository {
        scales: vec![Located {
            path: format!("content/scales/{}.yaml", scale.id),
            value: scale,
        }],
        questionnaires: vec![Located {
            path: format!("questionnaires/{}.yaml", q.id),
            value: q,
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
fn projection_matches_its_definition_on_every_day() {
    // The definition: the latest milestone whose quarter ends on or before the date.
    let by_definition = |a: &Answer, at: Date| {
        a.plan
            .iter()
            .rev()
            .find(|(q, _)| q.end() <= at)
            .map_or(a.level, |(_, &l)| L(l.min(3)))
    };
    let mut a = answer(L(0));
    a.plan = BTreeMap::from([
        ("2020-T4".parse().unwrap(), 1),
        ("2021-T1".parse().unwrap(), 2),
        ("2023-T3".parse().unwrap(), 3),
        ("2024-T2".parse().unwrap(), 5),
    ]);
    for year in 2020..=2025 {
        for month in 1..=12 {
            for day in 1..=31 {
                let at = Date { year, month, day };
                assert_eq!(
                    projected_level(&a, Some(at), 3),
                    by_definition(&a, at),
                    "{at}"
                );
            }
        }
    }
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

/// A yes/no requirement scale and a questionnaire: r1 mandatory, r2, r3 only for hosts.
fn requirement_repo(subjects: Vec<SubjectFile>) -> Repository {
    let scale = serde_json::from_value(serde_json::json!({
        "id": "standard", "title": "Exigences", "kind": "requirement",
        "levels": [
            {"value": 0, "label": "non conforme", "color": "#ce0500"},
            {"value": 1, "label": "conforme", "color": "#18753c"}
        ],
        "not_applicable": {"label": "na", "color": "#929292"}
    }))
    .unwrap();
    let levels = serde_json::json!({"0": "non", "1": "oui"});
    let expected = serde_json::json!([{"level": 1, "from": "2020-01-01"}]);
    let q = serde_json::from_value(serde_json::json!({
        "id": "q", "title": "Q", "version": "1", "scope": "service", "scale": "standard",
        "preliminary": [{"id": "hosts", "question": "Héberge ?"}],
        "axes": [{"id": "R", "title": "R", "criteria": [
            {"id": "r1", "title": "r1", "levels": levels, "expected": expected, "mandatory": true},
            {"id": "r2", "title": "r2", "levels": levels, "expected": expected},
            {"id": "r3", "title": "r3", "levels": levels, "expected": expected,
             "applies_if": {"hosts": true}}
        ]}]
    }))
    .unwrap();
    repo_with(scale, q, subjects)
}

fn with_prelim(mut sf: SubjectFile, key: &str, value: bool) -> SubjectFile {
    for r in std::sync::Arc::make_mut(&mut sf.subject)
        .questionnaires
        .values_mut()
    {
        r.preliminary.insert(key.into(), PrelimValue::Bool(value));
    }
    sf
}

#[test]
fn requirement_share_counts_applicable_requirements_only() {
    // r3 does not apply without hosting: 1 met out of 2. With hosting: 1 out of 3.
    let answers = [("r1", L(1)), ("r2", L(0)), ("r3", L(0))];
    let r = requirement_repo(vec![
        with_prelim(subject("a", &answers), "hosts", false),
        with_prelim(subject("b", &answers), "hosts", true),
        with_prelim(subject("c", &[("r1", L(0)), ("r2", L(1))]), "hosts", false),
    ]);
    let st = Settings::for_repo(&r);
    let a = score_subject(&r, &r.subjects[0], "q", None, &st).unwrap();
    assert!(close(a.rate, 0.5));
    assert_eq!((a.answered, a.mandatory_met), (2, Some(true)));
    let b = score_subject(&r, &r.subjects[1], "q", None, &st).unwrap();
    assert!(close(b.rate, 1.0 / 3.0));
    let c = score_subject(&r, &r.subjects[2], "q", None, &st).unwrap();
    assert_eq!(c.mandatory_met, Some(false));
    let g = aggregate(&r, &st, GroupBy::National, None);
    assert_eq!(g[0].questionnaires[0].mandatory_met, Some(2));
}

#[test]
fn graded_score_is_the_weighted_share_of_the_scale_with_a_grade() {
    // g1 4/4 weight 3, g2 0/4 weight 1: (3×1 + 0)/4 = 75/100 → A; level (3×4 + 0)/4 = 3.
    // (The mean of the two axes would give 50: graded scores weigh criteria, not axes.)
    let scale = serde_json::from_value(serde_json::json!({
        "id": "standard", "title": "Score", "kind": "graded",
        "levels": (0..=4).map(|v| serde_json::json!({"value": v, "label": v.to_string(), "color": "#000000"})).collect::<Vec<_>>(),
        "not_applicable": {"label": "na", "color": "#929292"},
        "grades": [{"grade": "A", "min_score": 75.0}, {"grade": "B", "min_score": 50.0},
                   {"grade": "C", "min_score": 25.0}, {"grade": "D", "min_score": 0.0}]
    }))
    .unwrap();
    let levels = serde_json::json!({"0": "a", "1": "b", "2": "c", "3": "d", "4": "e"});
    let expected = serde_json::json!([{"level": 4, "from": "2020-01-01"}]);
    let q = serde_json::from_value(serde_json::json!({
        "id": "q", "title": "Q", "version": "1", "scope": "service", "scale": "standard",
        "axes": [
            {"id": "X", "title": "X", "criteria": [
                {"id": "g1", "title": "g1", "levels": levels, "expected": expected, "weight": 3.0}]},
            {"id": "Y", "title": "Y", "criteria": [
                {"id": "g2", "title": "g2", "levels": levels, "expected": expected}]}
        ]
    }))
    .unwrap();
    let r = repo_with(scale, q, vec![subject("a", &[("g1", L(4)), ("g2", L(0))])]);
    let s = score_subject(&r, &r.subjects[0], "q", None, &Settings::for_repo(&r)).unwrap();
    assert!(close(s.rate, 0.75));
    assert!(close(s.level, 3.0));
    assert_eq!(s.grade.as_deref(), Some("A"));
    let g = aggregate(&r, &Settings::for_repo(&r), GroupBy::National, None);
    assert_eq!(g[0].questionnaires[0].grade.as_deref(), Some("A"));
}

#[test]
fn answers_to_the_superseded_version_follow_renames() {
    // Version 0 called c1 "old1"; an answer given against version 0 still counts for c1.
    let mut q = questionnaire();
    q.supersedes = Some(Supersedes {
        version: "0".into(),
        renamed: BTreeMap::from([("old1".to_string(), "c1".to_string())]),
    });
    let mut sf = subject("s", &[("old1", L(3))]);
    std::sync::Arc::make_mut(&mut sf.subject)
        .questionnaires
        .get_mut("q")
        .unwrap()
        .version = "0".into();
    let r = repo_with(scale(), q, vec![sf]);
    let s = score_subject(&r, &r.subjects[0], "q", None, &Settings::for_repo(&r)).unwrap();
    assert_eq!(s.axes[0].answered, 1);
    assert!(close(s.rate, 1.0));
}

#[test]
fn decommissioned_subjects_have_no_projection_but_a_current_score() {
    let mut sf = subject("s", &[("c1", L(3))]);
    std::sync::Arc::make_mut(&mut sf.subject).decommissioning = true;
    let r = repo(vec![sf]);
    let st = Settings::for_repo(&r);
    assert!(score_subject(&r, &r.subjects[0], "q", None, &st).is_some());
    assert!(score_subject(&r, &r.subjects[0], "q", Some(d("2022-12-31")), &st).is_none());
    let g = aggregate(&r, &st, GroupBy::National, Some(d("2022-12-31")));
    assert!(g.is_empty());
}

#[test]
fn scores_compute_gathers_every_figure() {
    let r = repo(vec![
        subject("s1", &[("c1", L(3))]),
        subject("s2", &[("c2", L(0))]),
    ]);
    let scores = Scores::compute(&r, &Settings::for_repo(&r));
    // No config: reference date 2020-12-15, no projection dates, trajectory 2020-T4…2025-T4.
    assert_eq!(scores.snapshots.len(), 1);
    assert_eq!(scores.trajectory.len(), 21);
    let national = scores.snapshots[0].groups(GroupBy::National);
    assert!(close(national[0].questionnaires[0].rate.unwrap(), 0.5));
    assert!(scores.snapshots[0].groups(GroupBy::Subject).is_empty());
    assert_eq!(scores.subjects.len(), 2);
}

#[test]
fn criteria_that_do_not_apply_unknown_or_weightless_are_ignored() {
    // c1 applies only to hosts; c2 has weight 0; "zz" is unknown. Only c3 (= 2, expected 0) counts.
    let mut q = questionnaire();
    q.axes[0].criteria[0]
        .applies_if
        .insert("hosts".into(), PrelimValue::Bool(true));
    q.axes[0].criteria[1].weight = 0.0;
    let sf = with_prelim(
        subject(
            "s",
            &[("c1", L(0)), ("c2", L(0)), ("c3", L(2)), ("zz", L(0))],
        ),
        "hosts",
        false,
    );
    let r = repo_with(scale(), q, vec![sf]);
    let s = Scorer::new(&r, &Settings::for_repo(&r))
        .score(&r.subjects[0], "q", None)
        .unwrap();
    assert_eq!(s.answered, 1);
    assert_eq!(s.axes.len(), 1);
    assert!(close(s.rate, 1.0));
    assert!(close(s.level, 2.0));
}

#[test]
fn levels_above_the_scale_are_capped() {
    // A level 9 on a 0–3 scale (refused by validation) counts as 3.
    let r = repo(vec![subject("s", &[("c1", L(9))])]);
    let s = score_subject(&r, &r.subjects[0], "q", None, &Settings::for_repo(&r)).unwrap();
    assert!(close(s.level, 3.0));
}

#[test]
fn the_sheets_kept_for_the_build_have_no_spare_room() {
    // One axis of two answered, one questionnaire: collected from filters, both vectors
    // would have room for four.
    let r = repo(vec![subject("s1", &[("c1", L(3))])]);
    let scores = Scores::compute(&r, &Settings::for_repo(&r));
    let current = &scores.subjects[0].current;
    assert_eq!((current.len(), current.capacity()), (1, 1));
    let axes = &current[0].axes;
    assert_eq!((axes.len(), axes.capacity()), (1, 1));
}
