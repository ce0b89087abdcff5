//! Draft placeholders: `answers:` left empty, `{ level: }` and a plan milestone without a
//! level are warnings in a draft and errors once the file is validated; the criterion counts
//! as unanswered either way.

use crate::harness::{RepoTest, json};

const SUBJECT: &str = "answers/alpha/alpha-dcc.yaml";

/// The base fixture with a level and a milestone left to fill in `alpha-dcc`, in `status`.
fn with_placeholders(status: &str) -> RepoTest {
    let t = RepoTest::fixture("base");
    t.edit(SUBJECT, "status: validated", &format!("status: {status}"))
        .edit(SUBJECT, "        level: 1\n", "        level:\n")
        .edit(
            SUBJECT,
            "not_plannable: Le ROR régional n'est pas encore déployé.",
            "plan: { 2021-T3: 1, 2022-T1: }",
        );
    t
}

/// `(path:line:col, severity, code, message, hint)` of every diagnostic of `validate`.
fn diagnostics(t: &RepoTest) -> Vec<(String, String, String, String, String)> {
    let out = t.run(&["validate", "--format", "json"]);
    json(&out)
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"] == SUBJECT)
        .map(|d| {
            let l = &d["location"];
            let s = |k: &str| d[k].as_str().unwrap_or_default().to_string();
            (
                format!("{}:{}:{}", s("path"), l["line"], l["col"]),
                s("severity"),
                s("code"),
                s("message"),
                s("hint"),
            )
        })
        .collect()
}

fn expected(severity: &str, hint: &str) -> Vec<(String, String, String, String, String)> {
    [
        ("19:9", "niveau à compléter pour le critère A06.2"),
        (
            "25:29",
            "niveau à compléter pour le jalon 2022-T1 du critère A04.2.1",
        ),
    ]
    .into_iter()
    .map(|(at, message)| {
        (
            format!("{SUBJECT}:{at}"),
            severity.to_string(),
            "CV020".to_string(),
            message.to_string(),
            hint.to_string(),
        )
    })
    .collect()
}

#[test]
fn placeholders_in_a_draft_are_warnings_and_count_as_unanswered() {
    // A draft with a level and a milestone to fill in: two located warnings, no error, and
    // the criterion is left out of the model (unanswered for scoring).
    let t = with_placeholders("draft");
    assert_eq!(
        diagnostics(&t),
        expected(
            "warning",
            "à compléter avant de passer le fichier en « status: validated »"
        )
    );
    assert_eq!(t.run(&["validate"]).code, 0);
    let loaded = convergence::load::load(t.path());
    let subject = loaded
        .repo
        .subjects
        .iter()
        .find(|s| s.path == SUBJECT)
        .unwrap();
    let answers = &subject.subject.questionnaires["services"].answers;
    assert_eq!(answers.keys().collect::<Vec<_>>(), ["A04.2.1"]);
    let plan: Vec<String> = answers["A04.2.1"]
        .plan
        .keys()
        .map(|q| q.to_string())
        .collect();
    assert_eq!(plan, ["2021-T3"]);
}

#[test]
fn placeholders_in_a_validated_file_are_errors() {
    // The same placeholders once the file is validated: the same two places, as errors.
    let t = with_placeholders("validated");
    assert_eq!(
        diagnostics(&t),
        expected(
            "error",
            "complétez-le : un fichier validé est complet (ou repassez-le en « status: draft »)"
        )
    );
    assert_eq!(t.run(&["validate"]).code, 1);
}

#[test]
fn empty_answers_in_a_draft_are_one_warning() {
    // `answers:` left empty in a draft: one warning on the key, not a list of every
    // unanswered criterion besides.
    let t = RepoTest::fixture("base");
    let text = std::fs::read_to_string(t.path().join(SUBJECT)).unwrap();
    let head = &text[..text.find("    answers:").unwrap()];
    t.write(
        SUBJECT,
        format!("{head}    answers:\n").replacen("status: validated", "status: draft", 1),
    );
    assert_eq!(
        diagnostics(&t),
        [(
            format!("{SUBJECT}:17:5"),
            "warning".to_string(),
            "CV020".to_string(),
            "aucune réponse n'est encore donnée à « services »".to_string(),
            "à compléter avant de passer le fichier en « status: validated »".to_string(),
        )]
    );
}
