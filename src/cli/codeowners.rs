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
        // Written beside, then renamed over: a `CODEOWNERS` that is a symbolic link is
        // replaced, never followed to a file outside the repository.
        let path = root.join(codeowners::PATH);
        let failed = || format!("écriture de {} impossible", path.display());
        let mut file = tempfile::NamedTempFile::new_in(root).with_context(failed)?;
        std::io::Write::write_all(&mut file, text.as_bytes()).with_context(failed)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let readable = std::fs::Permissions::from_mode(0o644);
            file.as_file()
                .set_permissions(readable)
                .with_context(failed)?;
        }
        file.persist(&path).with_context(failed)?;
    } else {
        super::print(&text)?;
    }
    Ok(ExitCode::SUCCESS)
}
