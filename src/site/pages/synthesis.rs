//! The national synthesis of the study (§4.2): the funnel from the services declared to the
//! services of the calculation perimeter, with the reason at each step; the number of services
//! of the perimeter per POS zone and per common-core type; the most deployed zones.

use super::zones;
use crate::charts::DataTable;
use crate::model::{Status, SubjectKind};
use crate::site::index::{Index, Respondent};
use crate::site::views::*;
use std::collections::BTreeMap;

/// Root-relative URL of the page.
pub const URL: &str = "synthese.html";

/// How many zones the "most deployed" list names.
const MOST_DEPLOYED: usize = 5;

/// "1 service", "2 services".
fn services(n: usize) -> String {
    format!("{n} service{}", if n > 1 { "s" } else { "" })
}

/// Why a published service is outside the calculation perimeter, if it is: the first reason
/// that applies, in the order the method states them.
fn left_out(r: &Respondent) -> Option<&'static str> {
    let s = &r.subject?.subject;
    if r.in_date {
        None
    } else if s.archived {
        Some("archivés")
    } else if s.status != Status::Validated {
        Some("brouillons")
    } else if s.common_core.is_none() {
        Some("hors tronc commun")
    } else {
        Some("hors périmètre")
    }
}

/// The funnel: declared, publishable, in the perimeter, each with the reason of what it drops.
fn funnel(ix: &Index, published: &[&Respondent]) -> Section {
    let w = ix.withheld;
    let in_perimeter = published.iter().filter(|r| r.in_date).count();
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    if w.drafts > 0 {
        reasons.insert("brouillons", w.drafts);
    }
    for r in published {
        if let Some(reason) = left_out(r) {
            *reasons.entry(reason).or_default() += 1;
        }
    }
    let publishable = w.services - w.not_publishable;
    let drop = format!(
        "non publiables (déploiement à venir ou finalité technique ; ni fiche ni réponses publiées) : {}",
        w.not_publishable
    );
    let reasons: Vec<String> = reasons
        .iter()
        .map(|(why, n)| format!("{why} : {n}"))
        .collect();
    Section {
        title: "Du recensement au périmètre de calcul".into(),
        intro: Some(
            "<p>Les moyennes du portail portent sur les services publiables, validés, non archivés et \
             rattachés à un type du tronc commun : le périmètre de calcul.</p>"
                .into(),
        ),
        facts: vec![
            Fact {
                label: "Services déclarés".into(),
                value: w.services.to_string(),
            },
            Fact {
                label: "Services publiables".into(),
                value: publishable.to_string(),
            },
            Fact {
                label: "Services du périmètre de calcul".into(),
                value: in_perimeter.to_string(),
            },
        ],
        tables: vec![DataTable {
            caption: "Du recensement au périmètre de calcul, étape par étape".into(),
            headers: vec!["Étape".into(), "Services".into(), "Ce qui est écarté".into()],
            rows: vec![
                vec![
                    "Services déclarés dans le dépôt".into(),
                    w.services.to_string(),
                    "—".into(),
                ],
                vec![
                    "Services publiables".into(),
                    publishable.to_string(),
                    drop,
                ],
                vec![
                    "Services du périmètre de calcul".into(),
                    in_perimeter.to_string(),
                    if reasons.is_empty() {
                        "—".into()
                    } else {
                        reasons.join(" ; ")
                    },
                ],
            ],
        }],
        ..Section::default()
    }
}

/// Services of the perimeter per POS place and per common-core type, and the most deployed
/// places.
fn counts(ix: &Index, published: &[&Respondent]) -> Vec<Section> {
    let mut by_zone: BTreeMap<&str, usize> = BTreeMap::new();
    let mut by_type: BTreeMap<&str, usize> = BTreeMap::new();
    for s in published
        .iter()
        .filter(|r| r.in_date)
        .filter_map(|r| r.subject)
    {
        if let Some(z) = &s.subject.pos_zone {
            *by_zone.entry(z).or_default() += 1;
        }
        if let Some(t) = &s.subject.common_core {
            *by_type.entry(t).or_default() += 1;
        }
    }
    let places = zones::places(ix.repo);
    let zone_rows: Vec<Vec<String>> = places
        .iter()
        .map(|p| {
            let n = by_zone.get(p.id).copied().unwrap_or(0);
            vec![format!("{} {}", p.id, p.title), n.to_string()]
        })
        .collect();
    let mut ranked: Vec<(&str, &str, usize)> = places
        .iter()
        .map(|p| (p.id, p.title, by_zone.get(p.id).copied().unwrap_or(0)))
        .filter(|(_, _, n)| *n > 0)
        .collect();
    // Most services first; the referential's order among equals (the sort is stable).
    ranked.sort_by_key(|r| std::cmp::Reverse(r.2));
    let most: Vec<String> = ranked
        .iter()
        .take(MOST_DEPLOYED)
        .map(|(id, title, n)| {
            format!(
                "<li>{} (zone {}) : {}</li>",
                esc(title),
                esc(id),
                services(*n)
            )
        })
        .collect();
    let types = ix
        .repo
        .common_core
        .as_ref()
        .map_or(&[][..], |c| &c.value.types[..]);
    let type_rows: Vec<Vec<String>> = types
        .iter()
        .map(|t| {
            let n = by_type.get(t.id.as_str()).copied().unwrap_or(0);
            let zone = zone_title(ix.repo, &t.zone).unwrap_or(&t.zone);
            vec![t.title.clone(), format!("{} {zone}", t.zone), n.to_string()]
        })
        .collect();
    vec![
        Section {
            title: "Services par zone fonctionnelle".into(),
            intro: Some(format!(
                "<p>Les zones où les services du périmètre sont les plus nombreux :</p><ol>{}</ol>",
                most.concat()
            )),
            tables: vec![DataTable {
                caption: "Services du périmètre de calcul par zone fonctionnelle".into(),
                headers: vec!["Zone".into(), "Services".into()],
                rows: zone_rows,
            }],
            row_links: places.iter().map(|p| p.url.clone()).collect(),
            ..Section::default()
        },
        Section {
            title: "Services par type du tronc commun".into(),
            intro: Some(format!(
                "<p>{} types de services forment le tronc commun.</p>",
                types.len()
            )),
            tables: vec![DataTable {
                caption: "Services du périmètre de calcul par type du tronc commun".into(),
                headers: vec!["Type".into(), "Zone".into(), "Services".into()],
                rows: type_rows,
            }],
            ..Section::default()
        },
    ]
}

/// Text escaped for HTML.
fn esc(s: &str) -> String {
    crate::charts::escape(s).to_string()
}

/// Adds `synthese.html`.
pub fn add(ix: &Index, jobs: &mut Vec<PageJob>) {
    let published: Vec<&Respondent> = ix
        .respondents
        .iter()
        .filter(|r| {
            r.subject
                .is_some_and(|s| s.subject.kind == SubjectKind::Service)
        })
        .collect();
    let mut sections = vec![funnel(ix, &published)];
    sections.extend(counts(ix, &published));
    jobs.push(PageJob {
        path: URL.into(),
        template: "group.html",
        title: "Synthèse nationale".into(),
        crumbs: vec![],
        data: Data::view(&GroupView {
            intro: Some(
                "<p>Les chiffres de l'étude : combien de services sont déclarés, publiés et comptés \
                 dans les moyennes, et où ils se trouvent sur le plan d'occupation des sols.</p>"
                    .into(),
            ),
            solution: None,
            sections,
            sortable: false,
        }),
    });
}
