//! The scoring loops: every member of the perimeter, every organisation, scored at one date
//! with the lookup maps of an [`Index`].

use super::SubjectScore;
use super::index::{Index, QIndex};
use super::subject::{self, Raw, Resolved};
use crate::model::{Date, Organisation, Response, Subject, SubjectFile};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// A subject of the perimeter with its responses to the questionnaires in force, resolved.
pub(super) struct Member<'a> {
    /// The subject.
    pub file: &'a SubjectFile,
    /// Questionnaire position, response, and its answers matched to criteria.
    pub responses: Vec<(usize, &'a Response, Resolved<'a, 'a>)>,
}

/// One respondent's scores at one date, by questionnaire position.
pub(super) struct Scored<T> {
    /// The respondent: a subject, or an organisation for organisation-level questionnaires.
    pub who: T,
    /// Whether it has a response to each questionnaire (it counts in the total).
    pub responded: Vec<bool>,
    /// Its score for each questionnaire, when it answered at least one criterion with a level.
    pub scores: Vec<Option<Raw>>,
}

/// Scores `responses` (questionnaire id → response) on every questionnaire of `qis` it
/// answered, in questionnaire order.
pub(super) fn score_all(
    qis: &[QIndex],
    responses: &BTreeMap<String, Response>,
    decommissioning: bool,
    at: Option<Date>,
) -> Vec<SubjectScore> {
    subject::exact(qis.iter().filter_map(|qi| {
        let r = responses.get(qi.q.id.as_str())?;
        subject::score_response(qi, decommissioning, r, at)
    }))
}

/// Scores one subject on every service-scope questionnaire it answered, in questionnaire order.
pub(super) fn score_subject(index: &Index, s: &Subject, at: Option<Date>) -> Vec<SubjectScore> {
    score_all(
        &index.questionnaires,
        &s.questionnaires,
        s.decommissioning,
        at,
    )
}

/// Matches the answers of every subject of the perimeter to their criteria, once for all the
/// dates [`score_members`] is then called with.
pub(super) fn members<'a>(index: &Index<'a>) -> Vec<Member<'a>> {
    index
        .repo
        .subjects
        .par_iter()
        .filter(|sf| index.settings.in_perimeter(&sf.subject))
        .map(|sf| member(index, sf))
        .collect()
}

/// One subject's answers matched to their criteria (see [`members`]).
pub(super) fn member<'a>(index: &Index<'a>, sf: &'a SubjectFile) -> Member<'a> {
    Member {
        file: sf,
        responses: sf
            .subject
            .questionnaires
            .iter()
            .filter_map(|(qid, r)| {
                let &i = index.by_id.get(qid.as_str())?;
                Some((i, r, subject::resolve(&index.questionnaires[i], r)))
            })
            .collect(),
    }
}

/// Scores every member of the perimeter, at the reference date (`None`) or projected at a date
/// (decommissioned subjects then left out).
pub(super) fn score_members<'a>(
    index: &Index<'a>,
    members: &[Member<'a>],
    at: Option<Date>,
) -> Vec<Scored<&'a SubjectFile>> {
    members
        .par_iter()
        .filter(|m| at.is_none() || !m.file.subject.decommissioning)
        .map(|m| score_member(index, m, at))
        .collect()
}

/// One member scored (see [`score_members`]).
pub(super) fn score_member<'a>(
    index: &Index<'a>,
    m: &Member<'a>,
    at: Option<Date>,
) -> Scored<&'a SubjectFile> {
    let mut responded = vec![false; index.questionnaires.len()];
    let mut scores = vec![None; index.questionnaires.len()];
    for (i, r, resolved) in &m.responses {
        responded[*i] = true;
        scores[*i] = subject::score_resolved(&index.questionnaires[*i], r, resolved, at);
    }
    Scored {
        who: m.file,
        responded,
        scores,
    }
}

/// Scores organisations on the organisation-level questionnaires at one date.
pub(super) fn score_organisations<'a>(
    qis: &[QIndex],
    orgs: &[&'a Organisation],
    at: Option<Date>,
) -> Vec<Scored<&'a Organisation>> {
    orgs.iter()
        .map(|o| {
            let responses = qis.iter().map(|qi| o.questionnaires.get(qi.q.id.as_str()));
            let (responded, scores) = responses
                .zip(qis)
                .map(|(r, qi)| {
                    let raw = r.and_then(|r| subject::score_raw(qi, false, r, at));
                    (r.is_some(), raw)
                })
                .unzip();
            Scored {
                who: *o,
                responded,
                scores,
            }
        })
        .collect()
}
