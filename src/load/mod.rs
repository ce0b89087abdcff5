//! Walks the repository, reads every file within limits, parses YAML with locations, checks
//! each file against its schema and builds the typed [`Repository`]. Files are processed in
//! parallel; the result does not depend on scheduling.

mod check;
pub mod front_matter;
mod placeholders;
mod read;
mod repair;
mod syntax;
mod tree;
pub mod yaml;

pub use read::{
    Kind, check_size, io_error, not_regular, outside, read_argument, read_optional, text_of,
};
pub use tree::{Disk, Entries, Tree, WalkEntry};
pub use yaml::{LazySpans, Size, SpanMap};

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
    /// Node locations of every parsed file, by path: found on first use, while loading for a
    /// file with a problem, later for the others (see [`LazySpans`]).
    spans: HashMap<String, OnceLock<Option<SpanMap>>>,
    /// Problems found, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Answer files typed around their errors (see [`check::Typing`]): checked, never scored.
    salvaged: Salvaged,
    /// Pointers of the nodes repaired around an error or a draft placeholder, by path.
    broken: HashMap<String, Vec<String>>,
}

/// Organisation and subject files typed around their errors, kept out of the repository.
#[derive(Debug, Default)]
struct Salvaged {
    organisations: Vec<Located<Organisation>>,
    subjects: Vec<SubjectFile>,
}

impl Loaded {
    /// Whether the node at `pointer` of `path`, or one of its ancestors, was reported and
    /// repaired (or is a draft placeholder): checks that read it would only repeat the report.
    pub fn broken(&self, path: &str, pointer: &str) -> bool {
        self.broken
            .get(path)
            .is_some_and(|b| b.iter().any(|b| repair::within(pointer, b)))
    }

    /// Whether a node under `pointer` of `path` (or the node itself) was repaired.
    pub fn broken_under(&self, path: &str, pointer: &str) -> bool {
        self.broken
            .get(path)
            .is_some_and(|b| b.iter().any(|b| repair::within(b, pointer)))
    }

    /// Runs `checks` on the repository with the answer files typed around their errors added,
    /// so that their other problems are found; they leave the repository again afterwards.
    pub fn with_salvaged<R>(&mut self, checks: impl FnOnce(&Loaded) -> R) -> R {
        let (orgs, subjects) = (self.repo.organisations.len(), self.repo.subjects.len());
        let salvaged = std::mem::take(&mut self.salvaged);
        self.repo.organisations.extend(salvaged.organisations);
        self.repo.subjects.extend(salvaged.subjects);
        let result = checks(self);
        self.salvaged = Salvaged {
            organisations: self.repo.organisations.split_off(orgs),
            subjects: self.repo.subjects.split_off(subjects),
        };
        result
    }

    /// Node locations of a parsed file (YAML file or page front matter).
    pub fn spans(&self, path: &str) -> Option<&SpanMap> {
        let cell = self.spans.get(path)?;
        cell.get_or_init(|| {
            let yaml = yaml_of(self.sources.get(path)?)?;
            yaml::locate(&yaml)
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
    tree: &'a dyn Tree,
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
        match self.tree.inspect(&rel) {
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
        match self.tree.inspect(top) {
            Ok(read::Kind::Dir) => {}
            Ok(read::Kind::File(_)) => return,
            Ok(read::Kind::Other(what)) => return self.diags.push(read::not_regular(top, what)),
            Err(d) if d.code == Code::Io => return,
            Err(d) => return self.diags.push(d),
        }
        let tree = self.tree;
        for entry in tree.entries(top) {
            let entry = match entry {
                Ok(entry) => entry,
                Err(d) => {
                    self.diags.push(d);
                    continue;
                }
            };
            if !self.count(&entry.rel) {
                return;
            }
            let name = entry.rel.rsplit('/').next().unwrap_or_default();
            if entry.dir || name.starts_with('.') {
                continue;
            }
            self.add(entry.rel, entry.file);
            if self.full {
                return;
            }
        }
    }
}

/// Lists the repository's data files, sorted, with problems for misplaced files, for what is
/// neither a file nor a folder, and past the repository's limits.
fn discover(
    tree: &dyn Tree,
    limits: RepoLimits,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, Entry)> {
    let mut walk = Walk {
        tree,
        limits,
        entries: 0,
        bytes: 0,
        full: false,
        files: Vec::new(),
        diags,
    };
    if tree.exists("convergence.yaml") {
        walk.add("convergence.yaml".to_string(), false);
    }
    for top in ["content", "questionnaires", "answers"] {
        if !walk.full {
            walk.walk(top);
        }
    }
    walk.files
}

#[derive(Clone)]
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

/// What one file's text gives: the typed value, the size of the data.
#[derive(Default, Clone)]
struct Outcome {
    typed: Option<Typed>,
    /// The typed value was repaired around errors: for the checks only.
    salvaged: bool,
    /// Pointers of the nodes reported and repaired (see [`check::Typing`]).
    broken: Vec<String>,
    size: Size,
}

#[derive(Clone)]
struct FileResult {
    path: String,
    source: Option<SourceFile>,
    /// Node locations, if a problem needed them while loading.
    spans: OnceLock<Option<SpanMap>>,
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
    spans: &OnceLock<Option<SpanMap>>,
    diags: &mut Vec<Diagnostic>,
) -> Outcome {
    let Some((value, size)) = yaml::parse(src, diags) else {
        return Outcome::default();
    };
    let spans = LazySpans::new(src, spans);
    let p = src.path.as_str();
    let before = diags.len();
    let answers = matches!(kind, FileKind::Organisation | FileKind::Subject);
    let mut value = value;
    let placeholders = if answers {
        placeholders::remove(p, &mut value, &spans, diags)
    } else {
        Vec::new()
    };
    let (typed, mut broken) = match kind {
        FileKind::Config => typed(kind, p, value, &spans, diags, Typed::Config),
        FileKind::Scale => typed(kind, p, value, &spans, diags, Typed::Scale),
        FileKind::Questionnaire => typed(kind, p, value, &spans, diags, Typed::Questionnaire),
        FileKind::Pos => typed(kind, p, value, &spans, diags, Typed::Pos),
        FileKind::CommonCore => typed(kind, p, value, &spans, diags, Typed::CommonCore),
        FileKind::Regions => typed(kind, p, value, &spans, diags, Typed::Regions),
        FileKind::NationalServices => typed(kind, p, value, &spans, diags, Typed::NationalServices),
        FileKind::Editors => typed(kind, p, value, &spans, diags, Typed::Editors),
        FileKind::Organisation => typed(kind, p, value, &spans, diags, Typed::Organisation),
        FileKind::Subject => typed(kind, p, value, &spans, diags, Typed::Subject),
        FileKind::CompletionPaths => typed(kind, p, value, &spans, diags, Typed::CompletionPaths),
        FileKind::Assessment => typed(kind, p, value, &spans, diags, Typed::Assessment),
        FileKind::PageMeta | FileKind::Campaign => (None, Vec::new()),
    };
    // A file typed around its errors takes part in the checks of the answers only: other
    // files (questionnaires, referentials) are left out, as every file read would depend on
    // their broken parts.
    let salvaged = diagnostics::has_errors(&diags[before..]);
    broken.extend(placeholders);
    Outcome {
        typed: typed.filter(|_| answers || !salvaged),
        salvaged,
        broken,
        size,
    }
}

/// Types `value` as a `T`, wrapped in its [`Typed`] variant, with the pointers of the nodes
/// repaired around shape errors.
fn typed<T: serde::de::DeserializeOwned>(
    kind: FileKind,
    path: &str,
    value: serde_json::Value,
    spans: &LazySpans<'_>,
    diags: &mut Vec<Diagnostic>,
    wrap: fn(T) -> Typed,
) -> (Option<Typed>, Vec<String>) {
    match check::typed(kind, path, value, spans, diags) {
        Some(t) => (Some(wrap(t.value)), t.broken),
        None => (None, Vec::new()),
    }
}

fn load_page(
    section: PageSection,
    src: &SourceFile,
    spans: &OnceLock<Option<SpanMap>>,
    diags: &mut Vec<Diagnostic>,
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
    let Some((value, size)) = yaml::parse(&inner, diags) else {
        return Outcome::default();
    };
    let spans = LazySpans::new(&inner, spans);
    let meta = check::typed::<PageMeta>(FileKind::PageMeta, p, value, &spans, diags)
        .filter(|t| t.broken.is_empty())
        .map(|t| t.value);
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
        typed: page,
        size,
        ..Outcome::default()
    }
}

/// Loads one file's text: parsed once, typed, checked; node locations are found only if a
/// problem needs them.
fn load_source(
    src: &SourceFile,
    entry: &Entry,
) -> (Outcome, OnceLock<Option<SpanMap>>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let spans = OnceLock::new();
    let outcome = match entry {
        Entry::Yaml(kind) => load_yaml(*kind, src, &spans, &mut diags),
        Entry::Page(section) => load_page(*section, src, &spans, &mut diags),
    };
    if matches!(entry, Entry::Yaml(_)) {
        diags.extend(syntax::cut_text_warnings(src));
    }
    (outcome, spans, diags)
}

fn load_file(tree: &dyn Tree, path: String, entry: &Entry, reuse: &Reuse) -> FileResult {
    let src = match tree.read(&path) {
        Ok(s) => s,
        Err(d) => {
            return FileResult {
                path,
                source: None,
                spans: OnceLock::new(),
                outcome: Outcome::default(),
                diags: vec![d],
            };
        }
    };
    if let Some(known) = reuse.same(&path, &src.text) {
        return known.clone();
    }
    let (outcome, spans, diags) = load_source(&src, entry);
    FileResult {
        path,
        source: Some(src),
        spans,
        outcome,
        diags,
    }
}

/// What [`load_text`] finds in one file's text.
#[derive(Debug)]
pub struct TextCheck {
    /// Problems found, located.
    pub diagnostics: Vec<Diagnostic>,
    /// Size of the data once aliases are expanded.
    pub size: Size,
}

/// Loads one file's text as if it stood at `rel` (repository-relative), reading nothing;
/// `None` when `rel` is not where a data file stands. For tests and fuzzing.
pub fn load_text(rel: &str, text: &str) -> Option<TextCheck> {
    let entry = classify(rel).ok()??;
    let src = SourceFile::new(rel, text);
    let (outcome, _, diagnostics) = load_source(&src, &entry);
    Some(TextCheck {
        diagnostics,
        size: outcome.size,
    })
}

/// Files loaded in parallel between two checks of the repository's budget: past it, at most
/// this many files too many were held in memory.
const LOAD_CHUNK: usize = 128;

/// Loads the repository at `root`. Never fails: every problem is a diagnostic.
pub fn load(root: &Path) -> Loaded {
    let mut loaded = load_tree(&Disk(root));
    crate::campaign::load_into(root, &mut loaded);
    loaded
}

/// Loads the repository held by `tree` (on disk, or a git revision's objects), with the same
/// walk, limits and checks as [`load`].
pub fn load_tree(tree: &dyn Tree) -> Loaded {
    load_within(tree, RepoLimits::DEFAULT, None)
}

/// Files already loaded, by path. Loading another state of the same repository (a git
/// revision beside the work tree) through [`load_reusing`] takes the result of every file
/// whose text is the same instead of parsing and checking it again.
#[derive(Default)]
pub struct Reuse {
    files: HashMap<String, FileResult>,
}

impl Reuse {
    /// The result of the file at `path` when it held exactly `text`.
    fn same(&self, path: &str, text: &str) -> Option<&FileResult> {
        let known = self.files.get(path)?;
        (known.source.as_ref()?.text == text).then_some(known)
    }
}

/// [`load_tree`], reusing what `reuse` holds for files whose text is unchanged and keeping
/// there what it parses.
pub fn load_reusing(tree: &dyn Tree, reuse: &mut Reuse) -> Loaded {
    load_within(tree, RepoLimits::DEFAULT, Some(reuse))
}

fn load_within(tree: &dyn Tree, limits: RepoLimits, mut reuse: Option<&mut Reuse>) -> Loaded {
    let empty = Reuse::default();
    let mut loaded = Loaded::default();
    let files = discover(tree, limits, &mut loaded.diagnostics);
    let mut spent = Size::default();
    // A chunk at a time, in path order: the budget stops at the same file whatever the
    // scheduling.
    'chunks: for chunk in files.chunks(LOAD_CHUNK) {
        let known = reuse.as_deref().unwrap_or(&empty);
        let results: Vec<FileResult> = chunk
            .par_iter()
            .map(|(path, entry)| load_file(tree, path.clone(), entry, known))
            .collect();
        for r in results {
            if let Some(reuse) = reuse.as_deref_mut() {
                let text = r.source.as_ref().map(|s| s.text.as_str());
                if text.is_some_and(|t| reuse.same(&r.path, t).is_none()) {
                    reuse.files.insert(r.path.clone(), r.clone());
                }
            }
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
            self.spans.insert(r.path.clone(), r.spans);
        }
        let path = r.path;
        if !r.outcome.broken.is_empty() {
            self.broken.insert(path.clone(), r.outcome.broken);
        }
        let Some(typed) = r.outcome.typed else {
            return;
        };
        if r.outcome.salvaged {
            let org = path.split('/').nth(1).unwrap_or_default().to_string();
            match typed {
                Typed::Organisation(value) => {
                    self.salvaged.organisations.push(Located { path, value })
                }
                Typed::Subject(subject) => {
                    self.salvaged
                        .subjects
                        .push(SubjectFile { org, path, subject })
                }
                _ => {}
            }
            return;
        }
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
