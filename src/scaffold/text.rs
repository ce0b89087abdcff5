//! Line edits of a file's text that keep every other byte as it is: line endings (`\n` or
//! `\r\n`), a last line without a newline, quoting, comments. Edits are recorded against the
//! original line numbers and applied in one pass, so they never shift each other.

use std::collections::BTreeMap;
use std::ops::Range;

/// A text cut into lines, and the edits to make to it.
pub struct Lines<'a> {
    /// Each line with its line ending, if any.
    raw: Vec<&'a str>,
    /// Each line without its line ending.
    content: Vec<&'a str>,
    /// The line ending of inserted lines: the file's own.
    nl: &'static str,
    /// Lines to insert before each original line (`raw.len()` for the end), in order.
    inserts: BTreeMap<usize, Vec<String>>,
    /// Byte ranges of a line's content to replace.
    splices: BTreeMap<usize, Vec<(Range<usize>, String)>>,
}

impl<'a> Lines<'a> {
    /// Cuts `text` into lines.
    pub fn new(text: &'a str) -> Lines<'a> {
        let raw: Vec<&str> = text.split_inclusive('\n').collect();
        let content = raw
            .iter()
            .map(|l| l.trim_end_matches('\n').trim_end_matches('\r'))
            .collect();
        Lines {
            raw,
            content,
            nl: if text.contains("\r\n") { "\r\n" } else { "\n" },
            inserts: BTreeMap::new(),
            splices: BTreeMap::new(),
        }
    }

    /// The lines without their endings, as in the original text.
    pub fn content(&self) -> &[&'a str] {
        &self.content
    }

    /// Inserts `line` (without ending) before original line `at` (0-based; the number of lines
    /// for the end), after any line already inserted there.
    pub fn insert(&mut self, at: usize, line: String) {
        self.inserts.entry(at).or_default().push(line);
    }

    /// Replaces bytes `range` of line `at`'s content by `text`.
    pub fn splice(&mut self, at: usize, range: Range<usize>, text: String) {
        self.splices.entry(at).or_default().push((range, text));
    }

    /// Replaces the whole content of line `at`.
    pub fn replace(&mut self, at: usize, text: String) {
        let len = self.content[at].len();
        self.splice(at, 0..len, text);
    }

    /// Removes line `at` (its content and ending).
    pub fn remove(&mut self, at: usize) {
        self.splices
            .entry(at)
            .or_default()
            .push((usize::MAX..usize::MAX, String::new()));
    }

    /// The edited text.
    pub fn apply(&self) -> String {
        let mut out = String::new();
        for i in 0..=self.raw.len() {
            if let Some(lines) = self.inserts.get(&i) {
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push_str(self.nl);
                }
                for l in lines {
                    out.push_str(l);
                    out.push_str(self.nl);
                }
            }
            let Some(raw) = self.raw.get(i) else { break };
            let Some(splices) = self.splices.get(&i) else {
                out.push_str(raw);
                continue;
            };
            if splices.iter().any(|(r, _)| r.start == usize::MAX) {
                continue;
            }
            let mut line = self.content[i].to_string();
            let mut sorted: Vec<&(Range<usize>, String)> = splices.iter().collect();
            sorted.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
            // Right to left; a range overlapping one already applied, or not on character
            // boundaries, is skipped rather than corrupting the line.
            let mut limit = line.len();
            for (range, text) in sorted {
                if range.end <= limit && line.get(range.clone()).is_some() {
                    line.replace_range(range.clone(), text);
                    limit = range.start;
                }
            }
            out.push_str(&line);
            out.push_str(&raw[self.content[i].len()..]);
        }
        out
    }
}

/// The indentation of a line, in spaces.
pub fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Whether a line holds data (neither blank nor a comment).
pub fn is_content(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.starts_with('#')
}

/// The last line (0-based) of the block opened by the key on line `start`: the last content
/// line before the next content line indented no deeper than the key.
pub fn block_end<S: AsRef<str>>(lines: &[S], start: usize) -> usize {
    let base = indent(lines[start].as_ref());
    let mut end = start;
    for (i, l) in lines.iter().enumerate().skip(start + 1) {
        let l = l.as_ref();
        if !is_content(l) {
            continue;
        }
        if indent(l) <= base {
            break;
        }
        end = i;
    }
    end
}

/// The last line (0-based) of the region of the key on line `start`, comments included: the
/// line before the next content line indented no deeper than the key, or the last line.
pub fn region_end(lines: &[&str], start: usize) -> usize {
    let base = indent(lines[start]);
    lines
        .iter()
        .enumerate()
        .skip(start + 1)
        .find(|(_, l)| is_content(l) && indent(l) <= base)
        .map_or(lines.len().saturating_sub(1), |(i, _)| i - 1)
}

/// The byte offset of 1-based character column `col` in `line` (its length past the end).
pub fn byte_of_col(line: &str, col: u32) -> usize {
    line.char_indices()
        .nth((col as usize).saturating_sub(1))
        .map_or(line.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_keep_line_endings_and_a_missing_final_newline() {
        let mut l = Lines::new("a: 1\r\nb: 2\r\nc: 3");
        l.insert(1, "# x".into());
        l.splice(1, 3..4, "20".into());
        l.insert(3, "d: 4".into());
        l.remove(0);
        assert_eq!(l.apply(), "# x\r\nb: 20\r\nc: 3\r\nd: 4\r\n");
        let l = Lines::new("a\n");
        assert_eq!(l.apply(), "a\n");
    }

    #[test]
    fn regions_include_trailing_comments() {
        let lines = ["q:", "  v: 1", "  # a", "r: 2"];
        assert_eq!(block_end(&lines, 0), 1);
        assert_eq!(region_end(&lines, 0), 2);
        assert_eq!(region_end(&lines[..3], 0), 2);
    }
}
