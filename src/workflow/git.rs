//! Git at the edge: files changed since a base revision, and where the repository stands in
//! its work tree (a revision's files are read by [`super::revision`]). Every failure names the
//! command and the repository.

use anyhow::{Context, bail};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

/// Runs `git -C root args…` and returns its standard output.
pub(super) fn git(root: &Path, args: &[&str], env: &[(&str, &Path)]) -> anyhow::Result<Vec<u8>> {
    let mut cmd = Command::new("git");
    cmd.arg("-C").arg(root).args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd
        .output()
        .with_context(|| format!("lancement de « git {} » impossible", args.join(" ")))?;
    if !out.status.success() {
        bail!(
            "« git {} » a échoué dans {} : {}",
            args.join(" "),
            root.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(out.stdout)
}

/// Files changed between the merge base of `base` and `HEAD` and `HEAD`
/// (`git diff --name-only base...HEAD`), relative to `root`, renames listed as deletion plus
/// addition, sorted.
pub fn changed_files(root: &Path, base: &str) -> anyhow::Result<Vec<String>> {
    let range = format!("{base}...HEAD");
    let out = git(
        root,
        &[
            "diff",
            "--name-only",
            "--no-renames",
            "--relative",
            "-z",
            &range,
        ],
        &[],
    )?;
    let mut files: Vec<String> = String::from_utf8_lossy(&out)
        .split('\0')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    files.sort();
    files.dedup();
    Ok(files)
}

/// The data files (under `convergence.yaml`, `content`, `questionnaires`, `answers`) whose
/// text in the work tree at `root` may differ from revision `base`: the tracked files changed
/// since it (`git diff --name-only base`, staged or not) and every file git does not track,
/// ignored ones included (the loader reads them too); relative to `root`.
pub fn worktree_changes(root: &Path, base: &str) -> anyhow::Result<BTreeSet<String>> {
    let mut diff = vec![
        "diff",
        "--name-only",
        "--no-renames",
        "--relative",
        "-z",
        base,
        "--",
    ];
    diff.extend(crate::load::TOPS);
    let mut others = vec!["ls-files", "--others", "-z", "--"];
    others.extend(crate::load::TOPS);
    let mut files = BTreeSet::new();
    for args in [diff, others] {
        let out = git(root, &args, &[])?;
        let names = String::from_utf8_lossy(&out);
        files.extend(
            names
                .split('\0')
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        );
    }
    Ok(files)
}

/// Where `root` stands in its work tree (`git rev-parse --show-prefix`): empty at the top,
/// else the subfolder with a trailing `/`.
pub(super) fn prefix(root: &Path) -> anyhow::Result<String> {
    let out = git(root, &["rev-parse", "--show-prefix"], &[])?;
    Ok(String::from_utf8_lossy(&out).trim().to_string())
}
