//! The editors' occupation of the POS (§6.3.1 of the study): for each editor, in how many
//! regions and with how many services it sits in each place of the POS (each zone, each domain
//! without zones), as two tables; and the map of the regions where a solution is deployed.

use super::zones::places;
use crate::charts::{self, Chart, DataTable, map};
use crate::model::{Editor, Region, SubjectFile, SubjectKind};
use crate::site::index::{Index, Respondent};
use crate::site::urls;
use crate::site::views::*;
use std::collections::{BTreeMap, BTreeSet};

/// Root-relative URL of the page.
pub const URL: &str = "editeurs/occupation.html";

/// The service sheets that count as deployments: services, not archived.
fn deployed<'a>(r: &Respondent<'a>) -> Option<&'a SubjectFile> {
    r.subject
        .filter(|s| s.subject.kind == SubjectKind::Service && !s.subject.archived)
}

/// Where an editor sits in one place: the regions (INSEE codes) and the number of services.
type Cell<'a> = (BTreeSet<&'a str>, usize);

/// For each editor id, each place id: its cell.
type Occupation<'a> = BTreeMap<&'a str, BTreeMap<&'a str, Cell<'a>>>;

/// Who sits where: each deployed service with an editor and a place of the POS.
fn occupation<'a>(ix: &Index<'a>) -> Occupation<'a> {
    let mut out: Occupation = BTreeMap::new();
    for r in &ix.respondents {
        let Some(s) = deployed(r) else { continue };
        let (Some(editor), Some(place)) = (&s.subject.editor, &s.subject.pos_zone) else {
            continue;
        };
        let cell = out
            .entry(editor.as_str())
            .or_default()
            .entry(place.as_str())
            .or_default();
        cell.0.extend(r.region);
        cell.1 += 1;
    }
    out
}

/// The two tables: regions per place and editor, then services per place and editor; one row
/// per place of the POS (all of them, in the referential's order), one column per editor with
/// at least one service, then all editors together.
pub fn tables(ix: &Index) -> [DataTable; 2] {
    let occupied = occupation(ix);
    let editors: Vec<&Editor> = ix
        .repo
        .editors
        .iter()
        .flat_map(|e| &e.value.editors)
        .filter(|e| occupied.contains_key(e.id.as_str()))
        .collect();
    let mut headers = vec!["Zone fonctionnelle".to_string()];
    headers.extend(editors.iter().map(|e| e.name.clone()));
    headers.push("Tous éditeurs".into());
    let places = places(ix.repo);
    let table = |caption: &str, count: fn(&[&Cell]) -> usize| {
        let rows = places
            .iter()
            .map(|p| {
                let cells: Vec<Vec<&Cell>> = editors
                    .iter()
                    .map(|e| occupied[e.id.as_str()].get(p.id).into_iter().collect())
                    .collect();
                let mut row = vec![p.title.to_string()];
                row.extend(cells.iter().map(|c| count(c).to_string()));
                row.push(count(&cells.concat()).to_string());
                row
            })
            .collect();
        DataTable {
            caption: caption.to_string(),
            headers: headers.clone(),
            rows,
        }
    };
    [
        table(
            "Occupation du POS par les éditeurs, en nombre de régions",
            |cells| {
                let regions: BTreeSet<&str> =
                    cells.iter().flat_map(|c| c.0.iter().copied()).collect();
                regions.len()
            },
        ),
        table(
            "Occupation du POS par les éditeurs, en nombre de services",
            |cells| cells.iter().map(|c| c.1).sum(),
        ),
    ]
}

/// Adds `editeurs/occupation.html`.
pub fn add(ix: &Index, jobs: &mut Vec<PageJob>) {
    let [regions, services] = tables(ix);
    let links: Vec<String> = places(ix.repo).into_iter().map(|p| p.url).collect();
    let sections = vec![
        Section {
            title: "En nombre de régions".into(),
            intro: Some(
                "<p>Dans combien de régions chaque éditeur a au moins un service déployé, \
                 zone par zone ; la dernière colonne compte les régions où au moins un de ces \
                 éditeurs est présent sur la zone.</p>"
                    .into(),
            ),
            tables: vec![regions],
            row_links: links.clone(),
            sortable: true,
            ..Section::default()
        },
        Section {
            title: "En nombre de services".into(),
            intro: Some(
                "<p>Combien de services déployés utilisent une solution de chaque éditeur, \
                 zone par zone.</p>"
                    .into(),
            ),
            tables: vec![services],
            row_links: links,
            sortable: true,
            ..Section::default()
        },
    ];
    jobs.push(PageJob {
        path: URL.into(),
        template: "group.html",
        title: "Occupation du POS par les éditeurs".into(),
        crumbs: vec![Link::new("Éditeurs", "editeurs/index.html")],
        data: Data::view(&GroupView {
            intro: Some(
                "<p>Les éditeurs présents sur chaque zone du plan d'occupation des sols : \
                 services publiés, hors fiches archivées et produits des éditeurs. \
                 Cliquez sur un en-tête de colonne pour trier les zones.</p>"
                    .into(),
            ),
            solution: None,
            sections,
            sortable: true,
        }),
    });
}

/// The map of the regions where the solution used by `users` is deployed (its services, not
/// archived), the others drawn absent; links go up `root` to the region pages. `None` when
/// it is deployed in no region.
pub fn solution_map(
    ix: &Index,
    id: &str,
    name: &str,
    users: &[&Respondent],
    root: &str,
) -> Option<Chart> {
    let counts: BTreeMap<String, (usize, Option<String>)> = ix
        .repo
        .regions
        .iter()
        .flat_map(|r| &r.value.regions)
        .map(|reg: &Region| {
            let n = users
                .iter()
                .filter(|r| deployed(r).is_some() && r.region == Some(reg.code.as_str()))
                .count();
            (
                reg.code.clone(),
                (n, Some(format!("{root}{}", urls::region(&reg.slug)))),
            )
        })
        .collect();
    let present = counts.values().filter(|(n, _)| *n > 0).count();
    if present == 0 {
        return None;
    }
    let Ok(chart) = charts::draw(
        id,
        &format!("Régions où la solution {name} est déployée"),
        &map::Presence {
            geo: &ix.geo,
            counts: &counts,
        },
    );
    let services: usize = counts.values().map(|(n, _)| n).sum();
    Some(chart.with_note(format!(
        "{} dans {}",
        plural(services, "service déployé", "services déployés"),
        plural(present, "région", "régions")
    )))
}

/// "1 région", "2 régions" (French puts the plural from two on; 0 takes the singular).
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n > 1 { many } else { one })
}
