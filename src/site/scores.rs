//! Adapter between the portal and the scoring rules: the only file that knows how rates and
//! levels are computed. Until `crate::score` lands on `main`, it implements the publication's
//! formulas (annex "Méthodes de calcul des niveaux et taux moyens") itself.

use crate::model::{Date, Questionnaire, Response, Status, Subject};
use serde::Serialize;

/// What enters aggregates.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Count draft answers too.
    pub include_drafts: bool,
    /// Date at which expected levels are read.
    pub reference_date: Date,
}

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

/// Whether a subject counts in aggregates (publishable, not archived, validated unless drafts
/// are included); projections also leave out subjects being decommissioned.
pub fn in_aggregates(s: &Subject, settings: &Settings, projection: bool) -> bool {
    s.publishable
        && !s.archived
        && (settings.include_drafts || s.status == Status::Validated)
        && !(projection && s.decommissioning)
}

/// The level answered to a criterion as projected at `at`: the last plan milestone reached
/// after the assessment and on or before `at`, else the level answered.
fn level_at(answer: &crate::model::Answer, assessed_on: Date, at: Date) -> Option<u8> {
    let planned = answer
        .plan
        .iter()
        .rfind(|(q, _)| q.end() > assessed_on && q.end() <= at)
        .map(|(_, l)| *l);
    planned.or(answer.level.value())
}

/// Figures of one respondent: `None` when it answered no criterion of the questionnaire.
pub fn respondent(
    q: &Questionnaire,
    r: &Response,
    assessed_on: Date,
    at: Date,
    settings: &Settings,
) -> Option<Figures> {
    let mut axes = Vec::new();
    let (mut rates, mut levels) = (Vec::new(), Vec::new());
    for axis in &q.axes {
        let (mut wr, mut wl, mut w) = (0.0, 0.0, 0.0);
        for c in &axis.criteria {
            let Some(a) = r.answers.get(&c.id) else {
                continue;
            };
            if a.level.value().is_none() {
                continue;
            }
            let Some(level) = level_at(a, assessed_on, at) else {
                continue;
            };
            let expected = c.expected_at(settings.reference_date);
            let ratio = if expected == 0 || level >= expected {
                1.0
            } else {
                f64::from(level) / f64::from(expected)
            };
            wr += ratio * c.weight;
            wl += f64::from(level) * c.weight;
            w += c.weight;
        }
        let answered = w > 0.0;
        let (rate, level) = if answered {
            (Some(wr / w), Some(wl / w))
        } else {
            (None, None)
        };
        if answered {
            rates.push(wr / w);
            levels.push(wl / w);
        }
        axes.push(AxisFigures {
            axis: axis.id.clone(),
            count: usize::from(answered),
            rate,
            level,
        });
    }
    if rates.is_empty() {
        return None;
    }
    Some(Figures {
        count: 1,
        rate: mean(&rates),
        level: mean(&levels),
        axes,
    })
}

/// Figures of a group: the mean of its respondents' figures, axis by axis.
pub fn group(q: &Questionnaire, members: &[&Figures]) -> Figures {
    let axes = q
        .axes
        .iter()
        .enumerate()
        .map(|(i, axis)| {
            let answered: Vec<&AxisFigures> = members
                .iter()
                .filter_map(|m| m.axes.get(i))
                .filter(|a| a.rate.is_some())
                .collect();
            let rates: Vec<f64> = answered.iter().filter_map(|a| a.rate).collect();
            let levels: Vec<f64> = answered.iter().filter_map(|a| a.level).collect();
            AxisFigures {
                axis: axis.id.clone(),
                count: answered.len(),
                rate: mean(&rates),
                level: mean(&levels),
            }
        })
        .collect();
    let rates: Vec<f64> = members.iter().filter_map(|m| m.rate).collect();
    let levels: Vec<f64> = members.iter().filter_map(|m| m.level).collect();
    Figures {
        count: rates.len(),
        rate: mean(&rates),
        level: mean(&levels),
        axes,
    }
}

fn mean(v: &[f64]) -> Option<f64> {
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q() -> Questionnaire {
        serde_json::from_value(serde_json::json!({
            "id": "q", "title": "Q", "version": "1", "scope": "service", "scale": "standard",
            "axes": [
                {"id": "A1", "title": "A", "criteria": [
                    {"id": "c1", "title": "c", "levels": {"0": "", "1": "", "2": "", "3": ""},
                     "expected": [{"level": 2, "from": "2020-01-01"}]},
                    {"id": "c2", "title": "c", "levels": {"0": "", "3": "", "na": ""},
                     "expected": [{"level": 2, "from": "2020-01-01"}]}]},
                {"id": "A2", "title": "B", "criteria": [
                    {"id": "c3", "title": "c", "levels": {"0": "", "3": ""},
                     "expected": [{"level": 3, "from": "2020-01-01"}]}]}
            ]
        }))
        .unwrap()
    }

    fn resp(v: serde_json::Value) -> Response {
        serde_json::from_value(serde_json::json!({"version": "1", "answers": v})).unwrap()
    }

    const D: Date = Date {
        year: 2020,
        month: 12,
        day: 15,
    };

    fn settings() -> Settings {
        Settings {
            include_drafts: false,
            reference_date: D,
        }
    }

    #[test]
    fn caps_rates_at_one_and_averages_axes() {
        // A1: c1 = 1/2, c2 = 3 ≥ 2 → 1 ⇒ 0.75; A2: 0/3 ⇒ 0. Overall (0.75 + 0) / 2.
        let r =
            resp(serde_json::json!({"c1": {"level": 1}, "c2": {"level": 3}, "c3": {"level": 0}}));
        let f = respondent(&q(), &r, D, D, &settings()).unwrap();
        assert_eq!(f.axes[0].rate, Some(0.75));
        assert_eq!(f.axes[1].rate, Some(0.0));
        assert_eq!(f.rate, Some(0.375));
        assert_eq!(f.axes[0].level, Some(2.0));
    }

    #[test]
    fn ignores_not_applicable_and_drops_all_na_axes() {
        let r = resp(serde_json::json!({"c2": {"level": "na"}, "c3": {"level": 3}}));
        let f = respondent(&q(), &r, D, D, &settings()).unwrap();
        assert_eq!(f.axes[0].rate, None);
        assert_eq!(f.rate, Some(1.0));
    }

    #[test]
    fn projects_with_plan_milestones() {
        let r = resp(serde_json::json!({"c1": {"level": 0, "plan": {"2021-T1": 1, "2022-T4": 2}}}));
        let at = Date::new(2021, 6, 30).unwrap();
        let f = respondent(&q(), &r, D, at, &settings()).unwrap();
        assert_eq!(f.axes[0].level, Some(1.0));
        let g = group(&q(), &[&f, &f]);
        assert_eq!(g.count, 2);
        assert_eq!(g.rate, Some(0.5));
    }
}
