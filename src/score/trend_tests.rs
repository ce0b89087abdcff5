//! Trends across a renamed criterion, an obsolete and a new one.

use super::*;
use crate::model::{Located, Questionnaire};
use serde_json::json;

fn questionnaire(
    version: &str,
    a: &[&str],
    b: &[&str],
    supersedes: serde_json::Value,
) -> Questionnaire {
    let levels = json!({"0": "a", "1": "b", "2": "c", "3": "d"});
    let criteria = |ids: &[&str]| -> Vec<serde_json::Value> {
        ids.iter()
            .map(|id| {
                json!({"id": id, "title": id, "levels": levels,
                "expected": [{"level": 2, "from": "2019-01-01"}]})
            })
            .collect()
    };
    let mut q = json!({
        "id": "q", "title": "Q", "version": version, "scope": "service", "scale": "standard",
        "axes": [
            {"id": "A", "title": "A", "criteria": criteria(a)},
            {"id": "B", "title": "B", "criteria": criteria(b)}
        ]
    });
    if !supersedes.is_null() {
        q["supersedes"] = supersedes;
    }
    serde_json::from_value(q).unwrap()
}

/// Version 2019 (archived): A = a1, a2; B = b1, b2. Version 2020 (in force) supersedes it,
/// renaming a1 to a1n: A = a1n, a2 (the same criteria); B = b1, b3 (b2 obsolete, b3 new).
fn repo() -> Repository {
    let v1 = questionnaire(
        "2019",
        &["a1", "a2"],
        &["b1", "b2"],
        serde_json::Value::Null,
    );
    let v2 = questionnaire(
        "2020",
        &["a1n", "a2"],
        &["b1", "b3"],
        json!({"version": "2019", "renamed": {"a1": "a1n"}}),
    );
    let scale = crate::score::tests::scale();
    Repository {
        scales: vec![Located {
            path: "scales/standard.yaml".into(),
            value: scale,
        }],
        questionnaires: vec![
            Located {
                path: "questionnaires/archive/q.2019.yaml".into(),
                value: v1,
            },
            Located {
                path: "questionnaires/q.yaml".into(),
                value: v2,
            },
        ],
        ..Repository::default()
    }
}

fn campaign(id: &str, date: &str, version: &str, rates: [f64; 3]) -> Campaign {
    let row = |axis: Option<&str>, rate: f64| {
        let mut r = json!({"group_by": "national", "group": "national", "questionnaire": "q",
            "rate": rate, "level": rate * 3.0, "concerned": 10, "total": 12});
        if let Some(a) = axis {
            r["axis"] = json!(a);
        }
        r
    };
    serde_json::from_value(json!({
        "id": id, "date": date, "perimeter": "common-core",
        "questionnaires": [{"id": "q", "version": version, "scope": "service", "axes": ["A", "B"]}],
        "subjects": [],
        "aggregates": [row(None, rates[0]), row(Some("A"), rates[1]), row(Some("B"), rates[2])]
    }))
    .unwrap()
}

fn link(from: &str, to: &str, comparable: bool) -> TrendLink {
    TrendLink {
        from: from.into(),
        to: to.into(),
        comparable,
        renamed: Vec::new(),
        obsolete: Vec::new(),
        new: Vec::new(),
    }
}

// Axis A follows the rename a1 → a1n and compares; axis B breaks (b2 obsolete, b3 new); the
// questionnaire as a whole compares only between the two campaigns on version 2020.
#[test]
fn a_renamed_criterion_is_followed_and_obsolete_or_new_ones_break_the_trend() {
    let r = repo();
    let c19 = campaign("2019", "2019-12-15", "2019", [0.5, 0.4, 0.6]);
    let c20 = campaign("2020", "2020-12-15", "2020", [0.7, 0.75, 0.65]);
    let c21 = campaign("2021", "2021-12-15", "2020", [0.8, 0.85, 0.75]);
    let t = trends(&r, &[&c19, &c20, &c21], "national", "national");
    let keys: Vec<(&str, Option<&str>)> = t
        .iter()
        .map(|t| (t.questionnaire.as_str(), t.axis.as_deref()))
        .collect();
    assert_eq!(keys, vec![("q", None), ("q", Some("A")), ("q", Some("B"))]);

    let whole = &t[0];
    assert_eq!(whole.points.len(), 3);
    assert_eq!(
        whole.links,
        vec![link("2019", "2020", false), link("2020", "2021", true)]
    );

    let a = &t[1];
    let rates: Vec<Option<f64>> = a.points.iter().map(|p| p.rate).collect();
    assert_eq!(rates, vec![Some(0.4), Some(0.75), Some(0.85)]);
    assert_eq!(a.points[0].version, "2019");
    assert_eq!((a.points[1].concerned, a.points[1].total), (10, 12));
    let mut renamed = link("2019", "2020", true);
    renamed.renamed = vec![("a1".into(), "a1n".into())];
    assert_eq!(a.links, vec![renamed, link("2020", "2021", true)]);

    let b = &t[2];
    let mut broken = link("2019", "2020", false);
    broken.obsolete = vec!["b2".into()];
    broken.new = vec!["b3".into()];
    assert_eq!(b.links, vec![broken, link("2020", "2021", true)]);
}

// A campaign on a version the repository no longer holds cannot be shown comparable.
#[test]
fn an_unknown_version_is_a_break() {
    let r = repo();
    let old = campaign("2018", "2018-12-15", "2018", [0.5, 0.5, 0.5]);
    let c20 = campaign("2020", "2020-12-15", "2020", [0.7, 0.75, 0.65]);
    let t = trends(&r, &[&old, &c20], "national", "national");
    assert_eq!(t[1].links, vec![link("2018", "2020", false)]);
}

// A sheet's own trend, scored from its frozen levels as computed by hand (every criterion
// expected at 2, weight 1). 2019 on version 2019: A = a1 1, a2 2 → 0.75 / 1.5; B = b1 0,
// b2 2 → 0.5 / 1; whole 0.625 / 1.25. 2020 on version 2020, still answered against 2019:
// a1 followed to a1n; b2 obsolete, not counted. A = 2, 2 → 1 / 2; B = b1 1 → 0.5 / 1;
// whole 0.75 / 1.5. A subject absent from a campaign has no point there.
#[test]
fn a_sheet_trend_scores_its_frozen_levels_with_the_version_in_force_then() {
    let r = repo();
    let frozen = |version: &str, levels: serde_json::Value| -> crate::model::FrozenSubject {
        serde_json::from_value(json!({"id": "s1", "org": "o", "in_perimeter": true,
            "questionnaires": {"q": {"version": version, "levels": levels}}}))
        .unwrap()
    };
    let mut c19 = campaign("2019", "2019-12-15", "2019", [0.5, 0.4, 0.6]);
    c19.subjects
        .push(frozen("2019", json!({"a1": 1, "a2": 2, "b1": 0, "b2": 2})));
    let mut c20 = campaign("2020", "2020-12-15", "2020", [0.7, 0.75, 0.65]);
    c20.subjects
        .push(frozen("2019", json!({"a1": 2, "a2": 2, "b1": 1, "b2": 3})));
    let history = History::new(&r, &[&c19, &c20]);
    let t = history.subject_trends("s1");
    let figures = |t: &Trend| -> Vec<(Option<f64>, Option<f64>, usize)> {
        t.points
            .iter()
            .map(|p| (p.rate, p.level, p.total))
            .collect()
    };
    assert_eq!(t.len(), 3);
    assert_eq!(
        figures(&t[0]),
        vec![(Some(0.625), Some(1.25), 1), (Some(0.75), Some(1.5), 1)]
    );
    assert_eq!(t[0].links, vec![link("2019", "2020", false)]);
    assert_eq!(t[1].axis.as_deref(), Some("A"));
    assert_eq!(
        figures(&t[1]),
        vec![(Some(0.75), Some(1.5), 1), (Some(1.0), Some(2.0), 1)]
    );
    assert_eq!(t[1].links[0].renamed, vec![("a1".into(), "a1n".into())]);
    assert_eq!(
        figures(&t[2]),
        vec![(Some(0.5), Some(1.0), 1), (Some(0.5), Some(1.0), 1)]
    );
    assert!(!t[2].links[0].comparable);
    assert!(history.subject_trends("absent").is_empty());
    // The group trends read the same campaigns through the index.
    assert_eq!(
        history.trends("national", "national")[1].points[1].rate,
        Some(0.75)
    );
}
