//! `convergence score` and `convergence export` on hand-built fixture repositories. Expected
//! figures are computed by hand in the comments of `tests/fixtures/score/basic/answers/**` and
//! below.

use super::harness::RepoTest;
use serde_json::Value;

/// Runs `score --format json` with extra arguments on the basic fixture and parses the output.
fn score_json(t: &RepoTest, args: &[&str]) -> Value {
    let mut all = vec!["score", "--format", "json"];
    all.extend_from_slice(args);
    let out = t.run(&all);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap()
}

fn basic() -> RepoTest {
    RepoTest::fixture("score/basic")
}

/// The aggregate of questionnaire `urba` for group `key`.
fn urba<'a>(v: &'a Value, key: &str) -> &'a Value {
    let g = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["key"] == key)
        .unwrap_or_else(|| panic!("no group {key} in {v:#}"));
    &g["questionnaires"][0]
}

fn approx(v: &Value, expected: f64) {
    let x = v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"));
    assert!((x - expected).abs() < 1e-9, "{x} ≠ {expected}");
}

fn keys(v: &Value) -> Vec<String> {
    v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["key"].as_str().unwrap().to_string())
        .collect()
}

// Subject values (see the fixture comments):
//   ara-dcc  8/9,   level 5/3   (AX1 7/9, 7/3; AX2 1, 1)
//   ara-tlc  2/3,   level 2     (AX1 only: AX2 all na, dropped; to be decommissioned)
//   occ-dcc  47/72, level 3/4   (AX1 5/9, 1; AX2 3/4, 1/2)
//   occ-draft 1/4, level 0; occ-misc (no common core) 1, level 11/4.

#[test]
fn national_rate_is_the_mean_of_subject_values_over_the_common_core() {
    // (8/9 + 2/3 + 47/72)/3 = 159/216; levels (5/3 + 2 + 3/4)/3 = 53/36.
    let v = score_json(&basic(), &[]);
    let q = urba(&v, "national");
    approx(&q["rate"], 159.0 / 216.0);
    approx(&q["level"], 53.0 / 36.0);
    assert_eq!(
        (q["concerned"].as_u64(), q["total"].as_u64()),
        (Some(3), Some(3))
    );
    assert_eq!(v["settings"]["perimeter"], "common-core");
    assert_eq!(v["settings"]["include_drafts"], false);
    assert_eq!(v["date"], "2020-12-15");
}

#[test]
fn axis_aggregates_use_weights_caps_and_expected_zero() {
    // AX1: (7/9 + 2/3 + 5/9)/3 = 2/3 (C1 weight 2, C2 capped at 1); levels (7/3 + 2 + 1)/3 = 16/9.
    // AX2: ara-dcc 1 (C3 expected 0) and occ-dcc 3/4; ara-tlc all na is not concerned: 2 / 3.
    let v = score_json(&basic(), &[]);
    let q = urba(&v, "national");
    let ax1 = &q["axes"][0];
    assert_eq!(ax1["axis"], "AX1");
    approx(&ax1["rate"], 2.0 / 3.0);
    approx(&ax1["level"], 16.0 / 9.0);
    assert_eq!(ax1["concerned"], 3);
    let ax2 = &q["axes"][1];
    approx(&ax2["rate"], 0.875);
    approx(&ax2["level"], 0.75);
    assert_eq!(ax2["concerned"], 2);
}

#[test]
fn an_all_na_axis_is_dropped_from_the_subject() {
    // ara-tlc: AX2 all na, so its value is AX1 alone: 2/3, level 2.
    let v = score_json(&basic(), &["--by", "subject"]);
    let q = urba(&v, "ara-tlc");
    approx(&q["rate"], 2.0 / 3.0);
    approx(&q["level"], 2.0);
    assert_eq!(q["axes"][1]["concerned"], 0);
    assert_eq!(q["axes"][1]["rate"], Value::Null);
}

#[test]
fn regions_come_from_the_organisation_file() {
    // 76: occ-dcc alone. 84: (8/9 + 2/3)/2 = 7/9, levels (5/3 + 2)/2 = 11/6.
    let v = score_json(&basic(), &["--by", "region"]);
    assert_eq!(keys(&v), ["76", "84"]);
    approx(&urba(&v, "76")["rate"], 47.0 / 72.0);
    approx(&urba(&v, "84")["rate"], 7.0 / 9.0);
    approx(&urba(&v, "84")["level"], 11.0 / 6.0);
    assert_eq!(v["groups"][1]["label"], "Auvergne-Rhône-Alpes");
}

#[test]
fn zones_roll_up_into_their_domain() {
    let v = score_json(&basic(), &["--by", "zone"]);
    assert_eq!(keys(&v), ["6.2", "6.5"]);
    assert_eq!(urba(&v, "6.2")["concerned"], 2);
    let v = score_json(&basic(), &["--by", "domain"]);
    assert_eq!(keys(&v), ["6"]);
    assert_eq!(urba(&v, "6")["concerned"], 3);
}

#[test]
fn other_groupings_use_type_editor_solution_and_org_kind() {
    let v = score_json(&basic(), &["--by", "type"]);
    assert_eq!(keys(&v), ["coordination-dcc", "telesante-tlc"]);
    // (8/9 + 47/72)/2 = 111/144.
    approx(&urba(&v, "coordination-dcc")["rate"], 111.0 / 144.0);
    let v = score_json(&basic(), &["--by", "editor"]);
    assert_eq!(keys(&v), ["edi"]);
    let v = score_json(&basic(), &["--by", "solution"]);
    assert_eq!(keys(&v), ["edi/sol"]);
    approx(&urba(&v, "edi/sol")["rate"], 8.0 / 9.0);
    let v = score_json(&basic(), &["--by", "org-kind"]);
    assert_eq!(keys(&v), ["region"]);
    let v = score_json(&basic(), &["--by", "organisation"]);
    assert_eq!(keys(&v), ["ara", "occ"]);
}

#[test]
fn non_publishable_archived_and_draft_subjects_are_left_out() {
    let v = score_json(&basic(), &["--by", "subject"]);
    assert_eq!(keys(&v), ["ara-dcc", "ara-tlc", "occ-dcc"]);
}

#[test]
fn drafts_count_with_the_flag() {
    // + occ-draft (1/4, level 0): rates (64 + 48 + 47 + 18)/72/4 = 177/288; levels 53/48.
    let v = score_json(&basic(), &["--include-drafts"]);
    let q = urba(&v, "national");
    approx(&q["rate"], 177.0 / 288.0);
    approx(&q["level"], 53.0 / 48.0);
    assert_eq!(
        (q["concerned"].as_u64(), q["total"].as_u64()),
        (Some(4), Some(4))
    );
    assert_eq!(v["settings"]["include_drafts"], true);
}

#[test]
fn perimeter_all_adds_subjects_outside_the_common_core() {
    // + occ-misc (1, level 11/4): (159/72 + 1)/4 = 231/288; levels (53/12 + 33/12)/4 = 43/24.
    let v = score_json(&basic(), &["--perimeter", "all"]);
    let q = urba(&v, "national");
    approx(&q["rate"], 231.0 / 288.0);
    approx(&q["level"], 43.0 / 24.0);
    assert_eq!(q["total"], 4);
    assert_eq!(v["settings"]["perimeter"], "all");
}

#[test]
fn projection_before_the_first_milestone_keeps_current_levels() {
    // 2021-06-30: occ-dcc unchanged (47/72); ara-tlc decommissioned is left out:
    // (8/9 + 47/72)/2 = 111/144, total 2.
    let v = score_json(&basic(), &["--at", "2021-06-30"]);
    let q = urba(&v, "national");
    approx(&q["rate"], 111.0 / 144.0);
    assert_eq!(
        (q["concerned"].as_u64(), q["total"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(v["projected"], true);
}

#[test]
fn projection_between_milestones_takes_the_latest_reached() {
    // 2021-12-31: occ-dcc C1 = 2 (2021-T3): AX1 (2×2/3 + 1)/3 = 7/9, AX2 3/4 (C4 not
    // plannable stays 1) → 55/72; national (64/72 + 55/72)/2 = 119/144.
    let v = score_json(&basic(), &["--at", "2021-12-31"]);
    approx(&urba(&v, "national")["rate"], 119.0 / 144.0);
}

#[test]
fn projection_at_a_quarter_end_includes_its_milestone() {
    // 2022-12-31 is the end of 2022-T4: C1 = 3, C2 still 1 (2023-T1 not reached).
    // occ-dcc: AX1 1, level 7/3; AX2 3/4, 1/2 → 7/8, level 17/12.
    // National (8/9 + 7/8)/2 = 127/144, levels (5/3 + 17/12)/2 = 37/24.
    let v = score_json(&basic(), &["--at", "2022-12-31"]);
    let q = urba(&v, "national");
    approx(&q["rate"], 127.0 / 144.0);
    approx(&q["level"], 37.0 / 24.0);
}

#[test]
fn projection_after_all_milestones_uses_expected_levels_at_the_reference_date() {
    // 2025-12-31: C1 3, C2 2. C2's expected level is 3 from 2022 but projections compare with
    // the level expected at the reference date (1): ratio 1. occ-dcc AX1 1, level 8/3; AX2 3/4,
    // 1/2 (C4 not plannable) → 7/8, level 19/12. National levels (5/3 + 19/12)/2 = 13/8.
    let v = score_json(&basic(), &["--at", "2025-12-31"]);
    let q = urba(&v, "national");
    approx(&q["rate"], 127.0 / 144.0);
    approx(&q["level"], 13.0 / 8.0);
    // With expected levels read in 2025 instead, C2 = 2 counts 2/3 for occ-dcc (AX1 8/9) and
    // ara-dcc C2 = 3 stays 1: occ-dcc (8/9 + 3/4)/2 = 59/72; national (64/72 + 59/72)/2.
    let v = score_json(
        &basic(),
        &["--at", "2025-12-31", "--reference-date", "2025-12-31"],
    );
    approx(&urba(&v, "national")["rate"], 123.0 / 144.0);
}

#[test]
fn table_shows_perimeter_rates_levels_and_concerned() {
    let out = basic().run(&["score"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "Périmètre : services rattachés au tronc commun (common-core) ; publiables, non archivés, validés
Date : 2020-12-15, niveaux actuels ; niveaux attendus au 2020-12-15

Groupe    Questionnaire  Axe       Services concernés    Taux    Niveau
National  urba           ensemble               3 / 3  73.6 %  1.47 / 3
National  urba           AX1                    3 / 3  66.7 %  1.78 / 3
National  urba           AX2                    2 / 3  87.5 %  0.75 / 3
"
    );
}

#[test]
fn csv_filters_by_axis_and_names_the_perimeter() {
    let out = basic().run(&["score", "--format", "csv", "--axis", "AX2", "--by", "zone"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "group_by,group,label,questionnaire,axis,date,projected,perimeter,rate,level,max_level,concerned,total\r
zone,6.2,Coordination,urba,AX2,2020-12-15,false,common-core,0.875,0.75,3,2,2\r
zone,6.5,Télésanté,urba,AX2,2020-12-15,false,common-core,,,3,0,1\r
"
    );
}

#[test]
fn unknown_questionnaire_is_an_error() {
    let out = basic().run(&["score", "--questionnaire", "nope"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("questionnaire inconnu"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_subject_without_organisation_file_has_no_region() {
    // Without answers/occ/organisation.yaml, occ-dcc has no region: only 84 remains.
    let t = basic();
    std::fs::remove_file(t.path().join("answers/occ/organisation.yaml")).unwrap();
    let v = score_json(&t, &["--by", "region"]);
    assert_eq!(keys(&v), ["84"]);
}

#[test]
fn raising_an_answer_raises_the_national_rate() {
    // occ-dcc C4 1 → 2 (expected 2): AX2 1, level 1; occ-dcc (5/9 + 1)/2 = 7/9.
    // National (8/9 + 2/3 + 7/9)/3 = 7/9.
    let t = basic();
    let path = t.path().join("answers/occ/occ-dcc.yaml");
    let text = std::fs::read_to_string(path).unwrap();
    t.write(
        "answers/occ/occ-dcc.yaml",
        text.replace("      C4:\n        level: 1", "      C4:\n        level: 2"),
    );
    approx(&urba(&score_json(&t, &[]), "national")["rate"], 7.0 / 9.0);
}

/// Runs `export` into a fresh folder and returns the folder with the four files.
fn export(t: &RepoTest, args: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap().to_string();
    let mut all = vec!["export", "--out", dir.as_str()];
    all.extend_from_slice(args);
    let run = t.run(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    out
}

fn read(dir: &tempfile::TempDir, name: &str) -> String {
    std::fs::read_to_string(dir.path().join(name)).unwrap()
}

const EXPORTS: [&str; 4] = [
    "scores.json",
    "scores.schema.json",
    "scores.csv",
    "answers.csv",
];

#[test]
fn exports_never_contain_non_publishable_or_archived_subjects() {
    // The canaries occ-secret (not publishable) and occ-old (archived) carry "CANARI" in their
    // name and comments; the draft is left out by default too, even with --perimeter all.
    for args in [&[][..], &["--perimeter", "all", "--include-drafts"][..]] {
        let out = export(&basic(), args);
        for name in EXPORTS {
            let text = read(&out, name);
            assert!(!text.contains("CANARI"), "{name} leaks a canary");
            assert!(
                !text.contains("occ-secret") && !text.contains("occ-old"),
                "{name}"
            );
            // Subjects are named in the sheets of scores.json and in answers.csv.
            if name == "scores.json" || name == "answers.csv" {
                let with_drafts = !args.is_empty();
                assert_eq!(text.contains("occ-draft"), with_drafts, "{name} {args:?}");
            }
        }
    }
}

#[test]
fn exports_are_byte_stable() {
    let a = export(&basic(), &[]);
    let b = export(&basic(), &[]);
    for name in EXPORTS {
        assert_eq!(read(&a, name), read(&b, name), "{name}");
    }
}

#[test]
fn scores_json_is_valid_against_its_schema() {
    let out = export(&basic(), &[]);
    let schema: Value = serde_json::from_str(&read(&out, "scores.schema.json")).unwrap();
    let scores: Value = serde_json::from_str(&read(&out, "scores.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&scores)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn scores_json_holds_snapshots_trajectory_subjects_and_distributions() {
    let out = export(&basic(), &[]);
    let v: Value = serde_json::from_str(&read(&out, "scores.json")).unwrap();
    let dates: Vec<&str> = v["snapshots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2020-12-15", "2022-12-31", "2025-12-31"]);
    // Nine groupings per snapshot (subjects have their sheets); the 2022 national figure is the one of `score --at`.
    let snap = &v["snapshots"][1];
    assert_eq!(snap["groupings"].as_array().unwrap().len(), 9);
    approx(
        &snap["groupings"][0]["groups"][0]["questionnaires"][0]["rate"],
        127.0 / 144.0,
    );
    // 2020-T4 … 2025-T4: 21 quarters.
    let t = v["trajectory"].as_array().unwrap();
    assert_eq!(t.len(), 21);
    assert_eq!(
        (t[0]["quarter"].as_str(), t[20]["date"].as_str()),
        (Some("2020-T4"), Some("2025-12-31"))
    );
    // 2021-T4 ends on 2021-12-31: same figure as `score --at 2021-12-31`.
    approx(&t[4]["questionnaires"][0]["rate"], 119.0 / 144.0);
    // Subject sheets: every public subject, inside the perimeter or not; none projected when
    // to be decommissioned.
    let subjects: Vec<&str> = v["subjects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["subject"].as_str().unwrap())
        .collect();
    assert_eq!(subjects, ["ara-dcc", "ara-tlc", "occ-dcc", "occ-misc"]);
    assert_eq!(v["subjects"][1]["projections"], Value::Array(vec![]));
    assert_eq!(v["subjects"][3]["in_perimeter"], false);
    approx(&v["subjects"][3]["current"][0]["level"], 11.0 / 4.0);
    // C4 distribution: ara-dcc na, occ-dcc 1 (perimeter only; ara-tlc na).
    let c4 = &v["distributions"][0]["criteria"][3];
    assert_eq!(c4["criterion"], "C4");
    assert_eq!(c4["levels"], serde_json::json!([0, 1, 0, 0]));
    assert_eq!(c4["na"], 2);
}

#[test]
fn answers_csv_has_one_quoted_row_per_subject_and_criterion() {
    let out = export(&basic(), &[]);
    let text = read(&out, "answers.csv");
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "org,region,subject,name,kind,pos_zone,common_core,editor,solution,solution_version,status,\
         assessed_on,questionnaire,version,axis,criterion,level,expected,comment,plan,not_plannable"
    );
    assert_eq!(
        lines[1],
        "ara,84,ara-dcc,DCC Auvergne-Rhône-Alpes,service,6.2,coordination-dcc,edi,sol,2.1,validated,\
         2020-12-01,urba,2020,AX1,C1,2,3,\"Cartographie partielle, à compléter\",,"
    );
    assert_eq!(
        lines[9],
        "occ,76,occ-dcc,DCC Occitanie,service,6.2,coordination-dcc,,,,validated,2020-11-15,urba,\
         2020,AX1,C1,1,3,Migration prévue ; « phase 2 »,2021-T3:2;2022-T4:3,"
    );
    assert!(lines[12].ends_with(",1,2,,,Le service n'échange pas de documents."));
    // 4 public subjects × 4 criteria, the header and the final empty split.
    assert_eq!(lines.len(), 1 + 16 + 1);
}

#[test]
fn scores_csv_has_a_questionnaire_row_and_axis_rows_per_group() {
    let out = export(&basic(), &[]);
    let text = read(&out, "scores.csv");
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "group_by,group,label,questionnaire,axis,date,projected,perimeter,rate,level,max_level,concerned,total"
    );
    assert!(
        lines[1]
            .starts_with("national,national,National,urba,*,2020-12-15,false,common-core,0.73611")
    );
    assert!(lines[2].starts_with("national,national,National,urba,AX1,"));
    assert!(
        text.contains("\r\nregion,84,Auvergne-Rhône-Alpes,urba,*,2022-12-31,true,common-core,")
    );
}

#[test]
fn organisation_questionnaires_are_scored_per_organisation_and_nationally() {
    // ara: rate 1, level 3 (S1.2 na). occ: (1/3 + 1)/2 = 2/3, level 3/2. National 5/6, 9/4, 2 / 2.
    // At 2022-12-31 occ S1.1 reaches 3: occ 1, level 5/2; national 1, level 11/4.
    let out = export(&basic(), &[]);
    let v: Value = serde_json::from_str(&read(&out, "scores.json")).unwrap();
    let o = &v["organisations"];
    assert_eq!(o["questionnaires"][0]["id"], "si");
    let now = &o["national"][0]["questionnaires"][0];
    approx(&now["rate"], 5.0 / 6.0);
    approx(&now["level"], 9.0 / 4.0);
    assert_eq!(
        (now["concerned"].as_u64(), now["total"].as_u64()),
        (Some(2), Some(2))
    );
    let later = &o["national"][1];
    assert_eq!(later["date"], "2022-12-31");
    approx(&later["questionnaires"][0]["rate"], 1.0);
    approx(&later["questionnaires"][0]["level"], 11.0 / 4.0);
    assert_eq!(o["organisations"][1]["org"], "occ");
    approx(&o["organisations"][1]["current"][0]["rate"], 2.0 / 3.0);
    // Organisation questionnaires never mix with service figures.
    assert_eq!(v["questionnaires"].as_array().unwrap().len(), 1);
}
