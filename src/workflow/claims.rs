//! Claims on shared entries. An organisation's `region` puts its services in that region's
//! figures, and its `editor` lets it publish products under that editor: changing either moves
//! what someone else publishes, so it needs the approval of whoever holds the entry in the base
//! revision (the region's organisation of kind `region`, the organisation the editors
//! referential names, else the organisation declaring that editor), or of the maintainers of
//! `answers` when nobody holds it.

use super::ownership::{Author, Policy};
use crate::diagnostics::{Code, Diagnostic};
use crate::load::Loaded;
use crate::model::{OrgKind, Organisation, Repository};

/// A kind of shared entry an organisation may claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    Region,
    Editor,
}

impl Entry {
    fn field(self) -> &'static str {
        match self {
            Entry::Region => "region",
            Entry::Editor => "editor",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Entry::Region => "la région",
            Entry::Editor => "l'éditeur",
        }
    }

    fn of(self, o: &Organisation) -> Option<&str> {
        match self {
            Entry::Region => o.region.as_deref(),
            Entry::Editor => o.editor.as_deref(),
        }
    }

    /// The organisation that holds `value` in `repo`, if any.
    fn holder(self, repo: &Repository, value: &str) -> Option<String> {
        let declared = |o: &&Organisation| self.of(o) == Some(value);
        match self {
            Entry::Region => repo
                .organisations
                .iter()
                .map(|o| &o.value)
                .filter(|o| o.kind == OrgKind::Region)
                .find(declared)
                .map(|o| o.id.clone()),
            Entry::Editor => repo
                .editors
                .as_ref()
                .and_then(|e| e.value.editors.iter().find(|x| x.id == value))
                .and_then(|x| x.organisation.clone())
                .or_else(|| {
                    repo.organisations
                        .iter()
                        .map(|o| &o.value)
                        .find(declared)
                        .map(|o| o.id.clone())
                }),
        }
    }
}

/// One CV407 error for each region or editor that an organisation of `after` starts or stops
/// claiming compared with `before`, when `author` is not among its holder's owners in
/// `before` (or among the maintainers of `answers` when nobody holds it). Owners and
/// maintainers come from `policy`, read from `before`.
pub fn check(
    before: &Repository,
    after: &Loaded,
    policy: &Policy,
    author: &Author,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for o in &after.repo.organisations {
        let old = before.organisation(&o.value.id);
        for entry in [Entry::Region, Entry::Editor] {
            let (was, is) = (old.and_then(|b| entry.of(b)), entry.of(&o.value));
            if was == is {
                continue;
            }
            for value in [was, is].into_iter().flatten() {
                let holder = entry.holder(before, value);
                let (who, whose) = match &holder {
                    Some(h) => (
                        policy.owners.get(h).map_or(&[][..], Vec::as_slice),
                        format!("de ses propriétaires (organisation « {h} »)"),
                    ),
                    None => (
                        policy.maintainers_of("answers"),
                        "des mainteneurs de answers (personne ne revendique cette entrée)"
                            .to_string(),
                    ),
                };
                if author.is_among(who) {
                    continue;
                }
                let change = format!("{} → {}", was.unwrap_or("—"), is.unwrap_or("—"));
                let pointer = format!("/{}", entry.field());
                let at = after
                    .spans(&o.path)
                    .and_then(|s| s.value(&pointer).or_else(|| s.key("")));
                out.push(
                    Diagnostic::error(
                        Code::ClaimNotApproved,
                        &o.path,
                        format!(
                            "« {} » change {} ({change}) : il faut l'approbation {whose}, soit {} ; {} n'en fait pas partie",
                            o.value.id,
                            entry.name(),
                            if who.is_empty() { "personne".to_string() } else { who.join(", ") },
                            author.handle
                        ),
                    )
                    .at(at)
                    .hint(format!(
                        "faites porter ce changement par l'un d'eux, ou laissez « {} » inchangé",
                        entry.field()
                    )),
                );
            }
        }
    }
    out
}
