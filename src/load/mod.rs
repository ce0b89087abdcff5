//! Walks the repository, reads every file within limits, parses YAML with locations, checks
//! each file against its schema and builds the typed [`Repository`]. Files are processed in
//! parallel; the result does not depend on scheduling.

mod check;
pub mod front_matter;
mod read;
mod syntax;
pub mod yaml;

pub use read::{read_argument, read_optional, text_of};
pub use yaml::{Size, SpanMap};

use crate::diagnostics::{self, Code, Diagnostic};
use crate::model::*;
use crate::schema::FileKind;
use crate::source::{
    Location, MAX_REPO_BYTES, MAX_REPO_ENTRIES, MAX_REPO_EXPANDED_BYTES, MAX_REPO_NODES, SourceFile,
};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

/// The loaded repository, the text of every file, and the problems found while loading.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The typed repository (files with errors left out).
    pub repo: Repository,
    /// Text of every file read, by repository-relative path.
    pub sources: HashMap<String, SourceFile>,
    /// Node locations of every parsed file, by path: recorded while loading for files with
    /// problems, computed again from the text on first use for the others.
    spans: HashMap<String, OnceLock<Option<SpanMap>>>,
    /// Problems found, sorted.
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// Node locations of a parsed file (YAML file or page front matter).
    pub fn spans(&self, path: &str) -> Option<&SpanMap> {
        let cell = self.spans.get(path)?;
        cell.get_or_init(|| {
            let src = self.sources.get(path)?;
            let mut ignored = Vec::new();
            let yaml = yaml_of(src)?;
            yaml::parse(&yaml, &mut ignored).map(|(_, s)| s)
        })
        .as_ref()
    }
}

/// What a path holds, decided from where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    Yaml(FileKind),
    Page(PageSection),
}

fn classify(rel: &str) -> Result<Option<Entry>, &'static str> {
    // `.yml` is read like `.yaml`: the file's kind is decided on its `.yaml` spelling.
    let spelled: std::borrow::Cow<str> = match rel.strip_suffix(".yml") {
        Some(stem) => format!("{stem}.yaml").into(),
        None => rel.into(),
    };
    let rel = spelled.as_ref();
    let parts: Vec<&str> = rel.split('/').collect();
    let yaml = rel.ends_with(".yaml");
    Ok(Some(match parts.as_slice() {
        ["convergence.yaml"] => Entry::Yaml(FileKind::Config),
        ["content", "scales", _] if yaml => Entry::Yaml(FileKind::Scale),
        ["content", "referentials", name] => Entry::Yaml(match *name {
            "pos.yaml" => FileKind::Pos,
            "common-core.yaml" => FileKind::CommonCore,
            "regions.yaml" => FileKind::Regions,
            "national-services.yaml" => FileKind::NationalServices,
            "editors.yaml" => FileKind::Editors,
            "completion-paths.yaml" => FileKind::CompletionPaths,
            _ if yaml => {
                return Err(
                    "référentiels connus : pos, common-core, regions, national-services, editors, completion-paths",
                );
            }
            _ => return Ok(None),
        }),
        ["content", section, name] if name.ends_with(".md") => Entry::Page(match *section {
            "doctrine" => PageSection::Doctrine,
            "faq" => PageSection::Faq,
            "pages" => PageSection::Page,
            _ => return Err("les pages vont dans content/doctrine, content/faq ou content/pages"),
        }),
        ["questionnaires", _] | ["questionnaires", "archive", _] if yaml => {
            Entry::Yaml(FileKind::Questionnaire)
        }
        ["answers", _, "organisation.yaml"] => Entry::Yaml(FileKind::Organisation),
        ["answers", _, _] if yaml => Entry::Yaml(FileKind::Subject),
        ["answers", _, "evaluations", _] if yaml => Entry::Yaml(FileKind::Assessment),
        ["answers", ..] | ["questionnaires", ..] if yaml => {
            return Err(
                "les réponses vont dans answers/<organisation>/<id>.yaml, les questionnaires dans questionnaires/<id>.yaml",
            );
        }
        _ => return Ok(None),
    }))
}

/// Bounds on the whole repository: the constants of [`crate::source`], smaller in tests.
#[derive(Debug, Clone, Copy)]
struct RepoLimits {
    /// Entries walked.
    entries: usize,
    /// Bytes of data files read.
    bytes: u64,
    /// Size of the data once aliases are expanded, over all files.
    data: Size,
}

impl RepoLimits {
    const DEFAULT: RepoLimits = RepoLimits {
        entries: MAX_REPO_ENTRIES,
        bytes: MAX_REPO_BYTES,
        data: Size {
            nodes: MAX_REPO_NODES,
            bytes: MAX_REPO_EXPANDED_BYTES,
        },
    };
}

/// The walk of the repository: what it found and what it has spent.
struct Walk<'a> {
    root: &'a Path,
    limits: RepoLimits,
    entries: usize,
    bytes: u64,
    full: bool,
    files: Vec<(String, Entry)>,
    diags: &'a mut Vec<Diagnostic>,
}

impl Walk<'_> {
    /// Counts one more entry; past the limit, the walk stops.
    fn count(&mut self, rel: &str) -> bool {
        self.entries += 1;
        if self.entries > self.limits.entries {
            self.stop(
                rel,
                format!(
                    "plus de {} entrées sous content/, questionnaires/ et answers/ : la lecture s'arrête ici",
                    self.limits.entries
                ),
            );
        }
        !self.full
    }

    fn stop(&mut self, rel: &str, message: String) {
        self.full = true;
        self.diags.push(
            Diagnostic::error(Code::RepositoryTooLarge, rel, message).hint(
                "un dépôt du format en est loin : retirez les fichiers qui n'en font pas partie",
            ),
        );
    }

    /// Looks at a non-folder entry: a data file to load, a misplaced file, or something that
    /// may not stand in a repository at all. `plain` is a regular file (no link).
    fn add(&mut self, rel: String, plain: bool) {
        let entry = match classify(&rel) {
            Ok(entry) => entry,
            Err(hint) => {
                self.diags.push(
                    Diagnostic::warning(
                        Code::UnexpectedFile,
                        &rel,
                        "fichier ignoré : il n'est pas à un emplacement connu",
                    )
                    .hint(hint),
                );
                None
            }
        };
        if plain && entry.is_none() {
            return;
        }
        match read::inspect(self.root, &rel) {
            Err(d) => self.diags.push(d),
            // A link to a folder inside the repository: not followed.
            Ok(read::Kind::Dir) => {}
            Ok(read::Kind::Other(what)) => self.diags.push(read::not_regular(&rel, what)),
            Ok(read::Kind::File(size)) => {
                let Some(entry) = entry else { return };
                self.bytes += size;
                if self.bytes > self.limits.bytes {
                    let message = format!(
                        "les fichiers de données dépassent {} octets au total : celui-ci et les suivants ne sont pas lus",
                        self.limits.bytes
                    );
                    return self.stop(&rel, message);
                }
                self.files.push((rel, entry));
            }
        }
    }

    /// Walks `top` (not followed if it is a link leaving the repository), sorted by name.
    fn walk(&mut self, top: &str) {
        match read::inspect(self.root, top) {
            Ok(read::Kind::Dir) => {}
            Ok(read::Kind::File(_)) => return,
            Ok(read::Kind::Other(what)) => return self.diags.push(read::not_regular(top, what)),
            Err(d) if d.code == Code::Io => return,
            Err(d) => return self.diags.push(d),
        }
        let walker = walkdir::WalkDir::new(self.root.join(top))
            .follow_links(false)
            .max_depth(8)
            .sort_by_file_name();
        for entry in walker.into_iter().skip(1) {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let rel = e.path().map_or(top.to_string(), |p| self.rel(p));
                    self.diags.push(Diagnostic::error(
                        Code::Io,
                        rel,
                        format!("lecture du dossier impossible : {e}"),
                    ));
                    continue;
                }
            };
            let rel = self.rel(entry.path());
            if !self.count(&rel) {
                return;
            }
            let kind = entry.file_type();
            if kind.is_dir() || entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            self.add(rel, kind.is_file());
            if self.full {
                return;
            }
        }
    }

    fn rel(&self, path: &Path) -> String {
        let rel = path.strip_prefix(self.root).unwrap_or(path);
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// Lists the repository's data files, sorted, with problems for misplaced files, for what is
/// neither a file nor a folder, and past the repository's limits.
fn discover(root: &Path, limits: RepoLimits, diags: &mut Vec<Diagnostic>) -> Vec<(String, Entry)> {
    let mut walk = Walk {
        root,
        limits,
        entries: 0,
        bytes: 0,
        full: false,
        files: Vec::new(),
        diags,
    };
    if root.join("convergence.yaml").symlink_metadata().is_ok() {
        walk.add("convergence.yaml".to_string(), false);
    }
    for top in ["content", "questionnaires", "answers"] {
        if !walk.full {
            walk.walk(top);
        }
    }
    walk.files
}

enum Typed {
    Config(Config),
    Scale(Scale),
    Questionnaire(Questionnaire),
    Pos(PosMap),
    CommonCore(CommonCore),
    Regions(Regions),
    NationalServices(NationalServices),
    Editors(Editors),
    Organisation(Organisation),
    Subject(Subject),
    Page(Page),
    CompletionPaths(CompletionPaths),
    Assessment(Assessment),
}

/// What one file's text gives: node locations, the typed value, the size of the data.
#[derive(Default)]
struct Outcome {
    spans: Option<SpanMap>,
    typed: Option<Typed>,
    size: Size,
}

struct FileResult {
    path: String,
    source: Option<SourceFile>,
    outcome: Outcome,
    diags: Vec<Diagnostic>,
}

/// The YAML of a file: the whole text, or a Markdown page's front matter (after its `---`
/// line, which locations count); `None` for a page without one.
fn yaml_of(src: &SourceFile) -> Option<std::borrow::Cow<'_, SourceFile>> {
    if !src.path.ends_with(".md") {
        return Some(std::borrow::Cow::Borrowed(src));
    }
    let (front, _) = front_matter::split(&src.text)?;
    Some(std::borrow::Cow::Owned(SourceFile::embedded(
        src.path.as_str(),
        front,
        1,
    )))
}

fn load_yaml(
    kind: FileKind,
    src: &SourceFile,
    diags: &mut Vec<Diagnostic>,
    located: bool,
) -> Outcome {
    let Some((value, spans, size)) = yaml::parse_with(src, diags, located) else {
        return Outcome::default();
    };
    let p = src.path.as_str();
    let typed = match kind {
        FileKind::Config => check::typed(kind, p, value, &spans, diags).map(Typed::Config),
        FileKind::Scale => check::typed(kind, p, value, &spans, diags).map(Typed::Scale),
        FileKind::Questionnaire => {
            check::typed(kind, p, value, &spans, diags).map(Typed::Questionnaire)
        }
        FileKind::Pos => check::typed(kind, p, value, &spans, diags).map(Typed::Pos),
        FileKind::CommonCore => check::typed(kind, p, value, &spans, diags).map(Typed::CommonCore),
        FileKind::Regions => check::typed(kind, p, value, &spans, diags).map(Typed::Regions),
        FileKind::NationalServices => {
            check::typed(kind, p, value, &spans, diags).map(Typed::NationalServices)
        }
        FileKind::Editors => check::typed(kind, p, value, &spans, diags).map(Typed::Editors),
        FileKind::Organisation => {
            check::typed(kind, p, value, &spans, diags).map(Typed::Organisation)
        }
        FileKind::Subject => check::typed(kind, p, value, &spans, diags).map(Typed::Subject),
        FileKind::PageMeta => None,
        FileKind::CompletionPaths => {
            check::typed(kind, p, value, &spans, diags).map(Typed::CompletionPaths)
        }
        FileKind::Assessment => check::typed(kind, p, value, &spans, diags).map(Typed::Assessment),
    };
    Outcome {
        spans: Some(spans),
        typed,
        size,
    }
}

fn load_page(
    section: PageSection,
    src: &SourceFile,
    diags: &mut Vec<Diagnostic>,
    located: bool,
) -> Outcome {
    let p = src.path.as_str();
    let Some((front, body)) = front_matter::split(&src.text) else {
        diags.push(
            Diagnostic::error(Code::FrontMatter, p, "en-tête YAML absent ou non fermé")
                .at(Some(Location::at(1, 1)))
                .hint("commencez la page par « --- », une ligne « title: … », puis « --- »"),
        );
        return Outcome::default();
    };
    let inner = SourceFile::embedded(p, front, 1);
    let Some((value, spans, size)) = yaml::parse_with(&inner, diags, located) else {
        return Outcome::default();
    };
    let meta: Option<PageMeta> = check::typed(FileKind::PageMeta, p, value, &spans, diags);
    let slug = p
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .trim_end_matches(".md")
        .to_string();
    let page = meta.map(|meta| {
        Typed::Page(Page {
            section,
            slug,
            path: p.to_string(),
            meta,
            body: body.to_string(),
        })
    });
    Outcome {
        spans: Some(spans),
        typed: page,
        size,
    }
}

fn load_file(root: &Path, path: String, entry: &Entry) -> FileResult {
    let mut diags = Vec::new();
    let src = match read::read_source(root, &path) {
        Ok(s) => s,
        Err(d) => {
            return FileResult {
                path,
                source: None,
                outcome: Outcome::default(),
                diags: vec![d],
            };
        }
    };
    let run = |diags: &mut Vec<Diagnostic>, located: bool| match entry {
        Entry::Yaml(kind) => load_yaml(*kind, &src, diags, located),
        Entry::Page(section) => load_page(*section, &src, diags, located),
    };
    // Most files are clean: a first pass records no node locations. A file with any problem
    // is read again with them, so that every diagnostic points at its line and column.
    let mut outcome = run(&mut diags, false);
    // Its locations are empty: they are computed on first use (see `Loaded::spans`).
    outcome.spans = None;
    if !diags.is_empty() {
        diags.clear();
        outcome = run(&mut diags, true);
    }
    if matches!(entry, Entry::Yaml(_)) {
        diags.extend(syntax::cut_text_warnings(&src));
    }
    FileResult {
        path,
        source: Some(src),
        outcome,
        diags,
    }
}

/// What [`load_text`] finds in one file's text.
#[derive(Debug)]
pub struct TextCheck {
    /// Problems found by the first pass, which records no node locations.
    pub quick: Vec<Diagnostic>,
    /// Problems found by the located pass (what `load` reports when `quick` is not empty).
    pub located: Vec<Diagnostic>,
    /// Size of the data once aliases are expanded.
    pub size: Size,
}

/// Loads one file's text as if it stood at `rel` (repository-relative), reading nothing, with
/// both passes; `None` when `rel` is not where a data file stands. For tests and fuzzing.
pub fn load_text(rel: &str, text: &str) -> Option<TextCheck> {
    let entry = classify(rel).ok()??;
    let src = SourceFile::new(rel, text);
    let run = |diags: &mut Vec<Diagnostic>, located: bool| match &entry {
        Entry::Yaml(kind) => load_yaml(*kind, &src, diags, located),
        Entry::Page(section) => load_page(*section, &src, diags, located),
    };
    let (mut quick, mut located) = (Vec::new(), Vec::new());
    run(&mut quick, false);
    let size = run(&mut located, true).size;
    Some(TextCheck {
        quick,
        located,
        size,
    })
}

/// Files loaded in parallel between two checks of the repository's budget: past it, at most
/// this many files too many were held in memory.
const LOAD_CHUNK: usize = 128;

/// Loads the repository at `root`. Never fails: every problem is a diagnostic.
pub fn load(root: &Path) -> Loaded {
    load_within(root, RepoLimits::DEFAULT)
}

fn load_within(root: &Path, limits: RepoLimits) -> Loaded {
    let mut loaded = Loaded::default();
    let files = discover(root, limits, &mut loaded.diagnostics);
    let mut spent = Size::default();
    // A chunk at a time, in path order: the budget stops at the same file whatever the
    // scheduling.
    'chunks: for chunk in files.chunks(LOAD_CHUNK) {
        let results: Vec<FileResult> = chunk
            .par_iter()
            .map(|(path, entry)| load_file(root, path.clone(), entry))
            .collect();
        for r in results {
            spent += r.outcome.size;
            if spent.nodes > limits.data.nodes || spent.bytes > limits.data.bytes {
                loaded.diagnostics.push(
                    Diagnostic::error(
                        Code::RepositoryTooLarge,
                        &r.path,
                        format!(
                            "une fois les alias développés, les données du dépôt dépassent {} nœuds ou {} octets : ce fichier et les suivants ne sont pas chargés",
                            limits.data.nodes, limits.data.bytes
                        ),
                    )
                    .hint("un dépôt du format en est loin : retirez les alias (&ancre / *alias) et les fichiers étrangers"),
                );
                break 'chunks;
            }
            loaded.add(r);
        }
    }
    diagnostics::sort(&mut loaded.diagnostics);
    loaded
}

impl Loaded {
    /// Keeps one file's text, locations, typed value and problems.
    fn add(&mut self, r: FileResult) {
        self.diagnostics.extend(r.diags);
        if let Some(s) = r.source {
            self.sources.insert(r.path.clone(), s);
            let cell = r
                .outcome
                .spans
                .map_or_else(OnceLock::new, |s| OnceLock::from(Some(s)));
            self.spans.insert(r.path.clone(), cell);
        }
        let path = r.path;
        let Some(typed) = r.outcome.typed else {
            return;
        };
        let repo = &mut self.repo;
        let at = |value| Located {
            path: path.clone(),
            value,
        };
        match typed {
            Typed::Config(v) => repo.config = Some(at(v)),
            Typed::Scale(v) => repo.scales.push(Located { path, value: v }),
            Typed::Questionnaire(v) => repo.questionnaires.push(Located { path, value: v }),
            Typed::Pos(v) => repo.pos = Some(Located { path, value: v }),
            Typed::CommonCore(v) => repo.common_core = Some(Located { path, value: v }),
            Typed::Regions(v) => repo.regions = Some(Located { path, value: v }),
            Typed::NationalServices(v) => repo.national_services = Some(Located { path, value: v }),
            Typed::Editors(v) => repo.editors = Some(Located { path, value: v }),
            Typed::CompletionPaths(v) => repo.completion_paths = Some(Located { path, value: v }),
            Typed::Assessment(v) => {
                let org = path.split('/').nth(1).unwrap_or_default().to_string();
                repo.assessments.push(AssessmentFile {
                    org,
                    path,
                    assessment: v,
                })
            }
            Typed::Organisation(v) => repo.organisations.push(Located { path, value: v }),
            Typed::Subject(v) => {
                let org = path.split('/').nth(1).unwrap_or_default().to_string();
                repo.subjects.push(SubjectFile {
                    org,
                    path,
                    subject: v,
                })
            }
            Typed::Page(v) => repo.pages.push(v),
        }
    }
}

#[cfg(test)]
mod tests;
