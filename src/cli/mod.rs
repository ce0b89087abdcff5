//! Command-line interface: one module per subcommand, each with its arguments and `run`.
//!
//! Standard output goes through `print` only (the lint below keeps it so), which treats a closed
//! pipe (`convergence score | head -1`) as the reader's choice rather than an error.
#![deny(clippy::print_stdout)]

mod build;
mod campaign;
mod check;
mod codeowners;
mod demo;
mod diff;
mod export;
mod french;
mod migrate;
mod new;
mod score;
mod score_conformity;
mod serve;
mod validate;

pub use french::{command, parse, parse_from};

use clap::{Parser, Subcommand};
use std::io::Write;
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
    /// Build the static portal into `public/`.
    Build(build::Args),
    /// Serve the portal locally, rebuilding and reloading on change.
    Serve(serve::Args),
    /// Check every file of the repository and report all problems.
    Validate(validate::Args),
    /// What CI runs on a change: validation, CODEOWNERS in sync, ownership of changed files.
    Check(check::Args),
    /// Print or write the CODEOWNERS file generated from maintainers and owners.
    Codeowners(codeowners::Args),
    /// Create a ready-to-fill organisation, service or product file.
    New(new::Args),
    /// Report or apply the move of answers to the questionnaire versions in force.
    Migrate(migrate::Args),
    /// Markdown report of a change's effect on the scores, for a pull-request comment.
    Diff(diff::Args),
    /// Print rates, levels and services concerned by group, now or projected at a date.
    Score(score::Args),
    /// Write scores.json (with its JSON Schema), scores.csv and answers.csv into a folder.
    Export(export::Args),
    /// Write a fictitious dataset shaped like the 2020 study under answers/.
    Demo(demo::Args),
    /// Close a campaign: freeze the current figures into `campaigns/<id>.json`.
    Campaign(campaign::Args),
}

/// Runs a parsed command line; `Ok` carries the exit code (1 when problems were reported).
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    if !cli.root.is_dir() {
        anyhow::bail!("{} n'est pas un dossier", cli.root.display());
    }
    match cli.command {
        Command::Validate(args) => validate::run(&cli.root, args),
        Command::Check(args) => check::run(&cli.root, args),
        Command::Codeowners(args) => codeowners::run(&cli.root, args),
        Command::New(args) => new::run(&cli.root, args),
        Command::Migrate(args) => migrate::run(&cli.root, args),
        Command::Diff(args) => diff::run(&cli.root, args),
        Command::Score(args) => score::run(&cli.root, args),
        Command::Export(args) => export::run(&cli.root, args),
        Command::Demo(args) => demo::run(&cli.root, args),
        Command::Build(args) => build::run(&cli.root, args),
        Command::Serve(args) => serve::run(&cli.root, args),
        Command::Campaign(args) => campaign::run(&cli.root, args),
    }
}

/// Writes `text` to standard output and flushes it.
///
/// A closed pipe is not an error: the rest of the text is dropped and the command finishes its work
/// (files written, exit status of its findings), as `demo` always did. Any other write error is
/// reported, naming standard output.
pub(crate) fn print(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(anyhow::Error::new(err).context("écriture sur la sortie standard impossible"))
        }
        _ => Ok(()),
    }
}

/// Output format of diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiagFormat {
    /// For people: location, source line, marker, hint.
    Human,
    /// A JSON array.
    Json,
    /// GitHub Actions annotations (`::error file=…::message`).
    Github,
    /// A GitLab Code Quality report (JSON).
    Gitlab,
}
