//! Questionnaire pages: the list, one page per questionnaire (every axis and criterion with its
//! full scale and expected level, national figures), one page per axis, and the JSON download.

mod conformity_layout;

use super::axis_extras;
use crate::charts::{Chart, bars, stacked};
use crate::model::{Criterion, LevelValue, Questionnaire, Scope};
use crate::score::{GroupBy, NATIONAL};
use crate::site::index::Index;
use crate::site::urls;
use crate::site::views::*;
use crate::site::{markdown, output::Sink};
use anyhow::Result;
use serde::Serialize;

/// `questionnaire.html`: a questionnaire, its national figures, axes and criteria.
#[derive(Serialize)]
struct QuestionnaireView<'a> {
    q: About<'a>,
    facts: Vec<Fact>,
    charts: Vec<Chart>,
    axes: Vec<AxisView>,
}

/// What a questionnaire page says of the questionnaire itself.
#[derive(Serialize)]
struct About<'a> {
    version: &'a str,
    /// Description (HTML, already safe).
    description: Option<String>,
    source: Option<&'a str>,
    /// Root-relative URL of its JSON download.
    json: String,
    /// The preliminary questions.
    preliminary: Vec<&'a str>,
    /// What this version adds to the one it replaces, and how many published answers have
    /// yet to answer it.
    added: Option<Added>,
}

/// The criteria a new version adds ("à renseigner") and the published files yet to answer them.
#[derive(Serialize)]
struct Added {
    criteria: Vec<String>,
    pending: usize,
}

/// The criteria `q` adds to the version it replaces, and how many public respondents on this
/// version have not answered all of those that apply to them.
fn added(ix: &Index, q: &Questionnaire) -> Option<Added> {
    let criteria = crate::migrate::added_criteria(ix.repo, q);
    if criteria.is_empty() {
        return None;
    }
    let pending = ix
        .respondents
        .iter()
        .filter_map(|r| r.responses.get(&q.id))
        .filter(|resp| resp.version == q.version)
        .filter(|resp| {
            q.criteria().any(|(_, c)| {
                criteria.contains(&c.id)
                    && c.applies(&resp.preliminary)
                    && !resp.answers.contains_key(&c.id)
            })
        })
        .count();
    Some(Added {
        criteria: criteria.into_iter().collect(),
        pending,
    })
}

/// `axis.html`: an axis, its figures, maps, doctrine summary and criteria.
#[derive(Serialize)]
struct AxisPageView {
    facts: Vec<Fact>,
    doctrine: Option<Link>,
    /// The doctrine page's body (HTML, already safe).
    doctrine_html: Option<String>,
    maps: Vec<Chart>,
    charts: Vec<Chart>,
    criteria: Vec<CriterionView>,
}

#[derive(Serialize, Clone)]
struct LevelRow {
    badge: Badge,
    text: String,
    expected: bool,
}

#[derive(Serialize, Clone)]
struct CriterionView {
    id: String,
    title: String,
    help: Option<String>,
    expected: String,
    levels: Vec<LevelRow>,
    conditions: Vec<String>,
    faq: Vec<Link>,
    weight: Option<String>,
}

#[derive(Serialize)]
struct AxisView {
    id: String,
    title: String,
    url: String,
    doctrine: Option<Link>,
    rate: String,
    count: usize,
    criteria: Vec<CriterionView>,
}

fn criterion_view(ix: &Index, q: &Questionnaire, c: &Criterion) -> CriterionView {
    let scale = ix.scale_of(q);
    let exp = c.expected_at(ix.settings.reference_date);
    let history: Vec<String> = c
        .expected
        .iter()
        .map(|e| format!("{} à partir du {}", e.level, fr_date(e.from)))
        .collect();
    let faq = c
        .faq
        .iter()
        .filter_map(|slug| {
            ix.repo
                .pages
                .iter()
                .find(|p| p.section == crate::model::PageSection::Faq && &p.slug == slug)
                .map(|p| Link::new(p.meta.title.clone(), urls::page(p.section, &p.slug)))
        })
        .collect();
    CriterionView {
        id: c.id.clone(),
        title: c.title.clone(),
        help: c.help.as_deref().map(markdown::render_inline),
        expected: format!(
            "Niveau attendu au {} : {} ({})",
            fr_date(ix.settings.reference_date),
            exp,
            history.join(", ")
        ),
        levels: c
            .levels
            .iter()
            .rev()
            .map(|(v, text)| LevelRow {
                badge: badge(scale, *v),
                text: text.clone(),
                expected: *v == LevelValue::Level(exp),
            })
            .collect(),
        conditions: c.conditions(),
        faq,
        weight: (c.weight != 1.0).then(|| format!("{}", c.weight)),
    }
}

/// The stacked bars of answers per level for the given criteria.
pub fn distribution(
    ix: &Index,
    q: &Questionnaire,
    criteria: &[&Criterion],
    id: &str,
) -> crate::charts::Chart {
    let scale = ix.scale_of(q);
    let mut values: Vec<LevelValue> = scale
        .map(|s| {
            s.levels
                .iter()
                .map(|l| LevelValue::Level(l.value))
                .collect()
        })
        .unwrap_or_default();
    values.push(LevelValue::NotApplicable);
    let segments: Vec<stacked::Segment> = values
        .iter()
        .map(|v| {
            let b = badge(scale, *v);
            stacked::Segment {
                label: b.label,
                color: b.bg,
            }
        })
        .collect();
    // One pass over the respondents' answers, not one lookup per criterion and respondent.
    let row_of: rustc_hash::FxHashMap<&str, usize> = criteria
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut counts = vec![vec![0; values.len()]; criteria.len()];
    for r in ix.respondents.iter().filter(|r| r.in_date) {
        let Some(resp) = r.responses.get(&q.id) else {
            continue;
        };
        for (cid, a) in &resp.answers {
            if let (Some(&row), Some(i)) = (
                row_of.get(cid.as_str()),
                values.iter().position(|v| *v == a.level),
            ) {
                counts[row][i] += 1;
            }
        }
    }
    let rows = criteria
        .iter()
        .zip(counts)
        .map(|(c, counts)| stacked::Row {
            code: c.id.clone(),
            name: c.title.clone(),
            counts,
        })
        .collect::<Vec<_>>();
    let Ok(chart) = crate::charts::draw(
        id,
        &format!(
            "Répartition des réponses par niveau, par critère — {} — {}",
            q.title,
            ix.moment_labels[0].to_lowercase()
        ),
        &stacked::Stacked {
            segments: &segments,
            rows: &rows,
        },
    );
    let answering = ix
        .respondents
        .iter()
        .filter(|r| r.in_date && r.responses.contains_key(&q.id))
        .count();
    chart.with_note(concerned(q, answering))
}

/// Adds the questionnaire list, questionnaire pages, axis pages and JSON downloads.
pub fn add(ix: &Index, jobs: &mut Vec<PageJob>, out: &dyn Sink) -> Result<()> {
    let mut cards = Vec::new();
    let home = Link::new("Questionnaires", "questionnaires/index.html");
    let reports = crate::score::conformity_reports(ix.repo, &ix.settings);
    for q in ix.repo.questionnaires_in_force() {
        let report = reports.iter().find(|r| r.questionnaire.id == q.id);
        let figs = ix.figures(q, GroupBy::National, NATIONAL);
        let max = ix.scale_of(q).map_or(3, |s| s.max_level());
        cards.push(Card {
            title: q.title.clone(),
            url: urls::questionnaire(&q.id),
            desc: q.description.clone(),
            meta: vec![
                format!("Version {}", q.version),
                format!("{} axes", q.axes.len()),
                format!("{} critères", q.criteria().count()),
                match q.scope {
                    Scope::Organisation => "Organisation".into(),
                    Scope::Service => "Services et produits".into(),
                },
            ],
            rate: match report {
                Some(r) => Some(conformity_layout::card_line(r)),
                None => figs
                    .first()
                    .and_then(|f| f.rate)
                    .map(|r| format!("Taux national à date : {}", crate::charts::pct(Some(r)))),
            },
            anchor: None,
        });
        out.add(
            urls::questionnaire_json(&q.id),
            serde_json::to_vec_pretty(q)?,
        )?;
        let about = About {
            version: &q.version,
            description: q.description.as_deref().map(markdown::render_inline),
            source: q.source.as_deref(),
            json: urls::questionnaire_json(&q.id),
            preliminary: q.preliminary.iter().map(|p| p.question.as_str()).collect(),
            added: added(ix, q),
        };
        if let Some(r) = report {
            jobs.extend(conformity_layout::pages(ix, q, about, r, &home));
            continue;
        }
        let axes: Vec<AxisView> = q
            .axes
            .iter()
            .enumerate()
            .map(|(i, a)| AxisView {
                id: a.id.clone(),
                title: a.title.clone(),
                url: urls::axis(&q.id, &a.id),
                doctrine: doctrine_url(ix, a),
                rate: crate::charts::pct(figs[0].axes.get(i).and_then(|x| x.rate)),
                count: figs[0].axes.get(i).map_or(0, |x| x.count),
                criteria: a
                    .criteria
                    .iter()
                    .map(|c| criterion_view(ix, q, c))
                    .collect(),
            })
            .collect();
        let radar = rosace(
            ix,
            "rosace",
            &rosace_title(ix, q, ", France entière"),
            q,
            &figs,
        );
        let level_radar = level_rosace(
            ix,
            "niveaux",
            &level_rosace_title(ix, q, ", France entière"),
            q,
            &figs,
        );
        let all: Vec<&Criterion> = q.criteria().map(|(_, c)| c).collect();
        let dist = distribution(ix, q, &all, "repartition");
        let items = q
            .axes
            .iter()
            .zip(&figs[0].axes)
            .map(|(a, f)| bars::Bar {
                code: a.id.clone(),
                name: a.title.clone(),
                rate: f.rate,
                count: f.count,
            })
            .collect::<Vec<_>>();
        let axis_bars = crate::charts::draw(
            "axes",
            &format!(
                "Taux de maturité par axe, en % — {} — {}",
                q.title,
                ix.moment_labels[0].to_lowercase()
            ),
            &bars::Bars {
                frame: &bars::Frame::of(&items)?,
                items: &items,
            },
        )?
        .with_note(concerned(q, figs[0].count));
        jobs.push(PageJob {
            path: urls::questionnaire(&q.id),
            template: "questionnaire.html",
            title: q.title.clone(),
            crumbs: vec![home.clone()],
            data: Data::view(&QuestionnaireView {
                q: about,
                facts: facts(ix, &figs, max),
                charts: [Some(radar), level_radar, Some(axis_bars), Some(dist)]
                    .into_iter()
                    .flatten()
                    .collect(),
                axes,
            }),
        });
        let regions = axis_extras::region_figures(ix, q);
        for (i, a) in q.axes.iter().enumerate() {
            let crits: Vec<&Criterion> = a.criteria.iter().collect();
            let mut charts = vec![distribution(ix, q, &crits, "repartition")];
            if q.scope == Scope::Service {
                charts.push(axis_extras::axis_trajectory(ix, q, a)?);
            }
            let per_moment: Vec<_> = figs
                .iter()
                .map(|f| f.axes.get(i).cloned().unwrap_or_default())
                .collect();
            let mut fs = vec![Fact {
                label: "Répondants".into(),
                value: per_moment[0].count.to_string(),
            }];
            for (f, l) in per_moment.iter().zip(&ix.moment_labels) {
                fs.push(Fact {
                    label: format!("Taux — {l}"),
                    value: crate::charts::pct(f.rate),
                });
            }
            fs.push(Fact {
                label: "Niveau moyen".into(),
                value: crate::charts::level(per_moment[0].level, max),
            });
            // The projected levels, as the study gives them beside the projected rates (§6.2).
            for (f, l) in per_moment.iter().zip(&ix.moment_labels).skip(1) {
                fs.push(Fact {
                    label: format!("Niveau — {l}"),
                    value: crate::charts::level(f.level, max),
                });
            }
            jobs.push(PageJob {
                path: urls::axis(&q.id, &a.id),
                template: "axis.html",
                title: format!("{} {}", a.id, a.title),
                crumbs: vec![
                    home.clone(),
                    Link::new(q.title.clone(), urls::questionnaire(&q.id)),
                ],
                data: Data::view(&AxisPageView {
                    facts: fs,
                    doctrine: doctrine_url(ix, a),
                    doctrine_html: axis_extras::doctrine_html(ix, a),
                    maps: axis_extras::axis_maps(ix, a, i, &regions, "../../"),
                    charts,
                    criteria: a
                        .criteria
                        .iter()
                        .map(|c| criterion_view(ix, q, c))
                        .collect(),
                }),
            });
        }
    }
    jobs.push(list_page(
        "questionnaires/index.html",
        "Questionnaires",
        ListView {
            intro: "Les questionnaires en vigueur, leurs axes de convergence et leurs critères, avec l'échelle complète et le niveau attendu à date.",
            charts: vec![],
            cards,
        },
    ));
    Ok(())
}
