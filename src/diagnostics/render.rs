//! Renders diagnostics: `path:line:col: error[CODE]: message`, the source line with a marker,
//! then the hint; or JSON for machines.
//!
//! The human form is bounded whatever the input: a long line is shown as a window around the
//! column, at most [`MAX_PER_FILE`] problems are printed per file (then a count of the rest),
//! and control characters of the repository's text (in paths, messages, lines) are escaped, so
//! that no file can start a line of output of its own (`::error`, `::add-mask` on a forge).

use super::{Diagnostic, Severity};
use crate::source::{SourceFile, Sources};
use std::fmt::Write;

/// Most problems printed per file by the human form; the rest are counted.
pub const MAX_PER_FILE: usize = 50;
/// Widest part of a source line shown, in characters (without the ellipses).
pub const LINE_WINDOW: usize = 100;
/// Characters shown before the marked column when a line is cut.
const BEFORE_COLUMN: usize = 30;

/// Renders diagnostics for people, with the offending line when the file's text is known.
pub fn render_human(diags: &[Diagnostic], sources: &Sources) -> String {
    let mut out = String::new();
    for file in diags.chunk_by(|a, b| a.path == b.path) {
        for d in file.iter().take(MAX_PER_FILE) {
            render_one(&mut out, d, sources.get(&d.path).map(|s| &**s));
        }
        if let Some(rest) = file.len().checked_sub(MAX_PER_FILE).filter(|&n| n > 0) {
            let _ = writeln!(
                out,
                "{}: … et {rest} autres problèmes dans ce fichier\n",
                escape(&file[0].path)
            );
        }
    }
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diags.len() - errors;
    let _ = writeln!(out, "{errors} erreur(s), {warnings} avertissement(s)");
    out
}

fn render_one(out: &mut String, d: &Diagnostic, src: Option<&SourceFile>) {
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let _ = writeln!(
        out,
        "{}: {kind}[{}]: {}",
        escape(&d.position()),
        d.code,
        escape(&d.message)
    );
    if let (Some(loc), Some(src)) = (d.location, src) {
        if let Some(line) = src.line(loc.line) {
            let num = loc.line.to_string();
            let pad = " ".repeat(num.len());
            let (shown, start, len) = excerpt(line, loc.col as usize, loc.len as usize);
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{num} | {shown}");
            let _ = writeln!(out, "{pad} | {}{}", " ".repeat(start), "^".repeat(len));
        }
    }
    if let Some(h) = &d.hint {
        let _ = writeln!(out, "  = aide : {}", escape(h));
    }
    out.push('\n');
}

/// The part of `line` shown for a marker at column `col` (from 1) of `len` characters: the
/// text (tabs as spaces, controls escaped, `…` where it is cut), and the marker's start and
/// length in shown characters.
fn excerpt(line: &str, col: usize, len: usize) -> (String, usize, usize) {
    let width = line.chars().count();
    let at = col.saturating_sub(1).min(width);
    let (from, to) = if width <= LINE_WINDOW {
        (0, width)
    } else {
        let from = at.saturating_sub(BEFORE_COLUMN).min(width - LINE_WINDOW);
        (from, from + LINE_WINDOW)
    };
    let mut shown = String::new();
    let mut cell = String::new();
    // Characters shown so far, where the marker starts, how many it covers.
    let (mut count, mut start, mut marked) = (0, None, 0);
    if from > 0 {
        shown.push('…');
        count += 1;
    }
    for (i, c) in line.chars().enumerate().skip(from).take(to - from) {
        cell.clear();
        match c {
            '\t' => cell.push(' '),
            c => push_escaped(&mut cell, c),
        }
        let w = cell.chars().count();
        if i == at {
            start = Some(count);
        }
        if i >= at && i < at + len.max(1) {
            marked += w;
        }
        shown.push_str(&cell);
        count += w;
    }
    if to < width {
        shown.push('…');
    }
    (shown, start.unwrap_or(count), marked.max(1))
}

/// `text` with control characters visible: `\n`, `\r`, `\t`, and `\u{…}` for the other C0
/// and C1 controls, DEL, line and paragraph separators and bidirectional overrides.
pub fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    out.into()
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if needs_escape(c) => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
        c => out.push(c),
    }
}

/// Renders diagnostics as a JSON array (one object per diagnostic).
pub fn render_json(diags: &[Diagnostic]) -> String {
    serde_json::to_string_pretty(diags).unwrap_or_else(|_| "[]".into()) + "\n"
}

#[cfg(test)]
mod tests;
