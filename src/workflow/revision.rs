//! A git revision's files, read straight from the object database: one `git ls-tree` lists
//! the data folders, one `git cat-file --batch` child reads every blob the loader asks for.
//! Nothing is written to disk. The loader's walk, limits and checks apply unchanged (see
//! [`crate::load::Tree`]): a blob of mode `120000` is a symbolic link, resolved inside the
//! revision the way the disk resolves links (inside the repository only, never out of it).

use super::git::{git, prefix};
use crate::diagnostics::Diagnostic;
use crate::load::{self, Entries, Kind, Loaded, Tree, WalkEntry};
use crate::source::{MAX_FILE_BYTES, MAX_REPO_BYTES, MAX_REPO_ENTRIES, SourceFile};
use anyhow::{Context, bail};
use std::collections::{BTreeSet, HashMap};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::Mutex;

// The folders (and file) the loader walks: only they are listed.
use crate::load::TOPS;

/// Deepest entry the loader's walk looks at, below a top folder.
const MAX_WALK_DEPTH: usize = 8;

/// Links followed while resolving one path, as the kernel allows.
const MAX_LINK_HOPS: usize = 40;

/// Longest link target read (the kernel's `PATH_MAX`).
const MAX_LINK_BYTES: u64 = 4096;

/// Most paths by which another state is brought to a revision ([`load_from`]) when it could
/// as well be read whole: those paths are read one by one, a whole revision in one pass.
pub const MAX_NEAR: usize = 256;

/// What a tree entry is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Object {
    /// A folder.
    Tree,
    /// A regular file: its object id and size.
    Blob(String, u64),
    /// A symbolic link: the object id of its target text.
    Link(String),
    /// A submodule: stands as an empty folder.
    Commit,
}

impl Object {
    /// Parses `<mode> <type> <oid> <size>` as `git ls-tree -l` writes it.
    fn parse(meta: &str) -> Option<Object> {
        let mut it = meta.split_ascii_whitespace();
        let (mode, kind, oid, size) = (it.next()?, it.next()?, it.next()?, it.next()?);
        Some(match (mode, kind) {
            ("120000", "blob") => Object::Link(oid.to_string()),
            (_, "blob") => Object::Blob(oid.to_string(), size.parse().ok()?),
            (_, "tree") => Object::Tree,
            _ => Object::Commit,
        })
    }
}

/// One `git cat-file --batch` child: object ids in, contents out.
struct CatFile {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
}

impl CatFile {
    fn spawn(root: &Path) -> anyhow::Result<CatFile> {
        let mut child = Command::new("git")
            .arg("-C")
            .arg(root)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .context("lancement de « git cat-file --batch » impossible")?;
        let input = child
            .stdin
            .take()
            .context("git cat-file : entrée absente")?;
        let output = BufReader::new(
            child
                .stdout
                .take()
                .context("git cat-file : sortie absente")?,
        );
        Ok(CatFile {
            child,
            input,
            output,
        })
    }

    /// Reads one answer: `<oid> <type> <size>\n<contents>\n`, or `<oid> missing\n`. A blob
    /// larger than `max` is skipped, not kept.
    fn answer(output: &mut BufReader<ChildStdout>, max: u64) -> io::Result<Option<Vec<u8>>> {
        let mut header = String::new();
        output.read_line(&mut header)?;
        let mut fields = header.split_ascii_whitespace();
        let size = match (fields.next(), fields.next(), fields.next()) {
            (Some(_), Some(_), Some(size)) => size
                .parse::<u64>()
                .map_err(|_| io::Error::other(format!("git cat-file : en-tête « {header} »")))?,
            _ => return Ok(None),
        };
        let mut body = Vec::new();
        if size <= max {
            body.reserve_exact(size as usize);
            output.by_ref().take(size).read_to_end(&mut body)?;
        } else {
            io::copy(&mut output.by_ref().take(size), &mut io::sink())?;
        }
        let mut newline = [0u8; 1];
        output.read_exact(&mut newline)?;
        if body.len() as u64 != size && size <= max {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        Ok((size <= max).then_some(body))
    }

    /// The contents of one object, at most `max` bytes.
    fn read(&mut self, oid: &str, max: u64) -> io::Result<Option<Vec<u8>>> {
        writeln!(self.input, "{oid}")?;
        self.input.flush()?;
        CatFile::answer(&mut self.output, max)
    }

    /// The contents of many objects, requests written by a second thread while the answers
    /// are read, so that the child never waits on a full pipe.
    fn read_all(&mut self, oids: &[&str]) -> io::Result<Vec<Option<Vec<u8>>>> {
        let CatFile { input, output, .. } = self;
        std::thread::scope(|s| {
            let writer = s.spawn(move || -> io::Result<()> {
                let mut buffered = io::BufWriter::new(&mut *input);
                for oid in oids {
                    writeln!(buffered, "{oid}")?;
                }
                buffered.flush()
            });
            let answers: io::Result<Vec<_>> = oids
                .iter()
                .map(|_| CatFile::answer(output, MAX_FILE_BYTES))
                .collect();
            writer
                .join()
                .map_err(|_| io::Error::other("git cat-file"))??;
            answers
        })
    }
}

impl Drop for CatFile {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A revision of the repository, as the loader reads it.
pub struct Revision {
    /// The revision as given.
    rev: String,
    /// Entries under the data folders (within the walk's depth and entry limits), by path
    /// relative to the repository root.
    objects: HashMap<String, Object>,
    /// The walked paths, depth first, each folder's entries sorted by name.
    order: Vec<String>,
    /// Contents read ahead, by object id; a file's are taken when it is read.
    contents: Mutex<HashMap<String, Vec<u8>>>,
    /// Whether the listing stopped at the walk's entry limit.
    truncated: bool,
    /// The child that reads what was not read ahead.
    cat: Mutex<CatFile>,
    /// The repository, for lookups outside the data folders.
    root: std::path::PathBuf,
    /// `<rev>:<prefix>`, the tree of the repository at that revision.
    treeish: String,
}

impl std::fmt::Debug for Revision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Revision").field("rev", &self.rev).finish()
    }
}

/// Loads `revision` beside `head`, the state it is compared with as loaded (before any
/// cross-file check): a copy of `head` brought to the revision by the paths that differ
/// (`changed`), only those read from git; the whole revision when that cannot be done
/// exactly (see [`Loaded::patch`]) or `changed` is not known.
pub fn load_beside(
    revision: &Revision,
    head: &Loaded,
    changed: Option<&BTreeSet<String>>,
) -> anyhow::Result<Loaded> {
    match changed {
        Some(changed) => load_from(revision, head.clone(), changed),
        None => revision.load_whole(),
    }
}

/// Loads `revision` from `loaded`, another state of the repository as loaded (before any
/// cross-file check), brought to the revision by the paths that differ (`changed`), only
/// those read from git; the whole revision when that cannot be done exactly (see
/// [`Loaded::patch`]).
pub fn load_from(
    revision: &Revision,
    mut loaded: Loaded,
    changed: &BTreeSet<String>,
) -> anyhow::Result<Loaded> {
    if loaded.patch(revision, changed) {
        return Ok(loaded);
    }
    revision.load_whole()
}

/// Why a path does not resolve to an entry.
enum Unresolved {
    /// It leads out of the repository, through the link whose target is shown.
    Outside(String),
    /// An I/O error as the kernel would give it.
    Io(io::Error),
}

impl Revision {
    /// Lists revision `rev` of the repository at `root` (the part under `root`, when it is a
    /// subfolder of the work tree) and reads its data files ahead.
    pub fn read(root: &Path, rev: &str) -> anyhow::Result<Revision> {
        let revision = Revision::open(root, rev)?;
        revision.read_ahead()?;
        Ok(revision)
    }

    /// Lists revision `rev` of the repository at `root`, reading nothing yet: each file is
    /// read from git when the loader asks for it (see [`Revision::read_ahead`] to read many).
    pub fn open(root: &Path, rev: &str) -> anyhow::Result<Revision> {
        if rev.starts_with('-') {
            bail!("révision « {rev} » invalide");
        }
        let treeish = format!("{rev}:{}", prefix(root)?);
        let (objects, order, truncated) =
            list(root, &treeish).with_context(|| format!("révision « {rev} » introuvable"))?;
        let cat = CatFile::spawn(root)?;
        Ok(Revision {
            rev: rev.to_string(),
            objects,
            order,
            contents: Mutex::new(HashMap::new()),
            truncated,
            cat: Mutex::new(cat),
            root: root.to_path_buf(),
            treeish,
        })
    }

    /// Loads the revision whole, its data files read in one pass.
    pub fn load_whole(&self) -> anyhow::Result<Loaded> {
        self.read_ahead()?;
        Ok(load::load_tree(self))
    }

    /// Reads every data file (and link) of the revision in one pass, for a whole load.
    pub fn read_ahead(&self) -> anyhow::Result<()> {
        let mut budget = MAX_REPO_BYTES;
        let mut ahead: Vec<&str> = Vec::new();
        for path in &self.order {
            match &self.objects[path] {
                Object::Link(oid) => ahead.push(oid),
                Object::Blob(oid, size) if is_data(path) && *size <= MAX_FILE_BYTES => {
                    let Some(left) = budget.checked_sub(*size) else {
                        continue;
                    };
                    budget = left;
                    ahead.push(oid);
                }
                _ => {}
            }
        }
        ahead.sort_unstable();
        ahead.dedup();
        let read = self
            .cat
            .lock()
            .map_err(|_| anyhow::anyhow!("git cat-file"))?
            .read_all(&ahead)
            .with_context(|| format!("lecture des objets de « {} » impossible", self.rev))?;
        let mut contents = self
            .contents
            .lock()
            .map_err(|_| anyhow::anyhow!("git cat-file"))?;
        for (oid, c) in ahead.iter().zip(read) {
            if let Some(c) = c {
                contents.insert(oid.to_string(), c);
            }
        }
        Ok(())
    }

    /// The paths under the data folders whose entry differs between this revision and
    /// `other` (a file changed, added, deleted, or turned into a link or a folder); folders
    /// themselves are not named. Whether either listing stopped at the walk's limit comes
    /// with it (then the paths are not all known).
    pub fn differing(&self, other: &Revision) -> (BTreeSet<String>, bool) {
        let folder = |o: Option<&Object>| o.is_none_or(|o| *o == Object::Tree);
        let paths = self
            .objects
            .keys()
            .chain(other.objects.keys())
            .filter(|p| {
                let (a, b) = (self.objects.get(*p), other.objects.get(*p));
                a != b && !(folder(a) && folder(b))
            })
            .cloned()
            .collect();
        (paths, self.truncated || other.truncated)
    }

    /// The contents of a blob, read ahead or now; at most `max` bytes. A file's contents are
    /// taken (the loader reads each file once), a link's are kept.
    fn blob(&self, oid: &str, max: u64, take: bool) -> io::Result<Vec<u8>> {
        let ahead = {
            let mut contents = self
                .contents
                .lock()
                .map_err(|_| io::Error::other("git cat-file"))?;
            if take {
                contents.remove(oid)
            } else {
                contents.get(oid).cloned()
            }
        };
        if let Some(c) = ahead {
            return Ok(c);
        }
        let mut cat = self
            .cat
            .lock()
            .map_err(|_| io::Error::other("git cat-file"))?;
        cat.read(oid, max)?
            .ok_or_else(|| io::Error::other(format!("objet {oid} illisible")))
    }

    /// The entry at `path` (relative to the repository root, no link resolved), or `None`.
    /// Entries outside the listed data folders are asked of git one by one.
    fn object(&self, path: &str) -> Option<Object> {
        if let Some(o) = self.objects.get(path) {
            return Some(o.clone());
        }
        if path.is_empty() {
            return Some(Object::Tree);
        }
        // The listing holds everything under the data folders, within the walk's depth.
        let top = path.split('/').next().unwrap_or_default();
        if TOPS.contains(&top) && !self.truncated && path.matches('/').count() <= MAX_WALK_DEPTH {
            return None;
        }
        let out = git(
            &self.root,
            &[
                "--literal-pathspecs",
                "ls-tree",
                "-l",
                "-z",
                "--full-tree",
                &self.treeish,
                "--",
                path,
            ],
            &[],
        )
        .ok()?;
        let line = out.split(|&b| b == 0).next()?;
        let line = String::from_utf8_lossy(line);
        let (meta, name) = line.split_once('\t')?;
        (name == path).then(|| Object::parse(meta)).flatten()
    }

    /// Follows `rel` to what it names, every link on the way resolved inside the revision.
    fn resolve(&self, rel: &str) -> Result<(String, Object), Unresolved> {
        let mut pending: Vec<String> = rel.split('/').rev().map(str::to_string).collect();
        let mut done: Vec<String> = Vec::new();
        let mut hops = 0;
        let mut last = None;
        while let Some(part) = pending.pop() {
            match part.as_str() {
                "" | "." => continue,
                ".." => {
                    if done.pop().is_none() {
                        return Err(Unresolved::Outside(last.unwrap_or_default()));
                    }
                    continue;
                }
                _ => done.push(part),
            }
            let path = done.join("/");
            let found = self.object(&path);
            match found {
                None => return Err(Unresolved::Io(io::Error::from_raw_os_error(2))),
                Some(Object::Link(oid)) => {
                    hops += 1;
                    if hops > MAX_LINK_HOPS {
                        return Err(Unresolved::Io(io::Error::from_raw_os_error(40)));
                    }
                    let target = self
                        .blob(&oid, MAX_LINK_BYTES, false)
                        .map_err(Unresolved::Io)?;
                    let target = String::from_utf8_lossy(&target).into_owned();
                    if target.starts_with('/') {
                        return Err(Unresolved::Outside(target));
                    }
                    done.pop();
                    pending.extend(target.split('/').rev().map(str::to_string));
                    last = Some(target);
                }
                Some(Object::Blob(..)) if !pending.iter().all(|p| p.is_empty() || p == ".") => {
                    return Err(Unresolved::Io(io::Error::from_raw_os_error(20)));
                }
                Some(object) if pending.is_empty() => return Ok((path, object)),
                Some(_) => {}
            }
        }
        let path = done.join("/");
        match self.object(&path) {
            Some(object) => Ok((path, object)),
            None => Err(Unresolved::Io(io::Error::from_raw_os_error(2))),
        }
    }

    /// [`Revision::resolve`] as the loader's diagnostics: a link leading out shows its own
    /// target when `rel` is one (as on disk), else the last target followed.
    fn resolved(&self, rel: &str) -> Result<(String, Object), Diagnostic> {
        self.resolve(rel).map_err(|e| match e {
            Unresolved::Outside(last) => {
                let own = match self.objects.get(rel) {
                    Some(Object::Link(oid)) => self.blob(oid, MAX_LINK_BYTES, false).ok(),
                    _ => None,
                };
                let shown = own.map_or(last, |t| String::from_utf8_lossy(&t).into_owned());
                load::outside(rel, &shown)
            }
            Unresolved::Io(e) => load::io_error(rel, e),
        })
    }
}

/// Whether the loader may read a file at `path` (a superset: YAML and Markdown).
fn is_data(path: &str) -> bool {
    [".yaml", ".yml", ".md"].iter().any(|x| path.ends_with(x))
}

/// Compares two paths component by component: the order of a depth-first walk that sorts
/// each folder's entries by name.
fn walk_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.split('/').cmp(b.split('/'))
}

/// Lists the data folders of `treeish`: one `git ls-tree` read as it comes, stopping past the
/// loader's entry limit.
/// Also says whether it stopped there.
fn list(
    root: &Path,
    treeish: &str,
) -> anyhow::Result<(HashMap<String, Object>, Vec<String>, bool)> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(root)
        .args([
            "--literal-pathspecs",
            "ls-tree",
            "-r",
            "-t",
            "-l",
            "-z",
            "--full-tree",
            treeish,
            "--",
        ])
        .args(TOPS)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("lancement de « git ls-tree » impossible")?;
    let stdout = child
        .stdout
        .take()
        .context("git ls-tree : sortie absente")?;
    let mut reader = BufReader::new(stdout);
    let mut objects = HashMap::new();
    let mut order = Vec::new();
    let mut record = Vec::new();
    let mut truncated = false;
    loop {
        record.clear();
        if reader.read_until(0, &mut record)? == 0 {
            break;
        }
        if record.last() == Some(&0) {
            record.pop();
        }
        let line = String::from_utf8_lossy(&record);
        let Some((meta, path)) = line.split_once('\t') else {
            continue;
        };
        let Some(object) = Object::parse(meta) else {
            continue;
        };
        if path.matches('/').count() > MAX_WALK_DEPTH {
            continue;
        }
        order.push(path.to_string());
        objects.insert(path.to_string(), object);
        // The walk stops past its limit: one entry past it is enough to say so.
        if order.len() > MAX_REPO_ENTRIES + TOPS.len() {
            truncated = true;
            break;
        }
    }
    drop(reader);
    if truncated {
        let _ = child.kill();
    }
    let status = child.wait()?;
    if !truncated && !status.success() {
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            let _ = e.read_to_string(&mut err);
        }
        bail!("« git ls-tree {treeish} » a échoué : {}", err.trim());
    }
    order.sort_by(|a, b| walk_order(a, b));
    Ok((objects, order, truncated))
}

impl Tree for Revision {
    fn inspect(&self, rel: &str) -> Result<Kind, Diagnostic> {
        Ok(match self.resolved(rel)?.1 {
            Object::Blob(_, size) => Kind::File(size),
            Object::Tree | Object::Commit => Kind::Dir,
            Object::Link(_) => unreachable!("links are resolved"),
        })
    }

    fn exists(&self, rel: &str) -> bool {
        self.object(rel).is_some()
    }

    fn entries<'a>(&'a self, top: &'a str) -> Entries<'a> {
        // A top folder that is a link is walked where it leads, as walkdir does.
        let real = match self.objects.get(top) {
            Some(Object::Link(_)) => match self.resolve(top) {
                Ok((path, _)) => path,
                Err(_) => return Box::new(std::iter::empty()),
            },
            _ => top.to_string(),
        };
        let under = format!("{real}/");
        let start = self
            .order
            .partition_point(|p| walk_order(p, &real) != std::cmp::Ordering::Greater);
        let skip = under.len();
        Box::new(
            self.order[start..]
                .iter()
                .take_while(move |p| p.starts_with(&under))
                .filter(move |p| p[skip..].matches('/').count() < MAX_WALK_DEPTH)
                .map(move |p| {
                    let object = &self.objects[p];
                    Ok(WalkEntry {
                        rel: format!("{top}/{}", &p[skip..]),
                        dir: matches!(object, Object::Tree | Object::Commit),
                        file: matches!(object, Object::Blob(..)),
                    })
                }),
        )
    }

    fn read(&self, rel: &str) -> Result<SourceFile, Diagnostic> {
        let (_, object) = self.resolved(rel)?;
        let (oid, size) = match object {
            Object::Blob(oid, size) => (oid, size),
            _ => return Err(load::not_regular(rel, "un dossier")),
        };
        load::check_size(rel, size)?;
        let bytes = self
            .blob(&oid, MAX_FILE_BYTES, true)
            .map_err(|e| load::io_error(rel, e))?;
        load::text_of(rel, bytes)
    }

    fn stat(&self, rel: &str) -> Option<WalkEntry> {
        let object = self.object(rel)?;
        Some(WalkEntry {
            rel: rel.to_string(),
            dir: matches!(object, Object::Tree | Object::Commit),
            file: matches!(object, Object::Blob(..)),
        })
    }
}
