//! The Markdown of a [`Comparison`](super::Comparison), for a pull-request comment: stable
//! order, French number formats, levels in words with a colour square.

use super::{AnswerChange, Comparison, ScoreRow, moved};
use crate::diagnostics::Severity;
use crate::model::{Answer, LevelValue};
use crate::score::SubjectScore;
use std::collections::BTreeSet;
use std::fmt::Write;

/// The first line of every report, so that CI can find and update its own comment.
pub const MARKER: &str = "<!-- convergence-diff -->";

/// Bytes given by default to the per-subject sections: forge comments are limited (65 536
/// characters on GitHub), and aggregates and diagnostics must still fit after them.
pub const SUBJECTS_BUDGET: usize = 40_000;

/// New diagnostics listed at most (the count is given when there are more).
const MAX_DIAGNOSTICS: usize = 50;

fn pct(v: Option<f64>) -> String {
    v.map_or("—".into(), |r| format!("{} %", (r * 100.0).round()))
}

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
            let word = c.labels.get(v as usize).map_or("", String::as_str);
            format!("{} {v} {word}", square(v, max))
                .trim_end()
                .to_string()
        }
        LevelValue::NotApplicable => {
            let word = c.labels.last().map_or("non applicable", String::as_str);
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

fn scores(out: &mut String, rows: &[ScoreRow]) {
    out.push_str("\n| questionnaire · axe | taux | niveau |\n|---|---|---|\n");
    for (q, b, a) in rows {
        let (rb, ra) = (b.as_ref().map(|s| s.rate), a.as_ref().map(|s| s.rate));
        let (lb, la) = (b.as_ref().map(|s| s.level), a.as_ref().map(|s| s.level));
        let _ = writeln!(
            out,
            "| **{q}** | {} | {} |",
            arrow(pct(rb), pct(ra)),
            arrow(lvl(lb), lvl(la))
        );
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
                    "| {axis} | {} | {} |",
                    arrow(pct(rb), pct(ra)),
                    arrow(lvl(lb), lvl(la))
                );
            }
        }
    }
}

/// Writes one subject's section.
fn subject(out: &mut String, s: &super::SubjectChange) {
    let _ = write!(out, "\n### `{}` — {}\n\n`{}`", s.id, s.name, s.path);
    for f in &s.facts {
        let _ = write!(out, " · {f}");
    }
    out.push('\n');
    if s.whole && !s.answers.is_empty() {
        let _ = writeln!(out, "\n{} réponse(s).", s.answers.len());
    } else if !s.answers.is_empty() {
        out.push_str("\n| critère | avant | après |\n|---|---|---|\n");
        for a in &s.answers {
            let _ = writeln!(
                out,
                "| {} {} | {} | {} |",
                a.criterion,
                a.title,
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
                    a.criterion,
                    plan(a.before.as_ref()),
                    plan(a.after.as_ref())
                );
            }
        }
    }
    if !s.scores.is_empty() {
        scores(out, &s.scores);
    }
}

/// Renders the comparison; "Aucun changement affectant les scores." when there is nothing.
/// Subject sections that would take the text past `budget` bytes are counted, not shown
/// (`None`: no limit); at most 50 new diagnostics are listed.
pub fn render(c: &Comparison, budget: Option<usize>) -> String {
    let mut out = format!("{MARKER}\n## Effet sur les scores\n");
    if c.subjects.is_empty() && c.aggregates.is_empty() && c.new_diagnostics.is_empty() {
        out.push_str("\nAucun changement affectant les scores.\n");
        return out;
    }
    let mut omitted = 0;
    for s in &c.subjects {
        let mut section = String::new();
        subject(&mut section, s);
        if budget.is_some_and(|b| out.len() + section.len() > b) {
            omitted += 1;
        } else {
            out.push_str(&section);
        }
    }
    if omitted > 0 {
        let _ = writeln!(
            out,
            "\n… et {omitted} autre(s) sujet(s) modifié(s), non détaillés ici pour rester sous la taille d'un commentaire : lancez `convergence diff --full` pour le rapport complet."
        );
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
                g.group,
                g.questionnaire,
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
            let _ = writeln!(
                out,
                "- {icon} `{}` {} — {}",
                d.position(),
                d.code,
                d.message
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
    use crate::diff::SubjectChange;

    #[test]
    fn sections_past_the_budget_are_counted_not_shown() {
        // Three new subjects, room for one section after the title.
        let s = |id: &str| SubjectChange {
            path: format!("answers/o/{id}.yaml"),
            id: id.into(),
            name: id.to_uppercase(),
            facts: vec!["nouveau".into()],
            whole: true,
            ..SubjectChange::default()
        };
        let c = Comparison {
            subjects: vec![s("a"), s("b"), s("c")],
            ..Comparison::default()
        };
        let expected = "<!-- convergence-diff -->\n## Effet sur les scores\n\n### `a` — A\n\n`answers/o/a.yaml` · nouveau\n\n… et 2 autre(s) sujet(s) modifié(s), non détaillés ici pour rester sous la taille d'un commentaire : lancez `convergence diff --full` pour le rapport complet.\n\nSans effet sur les agrégats publiés (brouillons, sujets hors périmètre ou non publiables).\n";
        assert_eq!(render(&c, Some(100)), expected);
        assert_eq!(render(&c, None).matches("### `").count(), 3);
    }
}
