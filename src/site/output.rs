//! The single writer of the portal: every file is collected in memory, then written to a
//! temporary directory that replaces the output directory atomically, or kept in memory for
//! `serve`.

use anyhow::{Context, Result, bail};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The built site: output-relative paths (with `/`) to file contents, in path order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    files: BTreeMap<String, Vec<u8>>,
}

impl Output {
    /// An empty output.
    pub fn new() -> Output {
        Output::default()
    }

    /// Adds a file; a second file at the same path is an internal error.
    pub fn add(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Result<()> {
        let path = path.into();
        check_path(&path)?;
        if self.files.insert(path.clone(), bytes.into()).is_some() {
            bail!("deux fichiers produits au même chemin : {path}");
        }
        Ok(())
    }

    /// Adds every file of another output.
    pub fn extend(&mut self, other: Output) -> Result<()> {
        for (path, bytes) in other.files {
            self.add(path, bytes)?;
        }
        Ok(())
    }

    /// The contents of a file.
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    /// Every file, in path order.
    pub fn files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(p, b)| (p.as_str(), b.as_slice()))
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether no file was produced.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Writes every file into a fresh temporary directory beside `out`, then swaps it in: the
    /// old directory is renamed away, the new one renamed in, the old one deleted. On any
    /// failure before the swap, `out` is left as it was.
    pub fn write_atomic(&self, out: &Path) -> Result<()> {
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
        let staging = tempdir_in(parent, &format!(".{name}.new-"))?;
        if let Err(e) = self.write_into(&staging) {
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        let had_old = out.exists();
        if had_old {
            let _ = fs::remove_dir_all(&old);
            fs::rename(&out, &old).with_context(|| format!("mise de côté de {}", out.display()))?;
        }
        if let Err(e) = fs::rename(&staging, &out) {
            if had_old {
                let _ = fs::rename(&old, &out);
            }
            let _ = fs::remove_dir_all(&staging);
            return Err(e).with_context(|| format!("mise en place de {}", out.display()));
        }
        if had_old {
            fs::remove_dir_all(&old)
                .with_context(|| format!("suppression de {}", old.display()))?;
        }
        Ok(())
    }

    fn write_into(&self, dir: &Path) -> Result<()> {
        for (path, bytes) in &self.files {
            let dest = dir.join(path);
            if let Some(p) = dest.parent() {
                fs::create_dir_all(p).with_context(|| format!("création de {}", p.display()))?;
            }
            fs::write(&dest, bytes).with_context(|| format!("écriture de {}", dest.display()))?;
        }
        Ok(())
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

    #[test]
    fn rejects_paths_escaping_the_output() {
        let mut o = Output::new();
        assert!(o.add("../x.html", "").is_err());
        assert!(o.add("/x.html", "").is_err());
        assert!(o.add("a//b", "").is_err());
        assert!(o.add("a/b.html", "").is_ok());
        assert!(o.add("a/b.html", "").is_err());
    }

    #[test]
    fn replaces_the_previous_output_whole() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let mut a = Output::new();
        a.add("old.html", "old").unwrap();
        a.write_atomic(&out).unwrap();
        let mut b = Output::new();
        b.add("sub/new.html", "new").unwrap();
        b.write_atomic(&out).unwrap();
        assert!(!out.join("old.html").exists());
        assert_eq!(fs::read_to_string(out.join("sub/new.html")).unwrap(), "new");
        let leftovers = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no staging or old directory left behind");
    }
}
