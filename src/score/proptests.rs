//! Property tests: bounds, monotonicity and independence from subject order.

use super::tests::{repo, subject};
use super::*;
use crate::model::LevelValue;
use proptest::prelude::*;

const CRITERIA: [&str; 4] = ["c1", "c2", "c3", "c4"];

/// One subject's answers: each criterion unanswered, na or a level 0–3.
fn answers() -> impl Strategy<Value = Vec<Option<LevelValue>>> {
    let level = prop_oneof![
        Just(LevelValue::NotApplicable),
        (0u8..=3).prop_map(LevelValue::Level)
    ];
    proptest::collection::vec(proptest::option::of(level), CRITERIA.len())
}

fn build(subjects: &[Vec<Option<LevelValue>>]) -> crate::model::Repository {
    let zoned: Vec<(bool, Vec<Option<LevelValue>>)> = subjects
        .iter()
        .enumerate()
        .map(|(i, a)| (i % 2 == 0, a.clone()))
        .collect();
    build_zoned(&zoned)
}

/// Builds subjects in zone 6.2 (`true`) or 5 (`false`), two groups to check grouped aggregates.
fn build_zoned(subjects: &[(bool, Vec<Option<LevelValue>>)]) -> crate::model::Repository {
    repo(
        subjects
            .iter()
            .enumerate()
            .map(|(i, (zone, a))| {
                let pairs: Vec<(&str, LevelValue)> = CRITERIA
                    .iter()
                    .zip(a)
                    .filter_map(|(c, l)| Some((*c, (*l)?)))
                    .collect();
                let mut sf = subject(&format!("s{i:03}"), &pairs);
                std::sync::Arc::make_mut(&mut sf.subject).pos_zone =
                    Some(if *zone { "6.2" } else { "5" }.into());
                sf
            })
            .collect(),
    )
}

/// Every figure of a repository, flattened: (name, value).
fn figures(r: &crate::model::Repository) -> Vec<(String, f64)> {
    let st = Settings::for_repo(r);
    let mut out = Vec::new();
    for sf in &r.subjects {
        if let Some(s) = score_subject(r, sf, "q", None, &st) {
            out.push((format!("{} rate", sf.subject.id), s.rate));
            out.push((format!("{} level", sf.subject.id), s.level));
            for a in &s.axes {
                out.push((format!("{} {} rate", sf.subject.id, a.axis), a.rate));
                out.push((format!("{} {} level", sf.subject.id, a.axis), a.level));
            }
        }
    }
    for by in [GroupBy::National, GroupBy::Zone] {
        for g in aggregate(r, &st, by, None) {
            let q = &g.questionnaires[0];
            let name = format!("{by} {}", g.key);
            out.extend(q.rate.map(|x| (format!("{name} rate"), x)));
            out.extend(q.level.map(|x| (format!("{name} level"), x)));
            for a in &q.axes {
                out.extend(a.rate.map(|x| (format!("{name} {} rate", a.axis), x)));
                out.extend(a.level.map(|x| (format!("{name} {} level", a.axis), x)));
            }
        }
    }
    out
}

proptest! {
    #[test]
    fn rates_and_levels_stay_in_bounds(subjects in proptest::collection::vec(answers(), 0..12)) {
        for (name, x) in figures(&build(&subjects)) {
            let max = if name.ends_with("rate") { 1.0 } else { 3.0 };
            prop_assert!((0.0..=max).contains(&x), "{name} = {x}");
        }
    }

    #[test]
    fn raising_one_answer_never_lowers_a_score(
        subjects in proptest::collection::vec(answers(), 1..8),
        pick in any::<proptest::sample::Index>(),
        crit in 0..CRITERIA.len(),
    ) {
        let i = pick.index(subjects.len());
        let Some(LevelValue::Level(l)) = subjects[i][crit] else { return Ok(()) };
        prop_assume!(l < 3);
        let mut raised = subjects.clone();
        raised[i][crit] = Some(LevelValue::Level(l + 1));
        let before = figures(&build(&subjects));
        let after = figures(&build(&raised));
        // Raising a level never changes which subjects, axes or groups have a figure.
        prop_assert_eq!(before.len(), after.len());
        for ((name, b), (_, a)) in before.iter().zip(&after) {
            prop_assert!(a + 1e-12 >= *b, "{} went from {} to {}", name, b, a);
        }
    }

    #[test]
    fn group_scores_do_not_depend_on_subject_order(
        subjects in proptest::collection::vec((any::<bool>(), answers()), 0..10)
            .prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle())),
    ) {
        let (original, shuffled) = subjects;
        let (ra, rb) = (build_zoned(&original), build_zoned(&shuffled));
        let st = Settings::for_repo(&ra);
        let a = aggregate(&ra, &st, GroupBy::Zone, None);
        let b = aggregate(&rb, &st, GroupBy::Zone, None);
        prop_assert_eq!(a.len(), b.len());
        for (ga, gb) in a.iter().zip(&b) {
            let (qa, qb) = (&ga.questionnaires[0], &gb.questionnaires[0]);
            prop_assert_eq!((&ga.key, qa.concerned, qa.total), (&gb.key, qb.concerned, qb.total));
            let near = |x: Option<f64>, y: Option<f64>| match (x, y) {
                (Some(x), Some(y)) => (x - y).abs() < 1e-12,
                (None, None) => true,
                _ => false,
            };
            prop_assert!(near(qa.rate, qb.rate) && near(qa.level, qb.level));
            for (xa, xb) in qa.axes.iter().zip(&qb.axes) {
                prop_assert!(near(xa.rate, xb.rate) && near(xa.level, xb.level));
                prop_assert_eq!(xa.concerned, xb.concerned);
            }
        }
    }
}
