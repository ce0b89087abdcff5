//! The walk of the repository: which files it holds and what kind each is, within the
//! repository's bounds, with a problem for misplaced files and for what is neither a file nor
//! a folder.

use super::read;
use super::tree::Tree;
use super::yaml::Size;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::PageSection;
use crate::schema::FileKind;
use crate::source::{MAX_REPO_BYTES, MAX_REPO_ENTRIES, MAX_REPO_EXPANDED_BYTES, MAX_REPO_NODES};

/// What a path holds, decided from where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Entry {
    Yaml(FileKind),
    Page(PageSection),
}

pub(super) fn classify(rel: &str) -> Result<Option<Entry>, &'static str> {
    // `.yml` is read like `.yaml`: the file's kind is decided on its `.yaml` spelling.
    let spelled: std::borrow::Cow<str> = match rel.strip_suffix(".yml") {
        Some(stem) => format!("{stem}.yaml").into(),
        None => rel.into(),
    };
    let rel = spelled.as_ref();
    let parts: Vec<&str> = rel.split('/').collect();
    let yaml = rel.ends_with(".yaml");
    Ok(Some(match parts.as_slice() {
        ["convergence.yaml"] => Entry::Yaml(FileKind::Config),
        ["content", "scales", _] if yaml => Entry::Yaml(FileKind::Scale),
        ["content", "labels", _] if yaml => Entry::Yaml(FileKind::Label),
        ["content", "referentials", name] => Entry::Yaml(match *name {
            "pos.yaml" => FileKind::Pos,
            "common-core.yaml" => FileKind::CommonCore,
            "regions.yaml" => FileKind::Regions,
            "national-services.yaml" => FileKind::NationalServices,
            "editors.yaml" => FileKind::Editors,
            "completion-paths.yaml" => FileKind::CompletionPaths,
            _ if yaml => {
                return Err(
                    "référentiels connus : pos, common-core, regions, national-services, editors, completion-paths",
                );
            }
            _ => return Ok(None),
        }),
        ["content", section, name] if name.ends_with(".md") => Entry::Page(match *section {
            "doctrine" => PageSection::Doctrine,
            "faq" => PageSection::Faq,
            "pages" => PageSection::Page,
            _ => return Err("les pages vont dans content/doctrine, content/faq ou content/pages"),
        }),
        ["questionnaires", _] | ["questionnaires", "archive", _] if yaml => {
            Entry::Yaml(FileKind::Questionnaire)
        }
        ["answers", _, "organisation.yaml"] => Entry::Yaml(FileKind::Organisation),
        ["answers", _, _] if yaml => Entry::Yaml(FileKind::Subject),
        ["answers", _, "evaluations", _] if yaml => Entry::Yaml(FileKind::Assessment),
        ["answers", ..] | ["questionnaires", ..] if yaml => {
            return Err(
                "les réponses vont dans answers/<organisation>/<id>.yaml, les questionnaires dans questionnaires/<id>.yaml",
            );
        }
        _ => return Ok(None),
    }))
}

/// Bounds on the whole repository: the constants of [`crate::source`], smaller in tests.
#[derive(Debug, Clone, Copy)]
pub(super) struct RepoLimits {
    /// Entries walked.
    pub(super) entries: usize,
    /// Bytes of data files read.
    pub(super) bytes: u64,
    /// Size of the data once aliases are expanded, over all files.
    pub(super) data: Size,
}

impl RepoLimits {
    pub(super) const DEFAULT: RepoLimits = RepoLimits {
        entries: MAX_REPO_ENTRIES,
        bytes: MAX_REPO_BYTES,
        data: Size {
            nodes: MAX_REPO_NODES,
            bytes: MAX_REPO_EXPANDED_BYTES,
        },
    };
}

/// The walk of the repository: what it found and what it has spent.
pub(super) struct Walk<'a> {
    tree: &'a dyn Tree,
    limits: RepoLimits,
    entries: usize,
    bytes: u64,
    full: bool,
    files: Vec<(String, Entry)>,
    /// Size in bytes of each data file listed.
    sizes: std::collections::HashMap<String, u64>,
    /// Whether a symbolic link stands among the entries walked.
    links: bool,
    diags: &'a mut Vec<Diagnostic>,
}

/// What the walk found: the data files in walk order, and what a later state of the same
/// repository needs to be loaded by its changed paths only (see [`super::Loaded::patch`]).
pub(super) struct Found {
    /// Data files, in walk order.
    pub(super) files: Vec<(String, Entry)>,
    /// What the walk spent, and whether it met a link.
    pub(super) walked: Walked,
}

/// What the walk of a repository spent, kept with the loaded repository.
#[derive(Debug, Clone, Default)]
pub(super) struct Walked {
    /// Entries counted against the limit.
    pub(super) entries: usize,
    /// Size in bytes of each data file read.
    pub(super) sizes: std::collections::HashMap<String, u64>,
    /// Whether a symbolic link stands among the entries (a link's target may change with no
    /// change to the link: such a repository is always loaded whole).
    pub(super) links: bool,
    /// Size of each loaded file's data once aliases are expanded.
    pub(super) data: std::collections::HashMap<String, Size>,
}

impl Walk<'_> {
    /// Counts one more entry; past the limit, the walk stops.
    pub(super) fn count(&mut self, rel: &str) -> bool {
        self.entries += 1;
        if self.entries > self.limits.entries {
            self.stop(
                rel,
                format!(
                    "plus de {} entrées sous content/, questionnaires/ et answers/ : la lecture s'arrête ici",
                    self.limits.entries
                ),
            );
        }
        !self.full
    }

    pub(super) fn stop(&mut self, rel: &str, message: String) {
        self.full = true;
        self.diags.push(
            Diagnostic::error(Code::RepositoryTooLarge, rel, message).hint(
                "un dépôt du format en est loin : retirez les fichiers qui n'en font pas partie",
            ),
        );
    }

    /// Looks at a non-folder entry: a data file to load, a misplaced file, or something that
    /// may not stand in a repository at all. `plain` is a regular file (no link).
    pub(super) fn add(&mut self, rel: String, plain: bool) {
        let entry = match classify(&rel) {
            Ok(entry) => entry,
            Err(hint) => {
                self.diags.push(
                    Diagnostic::warning(
                        Code::UnexpectedFile,
                        &rel,
                        "fichier ignoré : il n'est pas à un emplacement connu",
                    )
                    .hint(hint),
                );
                None
            }
        };
        if plain && entry.is_none() {
            return;
        }
        match self.tree.inspect(&rel) {
            Err(d) => self.diags.push(d),
            // A link to a folder inside the repository: not followed.
            Ok(read::Kind::Dir) => {}
            Ok(read::Kind::Other(what)) => self.diags.push(read::not_regular(&rel, what)),
            Ok(read::Kind::File(size)) => {
                let Some(entry) = entry else { return };
                self.bytes += size;
                if self.bytes > self.limits.bytes {
                    let message = format!(
                        "les fichiers de données dépassent {} octets au total : celui-ci et les suivants ne sont pas lus",
                        self.limits.bytes
                    );
                    return self.stop(&rel, message);
                }
                self.sizes.insert(rel.clone(), size);
                self.files.push((rel, entry));
            }
        }
    }

    /// Walks `top` (not followed if it is a link leaving the repository), sorted by name.
    pub(super) fn walk(&mut self, top: &str) {
        match self.tree.inspect(top) {
            Ok(read::Kind::Dir) => {}
            Ok(read::Kind::File(_)) => return,
            Ok(read::Kind::Other(what)) => return self.diags.push(read::not_regular(top, what)),
            Err(d) if d.code == Code::Io => return,
            Err(d) => return self.diags.push(d),
        }
        let tree = self.tree;
        for entry in tree.entries(top) {
            let entry = match entry {
                Ok(entry) => entry,
                Err(d) => {
                    self.diags.push(d);
                    continue;
                }
            };
            if !self.count(&entry.rel) {
                return;
            }
            let name = entry.rel.rsplit('/').next().unwrap_or_default();
            self.links |= !entry.dir && !entry.file;
            if entry.dir || name.starts_with('.') {
                continue;
            }
            self.add(entry.rel, entry.file);
            if self.full {
                return;
            }
        }
    }
}

/// Lists the repository's data files, sorted, with problems for misplaced files, for what is
/// neither a file nor a folder, and past the repository's limits.
pub(super) fn discover(tree: &dyn Tree, limits: RepoLimits, diags: &mut Vec<Diagnostic>) -> Found {
    let mut walk = Walk::new(tree, limits, diags);
    if tree.exists("convergence.yaml") {
        walk.add("convergence.yaml".to_string(), false);
    }
    // A top that is a link is walked where it leads: its paths are not the ones git or the
    // watcher name.
    walk.links |= TOPS
        .iter()
        .any(|top| tree.stat(top).is_some_and(|e| !e.dir && !e.file));
    for top in ["content", "questionnaires", "answers"] {
        if !walk.full {
            walk.walk(top);
        }
    }
    Found {
        files: walk.files,
        walked: Walked {
            entries: walk.entries,
            sizes: walk.sizes,
            links: walk.links,
            data: std::collections::HashMap::new(),
        },
    }
}

/// The file and folders the walk starts from, in walk order: nothing else is loaded.
pub const TOPS: [&str; 4] = ["convergence.yaml", "content", "questionnaires", "answers"];

/// Looks at the regular file `rel` as the walk does (the same problems for a misplaced file),
/// with its size: `None` unless it is a data file within the limit of one file.
pub(super) fn look(
    tree: &dyn Tree,
    rel: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Entry, u64)> {
    let mut walk = Walk::new(tree, RepoLimits::DEFAULT, diags);
    walk.add(rel.to_string(), true);
    let (_, entry) = walk.files.pop()?;
    Some((entry, walk.bytes))
}

impl<'a> Walk<'a> {
    fn new(tree: &'a dyn Tree, limits: RepoLimits, diags: &'a mut Vec<Diagnostic>) -> Walk<'a> {
        Walk {
            tree,
            limits,
            entries: 0,
            bytes: 0,
            full: false,
            files: Vec::new(),
            sizes: std::collections::HashMap::new(),
            links: false,
            diags,
        }
    }
}
