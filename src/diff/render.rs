//! The Markdown of a [`Comparison`](super::Comparison), for a pull-request comment: stable
//! order, French number formats, levels in words with a colour square, every piece of
//! repository text escaped, and a whole-comment budget.

use super::escape::{code, text};
use super::{AnswerChange, Comparison, Projection, ScoreRow, moved};
// Rates with one decimal, as on the portal, so that a 0.1-point move shows.
use crate::charts::pct;
use crate::diagnostics::Severity;
use crate::model::{Answer, LevelValue};
use crate::score::SubjectScore;
use std::collections::BTreeSet;
use std::fmt::Write;

/// The first line of every report, so that CI can find and update its own comment.
pub const MARKER: &str = "<!-- convergence-diff -->";

/// Characters a comment may take: GitHub refuses comments past 65 536 characters (GitLab's
/// notes allow more); the margin keeps room for the truncation line.
pub const COMMENT_BUDGET: usize = 60_000;

/// The last line of a truncated comment.
pub const TRUNCATED: &str = "**Rapport tronqué** pour tenir dans un commentaire : rapport complet dans l'artefact du job (`diff-complet.md` ; sur GitHub, le résumé du job).";

/// New diagnostics listed at most (the count is given when there are more).
const MAX_DIAGNOSTICS: usize = 50;

fn lvl(v: Option<f64>) -> String {
    v.map_or("—".into(), |l| format!("{l:.2}").replace('.', ","))
}

fn arrow(before: String, after: String) -> String {
    if before == after {
        before
    } else {
        format!("{before} → {after}")
    }
}

/// 🟥 at 0, 🟩 at the top of the scale, 🟧 below half, 🟨 from half; ⬜ for "non applicable".
fn square(v: u8, max: u8) -> &'static str {
    match (v, max) {
        (0, _) => "🟥",
        (v, m) if v >= m => "🟩",
        (v, m) if u16::from(v) * 2 < u16::from(m) => "🟧",
        _ => "🟨",
    }
}

fn level(c: &AnswerChange, a: Option<&Answer>) -> String {
    let Some(a) = a else { return "—".into() };
    let max = c.labels.len().saturating_sub(2) as u8;
    match a.level {
        LevelValue::Level(v) => {
            let word = c.labels.get(v as usize).map_or(String::new(), |w| text(w));
            format!("{} {v} {word}", square(v, max))
                .trim_end()
                .to_string()
        }
        LevelValue::NotApplicable => {
            let word = c.labels.last().map_or("non applicable".into(), |w| text(w));
            format!("⬜ na {word}")
        }
    }
}

fn plan(a: Option<&Answer>) -> String {
    match a {
        None => "—".into(),
        Some(a) if a.not_plannable.is_some() => "non planifiable".into(),
        Some(a) if a.plan.is_empty() => "aucun".into(),
        Some(a) => a
            .plan
            .iter()
            .map(|(q, l)| format!("{q} : {l}"))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

fn scores(out: &mut String, rows: &[ScoreRow], projections: &[Projection]) {
    let mut dates: Vec<_> = projections.iter().map(|p| p.date).collect();
    dates.dedup();
    out.push_str("\n| questionnaire · axe | taux | niveau |");
    for d in &dates {
        let _ = write!(out, " taux projeté au {d} |");
    }
    out.push_str("\n|---|---|---|");
    out.push_str(&"---|".repeat(dates.len()));
    out.push('\n');
    for (q, b, a) in rows {
        let (rb, ra) = (b.as_ref().map(|s| s.rate), a.as_ref().map(|s| s.rate));
        let (lb, la) = (b.as_ref().map(|s| s.level), a.as_ref().map(|s| s.level));
        let _ = write!(
            out,
            "| **{}** | {} | {} |",
            text(q),
            arrow(pct(rb), pct(ra)),
            arrow(lvl(lb), lvl(la))
        );
        for d in &dates {
            let p = projections
                .iter()
                .find(|p| &p.date == d && &p.questionnaire == q);
            let (pb, pa) = p.map_or((None, None), |p| (p.before, p.after));
            let _ = write!(out, " {} |", arrow(pct(pb), pct(pa)));
        }
        out.push('\n');
        let axes: BTreeSet<&str> = b
            .iter()
            .chain(a.iter())
            .flat_map(|s| s.axes.iter().map(|x| x.axis.as_str()))
            .collect();
        // Axes in questionnaire order: the order of the side that has them.
        let order: Vec<&str> = a
            .iter()
            .chain(b.iter())
            .flat_map(|s| s.axes.iter().map(|x| x.axis.as_str()))
            .filter(|x| axes.contains(x))
            .fold(Vec::new(), |mut v, x| {
                if !v.contains(&x) {
                    v.push(x);
                }
                v
            });
        for axis in order {
            let find = |s: &Option<SubjectScore>| {
                s.as_ref()
                    .and_then(|s| s.axes.iter().find(|x| x.axis == axis))
                    .map(|x| (x.rate, x.level))
            };
            let (xb, xa) = (find(b), find(a));
            let (rb, ra) = (xb.map(|x| x.0), xa.map(|x| x.0));
            let (lb, la) = (xb.map(|x| x.1), xa.map(|x| x.1));
            if moved(rb, ra) || moved(lb, la) {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} |{}",
                    text(axis),
                    arrow(pct(rb), pct(ra)),
                    arrow(lvl(lb), lvl(la)),
                    " |".repeat(dates.len())
                );
            }
        }
    }
}

/// Writes one subject's section. A non-publishable subject shows its id, path, state and the
/// number of changed answers only: the comment is public on the forge.
fn subject(out: &mut String, s: &super::SubjectChange) {
    if s.private {
        let _ = write!(out, "\n### {}\n\n{}", code(&s.id), code(&s.path));
    } else {
        let _ = write!(
            out,
            "\n### {} — {}\n\n{}",
            code(&s.id),
            text(&s.name),
            code(&s.path)
        );
    }
    if !s.state.is_empty() {
        let _ = write!(out, " · {}", s.state);
    }
    for f in &s.facts {
        let _ = write!(out, " · {}", text(f));
    }
    out.push('\n');
    if s.private {
        if !s.answers.is_empty() || !s.scores.is_empty() {
            let _ = writeln!(
                out,
                "\nDétail masqué : non publiable, ce sujet n'apparaît ni sur le portail ni dans ce commentaire public ({} réponse(s) modifiée(s)).",
                s.answers.len()
            );
        }
        return;
    }
    if s.whole && !s.answers.is_empty() {
        let _ = writeln!(out, "\n{} réponse(s).", s.answers.len());
    } else if !s.answers.is_empty() {
        out.push_str("\n| critère | avant | après |\n|---|---|---|\n");
        for a in &s.answers {
            let _ = writeln!(
                out,
                "| {} {} | {} | {} |",
                text(&a.criterion),
                text(&a.title),
                level(a, a.before.as_ref()),
                level(a, a.after.as_ref())
            );
        }
        let plans: Vec<&AnswerChange> = s
            .answers
            .iter()
            .filter(|a| plan(a.before.as_ref()) != plan(a.after.as_ref()))
            .filter(|a| a.before.is_some() && a.after.is_some())
            .collect();
        if !plans.is_empty() {
            out.push_str("\nPlans de convergence :\n");
            for a in plans {
                let _ = writeln!(
                    out,
                    "- {} : {} → {}",
                    text(&a.criterion),
                    plan(a.before.as_ref()),
                    plan(a.after.as_ref())
                );
            }
        }
    }
    if !s.scores.is_empty() {
        scores(out, &s.scores, &s.projections);
    }
}

/// Cuts `full` to at most `budget` characters at a line boundary and ends it with the
/// [`TRUNCATED`] line; returns it unchanged when it fits.
pub fn truncate(full: &str, budget: usize) -> String {
    if full.chars().count() <= budget {
        return full.to_string();
    }
    let room = budget.saturating_sub(TRUNCATED.chars().count() + 4);
    let cut = full.char_indices().nth(room).map_or(full.len(), |(i, _)| i);
    let end = full[..cut].rfind('\n').map_or(0, |i| i + 1);
    format!("{}\n{TRUNCATED}\n", &full[..end])
}

/// Renders the whole comparison; "Aucun changement affectant les scores." when there is
/// nothing. At most 50 new diagnostics are listed; see [`truncate`] for a forge comment.
pub fn render(c: &Comparison) -> String {
    let mut out = format!("{MARKER}\n## Effet sur les scores\n");
    if c.subjects.is_empty() && c.aggregates.is_empty() && c.new_diagnostics.is_empty() {
        out.push_str("\nAucun changement affectant les scores.\n");
        return out;
    }
    for s in &c.subjects {
        subject(&mut out, s);
    }
    if !c.aggregates.is_empty() {
        out.push_str("\n### Agrégats\n\n| groupe | questionnaire | taux | niveau | sujets concernés |\n|---|---|---|---|---|\n");
        for g in &c.aggregates {
            let get = |x: &Option<crate::score::QuestionnaireAggregate>| {
                x.as_ref()
                    .map_or((None, None, 0), |q| (q.rate, q.level, q.concerned))
            };
            let (b, a) = (get(&g.before), get(&g.after));
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                text(&g.group),
                text(&g.questionnaire),
                arrow(pct(b.0), pct(a.0)),
                arrow(lvl(b.1), lvl(a.1)),
                arrow(b.2.to_string(), a.2.to_string())
            );
        }
    } else if c.subjects.iter().any(|s| !s.organisation) {
        out.push_str("\nSans effet sur les agrégats publiés (brouillons, sujets hors périmètre ou non publiables).\n");
    }
    if !c.new_diagnostics.is_empty() {
        out.push_str("\n### Nouveaux diagnostics\n\n");
        for d in c.new_diagnostics.iter().take(MAX_DIAGNOSTICS) {
            let icon = match d.severity {
                Severity::Error => "❌",
                Severity::Warning => "⚠️",
            };
            let message = if c.private_paths.contains(&d.path) {
                "message masqué : fichier non publiable".to_string()
            } else {
                text(&d.message)
            };
            let _ = writeln!(
                out,
                "- {icon} {} {} — {message}",
                code(&d.position()),
                d.code,
            );
        }
        if c.new_diagnostics.len() > MAX_DIAGNOSTICS {
            let _ = writeln!(
                out,
                "- … et {} autre(s) : voir `convergence check`",
                c.new_diagnostics.len() - MAX_DIAGNOSTICS
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_report_is_cut_at_a_line_and_says_so() {
        // Room for the marker and three table lines, then the truncation line.
        let full = format!("{MARKER}\n{}", "| a | b |\n".repeat(50));
        let budget = TRUNCATED.chars().count() + 4 + MARKER.len() + 1 + 3 * 10 + 5;
        let cut = truncate(&full, budget);
        assert!(cut.chars().count() <= budget, "{cut}");
        assert_eq!(
            cut,
            format!("{MARKER}\n{}\n{TRUNCATED}\n", "| a | b |\n".repeat(3))
        );
        assert_eq!(truncate(&full, full.chars().count()), full);
    }
}
