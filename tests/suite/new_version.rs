//! The maintainers' path to a new questionnaire version in one green pull request: archive the
//! previous version, publish the new one, run `migrate --write`; `check --base` accepts the
//! mechanical rewrite of organisations' files from the maintainers of `questionnaires`, and
//! the criteria the version adds are warnings to answer, not errors.

use crate::harness::fixture_path;
use crate::workflow::{commit, edit, git, repo};

/// The base fixture committed on `main`, then, on `change`, `services` moved to version 2021
/// (renames A06.2 to A06.2a, drops A04.2.1, adds A04.2.3) and `migrate --write` run.
fn migrated() -> crate::harness::RepoTest {
    let t = repo();
    for rel in [
        "questionnaires/services.yaml",
        "questionnaires/archive/services.2020.yaml",
    ] {
        let text = std::fs::read_to_string(fixture_path("workflow/migrate").join(rel)).unwrap();
        t.write(rel, text);
    }
    let out = t.run(&["migrate", "--write"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    commit(&t);
    t
}

/// `check --base main --format json` by `args`: exit code and `(severity, path, code)`.
fn check(t: &crate::harness::RepoTest, args: &[&str]) -> (i32, Vec<(String, String, String)>) {
    let mut all = vec!["check", "--base", "main", "--format", "json"];
    all.extend(args);
    let out = t.run(&all);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let list = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap().to_string();
            (s("severity"), s("path"), s("code"))
        })
        .collect();
    (out.code, list)
}

fn d(severity: &str, path: &str, code: &str) -> (String, String, String) {
    (severity.into(), path.into(), code.into())
}

#[test]
fn a_maintainer_publishes_a_new_version_in_one_green_pull_request() {
    let t = migrated();
    let changed = git(&t, &["diff", "--name-only", "main...HEAD"]);
    assert_eq!(
        changed,
        "answers/alpha/alpha-dcc.yaml\nanswers/editeur-x/ideocm-ror.yaml\nanswers/editeur-x/ideocm-socle.yaml\nquestionnaires/archive/services.2020.yaml\nquestionnaires/services.yaml\n"
    );
    // The maintainer of questionnaires: green; what is left to answer is listed as warnings,
    // one per file, under each organisation's folder.
    let (code, list) = check(&t, &["--author", "lea", "--author-teams", "@ans/doctrine"]);
    assert_eq!(code, 0, "{list:?}");
    let warnings: Vec<_> = list
        .iter()
        .filter(|x| x.2 != "CV304" || x.1.contains("alpha"))
        .collect();
    assert_eq!(
        warnings,
        [&d("warning", "answers/alpha/alpha-dcc.yaml", "CV316")],
        "{list:?}"
    );
}

#[test]
fn the_questionnaire_page_counts_published_files_yet_to_answer_the_new_criteria() {
    let t = migrated();
    let out = t.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = std::fs::read_to_string(t.path().join("public/questionnaires/services/index.html"))
        .unwrap();
    assert!(
        page.contains(
            "<p class=\"note\">La version 2021 ajoute 1 critère(s) : A04.2.3. 1 fiche(s) publiée(s) doivent encore y répondre.</p>"
        ),
        "{page}"
    );
}

#[test]
fn anything_beyond_the_mechanical_migration_still_needs_the_owners() {
    // The same maintainer also rewords a comment in alpha's file: that file is judged as any
    // other change, and only alpha's owners may approve it.
    let t = migrated();
    edit(
        &t,
        "answers/alpha/alpha-dcc.yaml",
        "Identifiant local.",
        "Identifiant national.",
    );
    commit(&t);
    let (code, list) = check(&t, &["--author", "lea", "--author-teams", "@ans/doctrine"]);
    assert_eq!(code, 1);
    let errors: Vec<_> = list.iter().filter(|x| x.0 == "error").collect();
    assert_eq!(
        errors,
        [&d("error", "answers/alpha/alpha-dcc.yaml", "CV401")]
    );
}

#[test]
fn only_the_maintainers_of_questionnaires_may_migrate_others_files() {
    // An organisation owner who pushes the same change: every file outside its folder, the
    // questionnaires included, is refused.
    let t = migrated();
    let (code, list) = check(&t, &["--author", "alpha"]);
    assert_eq!(code, 1);
    let refused: Vec<&str> = list
        .iter()
        .filter(|x| x.2 == "CV401")
        .map(|x| x.1.as_str())
        .collect();
    assert_eq!(
        refused,
        [
            "answers/editeur-x/ideocm-ror.yaml",
            "answers/editeur-x/ideocm-socle.yaml",
            "questionnaires/archive/services.2020.yaml",
            "questionnaires/services.yaml",
        ]
    );
}
