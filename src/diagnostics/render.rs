//! Renders diagnostics: `path:line:col: error[CODE]: message`, the source line with a marker,
//! then the hint; or JSON for machines.

use super::{Diagnostic, Severity};
use crate::source::SourceFile;
use std::collections::HashMap;
use std::fmt::Write;

/// Renders diagnostics for people, with the offending line when the file's text is known.
pub fn render_human(diags: &[Diagnostic], sources: &HashMap<String, SourceFile>) -> String {
    let mut out = String::new();
    for d in diags {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(out, "{}: {kind}[{}]: {}", d.position(), d.code, d.message);
        if let (Some(loc), Some(src)) = (d.location, sources.get(&d.path)) {
            if let Some(line) = src.line(loc.line) {
                let num = loc.line.to_string();
                let pad = " ".repeat(num.len());
                let shown: String = line
                    .chars()
                    .map(|c| if c == '\t' { ' ' } else { c })
                    .collect();
                let _ = writeln!(out, "{pad} |");
                let _ = writeln!(out, "{num} | {shown}");
                let width = shown.chars().count() as u32;
                let start = loc.col.saturating_sub(1).min(width);
                let len = loc.len.max(1).min(width.saturating_sub(start).max(1));
                let _ = writeln!(
                    out,
                    "{pad} | {}{}",
                    " ".repeat(start as usize),
                    "^".repeat(len as usize)
                );
            }
        }
        if let Some(h) = &d.hint {
            let _ = writeln!(out, "  = aide : {h}");
        }
        out.push('\n');
    }
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diags.len() - errors;
    let _ = writeln!(out, "{errors} erreur(s), {warnings} avertissement(s)");
    out
}

/// Renders diagnostics as a JSON array (one object per diagnostic).
pub fn render_json(diags: &[Diagnostic]) -> String {
    serde_json::to_string_pretty(diags).unwrap_or_else(|_| "[]".into()) + "\n"
}
