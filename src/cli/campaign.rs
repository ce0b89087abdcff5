//! `convergence campaign close <id> --date YYYY-MM-DD`: freeze the current figures into
//! `campaigns/<id>.json`.

use super::score::parse_date;
use crate::campaign;
use crate::diagnostics::{self, render_human};
use crate::model::Date;
use std::path::Path;
use std::process::ExitCode;

/// What to do with a campaign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Action {
    /// Freeze the current figures into `campaigns/<id>.json`.
    Close,
}

/// Arguments of `campaign`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to do: close.
    #[arg(value_enum)]
    pub action: Action,
    /// Campaign identifier, e.g. `2020`: the file is `campaigns/<id>.json`.
    pub id: String,
    /// Date of the campaign: expected levels are read at this date.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Date,
}

/// Closes a campaign of the repository at `root`; exit 1, writing nothing, when the repository
/// has errors or the campaign is already closed.
pub fn run(root: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let Action::Close = args.action;
    if let Some(problem) = crate::validate::id_problem(&args.id) {
        anyhow::bail!(
            "identifiant de campagne « {} » mal formé : {problem}",
            args.id
        );
    }
    let rel = campaign::path_of(&args.id);
    if root.join(&rel).symlink_metadata().is_ok() {
        eprintln!(
            "{rel} existe déjà : une campagne close ne se recalcule pas ; choisissez un autre identifiant"
        );
        return Ok(ExitCode::from(1));
    }
    let loaded = crate::validate::load_and_validate(root);
    if diagnostics::has_errors(&loaded.diagnostics) {
        eprint!("{}", render_human(&loaded.diagnostics, &loaded.sources));
        eprintln!("campagne non close : corrigez d'abord les erreurs ci-dessus");
        return Ok(ExitCode::from(1));
    }
    let frozen = campaign::freeze(
        &loaded.repo,
        &args.id,
        args.date,
        campaign::head_commit(root),
    );
    campaign::write_atomic(root, &rel, &campaign::to_json(&frozen))?;
    super::print(&format!(
        "campagne « {} » close au {} : {rel} ({} services et produits, {} chiffres)\n",
        frozen.id,
        frozen.date,
        frozen.subjects.len(),
        frozen.aggregates.len()
    ))?;
    Ok(ExitCode::SUCCESS)
}
