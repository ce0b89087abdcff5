//! `convergence export`: write `scores.json`, its schema, `scores.csv` and `answers.csv`.

use super::score::{PerimeterArgs, warn_if_invalid};
use crate::export;
use crate::score::Scores;
use anyhow::Context;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder to write the files into (created if needed).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Which subjects count.
    #[command(flatten)]
    pub perimeter: PerimeterArgs,
}

/// Computes every score of the repository at `root` and writes the export files.
pub fn run(root: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let loaded = crate::load::load(root);
    warn_if_invalid(&loaded.diagnostics);
    let repo = &loaded.repo;
    let scores = Scores::compute(repo, &args.perimeter.settings(repo));
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("création du dossier {}", args.out.display()))?;
    for (name, text) in export::files(repo, &scores) {
        let path = args.out.join(name);
        std::fs::write(&path, text).with_context(|| format!("écriture de {}", path.display()))?;
        super::print(&format!("{}\n", path.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}
