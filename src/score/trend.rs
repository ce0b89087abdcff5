//! Trends across campaigns, like with like: a group's figures per questionnaire and axis in
//! each frozen campaign, and, between two consecutive campaigns, whether they compare. Across
//! questionnaire versions an axis compares when its criteria are the same once the renames of
//! `supersedes.renamed` are followed; an obsolete or a new criterion is a break, never silently
//! mixed. The questionnaire as a whole compares only on the same version.

use super::index::QIndex;
use super::subject::{Raw, score_resolved};
use crate::model::{
    Answer, Campaign, Date, FrozenAggregate, FrozenResponse, FrozenSubject, Repository, Response,
    ScaleKind,
};
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One campaign's figure in a trend.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct TrendPoint {
    /// Campaign identifier.
    pub campaign: String,
    /// Campaign date.
    pub date: Date,
    /// Questionnaire version in force in that campaign.
    pub version: String,
    /// Mean rate; absent when no subject was concerned.
    pub rate: Option<f64>,
    /// Mean level; absent when no subject was concerned.
    pub level: Option<f64>,
    /// Subjects concerned.
    pub concerned: usize,
    /// Subjects of the group with a response.
    pub total: usize,
}

/// Whether two consecutive points compare, and why not.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct TrendLink {
    /// The earlier campaign.
    pub from: String,
    /// The later campaign.
    pub to: String,
    /// The two figures measure the same criteria (renames followed).
    pub comparable: bool,
    /// Criteria renamed between the versions, followed: `(previous id, new id)`.
    pub renamed: Vec<(String, String)>,
    /// Criteria of the earlier version gone from the later one.
    pub obsolete: Vec<String>,
    /// Criteria of the later version absent from the earlier one.
    pub new: Vec<String>,
}

/// The trend of one group on one questionnaire (`axis` absent) or one of its axes.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Trend {
    /// Questionnaire identifier.
    pub questionnaire: String,
    /// Axis identifier; absent for the questionnaire as a whole.
    pub axis: Option<String>,
    /// One point per campaign that has the figure, in date order.
    pub points: Vec<TrendPoint>,
    /// Between each two consecutive points.
    pub links: Vec<TrendLink>,
}

/// The trends of group `group` of grouping `group_by` (`national`, `region`…) across
/// `campaigns` (in date order): one per questionnaire, then one per axis, in the order of the
/// latest campaign that has them.
pub fn trends(
    repo: &Repository,
    campaigns: &[&Campaign],
    group_by: &str,
    group: &str,
) -> Vec<Trend> {
    History::new(repo, campaigns).trends(group_by, group)
}

/// Aggregate key: grouping, group, questionnaire, axis.
type AggregateKey<'a> = (&'a str, &'a str, &'a str, Option<&'a str>);

/// The frozen campaigns indexed once for the trends of many pages: aggregates by key, subjects
/// by id, and each campaign's questionnaires ready for scoring a subject's frozen levels.
pub struct History<'a> {
    repo: &'a Repository,
    campaigns: Vec<&'a Campaign>,
    /// Trend keys (questionnaire, axis), in the order of the latest campaign that has them.
    keys: Vec<(String, Option<String>)>,
    aggregates: Vec<HashMap<AggregateKey<'a>, &'a FrozenAggregate>>,
    subjects: Vec<HashMap<&'a str, &'a FrozenSubject>>,
    /// Per campaign: questionnaire id → the version in force then, indexed at the campaign's
    /// date (absent when the repository no longer holds that version or its scale).
    scorers: Vec<HashMap<&'a str, QIndex<'a>>>,
}

impl<'a> History<'a> {
    /// Indexes `campaigns` (in date order).
    pub fn new(repo: &'a Repository, campaigns: &[&'a Campaign]) -> History<'a> {
        let mut keys: Vec<(String, Option<String>)> = Vec::new();
        let mut seen = BTreeSet::new();
        for c in campaigns.iter().rev() {
            for q in &c.questionnaires {
                let axes = std::iter::once(None).chain(q.axes.iter().cloned().map(Some));
                for axis in axes {
                    let key = (q.id.clone(), axis);
                    if seen.insert(key.clone()) {
                        keys.push(key);
                    }
                }
            }
        }
        keys.sort_by_key(|(q, _)| {
            campaigns
                .last()
                .and_then(|c| c.questionnaires.iter().position(|x| &x.id == q))
                .unwrap_or(usize::MAX)
        });
        let aggregates = campaigns
            .iter()
            .map(|c| {
                c.aggregates
                    .iter()
                    .map(|a| {
                        let key = (
                            a.group_by.as_str(),
                            a.group.as_str(),
                            a.questionnaire.as_str(),
                            a.axis.as_deref(),
                        );
                        (key, a)
                    })
                    .collect()
            })
            .collect();
        let subjects = campaigns
            .iter()
            .map(|c| c.subjects.iter().map(|s| (s.id.as_str(), s)).collect())
            .collect();
        let scorers = campaigns
            .iter()
            .map(|c| {
                c.questionnaires
                    .iter()
                    .filter_map(|fq| {
                        let q = repo.questionnaire_version(&fq.id, &fq.version)?;
                        let scale = repo.scale(&q.scale)?;
                        Some((fq.id.as_str(), QIndex::new(q, scale, c.date)))
                    })
                    .collect()
            })
            .collect();
        History {
            repo,
            campaigns: campaigns.to_vec(),
            keys,
            aggregates,
            subjects,
            scorers,
        }
    }

    /// The campaigns, in date order.
    pub fn campaigns(&self) -> &[&'a Campaign] {
        &self.campaigns
    }

    /// The trends of group `group` of grouping `group_by`: one per questionnaire, then one per
    /// axis, in the order of the latest campaign that has them (see [`trends`]).
    pub fn trends(&self, group_by: &str, group: &str) -> Vec<Trend> {
        self.trends_of(group_by, group, None)
    }

    /// [`History::trends`] of the questionnaires as a whole (`only` `Some(None)`) or of one
    /// axis (`Some(Some(axis))`) only; every trend when `only` is `None`.
    pub fn trends_of(&self, group_by: &str, group: &str, only: Option<Option<&str>>) -> Vec<Trend> {
        self.collect(only, |i, qid, axis| {
            let a = self.aggregates[i].get(&(group_by, group, qid, axis))?;
            Some((a.rate, a.level, a.concerned, a.total))
        })
    }

    /// The trends of one subject's sheet: its frozen levels in each campaign, scored as its
    /// own sheet was then (the questionnaire version in force and the expected levels at the
    /// campaign's date; decommissioning and perimeter do not matter on a sheet).
    /// `concerned` and `total` are 1 when it has a figure.
    pub fn subject_trends(&self, subject: &str) -> Vec<Trend> {
        self.subject_trends_of(subject, None)
    }

    /// [`History::subject_trends`] restricted as [`History::trends_of`] says.
    pub fn subject_trends_of(&self, subject: &str, only: Option<Option<&str>>) -> Vec<Trend> {
        // Each response scored once, then read for the questionnaire and each of its axes.
        let scored: Vec<HashMap<&str, (&QIndex, Raw)>> = (0..self.campaigns.len())
            .map(|i| {
                let Some(s) = self.subjects[i].get(subject) else {
                    return HashMap::new();
                };
                s.questionnaires
                    .iter()
                    .filter_map(|(qid, response)| {
                        let (id, qi) = self.scorers[i].get_key_value(&**qid)?;
                        Some((*id, (qi, score_frozen(qi, response)?)))
                    })
                    .collect()
            })
            .collect();
        self.collect(only, |i, qid, axis| {
            let (qi, raw) = scored[i].get(qid)?;
            let (rate, level) = match axis {
                None => (raw.rate, raw.level),
                Some(axis) => {
                    let pos = qi.q.axes.iter().position(|a| a.id == axis)?;
                    let a = raw.axes.get(pos).filter(|a| a.answered > 0)?;
                    (a.rate, a.level)
                }
            };
            Some((Some(rate), Some(level), 1, 1))
        })
    }

    /// One trend per key with the points `point` gives: `(rate, level, concerned, total)` of
    /// campaign `i` on a questionnaire and axis, for the keys `only` keeps (see
    /// [`History::trends_of`]). Trends without any point are left out.
    fn collect(
        &self,
        only: Option<Option<&str>>,
        point: impl Fn(usize, &str, Option<&str>) -> Option<(Option<f64>, Option<f64>, usize, usize)>,
    ) -> Vec<Trend> {
        self.keys
            .iter()
            .filter(|(_, axis)| only.is_none_or(|only| axis.as_deref() == only))
            .filter_map(|(qid, axis)| {
                let points: Vec<TrendPoint> = self
                    .campaigns
                    .iter()
                    .enumerate()
                    .filter_map(|(i, c)| {
                        let version = &c.questionnaires.iter().find(|q| &q.id == qid)?.version;
                        let (rate, level, concerned, total) = point(i, qid, axis.as_deref())?;
                        Some(TrendPoint {
                            campaign: c.id.clone(),
                            date: c.date,
                            version: version.clone(),
                            rate,
                            level,
                            concerned,
                            total,
                        })
                    })
                    .collect();
                if points.is_empty() {
                    return None;
                }
                let links = points
                    .windows(2)
                    .map(|w| link(self.repo, qid, axis.as_deref(), &w[0], &w[1]))
                    .collect();
                Some(Trend {
                    questionnaire: qid.clone(),
                    axis: axis.clone(),
                    points,
                    links,
                })
            })
            .collect()
    }
}

/// Scores a frozen response against `qi`: every answered criterion counts (validation refused
/// answers to criteria that did not apply), renames followed when it answered the superseded
/// version.
fn score_frozen(qi: &QIndex, frozen: &FrozenResponse) -> Option<Raw> {
    // In criterion id order, as a response's answers are: the sums come out the same.
    let answers: Vec<(&str, Answer)> = frozen
        .levels
        .iter()
        .map(|(c, &level)| (&**c, Answer::at(level)))
        .collect();
    // Only a requirement questionnaire reads the response itself (its mandatory criteria).
    let response = Response {
        version: frozen.version.clone(),
        preliminary: BTreeMap::new(),
        answers: match qi.kind {
            ScaleKind::Requirement => answers
                .iter()
                .map(|(c, a)| (c.to_string(), a.clone()))
                .collect(),
            ScaleKind::Maturity | ScaleKind::Graded => BTreeMap::new(),
        },
    };
    let resolved: Vec<_> = answers
        .iter()
        .filter_map(|(key, answer)| {
            let crit = qi.criterion(key, &frozen.version)?;
            let w = crit.c.weight;
            (w > 0.0 && w.is_finite()).then_some((crit, answer))
        })
        .collect();
    score_resolved(qi, &response, &resolved, None)
}

/// Compares two points of one questionnaire (`axis` `None`) or axis.
fn link(
    repo: &Repository,
    qid: &str,
    axis: Option<&str>,
    a: &TrendPoint,
    b: &TrendPoint,
) -> TrendLink {
    compare(
        repo,
        qid,
        axis,
        (&a.campaign, &a.version),
        (&b.campaign, &b.version),
    )
}

/// Whether a figure of questionnaire `qid` (`axis` `None`) or one of its axes, taken at
/// `to` = `(moment, version)`, compares with one taken at `from`.
pub fn compare(
    repo: &Repository,
    qid: &str,
    axis: Option<&str>,
    from: (&str, &str),
    to: (&str, &str),
) -> TrendLink {
    let ((from, a), (to, b)) = (from, to);
    let mut out = TrendLink {
        from: from.to_string(),
        to: to.to_string(),
        comparable: a == b,
        renamed: Vec::new(),
        obsolete: Vec::new(),
        new: Vec::new(),
    };
    let Some(axis) = axis else { return out };
    if a == b {
        return out;
    }
    let criteria = |version: &str| -> Option<Vec<String>> {
        let q = repo.questionnaire_version(qid, version)?;
        let ax = q.axes.iter().find(|x| x.id == axis);
        Some(ax.map_or_else(Vec::new, |x| {
            x.criteria.iter().map(|c| c.id.clone()).collect()
        }))
    };
    let (Some(before), Some(after), Some(renames)) =
        (criteria(a), criteria(b), renames_between(repo, qid, a, b))
    else {
        // A version the repository no longer holds: nothing says the axis is the same.
        return out;
    };
    let after_set: BTreeSet<&String> = after.iter().collect();
    let mut followed = BTreeSet::new();
    for old in &before {
        let now = renames.get(old).unwrap_or(old);
        if now != old && after_set.contains(now) {
            out.renamed.push((old.clone(), now.clone()));
        }
        if after_set.contains(now) {
            followed.insert(now.clone());
        } else {
            out.obsolete.push(old.clone());
        }
    }
    out.new = after
        .iter()
        .filter(|c| !followed.contains(*c))
        .cloned()
        .collect();
    out.comparable = out.obsolete.is_empty() && out.new.is_empty() && !before.is_empty();
    out
}

/// The renames from version `from` to version `to` of a questionnaire, composed along the
/// chain of `supersedes`; `None` when `to` does not descend from `from` in the repository.
fn renames_between(
    repo: &Repository,
    qid: &str,
    from: &str,
    to: &str,
) -> Option<BTreeMap<String, String>> {
    let mut steps = Vec::new();
    let mut version = to.to_string();
    while version != from {
        let sup = repo
            .questionnaire_version(qid, &version)?
            .supersedes
            .as_ref()?;
        steps.push(&sup.renamed);
        version = sup.version.clone();
        if steps.len() > repo.questionnaires.len() {
            return None;
        }
    }
    let mut map = BTreeMap::new();
    for renamed in steps.iter().rev() {
        let mut next: BTreeMap<String, String> = map
            .iter()
            .map(|(old, now): (&String, &String)| {
                (old.clone(), renamed.get(now).unwrap_or(now).clone())
            })
            .collect();
        for (old, now) in renamed.iter() {
            if !map.values().any(|v| v == old) {
                next.entry(old.clone()).or_insert_with(|| now.clone());
            }
        }
        map = next;
    }
    Some(map)
}

#[cfg(test)]
#[path = "trend_tests.rs"]
mod tests;
