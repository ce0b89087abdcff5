//! Adapter between the portal and [`crate::score`]: the only place that turns the score
//! module's results into the figures views show, so every figure on a page equals the one
//! `convergence score` prints. No mean is taken here: groups come from the score module.

use crate::model::Questionnaire;
use crate::score::{QuestionnaireAggregate, SubjectScore};
use serde::Serialize;

pub use crate::score::{Scores, Settings};

/// Rate and level of a subject or a group for one questionnaire, overall and per axis.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Figures {
    /// Number of respondents counted.
    pub count: usize,
    /// Mean rate in 0–1 (levels relative to expected levels, capped at 1).
    pub rate: Option<f64>,
    /// Mean level on the scale.
    pub level: Option<f64>,
    /// Per axis, in questionnaire order.
    pub axes: Vec<AxisFigures>,
}

/// Rate and level on one axis.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AxisFigures {
    /// Axis id.
    pub axis: String,
    /// Respondents who answered at least one criterion of the axis.
    pub count: usize,
    /// Mean rate in 0–1.
    pub rate: Option<f64>,
    /// Mean level.
    pub level: Option<f64>,
}

/// The figures of one respondent, with every axis of the questionnaire (absent ones empty).
pub fn from_subject(q: &Questionnaire, s: &SubjectScore) -> Figures {
    Figures {
        count: 1,
        rate: Some(s.rate),
        level: Some(s.level),
        axes: every_axis(q, |id| {
            let x = s.axes.iter().find(|x| x.axis == id)?;
            Some((1, Some(x.rate), Some(x.level)))
        }),
    }
}

/// The figures of a group without members: every axis of the questionnaire, empty.
pub fn empty(q: &Questionnaire) -> Figures {
    Figures {
        axes: every_axis(q, |_| None),
        ..Figures::default()
    }
}

/// The figures of a group as the score module aggregated them.
pub fn from_aggregate(q: &Questionnaire, g: &QuestionnaireAggregate) -> Figures {
    Figures {
        count: g.concerned,
        rate: g.rate,
        level: g.level,
        axes: every_axis(q, |id| {
            let x = g.axes.iter().find(|x| x.axis == id)?;
            Some((x.concerned, x.rate, x.level))
        }),
    }
}

/// One entry per axis of `q`, in order: `(count, rate, level)` as `found` gives it, else empty.
fn every_axis(
    q: &Questionnaire,
    found: impl Fn(&str) -> Option<(usize, Option<f64>, Option<f64>)>,
) -> Vec<AxisFigures> {
    q.axes
        .iter()
        .map(|a| {
            let (count, rate, level) = found(&a.id).unwrap_or_default();
            AxisFigures {
                axis: a.id.clone(),
                count,
                rate,
                level,
            }
        })
        .collect()
}
