//! `convergence new`: create a ready-to-fill organisation, service or product file, or, with
//! `--update`, re-apply the preliminary answers of an existing one.

mod update;

use crate::model::{Date, PrelimValue};
use crate::scaffold::{self, Kind, Request};
use anyhow::{Context, bail};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `new`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to create.
    #[arg(value_enum, required_unless_present = "update")]
    pub kind: Option<Kind>,
    /// Organisation folder under `answers/`.
    #[arg(long, required_unless_present = "update")]
    pub org: Option<String>,
    /// Identifier of the service or product (file name); for an organisation, defaults to --org.
    #[arg(long, required_if_eq_any = [("kind", "service"), ("kind", "product")])]
    pub id: Option<String>,
    /// Questionnaire to include (repeatable); default: every one in force for this kind of file.
    #[arg(long = "questionnaire", value_name = "Q")]
    pub questionnaires: Vec<String>,
    /// Preliminary answer `question=value` (repeatable); criteria that do not apply are omitted.
    #[arg(long, value_name = "KEY=VALUE", value_parser = scaffold::parse_preliminary)]
    pub preliminary: Vec<(String, PrelimValue)>,
    /// Owner handle of a new organisation (repeatable; default `@<org>`).
    #[arg(long = "owner", value_name = "HANDLE")]
    pub owners: Vec<String>,
    /// Assessment date written in the file (default: today).
    #[arg(long, value_name = "AAAA-MM-JJ", value_parser = parse_date)]
    pub assessed_on: Option<Date>,
    /// Existing answers file to bring in line with its preliminary answers (and those given
    /// with --preliminary): stubs for the criteria that now apply, a warning above each answer
    /// that no longer does.
    #[arg(
        long,
        value_name = "FICHIER",
        conflicts_with_all = ["kind", "org", "id", "questionnaires", "owners", "assessed_on"]
    )]
    pub update: Option<PathBuf>,
    /// Completion path of a product (repeatable): named in the file, with its questionnaires.
    #[arg(long = "path", value_name = "PARCOURS")]
    pub paths: Vec<String>,
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse()
        .map_err(|_| format!("« {s} » : écrivez une date AAAA-MM-JJ"))
}

/// Writes the new file under `root`, refusing to overwrite an existing one; with `--update`,
/// updates an existing one.
pub fn run(root: &Path, args: Args) -> anyhow::Result<ExitCode> {
    if let Some(file) = &args.update {
        let preliminary = scaffold::preliminary_map(args.preliminary)?;
        return update::run(root, file, &preliminary);
    }
    let (Some(kind), Some(org)) = (args.kind, args.org) else {
        bail!("indiquez ce qu'il faut créer et --org, ou --update FICHIER");
    };
    let id = match (kind, args.id) {
        (Kind::Organisation, Some(id)) if id != org => {
            bail!("une organisation a pour identifiant son dossier : --id {id} ≠ --org {org}")
        }
        (_, Some(id)) => id,
        (_, None) => org.clone(),
    };
    for (flag, value) in [("--org", &org), ("--id", &id)] {
        if let Some(why) = crate::validate::id_problem(value) {
            bail!("{flag} « {value} » n'est pas un identifiant valide : {why}");
        }
    }
    let owners = if args.owners.is_empty() {
        vec![format!("@{org}")]
    } else {
        args.owners
            .iter()
            .map(|o| crate::workflow::ownership::normalise(o))
            .collect()
    };
    if let Some(bad) = owners.iter().find(|o| !crate::validate::valid_owner(o)) {
        bail!("--owner « {bad} » mal écrit : écrivez @utilisateur ou @organisation/equipe");
    }
    let loaded = crate::load::load(root);
    let questionnaires = with_paths(&loaded.repo, kind, args.questionnaires, &args.paths)?;
    let req = Request {
        kind,
        org,
        id,
        questionnaires,
        preliminary: scaffold::preliminary_map(args.preliminary)?,
        assessed_on: args.assessed_on.unwrap_or_else(scaffold::today),
        owners,
    };
    let rel = scaffold::path_of(&req);
    let path = root.join(&rel);
    let exists = || anyhow::anyhow!("{rel} existe déjà : modifiez-le, ou supprimez-le d'abord");
    if path.symlink_metadata().is_ok() {
        return Err(exists());
    }
    let mut text = scaffold::render(&loaded.repo, &req)?;
    if !args.paths.is_empty() {
        let line = format!("completion_paths: [{}]\n", args.paths.join(", "));
        let at = text
            .find("\nquestionnaires:\n")
            .map_or(text.len(), |i| i + 1);
        text.insert_str(at, &line);
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("création de {} impossible", dir.display()))?;
    }
    // `create_new` never follows a link put there meanwhile, dangling or not.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => exists(),
            _ => anyhow::Error::new(e).context(format!("écriture de {rel} impossible")),
        })?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .with_context(|| format!("écriture de {rel} impossible"))?;
    super::print(&format!("créé : {rel}\n"))?;
    if req.kind != Kind::Organisation && loaded.repo.organisation(&req.org).is_none() {
        super::print(&format!(
            "à faire : answers/{}/organisation.yaml n'existe pas ; créez-le avec « convergence new organisation --org {} »\n",
            req.org, req.org
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The questionnaires of a new product on completion paths: those asked for (or, by default,
/// every maturity questionnaire of its scope) and the complementary ones of each path.
fn with_paths(
    repo: &crate::model::Repository,
    kind: Kind,
    mut questionnaires: Vec<String>,
    paths: &[String],
) -> anyhow::Result<Vec<String>> {
    if paths.is_empty() {
        return Ok(questionnaires);
    }
    if kind != Kind::Product {
        bail!("--path ne s'emploie que pour un produit (new product)");
    }
    if questionnaires.is_empty() {
        questionnaires = scaffold::default_questionnaires(repo, kind)
            .map(|q| q.id.clone())
            .collect();
    }
    for name in paths {
        let Some(path) = repo.completion_path(name) else {
            let known: Vec<&str> = repo
                .completion_paths
                .iter()
                .flat_map(|f| f.value.paths.iter().map(|p| p.id.as_str()))
                .collect();
            bail!(
                "parcours de complétion « {name} » inconnu ; {}",
                crate::diagnostics::suggest::hint(
                    name,
                    known.iter().copied(),
                    format!("parcours : {}", known.join(", "))
                )
            );
        };
        for q in &path.questionnaires {
            if !questionnaires.contains(q) {
                questionnaires.push(q.clone());
            }
        }
    }
    Ok(questionnaires)
}
