//! `convergence migrate` on the base fixture with `services` moved to a version 2021 that
//! renames A06.2 to A06.2a, drops A04.2.1 and adds A04.2.3 (`tests/fixtures/workflow/migrate`).

use crate::harness::RepoTest;

const REPORT: &str = "\
answers/alpha/alpha-dcc.yaml — services 2020 → 2021
  renommés : A06.2 → A06.2a
  obsolètes : A04.2.1
  manquants : A04.2.3
answers/editeur-x/ideocm-ror.yaml — services 2020 → 2021
  manquants : A06.2a, A04.2.3
answers/editeur-x/ideocm-socle.yaml — services 2020 → 2021
  renommés : A06.2 → A06.2a
  manquants : A04.2.3
3 réponse(s) à migrer
";

#[test]
fn report_lists_renamed_obsolete_and_missing_criteria() {
    // Renames apply before deciding what is obsolete; missing respects applies_if.
    let t = RepoTest::base_with("workflow/migrate");
    let out = t.run(&["migrate", "--report"]);
    assert_eq!((out.code, out.stdout.as_str()), (0, REPORT));
    // The report alone changes nothing.
    assert_eq!(t.run(&["migrate", "--report"]).stdout, REPORT);
}

#[test]
fn write_edits_only_what_the_migration_needs() {
    // Version bumped, key renamed, obsolete answer commented, stub added; the rest unchanged.
    let t = RepoTest::base_with("workflow/migrate");
    let out = t.run(&["migrate", "--write"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(out.stdout.ends_with(
        "réécrit : answers/alpha/alpha-dcc.yaml\nréécrit : answers/editeur-x/ideocm-ror.yaml\nréécrit : answers/editeur-x/ideocm-socle.yaml\n"
    ));
    let text = std::fs::read_to_string(t.path().join("answers/alpha/alpha-dcc.yaml")).unwrap();
    let expected = "\
id: alpha-dcc
kind: service
name: DCC régional
pos_zone: \"6.2\"
common_core: coordination-dcc
editor: maincare
solution: ideocm
solution_version: \"3.1\"
national_services: [dmp]
publishable: true
status: validated
assessed_on: 2020-12-01
questionnaires:
  services:
    version: \"2021\"
    preliminary: { instance_ror: false }
    answers:
      A06.2a:
        level: 1
        comment: Identifiant local.
        evidence: [\"https://exemple.fr/preuve.pdf\"]
        plan: { 2021-T3: 2, 2022-T2: 3 }
      # Obsolète : A04.2.1 n'existe plus dans la version 2021.
      # A04.2.1:
      #   level: 0
      #   not_plannable: Le ROR régional n'est pas encore déployé.
      ## Nouveaux critères de la version 2021 :
      ## A04.2.3 — Synchronisation avec le ROR national (niveau attendu : 1)
      ##   0 : Aucune.
      ##   1 : Manuelle.
      ##   2 : Automatisée.
      ##   3 : Temps réel.
      # A04.2.3: { level: }
";
    assert_eq!(text, expected);
    let socle =
        std::fs::read_to_string(t.path().join("answers/editeur-x/ideocm-socle.yaml")).unwrap();
    assert!(
        socle.contains(
            "    version: \"2021\"\n    answers:\n      A06.2a: { level: 2 }\n      ## Nouveaux"
        ),
        "{socle}"
    );
    // Migrated: nothing left to do, and the only problems are the criteria left to answer,
    // warnings only: the criterion the new version adds is "to answer" in a validated file.
    assert_eq!(
        t.run(&["migrate", "--report"]).stdout,
        "Aucune réponse à migrer : toutes répondent aux versions en vigueur.\n"
    );
    let out = t.run(&["validate", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let found: Vec<(&str, &str, &str)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["severity"].as_str().unwrap(),
                d["path"].as_str().unwrap(),
                d["code"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("warning", "answers/alpha/alpha-dcc.yaml", "CV316"),
            ("warning", "answers/editeur-x/ideocm-ror.yaml", "CV304"),
            ("warning", "answers/editeur-x/ideocm-socle.yaml", "CV304"),
        ]
    );
}

#[test]
fn a_validated_file_must_still_answer_criteria_it_had_before() {
    // Only what the new version adds is "to answer": a criterion the previous version had,
    // left unanswered in a validated file, stays an error.
    let t = RepoTest::base_with("workflow/migrate");
    assert_eq!(t.run(&["migrate", "--write"]).code, 0);
    t.edit(
        "answers/alpha/alpha-dcc.yaml",
        "      A06.2a:\n        level: 1\n        comment: Identifiant local.\n        evidence: [\"https://exemple.fr/preuve.pdf\"]\n        plan: { 2021-T3: 2, 2022-T2: 3 }\n",
        "      A04.2.3: { level: 1 }\n",
    );
    let out = t.run(&["validate", "--format", "json"]);
    assert_eq!(out.code, 1);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let alpha: Vec<(&str, &str, &str)> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"] == "answers/alpha/alpha-dcc.yaml")
        .map(|d| {
            (
                d["severity"].as_str().unwrap(),
                d["code"].as_str().unwrap(),
                d["message"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        alpha,
        [(
            "error",
            "CV304",
            "1 critère(s) applicable(s) sans réponse dans « services » : A06.2a"
        )]
    );
}

#[test]
fn flow_style_answers_are_left_for_a_person() {
    // `answers: { … }` on one line cannot take comments: reported, file untouched, exit 1.
    let t = RepoTest::base_with("workflow/migrate");
    let rel = "answers/editeur-x/ideocm-socle.yaml";
    let text = std::fs::read_to_string(t.path().join(rel))
        .unwrap()
        .replace(
            "    answers:\n      A06.2: { level: 2 }\n",
            "    answers: { A06.2: { level: 2 } }\n",
        );
    t.write(rel, &text);
    let out = t.run(&["migrate", "--write"]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains(
        "non réécrit : answers/editeur-x/ideocm-socle.yaml : ligne 14 : réponses écrites en style « { … } », migrez-les à la main\n"
    ), "{}", out.stdout);
    assert_eq!(std::fs::read_to_string(t.path().join(rel)).unwrap(), text);
}
