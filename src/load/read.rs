//! Reading files at the edge, the one way the tool reads a repository file: regular files
//! inside the repository only (a symbolic link is followed only when it stays inside and ends
//! on a regular file), within the size limit, as UTF-8.

use crate::diagnostics::{Code, Diagnostic};
use crate::source::{Location, MAX_FILE_BYTES, SourceFile, location_in_bytes};
use std::fs;
use std::io::{self, Read};
use std::path::Path;

/// What stands at a path once links are resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A regular file of that many bytes.
    File(u64),
    /// A directory.
    Dir,
    /// Anything else, named in French (named pipe, socket, device).
    Other(&'static str),
}

/// The CV001 error for a file that cannot be read.
pub fn io_error(rel: &str, e: io::Error) -> Diagnostic {
    Diagnostic::error(Code::Io, rel, format!("lecture impossible : {e}"))
        .hint("vérifiez que le fichier existe et qu'il est lisible")
}

/// `Ok` when `target` (a canonical path) is inside the repository at `root`. The error shows
/// the link as written when `rel` itself is one, else where the path leads.
fn ensure_inside(root: &Path, rel: &str, target: &Path) -> Result<(), Diagnostic> {
    let root = fs::canonicalize(root).map_err(|e| io_error(rel, e))?;
    if target.starts_with(&root) {
        return Ok(());
    }
    let shown = fs::read_link(root.join(rel)).unwrap_or_else(|_| target.to_path_buf());
    Err(outside(rel, &shown.display().to_string()))
}

/// The CV008 error for a link at `rel` that leads to `shown`, outside the repository.
pub fn outside(rel: &str, shown: &str) -> Diagnostic {
    Diagnostic::error(
        Code::OutsideRepository,
        rel,
        format!("lien symbolique vers {shown}, hors du dépôt"),
    )
    .hint("copiez le contenu dans le dépôt au lieu d'un lien")
}

fn kind_of(meta: &fs::Metadata) -> Kind {
    let t = meta.file_type();
    if t.is_file() {
        return Kind::File(meta.len());
    }
    if t.is_dir() {
        return Kind::Dir;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Kind::Other("un tube nommé (FIFO)");
        }
        if t.is_socket() {
            return Kind::Other("une socket");
        }
        if t.is_block_device() || t.is_char_device() {
            return Kind::Other("un périphérique");
        }
    }
    Kind::Other("un fichier spécial")
}

/// What `root/rel` is, a symbolic link in last position resolved if it stays inside the
/// repository (CV008 otherwise). Nothing is opened: a named pipe is never waited on.
pub(super) fn inspect(root: &Path, rel: &str) -> Result<Kind, Diagnostic> {
    let full = root.join(rel);
    let meta = fs::symlink_metadata(&full).map_err(|e| io_error(rel, e))?;
    if !meta.file_type().is_symlink() {
        return Ok(kind_of(&meta));
    }
    let target = fs::canonicalize(&full).map_err(|e| io_error(rel, e))?;
    ensure_inside(root, rel, &target)?;
    Ok(kind_of(
        &fs::metadata(&target).map_err(|e| io_error(rel, e))?,
    ))
}

/// The CV014 error for a path that is neither a regular file nor a directory.
pub fn not_regular(rel: &str, what: &str) -> Diagnostic {
    Diagnostic::error(
        Code::NotRegularFile,
        rel,
        format!("ni un fichier ordinaire ni un dossier : {what}"),
    )
    .hint("retirez-le : le dépôt ne contient que des fichiers et des dossiers")
}

/// Reads `root/rel` as text within the limits, or explains why not. The parent folders of
/// `rel` are trusted (the walk does not follow links); use [`read_optional`] otherwise.
pub fn read_source(root: &Path, rel: &str) -> Result<SourceFile, Diagnostic> {
    match inspect(root, rel)? {
        Kind::File(size) => check_size(rel, size)?,
        Kind::Dir => return Err(not_regular(rel, "un dossier")),
        Kind::Other(what) => return Err(not_regular(rel, what)),
    }
    let file = fs::File::open(root.join(rel)).map_err(|e| io_error(rel, e))?;
    text_of(rel, read_bounded(file).map_err(|e| io_error(rel, e))?)
}

/// Reads `root/rel` like `read_source`, where any folder on the way may be a link: the
/// whole path must resolve inside the repository. `Ok(None)` when nothing is there.
pub fn read_optional(root: &Path, rel: &str) -> Result<Option<SourceFile>, Diagnostic> {
    match fs::canonicalize(root.join(rel)) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_error(rel, e)),
        Ok(target) => {
            ensure_inside(root, rel, &target)?;
            read_source(root, rel).map(Some)
        }
    }
}

/// Reads a file named on the command line (it may be a pipe, such as `<(git diff …)`),
/// refusing more than [`MAX_FILE_BYTES`].
pub fn read_argument(path: &Path) -> anyhow::Result<String> {
    use anyhow::Context;
    let file = fs::File::open(path).with_context(|| format!("{} : ouverture", path.display()))?;
    let bytes = read_bounded(file).with_context(|| format!("{} : lecture", path.display()))?;
    String::from_utf8(bytes).with_context(|| format!("{} : pas en UTF-8", path.display()))
}

/// `Ok` for a file of `size` bytes within [`MAX_FILE_BYTES`], else the CV002 error.
pub fn check_size(rel: &str, size: u64) -> Result<(), Diagnostic> {
    if size <= MAX_FILE_BYTES {
        return Ok(());
    }
    Err(Diagnostic::error(
        Code::FileTooLarge,
        rel,
        format!("fichier de {size} octets : au plus {MAX_FILE_BYTES} octets sont acceptés"),
    )
    .hint("un fichier du dépôt décrit un seul élément : découpez-le"))
}

/// Reads at most [`MAX_FILE_BYTES`]; more is an error (the file grew, or never ends).
fn read_bounded(file: fs::File) -> io::Result<Vec<u8>> {
    let hint = file.metadata().map_or(0, |m| m.len().min(MAX_FILE_BYTES));
    let mut bytes = Vec::with_capacity(hint as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(io::Error::other(format!(
            "plus de {MAX_FILE_BYTES} octets : au plus {MAX_FILE_BYTES} octets sont acceptés"
        )));
    }
    Ok(bytes)
}

/// Decodes UTF-8 (a leading byte-order mark is dropped), locating the first invalid byte.
pub fn text_of(rel: &str, mut bytes: Vec<u8>) -> Result<SourceFile, Diagnostic> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(rel, text)),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let l: Location = location_in_bytes(e.as_bytes(), offset);
            Err(Diagnostic::error(
                Code::InvalidUtf8,
                rel,
                format!("octet invalide en UTF-8 à l'octet {offset}"),
            )
            .at(Some(l))
            .hint("enregistrez le fichier en UTF-8 (et non en Latin-1 ou Windows-1252)"))
        }
    }
}
