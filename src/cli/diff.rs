//! `convergence diff`: the effect of a change on the scores, as Markdown for a pull-request
//! comment.

use crate::workflow::git;
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

/// Loads one side: a directory as is, else a revision written to a temporary directory.
fn side(root: &Path, spec: &str) -> anyhow::Result<(crate::load::Loaded, Option<git::TempTree>)> {
    let dir = Path::new(spec);
    if dir.is_dir() {
        return Ok((crate::validate::load_and_validate(dir), None));
    }
    let tree = git::materialise(root, spec)?;
    Ok((crate::validate::load_and_validate(tree.path()), Some(tree)))
}

/// Prints (or writes) the Markdown report comparing BASE with HEAD.
pub fn run(root: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let (before, _keep_b) = side(root, &args.base)?;
    let (after, _keep_a) = match &args.head {
        Some(h) => side(root, h)?,
        None => (crate::validate::load_and_validate(root), None),
    };
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
