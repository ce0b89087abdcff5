//! Conformity questionnaires on `tests/fixtures/conformity` laid over the base fixture, with the
//! repository's own MaturiN-H questionnaire: requirement shares and verdicts, the MaturiN-H worked
//! example of the doctrine, grade distributions, and the checks on paths, evidence and values.
//! Expected figures are computed by hand in the comments of the fixture's answer files.

use super::harness::{RepoTest, json};
use serde_json::Value;
use std::path::Path;

/// The fixture with `questionnaires/maturin-h.yaml` copied from the repository itself.
fn fixture() -> RepoTest {
    let t = RepoTest::base_with("conformity");
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaires/maturin-h.yaml");
    t.write(
        "questionnaires/maturin-h.yaml",
        std::fs::read_to_string(shipped).unwrap(),
    );
    t
}

fn report(t: &RepoTest, questionnaire: &str) -> Value {
    let out = t.run(&[
        "score",
        "--questionnaire",
        questionnaire,
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    json(&out)
}

fn holder<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["holders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == id)
        .unwrap_or_else(|| panic!("no holder {id} in {v:#}"))
}

fn approx(v: &Value, expected: f64) {
    let x = v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"));
    assert!((x - expected).abs() < 1e-9, "{x} ≠ {expected}");
}

#[test]
fn the_fixture_is_valid() {
    // Every later test starts from a repository without errors.
    assert_eq!(fixture().errors_with_hints(), vec![]);
}

#[test]
fn requirement_share_counts_applicable_requirements_per_section_and_overall() {
    // prod-a: 2 met of 3 applicable (R.B1 needs teleexpertise); R.A 1/2, R.B 1/1; conforme.
    let v = report(&fixture(), "exigences-test");
    let ids: Vec<&str> = v["holders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["prod-a", "prod-b"], "the draft prod-c does not count");
    let a = holder(&v, "prod-a");
    approx(&a["share"], 2.0 / 3.0);
    assert_eq!(a["verdict"], "conforme");
    approx(&a["sections"][0]["share"], 0.5);
    approx(&a["sections"][1]["share"], 1.0);
    assert_eq!(a["sections"][1]["answered"], 1);
}

#[test]
fn one_unmet_mandatory_requirement_is_non_conforme_whatever_the_share() {
    // prod-b meets 3 of 4 (75 %, more than prod-a) but not the mandatory R.A1.
    let v = report(&fixture(), "exigences-test");
    let b = holder(&v, "prod-b");
    approx(&b["share"], 0.75);
    assert_eq!(b["verdict"], "non-conforme");
    assert_eq!(b["mandatory_unmet"], serde_json::json!(["R.A1"]));
}

#[test]
fn each_requirement_gives_the_share_of_respondents_meeting_it() {
    let v = report(&fixture(), "exigences-test");
    let shares: Vec<(String, u64, u64)> = v["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["criterion"].as_str().unwrap().to_string(),
                r["met"].as_u64().unwrap(),
                r["answered"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("R.A1", 1, 2),
        ("R.A2", 1, 2),
        ("R.B1", 1, 1),
        ("R.B2", 2, 2),
    ]
    .map(|(c, m, a)| (c.to_string(), m, a));
    assert_eq!(shares, expected);
}

#[test]
fn the_maturin_h_worked_example_scores_75_and_grade_b() {
    // Doctrine 2020 ch. V § 4.3: 95 % ≥ 90 % → 1, non → 0, 95 % → 1, oui → 1: 75 / 100 → B.
    let v = report(&fixture(), "maturin-h");
    let chu = holder(&v, "chu-exemple");
    approx(&chu["share"], 0.75);
    assert_eq!(chu["grade"], "B");
    assert_eq!(chu["group"], "CHR/U");
}

#[test]
fn maturin_h_criteria_apply_by_establishment_type() {
    // The EHPAD answers only MH1.2 and MH1.4 (both met): 100 → A; the ESPIC 1/4 → D.
    let v = report(&fixture(), "maturin-h");
    let ehpad = holder(&v, "ehpad-x");
    approx(&ehpad["share"], 1.0);
    assert_eq!(ehpad["grade"], "A");
    assert_eq!(ehpad["sections"][0]["answered"], 2);
    let espic = holder(&v, "espic-y");
    approx(&espic["share"], 0.25);
    assert_eq!(espic["grade"], "D");
}

#[test]
fn score_prints_holders_and_grade_distributions_by_region_and_type() {
    let out = fixture().run(&["score", "--questionnaire", "maturin-h"]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    assert_eq!(
        out.stdout,
        "Questionnaire : maturin-h — MaturiN-H — sécurité de l'identification du patient \
         (version 2021-illustratif) ; illustratif\n\
         Répondants : publiables, non archivés, validés (le périmètre ne s'applique pas) ; niveaux actuels\n\
         \n\
         Répondant    Organisation  Groupe        Score  Niveau\n\
         chu-exemple  chu-exemple   CHR/U    75.0 / 100       B\n\
         ehpad-x      ehpad-x       EHPAD   100.0 / 100       A\n\
         espic-y      espic-y       ESPIC    25.0 / 100       D\n\
         \n\
         Répartition des niveaux\n\
         Groupe                       A  B  C  D\n\
         National                     1  1  0  1\n\
         Région Bretagne              1  0  0  0\n\
         Région Auvergne-Rhône-Alpes  0  1  0  1\n\
         Type CHR/U                   0  1  0  0\n\
         Type EHPAD                   1  0  0  0\n\
         Type ESPIC                   0  0  0  1\n"
    );
}

#[test]
fn score_prints_shares_per_section_and_the_verdict() {
    let out = fixture().run(&["score", "--questionnaire", "exigences-test"]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().skip(3).collect();
    assert_eq!(
        lines,
        [
            "Répondant  Organisation  Exigences respectées     R.A      R.B  Verdict       Obligatoires non respectées",
            "prod-a     editeur-x                   66.7 %  50.0 %  100.0 %  conforme",
            "prod-b     editeur-x                   75.0 %  50.0 %  100.0 %  non conforme  R.A1",
            "",
            "Par exigence",
            "Exigence  Obligatoire  Respectée par     Part",
            "R.A1      oui                  1 / 2   50.0 %",
            "R.A2      non                  1 / 2   50.0 %",
            "R.B1      non                  1 / 1  100.0 %",
            "R.B2      non                  2 / 2  100.0 %",
        ]
    );
}

#[test]
fn a_conformity_questionnaire_refuses_groupings() {
    let out = fixture().run(&["score", "--questionnaire", "maturin-h", "--by", "region"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("« maturin-h » est un questionnaire de conformité"),
        "{}",
        out.stderr
    );
}

/// The errors of the fixture after one edit.
fn errors_after(rel: &str, from: &str, to: &str) -> Vec<(String, String, String, String)> {
    let t = fixture();
    t.edit(rel, from, to);
    t.errors_with_hints()
}

fn e(at: &str, code: &str, msg: &str, hint: &str) -> (String, String, String, String) {
    (at.into(), code.into(), msg.into(), hint.into())
}

#[test]
fn a_requirement_met_without_evidence_is_an_error_when_the_questionnaire_asks_for_it() {
    let found = errors_after(
        "answers/editeur-x/prod-a.yaml",
        r#"R.A1: { level: 1, evidence: ["https://exemple.fr/preuve-a1.pdf"] }"#,
        "R.A1: { level: 1 }",
    );
    assert_eq!(
        found,
        [e(
            "answers/editeur-x/prod-a.yaml:18:22",
            "CV322",
            "l'exigence R.A1 est déclarée conforme sans preuve",
            "ajoutez « evidence: [lien] » (résultat de test, document, page), ou déclarez le niveau 0"
        )]
    );
}

#[test]
fn an_unknown_completion_path_is_located_with_a_suggestion() {
    let found = errors_after(
        "answers/editeur-x/prod-a.yaml",
        "completion_paths: [tele]",
        "completion_paths: [tel]",
    );
    assert_eq!(
        found,
        [e(
            "answers/editeur-x/prod-a.yaml:12:20",
            "CV320",
            "parcours de complétion inconnu : « tel »",
            "vouliez-vous dire « tele » ?"
        )]
    );
}

#[test]
fn a_validated_product_answers_every_questionnaire_of_its_paths() {
    let found = errors_after(
        "answers/editeur-x/prod-b.yaml",
        "questionnaires:\n  exigences-test:",
        "completion_paths: [tele]\nquestionnaires:\n  autre:",
    );
    // The edit renames the response (an unknown questionnaire, CV203, beside ours).
    let ours: Vec<_> = found.iter().filter(|f| f.1 == "CV321").cloned().collect();
    assert_eq!(
        ours,
        [e(
            "answers/editeur-x/prod-b.yaml:12:20",
            "CV321",
            "le parcours « tele » demande de répondre à : exigences-test",
            "ajoutez ces questionnaires sous « questionnaires » (convergence new product --path … les écrit), ou repassez la fiche en brouillon"
        )]
    );
}

#[test]
fn a_value_criterion_needs_its_value_and_a_level_that_agrees_with_it() {
    let t = fixture();
    t.edit(
        "answers/chu-exemple/organisation.yaml",
        "MH1.1: { level: 1, value: 95 }",
        "MH1.1: { level: 1 }",
    );
    t.edit(
        "answers/chu-exemple/organisation.yaml",
        "MH1.3: { level: 1, value: 95 }",
        "MH1.3: { level: 1, value: 85 }",
    );
    t.edit(
        "answers/chu-exemple/organisation.yaml",
        "MH1.4: { level: 1 }",
        "MH1.4: { level: 1, value: 1 }",
    );
    assert_eq!(
        t.errors_with_hints(),
        [
            e(
                "answers/chu-exemple/organisation.yaml:15:23",
                "CV323",
                "le critère MH1.1 est un critère « valeur » sans valeur déclarée",
                "ajoutez « value: … » (en %) ; le critère est atteint à partir de 90 %"
            ),
            e(
                "answers/chu-exemple/organisation.yaml:17:23",
                "CV324",
                "la valeur déclarée 85 % n'atteint pas le minimum de 90 % : le niveau est 0, pas 1",
                "écrivez « level: 0 », ou corrigez la valeur"
            ),
            e(
                "answers/chu-exemple/organisation.yaml:18:26",
                "CV323",
                "le critère MH1.4 est un critère « oui/non » : pas de valeur",
                "retirez « value » ; le niveau dit si le critère est atteint (1) ou non (0)"
            ),
        ]
    );
}

#[test]
fn only_structures_answer_maturin_h() {
    let found = errors_after(
        "answers/ehpad-x/organisation.yaml",
        "kind: structure",
        "kind: region",
    );
    assert_eq!(
        found,
        [e(
            "answers/ehpad-x/organisation.yaml:10:3",
            "CV325",
            "« maturin-h » est rempli par les organisations de type structure, pas region",
            "retirez ces réponses de ce fichier, ou changez « kind » si le type est faux"
        )]
    );
}

#[test]
fn applies_if_any_names_a_preliminary_question_and_its_choices() {
    let t = fixture();
    t.edit(
        "questionnaires/exigences-test.yaml",
        "        applies_if: { teleexpertise: true }",
        "        applies_if_any: { teleexpertise: [true, CHU], autre: [true] }",
    );
    // The external assessment of prod-b answers R.B1 too: the same error, in its file.
    assert_eq!(
        t.errors_with_hints(),
        [
            e(
                "answers/certif-x/evaluations/eval-prod-b.yaml:13:7",
                "CV303",
                "le critère R.B1 ne s'applique pas d'après les réponses préliminaires",
                "il s'applique si autre = oui et teleexpertise = oui ou CHU ; retirez la réponse ou corrigez « preliminary »"
            ),
            e(
                "answers/editeur-x/prod-b.yaml:19:7",
                "CV303",
                "le critère R.B1 ne s'applique pas d'après les réponses préliminaires",
                "il s'applique si autre = oui et teleexpertise = oui ou CHU ; retirez la réponse ou corrigez « preliminary »"
            ),
            e(
                "questionnaires/exigences-test.yaml:31:49",
                "CV204",
                "valeur « CHU » impossible pour la question « teleexpertise »",
                "réponse attendue : true (oui) ou false (non)"
            ),
            e(
                "questionnaires/exigences-test.yaml:31:55",
                "CV203",
                "question préliminaire « autre » inconnue",
                "déclarez-la dans « preliminary » du questionnaire"
            ),
        ]
    );
}

/// Builds the portal of the fixture and returns the text of one page.
fn built(t: &RepoTest, page: &str) -> String {
    let out_dir = t.path().join("public");
    let out = t.run(&["build", "--out", out_dir.to_str().unwrap()]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    std::fs::read_to_string(out_dir.join(page)).unwrap()
}

#[test]
fn the_portal_lists_holders_and_the_share_meeting_each_requirement() {
    let html = built(&fixture(), "conformite/exigences-test.html");
    for row in [
        r#"<tr><th scope="row"><a href="../services/prod-a.html">Produit A</a></th><td>01/03/2021</td><td>66,7 %</td><td>50,0 %</td><td>100,0 %</td><td><strong>conforme</strong></td><td></td></tr>"#,
        r#"<tr><th scope="row"><a href="../services/prod-b.html">Produit B</a></th><td>02/03/2021</td><td>75,0 %</td><td>50,0 %</td><td>100,0 %</td><td>non conforme</td><td>R.A1</td></tr>"#,
        r#"<tr><th scope="row">R.A1 Exigence obligatoire</th><td>oui</td><td>1 / 2</td><td>50,0 %</td></tr>"#,
        r#"<tr><th scope="row">R.B2 Pour tous</th><td>non</td><td>2 / 2</td><td>100,0 %</td></tr>"#,
    ] {
        assert!(html.contains(row), "missing {row}");
    }
    assert!(!html.contains("Produit C"), "a draft is not published");
}

#[test]
fn the_portal_shows_maturin_h_grades_by_region_and_type() {
    let html = built(&fixture(), "conformite/maturin-h.html");
    for row in [
        r#"<td>CHR/U</td><td>75,0 / 100</td><td>niveau B</td></tr>"#,
        r#"<tr><th scope="row">National</th><td>1</td><td>1</td><td>0</td><td>1</td></tr>"#,
        r#"<tr><th scope="row">Auvergne-Rhône-Alpes</th><td>0</td><td>1</td><td>0</td><td>1</td></tr>"#,
        r#"<tr><th scope="row">EHPAD</th><td>1</td><td>0</td><td>0</td><td>0</td></tr>"#,
        "Questionnaire illustratif",
    ] {
        assert!(html.contains(row), "missing {row}");
    }
}

#[test]
fn each_holder_sheet_has_a_conformity_section() {
    let t = fixture();
    let sheet = built(&t, "services/prod-b.html");
    assert!(sheet.contains(
        r#"<li><a href="../conformite/exigences-test.html">Exigences de test</a> : 75,0 % des exigences respectées, non conforme</li>"#
    ));
    let org =
        std::fs::read_to_string(t.path().join("public/organisations/chu-exemple.html")).unwrap();
    assert!(
        org.contains("score 75,0 / 100, <strong>niveau B</strong> (questionnaire illustratif)")
    );
    let other = std::fs::read_to_string(t.path().join("public/services/alpha-dcc.html")).unwrap();
    assert!(
        !other.contains("<h2>Conformité</h2>"),
        "only holders have the section"
    );
}

#[test]
fn new_product_on_a_completion_path_names_it_and_writes_its_questionnaires() {
    let t = fixture();
    let args = ["new", "product", "--org", "editeur-x", "--id", "prod-d"];
    let out = t.run(
        &[
            &args[..],
            &["--path", "tele", "--assessed-on", "2021-05-01"],
        ]
        .concat(),
    );
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    let text = std::fs::read_to_string(t.path().join("answers/editeur-x/prod-d.yaml")).unwrap();
    let top: Vec<&str> = text
        .lines()
        .filter(|l| {
            l.starts_with("completion_paths") || l.starts_with("  ") && !l.starts_with("   ")
        })
        .map(|l| l.split("  #").next().unwrap())
        .collect();
    assert_eq!(
        top,
        [
            "completion_paths: [tele]",
            "  services:",
            "  exigences-test:"
        ],
        "{text}"
    );
    // Without a path, a new product gets the maturity questionnaires only.
    let out = t.run(&["new", "product", "--org", "editeur-x", "--id", "prod-e"]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    let text = std::fs::read_to_string(t.path().join("answers/editeur-x/prod-e.yaml")).unwrap();
    assert!(!text.contains("exigences-test"), "{text}");
    assert!(!text.contains("completion_paths"), "{text}");
}

#[test]
fn new_product_refuses_an_unknown_path_with_a_suggestion() {
    let out = fixture().run(&[
        "new",
        "product",
        "--org",
        "editeur-x",
        "--id",
        "p",
        "--path",
        "tel",
    ]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr.trim_end(),
        "erreur : parcours de complétion « tel » inconnu ; vouliez-vous dire « tele » ? sinon, parcours : tele"
    );
}

/// `(id, share, verdict)` of every holder of `exigences-test` under `--assessment mode`.
fn verdicts(t: &RepoTest, mode: &str) -> Vec<(String, f64, String)> {
    let out = t.run(&[
        "score",
        "--questionnaire",
        "exigences-test",
        "--assessment",
        mode,
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    json(&out)["holders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["id"].as_str().unwrap().to_string(),
                (h["share"].as_f64().unwrap() * 1000.0).round() / 1000.0,
                h["verdict"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn v(id: &str, share: f64, verdict: &str) -> (String, f64, String) {
    (id.into(), share, verdict.into())
}

#[test]
fn scores_can_use_self_external_or_retained_levels() {
    // Self: the products' own answers. External: only prod-b, assessed by certif-x (3/4, R.A1
    // met). Retained: the external levels where they exist, the product's own elsewhere.
    let t = fixture();
    assert_eq!(
        verdicts(&t, "self"),
        [
            v("prod-a", 0.667, "conforme"),
            v("prod-b", 0.75, "non-conforme")
        ]
    );
    assert_eq!(verdicts(&t, "external"), [v("prod-b", 0.75, "conforme")]);
    assert_eq!(
        verdicts(&t, "retained"),
        [
            v("prod-a", 0.667, "conforme"),
            v("prod-b", 0.75, "conforme")
        ]
    );
}

#[test]
fn only_an_accredited_assessor_records_an_external_assessment() {
    let found = errors_after("convergence.yaml", "assessors: [certif-x]", "assessors: []");
    assert_eq!(
        found,
        [e(
            "answers/certif-x/evaluations/eval-prod-b.yaml:4:10",
            "CV326",
            "« certif-x » n'est pas un organisme évaluateur",
            "les mainteneurs habilitent un évaluateur dans convergence.yaml (« assessors »)"
        )]
    );
}

#[test]
fn an_assessor_sharing_an_owner_with_the_subject_cannot_assess_it() {
    let found = errors_after(
        "answers/certif-x/organisation.yaml",
        r#"owners: ["@certif-x"]"#,
        r#"owners: ["@certif-x", "@maincare"]"#,
    );
    assert_eq!(
        found,
        [e(
            "answers/certif-x/evaluations/eval-prod-b.yaml:4:10",
            "CV327",
            "l'évaluateur « certif-x » partage le propriétaire @maincare avec l'organisation « editeur-x » de la fiche évaluée",
            "une évaluation externe est faite par un organisme indépendant de la fiche"
        )]
    );
}

#[test]
fn an_external_assessment_names_an_existing_subject() {
    let found = errors_after(
        "answers/certif-x/evaluations/eval-prod-b.yaml",
        "subject: prod-b",
        "subject: prod-z",
    );
    assert_eq!(
        found,
        [e(
            "answers/certif-x/evaluations/eval-prod-b.yaml:4:10",
            "CV203",
            "fiche évaluée inconnue : « prod-z »",
            "indiquez l'identifiant d'un service ou d'un produit de answers/"
        )]
    );
}

/// The holders of a label as "sheet name date", read from its built page.
fn label_holders(html: &str) -> Vec<String> {
    html.lines()
        .map(str::trim)
        .filter(|l| l.starts_with(r#"<tr><th scope="row"><a href="../../services/"#))
        .map(|l| {
            l.replace(r#"<tr><th scope="row"><a href="../../services/"#, "")
                .replace(r#"">"#, " ")
                .replace("</a></th><td>", " ")
                .replace("</td></tr>", "")
        })
        .collect()
}

#[test]
fn label_holders_meet_every_rule_on_the_levels_the_label_names() {
    // Hand-computed in the comments of tests/fixtures/conformity/content/labels/*.yaml.
    let t = fixture();
    let own = built(&t, "conformite/labels/exigences-conforme.html");
    assert_eq!(label_holders(&own), ["prod-a.html Produit A 01/03/2021"]);
    let read = |page: &str| {
        std::fs::read_to_string(t.path().join("public/conformite/labels").join(page)).unwrap()
    };
    assert_eq!(
        label_holders(&read("exigences-evalue.html")),
        [
            "prod-a.html Produit A 01/03/2021",
            "prod-b.html Produit B 01/09/2021"
        ]
    );
    assert_eq!(
        label_holders(&read("exigences-externe.html")),
        ["prod-b.html Produit B 01/09/2021"]
    );
    assert!(
        read("exigences-evalue.html").contains(
            "<li>Exigences de test : taux d&#39;au moins 50 % sur l&#39;axe « R.A »</li>"
        )
    );
}

#[test]
fn each_holder_sheet_lists_its_labels_with_their_date() {
    let t = fixture();
    let sheet = built(&t, "services/prod-b.html");
    assert!(sheet.contains(
        r#"<li><a href="../conformite/labels/exigences-evalue.html">Exigences évaluées</a>, depuis le 01/09/2021</li>"#
    ), "{sheet}");
    assert!(!sheet.contains("Conforme aux exigences</a>"));
    let index = std::fs::read_to_string(t.path().join("public/conformite/index.html")).unwrap();
    assert!(index.contains(
        r#"<li><a href="../conformite/labels/exigences-evalue.html">Exigences évaluées</a> : 2 titulaire(s)</li>"#
    ), "{index}");
    let other = std::fs::read_to_string(t.path().join("public/services/alpha-dcc.html")).unwrap();
    assert!(
        !other.contains("<h2>Labels</h2>"),
        "only holders have the section"
    );
}

#[test]
fn a_label_rule_on_an_unknown_questionnaire_is_located_with_a_suggestion() {
    let found = errors_after(
        "content/labels/exigences-evalue.yaml",
        "{ questionnaire: exigences-test, axis: R.A, min_rate: 50 }",
        "{ questionnaire: exigence-test, axis: R.A, min_rate: 50 }",
    );
    assert_eq!(
        found,
        [e(
            "content/labels/exigences-evalue.yaml:12:22",
            "CV328",
            "questionnaire inconnu dans une règle de label : « exigence-test »",
            "vouliez-vous dire « exigences-test » ?"
        )]
    );
}

#[test]
fn a_label_rule_names_an_axis_of_its_questionnaire_and_a_condition() {
    let found = errors_after(
        "content/labels/exigences-evalue.yaml",
        "{ questionnaire: exigences-test, axis: R.A, min_rate: 50 }",
        "{ questionnaire: exigences-test, axis: R.C }",
    );
    assert_eq!(
        found,
        [
            e(
                "content/labels/exigences-evalue.yaml:12:5",
                "CV330",
                "la règle sur « exigences-test » ne pose aucune condition",
                "ajoutez « verdict: conforme » ou « min_rate: 80 » (en %)"
            ),
            e(
                "content/labels/exigences-evalue.yaml:12:44",
                "CV329",
                "axe inconnu de « exigences-test » : « R.C »",
                "vouliez-vous dire « R.A » ?"
            ),
        ]
    );
}

#[test]
fn a_label_verdict_needs_a_requirement_questionnaire() {
    let found = errors_after(
        "content/labels/exigences-externe.yaml",
        "{ questionnaire: exigences-test, min_rate: 75 }",
        "{ questionnaire: services, verdict: conforme }",
    );
    assert_eq!(
        found,
        [e(
            "content/labels/exigences-externe.yaml:8:41",
            "CV331",
            "« services » n'est pas un questionnaire d'exigences : il ne donne pas de verdict",
            "utilisez « min_rate » (taux minimal en %) pour ce questionnaire"
        )]
    );
}

/// The text of `html` from the heading `h2` to the end of its section.
fn section<'a>(html: &'a str, h2: &str) -> &'a str {
    let start = html
        .find(&format!("<h2>{h2}</h2>"))
        .unwrap_or_else(|| panic!("no section {h2} in {html}"));
    let end = html[start..].find("</section>").unwrap() + start;
    &html[start..end]
}

#[test]
fn an_assessed_sheet_shows_own_and_external_levels_with_the_gaps() {
    // prod-b says R.A1 0, R.B1 1; certif-x finds R.A1 1, R.B1 0; R.A2 and R.B2 agree (1):
    // 4 compared, 2 same, 1 higher, 1 lower; 75 % either way, non conforme then conforme.
    let t = fixture();
    let sheet = built(&t, "services/prod-b.html");
    let s = section(&sheet, "Autoévaluation et évaluation externe");
    for part in [
        r#"Évaluation externe par <a href="../organisations/certif-x.html">Organisme certificateur X</a> le 01/09/2021. Le portail publie l'autoévaluation"#,
        r#"<div class="fact"><dt>Autoévaluation</dt><dd>75,0 %, non conforme</dd></div>"#,
        r#"<div class="fact"><dt>Évaluation externe</dt><dd>75,0 %, conforme</dd></div>"#,
        "<dd>4 critère(s) comparé(s) : 2 au même niveau, 1 plus haut et 1 plus bas selon l&#39;évaluateur</dd>",
        r#"<tr><th scope="row">R.A1 Exigence obligatoire</th><td>0</td><td>1</td><td>+1</td></tr>"#,
        r#"<tr><th scope="row">R.A2 Exigence facultative</th><td>1</td><td>1</td><td>0</td></tr>"#,
        r#"<tr><th scope="row">R.B1 Téléexpertise seulement</th><td>1</td><td>0</td><td>−1</td></tr>"#,
        r#"<tr><th scope="row">R.B2 Pour tous</th><td>1</td><td>1</td><td>0</td></tr>"#,
    ] {
        assert!(s.contains(part), "missing {part} in {s}");
    }
    let other = std::fs::read_to_string(t.path().join("public/services/prod-a.html")).unwrap();
    assert!(
        !other.contains("Autoévaluation et évaluation externe"),
        "only assessed subjects have the section"
    );
}

#[test]
fn a_solution_page_lists_the_conformity_of_the_products_using_it() {
    // prod-a and prod-b both use Maincare's IdeoCM; prod-c is a draft.
    let page = built(&fixture(), "editeurs/maincare/ideocm.html");
    let s = section(&page, "Conformité");
    assert_eq!(
        s.matches("<li>").count(),
        2,
        "one entry per published holder: {s}"
    );
    for part in [
        r#"<li><a href="../../conformite/exigences-test.html">Exigences de test</a> — <a href="../../services/prod-a.html">Produit A</a> : 66,7 % des exigences respectées, <strong>conforme</strong></li>"#,
        r#"<li><a href="../../conformite/exigences-test.html">Exigences de test</a> — <a href="../../services/prod-b.html">Produit B</a> : 75,0 % des exigences respectées, non conforme</li>"#,
    ] {
        assert!(s.contains(part), "missing {part} in {s}");
    }
}

/// The errors of the fixture after several edits of the external assessment of prod-b.
fn assessment_errors(edits: &[(&str, &str)]) -> Vec<(String, String, String, String)> {
    let t = fixture();
    for (from, to) in edits {
        t.edit("answers/certif-x/evaluations/eval-prod-b.yaml", from, to);
    }
    t.errors_with_hints()
}

#[test]
fn an_external_assessment_gets_the_level_and_plan_checks_of_an_answer_file() {
    // A level off the scale, "na" where it is not allowed, a plan before the assessment date and
    // an applicable requirement left out: each located in the assessor's file.
    let found = assessment_errors(&[
        (
            r#"R.A2: { level: 1, evidence: ["https://certif-x.exemple.fr/rapport-b.pdf"] }"#,
            "R.A2: { level: 3 }",
        ),
        (
            "R.B1: { level: 0 }",
            "R.B1: { level: 0, plan: { 2021-T1: 1 } }",
        ),
        (
            r#"R.B2: { level: 1, evidence: ["https://certif-x.exemple.fr/rapport-b.pdf"] }"#,
            "",
        ),
        (
            r#"R.A1: { level: 1, evidence: ["https://certif-x.exemple.fr/rapport-b.pdf"] }"#,
            "R.A1: { level: na }",
        ),
    ]);
    let file = "answers/certif-x/evaluations/eval-prod-b.yaml";
    assert_eq!(
        found,
        [
            e(
                &format!("{file}:10:5"),
                "CV304",
                "1 critère(s) applicable(s) sans réponse dans « exigences-test » : R.B2",
                "l'évaluateur relève un niveau (ou « na ») pour chaque critère applicable"
            ),
            e(
                &format!("{file}:11:22"),
                "CV302",
                "« non applicable » n'est pas permis pour le critère R.A1",
                "niveaux possibles : 0, 1"
            ),
            e(
                &format!("{file}:12:22"),
                "CV301",
                "le niveau 3 n'existe pas pour le critère R.A2",
                "niveaux possibles : 0, 1"
            ),
            e(
                &format!("{file}:13:33"),
                "CV306",
                "le jalon 2021-T1 est antérieur à la date d'évaluation 2021-09-01",
                "un jalon est à venir : à partir de 2021-T3"
            ),
        ]
    );
}

#[test]
fn an_external_assessment_answers_only_applicable_criteria() {
    // Without teleexpertise, R.B1 does not apply: the assessor's answer to it is located.
    let found = assessment_errors(&[("teleexpertise: true", "teleexpertise: false")]);
    assert_eq!(
        found,
        [e(
            "answers/certif-x/evaluations/eval-prod-b.yaml:13:7",
            "CV303",
            "le critère R.B1 ne s'applique pas d'après les réponses préliminaires",
            "il s'applique si teleexpertise = oui ; retirez la réponse ou corrigez « preliminary »"
        )]
    );
}

#[test]
fn a_label_id_is_its_file_name() {
    // The id names the label's page: a label whose id differs from its file is located.
    let found = errors_after(
        "content/labels/exigences-conforme.yaml",
        "id: exigences-conforme",
        "id: conforme",
    );
    assert_eq!(
        found,
        [e(
            "content/labels/exigences-conforme.yaml:4:5",
            "CV202",
            "l'identifiant « conforme » ne correspond pas au chemin du fichier",
            "renommez le fichier en content/labels/conforme.yaml ou corrigez l'identifiant"
        )]
    );
}

#[test]
fn score_labels_lists_each_label_with_its_holders_and_dates() {
    // The three labels of the fixture (see their comments): self has prod-a since its own
    // assessment; retained adds prod-b since its external assessment; external has prod-b only.
    let t = fixture();
    let out = t.run(&["score", "--labels"]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    assert_eq!(
        out.stdout,
        "\
Label : exigences-conforme — Conforme aux exigences (autoévaluation) ; 1 titulaire(s)
Titulaire  Organisation  Depuis
prod-a     editeur-x     2021-03-01

Label : exigences-evalue — Exigences évaluées (évaluation externe, sinon autoévaluation) ; 2 titulaire(s)
Titulaire  Organisation  Depuis
prod-a     editeur-x     2021-03-01
prod-b     editeur-x     2021-09-01

Label : exigences-externe — Exigences vérifiées (évaluations externes) ; 1 titulaire(s)
Titulaire  Organisation  Depuis
prod-b     editeur-x     2021-09-01
"
    );
    let csv = t.run(&["score", "--labels", "--format", "csv"]);
    assert_eq!(
        csv.stdout,
        "\
label,assessment,id,org,since
exigences-conforme,self,prod-a,editeur-x,2021-03-01
exigences-evalue,retained,prod-a,editeur-x,2021-03-01
exigences-evalue,retained,prod-b,editeur-x,2021-09-01
exigences-externe,external,prod-b,editeur-x,2021-09-01
"
        .replace('\n', "\r\n"),
        "CSV records end with CRLF"
    );
    let json = json(&t.run(&["score", "--labels", "--format", "json"]));
    assert_eq!(json["labels"][1]["holders"][1]["since"], "2021-09-01");
    let mixed = t.run(&["score", "--labels", "--assessment", "external"]);
    assert_ne!(mixed.code, 0);
    assert!(
        mixed
            .stderr
            .contains("chaque label lit les niveaux qu'il désigne"),
        "{}",
        mixed.stderr
    );
}

#[test]
fn the_feed_of_label_awards_lists_each_holder_at_its_date_and_label_pages_link_it() {
    // Four awards (see score_labels_…): prod-b's two on 01/09/2021 first, then prod-a's two on
    // 01/03/2021, each pair by label id.
    let t = fixture();
    let page = built(&t, "conformite/labels/exigences-evalue.html");
    let link = r#"<a href="../../feeds/labels.xml" type="application/atom+xml">Flux Atom des attributions de labels</a>"#;
    assert!(page.contains(link), "{page}");
    let index = std::fs::read_to_string(t.path().join("public/conformite/index.html")).unwrap();
    assert!(index.contains(
        r#"<a href="../feeds/labels.xml" type="application/atom+xml">Flux Atom des attributions de labels</a>"#
    ));
    let feed = std::fs::read_to_string(t.path().join("public/feeds/labels.xml")).unwrap();
    let entries: Vec<&str> = feed
        .split("<entry>")
        .skip(1)
        .map(|e| e.split("</entry>").next().unwrap())
        .collect();
    assert_eq!(
        entries,
        [
            r#"<title>Label « Exigences évaluées » : Produit B</title><id>urn:convergence:label:exigences-evalue:prod-b:2021-09-01</id><updated>2021-09-01T00:00:00+00:00</updated><link href="../services/prod-b.html" rel="alternate"/>"#,
            r#"<title>Label « Exigences vérifiées » : Produit B</title><id>urn:convergence:label:exigences-externe:prod-b:2021-09-01</id><updated>2021-09-01T00:00:00+00:00</updated><link href="../services/prod-b.html" rel="alternate"/>"#,
            r#"<title>Label « Conforme aux exigences » : Produit A</title><id>urn:convergence:label:exigences-conforme:prod-a:2021-03-01</id><updated>2021-03-01T00:00:00+00:00</updated><link href="../services/prod-a.html" rel="alternate"/>"#,
            r#"<title>Label « Exigences évaluées » : Produit A</title><id>urn:convergence:label:exigences-evalue:prod-a:2021-03-01</id><updated>2021-03-01T00:00:00+00:00</updated><link href="../services/prod-a.html" rel="alternate"/>"#,
        ]
    );
    assert!(feed.contains("<updated>2021-09-01T00:00:00+00:00</updated><author>"));
}

#[test]
fn scores_json_keeps_conformity_questionnaires_out_of_the_maturity_figures() {
    let t = fixture();
    let dir = t.path().join("export");
    let out = t.run(&["export", "--out", dir.to_str().unwrap()]);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("scores.json")).unwrap()).unwrap();
    let ids = |list: &Value, key: &str| -> Vec<String> {
        let list = list.as_array().unwrap();
        list.iter()
            .map(|x| x[key].as_str().unwrap().into())
            .collect()
    };
    // No "0 / 0" maturity aggregate for exigences-test (products are outside the perimeter),
    // nor a national mean for maturin-h: only the maturity questionnaires are in those lists.
    assert_eq!(ids(&v["questionnaires"], "id"), ["services"]);
    assert_eq!(
        ids(
            &v["snapshots"][0]["groupings"][0]["groups"][0]["questionnaires"],
            "questionnaire"
        ),
        ["services"]
    );
    assert_eq!(
        ids(&v["trajectory"][0]["questionnaires"], "questionnaire"),
        ["services"]
    );
    assert_eq!(ids(&v["distributions"], "questionnaire"), ["services"]);
    assert_eq!(
        ids(&v["organisations"]["questionnaires"], "id"),
        ["regional"]
    );
    assert_eq!(
        ids(
            &v["organisations"]["national"][0]["questionnaires"],
            "questionnaire"
        ),
        ["regional"]
    );
    let csv = std::fs::read_to_string(dir.join("scores.csv")).unwrap();
    assert!(!csv.contains("exigences-test"), "{csv}");
    // Their own figures are in `conformity`: shares and verdicts, scores and grades.
    let reports = &v["conformity"];
    let holders = |i: usize| -> Vec<String> {
        let holders = reports[i]["holders"].as_array().unwrap();
        holders
            .iter()
            .map(|h| {
                let result = h.get("verdict").or(h.get("grade")).unwrap();
                format!("{} {:.4} {}", h["id"], h["share"].as_f64().unwrap(), result)
            })
            .collect()
    };
    assert_eq!(
        reports[0]["questionnaire"]["id"], "exigences-test",
        "services first"
    );
    assert_eq!(
        holders(0),
        [
            r#""prod-a" 0.6667 "conforme""#,
            r#""prod-b" 0.7500 "non-conforme""#
        ]
    );
    assert_eq!(reports[0]["requirements"][0]["met"], 1);
    assert_eq!(reports[0]["requirements"][0]["answered"], 2);
    assert_eq!(reports[1]["questionnaire"]["id"], "maturin-h");
    assert_eq!(
        holders(1),
        [
            r#""chu-exemple" 0.7500 "B""#,
            r#""ehpad-x" 1.0000 "A""#,
            r#""espic-y" 0.2500 "D""#
        ]
    );
    assert_eq!(
        reports[1]["grades"],
        serde_json::json!([
            {"grade": "A", "count": 1},
            {"grade": "B", "count": 1},
            {"grade": "C", "count": 0},
            {"grade": "D", "count": 1}
        ])
    );
    // A sheet keeps the respondent's own result: prod-b's share met and its verdict.
    let prod_b = v["subjects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["subject"] == "prod-b")
        .unwrap();
    let own = &prod_b["current"].as_array().unwrap();
    let own = own
        .iter()
        .find(|c| c["questionnaire"] == "exigences-test")
        .unwrap();
    approx(&own["rate"], 0.75);
    assert_eq!(own["mandatory_met"], false);
}

#[test]
fn a_conformity_questionnaire_page_shows_requirements_not_maturity_charts() {
    let t = fixture();
    let page = built(&t, "questionnaires/exigences-test/index.html");
    let read = |p: &str| std::fs::read_to_string(t.path().join("public").join(p)).unwrap();
    for part in [
        r#"<p class="note">2 répondant(s), dont 1 conforme(s). Le détail (la part respectée et le verdict de chaque titulaire, la part des répondants qui respectent chaque exigence) est sur la page <a href="../../conformite/exigences-test.html">Conformité — Exigences de test</a>.</p>"#,
        r#"<div class="fact"><dt>Répondants publiés</dt><dd>2</dd></div><div class="fact"><dt>Conformes</dt><dd>1</dd></div></dl>"#,
        r#"<p class="expected">Exigence obligatoire : respectée par 1 répondant(s) sur 2 concerné(s) (50,0 %)</p>"#,
        r#"<p class="expected">Exigence facultative : respectée par 1 répondant(s) sur 1 concerné(s) (100,0 %)</p>"#,
    ] {
        assert!(page.contains(part), "missing {part}");
    }
    // No rate, level, radar nor bar chart: they mean nothing for requirements.
    for maturity in [
        "<svg",
        "Taux",
        "Niveau moyen",
        "Niveau attendu au",
        "répondants)",
    ] {
        assert!(!page.contains(maturity), "{maturity} on the page");
    }
    let section = read("questionnaires/exigences-test/R.B.html");
    assert!(section.contains(
        r#"<p class="expected">Exigence facultative : respectée par 2 répondant(s) sur 2 concerné(s) (100,0 %)</p>"#
    ));
    assert!(!section.contains("<svg") && !section.contains("Taux de maturité"));
    let graded = read("questionnaires/maturin-h/index.html");
    for part in [
        r#"<p class="note">3 répondant(s) ; niveaux : A 1, B 1, C 0, D 1. Le détail"#,
        r#"<div class="fact"><dt>Niveau C</dt><dd>0</dd></div>"#,
        r#"<p class="expected">Critère noté : atteint par 1 répondant(s) sur 3 concerné(s) (33,3 %)</p>"#,
    ] {
        assert!(graded.contains(part), "missing {part}");
    }
    // ("Taux" is in MaturiN-H's criteria titles.)
    assert!(!graded.contains("<svg") && !graded.contains("Taux de maturité"));
    // On the list, their card gives the same summary instead of a national rate.
    let list = read("questionnaires/index.html");
    for tag in [
        r#"tag--rate">2 répondant(s), dont 1 conforme(s)<"#,
        r#"tag--rate">3 répondant(s) ; niveaux : A 1, B 1, C 0, D 1<"#,
        r#"tag--rate">Taux national à date : 66,7 %<"#,
    ] {
        assert!(list.contains(tag), "missing {tag}");
    }
    assert_eq!(
        list.matches("Taux national à date").count(),
        2,
        "only the two maturity questionnaires have a national rate"
    );
}

// A conformity questionnaire has no maturity rate: the home page, the pages of the regions and
// organisations that answered it, their widgets and the trends leave it out of their maturity
// sections (its results are on its conformity page and in each holder's conformity section).
#[test]
fn conformity_questionnaires_stay_out_of_maturity_sections() {
    let t = fixture();
    let home = built(&t, "index.html");
    let read = |p: &str| std::fs::read_to_string(t.path().join("public").join(p)).unwrap();
    for title in [
        "<h2>Exigences de test",
        "<h2>MaturiN-H — sécurité de l&#39;identification du patient",
    ] {
        assert!(!home.contains(title), "{title} on the home page");
    }
    let org = read("organisations/chu-exemple.html");
    assert!(
        !org.contains("Taux de maturité"),
        "maturity rate of MaturiN-H"
    );
    assert!(org.contains("<h2>Conformité"));
    for page in ["tendances.html", "widgets/organisations/chu-exemple.html"] {
        assert!(!read(page).contains("MaturiN-H"), "MaturiN-H on {page}");
    }
    // Its widget says where its results are instead of showing an empty frame.
    assert!(read("widgets/organisations/chu-exemple.html").contains(
        "Aucun chiffre de maturité publié pour l'instant : les autres résultats, dont la \
         conformité, sont sur <a href=\"../../organisations/chu-exemple.html\" target=\"_top\">"
    ));
}
