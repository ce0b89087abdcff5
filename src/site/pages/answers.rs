//! The rows of a sheet's answers table, handed to the template as objects. What depends only
//! on the criterion (its id, title, axis page and expected level) is turned into template
//! values once per build and shared by every sheet; a row holds the answer's own values and
//! is read field by field by the template, never serialised.

use crate::model::{Answer, Date, LevelValue, Questionnaire, Scale};
use crate::site::markdown;
use crate::site::urls;
use crate::site::views::{Link, badge};
use minijinja::Value;
use minijinja::value::{Enumerator, Object};
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

    /// The rows of `answers` to `q`, in the questionnaire's order.
    pub fn rows(&self, q: &Questionnaire, answers: &BTreeMap<String, Answer>, b: &Badges) -> Value {
        self.rows_of(q, answers, b, false)
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

    fn rows_of(
        &self,
        q: &Questionnaire,
        answers: &BTreeMap<String, Answer>,
        b: &Badges,
        texts: bool,
    ) -> Value {
        let built;
        let list = match self.by_questionnaire.get(&q.id) {
            Some(list) => list,
            None => {
                built = criteria(q, self.reference);
                &built
            }
        };
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

/// The badge of every level of a scale as template values, built once per sheet block and
/// shared by its answers and plan steps.
pub struct Badges<'s> {
    scale: Option<&'s Scale>,
    na: Value,
    levels: Vec<Value>,
}

impl<'s> Badges<'s> {
    /// The badges of `scale`, whose highest level is `max`.
    pub fn new(scale: Option<&'s Scale>, max: u8) -> Badges<'s> {
        let value = |l| Value::from_serialize(badge(scale, l));
        Badges {
            scale,
            na: value(LevelValue::NotApplicable),
            levels: (0..=max).map(|l| value(LevelValue::Level(l))).collect(),
        }
    }

    fn get(&self, level: LevelValue) -> Value {
        match level {
            LevelValue::NotApplicable => self.na.clone(),
            LevelValue::Level(l) => self
                .levels
                .get(usize::from(l))
                .cloned()
                .unwrap_or_else(|| Value::from_serialize(badge(self.scale, level))),
        }
    }
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
