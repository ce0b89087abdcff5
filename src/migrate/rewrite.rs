//! Rewrites an answers file to the version in force by editing its text at the locations the
//! loader recorded: the version value, renamed keys, obsolete answers moved into comments and
//! commented stubs for the missing criteria. Everything else stays as written.

use super::Migration;
use crate::load::SpanMap;
use crate::load::yaml::escape;
use crate::model::Repository;
use crate::scaffold::text::{block_end, indent, is_content};
use crate::scaffold::{criterion_stub, yaml_key};
use crate::source::Location;

/// A change spanning whole lines, applied bottom-up so that line numbers stay valid.
enum Block {
    /// Comment out lines `start..=end` (0-based) under a header line.
    Comment {
        start: usize,
        end: usize,
        header: String,
    },
    /// Insert text before line `at` (0-based).
    Insert { at: usize, text: String },
}

impl Block {
    fn line(&self) -> usize {
        match self {
            Block::Comment { start, .. } => *start,
            Block::Insert { at, .. } => *at,
        }
    }
}

/// Replaces `old` (plain or quoted) at `loc` by `new`, checking that it is there.
fn replace_token(
    lines: &mut [String],
    loc: Option<Location>,
    old: &str,
    new: &str,
) -> Result<(), String> {
    let loc = loc.ok_or_else(|| format!("« {old} » introuvable"))?;
    let line = lines
        .get_mut(loc.line as usize - 1)
        .ok_or_else(|| format!("ligne {} absente", loc.line))?;
    let at = line
        .char_indices()
        .nth(loc.col as usize - 1)
        .map_or(line.len(), |(i, _)| i);
    let rest = &line[at..];
    let found = [old.to_string(), format!("\"{old}\""), format!("'{old}'")]
        .into_iter()
        .find(|t| rest.starts_with(t.as_str()))
        .ok_or_else(|| format!("ligne {} : « {old} » attendu", loc.line))?;
    line.replace_range(at..at + found.len(), new);
    Ok(())
}

/// Whether the key at `loc` reads `name` (plain or quoted).
fn key_is(lines: &[String], loc: Location, name: &str) -> bool {
    let Some(line) = lines.get(loc.line as usize - 1) else {
        return false;
    };
    let rest: String = line.chars().skip(loc.col as usize - 1).collect();
    [name.to_string(), format!("\"{name}\""), format!("'{name}'")]
        .iter()
        .any(|t| rest.starts_with(&format!("{t}:")))
}

/// The new text of a file after `migrations` (all on this file), or why it cannot be edited
/// automatically.
pub fn rewrite(
    repo: &Repository,
    text: &str,
    spans: &SpanMap,
    migrations: &[&Migration],
) -> Result<String, String> {
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut lines: Vec<String> = text
        .lines()
        .map(|l| l.trim_end_matches('\r').to_string())
        .collect();
    let mut blocks = Vec::new();
    for m in migrations {
        let q = repo
            .questionnaire(&m.questionnaire)
            .ok_or_else(|| format!("questionnaire « {} » introuvable", m.questionnaire))?;
        let qptr = format!("/questionnaires/{}", escape(&m.questionnaire));
        let version = format!("\"{}\"", m.to.replace('\\', "\\\\").replace('"', "\\\""));
        replace_token(
            &mut lines,
            spans.value(&format!("{qptr}/version")),
            &m.from,
            &version,
        )?;
        for (old, new) in &m.renamed {
            let loc = spans.key(&format!("{qptr}/answers/{}", escape(old)));
            replace_token(&mut lines, loc, old, &yaml_key(new))?;
        }
        if m.obsolete.is_empty() && m.missing.is_empty() {
            continue;
        }
        let aptr = format!("{qptr}/answers");
        let answers = spans.lookup(&aptr).and_then(|s| {
            s.key
                .filter(|k| key_is(&lines, *k, "answers"))
                .map(|k| (k, s.value))
        });
        let mut stubs = String::new();
        let (insert_at, pad) = match answers {
            Some((key, value)) => {
                if value.line == key.line {
                    return Err(format!(
                        "ligne {} : réponses écrites en style « {{ … }} », migrez-les à la main",
                        key.line
                    ));
                }
                let start = key.line as usize - 1;
                let end = block_end(&lines, start);
                let (count, entry_pad) = entries(&lines, start, end);
                if count <= m.obsolete.len() {
                    // Every answer becomes a comment: the mapping must stay a mapping.
                    let line = &mut lines[start];
                    let colon = line[..].find("answers").map_or(0, |i| i + "answers".len());
                    let colon = line[colon..]
                        .find(':')
                        .map_or(line.len(), |i| colon + i + 1);
                    line.insert_str(colon, " {}");
                }
                (end + 1, entry_pad)
            }
            None => {
                let qloc = spans.key(&qptr).ok_or("questionnaire introuvable")?;
                let start = qloc.line as usize - 1;
                let pad = indent(&lines[start]) + 2;
                stubs.push_str(&format!("{}# answers:\n", " ".repeat(pad)));
                (block_end(&lines, start) + 1, pad + 2)
            }
        };
        for old in &m.obsolete {
            let key = spans
                .key(&format!("{aptr}/{}", escape(old)))
                .ok_or_else(|| format!("réponse « {old} » introuvable"))?;
            let start = key.line as usize - 1;
            blocks.push(Block::Comment {
                start,
                end: block_end(&lines, start),
                header: format!(
                    "{}# Obsolète : {old} n'existe plus dans la version {}.",
                    " ".repeat(pad),
                    m.to
                ),
            });
        }
        if !m.missing.is_empty() {
            stubs.push_str(&format!(
                "{}## Nouveaux critères de la version {} :\n",
                " ".repeat(pad),
                m.to
            ));
            let date = repo.reference_date();
            for id in &m.missing {
                if let Some(c) = q.criterion(id) {
                    criterion_stub(&mut stubs, c, pad, c.expected_at(date));
                }
            }
        }
        if !stubs.is_empty() {
            blocks.push(Block::Insert {
                at: insert_at,
                text: stubs,
            });
        }
    }
    blocks.sort_by_key(|b| std::cmp::Reverse(b.line()));
    for b in blocks {
        match b {
            Block::Insert { at, text } => {
                let new: Vec<String> = text.lines().map(str::to_string).collect();
                lines.splice(at..at, new);
            }
            Block::Comment { start, end, header } => {
                let pad = indent(&lines[start]);
                for l in &mut lines[start..=end] {
                    let cut = indent(l).min(pad);
                    *l = format!("{}# {}", " ".repeat(pad), &l[cut..]);
                }
                lines.insert(start, header);
            }
        }
    }
    let mut out = lines.join(nl);
    if text.ends_with('\n') {
        out.push_str(nl);
    }
    Ok(out)
}

/// The number of entries of the mapping in lines `start + 1..=end` and their indentation
/// (two more than the key's when there is none).
fn entries(lines: &[String], start: usize, end: usize) -> (usize, usize) {
    let content: Vec<&String> = lines[start + 1..=end]
        .iter()
        .filter(|l| is_content(l))
        .collect();
    let Some(first) = content.first() else {
        return (0, indent(&lines[start]) + 2);
    };
    let pad = indent(first);
    (content.iter().filter(|l| indent(l) == pad).count(), pad)
}
