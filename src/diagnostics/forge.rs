//! Renders diagnostics for forges: GitHub Actions workflow commands (annotations on the pull
//! request's files) and GitLab Code Quality reports (a JSON array shown on merge requests).

use super::{Diagnostic, Severity};
use serde::Serialize;
use std::fmt::Write;

/// Escapes the message of a GitHub workflow command (`%`, carriage return, line feed).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property of a GitHub workflow command (as the message, plus `:` and `,`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Renders one `::error …::message` (or `::warning`) line per diagnostic; the hint follows the
/// message on a second line of the annotation.
pub fn render_github(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = format!("file={}", escape_property(&d.path));
        if let Some(l) = d.location {
            let _ = write!(props, ",line={},col={}", l.line, l.col);
        }
        let _ = write!(props, ",title={}", escape_property(d.code.as_str()));
        let mut message = d.message.clone();
        if let Some(h) = &d.hint {
            let _ = write!(message, "\naide : {h}");
        }
        let _ = writeln!(out, "::{command} {props}::{}", escape_data(&message));
    }
    out
}

/// [`render_github`] for a change: only diagnostics in the `changed` files (and a stale
/// `CODEOWNERS`, which the change must regenerate) become annotations; GitHub shows a handful
/// per kind, so the others are counted on one summary line instead of drowning the author's own.
pub fn render_github_changed(diags: &[Diagnostic], changed: &[String]) -> String {
    let (mine, others): (Vec<Diagnostic>, Vec<Diagnostic>) = diags
        .iter()
        .cloned()
        .partition(|d| changed.contains(&d.path) || d.code == super::Code::StaleCodeowners);
    let mut out = render_github(&mine);
    if others.is_empty() {
        return out;
    }
    let errors = others
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = others.len() - errors;
    let command = if errors > 0 { "error" } else { "warning" };
    let _ = writeln!(
        out,
        "::{command} title=convergence::{errors} erreur(s) et {warnings} avertissement(s) dans des fichiers que la modification ne touche pas : voir « convergence check » dans le journal du job"
    );
    out
}

/// One entry of a GitLab Code Quality report.
#[derive(Debug, Serialize)]
struct CodeQuality<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'a str,
    location: CqLocation<'a>,
}

#[derive(Debug, Serialize)]
struct CqLocation<'a> {
    path: &'a str,
    lines: CqLines,
}

#[derive(Debug, Serialize)]
struct CqLines {
    begin: u32,
}

/// FNV-1a, 64 bits (offset basis 0xcbf29ce484222325, prime 0x100000001b3): a documented hash
/// whose value never changes between Rust versions or runs.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Renders a GitLab Code Quality report: errors are `major`, warnings `minor`. The fingerprint
/// hashes code, path and message (plus a counter when the same triple repeats), so an issue
/// keeps its fingerprint when unrelated lines move.
pub fn render_gitlab(diags: &[Diagnostic]) -> String {
    let mut seen: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    let entries: Vec<CodeQuality> = diags
        .iter()
        .map(|d| {
            let mut key = format!("{}\0{}\0{}", d.code, d.path, d.message);
            let n = seen.entry(key.clone()).or_insert(0);
            if *n > 0 {
                let _ = write!(key, "\0{n}");
            }
            *n += 1;
            let mut description = format!("{} : {}", d.code, d.message);
            if let Some(h) = &d.hint {
                let _ = write!(description, " (aide : {h})");
            }
            CodeQuality {
                description,
                check_name: d.code.as_str(),
                fingerprint: format!("{:016x}", fnv1a64(key.as_bytes())),
                severity: match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                },
                location: CqLocation {
                    path: &d.path,
                    lines: CqLines {
                        begin: d.location.map_or(1, |l| l.line),
                    },
                },
            }
        })
        .collect();
    serde_json::to_string_pretty(&entries).unwrap_or_else(|_| "[]".into()) + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_reference_vectors() {
        // Vectors from the FNV reference implementation.
        assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x85944171f73967e8);
    }

    #[test]
    fn github_properties_escape_commas_and_colons() {
        assert_eq!(escape_property("a,b:c%\n"), "a%2Cb%3Ac%25%0A");
        assert_eq!(escape_data("a,b:c%\r\n"), "a,b:c%25%0D%0A");
    }
}
