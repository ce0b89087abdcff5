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
    /// When set, the subjects' own checks (see [`findings_split`]) also keep their problems
    /// here, by subject path, and skip the subjects it names.
    own: Option<Own<'a>>,
}

/// The problems of the subjects' own checks, by subject path, and the subjects to skip.
struct Own<'a> {
    found: Vec<(String, Vec<Diagnostic>)>,
    skip: &'a (dyn Fn(&str) -> bool + Sync),
}

impl<'a> Ctx<'a> {
    /// A context on the same repository with no diagnostics yet, for work done in parallel.
    pub fn fresh(&self) -> Ctx<'a> {
        Ctx {
            repo: self.repo,
            loaded: self.loaded,
            diags: Vec::new(),
            own: None,
        }
    }

    /// Runs one subject's own checks (`checks`, on a fresh context), unless the subject is to
    /// be skipped, and keeps their problems where [`Ctx::own`] says.
    pub(super) fn subject_own(&mut self, path: &str, checks: impl FnOnce(&mut Ctx<'a>)) {
        if self.own.as_ref().is_some_and(|o| (o.skip)(path)) {
            return;
        }
        let mut own = self.fresh();
        checks(&mut own);
        self.keep_own(path, own.diags);
    }

    /// Keeps the problems of a subject's own checks in `diags`, and a copy by path in
    /// [`Ctx::own`] when it is set.
    pub(super) fn keep_own(&mut self, path: &str, diags: Vec<Diagnostic>) {
        if let Some(o) = &mut self.own {
            o.found.push((path.to_string(), diags.clone()));
        }
        self.diags.extend(diags);
    }

    /// Whether the subject at `path` is to be skipped by its own checks.
    pub(super) fn skips(&self, path: &str) -> bool {
        self.own.as_ref().is_some_and(|o| (o.skip)(path))
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
            own: None,
        };
        run_checks(&mut ctx);
        ctx.diags
    })
}

/// Every check, in order.
fn run_checks(ctx: &mut Ctx) {
    ids::check(ctx);
    refs::check(ctx);
    questionnaires::check(ctx);
    answers::check(ctx);
    conformity::check(ctx);
    assessment::check(ctx);
    labels::check(ctx);
}

/// The problems [`findings`] finds, in its order, but for the subjects' own checks (a subject
/// file's answers and completion paths against the questionnaires and referentials, which
/// read no other subject) of the subjects whose path `skip` names; with, first, a copy of the
/// problems of those own checks, by subject path. Two states whose files differ in subject
/// files only find the same problems in the own checks of a subject whose file reads the
/// same: a comparison runs them on one side only.
pub fn findings_split(
    loaded: &mut Loaded,
    skip: &(dyn Fn(&str) -> bool + Sync),
) -> (Vec<(String, Vec<Diagnostic>)>, Vec<Diagnostic>) {
    loaded.with_salvaged(|loaded| {
        let mut ctx = Ctx {
            repo: &loaded.repo,
            loaded,
            diags: Vec::new(),
            own: Some(Own {
                found: Vec::new(),
                skip,
            }),
        };
        run_checks(&mut ctx);
        let own = ctx.own.take().map(|o| o.found).unwrap_or_default();
        (own, ctx.diags)
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
