//! The home page: the national dashboard (key figures, map, rosaces, projected rate per
//! quarter up to 2025).

use super::super::index::Index;
use super::super::urls;
use super::super::views::*;
use super::groups::region_map;
use crate::charts::lines;
use crate::model::{Date, Quarter, Scope};
use anyhow::Result;
use minijinja::context;
use rayon::prelude::*;

/// Quarters from the reference date's quarter to the last quarter of 2025 (or of the last
/// projection date if later).
pub fn quarters(ix: &Index) -> Vec<Quarter> {
    let last = ix
        .moments
        .iter()
        .map(|d| d.year)
        .max()
        .unwrap_or(2025)
        .max(2025);
    let mut q = ix.settings.reference_date.quarter();
    let mut out = Vec::new();
    while q.year <= last {
        out.push(q);
        q = q.next();
    }
    out
}

/// Adds `index.html`.
pub fn add(ix: &Index, jobs: &mut Vec<PageJob>) -> Result<()> {
    let mut sections = Vec::new();
    let qs: Vec<Quarter> = quarters(ix);
    let labels: Vec<String> = qs.iter().map(|q| q.to_string()).collect();
    let mut series = Vec::new();
    for q in ix.repo.questionnaires_in_force() {
        let figs = ix.group(q, |_| true);
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
            &format!("Rosace nationale — {}", q.title),
            q,
            &figs,
        )];
        if q.scope == Scope::Service {
            charts.push(region_map(ix, q, ""));
            let values = qs
                .par_iter()
                .map(|qt| {
                    let at: Date = if *qt == ix.settings.reference_date.quarter() {
                        ix.settings.reference_date
                    } else {
                        qt.end()
                    };
                    ix.group_at(q, at, |_| true).rate
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
            cards: vec![],
        });
    }
    if !series.is_empty() {
        sections.push(Section {
            title: "Trajectoire de convergence".into(),
            intro: Some("Taux de maturité national projeté à la fin de chaque trimestre d'après les plans de convergence (services appelés à être décommissionnés exclus).".into()),
            charts: vec![lines::lines("trajectoire", "Taux de maturité national projeté par trimestre", &labels, &series)?],
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
        data: context! { summary => summary, sections => sections },
    });
    Ok(())
}
