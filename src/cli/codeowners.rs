//! `convergence codeowners`: print or write the `CODEOWNERS` file generated from the
//! maintainers of `convergence.yaml` and the owners of each organisation.

use crate::workflow::{Policy, codeowners};
use anyhow::Context;
use std::path::Path;
use std::process::ExitCode;

/// Arguments of `codeowners`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write `CODEOWNERS` at the repository root instead of printing it.
    #[arg(long)]
    pub write: bool,
}

/// Prints or writes `CODEOWNERS` for the repository at `root`.
pub fn run(root: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let loaded = crate::load::load(root);
    let text = codeowners::generate(&Policy::from_repo(&loaded.repo), root);
    if args.write {
        let path = root.join(codeowners::PATH);
        std::fs::write(&path, text)
            .with_context(|| format!("écriture de {} impossible", path.display()))?;
    } else {
        super::print(&text)?;
    }
    Ok(ExitCode::SUCCESS)
}
