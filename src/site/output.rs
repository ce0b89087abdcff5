//! Where the build puts its files. Pages are rendered in parallel and handed over one by one
//! through [`Sink`]: [`Staging`] writes them at once into a temporary directory that replaces
//! the output directory atomically at the end ([`swap`]), [`Memory`] keeps them for `serve` and
//! tests.

use anyhow::{Context, Result, bail};
use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Receives the files of a build, from any thread. Paths are output-relative, with `/`.
pub trait Sink: Sync {
    /// Adds a file; an invalid path, or a second file at the same path, is an error.
    fn add(&self, path: String, bytes: Vec<u8>) -> Result<()>;

    /// Adds a file whose bytes `write` produces into a writer. By default they are gathered
    /// and handed to [`Sink::add`]; [`Staging`] streams them to disk, so that a large export
    /// never sits whole in memory.
    fn add_with(&self, path: String, write: &mut Writer<'_>) -> Result<()> {
        let mut bytes = Vec::new();
        write(&mut bytes)?;
        self.add(path, bytes)
    }
}

/// What produces a file's bytes for [`Sink::add_with`].
pub type Writer<'a> = dyn FnMut(&mut dyn std::io::Write) -> Result<()> + 'a;

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
    fn add(&self, path: String, mut bytes: Vec<u8>) -> Result<()> {
        check_path(&path)?;
        // Page buffers start at the size of the largest page so far (see `Theme::render`):
        // kept as they are, 17,600 pages at scale 50 would hold 256 KiB each.
        bytes.shrink_to_fit();
        let mut files = self.lock();
        if files.contains_key(&path) {
            bail!("deux fichiers produits au même chemin : {path}");
        }
        files.insert(path, bytes);
        Ok(())
    }
}

/// A fresh temporary directory beside the output directory, named `.<out>.new-<pid>-<random>`.
/// Files are written into it as they come; [`Staging::commit`] exchanges it with the output
/// directory in one step (see [`swap`]) and deletes the previous tree. Dropped without commit, it
/// is deleted and the output is untouched. Creating one first removes the temporaries that
/// earlier builds, killed before they could clean up, left beside the output (see
/// [`remove_stale`]).
#[derive(Debug)]
pub struct Staging {
    dir: tempfile::TempDir,
    out: PathBuf,
    paths: Mutex<HashSet<String>>,
    dirs: Mutex<HashSet<PathBuf>>,
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
        remove_stale(parent, &name);
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}{NEW}{}-", std::process::id()))
            .tempdir_in(parent)
            .with_context(|| {
                format!("création d'un dossier temporaire dans {}", parent.display())
            })?;
        Ok(Staging {
            dir,
            out,
            paths: Mutex::default(),
            dirs: Mutex::default(),
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

    /// Replaces the output directory with the staging directory, then deletes the previous tree.
    pub fn commit(self) -> Result<()> {
        match swap(self.dir.path(), &self.out)? {
            // The staging path now holds the previous tree: dropping the guard deletes it.
            Swapped::Exchanged => self.dir.close().context("suppression de l'ancienne sortie"),
            Swapped::Moved => {
                let _ = self.dir.keep();
                Ok(())
            }
        }
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

impl Staging {
    /// Claims `path` for a new file: its place in the staging directory, its folder created.
    fn claim(&self, path: String) -> Result<PathBuf> {
        check_path(&path)?;
        let dest = self.dir.path().join(&path);
        {
            let mut paths = self.paths.lock().unwrap_or_else(|e| e.into_inner());
            if !paths.insert(path) {
                bail!("deux fichiers produits au même chemin : {}", dest.display());
            }
        }
        if let Some(p) = dest.parent() {
            self.ensure_dir(p)?;
        }
        Ok(dest)
    }
}

impl Sink for Staging {
    fn add(&self, path: String, bytes: Vec<u8>) -> Result<()> {
        let dest = self.claim(path)?;
        fs::write(&dest, bytes).with_context(|| format!("écriture de {}", dest.display()))
    }

    fn add_with(&self, path: String, write: &mut Writer<'_>) -> Result<()> {
        let dest = self.claim(path)?;
        let file =
            fs::File::create(&dest).with_context(|| format!("écriture de {}", dest.display()))?;
        let mut file = std::io::BufWriter::with_capacity(256 * 1024, file);
        write(&mut file)
            .and_then(|()| Ok(std::io::Write::flush(&mut file)?))
            .with_context(|| format!("écriture de {}", dest.display()))
    }
}

/// Marks a staging directory in its name: `.<out>.new-<pid>-…`.
const NEW: &str = ".new-";
/// Marks the previous output set aside by the fallback swap (and by builds before the atomic
/// swap): `.<out>.old-<pid>…`.
const OLD: &str = ".old-";

/// What [`swap`] did.
#[derive(Debug, PartialEq, Eq)]
pub enum Swapped {
    /// `new` and `out` were exchanged: `new`'s path now holds the previous tree.
    Exchanged,
    /// There was no `out`: `new` was renamed to it.
    Moved,
}

/// Puts the tree at `new` in place of the one at `out`, so that `out` names at every instant
/// either the complete previous tree or the complete new one.
///
/// On Linux this is one `renameat2(RENAME_EXCHANGE)` (through `rustix`). Where the system or the
/// file system cannot exchange, the fallback renames `out` aside to `.<out>.old-<pid>`, renames
/// `new` in and moves the previous tree back to `new`'s path; between those two renames `out` is
/// missing, and a build killed there leaves the previous tree under the `.old-` name.
pub fn swap(new: &Path, out: &Path) -> Result<Swapped> {
    if !out.exists() {
        fs::rename(new, out).with_context(|| format!("mise en place de {}", out.display()))?;
        return Ok(Swapped::Moved);
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        use rustix::io::Errno;
        match renameat_with(CWD, new, CWD, out, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(Swapped::Exchanged),
            // The kernel or the file system does not know the exchange: fall back below.
            Err(Errno::INVAL | Errno::NOSYS) => {}
            Err(e) => {
                return Err(std::io::Error::from(e))
                    .with_context(|| format!("échange de {} et {}", new.display(), out.display()));
            }
        }
    }
    swap_by_renames(new, out)
}

/// The two-rename swap of [`swap`] for systems without an atomic exchange.
fn swap_by_renames(new: &Path, out: &Path) -> Result<Swapped> {
    let parent = out.parent().context("dossier de sortie sans parent")?;
    let name = out.file_name().unwrap_or_default().to_string_lossy();
    let old = parent.join(format!(".{name}{OLD}{}", std::process::id()));
    let _ = fs::remove_dir_all(&old);
    fs::rename(out, &old).with_context(|| format!("mise de côté de {}", out.display()))?;
    if let Err(e) = fs::rename(new, out) {
        let _ = fs::rename(&old, out);
        return Err(e).with_context(|| format!("mise en place de {}", out.display()));
    }
    fs::rename(&old, new).with_context(|| format!("déplacement de {}", old.display()))?;
    Ok(Swapped::Exchanged)
}

/// Deletes the `.<out>.new-<pid>-…` and `.<out>.old-<pid>…` directories in `parent` whose build
/// process is gone (killed before it could clean up). A temporary whose process is still
/// running (a concurrent build) is left alone, and so is any name this function did not write;
/// where liveness cannot be checked (not Unix), nothing is deleted. Best effort: a temporary
/// that cannot be read or deleted is skipped.
pub fn remove_stale(parent: &Path, out_name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|n| stale_pid(n, out_name)) else {
            continue;
        };
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && !process_is_running(pid) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// The build's process id in the name of one of its temporaries for `out_name`.
fn stale_pid(name: &str, out_name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?.strip_prefix(out_name)?;
    let rest = rest.strip_prefix(NEW).or_else(|| rest.strip_prefix(OLD))?;
    let digits = rest.split('-').next()?;
    digits.parse().ok()
}

/// Whether process `pid` exists (signal 0, which sends nothing). Unknown counts as running.
fn process_is_running(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Some(pid) = i32::try_from(pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)
        else {
            return true;
        };
        rustix::process::test_kill_process(pid) != Err(rustix::io::Errno::SRCH)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Refuses absolute paths, `..` and empty segments, so nothing is written outside the output.
pub fn check_path(path: &str) -> Result<()> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn add(s: &dyn Sink, path: &str, text: &str) -> Result<()> {
        s.add(path.to_string(), text.as_bytes().to_vec())
    }

    #[test]
    fn memory_keeps_each_file_at_its_size_not_its_buffer() {
        // A page rendered into a buffer sized for the largest page so far is kept at its own
        // length: 17,600 pages at scale 50 held 256 KiB each.
        let o = Memory::new();
        let mut page = Vec::with_capacity(256 * 1024);
        page.extend_from_slice(b"<p>court</p>");
        o.add("a.html".to_string(), page).unwrap();
        let files = o.into_files();
        assert_eq!(files["a.html"], b"<p>court</p>");
        assert_eq!(files["a.html"].capacity(), 12);
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

    /// Writes a small tree `version` at `dir`: two files that must always agree.
    fn tree(dir: &Path, version: usize) {
        fs::create_dir_all(dir.join("sub")).unwrap();
        fs::write(dir.join("index.html"), format!("v{version}")).unwrap();
        fs::write(dir.join("sub/page.html"), format!("v{version}")).unwrap();
    }

    #[test]
    fn the_swap_never_leaves_the_output_missing_or_half_replaced() {
        // A reader polling the output during 300 swaps always finds a complete tree: the output
        // exists, and each file opened through it is one whole version.
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        tree(&out, 0);
        let done = std::sync::atomic::AtomicBool::new(false);
        std::thread::scope(|scope| {
            let reader = scope.spawn(|| {
                let mut reads = 0u64;
                while !done.load(std::sync::atomic::Ordering::Relaxed) || reads == 0 {
                    for file in ["index.html", "sub/page.html"] {
                        let text = fs::read_to_string(out.join(file))
                            .unwrap_or_else(|e| panic!("{file} missing after {reads} reads: {e}"));
                        assert!(text.starts_with('v'), "{file}: {text:?}");
                    }
                    reads += 1;
                }
            });
            for version in 1..=300 {
                let new = dir.path().join(format!(".public.new-{version}"));
                tree(&new, version);
                assert_eq!(swap(&new, &out).unwrap(), Swapped::Exchanged);
                assert_eq!(
                    fs::read_to_string(new.join("index.html")).unwrap(),
                    format!("v{}", version - 1),
                    "the previous tree is now at the staging path, whole"
                );
                fs::remove_dir_all(&new).unwrap();
            }
            done.store(true, std::sync::atomic::Ordering::Relaxed);
            reader.join().unwrap();
        });
        assert_eq!(
            fs::read_to_string(out.join("sub/page.html")).unwrap(),
            "v300"
        );
    }

    #[test]
    fn the_first_swap_moves_the_tree_in() {
        let dir = tempfile::tempdir().unwrap();
        let (new, out) = (dir.path().join("new"), dir.path().join("public"));
        tree(&new, 1);
        assert_eq!(swap(&new, &out).unwrap(), Swapped::Moved);
        assert!(!new.exists());
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "v1");
    }

    #[test]
    fn the_fallback_swap_ends_in_the_same_state() {
        // Systems without an exchange: same outcome, the previous tree at the staging path.
        let dir = tempfile::tempdir().unwrap();
        let (new, out) = (dir.path().join(".public.new-1"), dir.path().join("public"));
        tree(&out, 0);
        tree(&new, 1);
        assert_eq!(swap_by_renames(&new, &out).unwrap(), Swapped::Exchanged);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "v1");
        assert_eq!(fs::read_to_string(new.join("index.html")).unwrap(), "v0");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    /// The id of a process that has exited.
    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }

    #[test]
    fn temporaries_of_killed_builds_are_removed_and_those_of_running_builds_kept() {
        // Left by killed builds: staging and set-aside folders, old and new naming. A running
        // build's (this process's) staging folder and unrelated names are kept.
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        tree(&out, 0);
        let dead = dead_pid();
        let live = std::process::id();
        let stale = [
            format!(".public.new-{dead}-0"),
            format!(".public.new-{dead}-aB3xYz"),
            format!(".public.old-{dead}"),
        ];
        let kept = [
            format!(".public.new-{live}-Qw12Er"),
            format!(".other.new-{dead}-0"),
            ".public.new-notapid".to_string(),
            "notes".to_string(),
        ];
        for name in stale.iter().chain(&kept) {
            tree(&dir.path().join(name), 0);
        }
        let s = Staging::new(&out).unwrap();
        add(&s, "index.html", "v1").unwrap();
        s.commit().unwrap();
        let mut left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let mut expected: Vec<String> = kept.to_vec();
        expected.push("public".to_string());
        expected.sort();
        assert_eq!(left, expected);
    }

    #[test]
    fn reads_the_build_pid_from_temporary_names() {
        assert_eq!(stale_pid(".public.new-123-0", "public"), Some(123));
        assert_eq!(stale_pid(".public.new-123-xYz", "public"), Some(123));
        assert_eq!(stale_pid(".public.old-77", "public"), Some(77));
        assert_eq!(stale_pid(".public.new-x-1", "public"), None);
        assert_eq!(stale_pid(".publicx.new-1-1", "public"), None);
        assert_eq!(stale_pid("public", "public"), None);
    }
}
