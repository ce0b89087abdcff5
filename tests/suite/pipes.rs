//! A closed standard output (`convergence score --format csv | head -1`): every command that
//! prints ends quietly, with the exit status of its findings, and finishes its work.

use super::harness::RepoTest;
use std::process::{Command, Stdio};

/// Exit code and standard error of `convergence --root <repo> <args>` run with a standard output
/// whose reading end is closed before the command starts, so its first write fails.
fn run_into_closed_pipe(t: &RepoTest, args: &[&str]) -> (Option<i32>, String) {
    let (reader, writer) = rustix::pipe::pipe().unwrap();
    drop(reader);
    let out = Command::new(env!("CARGO_BIN_EXE_convergence"))
        .arg("--root")
        .arg(t.path())
        .args(args)
        .stdout(Stdio::from(writer))
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn score_in_every_format_exits_zero_on_a_closed_pipe() {
    // The reported case (`score --format csv | head -1` panicked with exit 101), and its siblings.
    let t = RepoTest::fixture("score/basic");
    for format in ["csv", "json", "table"] {
        let got = run_into_closed_pipe(&t, &["score", "--format", format]);
        assert_eq!(got, (Some(0), String::new()), "score --format {format}");
    }
}

#[test]
fn validate_keeps_its_error_status_on_a_closed_pipe() {
    // Problems found are still reported through the exit status, without a panic message.
    let t = RepoTest::fixture("base");
    t.write("answers/alpha/cassé.yaml", "questionnaire: [\n");
    for format in ["human", "json", "github", "gitlab"] {
        let got = run_into_closed_pipe(&t, &["validate", "--format", format]);
        assert_eq!(got, (Some(1), String::new()), "validate --format {format}");
    }
}

#[test]
fn codeowners_exits_zero_on_a_closed_pipe() {
    // The generated file printed to a closed pipe.
    let t = RepoTest::fixture("base");
    assert_eq!(
        run_into_closed_pipe(&t, &["codeowners"]),
        (Some(0), String::new())
    );
}

#[test]
fn export_writes_every_file_even_when_its_listing_pipe_is_closed() {
    // The listing of written paths is for the reader; the files are the work, all of them land.
    let t = RepoTest::fixture("score/basic");
    let out = t.path().join("export");
    let got = run_into_closed_pipe(&t, &["export", "--out", out.to_str().unwrap()]);
    assert_eq!(got, (Some(0), String::new()));
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "answers.csv",
            "scores.csv",
            "scores.json",
            "scores.schema.json"
        ]
    );
}
