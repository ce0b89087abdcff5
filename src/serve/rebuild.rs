//! Rebuilding on change, in steps. The repository kept from the last load is brought up to
//! date by the changed paths only ([`Loaded::patch`]: the files the watcher names are read
//! again, every other file's text and typed value stay where they are, the parsed campaigns
//! too while `campaigns/` is unchanged). When only answer files of services or products
//! changed, their sheets are rendered first from a repository holding just those subjects (and
//! just their frozen answers in the campaigns) and swapped in (the **preview**: the page being
//! edited reloads at once). Then the cross-file checks run on the whole repository; when they
//! find an error, the sheets the preview swapped in are put back and the error is shown over
//! the last good site. Then the whole site is built again and compared file by file with the
//! served one: only files whose bytes differ are kept and swapped in, and files the build no
//! longer makes are removed (the **finish**). After the finish the served site is byte for
//! byte a full build's, whatever the preview did. The finish builds from the kept repository
//! itself, the rest of the load dropped first, and loads the tree whole again afterwards: the
//! process never holds two repositories.

use super::stored::{Dictionary, Streamed};
use super::{State, Stored};
use crate::diagnostics;
use crate::load::{self, Disk, Loaded};
use crate::model::{Campaign, FrozenSubject, Located, Repository, SubjectFile};
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
    /// The served files the last preview replaced, with what was served before (`None`: no
    /// file there), in the order it swapped them: put back if the cross-file checks fail.
    undo: Vec<(String, Option<Stored>)>,
    /// What served pages are compressed against: a sheet rendered before the first complete
    /// build (see [`Session::dictionary`]); `None` until then, or when no sheet is published.
    dict: Option<Dictionary>,
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
            undo: Vec::new(),
            dict: None,
        }
    }

    /// Brings the repository up to date after the files `changed` changed (repository-relative
    /// paths; empty: load it whole). The cross-file checks are left to [`Session::check`],
    /// after the preview, unless a file has an error: then every check runs and the error is
    /// the text to show (the diagnostics, as `build` prints them).
    pub fn load(&mut self, changed: &BTreeSet<String>) -> std::result::Result<(), String> {
        let tree = Disk(&self.root);
        let patched = !changed.is_empty()
            && !changed.iter().any(|p| campaign_path(p))
            && self
                .loaded
                .as_mut()
                .is_some_and(|l| l.patch(&tree, changed));
        if !patched {
            self.loaded = Some(self.load_whole());
        }
        self.undo.clear();
        let loaded = self.loaded.as_mut().expect("loaded above");
        if diagnostics::has_errors(&loaded.diagnostics) {
            return Err(render_checked(loaded));
        }
        Ok(())
    }

    /// Runs the cross-file checks on the repository last loaded. When they find an error, the
    /// sheets the preview swapped in are put back as they were (the last good site stays
    /// served) and the error is the text to show.
    pub fn check(&mut self, state: &RwLock<State>) -> std::result::Result<(), String> {
        let Some(loaded) = self.loaded.as_mut() else {
            return Err("aucun dépôt chargé".into());
        };
        let found = crate::validate::findings(loaded);
        if !diagnostics::has_errors(&found) {
            self.undo.clear();
            return Ok(());
        }
        let mut st = state.write().unwrap_or_else(|e| e.into_inner());
        for (path, old) in self.undo.drain(..).rev() {
            match old {
                Some(old) => st.files.insert(path, old),
                None => st.files.remove(&path),
            };
        }
        Err(render(loaded, found))
    }

    /// The repository at `root` loaded whole, with its frozen campaigns.
    fn load_whole(&self) -> Loaded {
        load::load(&self.root)
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
            if !files.contains_key(path)
                && let Some(old) = st.files.remove(path)
            {
                swap.removed.insert(path.clone());
                self.undo.push((path.clone(), Some(old)));
            }
        }
        for (path, bytes) in files {
            swap.written.insert(path.clone());
            let old = st
                .files
                .insert(path.clone(), Stored::with(&bytes, self.dict.as_ref()));
            self.undo.push((path, old));
        }
        Ok(Some(swap))
    }

    /// Builds the whole site from the repository last loaded and swaps into `state` the files
    /// that differ from the served ones, removing those the build no longer makes. The build
    /// consumes that repository, and the rest of the load (every file's text) is dropped before
    /// it, so that the build's memory is a `build`'s plus the served site; the repository is
    /// then loaded whole again for the next change.
    pub fn finish(&mut self, state: &RwLock<State>) -> Result<Swap> {
        let Some(mut loaded) = self.loaded.take() else {
            bail!("aucun dépôt chargé");
        };
        let mut repo = std::mem::take(&mut loaded.repo);
        drop(loaded);
        if self.dict.is_none() {
            self.dict = self.dictionary(&mut repo)?;
        }
        let sheets: HashMap<String, String> = repo
            .subjects
            .iter()
            .map(|s| (s.path.clone(), urls::subject(&s.subject.id)))
            .collect();
        let diff = Diff {
            served: state,
            seen: Mutex::default(),
            changed: Mutex::default(),
            dict: self.dict.clone(),
        };
        let built = site::build(repo, &self.root, &self.opts, &diff);
        self.loaded = Some(self.load_whole());
        built?;
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

    /// The dictionary of the served pages: the sheet of the first public subject (in walk
    /// order), rendered alone as the preview renders one. The same repository gives the same
    /// dictionary; `None` when no sheet is published.
    fn dictionary(&self, repo: &mut Repository) -> Result<Option<Dictionary>> {
        let include_drafts = self.opts.include_drafts;
        let Some(first) = repo
            .subjects
            .iter()
            .find(|s| site::public::is_public(&s.subject, include_drafts))
        else {
            return Ok(None);
        };
        let page = urls::subject(&first.subject.id);
        let mini = sheets_of(repo, &BTreeSet::from([first.path.clone()]));
        let out = site::Memory::new();
        let only = BTreeSet::from([page.clone()]);
        site::build_pages(mini, &self.root, &self.opts, &out, Some(&only))?;
        Ok(out
            .into_files()
            .get(&page)
            .and_then(|sheet| Dictionary::from_sample(sheet)))
    }
}

/// Every diagnostic of `loaded`, its cross-file checks' included, as `build` prints them.
fn render_checked(loaded: &mut Loaded) -> String {
    let found = crate::validate::findings(loaded);
    render(loaded, found)
}

/// The diagnostics of loading `loaded` and those `found` by the checks, sorted and rendered.
fn render(loaded: &Loaded, found: Vec<diagnostics::Diagnostic>) -> String {
    let mut all = loaded.diagnostics.clone();
    all.extend(found);
    diagnostics::sort(&mut all);
    diagnostics::render_human(&all, &loaded.sources)
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
/// extend (a product sheet names its base), and campaigns holding only those subjects' frozen
/// answers (a sheet shows its own history and plans, read by its id); everything else as it is.
fn sheets_of(repo: &mut Repository, changed: &BTreeSet<String>) -> Repository {
    let all = std::mem::take(&mut repo.subjects);
    let campaigns = std::mem::take(&mut repo.campaigns);
    let bases: HashSet<&str> = all
        .iter()
        .filter(|s| changed.contains(&s.path))
        .filter_map(|s| s.subject.product.as_ref()?.extends.as_deref())
        .collect();
    let subjects: Vec<SubjectFile> = all
        .iter()
        .filter(|s| changed.contains(&s.path) || bases.contains(s.subject.id.as_str()))
        .cloned()
        .collect();
    let ids: HashSet<&str> = subjects.iter().map(|s| s.subject.id.as_str()).collect();
    let mut mini = repo.clone();
    mini.campaigns = campaigns
        .iter()
        .map(|c| Located {
            path: c.path.clone(),
            value: trimmed(&c.value, &ids).into(),
        })
        .collect();
    mini.subjects = subjects;
    repo.subjects = all;
    repo.campaigns = campaigns;
    mini
}

/// `campaign` with only the frozen answers of the subjects `ids` (and of organisations sharing
/// one of those ids), and no aggregates: what their sheets read of it.
fn trimmed(campaign: &Campaign, ids: &HashSet<&str>) -> Campaign {
    let keep = |list: &[FrozenSubject]| -> Vec<FrozenSubject> {
        list.iter()
            .filter(|s| ids.contains(s.id.as_str()))
            .cloned()
            .collect()
    };
    Campaign {
        id: campaign.id.clone(),
        date: campaign.date,
        commit: campaign.commit.clone(),
        perimeter: campaign.perimeter.clone(),
        questionnaires: campaign.questionnaires.clone(),
        subjects: keep(&campaign.subjects),
        organisations: keep(&campaign.organisations),
        aggregates: Vec::new(),
    }
}

/// A sink that compares each file with the served one and keeps only those that differ.
struct Diff<'s> {
    served: &'s RwLock<State>,
    /// Every path the build made.
    seen: Mutex<HashSet<String>>,
    /// Files new or different from the served ones, compressed.
    changed: Mutex<BTreeMap<String, Stored>>,
    /// What the pages are compressed against.
    dict: Option<Dictionary>,
}

impl Diff<'_> {
    /// Records that the build made `path`; an error if it made it before.
    fn see(&self, path: &str) -> Result<()> {
        site::output::check_path(path)?;
        if !self
            .seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string())
        {
            bail!("deux fichiers produits au même chemin : {path}");
        }
        Ok(())
    }

    /// Whether the served file at `path` passes `test`.
    fn served_is(&self, path: &str, test: impl FnOnce(&Stored) -> bool) -> bool {
        let st = self.served.read().unwrap_or_else(|e| e.into_inner());
        st.files.get(path).is_some_and(test)
    }

    /// Keeps `stored` at `path`: it differs from the served file.
    fn keep(&self, path: String, stored: Stored) {
        self.changed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path, stored);
    }
}

impl Sink for Diff<'_> {
    fn add(&self, path: String, bytes: Vec<u8>) -> Result<()> {
        self.see(&path)?;
        if !self.served_is(&path, |old| old.is(&bytes)) {
            let stored = Stored::with(&bytes, self.dict.as_ref());
            drop(bytes);
            self.keep(path, stored);
        }
        Ok(())
    }

    /// A streamed file (an export) is compressed as it is written and compared by its
    /// digest: it is never held whole, nor is the served copy decompressed beside it.
    fn add_with(&self, path: String, write: &mut site::output::Writer<'_>) -> Result<()> {
        self.see(&path)?;
        let mut streamed = Streamed::default();
        write(&mut streamed)?;
        let stored = streamed.finish();
        if !self.served_is(&path, |old| old.digest() == stored.digest()) {
            self.keep(path, stored);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
