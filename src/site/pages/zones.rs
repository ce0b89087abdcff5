//! The analysis by functional zone of the publication (§6.1.2–6.1.3): for every place of the
//! POS a service can sit in (each zone, and each domain without zones), its rate and level per
//! questionnaire at date and at each projection date, as a table and a grid of small charts.
//! The figures are the score module's `--by zone` groups; this page only formats them.

use crate::charts::{self, DataTable, bars};
use crate::model::{Questionnaire, Repository, Scope};
use crate::score::GroupBy;
use crate::site::index::Index;
use crate::site::urls;
use crate::site::views::*;
use anyhow::Result;

/// Root-relative URL of the page.
pub const URL: &str = "pos/zones.html";

/// A place of the POS a service can sit in: a zone, or a domain without zones.
pub struct Place<'a> {
    /// The zone's (or domain's) id.
    pub id: &'a str,
    /// Its name.
    pub title: &'a str,
    /// Root-relative URL of its card on the domain page (or of the domain page).
    pub url: String,
}

/// Every place of the POS a service can sit in, in the referential's order: the zones of each
/// domain, or the domain itself when it has none.
pub fn places(repo: &Repository) -> Vec<Place<'_>> {
    let domains = repo.pos.as_ref().map_or(&[][..], |p| &p.value.domains[..]);
    let mut out = Vec::new();
    for d in domains {
        if d.zones.is_empty() {
            out.push(Place {
                id: &d.id,
                title: &d.title,
                url: urls::pos_domain(&d.id),
            });
        }
        out.extend(d.zones.iter().map(|z| Place {
            id: &z.id,
            title: &z.title,
            url: urls::pos_place(&d.id, &z.id),
        }));
    }
    out
}

/// The section of one questionnaire: the table of every place, then one small chart per place
/// with services (its rate at each moment).
fn section(ix: &Index, q: &Questionnaire, frame: &bars::Frame) -> Result<Section> {
    let max = ix.scale_of(q).map_or(3, |s| s.max_level());
    let mut headers = vec!["Zone".to_string(), "Services concernés".to_string()];
    headers.extend(ix.moment_labels.iter().map(|l| format!("Taux — {l}")));
    headers.extend(ix.moment_labels.iter().map(|l| format!("Niveau — {l}")));
    let mut rows = Vec::new();
    let mut links = Vec::new();
    let mut small = Vec::new();
    for Place { id, title, url } in places(ix.repo) {
        let figs = ix.figures(q, GroupBy::Zone, id);
        let name = format!("{id} {title}");
        let mut row = vec![name.clone(), figs[0].count.to_string()];
        row.extend(figs.iter().map(|f| charts::pct(f.rate)));
        row.extend(figs.iter().map(|f| charts::level(f.level, max)));
        rows.push(row);
        links.push(url);
        if figs[0].count == 0 {
            continue;
        }
        let items: Vec<bars::Bar> = figs
            .iter()
            .zip(&ix.moment_labels)
            .map(|(f, label)| bars::Bar {
                code: String::new(),
                name: label.clone(),
                rate: f.rate,
                count: f.count,
            })
            .collect();
        let chart = charts::draw(
            &format!("zone-{}-{}", urls::slug(id), urls::slug(&q.id)),
            &format!("{name} — taux de maturité, en %"),
            &bars::Bars {
                frame,
                items: &items,
            },
        )?;
        small.push(chart.with_note(format!(
            "{} ; niveau moyen à date {}",
            concerned(q, figs[0].count),
            charts::level(figs[0].level, max)
        )));
    }
    Ok(Section {
        title: q.title.clone(),
        tables: vec![DataTable {
            caption: format!(
                "Taux et niveau de maturité par zone fonctionnelle — {} — {}",
                q.title,
                moments_phrase(ix)
            ),
            headers,
            rows,
        }],
        row_links: links,
        charts: small,
        small_multiples: true,
        ..Section::default()
    })
}

/// Adds `pos/zones.html`.
pub fn add(ix: &Index, jobs: &mut Vec<PageJob>) -> Result<()> {
    let frame = bars::Frame::new(ix.moment_labels.clone())?;
    let mut sections = Vec::new();
    for q in ix
        .repo
        .questionnaires_in_force()
        .filter(|q| q.scope == Scope::Service)
    {
        sections.push(section(ix, q, &frame)?);
    }
    jobs.push(PageJob {
        path: URL.into(),
        template: "group.html",
        title: "Par zone fonctionnelle".into(),
        crumbs: vec![Link::new("Domaines fonctionnels", "pos/index.html")],
        data: Data::view(&GroupView {
            intro: Some(format!(
                "<p>Le taux et le niveau de maturité des services de chaque zone fonctionnelle du plan \
                 d'occupation des sols, {}, questionnaire par questionnaire : un tableau de toutes les \
                 zones, puis un graphique par zone qui compte des services.</p>",
                moments_phrase(ix)
            )),
            solution: None,
            sections,
            sortable: false,
        }),
    });
    Ok(())
}
