//! Loading a later state of a repository by its changed paths only: the files named are
//! forgotten, then read, parsed and checked again where they now stand; every other file's
//! text, typed value and problems are kept as they are. The result equals a whole load of the
//! new state; when that cannot be made sure of (a link in the repository, a limit of the
//! repository close, a folder named), [`Loaded::patch`] says so and the caller loads whole.

use super::walk::{self, TOPS};
use super::{FileResult, Loaded, Reuse, Tree, load_file};
use crate::diagnostics;
use crate::source::{MAX_REPO_BYTES, MAX_REPO_ENTRIES, MAX_REPO_EXPANDED_BYTES, MAX_REPO_NODES};
use std::collections::BTreeSet;

/// Deepest entry the loader's walk looks at, below a top folder.
const MAX_WALK_DEPTH: usize = 8;

/// Anything the loader keeps that was read from one file.
trait FromFile {
    fn path(&self) -> &str;
}

macro_rules! from_file {
    ($($t:ty),*) => {$(
        impl FromFile for $t {
            fn path(&self) -> &str {
                &self.path
            }
        }
    )*};
}

use crate::model::{
    AssessmentFile, CommonCore, CompletionPaths, Config, Editors, Label, Located, NationalServices,
    Organisation, Page, PosMap, Questionnaire, Regions, Scale, SubjectFile,
};
from_file!(
    Located<Scale>,
    Located<Questionnaire>,
    Located<Label>,
    Located<Organisation>,
    AssessmentFile,
    SubjectFile,
    Page
);

/// The walk's order of two repository-relative paths: the top first (in [`TOPS`] order),
/// then folder by folder, each folder's entries sorted by name.
fn walk_order(a: &str, b: &str) -> std::cmp::Ordering {
    let rank = |p: &str| {
        let top = p.split('/').next().unwrap_or_default();
        TOPS.iter().position(|t| *t == top).unwrap_or(TOPS.len())
    };
    rank(a)
        .cmp(&rank(b))
        .then_with(|| a.split('/').cmp(b.split('/')))
}

/// Moves the last item of `items`, if it came from `path`, to its place in walk order.
fn settle<T: FromFile>(items: &mut [T], path: &str) {
    if items.last().is_none_or(|last| last.path() != path) {
        return;
    }
    let at = items[..items.len() - 1].partition_point(|i| walk_order(i.path(), path).is_lt());
    items[at..].rotate_right(1);
}

/// Removes what was read from `path`.
fn forget<T: FromFile>(items: &mut Vec<T>, path: &str) {
    items.retain(|i| i.path() != path);
}

/// Clears a single file's value when it was read from `path`.
fn forget_one<T>(item: &mut Option<Located<T>>, path: &str) {
    if item.as_ref().is_some_and(|i| i.path == path) {
        *item = None;
    }
}

/// Whether the walk would look at a file at `path` (within the depth of the walk, under a top,
/// its name not hidden).
fn walked_path(path: &str) -> bool {
    let mut parts = path.split('/');
    let top = parts.next().unwrap_or_default();
    let below = parts.count();
    let name = path.rsplit('/').next().unwrap_or_default();
    TOPS.contains(&top) && below <= MAX_WALK_DEPTH && !name.starts_with('.')
}

impl Loaded {
    /// Brings this state, as loaded (before any cross-file check), to the state of `tree`, given
    /// every repository-relative path whose file may differ (`changed`; paths outside the data
    /// folders are ignored): only those are read. Returns false when that cannot be done
    /// exactly, and the caller loads `tree` whole (this state is then left unspecified): the
    /// repository holds a link, a limit of the repository is close, a folder is named, or a
    /// file's problem is reported on another path.
    pub fn patch(&mut self, tree: &dyn Tree, changed: &BTreeSet<String>) -> bool {
        let Some(mut walked) = self.walked.take() else {
            return false;
        };
        let paths: Vec<&String> = changed
            .iter()
            .filter(|p| TOPS.contains(&p.split('/').next().unwrap_or_default()))
            .collect();
        let spare = paths.len() * (MAX_WALK_DEPTH + 1);
        if walked.links || walked.entries + spare > MAX_REPO_ENTRIES {
            return false;
        }
        for path in paths {
            self.forget(path);
            walked.sizes.remove(path.as_str());
            walked.data.remove(path.as_str());
            let under = format!("{path}/");
            if self.sources.keys().any(|p| p.starts_with(&under)) {
                return false;
            }
            let Some(stat) = tree.stat(path) else {
                continue;
            };
            if !walked_path(path) {
                continue;
            }
            if !stat.file {
                return false;
            }
            let Some((entry, size)) = walk::look(tree, path, &mut self.diagnostics) else {
                continue;
            };
            let r: FileResult = load_file(tree, path.clone(), &entry, &Reuse::default());
            if r.diags.iter().any(|d| &d.path != path) {
                return false;
            }
            walked.sizes.insert(path.clone(), size);
            walked.data.insert(path.clone(), r.outcome.size);
            self.add(r);
            self.settle(path);
        }
        let bytes: u64 = walked.sizes.values().sum();
        let (nodes, data) = walked
            .data
            .values()
            .fold((0, 0), |(n, b), s| (n + s.nodes, b + s.bytes));
        if bytes > MAX_REPO_BYTES || nodes > MAX_REPO_NODES || data > MAX_REPO_EXPANDED_BYTES {
            return false;
        }
        self.walked = Some(walked);
        diagnostics::sort(&mut self.diagnostics);
        true
    }

    /// Forgets everything read from `path`: text, locations, typed value and problems.
    fn forget(&mut self, path: &str) {
        self.sources.remove(path);
        self.spans.remove(path);
        self.broken.remove(path);
        self.diagnostics.retain(|d| d.path != path);
        let repo = &mut self.repo;
        forget_one::<Config>(&mut repo.config, path);
        forget_one::<PosMap>(&mut repo.pos, path);
        forget_one::<CommonCore>(&mut repo.common_core, path);
        forget_one::<Regions>(&mut repo.regions, path);
        forget_one::<NationalServices>(&mut repo.national_services, path);
        forget_one::<Editors>(&mut repo.editors, path);
        forget_one::<CompletionPaths>(&mut repo.completion_paths, path);
        forget(&mut repo.scales, path);
        forget(&mut repo.questionnaires, path);
        forget(&mut repo.labels, path);
        forget(&mut repo.assessments, path);
        forget(&mut repo.organisations, path);
        forget(&mut repo.subjects, path);
        forget(&mut repo.pages, path);
        forget(&mut self.salvaged.organisations, path);
        forget(&mut self.salvaged.subjects, path);
    }

    /// Moves what [`Loaded::add`] appended for `path` to its place in walk order, where a whole
    /// load puts it.
    fn settle(&mut self, path: &str) {
        let repo = &mut self.repo;
        settle(&mut repo.scales, path);
        settle(&mut repo.questionnaires, path);
        settle(&mut repo.labels, path);
        settle(&mut repo.assessments, path);
        settle(&mut repo.organisations, path);
        settle(&mut repo.subjects, path);
        settle(&mut repo.pages, path);
        settle(&mut self.salvaged.organisations, path);
        settle(&mut self.salvaged.subjects, path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Disk, copy_dir, load_tree};
    use std::fs;
    use std::path::Path;

    /// What a load gives, in a form to compare.
    fn seen(l: &Loaded) -> (String, String, Vec<(String, String)>) {
        let mut sources: Vec<(String, String)> = l
            .sources
            .iter()
            .map(|(p, s)| (p.clone(), s.text.clone()))
            .collect();
        sources.sort();
        let salvaged = format!("{:?}", l.salvaged);
        (
            format!("{:?}{salvaged}", l.repo),
            format!("{:?}", l.diagnostics),
            sources,
        )
    }

    /// Patches a load of the site fixture after `edit`, which returns the paths it touched, and
    /// compares the result with a whole load of the edited tree.
    fn patched_equals_whole(edit: impl FnOnce(&Path) -> Vec<&'static str>) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site/basic");
        copy_dir(&fixture, root);
        let mut loaded = load_tree(&Disk(root));
        let changed: BTreeSet<String> = edit(root).into_iter().map(String::from).collect();
        assert!(loaded.patch(&Disk(root), &changed), "patched");
        let whole = load_tree(&Disk(root));
        assert_eq!(seen(&loaded), seen(&whole));
    }

    // An edited answer, a deleted one and an added one are read again where they stand.
    #[test]
    fn a_patched_load_equals_a_whole_load_after_edits_additions_and_deletions() {
        patched_equals_whole(|root| {
            let dcc = root.join("answers/ara/ara-dcc.yaml");
            let text = fs::read_to_string(&dcc).unwrap();
            fs::write(&dcc, text.replace("level: 1", "level: 3")).unwrap();
            fs::remove_file(root.join("answers/bzh/bzh-tlc.yaml")).unwrap();
            fs::write(
                root.join("answers/ara/ara-new.yaml"),
                text.replace("ara-dcc", "ara-new"),
            )
            .unwrap();
            vec![
                "answers/ara/ara-dcc.yaml",
                "answers/bzh/bzh-tlc.yaml",
                "answers/ara/ara-new.yaml",
            ]
        });
    }

    // A renamed file, one broken (its problems located), a misplaced one (warned about), a
    // renamed organisation folder's files and a changed questionnaire.
    #[test]
    fn a_patched_load_equals_a_whole_load_after_renames_and_broken_files() {
        patched_equals_whole(|root| {
            let a = root.join("answers/ara");
            fs::rename(a.join("ara-old.yaml"), a.join("zz-old.yaml")).unwrap();
            fs::write(a.join("ara-secret.yaml"), "id: [unclosed\n").unwrap();
            fs::write(root.join("answers/stray.yaml"), "id: x\n").unwrap();
            let q = root.join("questionnaires/services.yaml");
            let text = fs::read_to_string(&q).unwrap();
            fs::write(&q, format!("{text}\nunknown_key: 1\n")).unwrap();
            fs::create_dir_all(root.join("answers/occ")).unwrap();
            for f in ["organisation.yaml", "bzh-tlc.yaml"] {
                fs::rename(
                    root.join("answers/bzh").join(f),
                    root.join("answers/occ").join(f),
                )
                .unwrap();
            }
            vec![
                "answers/ara/ara-old.yaml",
                "answers/ara/zz-old.yaml",
                "answers/ara/ara-secret.yaml",
                "answers/stray.yaml",
                "questionnaires/services.yaml",
                "answers/bzh/organisation.yaml",
                "answers/bzh/bzh-tlc.yaml",
                "answers/occ/organisation.yaml",
                "answers/occ/bzh-tlc.yaml",
            ]
        });
    }

    // A link in the repository, or a folder named as changed: the caller loads whole.
    #[test]
    fn links_and_folders_are_not_patched() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site/basic");
        copy_dir(&fixture, root);
        let mut loaded = load_tree(&Disk(root));
        let folder = BTreeSet::from(["answers/ara".to_string()]);
        assert!(!loaded.clone().patch(&Disk(root), &folder));
        std::os::unix::fs::symlink("ara-dcc.yaml", root.join("answers/ara/link.yaml")).unwrap();
        let link = BTreeSet::from(["answers/ara/link.yaml".to_string()]);
        assert!(!loaded.clone().patch(&Disk(root), &link));
        let mut with_link = load_tree(&Disk(root));
        let dcc = BTreeSet::from(["answers/ara/ara-dcc.yaml".to_string()]);
        assert!(!with_link.patch(&Disk(root), &dcc));
        assert!(loaded.patch(&Disk(root), &BTreeSet::new()));
    }
}
