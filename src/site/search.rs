//! The client-side search index: every public page a reader may look for (regions, POS domains
//! and zones, editors and their solutions, organisations, services and products, questionnaires,
//! axes and criteria, doctrine, FAQ and free pages), written at build time as
//! `search-index.js`, a script assigning a global, so search works offline and from `file://`
//! (where fetching a JSON file is refused). `assets/search.js` ranks the entries in the browser.
//!
//! The index is compact: each entry is an array `[title, kind, url, text]` whose kind is a
//! position in the `kinds` table, and a service's text holds only what its title does not say.

use super::index::Index;
use super::markdown;
use super::pages::content;
use super::urls;
use crate::model::{PageSection, SubjectKind};
use serde::Serialize;
use std::collections::HashMap;

/// What an entry is, shown beside the result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A region.
    Region,
    /// A functional domain of the POS.
    Domain,
    /// A functional zone of the POS.
    Zone,
    /// A software editor.
    Editor,
    /// A solution of an editor.
    Solution,
    /// An organisation.
    Organisation,
    /// A service.
    Service,
    /// A product.
    Product,
    /// A questionnaire.
    Questionnaire,
    /// An axis of a questionnaire.
    Axis,
    /// A criterion of a questionnaire.
    Criterion,
    /// A doctrine page.
    Doctrine,
    /// A FAQ entry.
    Faq,
    /// A free page (about, method…).
    Page,
}

impl Kind {
    /// Every kind, in the order of the index's `kinds` table.
    pub const ALL: [Kind; 14] = [
        Kind::Region,
        Kind::Domain,
        Kind::Zone,
        Kind::Editor,
        Kind::Solution,
        Kind::Organisation,
        Kind::Service,
        Kind::Product,
        Kind::Questionnaire,
        Kind::Axis,
        Kind::Criterion,
        Kind::Doctrine,
        Kind::Faq,
        Kind::Page,
    ];

    /// The label shown beside a result.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Region => "Région",
            Kind::Domain => "Domaine",
            Kind::Zone => "Zone du POS",
            Kind::Editor => "Éditeur",
            Kind::Solution => "Solution",
            Kind::Organisation => "Organisation",
            Kind::Service => "Service",
            Kind::Product => "Produit",
            Kind::Questionnaire => "Questionnaire",
            Kind::Axis => "Axe",
            Kind::Criterion => "Critère",
            Kind::Doctrine => "Doctrine",
            Kind::Faq => "Question fréquente",
            Kind::Page => "Page",
        }
    }

    fn position(self) -> usize {
        Kind::ALL
            .iter()
            .position(|k| *k == self)
            .unwrap_or_default()
    }
}

/// One entry of the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Title, what the result shows.
    pub title: String,
    /// Kind.
    pub kind: Kind,
    /// Root-relative URL.
    pub url: String,
    /// Text searched besides the title.
    pub text: String,
}

impl Entry {
    /// An entry whose text is the non-empty `text` parts, each once.
    fn new(kind: Kind, title: &str, url: String, text: &[&str]) -> Entry {
        let mut words: Vec<&str> = Vec::with_capacity(text.len());
        for t in text {
            if !t.is_empty() && !words.contains(t) {
                words.push(t);
            }
        }
        Entry {
            title: title.to_string(),
            kind,
            url,
            text: words.join(" "),
        }
    }
}

/// The characters of a Markdown page's text kept in the index.
const PAGE_TEXT: usize = 400;

/// Every entry, in a fixed order: places (regions, domains, zones), editors and solutions,
/// organisations, services and products, questionnaires with their axes and criteria, then
/// Markdown pages.
pub fn entries(ix: &Index) -> Vec<Entry> {
    let repo = ix.repo;
    let mut out = Vec::new();
    for r in repo.regions.iter().flat_map(|r| &r.value.regions) {
        out.push(Entry::new(
            Kind::Region,
            &r.name,
            urls::region(&r.slug),
            &[&r.code],
        ));
    }
    for d in repo.pos.iter().flat_map(|p| &p.value.domains) {
        let url = urls::pos_domain(&d.id);
        out.push(Entry::new(
            Kind::Domain,
            &d.title,
            url.clone(),
            &[&d.id, &d.definition],
        ));
        for z in &d.zones {
            out.push(Entry::new(
                Kind::Zone,
                &z.title,
                urls::pos_place(&d.id, &z.id),
                &[&z.id, &z.definition, &d.title],
            ));
        }
    }
    let mut names: HashMap<(&str, Option<&str>), &str> = HashMap::new();
    for e in repo.editors.iter().flat_map(|e| &e.value.editors) {
        names.insert((&e.id, None), &e.name);
        out.push(Entry::new(Kind::Editor, &e.name, urls::editor(&e.id), &[]));
        for s in &e.solutions {
            names.insert((&e.id, Some(&s.id)), &s.name);
            out.push(Entry::new(
                Kind::Solution,
                &s.name,
                urls::solution(&e.id, &s.id),
                &[&e.name, s.description.as_deref().unwrap_or_default()],
            ));
        }
    }
    for o in repo.organisations.iter().map(|o| &o.value) {
        out.push(Entry::new(
            Kind::Organisation,
            &o.name,
            urls::organisation(&o.id),
            &[&o.id],
        ));
    }
    for r in &ix.respondents {
        let Some(sf) = r.subject else { continue };
        let s = &sf.subject;
        let editor = s.editor.as_deref();
        let name = |solution| editor.and_then(|e| names.get(&(e, solution)).copied());
        let kind = match s.kind {
            SubjectKind::Service => Kind::Service,
            SubjectKind::Product => Kind::Product,
        };
        out.push(Entry::new(
            kind,
            &s.name,
            urls::subject(&s.id),
            &[
                &s.id,
                r.org.map_or("", |o| o.name.as_str()),
                s.pos_zone.as_deref().unwrap_or_default(),
                name(None).unwrap_or_default(),
                name(s.solution.as_deref()).unwrap_or_default(),
                s.description.as_deref().unwrap_or_default(),
            ],
        ));
    }
    for q in repo.questionnaires_in_force() {
        out.push(Entry::new(
            Kind::Questionnaire,
            &q.title,
            urls::questionnaire(&q.id),
            &[
                &q.id,
                &markdown::plain_text(q.description.as_deref().unwrap_or_default(), PAGE_TEXT),
            ],
        ));
        for a in &q.axes {
            out.push(Entry::new(
                Kind::Axis,
                &a.title,
                urls::axis(&q.id, &a.id),
                &[&a.id, &q.title],
            ));
            for c in &a.criteria {
                let levels: Vec<&str> = c.levels.values().map(String::as_str).collect();
                out.push(Entry::new(
                    Kind::Criterion,
                    &c.title,
                    urls::axis(&q.id, &a.id),
                    &[&c.id, &q.title, &a.title, &levels.join(" ")],
                ));
            }
        }
    }
    let mut pages: Vec<_> = repo.pages.iter().collect();
    pages.sort_by(|a, b| {
        (a.section, a.meta.order, &a.slug).cmp(&(b.section, b.meta.order, &b.slug))
    });
    for p in pages {
        let kind = match p.section {
            PageSection::Doctrine => Kind::Doctrine,
            PageSection::Faq => Kind::Faq,
            PageSection::Page => Kind::Page,
        };
        out.push(Entry::new(
            kind,
            &p.meta.title,
            content::url(p),
            &[
                p.meta.description.as_deref().unwrap_or_default(),
                &markdown::plain_text(&p.body, PAGE_TEXT),
            ],
        ));
    }
    out
}

/// The index as written: the kinds' labels, then each entry as `[title, kind, url, text]`.
#[derive(Serialize)]
struct Written<'a> {
    kinds: Vec<&'static str>,
    entries: Vec<(&'a str, usize, &'a str, &'a str)>,
}

/// The index as a script: `window.CONVERGENCE_SEARCH = {"kinds": [...], "entries": [...]}`.
pub fn script(entries: &[Entry]) -> anyhow::Result<String> {
    let written = Written {
        kinds: Kind::ALL.iter().map(|k| k.label()).collect(),
        entries: entries
            .iter()
            .map(|e| (&*e.title, e.kind.position(), &*e.url, &*e.text))
            .collect(),
    };
    let json = serde_json::to_string(&written)?;
    // `</` would end an inline script; the file is loaded by src, but stay safe anyway.
    Ok(format!(
        "window.CONVERGENCE_SEARCH = {};\n",
        json.replace("</", "<\\/")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_names_kinds_once_and_writes_entries_as_arrays() {
        let entries = [Entry::new(
            Kind::Zone,
            "Télésanté",
            "pos/6.html".into(),
            &["6.5", "", "</script>"],
        )];
        let script = script(&entries).unwrap();
        assert!(script.starts_with(
            "window.CONVERGENCE_SEARCH = {\"kinds\":[\"Région\",\"Domaine\",\"Zone du POS\","
        ));
        assert!(
            script.ends_with(
                "\"entries\":[[\"Télésanté\",2,\"pos/6.html\",\"6.5 <\\/script>\"]]};\n"
            ),
            "{script}"
        );
    }
}
