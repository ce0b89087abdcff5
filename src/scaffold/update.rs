//! `new --update`: re-applies the preliminary answers of an existing answers file (as written in
//! it, or changed by `--preliminary`) by editing its text. Every criterion that applies and has
//! neither an answer nor a commented line gets its commented stub, as `new` writes it, next to
//! its neighbours in the questionnaire's order; every answer that no longer applies gets a
//! `# ⚠` comment line above it (the answer itself is left to its author). Everything else stays
//! byte for byte, and a second run changes nothing.

use super::text::{Lines, block_end, byte_of_col, indent, is_content, region_end};
use super::{as_written, check_preliminary, criterion_stub, yaml_key, yaml_value};
use crate::diagnostics::{Code, Diagnostic};
use crate::load::SpanMap;
use crate::load::yaml::escape;
use crate::model::{
    Axis, Criterion, PrelimValue, PreliminaryQuestion, Questionnaire, Repository, Response,
};
use crate::source::{Location, SourceFile};
use anyhow::Context;
use std::collections::{BTreeMap, BTreeSet};

/// An answer the preliminary answers no longer allow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disabled {
    /// Questionnaire id.
    pub questionnaire: String,
    /// Criterion id.
    pub criterion: String,
    /// When the criterion applies, in French (`instance_ror = oui`).
    pub condition: String,
}

/// What updating a file does.
#[derive(Debug, Clone)]
pub struct Updated {
    /// The new text (equal to the old one when there is nothing to do).
    pub text: String,
    /// Preliminary answers written: questionnaire, question, value.
    pub set: Vec<(String, String, PrelimValue)>,
    /// Criteria added as commented stubs: questionnaire, criterion.
    pub added: Vec<(String, String)>,
    /// Answers that no longer apply.
    pub disabled: Vec<Disabled>,
}

/// The file being edited: its original lines, locations and the edits recorded so far.
struct Edit<'a> {
    lines: Lines<'a>,
    content: Vec<&'a str>,
    spans: &'a SpanMap,
    path: &'a str,
}

impl Edit<'_> {
    /// The 0-based line of the key at `pointer`, when the file has that key.
    fn key_line(&self, pointer: &str, parent: &str) -> Option<usize> {
        let span = self.spans.lookup(pointer)?;
        if Some(span) == self.spans.lookup(parent) {
            return None;
        }
        Some(span.key.unwrap_or(span.value).line as usize - 1)
    }

    /// Whether the value at `pointer` starts on its key's line (`{ … }` style).
    fn is_flow(&self, pointer: &str) -> bool {
        self.spans
            .lookup(pointer)
            .is_some_and(|s| s.key.is_some_and(|k| k.line == s.value.line))
    }

    /// The first line in `lines` whose text, after its indentation, starts with `prefix`.
    fn find(&self, lines: std::ops::RangeInclusive<usize>, prefix: &str) -> Option<usize> {
        lines
            .into_iter()
            .find(|&i| self.content[i].trim_start().starts_with(prefix))
    }

    fn by_hand(&self, line: usize, what: &str) -> anyhow::Error {
        anyhow::anyhow!(
            "{} ligne {} : {what} ; faites-le à la main, puis relancez",
            self.path,
            line + 1
        )
    }
}

/// Re-applies the preliminary answers of the file at `path` (text `text`, locations `spans`,
/// answers `responses`), `overrides` replacing the answers it gives.
pub fn update(
    repo: &Repository,
    path: &str,
    text: &str,
    spans: &SpanMap,
    responses: &BTreeMap<String, Response>,
    overrides: &BTreeMap<String, PrelimValue>,
) -> anyhow::Result<Updated> {
    let answered: Vec<(&String, &Response, &Questionnaire)> = responses
        .iter()
        .filter_map(|(id, r)| Some((id, r, repo.questionnaire_version(id, &r.version)?)))
        .collect();
    let qs: Vec<&Questionnaire> = answered.iter().map(|(_, _, q)| *q).collect();
    check_preliminary(&qs, "de la fiche", overrides)?;
    let lines = Lines::new(text);
    let content = lines.content().to_vec();
    let mut edit = Edit {
        lines,
        content,
        spans,
        path,
    };
    let mut out = Updated {
        text: String::new(),
        set: Vec::new(),
        added: Vec::new(),
        disabled: Vec::new(),
    };
    for (qid, resp, q) in answered {
        let qptr = format!("/questionnaires/{}", escape(qid));
        let Some(qline) = edit.key_line(&qptr, "/questionnaires") else {
            continue;
        };
        let mut prelim = resp.preliminary.clone();
        let mut changed = Vec::new();
        for p in &q.preliminary {
            if let Some(v) = overrides.get(&p.id) {
                if resp.preliminary.get(&p.id) != Some(v) {
                    changed.push((p, v.clone()));
                    out.set.push((qid.clone(), p.id.clone(), v.clone()));
                }
                prelim.insert(p.id.clone(), v.clone());
            }
        }
        let flow = edit.is_flow(&qptr);
        let region = qline..=region_end(&edit.content, qline);
        let stubs = Stubs {
            q,
            resp,
            qptr: &qptr,
            region: region.clone(),
        };
        let missing: Vec<(&Axis, &Criterion)> = q
            .criteria()
            .filter(|(_, c)| c.applies(&prelim) && stubs.position(&edit, &c.id).is_none())
            .collect();
        if flow && !(changed.is_empty() && missing.is_empty()) {
            return Err(edit.by_hand(qline, &format!("« {qid} » est écrit sur une ligne")));
        }
        let aptr = format!("{qptr}/answers");
        if let Some(line) = edit.key_line(&aptr, &qptr).filter(|_| edit.is_flow(&aptr)) {
            if !missing.is_empty() {
                let ids: Vec<&str> = missing.iter().map(|(_, c)| c.id.as_str()).collect();
                return Err(edit.by_hand(
                    line,
                    &format!(
                        "les réponses sont écrites sur une ligne : ajoutez-y {}",
                        ids.join(", ")
                    ),
                ));
            }
        }
        set_preliminary(&mut edit, &qptr, region, resp, &changed)?;
        stubs.add(&mut edit, repo, &missing)?;
        out.added
            .extend(missing.iter().map(|(_, c)| (qid.clone(), c.id.clone())));
        out.disabled
            .extend(flag_disabled(&mut edit, qid, q, resp, &prelim));
    }
    out.text = edit.lines.apply();
    Ok(out)
}

/// Writes the changed preliminary answers: the value replaced where the file gives one, else a
/// line added under `preliminary:` (uncommenting the lines `new` leaves for it).
fn set_preliminary(
    edit: &mut Edit,
    qptr: &str,
    region: std::ops::RangeInclusive<usize>,
    resp: &Response,
    changed: &[(&PreliminaryQuestion, PrelimValue)],
) -> anyhow::Result<()> {
    let pptr = format!("{qptr}/preliminary");
    let mut absent = Vec::new();
    for (p, v) in changed {
        match resp.preliminary.get(&p.id) {
            Some(old) => {
                let loc = edit.spans.value(&format!("{pptr}/{}", escape(&p.id)));
                replace_scalar(edit, loc, old, yaml_value(v))?;
            }
            None => absent.push((*p, v)),
        }
    }
    let Some((first, _)) = absent.first() else {
        return Ok(());
    };
    let entry = |p: &PreliminaryQuestion, v: &PrelimValue| {
        format!("{}: {}  # {}", yaml_key(&p.id), yaml_value(v), p.question)
    };
    // Where the entries go: under the `preliminary:` key, or under the commented one `new`
    // writes (uncommented), or after `version`.
    let (header, end, pad) = match edit.key_line(&pptr, qptr) {
        Some(line) if edit.is_flow(&pptr) => {
            return Err(edit.by_hand(
                line,
                &format!(
                    "les réponses préliminaires sont écrites sur une ligne : ajoutez-y « {} »",
                    entry(first, absent[0].1)
                ),
            ));
        }
        Some(line) => {
            let end = block_end(&edit.content, line);
            let pad = (line + 1..=end)
                .find(|&i| is_content(edit.content[i]))
                .map_or(indent(edit.content[line]) + 2, |i| indent(edit.content[i]));
            (line, end, pad)
        }
        None => match edit.find(region.clone(), "# preliminary:") {
            Some(line) => {
                let pad = indent(edit.content[line]);
                edit.lines.replace(line, format!("{}preliminary:", sp(pad)));
                (line, line, pad + 2)
            }
            None => {
                let version = edit
                    .key_line(&format!("{qptr}/version"), qptr)
                    .ok_or_else(|| edit.by_hand(*region.start(), "« version » introuvable"))?;
                let pad = indent(edit.content[version]);
                let end = block_end(&edit.content, version);
                edit.lines
                    .insert(end + 1, format!("{}preliminary:", sp(pad)));
                (version, end, pad + 2)
            }
        },
    };
    let below = header + 1..=*region.end();
    for (p, v) in absent {
        let commented = format!("# {}:", yaml_key(&p.id));
        let template = edit
            .find(below.clone(), &commented)
            .filter(|&i| indent(edit.content[i]) == pad);
        match template {
            Some(line) => edit
                .lines
                .replace(line, format!("{}{}", sp(pad), entry(p, v))),
            None => edit
                .lines
                .insert(end + 1, format!("{}{}", sp(pad), entry(p, v))),
        }
    }
    Ok(())
}

/// Replaces the scalar at `loc`, checking that it reads `old`.
fn replace_scalar(
    edit: &mut Edit,
    loc: Option<Location>,
    old: &PrelimValue,
    new: String,
) -> anyhow::Result<()> {
    let loc = loc.context("réponse préliminaire introuvable")?;
    let at = loc.line as usize - 1;
    let line = edit.content.get(at).context("ligne absente")?;
    let start = byte_of_col(line, loc.col);
    let end = byte_of_col(line, loc.col + loc.len);
    let written = line[start..end].trim_matches(['"', '\'']);
    if !written.eq_ignore_ascii_case(&as_written(old)) {
        return Err(edit.by_hand(at, &format!("« {} » attendu", as_written(old))));
    }
    edit.lines.splice(at, start..end, new);
    Ok(())
}

/// Commented stubs of one questionnaire's criteria.
struct Stubs<'q> {
    q: &'q Questionnaire,
    resp: &'q Response,
    qptr: &'q str,
    region: std::ops::RangeInclusive<usize>,
}

impl<'q> Stubs<'q> {
    /// The first and last lines of a criterion in the file: its answer, or its commented line.
    fn position(&self, edit: &Edit, id: &str) -> Option<(usize, usize)> {
        if self.resp.answers.contains_key(id) {
            let aptr = format!("{}/answers", self.qptr);
            let line = edit.key_line(&format!("{aptr}/{}", escape(id)), &aptr)?;
            return Some((line, block_end(&edit.content, line)));
        }
        let line = edit.find(self.region.clone(), &format!("# {}:", yaml_key(id)))?;
        Some((line, line))
    }

    /// The line before which a criterion's stub goes when the criterion at `line` follows it:
    /// above that criterion's `##` lines and `# ⚠` line, and above its axis title when
    /// `with_axis`.
    fn above(edit: &Edit, line: usize, with_axis: bool) -> usize {
        let mut at = line;
        let doc = |l: &str| {
            let t = l.trim_start();
            (t.starts_with("##") && !t.starts_with("## Axe ")) || t.starts_with("# ⚠")
        };
        while at > 0 && doc(edit.content[at - 1]) {
            at -= 1;
        }
        if with_axis && at > 0 && edit.content[at - 1].trim_start().starts_with("## Axe ") {
            at -= 1;
        }
        at
    }

    /// Adds the stubs of `missing`, each next to its neighbours in the questionnaire's order,
    /// with its axis title when the file has no other criterion of that axis (and writes axis
    /// titles, or has no criterion at all).
    fn add(
        &self,
        edit: &mut Edit,
        repo: &Repository,
        missing: &[(&Axis, &Criterion)],
    ) -> anyhow::Result<()> {
        let all: Vec<(&Axis, &Criterion)> = self.q.criteria().collect();
        let mut titled = BTreeSet::new();
        // Axis titles only in a file that has some (as `new` writes them), or for a first stub.
        let has_titles = edit.find(self.region.clone(), "## Axe ").is_some();
        let mut anchor = None;
        let date = repo.reference_date();
        for (axis, c) in missing {
            let i = all.iter().position(|(_, x)| x.id == c.id).unwrap_or(0);
            let near = |&(a, x): &(&'q Axis, &Criterion)| {
                Some((a.id.as_str(), self.position(edit, &x.id)?))
            };
            let before = all[..i].iter().rev().find_map(near);
            let after = all[i + 1..].iter().find_map(near);
            let (at, pad, title) = match (before, after) {
                (Some((a, (first, last))), _) if a == axis.id => {
                    (last + 1, indent(edit.content[first]), false)
                }
                (_, Some((a, (first, _)))) if a == axis.id => (
                    Self::above(edit, first, false),
                    indent(edit.content[first]),
                    false,
                ),
                (Some((_, (first, last))), _) => (last + 1, indent(edit.content[first]), true),
                (None, Some((_, (first, _)))) => (
                    Self::above(edit, first, true),
                    indent(edit.content[first]),
                    true,
                ),
                (None, None) => {
                    let (at, pad) = match anchor {
                        Some(a) => a,
                        None => self.anchor(edit)?,
                    };
                    anchor = Some((at, pad));
                    (at, pad, true)
                }
            };
            let mut text = String::new();
            if title && (has_titles || anchor.is_some()) && titled.insert(axis.id.as_str()) {
                text.push_str(&format!("{}## Axe {} — {}\n", sp(pad), axis.id, axis.title));
            }
            criterion_stub(&mut text, c, pad, c.expected_at(date));
            for line in text.lines() {
                edit.lines.insert(at, line.to_string());
            }
        }
        Ok(())
    }

    /// Where stubs go when the file has no criterion of the questionnaire at all: after
    /// `answers:` or `# answers:`, else after a `# answers:` line added at the end.
    fn anchor(&self, edit: &mut Edit) -> anyhow::Result<(usize, usize)> {
        let aptr = format!("{}/answers", self.qptr);
        if let Some(line) = edit.key_line(&aptr, self.qptr) {
            let end = block_end(&edit.content, line);
            let pad = (line + 1..=end)
                .find(|&i| is_content(edit.content[i]))
                .map_or(indent(edit.content[line]) + 2, |i| indent(edit.content[i]));
            return Ok((line + 1, pad));
        }
        if let Some(line) = edit.find(self.region.clone(), "# answers:") {
            return Ok((line + 1, indent(edit.content[line]) + 2));
        }
        let start = *self.region.start();
        let end = block_end(&edit.content, start);
        let pad = (start + 1..=end)
            .find(|&i| is_content(edit.content[i]))
            .map_or(indent(edit.content[start]) + 2, |i| indent(edit.content[i]));
        edit.lines.insert(end + 1, format!("{}# answers:", sp(pad)));
        Ok((end + 1, pad + 2))
    }
}

/// Puts a `# ⚠` line above each answer that no longer applies (once), removes the one above an
/// answer that applies again, and lists the answers that no longer apply.
fn flag_disabled(
    edit: &mut Edit,
    qid: &str,
    q: &Questionnaire,
    resp: &Response,
    prelim: &BTreeMap<String, PrelimValue>,
) -> Vec<Disabled> {
    let aptr = format!("/questionnaires/{}/answers", escape(qid));
    let mut out = Vec::new();
    for cid in resp.answers.keys() {
        let (Some(c), Some(line)) = (
            q.criterion(cid),
            edit.key_line(&format!("{aptr}/{}", escape(cid)), &aptr),
        ) else {
            continue;
        };
        let marker = format!("# ⚠ {cid} ne s'applique plus");
        let above = line
            .checked_sub(1)
            .filter(|&i| edit.content[i].trim_start().starts_with(&marker));
        if c.applies(prelim) {
            if let Some(i) = above {
                edit.lines.remove(i);
            }
            continue;
        }
        let condition = condition(c);
        let warning = format!(
            "{}{marker} ({condition}) : supprimez cette réponse, ou corrigez « preliminary ».",
            sp(indent(edit.content[line]))
        );
        match above {
            Some(i) if edit.content[i] == warning => {}
            Some(i) => edit.lines.replace(i, warning),
            None => edit.lines.insert(line, warning),
        }
        out.push(Disabled {
            questionnaire: qid.to_string(),
            criterion: cid.clone(),
            condition,
        });
    }
    out
}

/// When a criterion applies, in French: `instance_ror = oui et type = hopital`.
fn condition(c: &Criterion) -> String {
    format!("il s'applique si {}", c.conditions().join(" et "))
}

fn sp(n: usize) -> String {
    " ".repeat(n)
}

/// One warning per answer that no longer applies, located at its key in the updated `text`.
pub fn warnings(path: &str, text: &str, disabled: &[Disabled]) -> Vec<Diagnostic> {
    let src = SourceFile::new(path, text);
    let spans = crate::load::yaml::locate(&src);
    disabled
        .iter()
        .map(|d| {
            let pointer = format!(
                "/questionnaires/{}/answers/{}",
                escape(&d.questionnaire),
                escape(&d.criterion)
            );
            Diagnostic::warning(
                Code::CriterionNotApplicable,
                path,
                format!(
                    "la réponse à {} (« {} ») ne s'applique plus d'après les réponses préliminaires",
                    d.criterion, d.questionnaire
                ),
            )
            .at(spans.as_ref().and_then(|s| s.key(&pointer)))
            .hint(format!(
                "{} ; supprimez cette réponse, ou corrigez « preliminary » : « convergence validate » la refuse tant qu'elle reste",
                d.condition
            ))
        })
        .collect()
}
