//! `convergence new --update FILE`: re-applies the preliminary answers of an existing answers
//! file, writes it beside and renames it over (never through a link), and reports the answers
//! that no longer apply.

use crate::diagnostics::render_human;
use crate::model::PrelimValue;
use anyhow::{Context, bail};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::process::ExitCode;

/// Updates `file` (relative to the current directory) of the repository at `root`.
pub fn run(
    root: &Path,
    file: &Path,
    overrides: &BTreeMap<String, PrelimValue>,
) -> anyhow::Result<ExitCode> {
    let shown = file.display();
    let meta = std::fs::symlink_metadata(file).with_context(|| format!("{shown} introuvable"))?;
    if meta.file_type().is_symlink() {
        bail!("{shown} est un lien symbolique : donnez le fichier lui-même");
    }
    if !meta.is_file() {
        bail!("{shown} n'est pas un fichier");
    }
    let rel = relative(root, file)?;
    let loaded = crate::load::load(root);
    let responses = loaded
        .repo
        .organisations
        .iter()
        .find(|o| o.path == rel)
        .map(|o| &o.value.questionnaires)
        .or_else(|| {
            loaded
                .repo
                .subjects
                .iter()
                .find(|s| s.path == rel)
                .map(|s| &s.subject.questionnaires)
        });
    let (Some(responses), Some(src), Some(spans)) =
        (responses, loaded.sources.get(&rel), loaded.spans(&rel))
    else {
        let own: Vec<_> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.path == rel)
            .cloned()
            .collect();
        if own.is_empty() {
            bail!("{rel} n'est pas une fiche de réponses (answers/<organisation>/<fiche>.yaml)");
        }
        crate::cli::print(&render_human(&own, &loaded.sources))?;
        bail!("{rel} ne se lit pas : corrigez d'abord les erreurs ci-dessus");
    };
    let updated =
        crate::scaffold::update(&loaded.repo, &rel, &src.text, spans, responses, overrides)?;
    let mut report = String::new();
    if updated.text == src.text {
        report.push_str(&format!("inchangé : {rel}\n"));
    } else {
        write_over(&root.join(&rel), &updated.text, &meta)
            .with_context(|| format!("écriture de {rel} impossible"))?;
        report.push_str(&format!("mis à jour : {rel}\n"));
    }
    for (q, key, value) in &updated.set {
        report.push_str(&format!("  réponse préliminaire ({q}) : {key} = {value}\n"));
    }
    for (q, c) in &updated.added {
        report.push_str(&format!("  critère ajouté en commentaire ({q}) : {c}\n"));
    }
    let warnings = crate::scaffold::warnings(&rel, &updated.text, &updated.disabled);
    if !warnings.is_empty() {
        let sources = HashMap::from([(
            rel.clone(),
            crate::source::SourceFile::new(rel.as_str(), updated.text.as_str()).into(),
        )]);
        report.push('\n');
        report.push_str(&render_human(&warnings, &sources));
    }
    crate::cli::print(&report)?;
    Ok(ExitCode::SUCCESS)
}

/// The repository-relative path of `file`, with `/` separators.
fn relative(root: &Path, file: &Path) -> anyhow::Result<String> {
    let outside = || anyhow::anyhow!("{} n'est pas dans le dépôt", file.display());
    let root = root
        .canonicalize()
        .with_context(|| format!("{} introuvable", root.display()))?;
    let name = file.file_name().ok_or_else(outside)?;
    let parent = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let dir = parent.canonicalize().map_err(|_| outside())?;
    let rel = dir.join(name);
    let rel = rel.strip_prefix(&root).map_err(|_| outside())?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Ok(parts.ok_or_else(outside)?.join("/"))
}

/// Writes `text` to a temporary file beside `path`, with `path`'s permissions, then renames it
/// over `path`: readers see the old or the new file, never half of one, and a link put at
/// `path` meanwhile is replaced, never followed.
fn write_over(path: &Path, text: &str, meta: &std::fs::Metadata) -> anyhow::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    std::io::Write::write_all(&mut file, text.as_bytes())?;
    file.as_file().set_permissions(meta.permissions())?;
    file.persist(path)?;
    Ok(())
}
