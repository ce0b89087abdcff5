//! The cartography of a region's services on the functional map (POS): domains and zones as
//! areas, each service a card (common-core services on white, others on yellow), and the
//! national core services in their zones, as in §7 of the 2020 publication.
//!
//! It is HTML (nested areas of linked cards), not SVG: names wrap, cards are links reachable
//! by keyboard, and a screen reader reads it as nested lists. Every domain and zone is drawn,
//! empty or not, in the POS order, so two regions' maps have the same layout; a domain of many
//! zones spans the width with its zones side by side rather than in one tall column.

use crate::model::{Repository, SubjectFile};
use serde::Serialize;

/// The whole map: domains in POS order.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Cartography {
    /// Every domain of the POS, in order, empty or not.
    pub domains: Vec<Area>,
    /// Services whose zone is missing or unknown.
    pub unplaced: Vec<Card>,
}

/// A domain or zone with its cards and sub-zones.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Area {
    /// POS number, e.g. `6.2`.
    pub id: String,
    /// Title.
    pub title: String,
    /// Cards placed directly in this area.
    pub cards: Vec<Card>,
    /// Zones of a domain.
    pub zones: Vec<Area>,
    /// A domain of [`WIDE`] zones or more: drawn across the width, its zones side by side.
    pub wide: bool,
}

/// How many zones make a domain wide.
pub const WIDE: usize = 4;

/// One card on the map.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    /// Name shown.
    pub name: String,
    /// Link to its sheet, relative to the site root.
    pub url: Option<String>,
    /// `core` (common-core service), `other`, or `national` (national core service).
    pub kind: &'static str,
}

/// Builds the cartography of `subjects` (already filtered to what may be published), with
/// `url` giving each subject's sheet.
pub fn build(
    repo: &Repository,
    subjects: &[&SubjectFile],
    url: &dyn Fn(&str) -> String,
) -> Cartography {
    let mut out = Cartography::default();
    let Some(pos) = &repo.pos else {
        return out;
    };
    let card = |s: &SubjectFile| Card {
        name: s.subject.name.clone(),
        url: Some(url(&s.subject.id)),
        kind: if s.subject.common_core.is_some() {
            "core"
        } else {
            "other"
        },
    };
    let nationals = |zone: &str| -> Vec<Card> {
        repo.national_services
            .iter()
            .flat_map(|n| &n.value.services)
            .filter(|n| n.zone.as_deref() == Some(zone))
            .map(|n| Card {
                name: n.name.clone(),
                url: None,
                kind: "national",
            })
            .collect()
    };
    let placed = |zone: &str| -> Vec<Card> {
        let mut cards: Vec<Card> = subjects
            .iter()
            .filter(|s| s.subject.pos_zone.as_deref() == Some(zone))
            .map(|s| card(s))
            .collect();
        cards.sort_by(|a, b| (a.kind, &a.name).cmp(&(b.kind, &b.name)));
        cards.extend(nationals(zone));
        cards
    };
    let mut known = std::collections::HashSet::new();
    for d in &pos.value.domains {
        known.insert(d.id.as_str());
        let mut area = Area {
            id: d.id.clone(),
            title: d.title.clone(),
            cards: placed(&d.id),
            zones: Vec::new(),
            wide: d.zones.len() >= WIDE,
        };
        for z in &d.zones {
            known.insert(z.id.as_str());
            area.zones.push(Area {
                id: z.id.clone(),
                title: z.title.clone(),
                cards: placed(&z.id),
                zones: Vec::new(),
                wide: false,
            });
        }
        out.domains.push(area);
    }
    out.unplaced = subjects
        .iter()
        .filter(|s| {
            !s.subject
                .pos_zone
                .as_deref()
                .is_some_and(|z| known.contains(z))
        })
        .map(|s| card(s))
        .collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn subject(id: &str, zone: Option<&str>, core: bool) -> SubjectFile {
        SubjectFile {
            org: "o".into(),
            path: format!("answers/o/{id}.yaml"),
            subject: std::sync::Arc::new(Subject {
                id: id.into(),
                kind: SubjectKind::Service,
                name: id.to_uppercase(),
                description: None,
                pos_zone: zone.map(str::to_string),
                common_core: core.then(|| "t".to_string()),
                editor: None,
                solution: None,
                solution_version: None,
                product: None,
                national_services: vec![],
                publishable: true,
                decommissioning: false,
                archived: false,
                status: Status::Validated,
                assessed_on: Date::new(2020, 12, 1).unwrap(),
                questionnaires: Default::default(),
                completion_paths: Vec::new(),
            }),
        }
    }

    #[test]
    fn places_cards_in_zones_with_core_first_and_national_services_last_and_keeps_empty_domains() {
        let pos = Some(Located {
            path: "p".into(),
            value: PosMap {
                source: None,
                domains: vec![
                    PosDomain {
                        id: "2".into(),
                        title: "Portail".into(),
                        definition: String::new(),
                        zones: vec![],
                    },
                    PosDomain {
                        id: "6".into(),
                        title: "Services".into(),
                        definition: String::new(),
                        zones: vec![PosZone {
                            id: "6.3".into(),
                            title: "Partage".into(),
                            definition: String::new(),
                        }],
                    },
                ],
            },
        });
        let national_services = Some(Located {
            path: "n".into(),
            value: NationalServices {
                services: vec![NationalService {
                    id: "dmp".into(),
                    name: "DMP".into(),
                    description: String::new(),
                    zone: Some("6.3".into()),
                }],
            },
        });
        let repo = Repository {
            pos,
            national_services,
            ..Repository::default()
        };
        let (a, b, c) = (
            subject("b", Some("6.3"), false),
            subject("a", Some("6.3"), true),
            subject("x", None, true),
        );
        let carto = build(&repo, &[&a, &b, &c], &|id| format!("services/{id}.html"));
        // Every domain is drawn, the empty portal too, so all regions share one layout.
        let ids: Vec<&str> = carto.domains.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["2", "6"]);
        assert!(carto.domains[0].cards.is_empty() && carto.domains[0].zones.is_empty());
        assert!(!carto.domains[1].wide, "one zone is not many");
        let zone = &carto.domains[1].zones[0];
        let names: Vec<(&str, &str)> = zone
            .cards
            .iter()
            .map(|c| (c.name.as_str(), c.kind))
            .collect();
        assert_eq!(
            names,
            vec![("A", "core"), ("B", "other"), ("DMP", "national")]
        );
        assert_eq!(zone.cards[0].url.as_deref(), Some("services/a.html"));
        assert_eq!(carto.unplaced.len(), 1);
        assert_eq!(carto.unplaced[0].name, "X");
    }
}
