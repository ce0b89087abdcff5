//! `convergence diff`: the effect of a change on the scores, as Markdown for a pull-request
//! comment.

use crate::load::{self, Loaded, Reuse};
use crate::workflow::git;
use crate::workflow::revision::{self, Revision};
use anyhow::Context;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `diff`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// State before: a git revision of the repository, or a directory.
    pub base: String,
    /// State after: a git revision or a directory (default: the repository as it is on disk).
    pub head: Option<String>,
    /// Never truncate (by default the report is cut to fit a forge comment, 60 000 characters,
    /// and says so on its last line).
    #[arg(long)]
    pub full: bool,
    /// Write the Markdown to this file instead of standard output.
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Also write the whole, never truncated report to this file (the job artefact).
    #[arg(long, value_name = "FILE")]
    pub full_output: Option<PathBuf>,
}

/// Loads and validates one side: a directory as is, else a revision read from git objects.
/// A file already parsed for the other side with the same text is not parsed again.
fn side(root: &Path, spec: Option<&str>, reuse: &mut Reuse) -> anyhow::Result<Loaded> {
    let mut loaded = match spec {
        None => load::load_reusing(&load::Disk(root), reuse),
        Some(dir) if Path::new(dir).is_dir() => {
            load::load_reusing(&load::Disk(Path::new(dir)), reuse)
        }
        Some(rev) => load::load_reusing(&Revision::read(root, rev)?, reuse),
    };
    crate::validate::check(&mut loaded);
    Ok(loaded)
}

/// Loads HEAD, a revision: from the work tree brought to it by the paths that differ when
/// they are few (the usual case: HEAD is what is checked out), so that its files are read
/// from disk as `validate` reads them; else from git objects, whole.
fn head_load(root: &Path, rev: &str, head: &Revision) -> anyhow::Result<Loaded> {
    let near = git::worktree_changes(root, rev)?;
    if near.len() > revision::MAX_NEAR {
        return head.load_whole();
    }
    revision::load_from(head, load::load_tree(&load::Disk(root)), &near)
}

/// Loads BASE and HEAD, validated. When BASE is a revision and HEAD the work tree or a
/// revision, BASE is HEAD's load brought to BASE by the paths that differ (from the two
/// listings of git objects, or `git diff` and the untracked files for the work tree); else
/// each side is loaded whole.
fn sides(root: &Path, args: &Args) -> anyhow::Result<(Loaded, Loaded)> {
    let is_dir = |spec: &str| Path::new(spec).is_dir();
    if is_dir(&args.base) || args.head.as_deref().is_some_and(is_dir) {
        let mut reuse = Reuse::default();
        let after = side(root, args.head.as_deref(), &mut reuse)?;
        let before = side(root, Some(&args.base), &mut reuse)?;
        return Ok((before, after));
    }
    let base = Revision::open(root, &args.base)?;
    let (mut after, changed) = match args.head.as_deref() {
        None => {
            let changed = git::worktree_changes(root, &args.base)?;
            (load::load_tree(&load::Disk(root)), Some(changed))
        }
        Some(rev) => {
            let head = Revision::open(root, rev)?;
            let (changed, truncated) = base.differing(&head);
            (
                head_load(root, rev, &head)?,
                (!truncated).then_some(changed),
            )
        }
    };
    let mut before = revision::load_beside(&base, &after, changed.as_ref())?;
    crate::diff::check_both(&mut before, &mut after);
    Ok((before, after))
}

/// Prints (or writes) the Markdown report comparing BASE with HEAD.
pub fn run(root: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let (before, after) = sides(root, &args)?;
    let full = crate::diff::render(&crate::diff::compare(&before, &after));
    let text = if args.full {
        full.clone()
    } else {
        crate::diff::truncate(&full, crate::diff::COMMENT_BUDGET)
    };
    let write = |p: &Path, t: &str| {
        std::fs::write(p, t).with_context(|| format!("écriture de {} impossible", p.display()))
    };
    if let Some(p) = &args.full_output {
        write(p, &full)?;
    }
    match &args.output {
        Some(p) => write(p, &text)?,
        None => super::print(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}
