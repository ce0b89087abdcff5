//! Problems found in the repository's files: data with a stable code, a location, a message and
//! a hint, collected (never fail-fast) and rendered for people or machines.

mod code;
mod forge;
mod render;
pub mod suggest;

pub use code::Code;
pub use forge::{fnv1a64, render_github, render_github_changed, render_gitlab};
pub use render::{LINE_WINDOW, MAX_PER_FILE, render_human, render_json};

use crate::source::Location;
use serde::Serialize;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks a merge: the command exits with status 1.
    Error,
    /// Worth fixing; does not block.
    Warning,
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable code.
    pub code: Code,
    /// Error or warning.
    pub severity: Severity,
    /// Repository-relative path of the file.
    pub path: String,
    /// Where in the file, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// What is wrong, in French.
    pub message: String,
    /// How to fix it, in French.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error.
    pub fn error(code: Code, path: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: Severity::Error,
            path: path.into(),
            location: None,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning.
    pub fn warning(code: Code, path: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, path, message)
        }
    }

    /// Sets the location.
    pub fn at(mut self, location: Option<Location>) -> Diagnostic {
        self.location = location;
        self
    }

    /// Sets the hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// `path:line:col` (or just `path`).
    pub fn position(&self) -> String {
        match self.location {
            Some(l) => format!("{}:{}:{}", self.path, l.line, l.col),
            None => self.path.clone(),
        }
    }
}

/// `path:line:col: error[CODE]: message`, as the first line of the human output: a problem
/// met outside validation (a file the build reads) becomes an error that names it.
impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}: {kind}[{}]: {}",
            self.position(),
            self.code,
            self.message
        )
    }
}

impl std::error::Error for Diagnostic {}

/// Sorts diagnostics by file, position, then code, and removes exact duplicates: the order
/// of output never depends on thread scheduling.
pub fn sort(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| {
        (&a.path, a.location, a.code, &a.message).cmp(&(&b.path, b.location, b.code, &b.message))
    });
    diags.dedup();
}

/// Whether any diagnostic is an error.
pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(|d| d.severity == Severity::Error)
}
