//! `convergence demo`: write the fictitious dataset under `answers/`.

use crate::demo::{self, Options};
use anyhow::Context;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `demo`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Seed of the generator; the committed dataset uses the default.
    #[arg(long, default_value_t = demo::DEFAULT_SEED)]
    pub seed: u64,
    /// Copies of the 17 regions (about 365 services each), for benchmarks.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub scale: u32,
    /// Where to write `answers/` (default: the repository root).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Replace an existing, non-empty `answers/` folder.
    #[arg(long)]
    pub force: bool,
}

/// Generates the dataset from the questionnaires of `root` and writes it.
pub fn run(root: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let loaded = crate::load::load(root);
    let opts = Options {
        seed: args.seed,
        scale: args.scale as usize,
    };
    let files = demo::generate(&loaded.repo, &opts)?;
    let out = args.out.unwrap_or_else(|| root.to_path_buf());
    let answers = out.join("answers");
    let non_empty = answers
        .read_dir()
        .map(|mut d| d.next().is_some())
        .unwrap_or(false);
    if non_empty {
        if !args.force {
            anyhow::bail!(
                "{} n'est pas vide ; relancez avec --force pour le remplacer",
                answers.display()
            );
        }
        std::fs::remove_dir_all(&answers)
            .with_context(|| format!("suppression de {}", answers.display()))?;
    }
    for f in &files {
        let path = out.join(&f.path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("création de {}", dir.display()))?;
        }
        std::fs::write(&path, &f.text)
            .with_context(|| format!("écriture de {}", path.display()))?;
    }
    println!("{} fichiers écrits sous {}", files.len(), answers.display());
    if args.scale == 1 {
        let written = crate::load::load(&out);
        if written
            .repo
            .questionnaire(demo::calibrate::URBANISATION)
            .is_some()
        {
            print!(
                "\n{}",
                demo::measure::table(&demo::measure::calibration(&written.repo))
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
