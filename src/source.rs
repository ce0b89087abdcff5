//! A file's text with a line index, locations inside it, and the input limits.

/// Largest file read, in bytes; a larger file is reported, not read.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;
/// Most entries (files, folders and links) walked under `content/`, `questionnaires/` and
/// `answers/`; the walk stops past it.
pub const MAX_REPO_ENTRIES: usize = 100_000;
/// Most bytes of data files read in one repository; files past it are not read.
pub const MAX_REPO_BYTES: u64 = 256 * 1024 * 1024;
/// Deepest nesting of YAML collections accepted.
pub const MAX_DEPTH: usize = 64;
/// Most nodes one YAML file may produce, aliases expanded.
pub const MAX_NODES: usize = 200_000;
/// Most bytes of text (scalars and keys) one YAML file may produce, aliases expanded: no more
/// than the file itself may hold, so only aliases can reach it.
pub const MAX_EXPANDED_BYTES: usize = MAX_FILE_BYTES as usize;
/// Most nodes of all files together, aliases expanded.
pub const MAX_REPO_NODES: usize = 20_000_000;
/// Most bytes of text of all files together, aliases expanded.
pub const MAX_REPO_EXPANDED_BYTES: usize = 512 * 1024 * 1024;
/// Most alias uses in one YAML file.
pub const MAX_ALIASES: usize = 1_000;

/// A position in a file: 1-based line and column (in characters), and a length in characters on
/// that line for the marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Location {
    /// Line, from 1.
    pub line: u32,
    /// Column, from 1, in characters.
    pub col: u32,
    /// Length of the marked text in characters (at least 1 when rendered).
    pub len: u32,
}

impl Location {
    /// A location of length 1.
    pub fn at(line: u32, col: u32) -> Location {
        Location { line, col, len: 1 }
    }
}

/// Files' texts by repository-relative path, shared: a copy of a loaded repository (`diff`'s
/// state before, brought from the state after) shares the texts it does not change.
pub type Sources = std::collections::HashMap<String, std::sync::Arc<SourceFile>>;

/// A file's text and where each line starts.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Repository-relative path with `/` separators.
    pub path: String,
    /// Full text.
    pub text: String,
    line_starts: Vec<usize>,
    /// Lines of the file before this text: 0 for a whole file, 1 for a Markdown page's front
    /// matter (after its `---`). Every location found in the text counts them.
    lines_before: u32,
}

impl SourceFile {
    /// Indexes the lines of `text`.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            path: path.into(),
            text,
            line_starts,
            lines_before: 0,
        }
    }

    /// A part of a file that starts after `lines_before` lines of it.
    pub fn embedded(
        path: impl Into<String>,
        text: impl Into<String>,
        lines_before: u32,
    ) -> SourceFile {
        SourceFile {
            lines_before,
            ..SourceFile::new(path, text)
        }
    }

    /// Lines of the file before this text (see [`SourceFile::embedded`]).
    pub fn lines_before(&self) -> u32 {
        self.lines_before
    }

    /// The text of line `line` (1-based), without its line break.
    pub fn line(&self, line: u32) -> Option<&str> {
        let i = (line as usize).checked_sub(1)?;
        let start = *self.line_starts.get(i)?;
        let end = self
            .line_starts
            .get(i + 1)
            .map_or(self.text.len(), |e| e - 1);
        let l = self.text.get(start..end)?;
        Some(l.strip_suffix('\r').unwrap_or(l))
    }

    /// The location of a byte offset.
    pub fn location_of_offset(&self, offset: usize) -> Location {
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts[line - 1];
        let col = self
            .text
            .get(start..offset.min(self.text.len()))
            .map_or(1, |s| s.chars().count() + 1);
        Location::at(line as u32, col as u32)
    }
}

/// Line and column of byte `offset` in possibly invalid UTF-8 `bytes` (columns count bytes
/// past the last valid character).
pub fn location_in_bytes(bytes: &[u8], offset: usize) -> Location {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    Location::at(line as u32, col as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_offsets() {
        let f = SourceFile::new("a.yaml", "id: x\r\nnom: é\nfin");
        assert_eq!(f.line(1), Some("id: x"));
        assert_eq!(f.line(2), Some("nom: é"));
        assert_eq!(f.line(3), Some("fin"));
        assert_eq!(f.line(4), None);
        assert_eq!(f.location_of_offset(12), Location::at(2, 6));
    }

    #[test]
    fn location_in_invalid_utf8() {
        assert_eq!(location_in_bytes(b"a: 1\nb: \xff", 8), Location::at(2, 4));
    }
}
