//! Conformity pages: one page per requirement or graded questionnaire (its holders with their
//! share met or score, verdict or grade; the share of holders meeting each requirement; the
//! grade distribution by region and establishment type), an index of them, and what
//! `sheets` adds to holders' sheets and solution pages.

mod sheets;

use crate::model::{ScaleKind, Scope};
use crate::score::{self, ConformityReport, Holder};
use crate::site::index::Index;
use crate::site::urls;
use crate::site::views::{Data, Link, PageJob, fr_date};
use anyhow::Result;
use serde::Serialize;

/// Root-relative URL of the conformity index.
pub const INDEX: &str = "conformite/index.html";

/// Root-relative URL of a questionnaire's conformity page.
pub fn page_url(questionnaire: &str) -> String {
    format!("conformite/{}.html", urls::slug(questionnaire))
}

/// `conformity.html`: the index (`questionnaires`) or one questionnaire (`report`).
#[derive(Serialize)]
struct PageView {
    intro: String,
    questionnaires: Vec<QuestionnaireCard>,
    report: Option<ReportView>,
}

#[derive(Serialize)]
struct QuestionnaireCard {
    title: String,
    url: String,
    summary: String,
}

#[derive(Serialize)]
struct ReportView {
    graded: bool,
    illustrative: bool,
    questionnaire_url: String,
    sections: Vec<String>,
    holders: Vec<HolderRow>,
    requirements: Vec<RequirementRow>,
    grade_letters: Vec<String>,
    distributions: Vec<DistributionTable>,
}

#[derive(Serialize)]
struct HolderRow {
    name: String,
    url: String,
    group: Option<String>,
    date: Option<String>,
    share: String,
    sections: Vec<String>,
    result: String,
    conforme: bool,
    unmet: String,
}

#[derive(Serialize)]
struct RequirementRow {
    id: String,
    title: String,
    mandatory: bool,
    met: String,
    share: String,
}

#[derive(Serialize)]
struct DistributionTable {
    caption: String,
    rows: Vec<(String, Vec<usize>)>,
}

/// A share in 0–1 as a French percentage, `66,7 %`.
pub fn percent(x: f64) -> String {
    format!("{:.1} %", x * 100.0).replace('.', ",")
}

fn result_of(graded: bool, h: &Holder) -> (String, bool) {
    if graded {
        let grade = h.grade.clone().unwrap_or_else(|| "—".into());
        let good = matches!(grade.as_str(), "A" | "B");
        (format!("niveau {grade}"), good)
    } else {
        let v = h.verdict.unwrap_or(score::Verdict::NonConforme);
        (v.label().to_string(), v == score::Verdict::Conforme)
    }
}

fn sheet_url(report: &ConformityReport, h: &Holder) -> String {
    match report.scope {
        Scope::Organisation => urls::organisation(&h.id),
        Scope::Service => urls::subject(&h.id),
    }
}

fn report_view(report: &ConformityReport) -> ReportView {
    let q = &report.questionnaire;
    let graded = q.kind == ScaleKind::Graded;
    let sections: Vec<String> = q.axes.iter().map(|a| a.id.clone()).collect();
    let holders = report
        .holders
        .iter()
        .map(|h| {
            let (result, conforme) = result_of(graded, h);
            HolderRow {
                name: h.name.clone(),
                url: sheet_url(report, h),
                group: h.group.clone(),
                date: h.assessed_on.map(fr_date),
                share: if graded {
                    format!("{:.1} / 100", h.share * 100.0).replace('.', ",")
                } else {
                    percent(h.share)
                },
                sections: sections
                    .iter()
                    .map(|a| {
                        h.sections
                            .iter()
                            .find(|s| &s.axis == a)
                            .map_or_else(|| "—".into(), |s| percent(s.share))
                    })
                    .collect(),
                result,
                conforme,
                unmet: h.mandatory_unmet.join(", "),
            }
        })
        .collect();
    let requirements = report
        .requirements
        .iter()
        .map(|r| RequirementRow {
            id: r.criterion.clone(),
            title: r.title.clone(),
            mandatory: r.mandatory,
            met: format!("{} / {}", r.met, r.answered),
            share: if r.answered == 0 {
                "—".into()
            } else {
                percent(r.met as f64 / r.answered as f64)
            },
        })
        .collect();
    let table = |caption: &str, rows: &[score::GradeRow]| DistributionTable {
        caption: caption.into(),
        rows: rows
            .iter()
            .map(|r| (r.label.clone(), r.grades.iter().map(|g| g.count).collect()))
            .collect(),
    };
    let distributions = if graded {
        vec![
            DistributionTable {
                caption: "Répartition nationale des niveaux".into(),
                rows: vec![(
                    "National".into(),
                    report.grades.iter().map(|g| g.count).collect(),
                )],
            },
            table(
                "Répartition des niveaux par région",
                &report.grades_by_region,
            ),
            table(
                "Répartition des niveaux par type d'établissement",
                &report.grades_by_type,
            ),
        ]
    } else {
        Vec::new()
    };
    ReportView {
        graded,
        illustrative: report.illustrative,
        questionnaire_url: urls::questionnaire(&q.id),
        sections,
        holders,
        requirements,
        grade_letters: report.grades.iter().map(|g| g.grade.clone()).collect(),
        distributions,
    }
}

/// One line on a conformity questionnaire's respondents: how many, and how many conform or
/// how many have each grade.
pub fn summary(report: &ConformityReport) -> String {
    let n = report.holders.len();
    if report.questionnaire.kind == ScaleKind::Graded {
        let counts: Vec<String> = report
            .grades
            .iter()
            .map(|g| format!("{} {}", g.grade, g.count))
            .collect();
        format!("{n} répondant(s) ; niveaux : {}", counts.join(", "))
    } else {
        let ok = report
            .holders
            .iter()
            .filter(|h| h.verdict == Some(score::Verdict::Conforme))
            .count();
        format!("{n} répondant(s), dont {ok} conforme(s)")
    }
}

/// Adds the index and one page per conformity questionnaire, and a conformity section to the
/// sheet of each holder among `jobs` (so it runs once every other page is listed).
pub fn add<'a>(ix: &'a Index<'a>, jobs: &mut Vec<PageJob<'a>>) -> Result<()> {
    let reports = score::conformity_reports(ix.repo, &ix.settings);
    let crumbs = vec![Link::new("Conformité", INDEX)];
    let cards = reports
        .iter()
        .map(|r| QuestionnaireCard {
            title: r.questionnaire.title.clone(),
            url: page_url(&r.questionnaire.id),
            summary: summary(r),
        })
        .collect();
    jobs.push(PageJob {
        path: INDEX.into(),
        template: "conformity.html",
        title: "Conformité".into(),
        crumbs: vec![],
        data: Data::view(&PageView {
            intro: "Questionnaires d'exigences (une exigence est respectée ou non ; une exigence \
                    obligatoire non respectée rend non conforme) et questionnaires notés \
                    (score sur 100 et niveau de A à D, comme MaturiN-H). Chaque page liste les \
                    répondants publiés."
                .into(),
            questionnaires: cards,
            report: None,
        }),
    });
    for r in &reports {
        jobs.push(PageJob {
            path: page_url(&r.questionnaire.id),
            template: "conformity.html",
            title: format!("Conformité — {}", r.questionnaire.title),
            crumbs: crumbs.clone(),
            data: Data::view(&PageView {
                intro: summary(r),
                questionnaires: Vec::new(),
                report: Some(report_view(r)),
            }),
        });
    }
    sheets::decorate(ix, jobs, &reports);
    Ok(())
}
