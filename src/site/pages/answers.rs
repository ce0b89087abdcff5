//! A respondent's answers table. On sheets (thousands of pages) [`Criteria::write_table`]
//! writes it directly, escaped as the template escapes; organisation pages hand the rows to
//! `answers_table.html` as objects ([`Criteria::rows_with_texts`]). Both write the same markup
//! (a test holds them together). What depends only on the criterion (its id, title, axis page
//! and expected level) is prepared once per build and shared by every sheet.

use super::html::text;
use crate::model::{Answer, Date, LevelValue, Questionnaire, Scale};
use crate::site::markdown;
use crate::site::urls;
use crate::site::views::{Badge, Link, badge};
use minijinja::Value;
use minijinja::value::{Enumerator, Object};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// A criterion's values, the same on every sheet.
#[derive(Debug)]
struct Criterion {
    url: Value,
    id: Value,
    title: Value,
    expected: Value,
    /// The expected level itself, to say where an answer stands against it.
    expected_level: u8,
    /// The wording of each level of its scale, for rows that show it.
    levels: BTreeMap<LevelValue, Value>,
}

/// The criteria of every questionnaire, in questionnaire order.
pub struct Criteria {
    by_questionnaire: HashMap<String, Vec<(String, Arc<Criterion>)>>,
    reference: Date,
}

impl Criteria {
    /// Prepares the criteria of `questionnaires`, with their expected level at `reference`.
    pub fn new<'q>(
        questionnaires: impl Iterator<Item = &'q Questionnaire>,
        reference: Date,
    ) -> Self {
        let by_questionnaire = questionnaires
            .map(|q| (q.id.clone(), criteria(q, reference)))
            .collect();
        Criteria {
            by_questionnaire,
            reference,
        }
    }

    /// The rows of `answers` to `q` with the wording of each answer's level (`text`): for the
    /// few answers of organisations, where the level's meaning is the point.
    pub fn rows_with_texts(
        &self,
        q: &Questionnaire,
        answers: &BTreeMap<String, Answer>,
        b: &Badges,
    ) -> Value {
        self.rows_of(q, answers, b, true)
    }

    /// The criteria of `q` in order, prepared at the start or, for a questionnaire the
    /// repository does not hold, now.
    fn list_of(&self, q: &Questionnaire) -> Cow<'_, [(String, Arc<Criterion>)]> {
        match self.by_questionnaire.get(&q.id) {
            Some(list) => Cow::Borrowed(list),
            None => Cow::Owned(criteria(q, self.reference)),
        }
    }

    /// Writes the answers table of `answers` to `q` (titled `title`) on a page whose root is
    /// `root`: the markup of `answers_table.html` for rows without the level's wording.
    pub fn write_table(
        &self,
        out: &mut String,
        root: &str,
        title: &str,
        q: &Questionnaire,
        answers: &BTreeMap<String, Answer>,
        b: &Badges,
    ) {
        let list = self.list_of(q);
        out.push_str(
            "<div class=\"table-wrap\"><table class=\"answers\">\n    <caption>Réponses — ",
        );
        text(out, title);
        out.push_str("</caption>\n    <thead><tr><th scope=\"col\">Critère</th><th scope=\"col\">Niveau</th><th scope=\"col\">Attendu</th><th scope=\"col\">Commentaire et preuves</th><th scope=\"col\">Plan de convergence</th></tr></thead>\n    <tbody>\n");
        for (id, c) in list.iter() {
            if let Some(a) = answers.get(id) {
                write_row(out, root, c, a, b);
            }
        }
        out.push_str("    </tbody>\n  </table></div>");
    }

    fn rows_of(
        &self,
        q: &Questionnaire,
        answers: &BTreeMap<String, Answer>,
        b: &Badges,
        texts: bool,
    ) -> Value {
        let list = self.list_of(q);
        let rows: Vec<Value> = list
            .iter()
            .filter_map(|(id, c)| {
                let a = answers.get(id)?;
                let mut row = Row::new(Arc::clone(c), a, b);
                if texts {
                    row.text = c.levels.get(&a.level).cloned().unwrap_or(Value::from(()));
                }
                Some(Value::from_object(row))
            })
            .collect();
        Value::from(rows)
    }
}

fn criteria(q: &Questionnaire, reference: Date) -> Vec<(String, Arc<Criterion>)> {
    let mut out = Vec::new();
    for axis in &q.axes {
        let url = Value::from(urls::axis(&q.id, &axis.id));
        for c in &axis.criteria {
            let crit = Criterion {
                url: url.clone(),
                id: Value::from(c.id.as_str()),
                title: Value::from(c.title.as_str()),
                expected: Value::from(c.expected_at(reference).to_string()),
                expected_level: c.expected_at(reference),
                levels: c
                    .levels
                    .iter()
                    .map(|(l, text)| (*l, Value::from(text.as_str())))
                    .collect(),
            };
            out.push((c.id.clone(), Arc::new(crit)));
        }
    }
    out
}

/// The badge of every level of a scale, built once per sheet block and shared by its answers
/// and plan steps.
pub struct Badges<'s> {
    scale: Option<&'s Scale>,
    na: Badge,
    levels: Vec<Badge>,
}

impl<'s> Badges<'s> {
    /// The badges of `scale`, whose highest level is `max`.
    pub fn new(scale: Option<&'s Scale>, max: u8) -> Badges<'s> {
        Badges {
            scale,
            na: badge(scale, LevelValue::NotApplicable),
            levels: (0..=max)
                .map(|l| badge(scale, LevelValue::Level(l)))
                .collect(),
        }
    }

    /// The badge of `level` as a template value.
    fn get(&self, level: LevelValue) -> Value {
        Value::from_serialize(self.badge(level, &mut None))
    }

    /// The badge of `level`, built in `slot` when the scale has no such level.
    fn badge<'b>(&'b self, level: LevelValue, slot: &'b mut Option<Badge>) -> &'b Badge {
        match level {
            LevelValue::NotApplicable => &self.na,
            LevelValue::Level(l) => match self.levels.get(usize::from(l)) {
                Some(b) => b,
                None => slot.insert(badge(self.scale, level)),
            },
        }
    }

    /// Writes the badge of `level`: its label on its colour.
    fn write(&self, out: &mut String, level: LevelValue) {
        let mut slot = None;
        let b = self.badge(level, &mut slot);
        out.push_str("<span class=\"badge\" style=\"background:");
        text(out, &b.bg);
        out.push_str(";color:");
        text(out, &b.fg);
        out.push_str("\">");
        text(out, &b.label);
        out.push_str("</span>");
    }
}

/// The text of a criterion's value (all are strings).
fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

/// Writes one row of the answers table (see `answers_table.html`, rows without `text`).
fn write_row(out: &mut String, root: &str, c: &Criterion, a: &Answer, b: &Badges) {
    let id = str_of(&c.id);
    out.push_str("      <tr>\n        <th scope=\"row\"><a href=\"");
    text(out, root);
    text(out, str_of(&c.url));
    out.push('#');
    text(out, id);
    out.push_str("\">");
    text(out, id);
    out.push_str("</a> ");
    text(out, str_of(&c.title));
    out.push_str("</th>\n        <td>");
    b.write(out, a.level);
    out.push_str("</td>\n        <td>");
    text(out, str_of(&c.expected));
    if let LevelValue::Level(level) = a.level {
        out.push_str("<p class=\"standing\">");
        text(
            out,
            crate::score::doctrine::standing(level, c.expected_level, a).label(),
        );
        out.push_str("</p>");
    }
    out.push_str("</td>\n        <td>");
    if let Some(comment) = &a.comment {
        out.push_str(&markdown::render_inline(comment));
    }
    if !a.evidence.is_empty() {
        out.push_str("<ul class=\"evidence\">");
        for e in a.evidence.iter().filter(|e| is_web_url(e)) {
            out.push_str("<li><a href=\"");
            text(out, e);
            out.push_str("\" rel=\"noopener noreferrer\">");
            text(out, e);
            out.push_str("</a></li>");
        }
        for e in a.evidence.iter().filter(|e| !is_web_url(e)) {
            out.push_str("<li>");
            text(out, e);
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    out.push_str("</td>\n        <td>");
    if !a.plan.is_empty() {
        out.push_str("<ol class=\"timeline\">");
        for (quarter, level) in &a.plan {
            out.push_str("<li><span class=\"timeline__date\">");
            text(out, &quarter.to_string());
            out.push_str("</span> ");
            b.write(out, LevelValue::Level(*level));
            out.push_str("</li>");
        }
        out.push_str("</ol>");
    } else if let Some(np) = a.not_plannable.as_deref().filter(|s| !s.is_empty()) {
        out.push_str("<p class=\"conditions\">Cible non planifiable : ");
        text(out, np);
        out.push_str("</p>");
    }
    out.push_str("</td>\n      </tr>\n");
}

/// One answer: `url`, `id`, `title`, `badge`, `expected`, `comment` (safe HTML), `evidence`
/// (links), `evidence_text`, `plan` (steps with `label` and `badge`), `not_plannable` and
/// `text` (the level's wording, none on sheets) and `standing` (against the expected level:
/// "à jour", "planifié" or "en retard"; none for "non applicable").
#[derive(Debug)]
struct Row {
    criterion: Arc<Criterion>,
    badge: Value,
    text: Value,
    comment: Value,
    evidence: Value,
    evidence_text: Value,
    plan: Value,
    not_plannable: Value,
    standing: Value,
}

const FIELDS: &[&str] = &[
    "url",
    "id",
    "title",
    "badge",
    "expected",
    "comment",
    "evidence",
    "evidence_text",
    "plan",
    "not_plannable",
    "text",
    "standing",
];

fn is_web_url(s: &str) -> bool {
    s.starts_with("https://") || s.starts_with("http://")
}

impl Row {
    fn new(criterion: Arc<Criterion>, a: &Answer, badges: &Badges) -> Row {
        let (web, text): (Vec<&String>, Vec<&String>) =
            a.evidence.iter().partition(|e| is_web_url(e));
        let plan: Vec<Value> = a
            .plan
            .iter()
            .map(|(quarter, level)| {
                Value::from_iter([
                    ("label", Value::from(quarter.to_string())),
                    ("badge", badges.get(LevelValue::Level(*level))),
                ])
            })
            .collect();
        // Where the answer stands against the doctrine at the reference date (a level only).
        let standing = match a.level {
            LevelValue::Level(level) => Value::from(
                crate::score::doctrine::standing(level, criterion.expected_level, a).label(),
            ),
            _ => Value::from(()),
        };
        Row {
            standing,
            criterion,
            badge: badges.get(a.level),
            text: Value::from(()),
            comment: a
                .comment
                .as_deref()
                .map_or(Value::from(()), |c| Value::from(markdown::render_inline(c))),
            evidence: Value::from_serialize(
                web.iter()
                    .map(|e| Link::new(e.as_str(), e.as_str()))
                    .collect::<Vec<_>>(),
            ),
            evidence_text: Value::from_iter(text.iter().map(|e| Value::from(e.as_str()))),
            plan: Value::from(plan),
            not_plannable: a
                .not_plannable
                .as_deref()
                .map_or(Value::from(()), Value::from),
        }
    }
}

impl Object for Row {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let c = &self.criterion;
        Some(match key.as_str()? {
            "url" => c.url.clone(),
            "id" => c.id.clone(),
            "title" => c.title.clone(),
            "badge" => self.badge.clone(),
            "expected" => c.expected.clone(),
            "comment" => self.comment.clone(),
            "evidence" => self.evidence.clone(),
            "evidence_text" => self.evidence_text.clone(),
            "plan" => self.plan.clone(),
            "not_plannable" => self.not_plannable.clone(),
            "text" => self.text.clone(),
            "standing" => self.standing.clone(),
            _ => return None,
        })
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(FIELDS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Every sheet of the repository's demo data (comments, evidence, plans, targets not
    // plannable, every level): the table written here is the one `answers_table.html` writes
    // from the same rows.
    #[test]
    fn the_written_table_is_the_templates() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let repo = crate::load::load(root).repo;
        let theme = crate::site::theme::Theme::load(None).unwrap();
        let criteria = Criteria::new(
            repo.questionnaires_in_force(),
            Date::new(2020, 12, 15).unwrap(),
        );
        let mut tables = 0;
        for sf in &repo.subjects {
            for (qid, resp) in &sf.subject.questionnaires {
                let Some(q) = repo.questionnaire(qid) else {
                    continue;
                };
                let scale = repo.scale(&q.scale);
                let badges = Badges::new(scale, scale.map_or(3, |s| s.max_level()));
                let mut written = String::new();
                criteria.write_table(&mut written, "../", &q.title, q, &resp.answers, &badges);
                let rows = criteria.rows_of(q, &resp.answers, &badges, false);
                let ctx = minijinja::context! {
                    root => "../",
                    b => minijinja::context! { title => q.title.clone(), answers => rows },
                };
                let rendered = theme.render("answers_table.html", ctx).unwrap();
                assert_eq!(
                    written,
                    String::from_utf8(rendered).unwrap(),
                    "{}",
                    sf.subject.id
                );
                tables += 1;
            }
        }
        assert!(tables > 300, "{tables}");
    }
}
