//! Embedding the portal elsewhere. Widgets: `widgets/regions/<slug>.html` and
//! `widgets/organisations/<id>.html`, a page without the portal's navigation (the key figures
//! and rosace of each questionnaire) made to sit in an `<iframe>` on another site: assets by
//! relative path, no script, nothing that forbids framing. And the copy-paste snippets under
//! each page (`embed.html`, written by [`EmbedView::write`]): the page's badges and its widget.
//! Only group figures of the public repository: no subject is named in a widget.

use crate::score::GroupBy;
use crate::site::badges;
use crate::site::index::Index;
use crate::site::pages::html::{self, text};
use crate::site::urls;
use crate::site::views::{Data, Fact, PageJob, facts, rosace, rosace_title};
use serde::Serialize;
use std::collections::HashMap;

/// Path of the widget of the region with slug `slug`.
pub fn region(slug: &str) -> String {
    format!("widgets/regions/{}.html", urls::slug(slug))
}

/// Path of the widget of the organisation `id`.
pub fn organisation(id: &str) -> String {
    format!("widgets/organisations/{}.html", urls::slug(id))
}

/// `widget.html`.
#[derive(Serialize)]
struct WidgetView {
    /// The full page of the group, opened in the top window.
    page: String,
    /// One block per questionnaire with figures.
    blocks: Vec<WidgetBlock>,
}

/// A questionnaire's key figures and rosace.
#[derive(Serialize)]
struct WidgetBlock {
    title: String,
    facts: Vec<Fact>,
    chart: crate::charts::Chart,
}

/// `embed.html`: what a page offers to paste elsewhere.
#[derive(Debug, Serialize)]
pub struct EmbedView {
    /// The page's badges: title, SVG path, snippet.
    pub badges: Vec<BadgeSnippet>,
    /// The page's widget, if it has one.
    pub widget: Option<WidgetSnippet>,
    /// Whether the snippets hold absolute addresses (built with `--base-url`).
    pub absolute: bool,
}

/// A badge and its snippet.
#[derive(Debug, Serialize)]
pub struct BadgeSnippet {
    /// What it describes.
    pub title: String,
    /// Root-relative path of the SVG.
    pub svg: String,
    /// The HTML to paste.
    pub snippet: String,
}

/// A widget and its snippet.
#[derive(Debug, Serialize)]
pub struct WidgetSnippet {
    /// Root-relative path of the widget page.
    pub url: String,
    /// The `<iframe>` to paste.
    pub snippet: String,
}

impl EmbedView {
    /// Writes the section `embed.html` shows on a page whose root is `root` (nothing when
    /// there is nothing to embed).
    pub fn write(&self, out: &mut String, root: &str) {
        if self.badges.is_empty() && self.widget.is_none() {
            return;
        }
        out.push_str("<section class=\"section embed\" aria-labelledby=\"integrer\">\n  <h2 id=\"integrer\">Intégrer sur votre site</h2>\n  <p>Copiez le code HTML sous l'élément à afficher.");
        if !self.absolute {
            out.push_str(" Les adresses sont relatives à la racine du portail : préfixez-les par son adresse publique.");
        }
        out.push_str("</p>\n");
        for b in &self.badges {
            out.push_str("<figure class=\"embed__item\">\n    ");
            html::badge_image(out, root, &b.svg, &b.title);
            out.push_str("\n    <figcaption>Badge — ");
            text(out, &b.title);
            out.push_str("<br><code>");
            text(out, &b.snippet);
            out.push_str("</code></figcaption>\n  </figure>\n");
        }
        if let Some(w) = &self.widget {
            out.push_str("<p>Widget (chiffres clés et rosaces, sans navigation ni script, à placer dans une balise <code>iframe</code>) : ");
            html::link(out, root, &w.url, "voir le widget");
            out.push_str(".<br><code>");
            text(out, &w.snippet);
            out.push_str("</code></p>");
        }
        out.push_str("</section>");
    }
}

/// A group that has a widget: grouping, key, name, its page and its widget's path.
struct Group {
    by: GroupBy,
    key: String,
    name: String,
    page: String,
    widget: String,
}

/// Every region and every organisation with a page.
fn groups(ix: &Index) -> Vec<Group> {
    let regions = ix
        .repo
        .regions
        .iter()
        .flat_map(|r| &r.value.regions)
        .map(|r| Group {
            by: GroupBy::Region,
            key: r.code.clone(),
            name: r.name.clone(),
            page: urls::region(&r.slug),
            widget: region(&r.slug),
        });
    let organisations = ix.repo.organisations.iter().map(|o| Group {
        by: GroupBy::Organisation,
        key: o.value.id.clone(),
        name: o.value.name.clone(),
        page: urls::organisation(&o.value.id),
        widget: organisation(&o.value.id),
    });
    regions.chain(organisations).collect()
}

/// The widget's blocks: each questionnaire in force the group has figures for.
fn blocks(ix: &Index, g: &Group) -> Vec<WidgetBlock> {
    ix.repo
        .maturity_questionnaires_in_force()
        .filter_map(|q| {
            let figs = ix.figures(q, g.by, &g.key);
            if figs.first().is_none_or(|f| f.count == 0) {
                return None;
            }
            let max = ix.scale_of(q).map_or(3, |s| s.max_level());
            let id = format!("widget-{}", urls::slug(&q.id));
            let of = format!(", {}", g.name);
            Some(WidgetBlock {
                title: q.title.clone(),
                facts: facts(ix, &figs, max),
                chart: rosace(ix, &id, &rosace_title(ix, q, &of), q, &figs),
            })
        })
        .collect()
}

/// The `<iframe>` to paste for the widget at `path` of `name`.
fn iframe(base_url: &str, path: &str, name: &str) -> String {
    format!(
        "<iframe src=\"{base_url}{path}\" title=\"Convergence — {}\" width=\"420\" height=\"720\" style=\"border:0\" loading=\"lazy\"></iframe>",
        badges::esc(name)
    )
}

/// Adds the widget pages to `jobs`, and `embed` (the snippets of its badges and widget) to the
/// values of each sheet, organisation, solution and region page among them; `base_url` makes
/// the snippets' addresses absolute.
pub fn add<'a>(ix: &'a Index<'a>, jobs: &mut Vec<PageJob<'a>>, base_url: &str) {
    let groups = groups(ix);
    let mut embeds: HashMap<String, EmbedView> = HashMap::new();
    let absolute = !base_url.is_empty();
    for (page, list) in badges::by_page(ix) {
        let badges = list
            .into_iter()
            .map(|(svg, title)| BadgeSnippet {
                snippet: badges::snippet(base_url, &page, &svg, &title),
                title,
                svg,
            })
            .collect();
        embeds.insert(
            page,
            EmbedView {
                badges,
                widget: None,
                absolute,
            },
        );
    }
    for g in &groups {
        let embed = embeds.entry(g.page.clone()).or_insert_with(|| EmbedView {
            badges: Vec::new(),
            widget: None,
            absolute,
        });
        embed.widget = Some(WidgetSnippet {
            url: g.widget.clone(),
            snippet: iframe(base_url, &g.widget, &g.name),
        });
    }
    for job in jobs.iter_mut() {
        let Some(embed) = embeds.remove(&job.path) else {
            continue;
        };
        let root = urls::root_of(&job.path);
        job.add_later("embed_html", move || {
            let mut html = String::new();
            embed.write(&mut html, &root);
            minijinja::Value::from_safe_string(html)
        });
    }
    for g in groups {
        jobs.push(PageJob {
            path: g.widget.clone(),
            template: "widget.html",
            title: g.name.clone(),
            crumbs: vec![],
            data: Data::Later(Box::new(move || {
                minijinja::Value::from_serialize(&WidgetView {
                    page: g.page.clone(),
                    blocks: blocks(ix, &g),
                })
            })),
        });
    }
}
