//! The feed of label awards, `feeds/labels.xml`: one entry per label and holder, dated the day
//! the holder holds it since, linking to the holder's sheet. Built with the other feeds'
//! [`Item`]s and [`write`], so it sorts, caps and dates the same way.

use super::{Item, write};
use crate::model::Repository;
use crate::score::LabelReport;
use crate::site::pages::conformity::INDEX;
use crate::site::urls;

/// Path of the feed of label awards.
pub const LABELS: &str = "feeds/labels.xml";

/// The XML of the feed of label awards from the label `reports` of `repo` (the public
/// repository): newest first, at most [`super::CAP`] entries.
pub fn label_awards(repo: &Repository, reports: &[LabelReport]) -> Vec<u8> {
    let mut items: Vec<Item> = reports
        .iter()
        .flat_map(|r| {
            r.holders.iter().map(move |h| Item {
                date: h.since.to_string(),
                id: format!("urn:convergence:label:{}:{}:{}", r.id, h.id, h.since),
                title: format!("Label « {} » : {}", r.title, h.name),
                page: urls::subject(&h.id),
                region: None,
                org: None,
                questionnaires: Vec::new(),
                // Counted against the cap: a label can have thousands of holders.
                sheet: true,
            })
        })
        .collect();
    items.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    let site = repo
        .config
        .as_ref()
        .map_or("Observatoire de la convergence", |c| c.value.title.as_str());
    write(
        LABELS,
        INDEX,
        "urn:convergence:flux:labels".into(),
        format!("{site} — attributions de labels"),
        site,
        items.iter(),
        &repo.reference_date().to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;
    use crate::score::LabelHolder;
    use atom_syndication::Feed;

    fn holder(id: &str, since: &str) -> LabelHolder {
        LabelHolder {
            id: id.into(),
            name: format!("Produit {id}"),
            org: "editeur-x".into(),
            since: since.parse::<Date>().unwrap(),
        }
    }

    // Two labels, three awards: newest first, ties by id; each entry links to the holder's
    // sheet from feeds/, and the feed is updated at the newest award's date.
    #[test]
    fn the_feed_lists_each_award_newest_first_at_its_date() {
        let report = |id: &str, title: &str, holders| LabelReport {
            id: id.into(),
            title: title.into(),
            description: None,
            assessment: "self",
            holders,
        };
        let reports = [
            report(
                "a",
                "Label A",
                vec![holder("p1", "2021-03-01"), holder("p2", "2021-09-01")],
            ),
            report("b", "Label B", vec![holder("p1", "2021-09-01")]),
        ];
        let xml = label_awards(&Repository::default(), &reports);
        let feed = Feed::read_from(&xml[..]).unwrap();
        let entries: Vec<(&str, &str, String, &str)> = feed
            .entries
            .iter()
            .map(|e| {
                (
                    e.id.as_str(),
                    e.title.value.as_str(),
                    e.updated.to_rfc3339(),
                    e.links[0].href.as_str(),
                )
            })
            .collect();
        assert_eq!(
            entries,
            [
                (
                    "urn:convergence:label:a:p2:2021-09-01",
                    "Label « Label A » : Produit p2",
                    "2021-09-01T00:00:00+00:00".to_string(),
                    "../services/p2.html"
                ),
                (
                    "urn:convergence:label:b:p1:2021-09-01",
                    "Label « Label B » : Produit p1",
                    "2021-09-01T00:00:00+00:00".to_string(),
                    "../services/p1.html"
                ),
                (
                    "urn:convergence:label:a:p1:2021-03-01",
                    "Label « Label A » : Produit p1",
                    "2021-03-01T00:00:00+00:00".to_string(),
                    "../services/p1.html"
                ),
            ]
        );
        assert_eq!(feed.updated.to_rfc3339(), "2021-09-01T00:00:00+00:00");
        assert_eq!(feed.links[0].href, "../conformite/index.html");
    }
}
