//! Trends across campaigns, like with like: a group's figures per questionnaire and axis in
//! each frozen campaign, and, between two consecutive campaigns, whether they compare. Across
//! questionnaire versions an axis compares when its criteria are the same once the renames of
//! `supersedes.renamed` are followed; an obsolete or a new criterion is a break, never silently
//! mixed. The questionnaire as a whole compares only on the same version.

use crate::model::{Campaign, Date, Repository};
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

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
    keys.into_iter()
        .map(|(qid, axis)| {
            let points: Vec<TrendPoint> = campaigns
                .iter()
                .filter_map(|c| {
                    let version = &c.questionnaires.iter().find(|q| q.id == qid)?.version;
                    let a = c.aggregate(group_by, group, &qid, axis.as_deref())?;
                    Some(TrendPoint {
                        campaign: c.id.clone(),
                        date: c.date,
                        version: version.clone(),
                        rate: a.rate,
                        level: a.level,
                        concerned: a.concerned,
                        total: a.total,
                    })
                })
                .collect();
            let links = points
                .windows(2)
                .map(|w| link(repo, &qid, axis.as_deref(), &w[0], &w[1]))
                .collect();
            Trend {
                questionnaire: qid,
                axis,
                points,
                links,
            }
        })
        .collect()
}

/// Compares two points of one questionnaire (`axis` `None`) or axis.
fn link(
    repo: &Repository,
    qid: &str,
    axis: Option<&str>,
    a: &TrendPoint,
    b: &TrendPoint,
) -> TrendLink {
    let mut out = TrendLink {
        from: a.campaign.clone(),
        to: b.campaign.clone(),
        comparable: a.version == b.version,
        renamed: Vec::new(),
        obsolete: Vec::new(),
        new: Vec::new(),
    };
    let Some(axis) = axis else { return out };
    if a.version == b.version {
        return out;
    }
    let criteria = |version: &str| -> Option<Vec<String>> {
        let q = repo.questionnaire_version(qid, version)?;
        let ax = q.axes.iter().find(|x| x.id == axis);
        Some(ax.map_or_else(Vec::new, |x| {
            x.criteria.iter().map(|c| c.id.clone()).collect()
        }))
    };
    let (Some(before), Some(after), Some(renames)) = (
        criteria(&a.version),
        criteria(&b.version),
        renames_between(repo, qid, &a.version, &b.version),
    ) else {
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
