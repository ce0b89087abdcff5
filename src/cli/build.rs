//! `convergence build`: validate the repository, then write the static portal atomically.

use crate::diagnostics::{self, render_human};
use crate::site::{self, BuildOptions};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Arguments of `build`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output folder, relative to the repository root unless absolute.
    #[arg(long, default_value = "public")]
    pub out: PathBuf,
    /// Public URL prefix of the site (e.g. `/observatoire/`); links stay relative.
    #[arg(long, default_value = "")]
    pub base_url: String,
    /// Theme folder (`templates/`, `assets/`) overriding files of the built-in theme.
    #[arg(long)]
    pub theme: Option<PathBuf>,
    /// Publish draft answers and count them in figures.
    #[arg(long)]
    pub include_drafts: bool,
    /// Print the time of each build step.
    #[arg(long, short)]
    pub verbose: bool,
}

/// Builds the portal; exit 1 without touching the output when the repository has errors.
pub fn run(root: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let mut t = site::Timer::new(args.verbose);
    let mut loaded = crate::load::load(root);
    t.step("lecture");
    crate::validate::check(&mut loaded);
    t.step("validation");
    if diagnostics::has_errors(&loaded.diagnostics) {
        eprint!("{}", render_human(&loaded.diagnostics, &loaded.sources));
        eprintln!(
            "construction refusée : corrigez les erreurs ci-dessus ; le site précédent est conservé"
        );
        return Ok(ExitCode::from(1));
    }
    let opts = BuildOptions {
        base_url: args.base_url,
        theme: args.theme,
        include_drafts: args.include_drafts,
        live_reload: false,
        verbose: args.verbose,
    };
    let dest = if args.out.is_absolute() {
        args.out
    } else {
        root.join(args.out)
    };
    // Files go to a staging folder beside `dest`; a failed build deletes it and leaves `dest`.
    let out = site::Staging::new(&dest)?;
    let repo = std::mem::take(&mut loaded.repo);
    // Every file's text, line index and node locations are needed only for diagnostics, all
    // reported by now: freed before the site is built, so that its peak memory holds none of
    // them.
    drop(loaded);
    site::build(repo, root, &opts, &out)?;
    let n = out.len();
    out.commit()?;
    eprintln!(
        "{n} fichiers écrits dans {} en {:.2} s",
        dest.display(),
        start.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
