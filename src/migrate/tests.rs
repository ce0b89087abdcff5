//! Unit tests of version mapping across a chain of `supersedes`.

use super::*;
use crate::model::{Located, Questionnaire};

fn q(version: &str, criteria: &[&str], supersedes: serde_json::Value) -> Located<Questionnaire> {
    let criteria: Vec<serde_json::Value> = criteria
        .iter()
        .map(|id| serde_json::json!({ "id": id, "title": id, "levels": { "0": "a", "1": "b" }, "expected": [] }))
        .collect();
    let mut v = serde_json::json!({
        "id": "q", "title": "Q", "version": version, "scope": "service", "scale": "standard",
        "axes": [{ "id": "X", "title": "X", "criteria": criteria }]
    });
    if !supersedes.is_null() {
        v["supersedes"] = supersedes;
    }
    let path = if version == "3" {
        "questionnaires/q.yaml".to_string()
    } else {
        format!("questionnaires/archive/q.{version}.yaml")
    };
    Located {
        path,
        value: serde_json::from_value(v).unwrap(),
    }
}

fn repo() -> Repository {
    Repository {
        questionnaires: vec![
            q("1", &["A", "B", "C"], serde_json::Value::Null),
            q(
                "2",
                &["A2", "B", "C"],
                serde_json::json!({ "version": "1", "renamed": { "A": "A2" } }),
            ),
            q(
                "3",
                &["A3", "B"],
                serde_json::json!({ "version": "2", "renamed": { "A2": "A3" } }),
            ),
        ],
        ..Repository::default()
    }
}

#[test]
fn renames_compose_along_the_chain() {
    // 1 → 2 renames A to A2, 2 → 3 renames A2 to A3: an answer on 1 maps A to A3.
    let r = repo();
    let current = r.questionnaire("q").unwrap();
    let from1 = mapping(&r, current, "1").unwrap();
    assert_eq!(from1.get("A").map(String::as_str), Some("A3"));
    assert_eq!(from1.get("B").map(String::as_str), Some("B"));
    let from2 = mapping(&r, current, "2").unwrap();
    assert_eq!(from2.get("A2").map(String::as_str), Some("A3"));
    assert_eq!(mapping(&r, current, "0"), None);
    assert_eq!(mapping(&r, current, "3"), None);
}

#[test]
fn an_answer_already_under_the_new_id_wins_over_the_renamed_one() {
    // A (renamed A3) and A3 both answered: A becomes obsolete rather than a duplicate key.
    let r = repo();
    let resp: Response = serde_json::from_value(serde_json::json!({
        "version": "1",
        "answers": { "A": { "level": 0 }, "A3": { "level": 1 }, "C": { "level": 1 } }
    }))
    .unwrap();
    let m = migration(&r, "answers/o/s.yaml", "q", &resp).unwrap();
    assert!(m.renamed.is_empty());
    assert_eq!(m.obsolete, ["A", "C"]);
    assert_eq!(m.missing, ["B"]);
}
