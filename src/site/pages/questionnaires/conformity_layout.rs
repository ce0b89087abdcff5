//! The questionnaire and section pages of a conformity questionnaire (requirement or graded
//! scale): its criteria with whether each is mandatory and how many respondents meet it, the
//! count of respondents conforming or per grade, and a link to its conformity page, instead of
//! the maturity rates, levels and charts that mean nothing for it.

use super::{About, criterion_view};
use crate::model::{Questionnaire, ScaleKind};
use crate::score::{ConformityReport, Verdict};
use crate::site::index::Index;
use crate::site::pages::conformity::{page_url, percent, summary};
use crate::site::urls;
use crate::site::views::{Data, Fact, Link, PageJob};
use serde::Serialize;

/// `conformity_questionnaire.html`: the questionnaire (`q`, on its page only) or one section.
#[derive(Serialize)]
struct PageView<'a> {
    q: Option<About<'a>>,
    /// How the questionnaire is scored, in one sentence.
    method: &'static str,
    illustrative: bool,
    /// Its conformity page, with the summary line of its respondents.
    conformity: Link,
    summary: String,
    /// What the conformity page details.
    detail: &'static str,
    facts: Vec<Fact>,
    sections: Vec<SectionView>,
}

#[derive(Serialize)]
struct SectionView {
    id: String,
    title: String,
    url: String,
    criteria: Vec<super::CriterionView>,
}

/// The line of the questionnaire list's card: the respondents' summary.
pub(super) fn card_line(report: &ConformityReport) -> String {
    summary(report)
}

/// The questionnaire page, then one page per section, of conformity questionnaire `q`.
pub(super) fn pages<'a, 'j>(
    ix: &Index,
    q: &'a Questionnaire,
    about: About<'a>,
    report: &ConformityReport,
    home: &Link,
) -> Vec<PageJob<'j>> {
    let graded = report.questionnaire.kind == ScaleKind::Graded;
    let method = if graded {
        "Questionnaire noté : chaque critère applicable est atteint (1) ou non (0) ; le score sur \
         100 est la part des critères atteints, et le niveau va de A à D."
    } else {
        "Questionnaire d'exigences : chaque exigence applicable est respectée ou non ; une \
         exigence obligatoire non respectée rend non conforme, quelle que soit la part respectée."
    };
    let mut facts = vec![Fact {
        label: "Répondants publiés".into(),
        value: report.holders.len().to_string(),
    }];
    if graded {
        facts.extend(report.grades.iter().map(|g| Fact {
            label: format!("Niveau {}", g.grade),
            value: g.count.to_string(),
        }));
    } else {
        let conforme = report
            .holders
            .iter()
            .filter(|h| h.verdict == Some(Verdict::Conforme))
            .count();
        facts.push(Fact {
            label: "Conformes".into(),
            value: conforme.to_string(),
        });
    }
    let sections: Vec<SectionView> = q
        .axes
        .iter()
        .map(|a| SectionView {
            id: a.id.clone(),
            title: a.title.clone(),
            url: urls::axis(&q.id, &a.id),
            criteria: a
                .criteria
                .iter()
                .map(|c| {
                    let mut view = criterion_view(ix, q, c);
                    view.expected = requirement_line(report, graded, &c.id, c.mandatory);
                    view
                })
                .collect(),
        })
        .collect();
    let view = |about: Option<About<'a>>, sections: Vec<SectionView>| PageView {
        q: about,
        method,
        illustrative: report.illustrative,
        conformity: Link::new(
            format!("Conformité — {}", q.title),
            page_url(&report.questionnaire.id),
        ),
        summary: summary(report),
        detail: if graded {
            "le score et le niveau de chaque établissement, la répartition des niveaux par région \
             et par type d'établissement"
        } else {
            "la part respectée et le verdict de chaque titulaire, la part des répondants qui \
             respectent chaque exigence"
        },
        facts: facts.clone(),
        sections,
    };
    let questionnaire = Link::new(q.title.clone(), urls::questionnaire(&q.id));
    let mut jobs: Vec<PageJob> = sections
        .iter()
        .map(|s| PageJob {
            path: s.url.clone(),
            template: "conformity_questionnaire.html",
            title: format!("{} {}", s.id, s.title),
            crumbs: vec![home.clone(), questionnaire.clone()],
            data: Data::view(&view(
                None,
                vec![SectionView {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    url: s.url.clone(),
                    criteria: s.criteria.clone(),
                }],
            )),
        })
        .collect();
    jobs.insert(
        0,
        PageJob {
            path: urls::questionnaire(&q.id),
            template: "conformity_questionnaire.html",
            title: q.title.clone(),
            crumbs: vec![home.clone()],
            data: Data::view(&view(Some(about), sections)),
        },
    );
    jobs
}

/// What a criterion's page says in place of its expected level: mandatory or not (requirement
/// scales), and how many respondents it applies to meet it.
fn requirement_line(
    report: &ConformityReport,
    graded: bool,
    criterion: &str,
    mandatory: bool,
) -> String {
    let kind = match (graded, mandatory) {
        (true, _) => "Critère noté",
        (false, true) => "Exigence obligatoire",
        (false, false) => "Exigence facultative",
    };
    let Some(r) = report
        .requirements
        .iter()
        .find(|r| r.criterion == criterion)
    else {
        return kind.into();
    };
    let done = if graded { "atteint" } else { "respectée" };
    let share = if r.answered == 0 {
        "—".to_string()
    } else {
        percent(r.met as f64 / r.answered as f64)
    };
    format!(
        "{kind} : {done} par {} répondant(s) sur {} concerné(s) ({share})",
        r.met, r.answered
    )
}
