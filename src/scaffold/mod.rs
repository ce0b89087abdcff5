//! Ready-to-fill answer files: the schema modeline, identity fields, then, commented out, every
//! criterion that applies given the preliminary answers, each level's text above it. The file
//! is a valid draft as written; the organisation uncomments `answers:` and one line per
//! criterion, choosing the level.

pub(crate) mod text;
mod update;

pub use update::{Disabled, Updated, update, warnings};

use crate::model::{Criterion, Date, PrelimValue, Questionnaire, Repository, Scope};
use anyhow::bail;
use std::collections::BTreeMap;
use std::fmt::Write;

/// What kind of file to create.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// `answers/<org>/organisation.yaml`.
    Organisation,
    /// A service deployed by the organisation.
    Service,
    /// A software editor's product.
    Product,
}

/// Everything the new file is made of.
#[derive(Debug, Clone)]
pub struct Request {
    /// Kind of file.
    pub kind: Kind,
    /// Organisation folder.
    pub org: String,
    /// Subject id (the organisation id for an organisation).
    pub id: String,
    /// Questionnaires to include; empty means every questionnaire in force of the right scope.
    pub questionnaires: Vec<String>,
    /// Preliminary answers, `question → value`, for every questionnaire that asks the question.
    pub preliminary: BTreeMap<String, PrelimValue>,
    /// Assessment date written in the file.
    pub assessed_on: Date,
    /// Owners of a new organisation.
    pub owners: Vec<String>,
}

/// Parses `key=value` (`true`/`false` are yes/no, anything else a choice).
pub fn parse_preliminary(s: &str) -> Result<(String, PrelimValue), String> {
    let (k, v) = s
        .split_once('=')
        .ok_or_else(|| format!("« {s} » : écrivez question=valeur"))?;
    let value = match v.trim() {
        "true" => PrelimValue::Bool(true),
        "false" => PrelimValue::Bool(false),
        other => PrelimValue::Choice(other.to_string()),
    };
    Ok((k.trim().to_string(), value))
}

/// Collects `--preliminary` answers, refusing a question answered twice differently.
pub fn preliminary_map(
    given: Vec<(String, PrelimValue)>,
) -> anyhow::Result<BTreeMap<String, PrelimValue>> {
    let mut out = BTreeMap::new();
    for (key, value) in given {
        if let Some(before) = out.get(&key).filter(|v| **v != value) {
            bail!(
                "--preliminary « {key} » donné deux fois, « {} » puis « {} » : gardez-en un",
                as_written(before),
                as_written(&value)
            );
        }
        out.insert(key, value);
    }
    Ok(out)
}

/// A preliminary answer as the command line and the file write it: `true`, `false` or the
/// choice.
fn as_written(value: &PrelimValue) -> String {
    match value {
        PrelimValue::Bool(b) => b.to_string(),
        PrelimValue::Choice(c) => c.clone(),
    }
}

/// A preliminary answer as a YAML value: `true`, `false` or the choice, quoted.
fn yaml_value(value: &PrelimValue) -> String {
    match value {
        PrelimValue::Bool(b) => b.to_string(),
        PrelimValue::Choice(c) => quoted(c),
    }
}

/// A YAML double-quoted scalar (a JSON string is one).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// The repository-relative path of the new file.
pub fn path_of(req: &Request) -> String {
    match req.kind {
        Kind::Organisation => format!("answers/{}/organisation.yaml", req.org),
        _ => format!("answers/{}/{}.yaml", req.org, req.id),
    }
}

/// Writes the commented stub of one criterion: its title and expected level, the text of each
/// level, then `# <id>: { level: }`, every line indented by `indent` spaces.
pub fn criterion_stub(out: &mut String, c: &Criterion, indent: usize, expected: u8) {
    let pad = " ".repeat(indent);
    let _ = writeln!(
        out,
        "{pad}## {} — {} (niveau attendu : {expected})",
        c.id, c.title
    );
    for (level, text) in &c.levels {
        let mut lines = text.lines();
        let _ = writeln!(
            out,
            "{pad}##   {level} : {}",
            lines.next().unwrap_or_default()
        );
        for more in lines {
            let _ = writeln!(out, "{pad}##       {more}");
        }
    }
    let _ = writeln!(out, "{pad}# {}: {{ level: }}", yaml_key(&c.id));
}

/// A mapping key or identifier, quoted unless it is a plain word that YAML reads as text.
pub fn yaml_key(k: &str) -> String {
    let plain = !k.is_empty()
        && k.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
        && !k.starts_with(['-', '.'])
        && k.parse::<f64>().is_err()
        && !matches!(k.to_ascii_lowercase().as_str(), "true" | "false" | "null");
    if plain { k.to_string() } else { quoted(k) }
}

fn scope_of(kind: Kind) -> Scope {
    match kind {
        Kind::Organisation => Scope::Organisation,
        _ => Scope::Service,
    }
}

/// Picks the questionnaires: the requested ones (each must exist and fit the scope), else every
/// questionnaire in force of the scope.
fn questionnaires<'a>(
    repo: &'a Repository,
    req: &Request,
) -> anyhow::Result<Vec<&'a Questionnaire>> {
    let scope = scope_of(req.kind);
    if req.questionnaires.is_empty() {
        if req.kind == Kind::Organisation {
            return Ok(Vec::new());
        }
        return Ok(default_questionnaires(repo, req.kind).collect());
    }
    let mut out: Vec<&Questionnaire> = Vec::new();
    for id in &req.questionnaires {
        let Some(q) = repo.questionnaire(id) else {
            let known: Vec<&str> = repo
                .questionnaires_in_force()
                .map(|q| q.id.as_str())
                .collect();
            let hint = crate::diagnostics::suggest::hint(
                id,
                known.iter().copied(),
                format!("en vigueur : {}", known.join(", ")),
            );
            bail!("questionnaire « {id} » inconnu ; {hint}");
        };
        if out.iter().any(|o| o.id == q.id) {
            continue;
        }
        if q.scope != scope {
            let (file, other) = match q.scope {
                Scope::Organisation => ("organisation.yaml", "un service ou un produit"),
                Scope::Service => ("un fichier de service ou de produit", "une organisation"),
            };
            bail!("« {id} » se remplit dans {file}, pas pour {other}");
        }
        out.push(q);
    }
    Ok(out)
}

/// The questionnaires a new file of `kind` answers by default: every maturity questionnaire in
/// force of its scope (conformity ones come with a completion path, `new product --path`).
pub fn default_questionnaires(
    repo: &Repository,
    kind: Kind,
) -> impl Iterator<Item = &Questionnaire> {
    let scope = scope_of(kind);
    repo.questionnaires_in_force().filter(move |q| {
        q.scope == scope && repo.scale(&q.scale).is_none_or(|s| !s.kind.is_conformity())
    })
}

/// Checks preliminary answers against the questionnaires `qs` (named `which` in messages:
/// "choisis", "de la fiche"): each question must be asked by one of them (else the closest one
/// is suggested) and each value must be one it allows.
fn check_preliminary(
    qs: &[&Questionnaire],
    which: &str,
    given: &BTreeMap<String, PrelimValue>,
) -> anyhow::Result<()> {
    let known: Vec<&str> = qs
        .iter()
        .flat_map(|q| q.preliminary.iter().map(|p| p.id.as_str()))
        .collect();
    for (key, value) in given {
        if !known.contains(&key.as_str()) {
            let hint = if known.is_empty() {
                "ces questionnaires n'ont pas de question préliminaire".to_string()
            } else {
                crate::diagnostics::suggest::hint(
                    key,
                    known.iter().copied(),
                    format!("questions : {}", known.join(", ")),
                )
            };
            bail!(
                "question préliminaire « {key} » posée par aucun des questionnaires {which} ; {hint}"
            );
        }
        let questions = qs.iter().flat_map(|q| q.preliminary.iter());
        for p in questions.filter(|p| &p.id == key) {
            let fits = p.accepts(value);
            if !fits {
                let allowed = if p.choices.is_empty() {
                    vec!["true", "false"]
                } else {
                    p.choices.iter().map(String::as_str).collect()
                };
                let written = as_written(value);
                bail!(
                    "réponse « {value} » impossible à « {} » ({key}) ; {}",
                    p.question,
                    crate::diagnostics::suggest::hint(
                        &written,
                        allowed,
                        crate::validate::prelim_hint(&p.choices)
                    )
                );
            }
        }
    }
    Ok(())
}

/// Checks the identifiers against the repository: a subject id is unique in the repository,
/// and an organisation that does not exist yet must not be one letter away from one that does.
fn check_ids(repo: &Repository, req: &Request) -> anyhow::Result<()> {
    if req.kind == Kind::Organisation {
        return Ok(());
    }
    if let Some(s) = repo.subjects.iter().find(|s| s.subject.id == req.id) {
        bail!(
            "--id « {} » est déjà pris par {} : un identifiant de service ou de produit est unique dans le dépôt",
            req.id,
            s.path
        );
    }
    let mut known: Vec<&str> = repo
        .organisations
        .iter()
        .map(|o| o.value.id.as_str())
        .collect();
    known.extend(repo.subjects.iter().map(|s| s.org.as_str()));
    if known.contains(&req.org.as_str()) {
        return Ok(());
    }
    if let Some(close) = crate::diagnostics::suggest::closest(&req.org, known) {
        bail!(
            "--org « {} » : aucune organisation de ce nom ; vouliez-vous dire « {close} » ? sinon, créez-la d'abord avec « convergence new organisation --org {} »",
            req.org,
            req.org
        );
    }
    Ok(())
}

/// Renders the new file, or explains why the request cannot be met.
pub fn render(repo: &Repository, req: &Request) -> anyhow::Result<String> {
    check_ids(repo, req)?;
    let qs = questionnaires(repo, req)?;
    check_preliminary(&qs, "choisis", &req.preliminary)?;
    let mut out = String::new();
    identity(&mut out, repo, req);
    if !qs.is_empty() {
        out.push_str("questionnaires:\n");
    }
    let date = repo.reference_date();
    for q in qs {
        let _ = writeln!(out, "  {}:  # {}", yaml_key(&q.id), q.title);
        let _ = writeln!(out, "    version: {}", quoted(&q.version));
        let mut prelim = BTreeMap::new();
        if !q.preliminary.is_empty() {
            let given = q
                .preliminary
                .iter()
                .any(|p| req.preliminary.contains_key(&p.id));
            out.push_str(if given {
                "    preliminary:\n"
            } else {
                "    # preliminary:  # sans réponse, les critères qui en dépendent sont omis\n"
            });
            for p in &q.preliminary {
                let choices = if p.choices.is_empty() {
                    "true ou false".to_string()
                } else {
                    p.choices.join(", ")
                };
                let key = yaml_key(&p.id);
                match req.preliminary.get(&p.id) {
                    Some(v) => {
                        let _ = writeln!(out, "      {key}: {}  # {}", yaml_value(v), p.question);
                        prelim.insert(p.id.clone(), v.clone());
                    }
                    None => {
                        let _ = writeln!(out, "      # {key}: ({choices})  # {}", p.question);
                    }
                }
            }
        }
        out.push_str("    # Décommentez « answers: » puis, pour chaque critère, sa ligne « # <id>: { level: } »\n");
        out.push_str(
            "    # en indiquant le niveau atteint (les lignes « ## » restent des commentaires).\n",
        );
        out.push_str("    # answers:\n");
        for axis in &q.axes {
            let applicable: Vec<&Criterion> = axis
                .criteria
                .iter()
                .filter(|c| c.applies(&prelim))
                .collect();
            if applicable.is_empty() {
                continue;
            }
            let _ = writeln!(out, "      ## Axe {} — {}", axis.id, axis.title);
            for c in applicable {
                criterion_stub(&mut out, c, 6, c.expected_at(date));
            }
        }
    }
    Ok(out)
}

fn identity(out: &mut String, repo: &Repository, req: &Request) {
    let schema = match req.kind {
        Kind::Organisation => "organisation",
        _ => "subject",
    };
    let _ = writeln!(
        out,
        "# yaml-language-server: $schema=../../schemas/{schema}.schema.json"
    );
    let _ = writeln!(out, "id: {}", yaml_key(&req.id));
    let org = repo.organisation(&req.org);
    match req.kind {
        Kind::Organisation => {
            let _ = writeln!(
                out,
                "name: \"{}\"  # nom affiché sur le portail",
                yaml_key(&req.id)
            );
            out.push_str("kind: structure  # region | editor | structure\n");
            out.push_str("# region: \"84\"  # code INSEE, obligatoire pour une région\n");
            out.push_str("# editor: <identifiant>  # obligatoire pour un éditeur (content/referentials/editors.yaml)\n");
            let owners: Vec<String> = req.owners.iter().map(|o| quoted(o)).collect();
            let _ = writeln!(
                out,
                "owners: [{}]  # qui peut modifier ce dossier",
                owners.join(", ")
            );
        }
        Kind::Service | Kind::Product => {
            let kind = if req.kind == Kind::Service {
                "service"
            } else {
                "product"
            };
            let _ = writeln!(out, "kind: {kind}");
            let _ = writeln!(
                out,
                "name: \"{}\"  # nom affiché sur le portail",
                yaml_key(&req.id)
            );
            out.push_str("# description: …\n");
            out.push_str("# pos_zone: \"6.2\"  # zone du POS (content/referentials/pos.yaml)\n");
            out.push_str("# common_core: <type>  # type du tronc commun (content/referentials/common-core.yaml)\n");
            match org.and_then(|o| o.editor.as_deref()) {
                Some(e) => {
                    let _ = writeln!(out, "editor: {}", yaml_key(e));
                }
                None => out.push_str("# editor: <éditeur>  # content/referentials/editors.yaml\n"),
            }
            out.push_str("# solution: <solution>\n# solution_version: \"1.0\"\n");
            if req.kind == Kind::Product {
                out.push_str("product: { kind: socle }  # ou { kind: option, extends: <socle> }\n");
            }
            out.push_str("# national_services: [dmp, mssante]\n");
            out.push_str("publishable: false  # true quand les réponses peuvent être publiées\n");
        }
    }
    out.push_str(
        "status: draft  # validated quand tous les critères applicables ont une réponse\n",
    );
    let _ = writeln!(out, "assessed_on: {}", req.assessed_on);
}

/// Today's date (UTC), from the system clock.
pub fn today() -> Date {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
    Date::new(year, month, day).unwrap_or(Date {
        year: 1970,
        month: 1,
        day: 1,
    })
}
