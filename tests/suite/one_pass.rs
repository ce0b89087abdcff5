//! One pass: a shape error in a file (a day that does not exist, a wrong type) does not hide
//! the file's other problems; each is reported once, in the same run.

use crate::harness::RepoTest;

const CASE: &str = "invalid/answer_shape_error_and_others";

#[test]
fn a_bad_date_does_not_hide_a_level_or_an_unknown_criterion() {
    // `assessed_on: 2026-02-30`, `level: 4` and an unknown criterion in one file: three
    // located errors in one run.
    let t = RepoTest::base_with(CASE);
    assert_eq!(
        t.errors_with_hints(),
        [
            (
                "answers/alpha/alpha-tlc.yaml:8:14",
                "CV104",
                "valeur invalide : date inexistante : « 2026-02-30 »",
                "voir docs/format.md pour la forme attendue",
            ),
            (
                "answers/alpha/alpha-tlc.yaml:15:16",
                "CV301",
                "le niveau 4 n'existe pas pour le critère A06.2",
                "niveaux possibles : 1, 2, 3, na",
            ),
            (
                "answers/alpha/alpha-tlc.yaml:18:7",
                "CV203",
                "critère « A99.9 » inconnu dans « services » version 2020",
                "vérifiez l'identifiant dans le questionnaire publié",
            ),
        ]
        .map(|(a, b, c, d)| (a.into(), b.into(), c.into(), d.into()))
    );
}

#[test]
fn a_wrong_type_does_not_hide_a_bad_date_or_a_level() {
    // A wrong type (found by the schema) and a day that does not exist (found when typing)
    // in the same file: both reported, and the level check still runs.
    let t = RepoTest::base_with(CASE);
    t.edit(
        "answers/alpha/alpha-tlc.yaml",
        "publishable: true",
        "publishable: oui",
    );
    let errors: Vec<(String, String)> = t
        .errors_with_hints()
        .into_iter()
        .map(|(at, code, ..)| (at, code))
        .collect();
    assert_eq!(
        errors,
        [
            ("answers/alpha/alpha-tlc.yaml:6:14", "CV103"),
            ("answers/alpha/alpha-tlc.yaml:8:14", "CV104"),
            ("answers/alpha/alpha-tlc.yaml:15:16", "CV301"),
            ("answers/alpha/alpha-tlc.yaml:18:7", "CV203"),
        ]
        .map(|(at, code)| (at.to_string(), code.to_string())),
    );
}

#[test]
fn a_misspelt_key_does_not_hide_references_or_other_levels() {
    // A misspelt `level` (an unknown field and a missing one, on the same answer), an unknown
    // POS zone and a level out of scale in another answer: all reported at once; the answer
    // whose level is missing is not also said to be out of scale or unanswered.
    let t = RepoTest::fixture("base");
    let file = "answers/alpha/alpha-dcc.yaml";
    t.edit(file, "        level: 1\n", "        levle: 1\n")
        .edit(file, "level: 0", "level: 7")
        .edit(file, "pos_zone: \"6.2\"", "pos_zone: \"9.9\"");
    let errors = t.errors_with_hints();
    assert_eq!(
        errors
            .iter()
            .map(|e| (e.0.as_str(), e.1.as_str(), e.2.as_str()))
            .collect::<Vec<_>>(),
        [
            (
                "answers/alpha/alpha-dcc.yaml:4:11",
                "CV203",
                "zone du POS « 9.9 » inconnu(e)"
            ),
            (
                "answers/alpha/alpha-dcc.yaml:18:7",
                "CV102",
                "champ obligatoire « level » absent"
            ),
            (
                "answers/alpha/alpha-dcc.yaml:19:9",
                "CV101",
                "champ inconnu « levle »"
            ),
            (
                "answers/alpha/alpha-dcc.yaml:24:16",
                "CV301",
                "le niveau 7 n'existe pas pour le critère A04.2.1"
            ),
        ],
        "{errors:#?}"
    );
}
