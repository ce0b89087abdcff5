//! CSV files opened in a spreadsheet: repository text that would be read as a formula is
//! neutralised with a leading `'` in `answers.csv`, `scores.csv` and `score --format csv`, while
//! figures stay numbers.

use super::harness::RepoTest;

/// The score fixture with formula-like text in an organisation name, a subject name and a comment.
fn hostile() -> RepoTest {
    let t = RepoTest::fixture("score/basic");
    let edit = |rel: &str, from: &str, to: &str| {
        let text = std::fs::read_to_string(t.path().join(rel)).unwrap();
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        t.write(rel, text.replacen(from, to, 1));
    };
    edit(
        "answers/ara/organisation.yaml",
        "name: GRADeS Auvergne-Rhône-Alpes",
        "name: \"+33 GRADeS\"",
    );
    edit(
        "answers/ara/ara-tlc.yaml",
        "name: Téléconsultation ARA",
        "name: '=HYPERLINK(\"http://x.test\",\"clic\")'",
    );
    edit(
        "answers/ara/ara-tlc.yaml",
        "C1: { level: 3 }",
        "C1: { level: 3, comment: \"@SUM(1+1)\" }",
    );
    t
}

/// The lines of a CSV text containing `needle`.
fn lines_with<'a>(text: &'a str, needle: &str) -> Vec<&'a str> {
    text.split("\r\n").filter(|l| l.contains(needle)).collect()
}

#[test]
fn answers_csv_neutralises_formulas_from_repository_text() {
    // Subject name and comment get a `'`; levels and dates are untouched.
    let t = hostile();
    let out = t.path().join("export");
    let run = t.run(&["export", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(out.join("answers.csv")).unwrap();
    assert_eq!(
        lines_with(&text, "ara-tlc,"),
        [
            "ara,84,ara-tlc,\"'=HYPERLINK(\"\"http://x.test\"\",\"\"clic\"\")\",service,6.5,\
             telesante-tlc,,,,validated,2020-12-01,urba,2020,AX1,C1,3,3,'@SUM(1+1),,",
            "ara,84,ara-tlc,\"'=HYPERLINK(\"\"http://x.test\"\",\"\"clic\"\")\",service,6.5,\
             telesante-tlc,,,,validated,2020-12-01,urba,2020,AX1,C2,0,1,,,",
            "ara,84,ara-tlc,\"'=HYPERLINK(\"\"http://x.test\"\",\"\"clic\"\")\",service,6.5,\
             telesante-tlc,,,,validated,2020-12-01,urba,2020,AX2,C3,na,0,,,",
            "ara,84,ara-tlc,\"'=HYPERLINK(\"\"http://x.test\"\",\"\"clic\"\")\",service,6.5,\
             telesante-tlc,,,,validated,2020-12-01,urba,2020,AX2,C4,na,2,,,",
        ]
    );
}

#[test]
fn scores_csv_and_score_csv_neutralise_group_labels() {
    // The organisation's name is the label of its rows; rates and levels stay numbers.
    let t = hostile();
    let run = t.run(&["score", "--by", "organisation", "--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = [
        "organisation,ara,'+33 GRADeS,urba,*,2020-12-15,false,common-core,0.7777777777777777,\
         1.8333333333333335,3,2,2",
        "organisation,ara,'+33 GRADeS,urba,AX1,2020-12-15,false,common-core,0.7222222222222221,\
         2.166666666666667,3,2,2",
        "organisation,ara,'+33 GRADeS,urba,AX2,2020-12-15,false,common-core,1,1,3,1,2",
    ];
    assert_eq!(lines_with(&run.stdout, "+33"), rows);
    // The export holds the same rows among its snapshots and groupings.
    let out = t.path().join("export");
    assert_eq!(t.run(&["export", "--out", out.to_str().unwrap()]).code, 0);
    let text = std::fs::read_to_string(out.join("scores.csv")).unwrap();
    let exported = lines_with(&text, "+33");
    for row in rows {
        assert!(exported.contains(&row), "{row} not in {exported:#?}");
    }
    assert!(exported.iter().all(|l| l.contains(",'+33 GRADeS,")));
}
