//! Markdown pages (doctrine, FAQ, free pages, method), the data downloads page and the search
//! page. The method page is the free page `content/pages/methode.md`, published at
//! `methode.html` (the URL the navigation has always linked), not among the free pages.

use crate::model::{Page, PageSection};
use crate::site::index::Index;
use crate::site::markdown;
use crate::site::output::Sink;
use crate::site::urls;
use crate::site::views::*;
use anyhow::Result;
use serde::Serialize;

/// `page.html`: a Markdown page, or the list of a section's pages (`entries`).
#[derive(Serialize, Default)]
struct PageView<'a> {
    description: Option<&'a str>,
    source: Option<&'a str>,
    /// The axis the page is about.
    axis: Option<Link>,
    /// The page's body (HTML, already safe).
    body: Option<String>,
    /// On a section's list page: its pages.
    entries: Option<Vec<Entry>>,
}

/// `downloads.html`: the data files and the questionnaires' JSON.
#[derive(Serialize)]
struct DownloadsView<'a> {
    downloads: &'a [Link],
    questionnaires: Vec<Link>,
    /// How to cite the data: the portal's title and the reference date of its figures.
    citation: String,
}

/// `search.html`: everything comes from the search index script.
#[derive(Serialize)]
struct SearchView {}

/// An entry of a section's list page.
#[derive(Serialize)]
struct Entry {
    title: String,
    url: String,
    desc: Option<String>,
    body: Option<String>,
}

/// Slug of the free page published as the method page.
const METHOD_SLUG: &str = "methode";

/// URL of the method page.
pub const METHOD_URL: &str = "methode.html";

/// Whether `p` is `content/pages/methode.md`, the method page.
fn is_method(p: &Page) -> bool {
    p.section == PageSection::Page && p.slug == METHOD_SLUG
}

/// Root-relative URL of a Markdown page: `methode.html` for the method page, else in its
/// section's folder.
pub fn url(p: &Page) -> String {
    if is_method(p) {
        METHOD_URL.into()
    } else {
        urls::page(p.section, &p.slug)
    }
}

/// The pages of a section in their order, the method page left out (it has its own place).
fn sorted<'a>(ix: &Index<'a>, section: PageSection) -> Vec<&'a Page> {
    let mut pages: Vec<&Page> = ix
        .repo
        .pages
        .iter()
        .filter(|p| p.section == section && !is_method(p))
        .collect();
    pages.sort_by(|a, b| (a.meta.order, &a.slug).cmp(&(b.meta.order, &b.slug)));
    pages
}

/// Links to the free pages of `content/pages` (about, accessibility, legal notice…), in their
/// order, for every page's footer.
pub fn footer(ix: &Index) -> Vec<Link> {
    sorted(ix, PageSection::Page)
        .into_iter()
        .map(|p| Link::new(p.meta.title.clone(), urls::page(PageSection::Page, &p.slug)))
        .collect()
}

/// Adds the Markdown pages, the method, downloads and search pages; `downloads` lists the
/// data files already in the output.
pub fn add(ix: &Index, jobs: &mut Vec<PageJob>, downloads: &[Link]) -> Result<()> {
    for (section, title, index_url) in [
        (PageSection::Doctrine, "Doctrine", "doctrine/index.html"),
        (PageSection::Faq, "Questions fréquentes", "faq/index.html"),
        (PageSection::Page, "Pages", "pages/index.html"),
    ] {
        let pages = sorted(ix, section);
        let parent = Link::new(title, index_url);
        for p in &pages {
            let axis = p.meta.axis.as_ref().and_then(|a| {
                ix.repo.questionnaires_in_force().find_map(|q| {
                    q.axes.iter().find(|x| &x.id == a).map(|x| {
                        Link::new(
                            format!("{} {} ({})", x.id, x.title, q.title),
                            urls::axis(&q.id, &x.id),
                        )
                    })
                })
            });
            jobs.push(PageJob {
                path: urls::page(section, &p.slug),
                template: "page.html",
                title: p.meta.title.clone(),
                crumbs: vec![parent.clone()],
                data: Data::view(&PageView {
                    description: p.meta.description.as_deref(),
                    source: p.meta.source.as_deref(),
                    axis,
                    body: Some(markdown::render(&p.body)),
                    entries: None,
                }),
            });
        }
        let entries: Vec<Entry> = pages
            .iter()
            .map(|p| Entry {
                title: p.meta.title.clone(),
                url: urls::page(section, &p.slug),
                desc: p.meta.description.clone(),
                body: (section == PageSection::Faq).then(|| markdown::render(&p.body)),
            })
            .collect();
        jobs.push(PageJob {
            path: index_url.into(),
            template: "page.html",
            title: title.into(),
            crumbs: vec![],
            data: Data::view(&PageView {
                entries: Some(entries),
                ..PageView::default()
            }),
        });
    }
    jobs.push(method(ix));
    jobs.push(PageJob {
        path: "donnees.html".into(),
        template: "downloads.html",
        title: "Données".into(),
        crumbs: vec![],
        data: Data::view(&DownloadsView {
            downloads,
            questionnaires: ix
                .repo
                .questionnaires_in_force()
                .map(|q| {
                    Link::new(
                        format!("{} (version {})", q.title, q.version),
                        urls::questionnaire_json(&q.id),
                    )
                })
                .collect(),
            citation: format!(
                "{}, données de l'auto-évaluation au {}, Licence Ouverte / Etalab 2.0.",
                ix.repo
                    .config
                    .as_ref()
                    .map_or("Observatoire de la convergence", |c| c.value.title.as_str()),
                fr_date(ix.settings.reference_date)
            ),
        }),
    });
    jobs.push(PageJob {
        path: "recherche.html".into(),
        template: "search.html",
        title: "Recherche".into(),
        crumbs: vec![],
        data: Data::view(&SearchView {}),
    });
    Ok(())
}

/// The method page, from `content/pages/methode.md`; without it, the formula in a few words.
fn method(ix: &Index) -> PageJob<'static> {
    let page = ix.repo.pages.iter().find(|p| is_method(p));
    let body = page.map_or_else(
        || {
            "<p>Le taux de maturité d'un service sur un axe est la moyenne pondérée, sur les \
             critères auxquels il a répondu, du rapport entre le niveau atteint et le niveau \
             attendu à date, écrêté à 1 ; les réponses « non applicable » sont ignorées. Les \
             moyennes par groupe portent sur les fiches publiables, validées et non archivées ; \
             les projections excluent les services appelés à être décommissionnés.</p>"
                .to_string()
        },
        |p| markdown::render(&p.body),
    );
    PageJob {
        path: METHOD_URL.into(),
        template: "page.html",
        title: page.map_or("Méthode de calcul", |p| &p.meta.title).into(),
        crumbs: vec![],
        data: Data::view(&PageView {
            description: page.and_then(|p| p.meta.description.as_deref()),
            body: Some(body),
            ..PageView::default()
        }),
    }
}

/// The links of the score module's exports in `donnees/`.
pub fn downloads() -> Vec<Link> {
    crate::export::FILES
        .iter()
        .map(|&name| {
            let label = match name {
                "scores.json" => "Taux et niveaux par groupe et par fiche (JSON)",
                "scores.schema.json" => "Schéma JSON de scores.json",
                "scores.csv" => "Taux et niveaux par groupe (CSV)",
                "answers.csv" => "Réponses publiées, critère par critère (CSV)",
                _ => name,
            };
            Link::new(label, format!("donnees/{name}"))
        })
        .collect()
}

/// Writes the exports, in parallel with each other, each streamed to its file.
pub fn write_downloads(ix: &Index, out: &dyn Sink) -> Result<()> {
    use rayon::prelude::*;
    crate::export::FILES.par_iter().try_for_each(|&name| {
        out.add_with(format!("donnees/{name}"), &mut |w| {
            crate::export::write(name, ix.repo, &ix.scores, w)?;
            Ok(())
        })
    })
}
