//! `convergence demo`: write the fictitious dataset under `answers/`.

use crate::demo::{self, Options};
use anyhow::Context;
use rayon::prelude::*;
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
    let dirs: std::collections::BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|f| out.join(&f.path).parent().map(Path::to_path_buf))
        .collect();
    for dir in &dirs {
        std::fs::create_dir_all(dir).with_context(|| format!("création de {}", dir.display()))?;
    }
    files.par_iter().try_for_each(|f| {
        let path = out.join(&f.path);
        std::fs::write(&path, &f.text).with_context(|| format!("écriture de {}", path.display()))
    })?;
    let mut report = format!(
        "{} fichiers écrits sous {}\n",
        files.len(),
        answers.display()
    );
    let written = crate::load::load(&out);
    // The campaigns are frozen from the root's questionnaires and referentials with the answers
    // just written.
    let mut state = loaded.repo.clone();
    state.subjects = written.repo.subjects.clone();
    state.organisations = written.repo.organisations.clone();
    for c in demo::campaigns::campaigns(&state) {
        let rel = crate::campaign::path_of(&c.id);
        crate::campaign::write_atomic(&out, &rel, &crate::campaign::to_json(&c))?;
        report.push_str(&format!("campagne « {} » écrite dans {rel}\n", c.id));
    }
    let calibrated = written
        .repo
        .questionnaire(demo::calibrate::URBANISATION)
        .is_some();
    if args.scale == 1 && calibrated {
        let rows = demo::measure::calibration(&written.repo);
        report.push('\n');
        report.push_str(&demo::measure::table(&rows));
    }
    // A closed pipe (`| head`) is not an error once the files are written.
    let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), report.as_bytes());
    Ok(ExitCode::SUCCESS)
}
