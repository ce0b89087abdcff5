//! Plans kept or missed: what subjects had planned in a campaign, compared with what they
//! declared once the planned date had passed. A pure function of the frozen campaigns and the
//! current declarations; the definitions ("plan tenu", "en retard", "abandonné") are in
//! `docs/method.md`.
//!
//! A milestone is one entry `quarter → level L` of a criterion's plan in a campaign, due after
//! the campaign's date. It is judged against the first later declaration (later campaigns in
//! date order, then the current files, whose date is each subject's `assessed_on`) made on or
//! after the end of its quarter, on the same questionnaire and criterion, when that declaration
//! gives a level:
//!
//! - **kept** (tenu): the level declared is at least L;
//! - **late** (en retard): below L, and the later plan still reaches L;
//! - **abandoned** (abandonné): below L, and no later plan reaches L (plan dropped or the
//!   criterion declared not plannable).
//!
//! Milestones with no later declaration of their subject on or after their due date are
//! **pending** (not yet due, or the subject is no longer declared); those whose response or
//! criterion is gone from that declaration, or answered `na`, are not judged.

use crate::model::{Campaign, Date, FrozenSubject, LevelValue, Repository};
use rayon::prelude::*;
use schemars::JsonSchema;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

/// What subjects declared at one point: a campaign, or the current files.
#[derive(Debug, Clone)]
pub struct Declared<'a> {
    /// Campaign identifier, or `None` for the current files.
    pub campaign: Option<&'a str>,
    /// The campaign's date (for the current files: the latest assessment date).
    pub date: Date,
    /// Each subject with the date of its declaration.
    pub subjects: Vec<(Date, Cow<'a, FrozenSubject>)>,
}

impl<'a> Declared<'a> {
    /// The declarations frozen in a campaign, all dated on the campaign's date.
    pub fn campaign(c: &'a Campaign) -> Declared<'a> {
        Declared {
            campaign: Some(&c.id),
            date: c.date,
            subjects: c
                .subjects
                .iter()
                .map(|s| (c.date, Cow::Borrowed(s)))
                .collect(),
        }
    }

    /// The current declarations of the public subjects, each dated on its `assessed_on`, in
    /// the form a campaign freezes them.
    pub fn current(repo: &Repository, settings: &super::Settings) -> Declared<'static> {
        let orgs = repo.organisations_by_id();
        let subjects: Vec<(Date, Cow<'static, FrozenSubject>)> = repo
            .subjects
            .par_iter()
            .filter(|sf| settings.is_public(&sf.subject))
            .map(|sf| {
                let frozen = crate::campaign::frozen_subject(&orgs, sf, settings);
                (sf.subject.assessed_on, Cow::Owned(frozen))
            })
            .collect();
        let date = subjects
            .iter()
            .map(|(d, _)| *d)
            .max()
            .unwrap_or(settings.reference_date);
        Declared {
            campaign: None,
            date,
            subjects,
        }
    }
}

/// How many milestones were kept, late or abandoned.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PlanCounts {
    /// Reached by the planned date.
    pub kept: usize,
    /// Missed, still planned.
    pub late: usize,
    /// Missed, no longer planned.
    pub abandoned: usize,
}

impl PlanCounts {
    /// Milestones judged.
    pub fn judged(&self) -> usize {
        self.kept + self.late + self.abandoned
    }

    /// `(kept, late, abandoned)` as shares of the milestones judged; `None` when none was.
    pub fn shares(&self) -> Option<(f64, f64, f64)> {
        let n = self.judged() as f64;
        (n > 0.0).then(|| {
            (
                self.kept as f64 / n,
                self.late as f64 / n,
                self.abandoned as f64 / n,
            )
        })
    }

    fn add(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Kept => self.kept += 1,
            Outcome::Late => self.late += 1,
            Outcome::Abandoned => self.abandoned += 1,
        }
    }

    fn merge(&mut self, other: PlanCounts) {
        self.kept += other.kept;
        self.late += other.late;
        self.abandoned += other.abandoned;
    }
}

/// The judgement of one milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Kept,
    Late,
    Abandoned,
}

/// The milestones of one campaign, judged.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct PlanReview {
    /// Campaign identifier.
    pub campaign: String,
    /// Campaign date.
    pub date: Date,
    /// Every milestone judged.
    pub national: PlanCounts,
    /// By region code of the subject's organisation.
    pub regions: BTreeMap<String, PlanCounts>,
    /// By questionnaire, then axis.
    pub axes: BTreeMap<String, BTreeMap<String, PlanCounts>>,
    /// By software editor.
    pub editors: BTreeMap<String, PlanCounts>,
    /// By organisation of the subject.
    pub organisations: BTreeMap<String, PlanCounts>,
    /// By subject (its sheet).
    pub subjects: BTreeMap<String, PlanCounts>,
    /// Milestones due after every later declaration: not judged yet.
    pub pending: usize,
}

/// Judges the milestones of every campaign of `sources` (in date order, the current
/// declarations last) against the later ones; one review per source that has a later one.
/// `repo` gives each criterion's axis, from the questionnaire version answered.
pub fn review(repo: &Repository, sources: &[Declared]) -> Vec<PlanReview> {
    let indexed: Vec<HashMap<&str, (Date, &FrozenSubject)>> = sources
        .iter()
        .map(|s| {
            s.subjects
                .iter()
                .map(|(d, f)| (f.id.as_str(), (*d, f.as_ref())))
                .collect()
        })
        .collect();
    let axes = AxisLookup::new(repo);
    let mut out = Vec::new();
    for (i, source) in sources.iter().enumerate() {
        if i + 1 == sources.len() {
            break;
        }
        let Some(id) = source.campaign else { continue };
        let mut r = PlanReview {
            campaign: id.to_string(),
            date: source.date,
            national: PlanCounts::default(),
            regions: BTreeMap::new(),
            axes: BTreeMap::new(),
            editors: BTreeMap::new(),
            organisations: BTreeMap::new(),
            subjects: BTreeMap::new(),
            pending: 0,
        };
        for (_, s) in &source.subjects {
            // The subject's milestones are counted first, then added to each of its groups
            // once (not milestone by milestone).
            let mut mine = PlanCounts::default();
            let mut by_axis: Vec<(&str, &str, PlanCounts)> = Vec::new();
            for (qid, response) in &s.questionnaires {
                for (criterion, plan) in &response.plans {
                    for (quarter, &target) in plan {
                        let due = quarter.end();
                        if due <= source.date {
                            continue;
                        }
                        let later = indexed[i + 1..]
                            .iter()
                            .find_map(|m| m.get(s.id.as_str()).filter(|(d, _)| *d >= due));
                        let Some((_, later)) = later else {
                            r.pending += 1;
                            continue;
                        };
                        let Some(outcome) = judge(later, qid, criterion, target) else {
                            continue;
                        };
                        mine.add(outcome);
                        if let Some(axis) = axes.axis(qid, &response.version, criterion) {
                            match by_axis
                                .iter_mut()
                                .find(|(q, a, _)| *q == &**qid && *a == axis)
                            {
                                Some((_, _, counts)) => counts.add(outcome),
                                None => {
                                    let mut counts = PlanCounts::default();
                                    counts.add(outcome);
                                    by_axis.push((qid, axis, counts));
                                }
                            }
                        }
                    }
                }
            }
            if mine.judged() == 0 {
                continue;
            }
            r.national.merge(mine);
            if let Some(region) = &s.region {
                r.regions.entry(region.clone()).or_default().merge(mine);
            }
            if let Some(editor) = &s.editor {
                r.editors.entry(editor.clone()).or_default().merge(mine);
            }
            r.organisations
                .entry(s.org.clone())
                .or_default()
                .merge(mine);
            r.subjects.entry(s.id.clone()).or_default().merge(mine);
            for (qid, axis, counts) in by_axis {
                r.axes
                    .entry(qid.to_string())
                    .or_default()
                    .entry(axis.to_string())
                    .or_default()
                    .merge(counts);
            }
        }
        out.push(r);
    }
    out
}

/// Judges a milestone of level `target` against a later declaration; `None` when it gives no
/// level for the criterion.
fn judge(later: &FrozenSubject, qid: &str, criterion: &str, target: u8) -> Option<Outcome> {
    let response = later.questionnaires.get(qid)?;
    let LevelValue::Level(level) = *response.levels.get(criterion)? else {
        return None;
    };
    if level >= target {
        return Some(Outcome::Kept);
    }
    let replanned = !response.not_plannable.iter().any(|c| c == criterion)
        && response
            .plans
            .get(criterion)
            .is_some_and(|p| p.values().any(|&l| l >= target));
    Some(if replanned {
        Outcome::Late
    } else {
        Outcome::Abandoned
    })
}

/// Criterion → axis of each questionnaire version (the first file of an id and version, as
/// [`Repository::questionnaire_version`] reads it).
struct AxisLookup<'r> {
    maps: HashMap<&'r str, HashMap<&'r str, HashMap<&'r str, &'r str>>>,
}

impl<'r> AxisLookup<'r> {
    fn new(repo: &'r Repository) -> AxisLookup<'r> {
        let mut maps: HashMap<&str, HashMap<&str, HashMap<&str, &str>>> = HashMap::new();
        for q in repo.questionnaires.iter().map(|q| &q.value) {
            maps.entry(q.id.as_str())
                .or_default()
                .entry(q.version.as_str())
                .or_insert_with(|| {
                    q.criteria()
                        .map(|(a, c)| (c.id.as_str(), a.id.as_str()))
                        .collect()
                });
        }
        AxisLookup { maps }
    }

    fn axis(&self, qid: &str, version: &str, criterion: &str) -> Option<&'r str> {
        self.maps.get(qid)?.get(version)?.get(criterion).copied()
    }
}

#[cfg(test)]
#[path = "plans_tests.rs"]
mod tests;
