//! Where the loader reads a repository from: a folder on disk ([`Disk`]), or anything else
//! that lists and reads files the same way (a git revision read from its objects, see
//! `workflow::git::Revision`). The walk and its limits stay in the loader; a tree only answers
//! what stands at a path, lists a folder and reads a file.

use super::read::{self, Kind};
use crate::diagnostics::{Code, Diagnostic};
use crate::source::SourceFile;
use std::path::Path;

/// One entry met while walking a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkEntry {
    /// Repository-relative path, `/`-separated.
    pub rel: String,
    /// A folder (walked into, never a link).
    pub dir: bool,
    /// A regular file (not a link).
    pub file: bool,
}

/// The entries of a folder, read as the walk goes.
pub type Entries<'a> = Box<dyn Iterator<Item = Result<WalkEntry, Diagnostic>> + 'a>;

/// A repository's files, as the loader sees them.
pub trait Tree: Sync {
    /// What stands at `rel`, a symbolic link in last position resolved when it stays inside
    /// the repository (CV008 otherwise). Nothing is opened.
    fn inspect(&self, rel: &str) -> Result<Kind, Diagnostic>;

    /// Whether anything stands at `rel`, a dangling link included.
    fn exists(&self, rel: &str) -> bool;

    /// Every entry under the folder `top` (not `top` itself), depth first, each folder's
    /// entries sorted by name, links never followed, at most 8 levels deep; read lazily, as
    /// the walk may stop at any entry.
    fn entries<'a>(&'a self, top: &'a str) -> Entries<'a>;

    /// Reads `rel` as text within the size limit; its parent folders are trusted.
    fn read(&self, rel: &str) -> Result<SourceFile, Diagnostic>;

    /// What stands at `rel` itself, a link not followed (then neither `dir` nor `file`);
    /// `None` when nothing does.
    fn stat(&self, rel: &str) -> Option<WalkEntry>;
}

/// The repository as it stands in a folder on disk.
#[derive(Debug, Clone, Copy)]
pub struct Disk<'a>(pub &'a Path);

impl Disk<'_> {
    fn rel(&self, path: &Path) -> String {
        let rel = path.strip_prefix(self.0).unwrap_or(path);
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }
}

impl Tree for Disk<'_> {
    fn inspect(&self, rel: &str) -> Result<Kind, Diagnostic> {
        read::inspect(self.0, rel)
    }

    fn exists(&self, rel: &str) -> bool {
        self.0.join(rel).symlink_metadata().is_ok()
    }

    fn entries<'a>(&'a self, top: &'a str) -> Entries<'a> {
        let walker = walkdir::WalkDir::new(self.0.join(top))
            .follow_links(false)
            .max_depth(8)
            .sort_by_file_name();
        Box::new(walker.into_iter().skip(1).map(move |entry| match entry {
            Ok(entry) => Ok(WalkEntry {
                rel: self.rel(entry.path()),
                dir: entry.file_type().is_dir(),
                file: entry.file_type().is_file(),
            }),
            Err(e) => {
                let rel = e.path().map_or(top.to_string(), |p| self.rel(p));
                Err(Diagnostic::error(
                    Code::Io,
                    rel,
                    format!("lecture du dossier impossible : {e}"),
                ))
            }
        }))
    }

    fn read(&self, rel: &str) -> Result<SourceFile, Diagnostic> {
        read::read_source(self.0, rel)
    }

    fn stat(&self, rel: &str) -> Option<WalkEntry> {
        let kind = self.0.join(rel).symlink_metadata().ok()?.file_type();
        Some(WalkEntry {
            rel: rel.to_string(),
            dir: kind.is_dir(),
            file: kind.is_file(),
        })
    }
}
