//! Runs the `convergence` binary on a copy of a fixture repository.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The output of one run.
#[derive(Debug)]
pub struct Output {
    /// Exit status code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl From<std::process::Output> for Output {
    fn from(out: std::process::Output) -> Output {
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// The standard output of a run as JSON; panics with both outputs when it is not.
pub fn json(out: &Output) -> serde_json::Value {
    serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("bad JSON ({e}): {}\n{}", out.stdout, out.stderr))
}

/// A temporary repository built from fixtures and edits.
pub struct RepoTest {
    dir: tempfile::TempDir,
}

/// Path of a fixture directory under `tests/fixtures/`.
pub fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

impl RepoTest {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> RepoTest {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&fixture_path(name), dir.path());
        RepoTest { dir }
    }

    /// The base fixture (a small valid repository) with extra files from `tests/fixtures/<name>`
    /// laid over it.
    pub fn base_with(name: &str) -> RepoTest {
        let t = RepoTest::fixture("base");
        copy_dir(&fixture_path(name), t.path());
        t
    }

    /// The repository root.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes (or replaces) a file.
    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) -> &RepoTest {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        self
    }

    /// Runs `convergence --root <repo> <args>`.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_convergence"))
            .arg("--root")
            .arg(self.path())
            .args(args)
            .output()
            .unwrap()
            .into()
    }

    /// Replaces `from` by `to` (once) in a file of the repository.
    pub fn edit(&self, rel: &str, from: &str, to: &str) -> &RepoTest {
        let text = std::fs::read_to_string(self.path().join(rel)).unwrap();
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, text.replacen(from, to, 1))
    }

    /// `(path:line:col, code, message, hint)` of every error of `validate --format json`.
    pub fn errors_with_hints(&self) -> Vec<(String, String, String, String)> {
        json(&self.run(&["validate", "--format", "json"]))
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "error")
            .map(|d| {
                let l = &d["location"];
                (
                    format!("{}:{}:{}", d["path"].as_str().unwrap(), l["line"], l["col"]),
                    d["code"].as_str().unwrap().to_string(),
                    d["message"].as_str().unwrap().to_string(),
                    d["hint"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect()
    }
}
