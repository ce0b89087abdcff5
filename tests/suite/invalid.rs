//! Invalid repositories as snapshot cases: each folder `tests/fixtures/invalid/<case>/` is laid
//! over the base fixture, `validate` runs on it, and what it prints is compared with
//! `tests/suite/snapshots/suite__invalid__…@<case>.snap`. Adding a case is adding a folder.

use crate::harness::RepoTest;

// Every invalid case fails validation and prints exactly the diagnostics of its snapshot.
#[test]
fn invalid_repositories_report_every_problem() {
    insta::glob!("../fixtures", "invalid/*", |dir| {
        let case = dir.file_name().unwrap().to_string_lossy();
        let t = RepoTest::base_with(&format!("invalid/{case}"));
        let out = t.run(&["validate"]);
        assert_eq!(out.code, 1, "{case}: {}{}", out.stdout, out.stderr);
        let root = t.path().to_string_lossy();
        let text = format!("{}{}", out.stdout, out.stderr).replace(root.as_ref(), "[repo]");
        insta::assert_snapshot!(text);
    });
}
