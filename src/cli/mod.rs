//! Command-line interface: one module per subcommand, each with its arguments and `run`.

mod build;
mod serve;
mod validate;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Questionnaire-as-code for the e-health convergence self-assessment.
#[derive(Debug, Parser)]
#[command(name = "convergence", version, about)]
pub struct Cli {
    /// Repository root.
    #[arg(long, global = true, default_value = ".")]
    pub root: PathBuf,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every file of the repository and report all problems.
    Validate(validate::Args),
    /// Build the static portal into `public/`.
    Build(build::Args),
    /// Serve the portal locally, rebuilding and reloading on change.
    Serve(serve::Args),
}

/// Runs a parsed command line; `Ok` carries the exit code (1 when problems were reported).
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Validate(args) => validate::run(&cli.root, args),
        Command::Build(args) => build::run(&cli.root, args),
        Command::Serve(args) => serve::run(&cli.root, args),
    }
}

/// Output format of diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiagFormat {
    /// For people: location, source line, marker, hint.
    Human,
    /// A JSON array.
    Json,
}
