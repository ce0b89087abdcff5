//! What conformity adds to other pages: on each holder's sheet its results, and beside them the
//! levels of its latest external assessment with the gaps; on each solution page the results of
//! the services and products that use it.

use super::super::labels::add_value;
use super::{page_url, percent, result_of, sheet_url};
use crate::model::{LevelValue, ScaleKind, Scope};
use crate::score::{self, AssessmentGaps, ConformityReport, QuestionnaireGaps, SubjectScore};
use crate::site::index::Index;
use crate::site::urls;
use crate::site::views::{Link, PageJob, fr_date};
use serde::Serialize;
use std::collections::BTreeMap;

/// One entry of a conformity section: a questionnaire and a holder's result on it.
#[derive(Debug, Clone, Serialize)]
struct SheetEntry {
    title: String,
    url: String,
    /// On a solution page: the service or product the result is of.
    holder: Option<Link>,
    share: String,
    result: String,
    conforme: bool,
    illustrative: bool,
}

/// The external assessment section of a sheet.
#[derive(Debug, Clone, Serialize)]
struct AssessmentView {
    assessor: Link,
    date: String,
    questionnaires: Vec<GapsView>,
}

/// One questionnaire's levels side by side.
#[derive(Debug, Clone, Serialize)]
struct GapsView {
    title: String,
    url: String,
    own: String,
    external: String,
    summary: String,
    rows: Vec<GapRow>,
}

#[derive(Debug, Clone, Serialize)]
struct GapRow {
    id: String,
    title: String,
    own: String,
    external: String,
    gap: String,
}

/// The entry of holder `h` of `r`, naming the holder when `holder` is given.
fn entry(r: &ConformityReport, h: &score::Holder, holder: Option<Link>) -> SheetEntry {
    let graded = r.questionnaire.kind == ScaleKind::Graded;
    let (result, conforme) = result_of(graded, h);
    SheetEntry {
        title: r.questionnaire.title.clone(),
        url: page_url(&r.questionnaire.id),
        holder,
        share: if graded {
            format!("score {:.1} / 100", h.share * 100.0).replace('.', ",")
        } else {
            format!("{} des exigences respectées", percent(h.share))
        },
        result,
        conforme,
        illustrative: r.illustrative,
    }
}

/// A result in words: share and verdict, score and grade, or rate and level.
fn result_text(g: &QuestionnaireGaps, s: Option<&SubjectScore>) -> String {
    let Some(s) = s else {
        return "sans réponse".into();
    };
    let q = &g.questionnaire;
    match q.kind {
        ScaleKind::Requirement => format!(
            "{}, {}",
            percent(s.rate),
            score::Verdict::of(s.mandatory_met.unwrap_or(false)).label()
        ),
        ScaleKind::Graded => format!(
            "score {:.1} / 100, niveau {}",
            s.rate * 100.0,
            s.grade.as_deref().unwrap_or("—")
        )
        .replace('.', ","),
        ScaleKind::Maturity => format!(
            "taux {}, niveau {:.2} / {}",
            percent(s.rate),
            s.level,
            q.max_level
        )
        .replace('.', ","),
    }
}

fn level_text(l: Option<LevelValue>) -> String {
    match l {
        Some(LevelValue::Level(v)) => v.to_string(),
        Some(LevelValue::NotApplicable) => "non applicable".into(),
        None => "—".into(),
    }
}

fn gap_text(gap: Option<i16>) -> String {
    match gap {
        Some(g) if g > 0 => format!("+{g}"),
        Some(g) if g < 0 => format!("−{}", -g),
        Some(_) => "0".into(),
        None => "—".into(),
    }
}

/// "4 critères comparés : 2 au même niveau, 1 plus haut et 1 plus bas selon l'évaluateur".
fn gap_summary(g: &QuestionnaireGaps) -> String {
    let same = g.compared - g.higher - g.lower;
    format!(
        "{} critère(s) comparé(s) : {same} au même niveau, {} plus haut et {} plus bas selon \
         l'évaluateur",
        g.compared, g.higher, g.lower
    )
}

fn assessment_view(ix: &Index, a: &AssessmentGaps) -> AssessmentView {
    let name = ix
        .repo
        .organisation(&a.assessor)
        .map_or(a.assessor.as_str(), |o| o.name.as_str());
    AssessmentView {
        assessor: Link::new(name, urls::organisation(&a.assessor)),
        date: fr_date(a.assessed_on),
        questionnaires: a
            .questionnaires
            .iter()
            .map(|g| GapsView {
                title: g.questionnaire.title.clone(),
                url: urls::questionnaire(&g.questionnaire.id),
                own: result_text(g, g.own.as_ref()),
                external: result_text(g, g.external.as_ref()),
                summary: gap_summary(g),
                rows: g
                    .criteria
                    .iter()
                    .map(|c| GapRow {
                        id: c.criterion.clone(),
                        title: c.title.clone(),
                        own: level_text(c.own),
                        external: level_text(c.external),
                        gap: gap_text(c.gap),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// Adds `conformity` (results) and `assessment` (external levels beside the sheet's own) to
/// each holder's sheet among `jobs`, and `conformity` to the page of each solution its
/// services and products use.
pub(super) fn decorate(ix: &Index, jobs: &mut [PageJob<'_>], reports: &[ConformityReport]) {
    let subjects = ix.repo.subjects_by_id();
    let mut entries: BTreeMap<String, Vec<SheetEntry>> = BTreeMap::new();
    for r in reports {
        for h in &r.holders {
            let sheet = sheet_url(r, h);
            entries
                .entry(sheet.clone())
                .or_default()
                .push(entry(r, h, None));
            let used = (r.scope == Scope::Service)
                .then(|| subjects.get(h.id.as_str()))
                .flatten()
                .and_then(|s| {
                    let s = &s.subject;
                    Some(urls::solution(s.editor.as_deref()?, s.solution.as_deref()?))
                });
            if let Some(solution) = used {
                let holder = Link::new(h.name.clone(), sheet);
                entries
                    .entry(solution)
                    .or_default()
                    .push(entry(r, h, Some(holder)));
            }
        }
    }
    let mut assessments: BTreeMap<String, AssessmentView> =
        score::assessment_gaps(ix.repo, &ix.settings)
            .iter()
            .filter(|a| !a.questionnaires.is_empty())
            .map(|a| (urls::subject(&a.subject), assessment_view(ix, a)))
            .collect();
    for job in jobs.iter_mut() {
        if let Some(e) = entries.remove(&job.path) {
            add_value(job, "conformity", minijinja::Value::from_serialize(&e));
        }
        if let Some(a) = assessments.remove(&job.path) {
            add_value(job, "assessment", minijinja::Value::from_serialize(&a));
        }
    }
}
