//! One subject's scores on one questionnaire: per axis and for the questionnaire, now or
//! projected at a date from its convergence plan.

use super::Settings;
use super::index::{Crit, Index, QIndex};
use crate::model::{
    Answer, Date, LevelValue, Quarter, Repository, Response, ScaleKind, SubjectFile,
};
use schemars::JsonSchema;
use serde::Serialize;

/// A subject's scores on one questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct SubjectScore {
    /// Questionnaire identifier.
    pub questionnaire: String,
    /// Rate in [0, 1]: mean of the axis rates (maturity), share of requirements met
    /// (requirement), or score / 100 (graded).
    pub rate: f64,
    /// Level in [0, max]: mean of the axis levels (maturity), or weighted mean of all levels.
    pub level: f64,
    /// Criteria answered with a level and counted.
    pub answered: usize,
    /// Applicable criteria answered "non applicable".
    pub na: usize,
    /// Requirement scales: whether every applicable mandatory requirement is met.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mandatory_met: Option<bool>,
    /// Graded scales: the letter grade of the score.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
    /// The axes answered with at least one level, in questionnaire order (others are dropped).
    pub axes: Vec<AxisScore>,
}

/// A subject's scores on one axis.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct AxisScore {
    /// Axis identifier.
    pub axis: String,
    /// Rate in [0, 1].
    pub rate: f64,
    /// Weighted mean level.
    pub level: f64,
    /// Criteria of the axis answered with a level.
    pub answered: usize,
}

/// The level of an answer at a date: the level of the latest plan milestone whose quarter ends
/// on or before `at`, else the current level. `None` gives the current level, and so does a
/// criterion marked not plannable. Levels above `max` are capped to it.
pub fn projected_level(answer: &Answer, at: Option<Date>, max: u8) -> LevelValue {
    projected_after(answer, at.map(last_ended), max)
}

/// The last quarter that has ended on or before `at` (`None` before year 1).
fn last_ended(at: Date) -> Option<Quarter> {
    let q = at.quarter();
    if q.end() <= at {
        Some(q)
    } else if q.q > 1 {
        Some(Quarter {
            year: q.year,
            q: q.q - 1,
        })
    } else {
        q.year.checked_sub(1).map(|year| Quarter { year, q: 4 })
    }
}

/// [`projected_level`] with the date given as its last ended quarter (`Some(None)`: none has
/// ended), so that scoring many answers at one date works it out once.
fn projected_after(answer: &Answer, at: Option<Option<Quarter>>, max: u8) -> LevelValue {
    let current = answer.level;
    let level = match (at, current) {
        (Some(last), LevelValue::Level(_)) if answer.not_plannable.is_none() => last
            .and_then(|last| answer.plan.range(..=last).next_back())
            .map_or(current, |(_, &l)| LevelValue::Level(l)),
        _ => current,
    };
    match level {
        LevelValue::Level(l) => LevelValue::Level(l.min(max)),
        na => na,
    }
}

/// Scores `file` on the questionnaire `questionnaire` (its version in force), with current levels
/// (`at` = `None`) or projected at `at`. `None` when the subject did not answer any applicable
/// criterion of it with a level, when the questionnaire is unknown, or when projecting a subject
/// to be decommissioned. The perimeter is not considered: this is for the subject's own sheet.
/// Builds the lookup maps on each call: to score many subjects, use a [`Scorer`].
pub fn score_subject(
    repo: &Repository,
    file: &SubjectFile,
    questionnaire: &str,
    at: Option<Date>,
    settings: &Settings,
) -> Option<SubjectScore> {
    Scorer::new(repo, settings).score(file, questionnaire, at)
}

/// Scores subjects one by one with lookup maps built once, for subject sheets.
pub struct Scorer<'a> {
    index: Index<'a>,
}

impl<'a> Scorer<'a> {
    /// Indexes `repo` for `settings`.
    pub fn new(repo: &'a Repository, settings: &Settings) -> Scorer<'a> {
        Scorer {
            index: Index::new(repo, settings),
        }
    }

    /// Scores one subject on one questionnaire; see [`score_subject`].
    pub fn score(
        &self,
        file: &SubjectFile,
        questionnaire: &str,
        at: Option<Date>,
    ) -> Option<SubjectScore> {
        let qi = self.index.questionnaire(questionnaire)?;
        let response = file.subject.questionnaires.get(questionnaire)?;
        score_response(qi, file.subject.decommissioning, response, at)
    }

    /// Scores one subject on every questionnaire it answered, in questionnaire order.
    pub fn score_all(&self, file: &SubjectFile, at: Option<Date>) -> Vec<SubjectScore> {
        super::perimeter::score_subject(&self.index, &file.subject, at)
    }
}

/// The criterion's contribution in [0, 1]: capped ratio to the expected level (maturity),
/// met or not (requirement), share of the scale (graded).
fn ratio(kind: ScaleKind, level: u8, expected: u8, max: u8) -> f64 {
    match kind {
        ScaleKind::Maturity if expected == 0 || level >= expected => 1.0,
        ScaleKind::Maturity => f64::from(level) / f64::from(expected),
        ScaleKind::Requirement => f64::from(u8::from(level >= 1)),
        ScaleKind::Graded if max == 0 => 1.0,
        ScaleKind::Graded => f64::from(level) / f64::from(max),
    }
}

/// A subject's scores on one questionnaire without names: axes by position, `answered` 0 for
/// a dropped axis. What aggregates sum.
#[derive(Debug, Clone)]
pub(super) struct Raw {
    /// Questionnaire rate.
    pub rate: f64,
    /// Questionnaire level.
    pub level: f64,
    /// Criteria answered with a level.
    pub answered: usize,
    /// Criteria answered "non applicable".
    pub na: usize,
    /// Requirement scales: every applicable mandatory requirement met.
    pub mandatory_met: Option<bool>,
    /// Per axis of the questionnaire, in file order.
    pub axes: Vec<AxisRaw>,
}

/// A subject's scores on one axis, by position.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct AxisRaw {
    /// Sum of weights, then (after [`score_raw`]) the rate.
    pub rate: f64,
    /// Weighted level sum, then the mean level.
    pub level: f64,
    /// Sum of weights.
    weight: f64,
    /// Criteria answered with a level; 0 when the axis is dropped.
    pub answered: usize,
}

impl AxisRaw {
    fn add(&mut self, w: f64, ratio: f64, level: f64) {
        self.weight += w;
        self.rate += w * ratio;
        self.level += w * level;
        self.answered += 1;
    }
}

/// Scores one response; see [`score_subject`].
pub(super) fn score_response(
    qi: &QIndex,
    decommissioning: bool,
    r: &Response,
    at: Option<Date>,
) -> Option<SubjectScore> {
    let raw = score_raw(qi, decommissioning, r, at)?;
    let grade = (qi.kind == ScaleKind::Graded)
        .then(|| qi.scale.grade_for(raw.rate * 100.0).map(str::to_string))
        .flatten();
    Some(SubjectScore {
        questionnaire: qi.q.id.clone(),
        rate: raw.rate,
        level: raw.level,
        answered: raw.answered,
        na: raw.na,
        mandatory_met: raw.mandatory_met,
        grade,
        axes: exact(
            raw.axes
                .iter()
                .zip(&qi.q.axes)
                .filter(|(a, _)| a.answered > 0)
                .map(|(a, axis)| AxisScore {
                    axis: axis.id.clone(),
                    rate: a.rate,
                    level: a.level,
                    answered: a.answered,
                }),
        ),
    })
}

/// The items of `items` in a vector without spare room. A build keeps every subject's scores
/// to its end, a few small vectors each, and a vector collected from a filter has room for
/// four items or twice its length; `shrink_to_fit` would not help, since mimalloc shrinks a
/// block in place, keeping it whole, when the new size is at least half of it.
pub(super) fn exact<T>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut collected: Vec<T> = items.collect();
    if collected.len() == collected.capacity() {
        return collected;
    }
    let mut exact = Vec::with_capacity(collected.len());
    exact.append(&mut collected);
    exact
}

/// A response's answers matched to their criteria, with the criteria that do not count
/// (zero weight, not applicable by the preliminary answers, unknown) left out: what scoring at
/// any date needs, resolved once.
pub(super) type Resolved<'a, 'r> = Vec<(Crit<'a>, &'r Answer)>;

/// Matches a response's answers to the criteria of `qi`; see [`Resolved`].
pub(super) fn resolve<'a, 'r>(qi: &QIndex<'a>, r: &'r Response) -> Resolved<'a, 'r> {
    r.answers
        .iter()
        .filter_map(|(key, answer)| {
            let crit = qi.criterion(key, &r.version)?;
            let c = crit.c;
            let counts = c.weight > 0.0 && c.weight.is_finite() && c.applies(&r.preliminary);
            counts.then_some((crit, answer))
        })
        .collect()
}

/// Scores one response without names, the inner loop of every aggregate.
pub(super) fn score_raw(
    qi: &QIndex,
    decommissioning: bool,
    r: &Response,
    at: Option<Date>,
) -> Option<Raw> {
    if at.is_some() && decommissioning {
        return None;
    }
    score_resolved(qi, r, &resolve(qi, r), at)
}

/// Scores one response whose answers are already [`resolve`]d.
pub(super) fn score_resolved(
    qi: &QIndex,
    r: &Response,
    resolved: &[(Crit, &Answer)],
    at: Option<Date>,
) -> Option<Raw> {
    let mut axes = vec![AxisRaw::default(); qi.q.axes.len()];
    let mut total = AxisRaw::default();
    let mut na = 0;
    let after = at.map(last_ended);
    for (crit, answer) in resolved {
        match projected_after(answer, after, qi.max) {
            LevelValue::NotApplicable => na += 1,
            LevelValue::Level(l) => {
                let x = ratio(qi.kind, l, crit.expected, qi.max);
                axes[crit.axis].add(crit.c.weight, x, f64::from(l));
                total.add(crit.c.weight, x, f64::from(l));
            }
        }
    }
    if total.answered == 0 {
        return None;
    }
    let mut n = 0.0;
    let (mut rate_sum, mut level_sum) = (0.0, 0.0);
    for a in axes.iter_mut().filter(|a| a.answered > 0) {
        a.rate /= a.weight;
        a.level /= a.weight;
        rate_sum += a.rate;
        level_sum += a.level;
        n += 1.0;
    }
    let (rate, level) = match qi.kind {
        ScaleKind::Maturity => (rate_sum / n, level_sum / n),
        ScaleKind::Requirement | ScaleKind::Graded => {
            (total.rate / total.weight, total.level / total.weight)
        }
    };
    let mandatory_met = (qi.kind == ScaleKind::Requirement).then(|| {
        qi.mandatory
            .iter()
            .filter(|c| c.applies(&r.preliminary))
            .all(|c| {
                r.answers.get(c.id.as_str()).is_some_and(|a| {
                    projected_after(a, after, qi.max)
                        .value()
                        .is_none_or(|l| l >= 1)
                })
            })
    });
    Some(Raw {
        rate: rate.clamp(0.0, 1.0),
        level: level.clamp(0.0, f64::from(qi.max)),
        answered: total.answered,
        na,
        mandatory_met,
        axes,
    })
}
