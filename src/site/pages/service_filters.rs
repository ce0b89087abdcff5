//! The services list with its filters: each card carries the ids it can be filtered by
//! (`data-*` attributes), and a form of selects, hidden without JavaScript, lets
//! `assets/filter.js` hide the cards that do not match. Without JavaScript the full list shows.

use super::subjects::card;
use crate::model::SubjectKind;
use crate::site::index::Index;
use crate::site::views::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// `services.html`: the lead, the filters and the cards.
#[derive(Serialize)]
pub struct ServicesView {
    /// Lead text.
    pub intro: &'static str,
    /// One select per filter, in form order.
    pub filters: Vec<Filter>,
    /// The cards, each with its filter values.
    pub cards: Vec<FilteredCard>,
}

/// A select of the form: its name (the `data-*` attribute it filters on), label and options.
#[derive(Serialize)]
pub struct Filter {
    /// Name of the select and of the `data-*` attribute.
    pub name: &'static str,
    /// Label of the select.
    pub label: &'static str,
    /// Label of the empty choice ("Tous", "Toutes").
    pub all: &'static str,
    /// (value, label) pairs, by label.
    pub options: Vec<(String, String)>,
}

/// A card and the values it is filtered by: (attribute name, value) pairs.
#[derive(Serialize)]
pub struct FilteredCard {
    /// The card.
    pub card: Card,
    /// `data-*` attributes, in a fixed order.
    pub data: Vec<(&'static str, String)>,
}

/// Level bands of the level filter: (value, label, upper bound excluded).
const BANDS: [(&str, &str, f64); 3] = [
    ("lt1", "< 1", 1.0),
    ("1to2", "1–2", 2.0),
    ("ge2", "≥ 2", f64::INFINITY),
];

/// The band a mean level falls in.
fn band(level: f64) -> &'static str {
    BANDS
        .iter()
        .find(|(_, _, upper)| level < *upper)
        .map_or("ge2", |(value, _, _)| value)
}

/// The services list page's view: every published subject's card, with its region, POS domain,
/// type, editor and, per questionnaire answered, the band of its mean level at date.
pub fn view(ix: &Index) -> ServicesView {
    let repo = ix.repo;
    // Option labels by attribute name, keyed by value.
    let mut seen: BTreeMap<&str, BTreeMap<String, String>> = BTreeMap::new();
    let mut cards = Vec::new();
    for r in ix.respondents.iter() {
        let Some(sf) = r.subject else {
            continue;
        };
        let s = &sf.subject;
        let mut data = Vec::new();
        let mut push = |name: &'static str, value: String, label: String| {
            seen.entry(name).or_default().insert(value.clone(), label);
            data.push((name, value));
        };
        if let Some(reg) = r.region.and_then(|c| repo.region(c)) {
            push("region", reg.code.clone(), reg.name.clone());
        }
        if let Some(d) = s
            .pos_zone
            .as_deref()
            .and_then(|z| crate::score::domain_of(repo, z))
        {
            push("domain", d.id.clone(), format!("{} {}", d.id, d.title));
        }
        let (kind, label) = match s.kind {
            SubjectKind::Service => ("service", "Service"),
            SubjectKind::Product => ("produit", "Produit"),
        };
        push("type", kind.into(), label.into());
        if let Some(e) = &s.editor {
            let name = repo
                .editors
                .as_ref()
                .and_then(|x| x.value.editors.iter().find(|x| &x.id == e))
                .map_or_else(|| e.clone(), |x| x.name.clone());
            push("editor", e.clone(), name);
        }
        let mut levels = Vec::new();
        for q in ix.scored(r) {
            let qid = &q.id;
            seen.entry("questionnaire")
                .or_default()
                .insert(qid.clone(), q.title.clone());
            let level = ix.score(r, qid, 0).map(|s| s.level);
            levels.push(match level {
                Some(l) => format!("{qid}:{}", band(l)),
                None => qid.clone(),
            });
        }
        data.push(("levels", levels.join(" ")));
        cards.push(FilteredCard {
            card: card(ix, r),
            data,
        });
    }
    let mut options = |name: &str| -> Vec<(String, String)> {
        let mut o: Vec<_> = seen.remove(name).unwrap_or_default().into_iter().collect();
        o.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
        o
    };
    let filters = vec![
        Filter {
            name: "region",
            label: "Région",
            all: "Toutes",
            options: options("region"),
        },
        Filter {
            name: "domain",
            label: "Domaine du POS",
            all: "Tous",
            options: options("domain"),
        },
        Filter {
            name: "type",
            label: "Type",
            all: "Tous",
            options: options("type"),
        },
        Filter {
            name: "editor",
            label: "Éditeur",
            all: "Tous",
            options: options("editor"),
        },
        Filter {
            name: "questionnaire",
            label: "Questionnaire",
            all: "Tous",
            options: options("questionnaire"),
        },
        Filter {
            name: "level",
            label: "Niveau moyen à date",
            all: "Tous",
            options: BANDS
                .iter()
                .map(|(v, l, _)| (v.to_string(), l.to_string()))
                .collect(),
        },
    ];
    ServicesView {
        intro: "Les fiches publiées des services régionaux et des produits des éditeurs.",
        filters,
        cards,
    }
}

#[cfg(test)]
mod tests {
    use super::band;

    #[test]
    fn bands_split_at_one_and_two() {
        assert_eq!(
            [0.0, 0.99, 1.0, 1.96, 2.0, 3.0].map(band),
            ["lt1", "lt1", "1to2", "1to2", "ge2", "ge2"]
        );
    }
}
