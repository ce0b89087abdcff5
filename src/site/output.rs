//! Where the build puts its files. Pages are rendered in parallel and handed over one by one
//! through [`Sink`]: [`Staging`] writes them at once into a temporary directory that replaces
//! the output directory atomically at the end, [`Memory`] keeps them for `serve` and tests.

use anyhow::{Context, Result, bail};
use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Receives the files of a build, from any thread. Paths are output-relative, with `/`.
pub trait Sink: Sync {
    /// Adds a file; an invalid path, or a second file at the same path, is an error.
    fn add(&self, path: String, bytes: Vec<u8>) -> Result<()>;
}

/// The built site in memory: paths to contents, in path order.
#[derive(Debug, Default)]
pub struct Memory {
    files: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl Memory {
    /// An empty site.
    pub fn new() -> Memory {
        Memory::default()
    }

    /// The contents of a file.
    pub fn get(&self, path: &str) -> Option<Vec<u8>> {
        self.lock().get(path).cloned()
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether no file was produced.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every file, in path order.
    pub fn into_files(self) -> BTreeMap<String, Vec<u8>> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, Vec<u8>>> {
        self.files.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for Memory {
    fn add(&self, path: String, bytes: Vec<u8>) -> Result<()> {
        check_path(&path)?;
        let mut files = self.lock();
        if files.contains_key(&path) {
            bail!("deux fichiers produits au même chemin : {path}");
        }
        files.insert(path, bytes);
        Ok(())
    }
}

/// A fresh temporary directory beside the output directory. Files are written into it as they
/// come; [`Staging::commit`] swaps it in (the old directory is renamed away, the new one renamed
/// in, the old one deleted). Dropped without commit, it is deleted and the output is untouched.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    paths: Mutex<HashSet<String>>,
    dirs: Mutex<HashSet<PathBuf>>,
    committed: bool,
}

impl Staging {
    /// Creates the staging directory for `out` (absolute or relative to the current directory).
    pub fn new(out: &Path) -> Result<Staging> {
        let out = absolute(out)?;
        let parent = out
            .parent()
            .context("le dossier de sortie n'a pas de dossier parent")?;
        fs::create_dir_all(parent).with_context(|| format!("création de {}", parent.display()))?;
        let name = out
            .file_name()
            .context("nom de dossier de sortie invalide")?
            .to_string_lossy()
            .into_owned();
        let dir = tempdir_in(parent, &format!(".{name}.new-"))?;
        Ok(Staging {
            dir,
            out,
            paths: Mutex::default(),
            dirs: Mutex::default(),
            committed: false,
        })
    }

    /// Number of files written so far.
    pub fn len(&self) -> usize {
        self.paths.lock().map_or(0, |p| p.len())
    }

    /// Whether no file was written.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Replaces the output directory with the staging directory.
    pub fn commit(mut self) -> Result<()> {
        let out = self.out.clone();
        let parent = out.parent().context("dossier de sortie sans parent")?;
        let name = out.file_name().unwrap_or_default().to_string_lossy();
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        let had_old = out.exists();
        if had_old {
            let _ = fs::remove_dir_all(&old);
            fs::rename(&out, &old).with_context(|| format!("mise de côté de {}", out.display()))?;
        }
        if let Err(e) = fs::rename(&self.dir, &out) {
            if had_old {
                let _ = fs::rename(&old, &out);
            }
            return Err(e).with_context(|| format!("mise en place de {}", out.display()));
        }
        self.committed = true;
        if had_old {
            fs::remove_dir_all(&old)
                .with_context(|| format!("suppression de {}", old.display()))?;
        }
        Ok(())
    }

    fn ensure_dir(&self, dir: &Path) -> Result<()> {
        let mut dirs = self.dirs.lock().unwrap_or_else(|e| e.into_inner());
        if !dirs.contains(dir) {
            fs::create_dir_all(dir).with_context(|| format!("création de {}", dir.display()))?;
            dirs.insert(dir.to_path_buf());
        }
        Ok(())
    }
}

impl Sink for Staging {
    fn add(&self, path: String, bytes: Vec<u8>) -> Result<()> {
        check_path(&path)?;
        let dest = self.dir.join(&path);
        {
            let mut paths = self.paths.lock().unwrap_or_else(|e| e.into_inner());
            if !paths.insert(path) {
                bail!("deux fichiers produits au même chemin : {}", dest.display());
            }
        }
        if let Some(p) = dest.parent() {
            self.ensure_dir(p)?;
        }
        fs::write(&dest, bytes).with_context(|| format!("écriture de {}", dest.display()))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Refuses absolute paths, `..` and empty segments, so nothing is written outside the output.
fn check_path(path: &str) -> Result<()> {
    let bad = path.is_empty()
        || path.starts_with('/')
        || path.contains('\\')
        || path
            .split('/')
            .any(|s| s.is_empty() || s == "." || s == "..");
    if bad {
        bail!("chemin de sortie invalide : {path:?}");
    }
    Ok(())
}

fn absolute(p: &Path) -> Result<PathBuf> {
    if p.is_absolute() {
        Ok(p.to_path_buf())
    } else {
        Ok(std::env::current_dir()
            .context("dossier courant illisible")?
            .join(p))
    }
}

fn tempdir_in(parent: &Path, prefix: &str) -> Result<PathBuf> {
    for n in 0..1000u32 {
        let dir = parent.join(format!("{prefix}{}-{n}", std::process::id()));
        match fs::create_dir(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(e).with_context(|| format!("création de {}", dir.display()));
            }
        }
    }
    bail!(
        "aucun dossier temporaire disponible dans {}",
        parent.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn add(s: &dyn Sink, path: &str, text: &str) -> Result<()> {
        s.add(path.to_string(), text.as_bytes().to_vec())
    }

    #[test]
    fn rejects_paths_escaping_the_output() {
        let o = Memory::new();
        assert!(add(&o, "../x.html", "").is_err());
        assert!(add(&o, "/x.html", "").is_err());
        assert!(add(&o, "a//b", "").is_err());
        assert!(add(&o, "a/b.html", "").is_ok());
        let e = add(&o, "a/b.html", "").unwrap_err();
        assert_eq!(
            e.to_string(),
            "deux fichiers produits au même chemin : a/b.html"
        );
    }

    #[test]
    fn replaces_the_previous_output_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let a = Staging::new(&out).unwrap();
        add(&a, "old.html", "old").unwrap();
        a.commit().unwrap();
        let b = Staging::new(&out).unwrap();
        add(&b, "sub/new.html", "new").unwrap();
        add(&b, "sub/deeper/more.html", "more").unwrap();
        assert!(add(&b, "sub/new.html", "again").is_err());
        assert_eq!(b.len(), 2);
        b.commit().unwrap();
        assert!(!out.join("old.html").exists());
        assert_eq!(fs::read_to_string(out.join("sub/new.html")).unwrap(), "new");
        let leftovers = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no staging or old directory left behind");
    }

    #[test]
    fn an_abandoned_build_leaves_the_output_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let a = Staging::new(&out).unwrap();
        add(&a, "index.html", "v1").unwrap();
        a.commit().unwrap();
        let b = Staging::new(&out).unwrap();
        add(&b, "index.html", "v2").unwrap();
        drop(b);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "v1");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
