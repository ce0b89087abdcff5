//! Who may change what. A file under `answers/<org>/` belongs to the `owners` of that
//! organisation; a new organisation folder is approved by the maintainers of `answers`; any
//! other path belongs to the maintainers of its top-level folder (or file) in
//! `convergence.yaml`, else to those listed under `"*"`.

use crate::diagnostics::{Code, Diagnostic};
use crate::model::Repository;
use std::collections::BTreeMap;

/// The key of `maintainers` that covers every top-level entry not listed.
pub const DEFAULT_KEY: &str = "*";

/// The ownership data of one revision: maintainers per top-level entry, owners per
/// organisation folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {
    /// `maintainers` of `convergence.yaml`, by top-level folder or file (or `*`).
    pub maintainers: BTreeMap<String, Vec<String>>,
    /// `owners` of each `answers/<org>/organisation.yaml`, by folder name.
    pub owners: BTreeMap<String, Vec<String>>,
}

/// Who is allowed to change one path, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// An existing organisation's folder: its owners.
    Organisation(String),
    /// A folder under `answers/` without an organisation file yet: maintainers of `answers`.
    NewOrganisation(String),
    /// Anything else: maintainers of this top-level entry (or of `*`).
    Maintained(String),
}

/// The author of a change: a forge handle and the teams they belong to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    /// Handle with its `@`, e.g. `@mallory`.
    pub handle: String,
    /// Team handles the author belongs to, e.g. `@alpha-org/grades`.
    pub teams: Vec<String>,
}

/// Adds the leading `@` of a handle when missing.
pub fn normalise(handle: &str) -> String {
    let h = handle.trim();
    if h.starts_with('@') {
        h.to_string()
    } else {
        format!("@{h}")
    }
}

impl Author {
    /// An author from a handle (with or without `@`) and team handles (empty ones ignored).
    pub fn new(handle: &str, teams: &[String]) -> Author {
        Author {
            handle: normalise(handle),
            teams: teams
                .iter()
                .filter(|t| !t.trim().is_empty())
                .map(|t| normalise(t))
                .collect(),
        }
    }

    /// Whether one of `handles` names this author or one of their teams (forge handles are
    /// case-insensitive).
    pub fn is_among(&self, handles: &[String]) -> bool {
        handles.iter().any(|h| {
            h.eq_ignore_ascii_case(&self.handle)
                || self.teams.iter().any(|t| t.eq_ignore_ascii_case(h))
        })
    }
}

impl Policy {
    /// Reads the policy from a loaded repository (files that failed to load count as absent).
    pub fn from_repo(repo: &Repository) -> Policy {
        let maintainers = repo
            .config
            .as_ref()
            .map(|c| c.value.maintainers.clone())
            .unwrap_or_default();
        let owners = repo
            .organisations
            .iter()
            .filter_map(|o| {
                let folder = o.path.split('/').nth(1)?;
                Some((folder.to_string(), o.value.owners.clone()))
            })
            .collect();
        Policy {
            maintainers,
            owners,
        }
    }

    /// The rule that covers a repository-relative path.
    pub fn rule(&self, path: &str) -> Rule {
        let mut parts = path.split('/');
        let top = parts.next().unwrap_or_default();
        if top == "answers" {
            if let (Some(org), Some(_)) = (parts.next(), parts.next()) {
                return if self.owners.contains_key(org) {
                    Rule::Organisation(org.to_string())
                } else {
                    Rule::NewOrganisation(org.to_string())
                };
            }
        }
        Rule::Maintained(top.to_string())
    }

    /// The maintainers of a top-level entry: its own list, else the `*` list.
    pub fn maintainers_of(&self, top: &str) -> &[String] {
        self.maintainers
            .get(top)
            .or_else(|| self.maintainers.get(DEFAULT_KEY))
            .map_or(&[], Vec::as_slice)
    }

    /// The handles that may approve a change under `rule`.
    pub fn approvers(&self, rule: &Rule) -> &[String] {
        match rule {
            Rule::Organisation(org) => self.owners.get(org).map_or(&[], Vec::as_slice),
            Rule::NewOrganisation(_) => self.maintainers_of("answers"),
            Rule::Maintained(top) => self.maintainers_of(top),
        }
    }

    /// One CV401 error per changed file that `author` may not change, naming who may approve.
    pub fn check(&self, changed: &[String], author: &Author) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for path in changed {
            let rule = self.rule(path);
            let who = self.approvers(&rule);
            if author.is_among(who) {
                continue;
            }
            out.push(refusal(path, &rule, who, &author.handle));
        }
        out
    }
}

fn refusal(path: &str, rule: &Rule, who: &[String], author: &str) -> Diagnostic {
    let list = who.join(", ");
    let (message, hint) = match rule {
        Rule::Organisation(org) => (
            format!(
                "{author} n'est pas propriétaire de l'organisation « {org} » ; peuvent approuver : {list}"
            ),
            format!(
                "faites reprendre la modification par l'un d'eux, ou faites-vous ajouter à « owners » dans answers/{org}/organisation.yaml"
            ),
        ),
        Rule::NewOrganisation(org) if !who.is_empty() => (
            format!(
                "« {org} » est une nouvelle organisation : sa création est approuvée par les mainteneurs de answers ({list}), pas par les propriétaires qu'elle déclare"
            ),
            "demandez la relecture à l'un des mainteneurs de answers".to_string(),
        ),
        Rule::NewOrganisation(org) => (
            format!(
                "« {org} » est une nouvelle organisation et aucun mainteneur de answers n'est déclaré : personne ne peut approuver"
            ),
            "ajoutez « answers » (ou « * ») à « maintainers » dans convergence.yaml".to_string(),
        ),
        Rule::Maintained(top) if !who.is_empty() => (
            format!("{author} n'est pas mainteneur de « {top} » ; peuvent approuver : {list}"),
            "les mainteneurs sont déclarés dans « maintainers » de convergence.yaml".to_string(),
        ),
        Rule::Maintained(top) => (
            format!("aucun mainteneur n'est déclaré pour « {top} » : personne ne peut approuver"),
            format!("ajoutez « {top} » (ou « * ») à « maintainers » dans convergence.yaml"),
        ),
    };
    Diagnostic::error(Code::NotOwner, path, message).hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> Policy {
        let list = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        Policy {
            maintainers: [
                ("questionnaires".to_string(), list(&["@ans/doctrine"])),
                ("*".to_string(), list(&["@ans/outillage"])),
            ]
            .into(),
            owners: [("alpha".to_string(), list(&["@alpha", "@alpha-org/grades"]))].into(),
        }
    }

    #[test]
    fn rules_follow_the_folder() {
        let p = policy();
        let org = |s: &str| Rule::Organisation(s.into());
        assert_eq!(p.rule("answers/alpha/a.yaml"), org("alpha"));
        assert_eq!(
            p.rule("answers/beta/organisation.yaml"),
            Rule::NewOrganisation("beta".into())
        );
        assert_eq!(
            p.rule("answers/README.md"),
            Rule::Maintained("answers".into())
        );
        assert_eq!(
            p.maintainers_of("questionnaires"),
            &["@ans/doctrine".to_string()]
        );
        assert_eq!(p.maintainers_of("src"), &["@ans/outillage".to_string()]);
    }

    #[test]
    fn a_team_counts_only_when_declared() {
        let p = policy();
        let changed = vec!["answers/alpha/a.yaml".to_string()];
        assert_eq!(p.check(&changed, &Author::new("bob", &[])).len(), 1);
        let member = Author::new("bob", &["@Alpha-Org/Grades".to_string()]);
        assert!(p.check(&changed, &member).is_empty());
        assert!(p.check(&changed, &Author::new("ALPHA", &[])).is_empty());
    }
}
