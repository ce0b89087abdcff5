//! Rebuilding on change, in two steps. The repository kept from the last load is brought up
//! to date by the changed paths only ([`Loaded::patch`]: the files the watcher names are read
//! again, every other file's text and typed value stay where they are, the parsed campaigns
//! too while `campaigns/` is unchanged), then the cross-file checks run on the whole. When only
//! answer files of services or products changed, their sheets are rendered first from a
//! repository holding just those subjects and swapped in (the **preview**: the page being
//! edited reloads at once). Then the whole site is built again and compared file by file with
//! the served one: only files whose bytes differ are kept and swapped in, and files the build
//! no longer makes are removed (the **finish**). After the finish the served site is byte for
//! byte a full build's, whatever the preview did.

use super::{State, Stored};
use crate::diagnostics;
use crate::load::{self, Disk, Loaded};
use crate::model::Repository;
use crate::site::{self, BuildOptions, Sink, urls};
use anyhow::{Result, bail};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, RwLock};

/// What a rebuild keeps from one run to the next.
pub struct Session {
    root: PathBuf,
    opts: BuildOptions,
    /// The repository as last loaded, with the diagnostics of loading only (the cross-file
    /// checks' are not kept): brought up to date by the changed paths.
    loaded: Option<Loaded>,
    /// Served sheet of each subject file of the last complete build: file path → page path.
    sheets: HashMap<String, String>,
    /// Whether the served site is a complete build (not the empty site of the start).
    built: bool,
}

/// What a step changed in the served site.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Swap {
    /// Files added or replaced.
    pub written: BTreeSet<String>,
    /// Files removed.
    pub removed: BTreeSet<String>,
}

impl Swap {
    /// Whether the served site is unchanged.
    pub fn is_empty(&self) -> bool {
        self.written.is_empty() && self.removed.is_empty()
    }
}

/// Whether a change to `path` (repository-relative) changes the frozen campaigns.
fn campaign_path(path: &str) -> bool {
    path.split('/').next() == Some("campaigns")
}

impl Session {
    /// A session for the repository at `root`, nothing built yet.
    pub fn new(root: &Path, opts: BuildOptions) -> Session {
        Session {
            root: root.to_path_buf(),
            opts,
            loaded: None,
            sheets: HashMap::new(),
            built: false,
        }
    }

    /// Brings the repository up to date after the files `changed` changed (repository-relative
    /// paths; empty: load it whole) and runs every check; the error is the text to show (the
    /// diagnostics, as `build` prints them).
    pub fn load(&mut self, changed: &BTreeSet<String>) -> std::result::Result<(), String> {
        let tree = Disk(&self.root);
        let patched = !changed.is_empty()
            && !changed.iter().any(|p| campaign_path(p))
            && self
                .loaded
                .as_mut()
                .is_some_and(|l| l.patch(&tree, changed));
        if !patched {
            let mut loaded = load::load_tree(&tree);
            crate::campaign::load_into(&self.root, &mut loaded);
            self.loaded = Some(loaded);
        }
        let loaded = self.loaded.as_mut().expect("loaded above");
        let found = crate::validate::findings(loaded);
        if diagnostics::has_errors(&loaded.diagnostics) || diagnostics::has_errors(&found) {
            let mut all = loaded.diagnostics.clone();
            all.extend(found);
            diagnostics::sort(&mut all);
            return Err(diagnostics::render_human(&all, &loaded.sources));
        }
        Ok(())
    }

    /// Renders the sheets of the subject files among `changed` (repository-relative paths)
    /// and swaps them into `state`; a served sheet the edited files no longer make (subject
    /// deleted, renamed or no longer published) is removed. `None` (nothing done) unless a
    /// complete build is served, the last load succeeded and every change is an answer file
    /// of a service or product.
    pub fn preview(
        &mut self,
        changed: &BTreeSet<String>,
        state: &RwLock<State>,
    ) -> Result<Option<Swap>> {
        // Files under `answers/` that are not YAML (an editor's or `sed -i`'s temporary) are
        // not read by the loader.
        let relevant = |p: &&String| {
            !(p.starts_with("answers/") && !p.ends_with(".yaml") && !p.ends_with(".yml"))
        };
        let changed: BTreeSet<String> = changed.iter().filter(relevant).cloned().collect();
        let changed = &changed;
        let Some(loaded) = self.loaded.as_mut() else {
            return Ok(None);
        };
        if !self.built || changed.is_empty() || !changed.iter().all(|p| is_subject_file(p)) {
            return Ok(None);
        }
        let mini = sheets_of(&mut loaded.repo, changed);
        let pages: BTreeSet<String> = mini
            .subjects
            .iter()
            .filter(|s| changed.contains(&s.path))
            .map(|s| urls::subject(&s.subject.id))
            .collect();
        let out = site::Memory::new();
        site::build_pages(mini, &self.root, &self.opts, &out, Some(&pages))?;
        let mut files = out.into_files();
        files.retain(|path, _| pages.contains(path));
        let mut swap = Swap::default();
        let mut st = state.write().unwrap_or_else(|e| e.into_inner());
        for path in changed.iter().filter_map(|p| self.sheets.get(p)) {
            if !files.contains_key(path) && st.files.remove(path).is_some() {
                swap.removed.insert(path.clone());
            }
        }
        for (path, bytes) in files {
            swap.written.insert(path.clone());
            st.files.insert(path, Stored::new(&bytes));
        }
        Ok(Some(swap))
    }

    /// Builds the whole site from the repository last loaded (a copy: the session keeps its
    /// own for the next change) and swaps into `state` the files that differ from the served
    /// ones, removing those the build no longer makes.
    pub fn finish(&mut self, state: &RwLock<State>) -> Result<Swap> {
        let Some(loaded) = self.loaded.as_ref() else {
            bail!("aucun dépôt chargé");
        };
        let repo = loaded.repo.clone();
        let sheets: HashMap<String, String> = repo
            .subjects
            .iter()
            .map(|s| (s.path.clone(), urls::subject(&s.subject.id)))
            .collect();
        let diff = Diff {
            served: state,
            seen: Mutex::default(),
            changed: Mutex::default(),
        };
        site::build(repo, &self.root, &self.opts, &diff)?;
        let seen = diff.seen.into_inner().unwrap_or_else(|e| e.into_inner());
        let changed = diff.changed.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut swap = Swap::default();
        let mut st = state.write().unwrap_or_else(|e| e.into_inner());
        st.files.retain(|path, _| {
            let kept = seen.contains(path);
            if !kept {
                swap.removed.insert(path.clone());
            }
            kept
        });
        for (path, bytes) in changed {
            swap.written.insert(path.clone());
            st.files.insert(path, bytes);
        }
        self.sheets = sheets;
        self.built = true;
        Ok(swap)
    }
}

/// Whether `path` (repository-relative) is the answer file of a service or product.
pub fn is_subject_file(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    match parts.as_slice() {
        ["answers", org, name] => {
            !org.is_empty()
                && !matches!(*name, "organisation.yaml" | "organisation.yml")
                && (name.ends_with(".yaml") || name.ends_with(".yml"))
        }
        _ => false,
    }
}

/// The repository `repo` with only the subjects of the files in `changed` and those they
/// extend (a product sheet names its base), everything else as it is.
fn sheets_of(repo: &mut Repository, changed: &BTreeSet<String>) -> Repository {
    let all = std::mem::take(&mut repo.subjects);
    let bases: HashSet<&str> = all
        .iter()
        .filter(|s| changed.contains(&s.path))
        .filter_map(|s| s.subject.product.as_ref()?.extends.as_deref())
        .collect();
    let subjects = all
        .iter()
        .filter(|s| changed.contains(&s.path) || bases.contains(s.subject.id.as_str()))
        .cloned()
        .collect();
    let mut mini = repo.clone();
    mini.subjects = subjects;
    repo.subjects = all;
    mini
}

/// A sink that compares each file with the served one and keeps only those that differ.
struct Diff<'s> {
    served: &'s RwLock<State>,
    /// Every path the build made.
    seen: Mutex<HashSet<String>>,
    /// Files new or different from the served ones, compressed.
    changed: Mutex<BTreeMap<String, Stored>>,
}

impl Sink for Diff<'_> {
    fn add(&self, path: String, bytes: Vec<u8>) -> Result<()> {
        site::output::check_path(&path)?;
        if !self
            .seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.clone())
        {
            bail!("deux fichiers produits au même chemin : {path}");
        }
        let same = {
            let st = self.served.read().unwrap_or_else(|e| e.into_inner());
            st.files.get(&path).is_some_and(|old| old.is(&bytes))
        };
        if !same {
            let stored = Stored::new(&bytes);
            drop(bytes);
            self.changed
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(path, stored);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
