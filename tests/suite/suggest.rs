//! "Vouliez-vous dire" hints for misspelt identifiers in answer files.

use crate::harness::RepoTest;

const SUBJECT: &str = "answers/alpha/alpha-dcc.yaml";

/// `(message, suggestion)` of the errors with `code`: the hint up to its fallback.
fn suggestions(t: &RepoTest, code: &str) -> Vec<(String, String)> {
    t.errors_with_hints()
        .into_iter()
        .filter(|e| e.1 == code)
        .map(|e| {
            (
                e.2,
                e.3.split(" sinon").next().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn h(message: &str, hint: &str) -> (String, String) {
    (message.to_string(), hint.to_string())
}

fn e(at: &str, code: &str, msg: &str, hint: &str) -> (String, String, String, String) {
    (at.into(), code.into(), msg.into(), hint.into())
}

#[test]
fn suggests_the_criterion_and_preliminary_question_meant() {
    // A criterion id with a missing dot and a question with a swapped letter: each error names
    // the closest known id.
    let t = RepoTest::fixture("base");
    let text = std::fs::read_to_string(t.path().join(SUBJECT)).unwrap();
    let text = text
        .replacen("      A04.2.1:", "      A04.21:", 1)
        .replacen("{ instance_ror: false }", "{ instnace_ror: false }", 1);
    t.write(SUBJECT, text);
    let list = t.errors_with_hints();
    assert!(
        list.contains(&e(
            "answers/alpha/alpha-dcc.yaml:16:20",
            "CV311",
            "question préliminaire « instnace_ror » inconnue dans « services »",
            "vouliez-vous dire « instance_ror » ? sinon, questions : instance_ror"
        )),
        "{list:#?}"
    );
    assert!(
        list.contains(&e(
            "answers/alpha/alpha-dcc.yaml:23:7",
            "CV203",
            "critère « A04.21 » inconnu dans « services » version 2020",
            "vouliez-vous dire « A04.2.1 » ? sinon, vérifiez l'identifiant dans le questionnaire publié"
        )),
        "{list:#?}"
    );
}

#[test]
fn suggests_the_questionnaire_meant_and_lists_them_when_none_is_close() {
    let t = RepoTest::fixture("base");
    let text = std::fs::read_to_string(t.path().join(SUBJECT)).unwrap();
    t.write(SUBJECT, text.replacen("  services:\n", "  service:\n", 1));
    let list = t.errors_with_hints();
    assert_eq!(
        list,
        vec![e(
            "answers/alpha/alpha-dcc.yaml:14:3",
            "CV203",
            "questionnaire « service » inconnu",
            "vouliez-vous dire « services » ? sinon, questionnaires en vigueur : regional, services"
        )]
    );
    t.write(
        SUBJECT,
        text.replacen("  services:\n", "  teleconsultation:\n", 1),
    );
    let list = t.errors_with_hints();
    assert_eq!(
        list,
        vec![e(
            "answers/alpha/alpha-dcc.yaml:14:3",
            "CV203",
            "questionnaire « teleconsultation » inconnu",
            "questionnaires en vigueur : regional, services"
        )]
    );
}

#[test]
fn suggests_the_zone_type_editor_and_region_meant() {
    // Referential ids with one typo each: every error names the closest known id.
    let t = RepoTest::fixture("base");
    t.edit(SUBJECT, "pos_zone: \"6.2\"", "pos_zone: \"6.22\"");
    t.edit(
        SUBJECT,
        "common_core: coordination-dcc",
        "common_core: coordination-dc",
    );
    t.edit(SUBJECT, "editor: maincare", "editor: maincar");
    t.edit(
        "answers/alpha/organisation.yaml",
        "region: \"84\"",
        "region: \"48\"",
    );
    let hints = suggestions(&t, "CV203");
    for expected in [
        h(
            "zone du POS « 6.22 » inconnu(e)",
            "vouliez-vous dire « 6.2 » ?",
        ),
        h(
            "type de service du tronc commun « coordination-dc » inconnu(e)",
            "vouliez-vous dire « coordination-dcc » ?",
        ),
        h(
            "éditeur « maincar » inconnu(e)",
            "vouliez-vous dire « maincare » ?",
        ),
        h("région « 48 » inconnu(e)", "vouliez-vous dire « 84 » ?"),
    ] {
        assert!(hints.contains(&expected), "{expected:?} not in {hints:#?}");
    }
}

#[test]
fn suggests_the_field_meant_for_a_misspelt_key() {
    // `comments` for `comment`, `asessed_on` for `assessed_on`: the hint names the field.
    let t = RepoTest::fixture("base");
    t.edit(
        SUBJECT,
        "comment: Identifiant local.",
        "comments: Identifiant local.",
    );
    t.edit(SUBJECT, "assessed_on:", "asessed_on:");
    let hints = suggestions(&t, "CV101");
    assert_eq!(
        hints,
        [
            h(
                "champ inconnu « asessed_on »",
                "vouliez-vous dire « assessed_on » ?"
            ),
            h(
                "champ inconnu « comments »",
                "vouliez-vous dire « comment » ?"
            ),
        ]
    );
}
