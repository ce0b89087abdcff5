//! Walks the repository, reads every file within limits, parses YAML with locations, checks
//! each file against its schema and builds the typed [`Repository`]. Files are processed in
//! parallel; the result does not depend on scheduling.

mod check;
pub mod front_matter;
mod patch;
mod placeholders;
mod read;
mod repair;
mod syntax;
mod tree;
mod walk;

pub use walk::TOPS;
use walk::{Entry, RepoLimits, Walked, classify, discover};
pub mod yaml;

pub use read::{
    Kind, check_size, io_error, not_regular, outside, read_argument, read_optional, text_of,
};
pub use tree::{Disk, Entries, Tree, WalkEntry};
pub use yaml::{LazySpans, Size, SpanMap};

use crate::diagnostics::{self, Code, Diagnostic};
use crate::model::*;
use crate::schema::FileKind;
use crate::source::{Location, SourceFile, Sources};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// The loaded repository, the text of every file, and the problems found while loading.
#[derive(Debug, Default, Clone)]
pub struct Loaded {
    /// The typed repository (files with errors left out).
    pub repo: Repository,
    /// Text of every file read, by repository-relative path.
    pub sources: Sources,
    /// Node locations of every parsed file, by path: found on first use, while loading for a
    /// file with a problem, later for the others (see [`LazySpans`]).
    spans: HashMap<String, OnceLock<Option<SpanMap>>>,
    /// Problems found, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Answer files typed around their errors (see [`check::Typing`]): checked, never scored.
    salvaged: Salvaged,
    /// Pointers of the nodes repaired around an error or a draft placeholder, by path.
    broken: HashMap<String, Vec<String>>,
    /// What the walk spent, for [`Loaded::patch`]; `None` when this state cannot be patched
    /// (a limit of the repository reached, a file's problem reported on another path).
    walked: Option<Walked>,
}

/// Organisation and subject files typed around their errors, kept out of the repository.
#[derive(Debug, Default, Clone)]
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
    Label(Label),
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
    source: Option<Arc<SourceFile>>,
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
        FileKind::Label => typed(kind, p, value, &spans, diags, Typed::Label),
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
        source: Some(Arc::new(src)),
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
    // The frozen campaigns are parsed beside the tree's files, not after them.
    let (mut loaded, campaigns) = rayon::join(
        || load_tree(&Disk(root)),
        || crate::campaign::file::load(root),
    );
    crate::campaign::put_into(campaigns, &mut loaded);
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
    let found = discover(tree, limits, &mut loaded.diagnostics);
    let (files, mut walked) = (found.files, found.walked);
    let mut patchable = !loaded
        .diagnostics
        .iter()
        .any(|d| d.code == Code::RepositoryTooLarge);
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
            walked.data.insert(r.path.clone(), r.outcome.size);
            patchable &= r.diags.iter().all(|d| d.path == r.path);
            if spent.nodes > limits.data.nodes || spent.bytes > limits.data.bytes {
                patchable = false;
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
    loaded.walked = patchable.then_some(walked);
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
                Typed::Subject(subject) => self.salvaged.subjects.push(SubjectFile {
                    org,
                    path,
                    subject: subject.into(),
                }),
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
            Typed::Label(v) => repo.labels.push(Located { path, value: v }),
            Typed::Organisation(v) => repo.organisations.push(Located { path, value: v }),
            Typed::Subject(v) => {
                let org = path.split('/').nth(1).unwrap_or_default().to_string();
                repo.subjects.push(SubjectFile {
                    org,
                    path,
                    subject: v.into(),
                })
            }
            Typed::Page(v) => repo.pages.push(v),
        }
    }
}

#[cfg(test)]
mod tests;

/// Copies the folder `from` into `to`, recursively: the fixtures of the tests that edit a
/// repository on disk (`load::patch`'s and `serve::rebuild`'s).
#[cfg(test)]
pub(crate) fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), dest).unwrap();
        }
    }
}
