//! The client-side search index: services, organisations, criteria and FAQ entries written at
//! build time as `search-index.js`, a script assigning a global, so search works offline and
//! from `file://` (where fetching a JSON file is refused).

use super::index::Index;
use super::markdown;
use super::urls;
use crate::model::PageSection;
use serde::Serialize;

/// One entry of the index.
#[derive(Debug, Serialize)]
pub struct Entry {
    /// Title.
    pub t: String,
    /// Kind, shown beside the result ("Service", "Critère", …).
    pub k: &'static str,
    /// Root-relative URL.
    pub u: String,
    /// Text searched besides the title.
    pub x: String,
}

/// Every entry, in a fixed order.
pub fn entries(ix: &Index) -> Vec<Entry> {
    let mut out = Vec::new();
    for r in ix.respondents.iter().filter(|r| r.subject.is_some()) {
        let s = &r.subject.expect("subject").subject;
        let mut x = vec![s.id.clone()];
        x.extend(s.description.clone());
        x.extend(s.pos_zone.clone());
        x.extend(s.editor.clone());
        x.extend(s.solution.clone());
        x.extend(r.org.map(|o| o.name.clone()));
        out.push(Entry {
            t: s.name.clone(),
            k: "Service ou produit",
            u: urls::subject(&s.id),
            x: x.join(" "),
        });
    }
    for o in ix.repo.organisations.iter().map(|o| &o.value) {
        out.push(Entry {
            t: o.name.clone(),
            k: "Organisation",
            u: urls::organisation(&o.id),
            x: o.id.clone(),
        });
    }
    for q in ix.repo.questionnaires_in_force() {
        for (a, c) in q.criteria() {
            out.push(Entry {
                t: format!("{} {}", c.id, c.title),
                k: "Critère",
                u: urls::axis(&q.id, &a.id),
                x: format!(
                    "{} {} {}",
                    q.title,
                    a.title,
                    c.levels.values().cloned().collect::<Vec<_>>().join(" ")
                ),
            });
        }
    }
    for p in ix
        .repo
        .pages
        .iter()
        .filter(|p| p.section == PageSection::Faq)
    {
        out.push(Entry {
            t: p.meta.title.clone(),
            k: "Question fréquente",
            u: urls::page(p.section, &p.slug),
            x: markdown::plain_text(&p.body, 400),
        });
    }
    out
}

/// The index as a script: `window.CONVERGENCE_SEARCH = [...]`.
pub fn script(entries: &[Entry]) -> anyhow::Result<String> {
    let json = serde_json::to_string(entries)?;
    // `</` would end an inline script; the file is loaded by src, but stay safe anyway.
    Ok(format!(
        "window.CONVERGENCE_SEARCH = {};\n",
        json.replace("</", "<\\/")
    ))
}
