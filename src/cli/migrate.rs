//! `convergence migrate`: list, or apply, what moving answers to the questionnaire versions in
//! force involves.

use crate::migrate;
use anyhow::Context;
use std::path::Path;
use std::process::ExitCode;

/// Arguments of `migrate`.
#[derive(Debug, clap::Args)]
#[group(required = true, multiple = false)]
pub struct Args {
    /// List, per answers file, the renamed, obsolete and missing criteria.
    #[arg(long)]
    pub report: bool,
    /// Rewrite the answers files: version, renamed keys, obsolete answers into comments,
    /// commented stubs for the missing criteria.
    #[arg(long)]
    pub write: bool,
}

/// Reports or applies the migrations of the repository at `root`.
pub fn run(root: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let loaded = crate::load::load(root);
    let plan = migrate::plan(&loaded.repo);
    super::print(&migrate::report(&plan))?;
    if !args.write {
        return Ok(ExitCode::SUCCESS);
    }
    let mut failed = false;
    let mut paths: Vec<&str> = plan.iter().map(|m| m.path.as_str()).collect();
    paths.dedup();
    for path in paths {
        let ms: Vec<&migrate::Migration> = plan.iter().filter(|m| m.path == path).collect();
        let (Some(src), Some(spans)) = (loaded.sources.get(path), loaded.spans(path)) else {
            continue;
        };
        match migrate::rewrite(&loaded.repo, &src.text, spans, &ms) {
            Ok(text) => {
                std::fs::write(root.join(path), text)
                    .with_context(|| format!("écriture de {path} impossible"))?;
                super::print(&format!("réécrit : {path}\n"))?;
            }
            Err(why) => {
                failed = true;
                super::print(&format!("non réécrit : {path} : {why}\n"))?;
            }
        }
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
