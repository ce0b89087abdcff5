//! `convergence serve`: build in memory, serve locally, rebuild and reload on change.

use crate::site::BuildOptions;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Port on 127.0.0.1.
    #[arg(long, default_value_t = 8000)]
    pub port: u16,
    /// Theme folder overriding files of the built-in theme.
    #[arg(long)]
    pub theme: Option<PathBuf>,
    /// Publish draft answers and count them in figures.
    #[arg(long)]
    pub include_drafts: bool,
}

/// Serves until interrupted.
pub fn run(root: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let opts = BuildOptions {
        theme: args.theme,
        include_drafts: args.include_drafts,
        ..BuildOptions::default()
    };
    crate::serve::serve(root.to_path_buf(), args.port, opts)?;
    Ok(ExitCode::SUCCESS)
}
