//! Atom feeds (RFC 4287), written with the `atom_syndication` crate: `feeds/national.xml`,
//! one per region, `feeds/regions/<code>.xml`, per organisation,
//! `feeds/organisations/<id>.xml`, and per questionnaire in force,
//! `feeds/questionnaires/<id>.xml`. An entry per public sheet at its last change (the commit
//! that last changed its file, else its `assessed_on`), per closed campaign and per
//! questionnaire version; newest first, at most [`CAP`] sheet entries (campaigns and
//! questionnaire versions, a handful, are always kept). Nothing depends on the build time: a
//! feed's `updated` is its newest entry's date, so the same commit always gives the same
//! bytes. Only the public repository is read: a non-publishable sheet never appears.

use crate::model::Repository;
use crate::site::provenance::Change;
use crate::site::urls;
use atom_syndication::{Entry, Feed, FixedDateTime, Link, Person, Text};
use rayon::prelude::*;
use std::collections::HashMap;

mod labels;
pub use labels::{LABELS, label_awards};

/// Path of the national feed.
pub const NATIONAL: &str = "feeds/national.xml";

/// The most sheet entries a feed keeps (the newest): one commit can touch every sheet, and
/// they must not crowd out the campaigns and questionnaire versions.
pub const CAP: usize = 100;

/// Path of the feed of the region with INSEE code `code`.
pub fn region(code: &str) -> String {
    format!("feeds/regions/{}.xml", urls::slug(code))
}

/// Path of the feed of the organisation `id`.
pub fn organisation(id: &str) -> String {
    format!("feeds/organisations/{}.xml", urls::slug(id))
}

/// Path of the feed of the questionnaire `id`.
pub fn questionnaire(id: &str) -> String {
    format!("feeds/questionnaires/{}.xml", urls::slug(id))
}

/// One entry before it becomes Atom: date `YYYY-MM-DD`, id, title, page, and what it is about,
/// which says the feeds it goes in.
#[derive(Debug, Clone)]
struct Item {
    date: String,
    id: String,
    title: String,
    page: String,
    /// Region code of a sheet's organisation (none: every region's feed).
    region: Option<String>,
    /// A sheet's organisation (none: every organisation's feed).
    org: Option<String>,
    /// The questionnaires a sheet answered, or the questionnaire of a version (empty: every
    /// questionnaire's feed).
    questionnaires: Vec<String>,
    /// A sheet's change, counted against [`CAP`].
    sheet: bool,
}

/// The feed each page links to with `<link rel="alternate">`, by page path: the home page to
/// the national feed, each region, organisation and questionnaire page to its own.
pub fn alternates(repo: &Repository) -> HashMap<String, String> {
    let mut map = HashMap::from([("index.html".to_string(), NATIONAL.to_string())]);
    for r in repo.regions.iter().flat_map(|r| &r.value.regions) {
        map.insert(urls::region(&r.slug), region(&r.code));
    }
    for o in &repo.organisations {
        map.insert(urls::organisation(&o.value.id), organisation(&o.value.id));
    }
    for q in repo.questionnaires_in_force() {
        map.insert(urls::questionnaire(&q.id), questionnaire(&q.id));
    }
    map
}

/// Writes every feed of `repo` (the public repository) to `out`, from `changes`, the last
/// change of each file (see [`crate::site::provenance::read`]): national, per region,
/// organisation and questionnaire in force; each feed made on a thread of the pool and handed
/// to `out` at once.
pub fn write_all(
    repo: &Repository,
    changes: &HashMap<String, Change>,
    out: &dyn crate::site::Sink,
) -> anyhow::Result<()> {
    let items = items(repo, changes);
    let site = repo
        .config
        .as_ref()
        .map_or("Observatoire de la convergence", |c| c.value.title.as_str());
    let fallback = repo.reference_date().to_string();
    let by = Indexed::new(&items);
    // Each feed: its path, page, id, subject and the positions of its items.
    let all: Vec<usize> = (0..items.len()).collect();
    let mut feeds = vec![(
        NATIONAL.to_string(),
        "index.html".to_string(),
        "urn:convergence:flux:national".to_string(),
        "national",
        all,
    )];
    for r in repo.regions.iter().flat_map(|r| &r.value.regions) {
        feeds.push((
            region(&r.code),
            urls::region(&r.slug),
            format!("urn:convergence:flux:region:{}", r.code),
            &r.name,
            by.keep(&by.every_region, &by.regions, &r.code),
        ));
    }
    for o in repo.organisations.iter().map(|o| &o.value) {
        feeds.push((
            organisation(&o.id),
            urls::organisation(&o.id),
            format!("urn:convergence:flux:organisation:{}", o.id),
            &o.name,
            by.keep(&by.every_organisation, &by.organisations, &o.id),
        ));
    }
    for q in repo.questionnaires_in_force() {
        feeds.push((
            questionnaire(&q.id),
            urls::questionnaire(&q.id),
            format!("urn:convergence:flux:questionnaire:{}", q.id),
            &q.title,
            by.keep(&by.every_questionnaire, &by.questionnaires, &q.id),
        ));
    }
    feeds
        .into_par_iter()
        .try_for_each(|(path, page, id, about, keep)| {
            let xml = write(
                &path,
                &page,
                id,
                format!("{site} — {about}"),
                site,
                keep.iter().map(|&i| &items[i]),
                &fallback,
            );
            out.add(path, xml)
        })
}

/// The positions of the items each feed keeps, found in one pass over the items rather than
/// by filtering every item for every feed (873 feeds × 17,600 sheets at scale 50).
struct Indexed<'a> {
    /// Items in every region's feed (no region), and those of each region.
    every_region: Vec<usize>,
    regions: HashMap<&'a str, Vec<usize>>,
    /// Items in every organisation's feed (not a sheet), and the sheets of each organisation.
    every_organisation: Vec<usize>,
    organisations: HashMap<&'a str, Vec<usize>>,
    /// Items in every questionnaire's feed (no questionnaire), and those of each questionnaire.
    every_questionnaire: Vec<usize>,
    questionnaires: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Indexed<'a> {
    fn new(items: &'a [Item]) -> Indexed<'a> {
        let mut by = Indexed {
            every_region: Vec::new(),
            regions: HashMap::new(),
            every_organisation: Vec::new(),
            organisations: HashMap::new(),
            every_questionnaire: Vec::new(),
            questionnaires: HashMap::new(),
        };
        for (n, i) in items.iter().enumerate() {
            match &i.region {
                None => by.every_region.push(n),
                Some(code) => by.regions.entry(code).or_default().push(n),
            }
            match (&i.org, i.sheet) {
                (Some(org), true) => by.organisations.entry(org).or_default().push(n),
                (None, true) => {}
                (_, false) => by.every_organisation.push(n),
            }
            if i.questionnaires.is_empty() {
                by.every_questionnaire.push(n);
            }
            for q in &i.questionnaires {
                let list = by.questionnaires.entry(q).or_default();
                // An item names each questionnaire once, but keep the positions unique anyway.
                if list.last() != Some(&n) {
                    list.push(n);
                }
            }
        }
        by
    }

    /// The positions in `every` and in `own[key]`, in item order.
    fn keep(&self, every: &[usize], own: &HashMap<&str, Vec<usize>>, key: &str) -> Vec<usize> {
        let own = own.get(key).map_or(&[][..], Vec::as_slice);
        let mut out = Vec::with_capacity(every.len() + own.len());
        let (mut a, mut b) = (every.iter().peekable(), own.iter().peekable());
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) if x <= y => a.next(),
                (Some(_), Some(_)) => b.next(),
                (Some(_), None) => a.next(),
                (None, Some(_)) => b.next(),
                (None, None) => break,
            };
            out.extend(next.copied());
        }
        out
    }
}

/// Every entry of every feed, newest first then by id.
fn items(repo: &Repository, changes: &HashMap<String, Change>) -> Vec<Item> {
    let mut items = Vec::new();
    let orgs = repo.organisations_by_id();
    for sf in &repo.subjects {
        let s = &sf.subject;
        let (date, mark) = match changes.get(&sf.path) {
            Some(c) => (c.date.clone(), c.commit.chars().take(12).collect()),
            None => (s.assessed_on.to_string(), s.assessed_on.to_string()),
        };
        items.push(Item {
            id: format!("urn:convergence:fiche:{}:{mark}", s.id),
            title: format!("Fiche mise à jour : {}", s.name),
            page: urls::subject(&s.id),
            region: orgs.get(sf.org.as_str()).and_then(|o| o.region.clone()),
            org: Some(sf.org.clone()),
            questionnaires: s.questionnaires.keys().cloned().collect(),
            date,
            sheet: true,
        });
    }
    for c in &repo.campaigns {
        items.push(Item {
            date: c.value.date.to_string(),
            id: format!("urn:convergence:campagne:{}", c.value.id),
            title: format!("Campagne close : {}", c.value.id),
            page: "tendances.html".into(),
            region: None,
            org: None,
            questionnaires: Vec::new(),
            sheet: false,
        });
    }
    for q in &repo.questionnaires {
        let q_ = &q.value;
        let first_frozen = || {
            repo.campaigns
                .iter()
                .find(|c| {
                    c.value
                        .questionnaires
                        .iter()
                        .any(|f| f.id == q_.id && f.version == q_.version)
                })
                .map(|c| c.value.date.to_string())
        };
        let Some(date) = changes
            .get(&q.path)
            .map(|c| c.date.clone())
            .or_else(first_frozen)
        else {
            continue;
        };
        items.push(Item {
            date,
            id: format!("urn:convergence:questionnaire:{}:{}", q_.id, q_.version),
            title: format!(
                "Questionnaire publié : {} (version {})",
                q_.title, q_.version
            ),
            page: urls::questionnaire(&q_.id),
            region: None,
            org: None,
            questionnaires: vec![q_.id.clone()],
            sheet: false,
        });
    }
    items.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    items
}

/// A date `YYYY-MM-DD` as an Atom date at midnight UTC.
fn datetime(date: &str) -> FixedDateTime {
    format!("{date}T00:00:00+00:00").parse().unwrap_or_default()
}

/// The XML of one feed at `path`, about `page`: its newest [`CAP`] sheet items and every other, `updated` at the
/// newest one's date (`fallback` when empty), links relative to the feed's place in the site.
fn write<'a>(
    path: &str,
    page: &str,
    id: String,
    title: String,
    author: &str,
    items: impl Iterator<Item = &'a Item>,
    fallback: &str,
) -> Vec<u8> {
    let root = urls::root_of(path);
    let link = |href: String, rel: &str| Link {
        href,
        rel: rel.into(),
        ..Link::default()
    };
    let mut sheets = 0;
    let entries: Vec<Entry> = items
        .filter(|i| {
            sheets += usize::from(i.sheet);
            !i.sheet || sheets <= CAP
        })
        .map(|i| Entry {
            id: i.id.clone(),
            title: Text::plain(i.title.clone()),
            updated: datetime(&i.date),
            links: vec![link(format!("{root}{}", i.page), "alternate")],
            ..Entry::default()
        })
        .collect();
    let updated = entries
        .first()
        .map_or_else(|| datetime(fallback), |e| e.updated);
    let feed = Feed {
        id,
        title: Text::plain(title),
        updated,
        authors: vec![Person {
            name: author.into(),
            ..Person::default()
        }],
        links: vec![
            link(format!("{root}{page}"), "alternate"),
            link(path.rsplit('/').next().unwrap_or(path).into(), "self"),
        ],
        lang: Some("fr".into()),
        entries,
        ..Feed::default()
    };
    // Writing to a Vec cannot fail.
    feed.write_to(Vec::new()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    // 150 sheet items a day apart and an older campaign: the feed keeps the 100 newest sheets
    // and the campaign, newest first, and is updated at the newest one's date.
    #[test]
    fn a_feed_keeps_the_newest_sheets_up_to_the_cap_and_every_campaign() {
        let items: Vec<Item> = (0..150)
            .map(|n| Item {
                date: format!("2020-{:02}-{:02}", 1 + n / 28, 1 + n % 28),
                id: format!("urn:x:{n:03}"),
                title: format!("n° {n}"),
                page: "index.html".into(),
                region: None,
                org: None,
                questionnaires: Vec::new(),
                sheet: true,
            })
            .rev()
            .chain(std::iter::once(Item {
                date: "2019-06-01".into(),
                id: "urn:x:campagne".into(),
                title: "campagne".into(),
                page: "tendances.html".into(),
                region: None,
                org: None,
                questionnaires: Vec::new(),
                sheet: false,
            }))
            .collect();
        let xml = write(
            NATIONAL,
            "index.html",
            "urn:x".into(),
            "t".into(),
            "a",
            items.iter(),
            "2019-01-01",
        );
        let feed = Feed::read_from(&xml[..]).unwrap();
        assert_eq!(feed.entries.len(), CAP + 1);
        assert_eq!(feed.entries[0].id, "urn:x:149");
        assert_eq!(feed.entries[CAP - 1].id, "urn:x:050");
        assert_eq!(feed.entries[CAP].id, "urn:x:campagne");
        assert_eq!(feed.updated.to_rfc3339(), "2020-06-10T00:00:00+00:00");
    }
}
