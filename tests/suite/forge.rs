//! Forge report formats of `convergence check`: GitHub workflow commands and the GitLab Code
//! Quality report, compared exactly.

use crate::workflow::{edit, repo};

const SUBJECT: &str = "answers/alpha/alpha-dcc.yaml";

#[test]
fn github_annotations_are_workflow_commands() {
    // One line per diagnostic; properties escape `,` and `:`, the message escapes newlines.
    let t = repo();
    edit(
        &t,
        SUBJECT,
        "      A06.2:\n        level: 1",
        "      A06.2:\n        level: 4",
    );
    let out = t.run(&["check", "--format", "github"]);
    assert_eq!(out.code, 1);
    let expected = "\
::error file=answers/alpha/alpha-dcc.yaml,line=19,col=16,title=CV301::le niveau 4 n'existe pas pour le critère A06.2%0Aaide : niveaux possibles : 1, 2, 3, na
::error file=answers/alpha/alpha-dcc.yaml,line=22,col=26,title=CV307::le jalon 2021-T3 vise le niveau 2, qui ne dépasse pas le niveau actuel 4%0Aaide : un jalon annonce un niveau supérieur au niveau atteint
::error file=answers/alpha/alpha-dcc.yaml,line=22,col=38,title=CV307::le jalon 2022-T2 vise le niveau 3, qui ne dépasse pas le niveau actuel 4%0Aaide : un jalon annonce un niveau supérieur au niveau atteint
::warning file=answers/editeur-x/ideocm-ror.yaml,line=14,col=5,title=CV304::2 critère(s) applicable(s) sans réponse dans « services » : A06.2, A04.2.1%0Aaide : un brouillon peut être incomplet ; il faudra tout renseigner avant « validated »
::warning file=answers/editeur-x/ideocm-socle.yaml,line=14,col=5,title=CV304::1 critère(s) applicable(s) sans réponse dans « services » : A04.2.1%0Aaide : un brouillon peut être incomplet ; il faudra tout renseigner avant « validated »
";
    assert_eq!(out.stdout, expected);
}

#[test]
fn gitlab_report_is_code_quality_json() {
    // Written to --output; errors are major, warnings minor, fingerprints are FNV-1a.
    let t = repo();
    edit(
        &t,
        SUBJECT,
        "      A06.2:\n        level: 1",
        "      A06.2:\n        level: 4",
    );
    let report = t.path().join("gl-code-quality.json");
    let out = t.run(&[
        "check",
        "--format",
        "gitlab",
        "--output",
        report.to_str().unwrap(),
    ]);
    assert_eq!((out.code, out.stdout.as_str()), (1, ""));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let fp = |code: &str, path: &str, msg: &str| {
        let key = format!("{code}\0{path}\0{msg}");
        format!("{:016x}", convergence::diagnostics::fnv1a64(key.as_bytes()))
    };
    let entry = |code: &str, sev: &str, path: &str, line: u32, msg: &str, hint: &str| {
        serde_json::json!({
            "description": format!("{code} : {msg} (aide : {hint})"),
            "check_name": code,
            "fingerprint": fp(code, path, msg),
            "severity": sev,
            "location": { "path": path, "lines": { "begin": line } }
        })
    };
    let plan = "un jalon annonce un niveau supérieur au niveau atteint";
    let draft = "un brouillon peut être incomplet ; il faudra tout renseigner avant « validated »";
    let expected = serde_json::json!([
        entry(
            "CV301",
            "major",
            SUBJECT,
            19,
            "le niveau 4 n'existe pas pour le critère A06.2",
            "niveaux possibles : 1, 2, 3, na"
        ),
        entry(
            "CV307",
            "major",
            SUBJECT,
            22,
            "le jalon 2021-T3 vise le niveau 2, qui ne dépasse pas le niveau actuel 4",
            plan
        ),
        entry(
            "CV307",
            "major",
            SUBJECT,
            22,
            "le jalon 2022-T2 vise le niveau 3, qui ne dépasse pas le niveau actuel 4",
            plan
        ),
        entry(
            "CV304",
            "minor",
            "answers/editeur-x/ideocm-ror.yaml",
            14,
            "2 critère(s) applicable(s) sans réponse dans « services » : A06.2, A04.2.1",
            draft
        ),
        entry(
            "CV304",
            "minor",
            "answers/editeur-x/ideocm-socle.yaml",
            14,
            "1 critère(s) applicable(s) sans réponse dans « services » : A04.2.1",
            draft
        ),
    ]);
    assert_eq!(v, expected);
    // Pinned: the fingerprint never changes between versions of the tool or of Rust
    // (computed independently with FNV-1a 64 of "CV301␀path␀message").
    assert_eq!(v[0]["fingerprint"], "c0f3912d14e3fc4b");
}

#[test]
fn github_annotations_of_a_change_cover_only_its_files() {
    // The pull request changes alpha-dcc: its problems are annotated, the warnings of files
    // it does not touch are one summary line (GitHub shows few annotations per kind).
    let t = repo();
    edit(
        &t,
        SUBJECT,
        "      A06.2:\n        level: 1",
        "      A06.2:\n        level: 4",
    );
    crate::workflow::commit(&t);
    let out = t.run(&[
        "check", "--base", "main", "--author", "alpha", "--format", "github",
    ]);
    assert_eq!(out.code, 1);
    let expected = "\
::error file=answers/alpha/alpha-dcc.yaml,line=19,col=16,title=CV301::le niveau 4 n'existe pas pour le critère A06.2%0Aaide : niveaux possibles : 1, 2, 3, na
::error file=answers/alpha/alpha-dcc.yaml,line=22,col=26,title=CV307::le jalon 2021-T3 vise le niveau 2, qui ne dépasse pas le niveau actuel 4%0Aaide : un jalon annonce un niveau supérieur au niveau atteint
::error file=answers/alpha/alpha-dcc.yaml,line=22,col=38,title=CV307::le jalon 2022-T2 vise le niveau 3, qui ne dépasse pas le niveau actuel 4%0Aaide : un jalon annonce un niveau supérieur au niveau atteint
::warning title=convergence::0 erreur(s) et 2 avertissement(s) dans des fichiers que la modification ne touche pas : voir « convergence check » dans le journal du job
";
    assert_eq!(out.stdout, expected);
}
