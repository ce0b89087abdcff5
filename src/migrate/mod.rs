//! Moving answers to a new questionnaire version. A questionnaire in force names the version it
//! `supersedes` and the criteria `renamed` since; previous versions stay in
//! `questionnaires/archive/`. For every response on an older version, [`plan`] works out the
//! renamed answers, the obsolete ones (criteria absent from the new version) and the missing
//! ones (new criteria that apply); [`rewrite`] edits the file's text accordingly.

mod rewrite;

pub use rewrite::rewrite;

use crate::model::{Questionnaire, Repository, Response};
use std::collections::BTreeMap;
use std::fmt::Write;

/// What migrating one response involves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migration {
    /// Repository-relative path of the answers file.
    pub path: String,
    /// Questionnaire id.
    pub questionnaire: String,
    /// Version answered.
    pub from: String,
    /// Version in force.
    pub to: String,
    /// Answered criteria renamed: old id → new id.
    pub renamed: BTreeMap<String, String>,
    /// Answered criteria absent from the version in force (old ids).
    pub obsolete: Vec<String>,
    /// Criteria of the version in force that apply and have no answer.
    pub missing: Vec<String>,
}

/// How ids of version `from` map to ids of the version in force, composing the `renamed` maps
/// along the chain of `supersedes`; `None` when `from` is not in the chain.
pub fn mapping(
    repo: &Repository,
    current: &Questionnaire,
    from: &str,
) -> Option<BTreeMap<String, String>> {
    let mut chain: Vec<&Questionnaire> = vec![current];
    while let Some(sup) = &chain.last()?.supersedes {
        if chain.iter().any(|q| q.version == sup.version) || chain.len() > 32 {
            return None;
        }
        chain.push(repo.questionnaire_version(&current.id, &sup.version)?);
        if sup.version == from {
            break;
        }
    }
    let oldest = chain.last()?;
    if oldest.version != from || chain.len() < 2 {
        return None;
    }
    let mut map: BTreeMap<String, String> = oldest
        .criteria()
        .map(|(_, c)| (c.id.clone(), c.id.clone()))
        .collect();
    // Apply each step's renames, oldest step first.
    for newer in chain.iter().rev().skip(1) {
        let renamed = newer.supersedes.as_ref().map(|s| &s.renamed);
        for target in map.values_mut() {
            if let Some(n) = renamed.and_then(|r| r.get(target.as_str())) {
                *target = n.clone();
            }
        }
    }
    Some(map)
}

/// The criteria that questionnaire `q` adds to the version it supersedes (renames followed):
/// empty when it supersedes nothing or its chain is broken.
pub fn added_criteria(repo: &Repository, q: &Questionnaire) -> std::collections::BTreeSet<String> {
    let Some(map) = q
        .supersedes
        .as_ref()
        .and_then(|sup| mapping(repo, q, &sup.version))
    else {
        return Default::default();
    };
    let carried: std::collections::BTreeSet<&str> = map.values().map(String::as_str).collect();
    q.criteria()
        .map(|(_, c)| c.id.as_str())
        .filter(|id| !carried.contains(id))
        .map(str::to_string)
        .collect()
}

/// The migration of one response, or `None` when it is on the version in force or on a version
/// outside the chain (validation reports those).
fn migration(repo: &Repository, path: &str, qid: &str, resp: &Response) -> Option<Migration> {
    let current = repo.questionnaire(qid)?;
    if resp.version == current.version {
        return None;
    }
    let map = mapping(repo, current, &resp.version)?;
    let mut m = Migration {
        path: path.to_string(),
        questionnaire: qid.to_string(),
        from: resp.version.clone(),
        to: current.version.clone(),
        renamed: BTreeMap::new(),
        obsolete: Vec::new(),
        missing: Vec::new(),
    };
    let mut answered = Vec::new();
    for old in resp.answers.keys() {
        let new = map.get(old).cloned().unwrap_or_else(|| old.clone());
        // An answer already given under the new id wins over the renamed one.
        let taken = &new != old && resp.answers.contains_key(&new);
        if current.criterion(&new).is_none() || taken {
            m.obsolete.push(old.clone());
        } else {
            if &new != old {
                m.renamed.insert(old.clone(), new.clone());
            }
            answered.push(new);
        }
    }
    m.missing = current
        .criteria()
        .map(|(_, c)| c)
        .filter(|c| c.applies(&resp.preliminary) && !answered.contains(&c.id))
        .map(|c| c.id.clone())
        .collect();
    Some(m)
}

/// The text `migrate --write` gives the file at `path` of `base` when the questionnaires in
/// force are those of `head`; `None` when the file has nothing to migrate or cannot be
/// rewritten. A change of an organisation's file equal to it is a mechanical migration.
pub fn migrated_text(head: &Repository, base: &crate::load::Loaded, path: &str) -> Option<String> {
    let responses = base
        .repo
        .organisations
        .iter()
        .find(|o| o.path == path)
        .map(|o| &o.value.questionnaires)
        .or_else(|| {
            base.repo
                .subjects
                .iter()
                .find(|s| s.path == path)
                .map(|s| &s.subject.questionnaires)
        })?;
    let migrations: Vec<Migration> = responses
        .iter()
        .filter_map(|(qid, resp)| migration(head, path, qid, resp))
        .collect();
    if migrations.is_empty() {
        return None;
    }
    let refs: Vec<&Migration> = migrations.iter().collect();
    let text = &base.sources.get(path)?.text;
    rewrite(head, text, base.spans(path)?, &refs).ok()
}

/// Every response of the repository that is on an older version, by path then questionnaire.
pub fn plan(repo: &Repository) -> Vec<Migration> {
    let mut out = Vec::new();
    for o in &repo.organisations {
        for (qid, resp) in &o.value.questionnaires {
            out.extend(migration(repo, &o.path, qid, resp));
        }
    }
    for s in &repo.subjects {
        for (qid, resp) in &s.subject.questionnaires {
            out.extend(migration(repo, &s.path, qid, resp));
        }
    }
    out.sort_by(|a, b| (&a.path, &a.questionnaire).cmp(&(&b.path, &b.questionnaire)));
    out
}

/// The report of `migrate --report`, in French.
pub fn report(migrations: &[Migration]) -> String {
    if migrations.is_empty() {
        return "Aucune réponse à migrer : toutes répondent aux versions en vigueur.\n".into();
    }
    let mut out = String::new();
    for m in migrations {
        let _ = writeln!(
            out,
            "{} — {} {} → {}",
            m.path, m.questionnaire, m.from, m.to
        );
        if !m.renamed.is_empty() {
            let list: Vec<String> = m
                .renamed
                .iter()
                .map(|(a, b)| format!("{a} → {b}"))
                .collect();
            let _ = writeln!(out, "  renommés : {}", list.join(", "));
        }
        if !m.obsolete.is_empty() {
            let _ = writeln!(out, "  obsolètes : {}", m.obsolete.join(", "));
        }
        if !m.missing.is_empty() {
            let _ = writeln!(out, "  manquants : {}", m.missing.join(", "));
        }
        if m.renamed.is_empty() && m.obsolete.is_empty() && m.missing.is_empty() {
            out.push_str("  seule la version change\n");
        }
    }
    let _ = writeln!(out, "{} réponse(s) à migrer", migrations.len());
    out
}

#[cfg(test)]
mod tests;
