//! The home page: the national dashboard (key figures, map, rosaces, projected rate per
//! quarter up to 2025).

use super::groups::region_map;
use crate::charts::lines;
use crate::model::{Quarter, Scope};
use crate::score::{GroupBy, NATIONAL};
use crate::site::index::Index;
use crate::site::urls;
use crate::site::views::*;
use anyhow::Result;
use serde::Serialize;

/// `home.html`: the national dashboard.
#[derive(Serialize)]
struct HomeView {
    /// Counts of sheets, organisations, regions and questionnaires.
    summary: Vec<Fact>,
    /// What the means are computed over.
    perimeter: String,
    /// One section per questionnaire, then the trajectory.
    sections: Vec<Section>,
}

/// The quarters of the national trajectory computed by the score module.
pub fn quarters(ix: &Index) -> Vec<Quarter> {
    ix.scores.trajectory.iter().map(|p| p.quarter).collect()
}

/// Adds `index.html`.
pub fn add(ix: &Index, jobs: &mut Vec<PageJob>) -> Result<()> {
    super::synthesis::add(ix, jobs);
    let mut sections = Vec::new();
    let qs: Vec<Quarter> = quarters(ix);
    let labels: Vec<String> = qs.iter().map(|q| q.to_string()).collect();
    let mut series = Vec::new();
    for q in ix.repo.maturity_questionnaires_in_force() {
        let figs = ix.figures(q, GroupBy::National, NATIONAL);
        let max = ix.scale_of(q).map_or(3, |s| s.max_level());
        if figs[0].count == 0 {
            sections.push(Section {
                title: q.title.clone(),
                intro: Some(format!(
                    "<p>Aucune réponse publiée pour l'instant. <a href=\"{}\">Voir le questionnaire, ses axes et ses critères</a>.</p>",
                    urls::questionnaire(&q.id)
                )),
                ..Section::default()
            });
            continue;
        }
        let mut charts = vec![rosace(
            ix,
            &format!("rosace-{}", urls::slug(&q.id)),
            &rosace_title(ix, q, ", France entière"),
            q,
            &figs,
        )];
        charts.extend(level_rosace(
            ix,
            &format!("niveaux-{}", urls::slug(&q.id)),
            &level_rosace_title(ix, q, ", France entière"),
            q,
            &figs,
        ));
        charts.push(region_map(ix, q, ""));
        if q.scope == Scope::Service {
            let values = ix
                .scores
                .trajectory
                .iter()
                .map(|p| {
                    p.questionnaires
                        .iter()
                        .find(|a| a.questionnaire == q.id)
                        .and_then(|a| a.rate)
                })
                .collect();
            series.push(lines::Line {
                name: q.title.clone(),
                values,
            });
        }
        sections.push(Section {
            title: q.title.clone(),
            intro: Some(format!(
                "<a href=\"{}\">Voir le questionnaire, ses axes et ses critères</a>",
                urls::questionnaire(&q.id)
            )),
            facts: facts(ix, &figs, max),
            charts,
            ..Section::default()
        });
    }
    if !series.is_empty() {
        sections.push(Section {
            title: "Trajectoire de convergence".into(),
            intro: Some("Taux de maturité national projeté à la fin de chaque trimestre d'après les plans de convergence (services appelés à être décommissionnés exclus).".into()),
            charts: vec![crate::charts::draw("trajectoire", "Taux de maturité national projeté à la fin de chaque trimestre, en % — questionnaires de services", &lines::Lines { quarters: &labels, series: &series, moment: "Trimestre" })?
                .with_note("Services du périmètre de calcul, hors services appelés à être décommissionnés")],
            ..Section::default()
        });
    }
    let n_subjects = ix
        .respondents
        .iter()
        .filter(|r| r.subject.is_some())
        .count();
    let n_regions = ix
        .repo
        .regions
        .as_ref()
        .map_or(0, |r| r.value.regions.len());
    let summary = vec![
        Fact {
            label: "Fiches publiées".into(),
            value: n_subjects.to_string(),
        },
        Fact {
            label: "Organisations".into(),
            value: ix.repo.organisations.len().to_string(),
        },
        Fact {
            label: "Régions".into(),
            value: n_regions.to_string(),
        },
        Fact {
            label: "Questionnaires".into(),
            value: ix.repo.questionnaires_in_force().count().to_string(),
        },
    ];
    jobs.push(PageJob {
        path: "index.html".into(),
        template: "home.html",
        title: "Tableau de bord national".into(),
        crumbs: vec![],
        data: Data::view(&HomeView {
            summary,
            perimeter: format!(
                "Moyennes calculées sur les {} : fiches publiables, validées et non archivées ; les projections excluent les services appelés à être décommissionnés.",
                ix.settings.perimeter.describe()
            ),
            sections,
        }),
    });
    Ok(())
}
