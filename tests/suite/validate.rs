//! `convergence validate` on fixture repositories: every check, with its exact code, message
//! and location.

use crate::harness::RepoTest;

/// One diagnostic as `(severity, "path:line:col", code, message)`.
type Diag = (String, String, String, String);

/// Runs `validate --format json` and returns the diagnostics and the exit code.
fn diags(t: &RepoTest) -> (i32, Vec<Diag>) {
    let out = t.run(&["validate", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("bad JSON ({e}): {}\n{}", out.stdout, out.stderr));
    let list = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let loc = match d.get("location") {
                Some(l) => format!("{}:{}:{}", d["path"].as_str().unwrap(), l["line"], l["col"]),
                None => d["path"].as_str().unwrap().to_string(),
            };
            (
                d["severity"].as_str().unwrap().to_string(),
                loc,
                d["code"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (out.code, list)
}

/// The diagnostics other than the base fixture's two known draft warnings.
fn errors(t: &RepoTest) -> (i32, Vec<Diag>) {
    let (code, list) = diags(t);
    (
        code,
        list.into_iter()
            .filter(|d| !(d.2 == "CV304" && d.1.starts_with("answers/editeur-x/")))
            .collect(),
    )
}

fn d(sev: &str, at: &str, code: &str, msg: &str) -> Diag {
    (sev.into(), at.into(), code.into(), msg.into())
}

const SUBJECT: &str = "answers/alpha/alpha-dcc.yaml";

/// Replaces `from` by `to` in a file of the repository.
fn edit(t: &RepoTest, rel: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(t.path().join(rel)).unwrap();
    assert!(text.contains(from), "{rel} does not contain {from:?}");
    t.write(rel, text.replacen(from, to, 1));
}

#[test]
fn base_fixture_is_valid_with_draft_warnings_only() {
    // The base fixture has two incomplete drafts: warnings, exit 0.
    let t = RepoTest::fixture("base");
    let (code, list) = diags(&t);
    assert_eq!(code, 0);
    assert_eq!(
        list,
        vec![
            d(
                "warning",
                "answers/editeur-x/ideocm-ror.yaml:14:5",
                "CV304",
                "2 critère(s) applicable(s) sans réponse dans « services » : A06.2, A04.2.1"
            ),
            d(
                "warning",
                "answers/editeur-x/ideocm-socle.yaml:14:5",
                "CV304",
                "1 critère(s) applicable(s) sans réponse dans « services » : A04.2.1"
            ),
        ]
    );
}

#[test]
fn human_output_shows_line_marker_and_hint() {
    // The rendered form: position, code, message, source line, caret under the value, hint.
    let t = RepoTest::fixture("base");
    edit(
        &t,
        SUBJECT,
        "      A06.2:\n        level: 1",
        "      A06.2:\n        level: 4",
    );
    let out = t.run(&["validate"]);
    assert_eq!(out.code, 1);
    let expected = "\
answers/alpha/alpha-dcc.yaml:19:16: error[CV301]: le niveau 4 n'existe pas pour le critère A06.2
   |
19 |         level: 4
   |                ^
  = aide : niveaux possibles : 1, 2, 3, na
";
    assert!(out.stdout.starts_with(expected), "{}", out.stdout);
    assert!(
        out.stdout.ends_with("3 erreur(s), 2 avertissement(s)\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn reports_schema_problems_all_at_once() {
    // Unknown field, wrong type, bad enum value and missing field in one file: all reported.
    let t = RepoTest::fixture("base");
    t.write(
        SUBJECT,
        "id: alpha-dcc\nkind: servce\nnme: DCC\npublishable: oui\nstatus: validated\nassessed_on: 2020-12-01\n",
    );
    let (code, list) = errors(&t);
    assert_eq!(code, 1);
    assert_eq!(
        list,
        vec![
            d(
                "error",
                "answers/alpha/alpha-dcc.yaml:1:1",
                "CV102",
                "champ obligatoire « name » absent"
            ),
            d(
                "error",
                "answers/alpha/alpha-dcc.yaml:2:7",
                "CV104",
                "valeur non autorisée pour « kind » : le texte « servce »"
            ),
            d(
                "error",
                "answers/alpha/alpha-dcc.yaml:3:1",
                "CV101",
                "champ inconnu « nme »"
            ),
            d(
                "error",
                "answers/alpha/alpha-dcc.yaml:4:14",
                "CV103",
                "« publishable » doit être un booléen (true ou false), pas le texte « oui »"
            ),
        ]
    );
}

#[test]
fn rejects_unknown_references() {
    // Zone, type, editor, solution and national service that do not exist.
    let t = RepoTest::fixture("base");
    edit(&t, SUBJECT, "pos_zone: \"6.2\"", "pos_zone: \"9.9\"");
    edit(
        &t,
        SUBJECT,
        "common_core: coordination-dcc",
        "common_core: dcc",
    );
    edit(&t, SUBJECT, "solution: ideocm", "solution: ideo");
    edit(&t, SUBJECT, "[dmp]", "[dmp, sas]");
    let (_, list) = errors(&t);
    assert_eq!(
        list,
        vec![
            d(
                "error",
                "answers/alpha/alpha-dcc.yaml:4:11",
                "CV203",
                "zone du POS « 9.9 » inconnu(e)"
            ),
            d(
                "error",
                "answers/alpha/alpha-dcc.yaml:5:14",
                "CV203",
                "type de service du tronc commun « dcc » inconnu(e)"
            ),
            d(
                "error",
                "answers/alpha/alpha-dcc.yaml:7:11",
                "CV203",
                "solution de l'éditeur maincare « ideo » inconnu(e)"
            ),
            d(
                "error",
                "answers/alpha/alpha-dcc.yaml:9:26",
                "CV203",
                "service socle national « sas » inconnu(e)"
            ),
        ]
    );
}

#[test]
fn rejects_unknown_questionnaire_criterion_and_region() {
    // A questionnaire and a criterion that do not exist, an unknown region code.
    let t = RepoTest::fixture("base");
    edit(&t, SUBJECT, "      A04.2.1:", "      A99.1:");
    edit(
        &t,
        "answers/alpha/organisation.yaml",
        "region: \"84\"",
        "region: \"99\"",
    );
    edit(
        &t,
        "answers/alpha/organisation.yaml",
        "  regional:",
        "  regionale:",
    );
    let (_, list) = errors(&t);
    assert_eq!(
        list,
        vec![
            d(
                "error",
                "answers/alpha/alpha-dcc.yaml:17:5",
                "CV304",
                "1 critère(s) applicable(s) sans réponse dans « services » : A04.2.1"
            ),
            d(
                "error",
                "answers/alpha/alpha-dcc.yaml:23:7",
                "CV203",
                "critère « A99.1 » inconnu dans « services » version 2020"
            ),
            d(
                "error",
                "answers/alpha/organisation.yaml:4:9",
                "CV203",
                "région « 99 » inconnu(e)"
            ),
            d(
                "error",
                "answers/alpha/organisation.yaml:9:3",
                "CV203",
                "questionnaire « regionale » inconnu"
            ),
        ]
    );
}

#[test]
fn rejects_duplicate_ids_and_path_mismatch() {
    // Same subject id in two organisations; a file whose name differs from its id.
    let t = RepoTest::fixture("base");
    let text = std::fs::read_to_string(t.path().join(SUBJECT)).unwrap();
    t.write("answers/editeur-x/alpha-dcc.yaml", &text);
    t.write(
        "answers/alpha/other.yaml",
        text.replace("id: alpha-dcc", "id: alpha-sso"),
    );
    let (_, list) = errors(&t);
    assert_eq!(
        list,
        vec![
            d(
                "error",
                "answers/alpha/other.yaml:1:5",
                "CV202",
                "l'identifiant « alpha-sso » ne correspond pas au chemin du fichier"
            ),
            d(
                "error",
                "answers/editeur-x/alpha-dcc.yaml:1:5",
                "CV201",
                "service ou produit « alpha-dcc » en double"
            ),
        ]
    );
}

#[test]
fn checks_levels_na_and_applicability() {
    // Level outside the criterion's levels, "na" where not allowed, answer to a criterion
    // excluded by the preliminary answers.
    let t = RepoTest::fixture("base");
    edit(&t, SUBJECT, "level: 0\n", "level: na\n");
    edit(&t, SUBJECT, "level: 1\n", "level: 0\n");
    edit(
        &t,
        SUBJECT,
        "        not_plannable: Le ROR",
        "      A04.2.2: { level: 1 }\n        #",
    );
    let (_, list) = errors(&t);
    assert_eq!(
        list,
        vec![
            d(
                "error",
                "answers/alpha/alpha-dcc.yaml:19:16",
                "CV301",
                "le niveau 0 n'existe pas pour le critère A06.2"
            ),
            d(
                "error",
                "answers/alpha/alpha-dcc.yaml:24:16",
                "CV302",
                "« non applicable » n'est pas permis pour le critère A04.2.1"
            ),
            d(
                "error",
                "answers/alpha/alpha-dcc.yaml:25:7",
                "CV303",
                "le critère A04.2.2 ne s'applique pas d'après les réponses préliminaires"
            ),
        ]
    );
}

#[test]
fn unanswered_is_an_error_when_validated_and_a_warning_when_draft() {
    let t = RepoTest::fixture("base");
    edit(
        &t,
        SUBJECT,
        "      A04.2.1:\n        level: 0\n        not_plannable: Le ROR régional n'est pas encore déployé.\n",
        "",
    );
    let (code, list) = errors(&t);
    assert_eq!(code, 1);
    assert_eq!(
        list,
        vec![d(
            "error",
            "answers/alpha/alpha-dcc.yaml:17:5",
            "CV304",
            "1 critère(s) applicable(s) sans réponse dans « services » : A04.2.1"
        )]
    );
    edit(&t, SUBJECT, "status: validated", "status: draft");
    let (code, list) = errors(&t);
    assert_eq!(code, 0);
    assert_eq!(list[0].0, "warning");
}

#[test]
fn checks_convergence_plans() {
    // Decreasing milestones, a milestone before the assessment, one not above the current
    // level, and a level the criterion does not have.
    let t = RepoTest::fixture("base");
    edit(
        &t,
        SUBJECT,
        "plan: { 2021-T3: 2, 2022-T2: 3 }",
        "plan: { 2020-T2: 2, 2021-T1: 1, 2021-T3: 3, 2022-T1: 2, 2023-T1: 5 }",
    );
    let (_, list) = errors(&t);
    assert_eq!(
        list,
        vec![
            d(
                "error",
                "answers/alpha/alpha-dcc.yaml:22:17",
                "CV306",
                "le jalon 2020-T2 est antérieur à la date d'évaluation 2020-12-01"
            ),
            d(
                "error",
                "answers/alpha/alpha-dcc.yaml:22:38",
                "CV305",
                "le niveau baisse de 2 (2020-T2) à 1 (2021-T1)"
            ),
            d(
                "error",
                "answers/alpha/alpha-dcc.yaml:22:38",
                "CV307",
                "le jalon 2021-T1 vise le niveau 1, qui ne dépasse pas le niveau actuel 1"
            ),
            d(
                "error",
                "answers/alpha/alpha-dcc.yaml:22:62",
                "CV305",
                "le niveau baisse de 3 (2021-T3) à 2 (2022-T1)"
            ),
            d(
                "error",
                "answers/alpha/alpha-dcc.yaml:22:74",
                "CV301",
                "le niveau 5 n'existe pas pour le critère A06.2"
            ),
        ]
    );
}

#[test]
fn rejects_plans_on_decommissioned_subjects_and_unjustified_not_plannable() {
    let t = RepoTest::fixture("base");
    edit(
        &t,
        SUBJECT,
        "publishable: true",
        "publishable: true\ndecommissioning: true",
    );
    edit(
        &t,
        SUBJECT,
        "not_plannable: Le ROR régional n'est pas encore déployé.",
        "not_plannable: \" \"",
    );
    let (_, list) = errors(&t);
    assert_eq!(
        list,
        vec![
            d(
                "error",
                "answers/alpha/alpha-dcc.yaml:11:1",
                "CV308",
                "1 critère(s) ont un plan de convergence alors que le service est voué au décommissionnement : A06.2"
            ),
            d(
                "error",
                "answers/alpha/alpha-dcc.yaml:26:24",
                "CV309",
                "cible déclarée non planifiable sans justification"
            ),
        ]
    );
}

#[test]
fn warns_on_previous_questionnaire_version_and_rejects_unknown_ones() {
    // Answers against an archived version validate with a warning; an unknown version is an error.
    let t = RepoTest::fixture("base");
    let q = std::fs::read_to_string(t.path().join("questionnaires/services.yaml")).unwrap();
    t.write(
        "questionnaires/archive/services.2019.yaml",
        q.replace("version: \"2020\"", "version: \"2019\""),
    );
    edit(
        &t,
        "questionnaires/services.yaml",
        "scope: service",
        "scope: service\nsupersedes: { version: \"2019\" }",
    );
    edit(&t, SUBJECT, "version: \"2020\"", "version: \"2019\"");
    edit(
        &t,
        "answers/alpha/organisation.yaml",
        "version: \"2020\"",
        "version: \"2018\"",
    );
    let (code, list) = errors(&t);
    assert_eq!(code, 1);
    assert_eq!(
        list,
        vec![
            d(
                "warning",
                "answers/alpha/alpha-dcc.yaml:15:14",
                "CV310",
                "réponses données sur la version 2019 de « services » ; la version en vigueur est 2020"
            ),
            d(
                "error",
                "answers/alpha/organisation.yaml:10:14",
                "CV310",
                "version « 2018 » de « regional » inconnue"
            ),
        ]
    );
}

#[test]
fn checks_questionnaire_consistency() {
    // Unknown scale-level, expected level outside the scale, unknown preliminary question,
    // unknown doctrine page and FAQ entry.
    let t = RepoTest::fixture("base");
    let q = "questionnaires/services.yaml";
    edit(&t, q, "doctrine: a06", "doctrine: a07");
    edit(&t, q, "faq: [non-applicable]", "faq: [na]");
    edit(
        &t,
        q,
        "- { level: 1, from: 2020-12-15 }",
        "- { level: 4, from: 2020-12-15 }",
    );
    edit(
        &t,
        q,
        "applies_if: { instance_ror: true }",
        "applies_if: { ror: true }",
    );
    let (_, list) = errors(&t);
    assert_eq!(
        list,
        vec![
            // The renamed condition no longer holds for the ROR option's answer.
            d(
                "error",
                "answers/editeur-x/ideocm-ror.yaml:15:7",
                "CV303",
                "le critère A04.2.2 ne s'applique pas d'après les réponses préliminaires"
            ),
            d(
                "error",
                "questionnaires/services.yaml:12:15",
                "CV203",
                "page de doctrine « a07 » inconnue"
            ),
            d(
                "error",
                "questionnaires/services.yaml:16:15",
                "CV203",
                "entrée de FAQ « na » inconnue"
            ),
            d(
                "error",
                "questionnaires/services.yaml:23:22",
                "CV204",
                "niveau attendu 4 hors de l'échelle"
            ),
            d(
                "error",
                "questionnaires/services.yaml:38:23",
                "CV203",
                "question préliminaire « ror » inconnue"
            ),
        ]
    );
}

#[test]
fn checks_products_and_organisations() {
    // An option extending a missing socle; a region without region code; a bad owner handle.
    let t = RepoTest::fixture("base");
    edit(
        &t,
        "answers/editeur-x/ideocm-ror.yaml",
        "extends: ideocm-socle",
        "extends: ideocm",
    );
    edit(
        &t,
        "answers/alpha/organisation.yaml",
        "region: \"84\"\n",
        "",
    );
    edit(
        &t,
        "answers/alpha/organisation.yaml",
        "\"@alpha\"",
        "\"alpha\"",
    );
    let (_, list) = errors(&t);
    assert_eq!(
        list,
        vec![
            d(
                "error",
                "answers/alpha/organisation.yaml:1:1",
                "CV102",
                "une organisation de type region doit indiquer son code région"
            ),
            d(
                "error",
                "answers/alpha/organisation.yaml:4:10",
                "CV403",
                "propriétaire « alpha » mal écrit"
            ),
            d(
                "error",
                "answers/editeur-x/ideocm-ror.yaml:6:35",
                "CV203",
                "produit socle « ideocm » inconnu"
            ),
        ]
    );
}

#[test]
fn rejects_doctrine_page_for_unknown_axis() {
    // Front matter locations count the opening `---` line.
    let t = RepoTest::fixture("base");
    edit(&t, "content/doctrine/a06.md", "axis: A06", "axis: A99");
    let (_, list) = errors(&t);
    assert_eq!(
        list,
        vec![d(
            "error",
            "content/doctrine/a06.md:3:7",
            "CV203",
            "axe « A99 » inconnu"
        )]
    );
}

#[test]
fn a_duplicate_key_in_front_matter_is_located_in_the_page() {
    // Line 1 is `---`: the second `title` stands on line 4, the first on line 2.
    let t = RepoTest::fixture("base");
    edit(
        &t,
        "content/doctrine/a06.md",
        "axis: A06",
        "axis: A06\ntitle: Encore",
    );
    let out = t.run(&["validate"]);
    let expected = "\
content/doctrine/a06.md:4:1: error[CV007]: clé « title » en double
  |
4 | title: Encore
  | ^^^^^
  = aide : la première occurrence est ligne 2, colonne 1 : gardez-en une seule
";
    assert!(out.stdout.contains(expected), "{}", out.stdout);
}

#[test]
fn the_examples_of_the_format_guide_are_valid() {
    // The subject, product and organisation examples of docs/format.md, dropped into a copy of
    // this repository's referential, raise no problem but the expected incompleteness.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/format.md")).unwrap();
    let blocks: Vec<&str> = doc
        .split("```yaml\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap())
        .filter(|b| b.starts_with("# yaml-language-server"))
        .collect();
    let t = RepoTest::fixture("base");
    for dir in ["content", "questionnaires"] {
        std::fs::remove_dir_all(t.path().join(dir)).unwrap();
        let _ = std::process::Command::new("cp")
            .arg("-r")
            .arg(root.join(dir))
            .arg(t.path())
            .status();
    }
    std::fs::remove_dir_all(t.path().join("answers")).unwrap();
    let find = |needle: &str| *blocks.iter().find(|b| b.contains(needle)).unwrap();
    t.write("answers/ara/ara-dcc.yaml", find("id: ara-dcc"));
    t.write("answers/ara/organisation.yaml", find("kind: region"));
    // Products belong to the organisation that speaks for their editor.
    t.write(
        "answers/maincare/organisation.yaml",
        "id: maincare\nname: Maincare\nkind: editor\neditor: maincare\nowners: [\"@maincare\"]\n",
    );
    t.write("answers/maincare/ideocm-ror.yaml", find("id: ideocm-ror"));
    t.write(
        "answers/maincare/ideocm-socle.yaml",
        find("id: ideocm-ror")
            .replace("id: ideocm-ror", "id: ideocm-socle")
            .replace("{ kind: option, extends: ideocm-socle }", "{ kind: socle }"),
    );
    let (_, list) = diags(&t);
    let codes: Vec<(&str, &str)> = list.iter().map(|d| (d.1.as_str(), d.2.as_str())).collect();
    assert!(
        codes.iter().all(|(_, c)| *c == "CV304"),
        "unexpected problems in the format guide's examples: {list:?}"
    );
}
