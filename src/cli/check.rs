//! `convergence check`: what CI runs on a change. Validation of the whole repository, the
//! `CODEOWNERS` file kept in sync, and, given the changed files and their author, ownership.

use super::DiagFormat;
use crate::diagnostics::{
    self, render_github, render_github_changed, render_gitlab, render_human, render_json,
};
use crate::workflow::revision::{self, Revision};
use crate::workflow::{Author, Policy, claims, codeowners, git, migrations};
use anyhow::{Context, bail};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format: human, json, github (workflow annotations; with --base or --changed-files,
    /// only on the changed files, the rest counted on one line) or gitlab (Code Quality report).
    #[arg(long, value_enum, default_value = "human")]
    pub format: DiagFormat,
    /// Write the report to this file instead of standard output.
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Base revision: check ownership of the files changed in `BASE...HEAD`, with owners and
    /// maintainers read from BASE (a change cannot grant itself rights).
    #[arg(long, value_name = "REF", conflicts_with = "changed_files")]
    pub base: Option<String>,
    /// File listing the changed paths, one per line; owners and maintainers are read from the
    /// current tree.
    #[arg(long, value_name = "FILE")]
    pub changed_files: Option<PathBuf>,
    /// Forge handle of the change's author (default: $GITHUB_ACTOR, else $GITLAB_USER_LOGIN).
    #[arg(long, value_name = "HANDLE")]
    pub author: Option<String>,
    /// Teams the author belongs to (`@org/team`, comma-separated): a team listed as owner then
    /// counts for the author.
    #[arg(long, value_name = "TEAMS", value_delimiter = ',')]
    pub author_teams: Vec<String>,
}

fn author(args: &Args) -> anyhow::Result<Author> {
    let handle = args
        .author
        .clone()
        .or_else(|| std::env::var("GITHUB_ACTOR").ok())
        .or_else(|| std::env::var("GITLAB_USER_LOGIN").ok())
        .filter(|h| !h.trim().is_empty());
    match handle {
        Some(h) => Ok(Author::new(&h, &args.author_teams)),
        None => bail!(
            "auteur inconnu : donnez --author, ou lancez dans GitHub Actions ($GITHUB_ACTOR) ou GitLab CI ($GITLAB_USER_LOGIN)"
        ),
    }
}

/// Checks the repository at `root`; exit 1 when there is an error.
pub fn run(root: &Path, args: Args) -> anyhow::Result<ExitCode> {
    // With a base revision, the base is the work tree's load brought to it by the paths that
    // differ (only those read from git), taken before the checks add their problems; the copy
    // shares every file it does not change.
    let mut base_side = None;
    let mut loaded = match &args.base {
        Some(base) => {
            let who = author(&args)?;
            let all = git::changed_files(root, base)?;
            let revision = Revision::open(root, base)?;
            let loaded = crate::load::load_tree(&crate::load::Disk(root));
            let changed = git::worktree_changes(root, base)?;
            let before = revision::load_beside(&revision, &loaded, Some(&changed))?;
            base_side = Some((who, all, revision, before));
            loaded
        }
        None => crate::load::load(root),
    };
    crate::validate::check(&mut loaded);
    let policy = Policy::from_repo(&loaded.repo);
    let stale = codeowners::check_stale(&policy, root);
    let fresh = stale.is_none();
    // A CODEOWNERS in sync only restates the owners and maintainers, whose own files are
    // checked: whoever may change those may regenerate it.
    let exempt = |files: Vec<String>| -> Vec<String> {
        files
            .into_iter()
            .filter(|f| !(fresh && f == codeowners::PATH))
            .collect()
    };
    loaded.diagnostics.extend(stale);
    let mut touched: Option<Vec<String>> = None;
    if let Some((who, all, revision, before)) = base_side {
        touched = Some(all.clone());
        let changed = exempt(all);
        let base_policy = Policy::from_repo(&before.repo);
        let migrated = migrations::mechanical(&changed, &who, &base_policy, &before, &loaded);
        let (frozen, refused) =
            crate::campaign::review::check(&changed, &revision, &base_policy, &who);
        loaded.diagnostics.extend(refused);
        let judged: Vec<String> = changed
            .iter()
            .filter(|f| !migrated.contains(f) && !frozen.contains(f))
            .cloned()
            .collect();
        loaded.diagnostics.extend(base_policy.check(&judged, &who));
        let claims = claims::check(&before.repo, &loaded, &base_policy, &who);
        loaded.diagnostics.extend(claims);
    } else if let Some(file) = &args.changed_files {
        let who = author(&args)?;
        let text = crate::load::read_argument(file)?;
        let all: Vec<String> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        touched = Some(all.clone());
        let changed = exempt(all);
        loaded.diagnostics.extend(policy.check(&changed, &who));
    }
    diagnostics::sort(&mut loaded.diagnostics);
    let diags = &loaded.diagnostics;
    let text = match args.format {
        DiagFormat::Human => render_human(diags, &loaded.sources),
        DiagFormat::Json => render_json(diags),
        DiagFormat::Github => match &touched {
            Some(files) => render_github_changed(diags, files),
            None => render_github(diags),
        },
        DiagFormat::Gitlab => render_gitlab(diags),
    };
    match &args.output {
        Some(path) => std::fs::write(path, text)
            .with_context(|| format!("écriture de {} impossible", path.display()))?,
        None => super::print(&text)?,
    }
    Ok(if diagnostics::has_errors(diags) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
