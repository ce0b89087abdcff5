//! Provenance: when each sheet's source file last changed, and the commit (and pull request)
//! that changed it, read in one pass over the git history for the whole build. Built from the
//! history only, so two builds of the same commit are identical; nothing when the repository
//! is not a git checkout or git is absent.

use crate::model::{Forge, Repository};
use crate::site::urls;
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

/// The last change of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Commit hash.
    pub commit: String,
    /// Committer date, `YYYY-MM-DD`.
    pub date: String,
    /// The pull (merge) request the commit message names, if any.
    pub request: Option<u32>,
}

/// The last change of every file under `answers/` and `questionnaires/`, by
/// repository-relative path.
pub fn read(root: &Path) -> HashMap<String, Change> {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args([
            "log",
            "--no-renames",
            "--relative",
            "--name-only",
            "--format=%x1e%H%x1f%cs%x1f%s%x1f%b%x1d",
            "--",
            "answers",
            "questionnaires",
        ])
        .output();
    match out {
        Ok(out) if out.status.success() => parse(&String::from_utf8_lossy(&out.stdout)),
        _ => HashMap::new(),
    }
}

/// Parses `git log --name-only --format=%x1e%H%x1f%cs%x1f%s%x1f%b%x1d`, newest first: the
/// first commit naming a path is its last change.
pub fn parse(log: &str) -> HashMap<String, Change> {
    let mut map = HashMap::new();
    for record in log.split('\x1e').filter(|r| !r.trim().is_empty()) {
        let Some((head, names)) = record.split_once('\x1d') else {
            continue;
        };
        let mut head = head.split('\x1f');
        let (Some(commit), Some(date), Some(subject)) = (head.next(), head.next(), head.next())
        else {
            continue;
        };
        let change = Change {
            commit: commit.to_string(),
            date: date.to_string(),
            request: request_number(subject, head.next().unwrap_or_default()),
        };
        for path in names.lines().map(str::trim).filter(|p| !p.is_empty()) {
            map.entry(path.to_string())
                .or_insert_with(|| change.clone());
        }
    }
    map
}

/// The request a commit message names: GitHub's "Merge pull request #12 from …" or a squash
/// "… (#12)" in the subject, GitLab's "See merge request group/project!12" in the body.
pub fn request_number(subject: &str, body: &str) -> Option<u32> {
    let digits = |s: &str| -> Option<u32> {
        let d: String = s.chars().take_while(char::is_ascii_digit).collect();
        d.parse().ok()
    };
    if let Some(rest) = subject.strip_prefix("Merge pull request #") {
        return digits(rest);
    }
    let subject = subject.trim_end();
    if let (true, Some(i)) = (subject.ends_with(')'), subject.rfind("(#")) {
        return digits(&subject[i + 2..]);
    }
    let i = body.find("See merge request ")?;
    let rest = &body[i..];
    let bang = rest.find('!')?;
    digits(&rest[bang + 1..])
}

/// What a page says about its source's last change.
#[derive(Debug, Clone, Serialize)]
pub struct ProvenanceView {
    /// "01/10/2021".
    pub date: String,
    /// The first 7 characters of the commit.
    pub short: String,
    /// The commit's web page, when the forge is configured.
    pub commit_url: Option<String>,
    /// The request's number.
    pub request: Option<u32>,
    /// The request's web page, when the forge is configured.
    pub request_url: Option<String>,
}

/// The view of a change, with links when `forge` is known.
pub fn view(change: &Change, forge: Option<&Forge>) -> ProvenanceView {
    let date = match change.date.split('-').collect::<Vec<_>>().as_slice() {
        [y, m, d] => format!("{d}/{m}/{y}"),
        _ => change.date.clone(),
    };
    ProvenanceView {
        date,
        short: change.commit.chars().take(7).collect(),
        commit_url: forge.map(|f| f.commit_url(&change.commit)),
        request: change.request,
        request_url: forge.zip(change.request).map(|(f, n)| f.request_url(n)),
    }
}

/// The provenance of every sheet and organisation page of `repo` (the public repository),
/// by output path, from `changes`, the one pass over the history made by [`read`].
pub fn pages(
    repo: &Repository,
    changes: &HashMap<String, Change>,
) -> HashMap<String, ProvenanceView> {
    if changes.is_empty() {
        return HashMap::new();
    }
    let forge = repo.config.as_ref().and_then(|c| c.value.forge.as_ref());
    let subjects = repo
        .subjects
        .iter()
        .map(|sf| (urls::subject(&sf.subject.id), sf.path.as_str()));
    let organisations = repo
        .organisations
        .iter()
        .map(|o| (urls::organisation(&o.value.id), o.path.as_str()));
    subjects
        .chain(organisations)
        .filter_map(|(page, source)| Some((page, view(changes.get(source)?, forge))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ForgeKind;

    #[test]
    fn the_newest_commit_naming_a_path_is_its_last_change() {
        let log = "\x1eaaa\x1f2021-10-01\x1fMise à jour (#42)\x1f\x1d\n\nanswers/o/a.yaml\n\
                   \x1ebbb\x1f2020-12-01\x1fMerge branch 'b' into 'main'\x1fSee merge request o/p!7\n\x1d\n\nanswers/o/a.yaml\nanswers/o/b.yaml\n";
        let map = parse(log);
        assert_eq!(
            map["answers/o/a.yaml"],
            Change {
                commit: "aaa".into(),
                date: "2021-10-01".into(),
                request: Some(42)
            }
        );
        assert_eq!(map["answers/o/b.yaml"].request, Some(7));
        assert_eq!(map.len(), 2);
    }

    #[test]
    fn requests_are_read_from_github_and_gitlab_messages() {
        assert_eq!(
            request_number("Merge pull request #12 from a/b", ""),
            Some(12)
        );
        assert_eq!(request_number("Corrige le plan (#305)", ""), Some(305));
        assert_eq!(request_number("Merge branch 'x' into 'main'", ""), None);
        let body = "Plan 2021\n\nSee merge request ans/obs!9";
        assert_eq!(
            request_number("Merge branch 'x' into 'main'", body),
            Some(9)
        );
        assert_eq!(request_number("Plan 2021 (version #2", ""), None);
    }

    #[test]
    fn links_follow_the_forge_kind() {
        let change = Change {
            commit: "0123456789abcdef".into(),
            date: "2021-10-01".into(),
            request: Some(4),
        };
        let github = Forge {
            kind: ForgeKind::Github,
            url: "https://github.com/ans/obs".into(),
        };
        let v = view(&change, Some(&github));
        assert_eq!(
            (v.date.as_str(), v.short.as_str()),
            ("01/10/2021", "0123456")
        );
        assert_eq!(
            v.commit_url.as_deref(),
            Some("https://github.com/ans/obs/commit/0123456789abcdef")
        );
        assert_eq!(
            v.request_url.as_deref(),
            Some("https://github.com/ans/obs/pull/4")
        );
        let gitlab = Forge {
            kind: ForgeKind::Gitlab,
            url: "https://gitlab.com/ans/obs".into(),
        };
        let v = view(&change, Some(&gitlab));
        assert_eq!(
            v.commit_url.as_deref(),
            Some("https://gitlab.com/ans/obs/-/commit/0123456789abcdef")
        );
        assert_eq!(
            v.request_url.as_deref(),
            Some("https://gitlab.com/ans/obs/-/merge_requests/4")
        );
        assert_eq!(view(&change, None).commit_url, None);
    }
}
