//! A maintainer's questionnaire migration: when a new questionnaire version is published, the
//! maintainers of `questionnaires` may change organisations' answer files in the same pull
//! request, but only by exactly what `convergence migrate --write` writes (version bumped,
//! renamed keys, obsolete answers and new criteria as comments). Anything else in an
//! organisation's folder still needs its owners.

use super::{Author, Policy};
use crate::load::Loaded;

/// The changed files under `answers/` that `author`, a maintainer of `questionnaires` in the
/// base revision, changed exactly as `migrate --write` would from the base text with the
/// questionnaires of the change.
pub fn mechanical(
    changed: &[String],
    author: &Author,
    base_policy: &Policy,
    before: &Loaded,
    after: &Loaded,
) -> Vec<String> {
    if !author.is_among(base_policy.maintainers_of("questionnaires")) {
        return Vec::new();
    }
    changed
        .iter()
        .filter(|path| path.starts_with("answers/"))
        .filter(|path| {
            let now = after.sources.get(path.as_str()).map(|s| s.text.as_str());
            now.is_some()
                && crate::migrate::migrated_text(&after.repo, before, path).as_deref() == now
        })
        .cloned()
        .collect()
}
