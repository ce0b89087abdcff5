//! Label pages: one page per label (its rules and its holders with the date they hold it
//! since), a "Labels" section added to the sheet of every holder, and the feed of awards
//! (`feeds/labels.xml`) they link to.

use super::super::feeds;
use super::super::index::Index;
use super::super::output::Sink;
use super::super::urls;
use super::super::views::{Data, Link, PageJob, fr_date};
use super::conformity::INDEX;
use crate::model::{LabelVerdict, Repository};
use crate::score::{self, LabelReport};
use anyhow::Result;
use serde::Serialize;
use std::collections::BTreeMap;

/// Root-relative URL of a label's page.
pub fn page_url(label: &str) -> String {
    format!("conformite/labels/{}.html", urls::slug(label))
}

/// `label.html`: one label.
#[derive(Serialize)]
struct LabelView {
    description: Option<String>,
    assessment: &'static str,
    rules: Vec<String>,
    holders: Vec<HolderRow>,
    /// Not `feed`: every page gets its own `feed` (its alternate link) from the build.
    awards_feed: &'static str,
}

#[derive(Serialize)]
struct HolderRow {
    name: String,
    url: String,
    since: String,
}

/// The label section of a holder's sheet (one entry per label held), or a label in the
/// conformity index (`since` then counts its holders).
#[derive(Debug, Clone, Serialize)]
struct SheetEntry {
    title: String,
    url: String,
    since: String,
}

/// The levels a label reads, in words.
fn assessment_text(mode: &str) -> &'static str {
    match mode {
        "external" => "niveaux des évaluations externes seulement",
        "retained" => "niveaux retenus (évaluation externe s'il y en a une, sinon auto-évaluation)",
        _ => "auto-évaluation des services et produits",
    }
}

/// Each rule of the label `id`, in words.
fn rules_text(repo: &Repository, id: &str) -> Vec<String> {
    let Some(label) = repo.labels.iter().find(|l| l.value.id == id) else {
        return Vec::new();
    };
    label
        .value
        .rules
        .iter()
        .map(|r| {
            let title = repo
                .questionnaire(&r.questionnaire)
                .map_or(r.questionnaire.as_str(), |q| q.title.as_str());
            let mut parts = Vec::new();
            match r.verdict {
                Some(LabelVerdict::Conforme) => parts.push("conforme".to_string()),
                Some(LabelVerdict::NonConforme) => parts.push("non conforme".to_string()),
                None => {}
            }
            if let Some(min) = r.min_rate {
                let on = r
                    .axis
                    .as_ref()
                    .map_or_else(String::new, |a| format!(" sur l'axe « {a} »"));
                parts.push(format!(
                    "taux d'au moins {} %{on}",
                    min.to_string().replace('.', ",")
                ));
            }
            format!("{title} : {}", parts.join(", "))
        })
        .collect()
}

/// Adds one page per label, and a label section to the sheet of each holder among `jobs`;
/// writes the feed of awards to `out` when there is a label.
pub fn add<'a>(ix: &'a Index<'a>, jobs: &mut Vec<PageJob<'a>>, out: &dyn Sink) -> Result<()> {
    let reports = score::label_reports(ix.repo, &ix.settings);
    if !reports.is_empty() {
        out.add(feeds::LABELS.into(), feeds::label_awards(ix.repo, &reports))?;
    }
    let crumbs = vec![Link::new("Conformité", INDEX)];
    for r in &reports {
        jobs.push(PageJob {
            path: page_url(&r.id),
            template: "label.html",
            title: format!("Label — {}", r.title),
            crumbs: crumbs.clone(),
            data: Data::view(&LabelView {
                description: r.description.clone(),
                assessment: assessment_text(r.assessment),
                rules: rules_text(ix.repo, &r.id),
                holders: r
                    .holders
                    .iter()
                    .map(|h| HolderRow {
                        name: h.name.clone(),
                        url: urls::subject(&h.id),
                        since: fr_date(h.since),
                    })
                    .collect(),
                awards_feed: feeds::LABELS,
            }),
        });
    }
    let cards: Vec<SheetEntry> = reports
        .iter()
        .map(|r| SheetEntry {
            title: r.title.clone(),
            url: page_url(&r.id),
            since: format!("{} titulaire(s)", r.holders.len()),
        })
        .collect();
    if let Some(index) = jobs.iter_mut().find(|j| j.path == INDEX)
        && !cards.is_empty()
    {
        add_value(index, "labels", minijinja::Value::from_serialize(&cards));
        add_value(index, "labels_feed", minijinja::Value::from(feeds::LABELS));
    }
    decorate_sheets(jobs, &reports);
    Ok(())
}

/// Adds `name` = `value` to the values of `job`'s page.
pub(super) fn add_value(job: &mut PageJob<'_>, name: &'static str, value: minijinja::Value) {
    job.add_later(name, move || value.clone());
}

/// Adds `labels` (the labels held) to the values of each holder's sheet.
fn decorate_sheets<'a>(jobs: &mut [PageJob<'a>], reports: &[LabelReport]) {
    let mut by_sheet: BTreeMap<String, Vec<SheetEntry>> = BTreeMap::new();
    for r in reports {
        for h in &r.holders {
            by_sheet
                .entry(urls::subject(&h.id))
                .or_default()
                .push(SheetEntry {
                    title: r.title.clone(),
                    url: page_url(&r.id),
                    since: fr_date(h.since),
                });
        }
    }
    for job in jobs.iter_mut() {
        let Some(entries) = by_sheet.remove(&job.path) else {
            continue;
        };
        add_value(job, "labels", minijinja::Value::from_serialize(&entries));
    }
}
