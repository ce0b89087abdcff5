//! Pages of groups of respondents: regions, functional domains (POS), editors and
//! organisations. Each shows its figures and rosace per questionnaire and lists its members.

use super::answers::{Badges, Criteria};
use super::subjects::card;
use crate::charts::{bars, map};
use crate::model::{Editor, PosDomain, Questionnaire, Region, Solution};
use crate::score::{GroupBy, domain_of, solution_key};
use crate::site::index::{Index, Respondent};
use crate::site::views::*;
use crate::site::{cartography, markdown, urls};
use anyhow::Result;
use std::collections::BTreeMap;
use std::sync::Arc;

/// One section per questionnaire answered by the selected respondents: figures and rosace of
/// their group, `group` in the grouping `by`.
pub fn sections(
    ix: &Index,
    key: &str,
    who: &[&Respondent],
    by: GroupBy,
    group: &str,
) -> Vec<Section> {
    let mut out = Vec::new();
    for q in ix.repo.maturity_questionnaires_in_force() {
        if !who.iter().any(|r| r.responses.contains_key(&q.id)) {
            continue;
        }
        let figs = ix.figures(q, by, group);
        let max = ix.scale_of(q).map_or(3, |s| s.max_level());
        let id = format!("rosace-{key}-{}", urls::slug(&q.id));
        let mut charts = vec![rosace(ix, &id, &rosace_title(ix, q, ""), q, &figs)];
        charts.extend(level_rosace(
            ix,
            &format!("niveaux-{key}-{}", urls::slug(&q.id)),
            &level_rosace_title(ix, q, ""),
            q,
            &figs,
        ));
        if by == GroupBy::Region {
            let national = ix.figures(q, GroupBy::National, crate::score::NATIONAL);
            let name = ix.repo.region(group).map_or(group, |r| r.name.as_str());
            charts.push(compared(
                ix,
                &format!("{id}-france"),
                q,
                name,
                &figs[0],
                &national[0],
            ));
        }
        out.push(Section {
            title: q.title.clone(),
            facts: facts(ix, &figs, max),
            charts,
            ..Section::default()
        });
    }
    out
}

fn members(ix: &Index, title: &str, who: &[&Respondent]) -> Section {
    Section {
        title: title.to_string(),
        cards: who
            .iter()
            .filter(|r| r.subject.is_some())
            .map(|r| card(ix, r))
            .collect(),
        ..Section::default()
    }
}

/// A group page whose sections `sections` computes when the page is rendered: a group lists
/// and charts up to thousands of sheets, and the views of every group never sit in memory
/// together.
fn job<'a>(
    path: String,
    title: String,
    parent: Link,
    intro: Option<String>,
    sections: impl Fn() -> Vec<Section> + Send + Sync + 'a,
) -> PageJob<'a> {
    PageJob {
        path,
        template: "group.html",
        title,
        crumbs: vec![parent],
        data: Data::later(move || GroupView {
            intro: intro.clone(),
            solution: None,
            sections: sections(),
            sortable: false,
        }),
    }
}

/// The map of regions coloured by their rate on questionnaire `qid`, with links from `root`.
pub fn region_map(ix: &Index, q: &Questionnaire, root: &str) -> crate::charts::Chart {
    let mut fills = BTreeMap::new();
    for reg in ix.repo.regions.iter().flat_map(|r| &r.value.regions) {
        let f = ix.figures(q, GroupBy::Region, &reg.code);
        let f0 = f.first().cloned().unwrap_or_default();
        fills.insert(
            reg.code.clone(),
            map::Fill {
                rate: f0.rate,
                count: f0.count,
                href: Some(format!("{root}{}", urls::region(&reg.slug))),
            },
        );
    }
    let Ok(chart) = crate::charts::draw(
        &format!("carte-{}", urls::slug(&q.id)),
        &format!(
            "Taux de maturité par région, en % — {} — {}",
            q.title,
            ix.moment_labels[0].to_lowercase()
        ),
        &map::Choropleth {
            geo: &ix.geo,
            fills: &fills,
        },
    );
    let national = ix.figures(q, GroupBy::National, crate::score::NATIONAL);
    chart.with_note(concerned(q, national.first().map_or(0, |f| f.count)))
}

/// "0 service", "1 service", "2 services": French puts the plural from two on.
fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n > 1 { "s" } else { "" })
}

/// The page of an editor's solution, used by `users`: figures and rosace per questionnaire,
/// regions where it is deployed, sheets; and its card on the editor page.
fn solution<'a>(
    ix: &'a Index<'a>,
    e: &'a Editor,
    s: &'a Solution,
    users: Vec<&'a Respondent<'a>>,
    ed_link: &Link,
) -> (Card, PageJob<'a>) {
    let path = urls::solution(&e.id, &s.id);
    let key = solution_key(&e.id, &s.id);
    // The card's rate: the first questionnaire in force the users answered, at date.
    let rate = ix
        .repo
        .questionnaires_in_force()
        .find(|q| users.iter().any(|r| r.responses.contains_key(&q.id)))
        .and_then(|q| {
            let rate = ix.figures(q, GroupBy::Solution, &key).first()?.rate?;
            Some(card_rate(q, rate))
        });
    let card = Card {
        title: s.name.clone(),
        url: path.clone(),
        desc: s.description.clone(),
        meta: vec![count(users.len(), "service")],
        rate,
        anchor: None,
    };
    let editor = Link::new(e.name.clone(), urls::editor(&e.id));
    let page = PageJob {
        path,
        template: "group.html",
        title: s.name.clone(),
        crumbs: vec![ed_link.clone(), editor.clone()],
        data: Data::later(move || GroupView {
            intro: None,
            solution: Some(SolutionLead {
                editor: editor.clone(),
                description: s.description.as_deref().map(markdown::render_inline),
                used: !users.is_empty(),
            }),
            sections: solution_sections(ix, s, &key, &users),
            sortable: false,
        }),
    };
    (card, page)
}

/// The sections of a solution's page: figures per questionnaire, regions of deployment, sheets.
fn solution_sections(ix: &Index, s: &Solution, key: &str, users: &[&Respondent]) -> Vec<Section> {
    let mut secs = sections(ix, "s", users, GroupBy::Solution, key);
    let mut regions: Vec<&Region> = ix
        .repo
        .regions
        .iter()
        .flat_map(|r| &r.value.regions)
        .collect();
    regions.sort_by(|a, b| a.code.cmp(&b.code));
    let map = super::occupation::solution_map(
        ix,
        &format!("deploiement-{}", urls::slug(key)),
        &s.name,
        users,
        "../../",
    );
    secs.push(Section {
        title: "Régions de déploiement".into(),
        charts: map.into_iter().collect(),
        cards: regions
            .into_iter()
            .filter_map(|reg| {
                let n = users
                    .iter()
                    .filter(|r| r.region == Some(reg.code.as_str()))
                    .count();
                (n > 0).then(|| Card {
                    title: reg.name.clone(),
                    url: urls::region(&reg.slug),
                    desc: None,
                    meta: vec![count(n, "service")],
                    rate: None,
                    anchor: None,
                })
            })
            .collect(),
        ..Section::default()
    });
    secs.push(members(ix, "Services et produits", users));
    secs
}

/// Adds region, domain, editor, solution and organisation pages and their lists.
pub fn add<'a>(ix: &'a Index<'a>, jobs: &mut Vec<PageJob<'a>>) -> Result<()> {
    regions(ix, jobs);
    domains(ix, jobs)?;
    super::zones::add(ix, jobs)?;
    editors(ix, jobs);
    organisations(ix, jobs);
    Ok(())
}

/// One page per region (figures, services on the functional map, organisations, sheets) and
/// the list with one map per questionnaire.
fn regions<'a>(ix: &'a Index<'a>, jobs: &mut Vec<PageJob<'a>>) {
    let repo = ix.repo;
    let regions_link = Link::new("Régions", "regions/index.html");
    let regions: Vec<&Region> = repo.regions.iter().flat_map(|r| &r.value.regions).collect();
    let (cards, pages): (Vec<Card>, Vec<PageJob>) = regions
        .iter()
        .map(|reg| region(ix, reg, &regions_link))
        .unzip();
    jobs.extend(pages);
    let maps: Vec<_> = repo
        .questionnaires_in_force()
        .map(|q| region_map(ix, q, "../"))
        .collect();
    let sections = vec![
        Section {
            title: "Cartes".into(),
            charts: maps,
            ..Section::default()
        },
        Section {
            title: "Les régions côte à côte".into(),
            intro: Some(
                "<p>Cliquez sur un en-tête de colonne pour trier les régions selon cette colonne.</p>"
                    .into(),
            ),
            tables: vec![side_by_side(ix, &regions)],
            sortable: true,
            ..Section::default()
        },
        Section {
            title: "Pages des régions".into(),
            cards,
            ..Section::default()
        },
    ];
    jobs.push(PageJob {
        path: "regions/index.html".into(),
        template: "group.html",
        title: "Régions".into(),
        crumbs: vec![],
        data: Data::view(&GroupView {
            intro: Some("<p>La maturité des services par région.</p>".into()),
            solution: None,
            sections,
            sortable: true,
        }),
    });
}

/// The regions side by side: per questionnaire in force, respondents, rate at date, rate at
/// the last projection date and level at date, as the score module groups them by region.
fn side_by_side(ix: &Index, regions: &[&Region]) -> crate::charts::DataTable {
    let last = ix.moment_labels.len() - 1;
    let qs: Vec<&Questionnaire> = ix.repo.questionnaires_in_force().collect();
    let mut headers = vec!["Région".to_string()];
    for q in &qs {
        headers.push(format!("{} : répondants", q.title));
        headers.push(format!(
            "{} : taux {}",
            q.title,
            ix.moment_labels[0].to_lowercase()
        ));
        if last > 0 {
            headers.push(format!(
                "{} : taux {}",
                q.title,
                ix.moment_labels[last].to_lowercase()
            ));
        }
        headers.push(format!("{} : niveau à date", q.title));
    }
    let rows = regions
        .iter()
        .map(|reg| {
            let mut row = vec![reg.name.clone()];
            for q in &qs {
                let max = ix.scale_of(q).map_or(3, |s| s.max_level());
                let figs = ix.figures(q, GroupBy::Region, &reg.code);
                row.push(figs[0].count.to_string());
                row.push(crate::charts::pct(figs[0].rate));
                if last > 0 {
                    row.push(crate::charts::pct(figs[last].rate));
                }
                row.push(crate::charts::level(figs[0].level, max));
            }
            row
        })
        .collect();
    crate::charts::DataTable {
        caption: format!(
            "Les régions côte à côte — {} et {}",
            ix.moment_labels[0].to_lowercase(),
            ix.moment_labels[last].to_lowercase()
        ),
        headers,
        rows,
    }
}

/// A region's card and page; the page gathers and charts thousands of sheets at scale, when it
/// is rendered.
fn region<'a>(ix: &'a Index<'a>, reg: &'a Region, regions_link: &Link) -> (Card, PageJob<'a>) {
    let n = ix
        .respondents
        .iter()
        .filter(|r| r.region == Some(reg.code.as_str()) && r.subject.is_some())
        .count();
    let card = Card {
        title: reg.name.clone(),
        url: urls::region(&reg.slug),
        desc: None,
        meta: vec![format!("Code INSEE {}", reg.code), format!("{n} fiches")],
        rate: None,
        anchor: None,
    };
    let page = job(
        urls::region(&reg.slug),
        reg.name.clone(),
        regions_link.clone(),
        None,
        move || region_sections(ix, reg),
    );
    (card, page)
}

/// The sections of a region's page: its services on the functional map, figures per
/// questionnaire, organisations, sheets.
fn region_sections(ix: &Index, reg: &Region) -> Vec<Section> {
    let repo = ix.repo;
    let who: Vec<&Respondent> = ix
        .respondents
        .iter()
        .filter(|r| r.region == Some(reg.code.as_str()))
        .collect();
    let mut secs = sections(ix, "r", &who, GroupBy::Region, &reg.code);
    let orgs: Vec<Card> = repo
        .organisations
        .iter()
        .map(|o| &o.value)
        .filter(|o| o.region.as_deref() == Some(reg.code.as_str()))
        .map(|o| Card {
            title: o.name.clone(),
            url: urls::organisation(&o.id),
            desc: None,
            meta: vec![],
            rate: None,
            anchor: None,
        })
        .collect();
    secs.push(Section {
        title: "Organisations".into(),
        cards: orgs,
        ..Section::default()
    });
    let placed: Vec<&crate::model::SubjectFile> = who.iter().filter_map(|r| r.subject).collect();
    secs.insert(
        0,
        Section {
            title: "Cartographie des services".into(),
            intro: Some(
                "Les services de la région sur le plan d'occupation des sols : \
                     services du tronc commun sur fond blanc, autres services sur fond jaune, \
                     services socles nationaux en bleu."
                    .into(),
            ),
            cartography: Some(cartography::build(repo, &placed, &urls::subject)),
            ..Section::default()
        },
    );
    secs.push(members(ix, "Services et produits", &who));
    secs
}

/// One page per functional domain of the POS (its zones, figures, sheets) and the list with
/// the bars of the domains' rates per questionnaire.
fn domains<'a>(ix: &'a Index<'a>, jobs: &mut Vec<PageJob<'a>>) -> Result<()> {
    let repo = ix.repo;
    let pos_link = Link::new("Domaines fonctionnels", "pos/index.html");
    let mut cards = Vec::new();
    let domains = repo
        .pos
        .iter()
        .flat_map(|p| &p.value.domains)
        .collect::<Vec<_>>();
    cards.push(Card {
        title: "Par zone fonctionnelle".into(),
        url: super::zones::URL.into(),
        desc: Some(
            "Taux et niveau de maturité de chaque zone, à date et projetés, questionnaire par questionnaire."
                .into(),
        ),
        meta: vec![],
        rate: None,
        anchor: None,
    });
    for &d in &domains {
        cards.push(Card {
            title: format!("{} {}", d.id, d.title),
            url: urls::pos_domain(&d.id),
            desc: Some(d.definition.clone()),
            meta: vec![format!("{} zones", d.zones.len())],
            rate: None,
            anchor: None,
        });
        jobs.push(job(
            urls::pos_domain(&d.id),
            format!("{} {}", d.id, d.title),
            pos_link.clone(),
            Some(markdown::render_inline(&d.definition)),
            move || domain_sections(ix, d),
        ));
    }
    let mut charts = Vec::new();
    for q in repo
        .questionnaires_in_force()
        .filter(|q| q.scope == crate::model::Scope::Service)
    {
        let items: Vec<bars::Bar> = domains
            .iter()
            .map(|d| {
                let f = ix.figures(q, GroupBy::Domain, &d.id);
                bars::Bar {
                    code: d.id.clone(),
                    name: d.title.clone(),
                    rate: f[0].rate,
                    count: f[0].count,
                }
            })
            .collect();
        let n: usize = items.iter().map(|b| b.count).sum();
        charts.push(
            crate::charts::draw(
                &format!("pos-{}", urls::slug(&q.id)),
                &format!(
                    "Taux de maturité par domaine fonctionnel, en % — {} — {}",
                    q.title,
                    ix.moment_labels[0].to_lowercase()
                ),
                &bars::Bars {
                    frame: &bars::Frame::of(&items)?,
                    items: &items,
                },
            )?
            .with_note(format!("{} placés dans un domaine", concerned(q, n))),
        );
    }
    jobs.push(list_page(
        "pos/index.html",
        "Domaines fonctionnels",
        ListView {
            intro: "Le plan d'occupation des sols (POS) : domaines et zones fonctionnels des services régionaux.",
            charts,
            cards,
        },
    ));
    Ok(())
}

/// The sections of a functional domain's page: its zones, figures per questionnaire, sheets.
fn domain_sections(ix: &Index, d: &PosDomain) -> Vec<Section> {
    let in_domain = |r: &Respondent| {
        r.subject
            .and_then(|s| s.subject.pos_zone.as_deref())
            .and_then(|z| domain_of(ix.repo, z))
            .is_some_and(|x| x.id == d.id)
    };
    let mut secs = vec![Section {
        title: "Zones fonctionnelles".into(),
        cards: d
            .zones
            .iter()
            .map(|z| Card {
                title: format!("{} {}", z.id, z.title),
                url: urls::pos_place(&d.id, &z.id),
                desc: Some(z.definition.clone()),
                meta: vec![],
                rate: None,
                anchor: Some(urls::zone_anchor(&z.id)),
            })
            .collect(),
        ..Section::default()
    }];
    let who: Vec<&Respondent> = ix.respondents.iter().filter(|r| in_domain(r)).collect();
    secs.extend(sections(ix, "d", &who, GroupBy::Domain, &d.id));
    secs.push(members(ix, "Services et produits", &who));
    secs
}

/// One page per editor and per solution (figures, sheets) and the list of editors.
fn editors<'a>(ix: &'a Index<'a>, jobs: &mut Vec<PageJob<'a>>) {
    let repo = ix.repo;
    let ed_link = Link::new("Éditeurs", "editeurs/index.html");
    let mut cards = vec![Card {
        title: "Occupation du POS par les éditeurs".into(),
        url: super::occupation::URL.into(),
        desc: Some(
            "Dans combien de régions et avec combien de services chaque éditeur est présent sur chaque zone fonctionnelle."
                .into(),
        ),
        meta: vec![],
        rate: None,
        anchor: None,
    }];
    super::occupation::add(ix, jobs);
    for e in repo.editors.iter().flat_map(|e| &e.value.editors) {
        let of_editor = |r: &Respondent| {
            r.subject.and_then(|s| s.subject.editor.as_deref()) == Some(e.id.as_str())
        };
        let who: Vec<&Respondent> = ix.respondents.iter().filter(|r| of_editor(r)).collect();
        let mut solutions = Vec::new();
        for s in &e.solutions {
            let users: Vec<&Respondent> = who
                .iter()
                .filter(|r| {
                    r.subject.and_then(|x| x.subject.solution.as_deref()) == Some(s.id.as_str())
                })
                .copied()
                .collect();
            let (card, page) = solution(ix, e, s, users, &ed_link);
            solutions.push(card);
            jobs.push(page);
        }
        cards.push(Card {
            title: e.name.clone(),
            url: urls::editor(&e.id),
            desc: None,
            meta: vec![count(e.solutions.len(), "solution")],
            rate: None,
            anchor: None,
        });
        jobs.push(job(
            urls::editor(&e.id),
            e.name.clone(),
            ed_link.clone(),
            Some(format!(
                "<p><a href=\"{}\">Occupation du POS par les éditeurs</a> : où chaque éditeur est présent.</p>",
                super::occupation::URL.trim_start_matches("editeurs/")
            )),
            move || {
                let mut secs = vec![Section {
                    title: "Solutions".into(),
                    cards: solutions.clone(),
                    ..Section::default()
                }];
                secs.extend(sections(ix, "e", &who, GroupBy::Editor, &e.id));
                secs.push(members(ix, "Services et produits", &who));
                secs
            },
        ));
    }
    jobs.push(list_page(
        "editeurs/index.html",
        "Éditeurs",
        ListView {
            intro: "Les éditeurs de logiciels, leurs solutions et la maturité des services qui les utilisent.",
            charts: vec![],
            cards,
        },
    ));
}

/// Adds to the section of each questionnaire the organisation itself answered (an
/// organisation questionnaire) its answers, shown as on a sheet: criterion, level in its
/// colour with its text, expected level, comment and evidence, convergence plan.
fn own_answers(ix: &Index, criteria: &Criteria, who: &[&Respondent], secs: &mut [Section]) {
    let Some(own) = who.iter().find(|r| r.subject.is_none()) else {
        return;
    };
    for q in ix.repo.questionnaires_in_force() {
        let Some(resp) = own.responses.get(&q.id) else {
            continue;
        };
        let Some(sec) = secs.iter_mut().find(|s| s.title == q.title) else {
            continue;
        };
        let scale = ix.scale_of(q);
        let badges = Badges::new(scale, scale.map_or(3, |s| s.max_level()));
        sec.answers = Some(Answers {
            title: q.title.clone(),
            answers: criteria.rows_with_texts(q, &resp.answers, &badges),
        });
    }
}

/// One page per organisation (figures, its own answers, sheets) and the list of organisations.
fn organisations<'a>(ix: &'a Index<'a>, jobs: &mut Vec<PageJob<'a>>) {
    let repo = ix.repo;
    let org_link = Link::new("Organisations", "organisations/index.html");
    // Respondents bucketed by organisation once: one pass, not one per organisation.
    let mut by_org: std::collections::HashMap<&str, Vec<&Respondent>> = Default::default();
    for r in &ix.respondents {
        if let Some(o) = r.org {
            by_org.entry(o.id.as_str()).or_default().push(r);
        }
    }
    let criteria = Arc::new(Criteria::new(
        ix.repo.questionnaires_in_force(),
        ix.settings.reference_date,
    ));
    // Hundreds of organisations at scale, each page computed when it is rendered.
    let (cards, pages): (Vec<Card>, Vec<PageJob>) = repo
        .organisations
        .iter()
        .map(|o| &o.value)
        .map(|o| {
            let who = by_org.get(o.id.as_str()).cloned().unwrap_or_default();
            let criteria = Arc::clone(&criteria);
            let kind = match o.kind {
                crate::model::OrgKind::Region => "Région (ARS, GRADeS)",
                crate::model::OrgKind::Editor => "Éditeur",
                crate::model::OrgKind::Structure => "Structure de santé",
            };
            let card = Card {
                title: o.name.clone(),
                url: urls::organisation(&o.id),
                desc: None,
                meta: vec![kind.into()],
                rate: None,
                anchor: None,
            };
            let page = job(
                urls::organisation(&o.id),
                o.name.clone(),
                org_link.clone(),
                None,
                move || {
                    let mut secs = sections(ix, "o", &who, GroupBy::Organisation, &o.id);
                    own_answers(ix, &criteria, &who, &mut secs);
                    secs.push(members(ix, "Services et produits", &who));
                    secs
                },
            );
            (card, page)
        })
        .unzip();
    jobs.extend(pages);
    jobs.push(list_page(
        "organisations/index.html",
        "Organisations",
        ListView {
            intro: "Les organisations qui renseignent leurs services et produits.",
            charts: vec![],
            cards,
        },
    ));
}
