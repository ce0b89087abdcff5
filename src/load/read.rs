//! Reading files at the edge: size limit, symlinks that leave the repository, UTF-8.

use crate::diagnostics::{Code, Diagnostic};
use crate::source::{Location, MAX_FILE_BYTES, SourceFile, location_in_bytes};
use std::fs;
use std::io::Read;
use std::path::Path;

/// Reads `root/rel` as text within the limits, or explains why not.
pub fn read_source(root: &Path, rel: &str) -> Result<SourceFile, Diagnostic> {
    let full = root.join(rel);
    let io_error = |e: std::io::Error| {
        Diagnostic::error(Code::Io, rel, format!("lecture impossible : {e}"))
            .hint("vérifiez que le fichier existe et qu'il est lisible")
    };
    let link = fs::symlink_metadata(&full).map_err(io_error)?;
    if link.file_type().is_symlink() {
        let target = fs::canonicalize(&full).map_err(io_error)?;
        let root = fs::canonicalize(root).map_err(io_error)?;
        if !target.starts_with(&root) {
            return Err(Diagnostic::error(
                Code::OutsideRepository,
                rel,
                format!("lien symbolique vers {}, hors du dépôt", target.display()),
            )
            .hint("copiez le contenu dans le dépôt au lieu d'un lien"));
        }
    }
    let file = fs::File::open(&full).map_err(io_error)?;
    let size = file.metadata().map_err(io_error)?.len();
    if size > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            Code::FileTooLarge,
            rel,
            format!("fichier de {size} octets : au plus {MAX_FILE_BYTES} octets sont acceptés"),
        )
        .hint("un fichier du dépôt décrit un seul élément : découpez-le"));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            Code::FileTooLarge,
            rel,
            format!("fichier de plus de {MAX_FILE_BYTES} octets"),
        ));
    }
    text_of(rel, bytes)
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
