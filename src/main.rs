//! The `convergence` command: parse arguments, run, print the error chain, pick the exit code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = convergence::cli::Cli::parse();
    match convergence::cli::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("erreur : {err}");
            for cause in err.chain().skip(1) {
                eprintln!("  cause : {cause}");
            }
            ExitCode::from(2)
        }
    }
}
