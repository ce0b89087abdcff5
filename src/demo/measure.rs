//! The calibration check: the publication's figures next to those [`crate::score`] computes on
//! its default perimeter (publishable, not archived, validated, attached to a common-core type).

use super::calibrate::{REGIONAL, TARGETS, Target};
use super::engine::Figure;
use crate::model::Repository;
use crate::score::{self, GroupBy, Scores, Settings};

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

/// Every target of [`TARGETS`] with the figure [`crate::score`] gives for the repository, on
/// the default settings (common-core perimeter, validated answers, the reference date).
pub fn calibration(repo: &Repository) -> Vec<Calibration> {
    let settings = Settings::for_repo(repo);
    let national = score::aggregate(repo, &settings, GroupBy::National, None);
    let orgs = Scores::compute(repo, &settings).organisations;
    let current = orgs.national.iter().find(|s| !s.projected);
    let service = national
        .first()
        .map(|g| g.questionnaires.as_slice())
        .unwrap_or(&[]);
    let org = current.map(|s| s.questionnaires.as_slice()).unwrap_or(&[]);
    TARGETS
        .iter()
        .filter_map(|t| {
            let list = if t.questionnaire == REGIONAL {
                org
            } else {
                service
            };
            let q = list.iter().find(|q| q.questionnaire == t.questionnaire)?;
            let (count, rate, level) = match t.axis {
                None => (q.concerned, q.rate, q.level),
                Some(a) => {
                    let x = q.axes.iter().find(|x| x.axis == a)?;
                    (x.concerned, x.rate, x.level)
                }
            };
            let obtained = Figure {
                count,
                rate: rate.unwrap_or(0.0),
                level: level.unwrap_or(0.0),
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
