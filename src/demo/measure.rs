//! The national figures of a repository, computed with the published formula (the same as
//! `crate::score`) on the publication's default perimeter: publishable, not archived,
//! validated, attached to a common-core type. Used to check the calibration.

use super::calibrate::{REGIONAL, TARGETS, Target};
use super::engine::{self, Cell, Figure, Sheet};
use crate::model::{Questionnaire, Repository, Response, Status};

/// A target and the figure obtained.
#[derive(Debug, Clone, Copy)]
pub struct Calibration {
    /// What the publication says.
    pub target: Target,
    /// What the repository gives.
    pub obtained: Figure,
}

impl Calibration {
    /// Whether the figure is within ±1 point of rate, ±0.03 of level, with the same count.
    pub fn holds(&self) -> bool {
        self.obtained.count == self.target.count
            && (self.obtained.rate - self.target.rate).abs() <= 0.01
            && (self.obtained.level - self.target.level).abs() <= 0.03
    }
}

fn sheet(q: &Questionnaire, r: &Response, date: crate::model::Date) -> Sheet {
    let mut s = Sheet::default();
    for (a, c) in q.criteria() {
        if let Some(level) = r.answers.get(&c.id).and_then(|x| x.level.value()) {
            s.axis(&a.id).push(Cell {
                criterion: c.id.clone(),
                expected: c.expected_at(date),
                level,
                allowed: Vec::new(),
                free: false,
            });
        }
    }
    s
}

/// Sheets of every subject (or region) in the default perimeter for questionnaire `q`.
pub fn sheets(repo: &Repository, q: &Questionnaire) -> Vec<Sheet> {
    let date = repo.reference_date();
    if q.id == REGIONAL {
        return repo
            .organisations
            .iter()
            .map(|o| &o.value)
            .filter(|o| o.publishable && o.status == Some(Status::Validated))
            .filter_map(|o| o.questionnaires.get(&q.id))
            .map(|r| sheet(q, r, date))
            .collect();
    }
    repo.subjects
        .iter()
        .map(|s| &s.subject)
        .filter(|s| {
            s.publishable && !s.archived && s.status == Status::Validated && s.common_core.is_some()
        })
        .filter_map(|s| s.questionnaires.get(&q.id))
        .map(|r| sheet(q, r, date))
        .collect()
}

/// Every target of [`TARGETS`] with the figure the repository gives.
pub fn calibration(repo: &Repository) -> Vec<Calibration> {
    TARGETS
        .iter()
        .filter_map(|t| {
            let q = repo.questionnaire(t.questionnaire)?;
            let sheets = sheets(repo, q);
            let obtained = match t.axis {
                Some(a) => engine::measure_axis(&sheets, a),
                None => engine::measure(&sheets),
            };
            Some(Calibration {
                target: *t,
                obtained,
            })
        })
        .collect()
}

/// The calibration as a Markdown table.
pub fn table(rows: &[Calibration]) -> String {
    let mut out = String::from(
        "| questionnaire | axis | concerned (target / obtained) | rate % (target / obtained) | level (target / obtained) |\n|---|---|---|---|---|\n",
    );
    for c in rows {
        out.push_str(&format!(
            "| {} | {} | {} / {} | {:.1} / {:.1} | {:.2} / {:.2} |\n",
            c.target.questionnaire,
            c.target.axis.unwrap_or("all"),
            c.target.count,
            c.obtained.count,
            c.target.rate * 100.0,
            c.obtained.rate * 100.0,
            c.target.level,
            c.obtained.level,
        ));
    }
    out
}
