//! `.yml` files are read like `.yaml` ones: a service written as `x.yml` is validated, scored
//! and published, not ignored with a warning.

use crate::harness::RepoTest;

#[test]
fn a_yml_service_is_validated_scored_and_published() {
    let t = RepoTest::fixture("base");
    let from = t.path().join("answers/alpha/alpha-dcc.yaml");
    std::fs::rename(&from, from.with_extension("yml")).unwrap();
    let out = t.run(&["validate", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(
        v.as_array().unwrap().iter().all(|d| d["code"] != "CV012"),
        "{v:#}"
    );
    let yml = t.run(&["score", "--by", "subject", "--format", "csv"]);
    assert!(yml.stdout.contains(",alpha-dcc,"), "{}", yml.stdout);
    // A mistake in it is located in the .yml file.
    let text = std::fs::read_to_string(from.with_extension("yml")).unwrap();
    t.write(
        "answers/alpha/alpha-dcc.yml",
        text.replacen("level: 1", "level: 7", 1),
    );
    let out = t.run(&["validate"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout
            .starts_with("answers/alpha/alpha-dcc.yml:19:16: error[CV301]"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_yaml_and_a_yml_file_with_one_id_are_a_duplicate() {
    let t = RepoTest::fixture("base");
    let text = std::fs::read_to_string(t.path().join("answers/alpha/alpha-dcc.yaml")).unwrap();
    t.write("answers/alpha/alpha-dcc.yml", text);
    let out = t.run(&["validate", "--format", "json"]);
    assert_eq!(out.code, 1);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let dup: Vec<&serde_json::Value> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "CV201")
        .collect();
    assert_eq!(dup.len(), 1, "{v:#}");
}
