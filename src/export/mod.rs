//! Exports: scores to JSON (with its JSON Schema) and CSV, answers to CSV. Pure functions that
//! return text, or write it piece by piece to a writer ([`write()`]: the largest files of a build
//! never sit whole in memory); the caller writes the files. Only public subjects (publishable,
//! not archived, validated unless drafts are included) ever reach an export.

pub mod csv;
pub mod format;
pub mod scores_file;

use crate::model::{Date, Repository};
use crate::score::{GroupScore, QuestionnaireInfo, Scores, Settings};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io;

/// How much text the CSV writers gather before handing it to the writer.
const CHUNK: usize = 64 * 1024;

/// File names of a full export, in a fixed order.
pub const FILES: [&str; 4] = [
    "scores.json",
    "scores.schema.json",
    "scores.csv",
    "answers.csv",
];

/// The contents of one file of [`FILES`]; `None` for another name.
pub fn file(name: &str, repo: &Repository, scores: &Scores) -> Option<String> {
    let mut bytes = Vec::new();
    match write(name, repo, scores, &mut bytes) {
        Ok(true) => Some(String::from_utf8(bytes).expect("exports are UTF-8")),
        _ => None,
    }
}

/// Writes one file of [`FILES`] to `w` as it is produced (a subject's rows, a JSON value at a
/// time), the same bytes as [`file()`]; `Ok(false)` for another name.
pub fn write(
    name: &str,
    repo: &Repository,
    scores: &Scores,
    w: &mut dyn io::Write,
) -> io::Result<bool> {
    match name {
        "scores.json" => write_scores_json(repo, scores, w)?,
        "scores.schema.json" => w.write_all(scores_schema().as_bytes())?,
        "scores.csv" => write_scores_csv(scores, w)?,
        "answers.csv" => write_answers_csv(repo, &scores.settings, w)?,
        _ => return Ok(false),
    }
    Ok(true)
}

/// File names and contents of a full export, in a fixed order.
pub fn files(repo: &Repository, scores: &Scores) -> Vec<(&'static str, String)> {
    FILES
        .iter()
        .filter_map(|&name| Some((name, file(name, repo, scores)?)))
        .collect()
}

/// `scores.json`: every figure of the portal, byte-stable, conformity questionnaires apart
/// ([`scores_file`]). Compact: at national scale it holds tens of thousands of sheets, and
/// indentation would make it half as large again.
pub fn scores_json(repo: &Repository, scores: &Scores) -> String {
    // Every map key is a string and serde_json writes non-finite numbers as null: writing to
    // memory cannot fail, and an empty document would be caught by the schema test.
    in_memory(|w| write_scores_json(repo, scores, w))
}

/// What a streaming writer of this module writes, as a string (writing to memory does not
/// fail, and every writer writes UTF-8).
fn in_memory(write: impl FnOnce(&mut dyn io::Write) -> io::Result<()>) -> String {
    let mut bytes = Vec::new();
    let _ = write(&mut bytes);
    String::from_utf8(bytes).unwrap_or_default()
}

/// [`scores_json`], written to `w` one value at a time.
pub fn write_scores_json(
    repo: &Repository,
    scores: &Scores,
    w: &mut dyn io::Write,
) -> io::Result<()> {
    let file = scores_file::ScoresFile::new(repo, scores);
    serde_json::to_writer(&mut *w, &file)?;
    w.write_all(b"\n")
}

/// `scores.schema.json`: the JSON Schema of `scores.json`, generated from the Rust types.
pub fn scores_schema() -> String {
    let schema = schemars::schema_for!(scores_file::ScoresFile<'static>);
    let mut s = serde_json::to_string_pretty(&schema).expect("schema serialises");
    s.push('\n');
    s
}

/// The perimeter as written in every CSV row: `common-core` or `all`, `+drafts` when drafts count.
pub fn perimeter_label(settings: &Settings) -> String {
    let mut p = settings.perimeter.as_str().to_string();
    if settings.include_drafts {
        p.push_str("+drafts");
    }
    p
}

/// Columns of `scores.csv` and of `convergence score --format csv`.
pub const SCORES_COLUMNS: [&str; 13] = [
    "group_by",
    "group",
    "label",
    "questionnaire",
    "axis",
    "date",
    "projected",
    "perimeter",
    "rate",
    "level",
    "max_level",
    "concerned",
    "total",
];

/// Appends the `scores.csv` rows of some groups at one date: per group and questionnaire, one
/// row for the questionnaire (axis `*`, left out when `questionnaire_rows` is false) then one per
/// axis. Conformity questionnaires have no rows: their figures are in `scores.json`'s
/// `conformity` ([`scores_file`]).
pub fn group_rows(
    out: &mut String,
    groups: &[GroupScore],
    infos: &[QuestionnaireInfo],
    date: Date,
    projected: bool,
    settings: &Settings,
    questionnaire_rows: bool,
) {
    let perimeter = perimeter_label(settings);
    let date = date.to_string();
    let projected = projected.to_string();
    for g in groups {
        for (q, info) in g.questionnaires.iter().zip(infos) {
            if info.kind.is_conformity() {
                continue;
            }
            let max = info.max_level.to_string();
            let total = q.total.to_string();
            let mut row = |axis: &str, rate, level, concerned: usize| {
                csv::write_record(
                    out,
                    &[
                        g.group_by.as_str(),
                        &g.key,
                        &g.label,
                        &q.questionnaire,
                        axis,
                        &date,
                        &projected,
                        &perimeter,
                        &format::number(rate),
                        &format::number(level),
                        &max,
                        &concerned.to_string(),
                        &total,
                    ],
                );
            };
            if questionnaire_rows {
                row("*", q.rate, q.level, q.concerned);
            }
            for a in &q.axes {
                row(&a.axis, a.rate, a.level, a.concerned);
            }
        }
    }
}

/// `scores.csv`: one row per snapshot × grouping × group × questionnaire × axis (`*` for the
/// questionnaire itself).
pub fn scores_csv(scores: &Scores) -> String {
    in_memory(|w| write_scores_csv(scores, w))
}

/// [`scores_csv`], written to `w` a grouping at a time.
pub fn write_scores_csv(scores: &Scores, w: &mut dyn io::Write) -> io::Result<()> {
    let mut out = String::new();
    csv::write_record(&mut out, &SCORES_COLUMNS);
    for snap in &scores.snapshots {
        for grouping in &snap.groupings {
            group_rows(
                &mut out,
                &grouping.groups,
                &scores.questionnaires,
                snap.date,
                snap.projected,
                &scores.settings,
                true,
            );
            flush(&mut out, w, 0)?;
        }
    }
    flush(&mut out, w, 0)
}

/// Hands `out` to `w` and empties it once it holds more than `over` bytes.
fn flush(out: &mut String, w: &mut dyn io::Write, over: usize) -> io::Result<()> {
    if out.len() > over {
        w.write_all(out.as_bytes())?;
        out.clear();
    }
    Ok(())
}

/// Columns of `answers.csv`.
pub const ANSWERS_COLUMNS: [&str; 21] = [
    "org",
    "region",
    "subject",
    "name",
    "kind",
    "pos_zone",
    "common_core",
    "editor",
    "solution",
    "solution_version",
    "status",
    "assessed_on",
    "questionnaire",
    "version",
    "axis",
    "criterion",
    "level",
    "expected",
    "comment",
    "plan",
    "not_plannable",
];

/// `answers.csv`: one row per public subject × answered criterion of a questionnaire in force,
/// subjects in path order, criteria in questionnaire order. Expected levels are those at the
/// reference date; the plan is written `2021-T3:2;2022-T2:3`.
pub fn answers_csv(repo: &Repository, settings: &Settings) -> String {
    in_memory(|w| write_answers_csv(repo, settings, w))
}

/// [`answers_csv`], written to `w` in chunks of a few subjects.
pub fn write_answers_csv(
    repo: &Repository,
    settings: &Settings,
    w: &mut dyn io::Write,
) -> io::Result<()> {
    let mut out = String::new();
    csv::write_record(&mut out, &ANSWERS_COLUMNS);
    let regions: HashMap<&str, &str> = repo
        .organisations
        .iter()
        .filter_map(|o| Some((o.value.id.as_str(), o.value.region.as_deref()?)))
        .collect();
    let questionnaires: HashMap<&str, _> = repo
        .questionnaires_in_force()
        .map(|q| (q.id.as_str(), q))
        .collect();
    for sf in &repo.subjects {
        let s = &sf.subject;
        if !settings.is_public(s) {
            continue;
        }
        let kind = serde_plain(&s.kind);
        let status = serde_plain(&s.status);
        let region = regions.get(sf.org.as_str()).copied().unwrap_or_default();
        let assessed_on = s.assessed_on.to_string();
        for (qid, r) in &s.questionnaires {
            let Some(q) = questionnaires.get(qid.as_str()) else {
                continue;
            };
            // Answers given against the superseded version may use previous ids.
            let previous: HashMap<&str, &str> = match &q.supersedes {
                Some(sup) if sup.version == r.version && q.version != r.version => sup
                    .renamed
                    .iter()
                    .map(|(from, to)| (to.as_str(), from.as_str()))
                    .collect(),
                _ => HashMap::new(),
            };
            let mut plan = String::new();
            for (axis, c) in q.criteria() {
                let answer = r.answers.get(c.id.as_str()).or_else(|| {
                    previous
                        .get(c.id.as_str())
                        .and_then(|old| r.answers.get(*old))
                });
                let Some(a) = answer else { continue };
                plan.clear();
                for (i, (q, l)) in a.plan.iter().enumerate() {
                    if i > 0 {
                        plan.push(';');
                    }
                    let _ = write!(plan, "{q}:{l}");
                }
                csv::write_record(
                    &mut out,
                    &[
                        sf.org.as_str(),
                        region,
                        &s.id,
                        &s.name,
                        &kind,
                        opt(&s.pos_zone),
                        opt(&s.common_core),
                        opt(&s.editor),
                        opt(&s.solution),
                        opt(&s.solution_version),
                        &status,
                        &assessed_on,
                        qid,
                        &r.version,
                        &axis.id,
                        &c.id,
                        &a.level.to_string(),
                        &c.expected_at(settings.reference_date).to_string(),
                        opt(&a.comment),
                        &plan,
                        opt(&a.not_plannable),
                    ],
                );
            }
        }
        flush(&mut out, w, CHUNK)?;
    }
    flush(&mut out, w, 0)
}

/// An optional text as a CSV field.
fn opt(o: &Option<String>) -> &str {
    o.as_deref().unwrap_or_default()
}

/// The serde name of a unit enum variant (`service`, `validated`).
fn serde_plain<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}
