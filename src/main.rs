//! The `convergence` command: parse arguments, run, print the error chain, pick the exit code.

use std::process::ExitCode;

// The build allocates millions of small strings on every core: mimalloc's per-thread heaps
// make that a third cheaper than the system allocator (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match convergence::cli::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
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
