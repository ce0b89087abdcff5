//! The file of a frozen campaign: its deterministic JSON layout (one line per subject and per
//! aggregate, so that a review shows what changed), and reading every `campaigns/*.json` back
//! with located diagnostics.

use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Campaign, Located};
use crate::source::{Location, SourceFile};
use rayon::prelude::*;
use serde::Serialize;
use std::fmt::Write as _;
use std::io::Read as _;
use std::path::Path;

/// The folder of frozen campaigns, relative to the repository root.
pub const DIR: &str = "campaigns";

/// A frozen campaign holds every public subject's answers: larger than any YAML file, so it
/// has its own bound (a campaign of the demo at scale 50 is far below it).
pub const MAX_CAMPAIGN_BYTES: u64 = 256 * 1024 * 1024;

/// The repository-relative path of campaign `id`.
pub fn path_of(id: &str) -> String {
    format!("{DIR}/{id}.json")
}

/// The campaign as written: an object whose scalar fields and each element of its lists sit
/// on their own line, in field order; the same campaign always gives the same bytes.
pub fn to_json(c: &Campaign) -> String {
    let mut out = String::from("{\n");
    let mut fields: Vec<(&str, String)> = vec![("id", one(&c.id)), ("date", one(&c.date))];
    if let Some(commit) = &c.commit {
        fields.push(("commit", one(commit)));
    }
    fields.push(("perimeter", one(&c.perimeter)));
    fields.push(("questionnaires", lines(&c.questionnaires)));
    fields.push(("subjects", lines(&c.subjects)));
    if !c.organisations.is_empty() {
        fields.push(("organisations", lines(&c.organisations)));
    }
    fields.push(("aggregates", lines(&c.aggregates)));
    let n = fields.len();
    for (i, (key, value)) in fields.into_iter().enumerate() {
        let comma = if i + 1 < n { "," } else { "" };
        let _ = writeln!(out, "  \"{key}\": {value}{comma}");
    }
    out.push_str("}\n");
    out
}

/// A list with one compact element per line.
fn lines<T: Serialize>(items: &[T]) -> String {
    if items.is_empty() {
        return "[]".to_string();
    }
    let body: Vec<String> = items
        .iter()
        .map(|i| format!("    {}", serde_json::to_string(i).unwrap_or_default()))
        .collect();
    format!("[\n{}\n  ]", body.join(",\n"))
}

/// One value as compact JSON.
fn one<T: Serialize + ?Sized>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// Parses one campaign's text, or says where it is wrong.
pub fn parse(path: &str, text: &str) -> Result<Campaign, Diagnostic> {
    serde_json::from_str::<Campaign>(text).map_err(|e| {
        let src = SourceFile::new(path, text);
        let at = (e.line() > 0).then(|| char_location(&src, e.line(), e.column()));
        let message = e.to_string();
        // serde_json ends its message with " at line L column C": the location says it.
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m)
            .to_string();
        Diagnostic::error(
            Code::InvalidCampaign,
            path,
            format!("campagne figée non conforme : {message}"),
        )
        .at(at)
        .hint("une campagne close ne s'écrit pas à la main : rétablissez le fichier produit par « convergence campaign close »")
    })
}

/// serde_json counts columns in bytes and points at the end of the offending token;
/// locations count characters, and mark a whole string (a key, a text) from its opening quote.
fn char_location(src: &SourceFile, line: usize, byte_col: usize) -> Location {
    let text = src
        .text
        .lines()
        .nth(line.saturating_sub(1))
        .unwrap_or_default();
    let mut end = byte_col.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let col = before.chars().count().max(1);
    let string_start = before
        .strip_suffix('"')
        .and_then(|inner| inner.rfind('"'))
        .map(|start| before[..start].chars().count() + 1);
    match string_start {
        Some(start) => Location {
            line: line as u32,
            col: start as u32,
            len: (col + 1 - start) as u32,
        },
        None => Location::at(line as u32, col as u32),
    }
}

/// Reads every `campaigns/*.json` of `root`, sorted by date then id, with a diagnostic for
/// each unreadable or invalid file and for anything else in the folder. The texts of files
/// with problems are returned for rendering.
pub fn load(root: &Path) -> super::Read {
    let (mut campaigns, mut sources, mut diags) = (Vec::new(), Vec::new(), Vec::new());
    let Ok(meta) = root.join(DIR).symlink_metadata() else {
        return (campaigns, sources, diags);
    };
    if !meta.is_dir() {
        diags.push(
            Diagnostic::error(
                Code::InvalidCampaign,
                DIR,
                "« campaigns » n'est pas un dossier",
            )
            .hint("les campagnes closes vont dans le dossier campaigns/, une par fichier"),
        );
        return (campaigns, sources, diags);
    }
    let mut names: Vec<String> = match std::fs::read_dir(root.join(DIR)) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.'))
            .collect(),
        Err(e) => {
            diags.push(Diagnostic::error(
                Code::Io,
                DIR,
                format!("lecture du dossier impossible : {e}"),
            ));
            return (campaigns, sources, diags);
        }
    };
    names.sort();
    // Each file is read and parsed on its own thread: a campaign at national scale is tens of
    // megabytes of JSON, and the build's tree load runs beside (`load::load`).
    let files: Vec<OneFile> = names.par_iter().map(|name| load_one(root, name)).collect();
    for f in files {
        diags.extend(f.diags);
        sources.extend(f.source);
        campaigns.extend(f.campaign);
    }
    campaigns.sort_by(|a, b| (a.value.date, &a.value.id).cmp(&(b.value.date, &b.value.id)));
    (campaigns, sources, diags)
}

/// What reading one file of `campaigns/` gives: the campaign, or the file's text kept for the
/// located diagnostics.
#[derive(Default)]
struct OneFile {
    campaign: Option<Located<Campaign>>,
    source: Option<SourceFile>,
    diags: Vec<Diagnostic>,
}

fn load_one(root: &Path, name: &str) -> OneFile {
    let mut out = OneFile::default();
    let rel = format!("{DIR}/{name}");
    let Some(stem) = name.strip_suffix(".json") else {
        out.diags.push(
            Diagnostic::warning(
                Code::UnexpectedFile,
                &rel,
                "fichier ignoré : il n'est pas à un emplacement connu",
            )
            .hint("campaigns/ ne contient que des campagnes closes, campaigns/<id>.json"),
        );
        return out;
    };
    let text = match read(root, &rel) {
        Ok(text) => text,
        Err(d) => {
            out.diags.push(d);
            return out;
        }
    };
    match parse(&rel, &text.text) {
        Err(d) => {
            out.diags.push(d);
            out.source = Some(text);
        }
        Ok(c) => {
            if let Some(d) = mismatch(&rel, stem, &c, &text) {
                out.diags.push(d);
                out.source = Some(text);
            } else {
                out.campaign = Some(Located {
                    path: rel,
                    value: c,
                });
            }
        }
    }
    out
}

/// A CV341 error when the campaign's id is malformed or is not its file name.
fn mismatch(rel: &str, stem: &str, c: &Campaign, src: &SourceFile) -> Option<Diagnostic> {
    let problem = crate::validate::id_problem(&c.id)
        .map(|p| format!("identifiant de campagne « {} » mal formé : {p}", c.id))
        .or_else(|| {
            (c.id != stem).then(|| {
                format!(
                    "la campagne « {} » est dans le fichier « {stem}.json » : le nom du fichier doit être son identifiant",
                    c.id
                )
            })
        })?;
    let at = src
        .text
        .lines()
        .position(|l| l.trim_start().starts_with("\"id\""))
        .map(|i| Location::at(i as u32 + 1, 3));
    Some(
        Diagnostic::error(Code::CampaignMismatch, rel, problem)
            .at(at)
            .hint(format!("renommez le fichier en campaigns/{}.json", c.id)),
    )
}

/// Reads one campaign file: a regular file (no link), within [`MAX_CAMPAIGN_BYTES`], in UTF-8.
fn read(root: &Path, rel: &str) -> Result<SourceFile, Diagnostic> {
    let io = |e: std::io::Error| {
        Diagnostic::error(Code::Io, rel, format!("lecture impossible : {e}"))
            .hint("vérifiez les droits du fichier")
    };
    let meta = root.join(rel).symlink_metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(Diagnostic::error(
            Code::NotRegularFile,
            rel,
            "une campagne close est un fichier ordinaire (ni lien, ni dossier)",
        )
        .hint("remplacez-le par le fichier produit par « convergence campaign close »"));
    }
    if meta.len() > MAX_CAMPAIGN_BYTES {
        return Err(Diagnostic::error(
            Code::FileTooLarge,
            rel,
            format!(
                "fichier de {} octets : au plus {MAX_CAMPAIGN_BYTES} octets sont acceptés pour une campagne",
                meta.len()
            ),
        )
        .hint("une campagne close ne s'écrit pas à la main : rétablissez le fichier produit par « convergence campaign close »"));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(root.join(rel))
        .and_then(|f| f.take(MAX_CAMPAIGN_BYTES).read_to_end(&mut bytes))
        .map_err(io)?;
    crate::load::text_of(rel, bytes)
}
