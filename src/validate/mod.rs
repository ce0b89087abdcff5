//! Cross-file checks on the loaded repository: identifiers, references, questionnaires and
//! answers. Each check adds diagnostics to a shared context; none stops at the first problem.

mod answers;
mod assessment;
mod conformity;
mod ids;
mod labels;
mod questionnaires;
mod refs;

pub use ids::{MAX_ID_LEN, RESERVED, id_problem, valid_top_level};
pub use questionnaires::prelim_hint;
pub use refs::valid_owner;

use crate::diagnostics::{self, Code, Diagnostic};
use crate::load::{self, Loaded};
use crate::model::Repository;
use crate::source::Location;
use std::path::Path;

/// What every check reads and writes: the model, node locations, and the diagnostics.
pub struct Ctx<'a> {
    /// The typed repository.
    pub repo: &'a Repository,
    loaded: &'a Loaded,
    /// Problems found so far.
    pub diags: Vec<Diagnostic>,
}

impl<'a> Ctx<'a> {
    /// A context on the same repository with no diagnostics yet, for work done in parallel.
    pub fn fresh(&self) -> Ctx<'a> {
        Ctx {
            repo: self.repo,
            loaded: self.loaded,
            diags: Vec::new(),
        }
    }

    /// Every file read, loaded or not, by repository-relative path.
    pub fn files(&self) -> impl Iterator<Item = &'a str> {
        self.loaded.sources.keys().map(String::as_str)
    }

    /// Location of the key of the node at `pointer` in `path` (or of the value).
    pub fn key(&self, path: &str, pointer: &str) -> Option<Location> {
        self.loaded.spans(path)?.key(pointer)
    }

    /// Location of the value at `pointer` in `path`.
    pub fn value(&self, path: &str, pointer: &str) -> Option<Location> {
        self.loaded.spans(path)?.value(pointer)
    }

    /// Whether the node at `pointer` of `path` (or an ancestor) was reported while loading and
    /// replaced by a placeholder: a problem found on it would repeat that report.
    pub fn broken(&self, path: &str, pointer: &str) -> bool {
        self.loaded.broken(path, pointer)
    }

    /// Whether a node under `pointer` of `path` (or the node itself) was reported while loading.
    pub fn broken_under(&self, path: &str, pointer: &str) -> bool {
        self.loaded.broken_under(path, pointer)
    }

    /// Adds an error located at the value of `pointer`, unless that node was already reported.
    pub fn error_at(&mut self, code: Code, path: &str, pointer: &str, msg: String, hint: String) {
        if self.broken(path, pointer) {
            return;
        }
        let d = Diagnostic::error(code, path, msg)
            .at(self.value(path, pointer))
            .hint(hint);
        self.diags.push(d);
    }

    /// Adds an error located at the key of `pointer`, unless that node was already reported.
    pub fn error_key(&mut self, code: Code, path: &str, pointer: &str, msg: String, hint: String) {
        if self.broken(path, pointer) {
            return;
        }
        let d = Diagnostic::error(code, path, msg)
            .at(self.key(path, pointer))
            .hint(hint);
        self.diags.push(d);
    }

    /// Adds a diagnostic as given.
    pub fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }
}

/// Runs every cross-file check on an already loaded repository, answer files typed around
/// their shape errors included (their other problems are found in the same run).
pub fn check(loaded: &mut Loaded) {
    let found = findings(loaded);
    loaded.diagnostics.extend(found);
    diagnostics::sort(&mut loaded.diagnostics);
}

/// The problems [`check`] finds, returned instead of added: `loaded` keeps the diagnostics of
/// loading only, so that a later state can be loaded from it by the changed paths only
/// ([`Loaded::patch`]).
pub fn findings(loaded: &mut Loaded) -> Vec<Diagnostic> {
    loaded.with_salvaged(|loaded| {
        let mut ctx = Ctx {
            repo: &loaded.repo,
            loaded,
            diags: Vec::new(),
        };
        ids::check(&mut ctx);
        refs::check(&mut ctx);
        questionnaires::check(&mut ctx);
        answers::check(&mut ctx);
        conformity::check(&mut ctx);
        assessment::check(&mut ctx);
        labels::check(&mut ctx);
        ctx.diags
    })
}

/// Loads the repository and runs every check; diagnostics are sorted.
pub fn load_and_validate(root: &Path) -> Loaded {
    let mut loaded = load::load(root);
    check(&mut loaded);
    loaded
}

/// A JSON-pointer segment for an id (escapes `~` and `/`).
pub(crate) fn seg(id: &str) -> String {
    load::yaml::escape(id)
}
