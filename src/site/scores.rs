//! Adapter between the portal and [`crate::score`]: the only place that turns the score
//! module's results into the figures views show, so every figure on a page equals the one
//! `convergence score` prints.

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
        axes: q
            .axes
            .iter()
            .map(|a| match s.axes.iter().find(|x| x.axis == a.id) {
                Some(x) => AxisFigures {
                    axis: a.id.clone(),
                    count: 1,
                    rate: Some(x.rate),
                    level: Some(x.level),
                },
                None => AxisFigures {
                    axis: a.id.clone(),
                    ..AxisFigures::default()
                },
            })
            .collect(),
    }
}

/// The figures of a group as the score module aggregated them.
pub fn from_aggregate(q: &Questionnaire, g: &QuestionnaireAggregate) -> Figures {
    Figures {
        count: g.concerned,
        rate: g.rate,
        level: g.level,
        axes: q
            .axes
            .iter()
            .map(|a| match g.axes.iter().find(|x| x.axis == a.id) {
                Some(x) => AxisFigures {
                    axis: a.id.clone(),
                    count: x.concerned,
                    rate: x.rate,
                    level: x.level,
                },
                None => AxisFigures {
                    axis: a.id.clone(),
                    ..AxisFigures::default()
                },
            })
            .collect(),
    }
}

/// Figures of any group of respondents: the mean of their figures, axis by axis, exactly as the
/// score module aggregates (mean over respondents concerned).
pub fn group(q: &Questionnaire, members: &[&Figures]) -> Figures {
    let axes = q
        .axes
        .iter()
        .enumerate()
        .map(|(i, axis)| {
            let (mut rates, mut levels) = (Mean::default(), Mean::default());
            for a in members.iter().filter_map(|m| m.axes.get(i)) {
                if let Some(r) = a.rate {
                    rates.add(r);
                    levels.add_some(a.level);
                }
            }
            AxisFigures {
                axis: axis.id.clone(),
                count: rates.n,
                rate: rates.get(),
                level: levels.get(),
            }
        })
        .collect();
    let (mut rates, mut levels) = (Mean::default(), Mean::default());
    for m in members {
        rates.add_some(m.rate);
        levels.add_some(m.level);
    }
    Figures {
        count: rates.n,
        rate: rates.get(),
        level: levels.get(),
        axes,
    }
}

/// A running mean, summed in the order values come (as `Iterator::sum` would).
#[derive(Default)]
struct Mean {
    sum: f64,
    n: usize,
}

impl Mean {
    fn add(&mut self, x: f64) {
        self.sum += x;
        self.n += 1;
    }

    fn add_some(&mut self, x: Option<f64>) {
        if let Some(x) = x {
            self.add(x);
        }
    }

    fn get(&self) -> Option<f64> {
        (self.n > 0).then(|| self.sum / self.n as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q() -> Questionnaire {
        serde_json::from_value(serde_json::json!({
            "id": "q", "title": "Q", "version": "1", "scope": "service", "scale": "standard",
            "axes": [
                {"id": "A1", "title": "A", "criteria": []},
                {"id": "A2", "title": "B", "criteria": []}
            ]
        }))
        .unwrap()
    }

    fn fig(rates: [Option<f64>; 2]) -> Figures {
        let axes: Vec<AxisFigures> = rates
            .iter()
            .map(|r| AxisFigures {
                axis: String::new(),
                count: usize::from(r.is_some()),
                rate: *r,
                level: *r,
            })
            .collect();
        let mut mean = Mean::default();
        for r in rates {
            mean.add_some(r);
        }
        Figures {
            count: 1,
            rate: mean.get(),
            level: mean.get(),
            axes,
        }
    }

    #[test]
    fn groups_average_over_respondents_concerned_axis_by_axis() {
        let a = fig([Some(1.0), None]);
        let b = fig([Some(0.5), Some(0.0)]);
        let g = group(&q(), &[&a, &b]);
        assert_eq!(g.count, 2);
        assert_eq!(g.rate, Some(0.625));
        assert_eq!(g.axes[0].rate, Some(0.75));
        assert_eq!(g.axes[1].rate, Some(0.0));
        assert_eq!(g.axes[1].count, 1);
    }
}
