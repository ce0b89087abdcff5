//! `convergence validate`: load the whole repository and report every problem.

use super::DiagFormat;
use crate::diagnostics::{self, render_human, render_json};
use std::path::Path;
use std::process::ExitCode;

/// Arguments of `validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: DiagFormat,
}

/// Validates the repository at `root`; exit 1 when there is an error.
pub fn run(root: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let loaded = crate::validate::load_and_validate(root);
    let text = match args.format {
        DiagFormat::Human => render_human(&loaded.diagnostics, &loaded.sources),
        DiagFormat::Json => render_json(&loaded.diagnostics),
        DiagFormat::Github => diagnostics::render_github(&loaded.diagnostics),
        DiagFormat::Gitlab => diagnostics::render_gitlab(&loaded.diagnostics),
    };
    super::print(&text)?;
    Ok(if diagnostics::has_errors(&loaded.diagnostics) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
