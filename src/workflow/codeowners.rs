//! The `CODEOWNERS` file generated from the ownership policy, in the `pattern owners…` form
//! that GitHub and GitLab share (the last matching line wins on both), and its staleness check.

use super::ownership::{DEFAULT_KEY, Policy};
use crate::diagnostics::{Code, Diagnostic};
use crate::source::Location;
use crate::validate;
use std::fmt::Write;
use std::path::Path;

/// Where the file is written, relative to the repository root (both forges read it there).
pub const PATH: &str = "CODEOWNERS";

const HEADER: &str = "\
# Généré par « convergence codeowners » à partir de « maintainers » (convergence.yaml) et de
# « owners » (answers/<organisation>/organisation.yaml). Ne pas modifier à la main : lancez
# « convergence codeowners --write ». La dernière ligne qui correspond à un fichier l'emporte.
";

/// Renders `CODEOWNERS`: the `*` maintainers, then each listed top-level entry (a file as `/name`,
/// anything else as the folder `/name/`), then each organisation folder; entries without anyone are left
/// out, and so are names that are not literal paths (a `maintainers` key that is not a plain
/// top-level name, an organisation folder that is not a valid id: validation reports both), so
/// data can never write a wildcard pattern. `root` tells folders from files.
pub fn generate(policy: &Policy, root: &Path) -> String {
    let mut out = String::from(HEADER);
    // Malformed handles (CV403) are left out too: one could carry a line break.
    let mut line = |pattern: String, who: &[String]| {
        let who: Vec<&str> = who
            .iter()
            .map(String::as_str)
            .filter(|h| validate::valid_owner(h))
            .collect();
        if !who.is_empty() {
            let _ = writeln!(out, "{pattern} {}", who.join(" "));
        }
    };
    if let Some(who) = policy.maintainers.get(DEFAULT_KEY) {
        line("*".to_string(), who);
    }
    for (top, who) in &policy.maintainers {
        if top == DEFAULT_KEY || !validate::valid_top_level(top) {
            continue;
        }
        let pattern = if root.join(top).is_file() {
            format!("/{top}")
        } else {
            format!("/{top}/")
        };
        line(pattern, who);
    }
    for (org, who) in &policy.owners {
        if validate::id_problem(org).is_none() {
            line(format!("/answers/{org}/"), who);
        }
    }
    out
}

/// A CV402 error when the committed `CODEOWNERS` differs from [`generate`]'s output, located
/// at the first line that differs.
pub fn check_stale(policy: &Policy, root: &Path) -> Option<Diagnostic> {
    let expected = generate(policy, root);
    let hint = "lancez « convergence codeowners --write » et committez CODEOWNERS";
    let actual = match crate::load::read_optional(root, PATH) {
        Ok(file) => file.map(|f| f.text),
        Err(unreadable) => return Some(unreadable),
    };
    let Some(actual) = actual else {
        return Some(
            Diagnostic::error(
                Code::StaleCodeowners,
                PATH,
                "CODEOWNERS absent : les relectures ne sont pas demandées aux propriétaires",
            )
            .hint(hint),
        );
    };
    if actual == expected {
        return None;
    }
    let mut a = actual.lines();
    let mut e = expected.lines();
    let mut n = 1u32;
    let wanted = loop {
        match (a.next(), e.next()) {
            (Some(x), Some(y)) if x == y => n += 1,
            (_, y) => break y,
        }
    };
    let message = match wanted {
        Some(y) => format!("CODEOWNERS n'est pas à jour : la ligne {n} devrait être « {y} »"),
        None => format!(
            "CODEOWNERS n'est pas à jour : rien ne devrait suivre la ligne {}",
            n - 1
        ),
    };
    Some(
        Diagnostic::error(Code::StaleCodeowners, PATH, message)
            .at(Some(Location::at(n, 1)))
            .hint(hint),
    )
}
