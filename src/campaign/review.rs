//! A closed campaign is the official record of its figures: changing or deleting
//! `campaigns/<id>.json` once it is in the base revision needs the approval of the maintainers
//! listed under `campaigns` in `convergence.yaml` (the `*` maintainers do not stand in for
//! them). A new campaign follows the ordinary rule of its folder.

use super::DIR;
use crate::diagnostics::{Code, Diagnostic};
use crate::workflow::{Author, Policy};

/// Splits the changed files between the frozen campaigns of the base revision (checked out at
/// `base_root`) and the rest: returns the frozen ones, and a CV342 error for each when `author`
/// is not among the maintainers of `campaigns` in `policy` (read from the base).
pub fn check(
    changed: &[String],
    base: &dyn crate::load::Tree,
    policy: &Policy,
    author: &Author,
) -> (Vec<String>, Vec<Diagnostic>) {
    let maintainers = policy.maintainers.get(DIR).map_or(&[][..], Vec::as_slice);
    let frozen: Vec<String> = changed
        .iter()
        .filter(|p| is_campaign(p) && matches!(base.inspect(p), Ok(crate::load::Kind::File(_))))
        .cloned()
        .collect();
    let refused = frozen
        .iter()
        .filter(|_| !author.is_among(maintainers))
        .map(|path| {
            let who = if maintainers.is_empty() {
                "aucun n'est déclaré".to_string()
            } else {
                maintainers.join(", ")
            };
            Diagnostic::error(
                Code::FrozenCampaignChanged,
                path,
                format!(
                    "campagne close modifiée : ce fichier est le relevé officiel d'une campagne, seuls les mainteneurs de campaigns peuvent approuver ce changement ({who}) ; {} n'en fait pas partie",
                    author.handle
                ),
            )
            .hint("les réponses se corrigent dans answers/ et apparaîtront dans la prochaine campagne ; rétablissez ce fichier")
        })
        .collect();
    (frozen, refused)
}

/// Whether a repository-relative path is a campaign file, `campaigns/<name>.json`.
fn is_campaign(path: &str) -> bool {
    path.strip_prefix("campaigns/")
        .is_some_and(|name| !name.contains('/') && name.ends_with(".json"))
}
