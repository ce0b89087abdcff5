//! Git at the edge: files changed since a base revision, and a revision's tree written to a
//! temporary directory. Every failure names the command and the repository.

use anyhow::{Context, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs `git -C root args…` and returns its standard output.
fn git(root: &Path, args: &[&str], env: &[(&str, &Path)]) -> anyhow::Result<Vec<u8>> {
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

/// A directory removed when dropped.
#[derive(Debug)]
pub struct TempTree {
    path: PathBuf,
}

impl TempTree {
    /// Creates an empty, uniquely named directory under the system's temporary directory.
    pub fn new(label: &str) -> anyhow::Result<TempTree> {
        use std::sync::atomic::{AtomicU32, Ordering};
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!(
            "convergence-{label}-{}-{nanos}-{n}",
            std::process::id()
        ));
        std::fs::create_dir_all(&path)
            .with_context(|| format!("création de {} impossible", path.display()))?;
        Ok(TempTree { path })
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempTree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// Writes the tree of revision `rev` (the part under `root`, when `root` is a subfolder of the
/// work tree) to a temporary directory, through a temporary index: neither the work tree, the
/// index nor the list of worktrees of the repository is touched.
pub fn materialise(root: &Path, rev: &str) -> anyhow::Result<TempTree> {
    let tree = TempTree::new("tree")?;
    let prefix = String::from_utf8_lossy(&git(root, &["rev-parse", "--show-prefix"], &[])?)
        .trim()
        .to_string();
    let index = tree.path().join(".convergence-index");
    let env = [("GIT_INDEX_FILE", index.as_path())];
    let treeish = format!("{rev}:{prefix}");
    git(root, &["read-tree", &treeish], &env)
        .with_context(|| format!("révision « {rev} » introuvable"))?;
    let dest = format!("--prefix={}/", tree.path().display());
    git(root, &["checkout-index", "--all", "--force", &dest], &env)?;
    std::fs::remove_file(&index).with_context(|| format!("{} : suppression", index.display()))?;
    Ok(tree)
}
