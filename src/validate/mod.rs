//! Cross-file checks on the loaded repository: identifiers, references, questionnaires and
//! answers. Each check returns diagnostics; none stops at the first problem.

use crate::diagnostics;
use crate::load::{self, Loaded};
use std::path::Path;

/// Loads the repository and runs every check; diagnostics are sorted.
pub fn load_and_validate(root: &Path) -> Loaded {
    let mut loaded = load::load(root);
    diagnostics::sort(&mut loaded.diagnostics);
    loaded
}
