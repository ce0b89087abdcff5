//! The portal: turns the repository and its scores into a static site. The build is a recipe:
//! keep what may be published, score it once, list the pages, render them in parallel, add
//! assets, search index and downloads, each file handed to a [`Sink`] as soon as it is made.

pub mod badges;
pub mod cartography;
pub mod feeds;
pub mod index;
pub mod markdown;
pub mod output;
pub mod pages;
pub mod provenance;
pub mod public;
pub mod scores;
pub mod search;
pub mod theme;
pub mod urls;
pub mod views;
pub mod widget;

pub use output::{Memory, Sink, Staging};

use anyhow::{Context, Result};
use minijinja::context;
use rayon::prelude::*;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::Instant;
use views::{Link, PageJob};

/// How to build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Public URL prefix of the site (`/sub/`), used only for the sitemap: links are relative.
    pub base_url: String,
    /// Theme directory overriding the built-in theme.
    pub theme: Option<PathBuf>,
    /// Publish drafts and count them in aggregates.
    pub include_drafts: bool,
    /// Add the live-reload script (for `serve`).
    pub live_reload: bool,
    /// Print the time of each step on standard error.
    pub verbose: bool,
}

#[derive(Serialize)]
struct SiteView {
    title: String,
    description: Option<String>,
    demo: bool,
    nav: Vec<Link>,
    /// The institutional pages (`content/pages`, by `order`): about, accessibility, legal…
    footer: Vec<Link>,
    live_reload: bool,
}

fn nav() -> Vec<Link> {
    [
        ("Accueil", "index.html"),
        ("Questionnaires", "questionnaires/index.html"),
        ("Régions", "regions/index.html"),
        ("Domaines", "pos/index.html"),
        ("Services", "services/index.html"),
        ("Éditeurs", "editeurs/index.html"),
        ("Doctrine", "doctrine/index.html"),
        ("FAQ", "faq/index.html"),
        ("Méthode", "methode.html"),
        ("Données", "donnees.html"),
        ("Tendances", "tendances.html"),
        ("Conformité", "conformite/index.html"),
    ]
    .into_iter()
    .map(|(l, u)| Link::new(l, u))
    .collect()
}

/// Prints how long each step of a build took, on standard error, when `verbose`.
pub struct Timer {
    verbose: bool,
    at: Instant,
}

impl Timer {
    /// Starts timing the first step.
    pub fn new(verbose: bool) -> Timer {
        Timer {
            verbose,
            at: Instant::now(),
        }
    }

    /// Ends the step `name` (printing its time) and starts the next.
    pub fn step(&mut self, name: &str) {
        if self.verbose {
            eprintln!(
                "  {name:<24} {:>8.1} ms",
                self.at.elapsed().as_secs_f64() * 1000.0
            );
        }
        self.at = Instant::now();
    }
}

/// Builds the whole site from a loaded repository (without validation errors) into `out`;
/// the repository is consumed: what may not be published is dropped from it first.
/// `root` is the repository folder, read only for `content/geo/` and the history of changes.
/// Pages are computed, rendered and handed to `out` one by one, on all cores, while the data
/// exports are written beside them.
pub fn build(
    repo: crate::model::Repository,
    root: &Path,
    opts: &BuildOptions,
    out: &dyn Sink,
) -> Result<()> {
    build_pages(repo, root, opts, out, None)
}

/// [`build`], rendering only the pages at the paths in `only` when given, and then writing
/// nothing else (`serve`'s quick preview of edited sheets; files the listing writes along the
/// way still come).
pub fn build_pages(
    repo: crate::model::Repository,
    root: &Path,
    opts: &BuildOptions,
    out: &dyn Sink,
    only: Option<&std::collections::BTreeSet<String>>,
) -> Result<()> {
    let mut t = Timer::new(opts.verbose);
    let withheld = public::withheld(&repo, opts.include_drafts);
    let public = public::public_repository(repo, opts.include_drafts);
    let theme = theme::Theme::load(opts.theme.as_deref())?;
    t.step("thème");
    let geojson = crate::load::read_optional(root, "content/geo/regions-inset.geojson")?
        .map_or_else(
            || crate::charts::map::DEFAULT_GEOJSON.to_string(),
            |f| f.text,
        );
    let geo = crate::charts::map::parse(&geojson)?;
    let settings = scores::Settings {
        include_drafts: opts.include_drafts,
        ..scores::Settings::for_repo(&public)
    };
    let changes = provenance::read(root);
    let provenance = provenance::pages(&public, &changes);
    let alternates = feeds::alternates(&public);
    let mut ix = index::Index::new(&public, settings, geo);
    ix.withheld = withheld;
    t.step("scores");
    let mut jobs = pages::all(&ix, out)?;
    jobs.push(badges::page(&ix, &opts.base_url));
    widget::add(&ix, &mut jobs, &opts.base_url);
    if let Some(only) = only {
        jobs.retain(|j| only.contains(&j.path));
    }
    t.step("vues des listes");
    let config = public.config.as_ref().map(|c| &c.value);
    let site = SiteView {
        title: config.map_or("Observatoire de la convergence".into(), |c| c.title.clone()),
        description: config.and_then(|c| c.description.clone()),
        demo: config.is_some_and(|c| c.demo),
        nav: nav(),
        footer: pages::content::footer(&ix),
        live_reload: opts.live_reload,
    };
    let site = minijinja::Value::from_serialize(&site);
    let render = |job: &PageJob| -> Result<()> {
        let ctx = context! {
            site => site.clone(),
            root => urls::root_of(&job.path),
            path => job.path,
            title => job.title,
            crumbs => job.crumbs,
            provenance => provenance.get(&job.path),
            feed => alternates.get(&job.path),
            ..job.data.value()
        };
        let html = theme
            .render(job.template, ctx)
            .with_context(|| format!("page {}", job.path))?;
        out.add(job.path.clone(), html)
    };
    let (exports, pages) = rayon::join(
        || match only {
            None => pages::content::write_downloads(&ix, out),
            Some(_) => Ok(()),
        },
        || jobs.par_iter().try_for_each(render),
    );
    exports?;
    pages?;
    t.step("pages et exports");
    if only.is_some() {
        return Ok(());
    }
    if !opts.base_url.is_empty() {
        let mut sitemap = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        let mut paths: Vec<&str> = jobs.iter().map(|j| j.path.as_str()).collect();
        paths.sort_unstable();
        for path in paths {
            sitemap.push_str(&format!("<url><loc>{}{path}</loc></url>\n", opts.base_url));
        }
        sitemap.push_str("</urlset>\n");
        out.add("sitemap.xml".into(), sitemap.into_bytes())?;
    }
    for (path, bytes) in &theme.assets {
        out.add(path.clone(), bytes.clone())?;
    }
    // Feeds, badges and the search index side by side. Made here, not with the other inputs:
    // held while the pages render, the feeds would add their whole size to the build's peak.
    let (feeds, (badges, search)) = rayon::join(
        || feeds::write_all(&public, &changes, out),
        || {
            rayon::join(
                || {
                    badges::files(&ix)
                        .into_iter()
                        .try_for_each(|(path, bytes)| out.add(path, bytes))
                },
                || {
                    let script = search::script(&search::entries(&ix))?;
                    out.add("search-index.js".into(), script.into_bytes())
                },
            )
        },
    );
    feeds?;
    badges?;
    search?;
    out.add(
        "geo/ATTRIBUTION.txt".into(),
        include_str!("../../content/geo/ATTRIBUTION.txt").into(),
    )?;
    t.step("fichiers");
    Ok(())
}
