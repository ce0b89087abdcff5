//! `tendances.html`: time on the portal. The frozen campaigns, the national trend of each
//! questionnaire and axis across them (with the breaks between questionnaire versions), the
//! plans kept, late or abandoned of each campaign, and the status against the doctrine's
//! expected levels. Figures only, by group: no subject of a campaign is named here.

use super::time_panel;
use crate::charts::{Chart, DataTable, level, lines, pct};
use crate::model::Campaign;
use crate::score::doctrine::{self, StandingCounts};
use crate::score::plans::{self, Declared, PlanCounts, PlanReview};
use crate::score::trend::{self, History, Trend, TrendLink};
use crate::score::{GroupBy, NATIONAL};
use crate::site::index::Index;
use crate::site::views::{Data, PageJob, fr_date};
use anyhow::Result;
use serde::Serialize;
use std::collections::BTreeMap;

/// Output path of the page.
pub const PATH: &str = "tendances.html";

/// `trends.html`.
#[derive(Serialize)]
struct TrendsView {
    /// Campaigns, in date order: "2020 — 15/12/2020 (commit abcdef1)".
    campaigns: Vec<String>,
    /// One section per subject.
    sections: Vec<TrendSection>,
}

/// A titled group of tables.
#[derive(Serialize)]
struct TrendSection {
    title: String,
    intro: String,
    /// Charts above the tables.
    charts: Vec<Chart>,
    tables: Vec<DataTable>,
}

/// `tendances.html` and the inputs of the time panels, computed beside the other page
/// families (see [`prepare`]) and added to the pages by [`Prepared::add`].
pub struct Prepared<'a> {
    page: PageJob<'a>,
    panels: time_panel::Panels<'a>,
}

/// Computes `tendances.html` and what the time panels share: the plan reviews, the trend
/// tables and the campaigns' history, each on its own thread.
pub fn prepare<'a>(ix: &'a Index<'a>) -> Result<Prepared<'a>> {
    let campaigns: Vec<&Campaign> = ix.repo.campaigns.iter().map(|c| &*c.value).collect();
    let ((reviews, plans), (trends, (history, (doctrine, targets)))) = rayon::join(
        || {
            // Without a campaign there is no plan to judge: the current declarations, frozen
            // subject by subject, would be compared with nothing.
            let reviews = if campaigns.is_empty() {
                Vec::new()
            } else {
                let mut sources: Vec<Declared> =
                    campaigns.iter().map(|c| Declared::campaign(c)).collect();
                sources.push(Declared::current(ix.repo, &ix.settings));
                plans::review(ix.repo, &sources)
            };
            let plans = plans_section(ix, &reviews);
            (reviews, plans)
        },
        || {
            rayon::join(
                || trends_section(ix, &campaigns),
                || {
                    rayon::join(
                        || History::new(ix.repo, &campaigns),
                        || (doctrine_section(ix), time_panel::targets(ix)),
                    )
                },
            )
        },
    );
    let view = TrendsView {
        campaigns: campaigns.iter().map(|c| describe(c)).collect(),
        sections: vec![trends?, plans, doctrine],
    };
    Ok(Prepared {
        page: PageJob {
            path: PATH.into(),
            template: "trends.html",
            title: "Tendances et plans tenus".into(),
            crumbs: vec![],
            data: Data::view(&view),
        },
        panels: time_panel::Panels::new(history, reviews, targets),
    })
}

impl<'a> Prepared<'a> {
    /// Adds `tendances.html` to `jobs`, and the time panel to the pages that have one (see
    /// [`time_panel`]).
    pub fn add(self, ix: &'a Index<'a>, jobs: &mut Vec<PageJob<'a>>) {
        self.panels.decorate(ix, jobs);
        jobs.push(self.page);
    }
}

fn describe(c: &Campaign) -> String {
    let mut s = format!("{} — {}", c.id, fr_date(c.date));
    if let Some(commit) = &c.commit {
        s.push_str(&format!(" (commit {})", &commit[..commit.len().min(7)]));
    }
    s
}

/// National trend per questionnaire, service and organisation ones alike: campaigns, then at
/// date (the home page's key figure) and projected, as lines and tables; then per axis across
/// the campaigns.
fn trends_section(ix: &Index, campaigns: &[&Campaign]) -> Result<TrendSection> {
    let trends = trend::trends(ix.repo, campaigns, "national", "national");
    let chart = national_lines(ix, campaigns, &trends)?;
    let mut tables = Vec::new();
    for q in ix.repo.maturity_questionnaires_in_force() {
        let whole = trends
            .iter()
            .find(|t| t.questionnaire == q.id && t.axis.is_none());
        let figures = ix.figures(q, GroupBy::National, NATIONAL);
        tables.extend(time_panel::table(ix, q, None, whole, &figures, false));
        let max = ix.scale_of(q).map_or(3, |s| s.max_level());
        let mut rows = Vec::new();
        for t in trends
            .iter()
            .filter(|t| t.questionnaire == q.id && t.axis.is_some())
        {
            let name = t.axis.clone().unwrap_or_default();
            for (i, p) in t.points.iter().enumerate() {
                let link = i.checked_sub(1).and_then(|j| t.links.get(j));
                rows.push(vec![
                    if i == 0 { name.clone() } else { String::new() },
                    format!("{} (version {})", p.campaign, p.version),
                    pct(p.rate),
                    level(p.level, max),
                    format!("{} / {}", p.concerned, p.total),
                    link.map_or_else(|| "—".to_string(), comparability),
                ]);
            }
        }
        if rows.is_empty() {
            continue;
        }
        tables.push(DataTable {
            caption: format!("{} — moyennes nationales par axe et par campagne", q.title),
            headers: [
                "Axe",
                "Campagne",
                "Taux",
                "Niveau",
                "Concernés",
                "Comparaison avec la campagne précédente",
            ]
            .map(String::from)
            .to_vec(),
            rows,
        });
    }
    Ok(TrendSection {
        title: "Tendances nationales".into(),
        intro: format!(
            "Chaque campagne close fige les chiffres publiés à sa date. La ligne « à date » reprend le chiffre clé de la page d'accueil ; les projections appliquent les plans de convergence en cours et excluent les services appelés à être décommissionnés ({}), d'où un point de départ qui peut différer. D'une version de questionnaire à l'autre, on compare axe par axe : un critère renommé est suivi, un critère obsolète ou nouveau est une rupture, signalée plutôt que mêlée.",
            decommissioning(ix)
        ),
        charts: chart.into_iter().collect(),
        tables,
    })
}

/// The national rate of each questionnaire with figures, one value per campaign, then at date
/// and at each projection date. A questionnaire whose version breaks the comparison starts a
/// new line, named with its version: two versions are never joined.
fn national_lines(ix: &Index, campaigns: &[&Campaign], trends: &[Trend]) -> Result<Option<Chart>> {
    let mut labels: Vec<String> = campaigns.iter().map(|c| c.id.clone()).collect();
    labels.extend(ix.moment_labels.iter().cloned());
    let n = labels.len();
    let mut series = Vec::new();
    for q in ix.repo.maturity_questionnaires_in_force() {
        let whole = trends
            .iter()
            .find(|t| t.questionnaire == q.id && t.axis.is_none());
        // (position, rate, version, joined to the previous value)
        let mut values: Vec<(usize, Option<f64>, &str, bool)> = Vec::new();
        if let Some(t) = whole {
            for (i, p) in t.points.iter().enumerate() {
                let Some(at) = campaigns.iter().position(|c| c.id == p.campaign) else {
                    continue;
                };
                let joined = i == 0 || t.links.get(i - 1).is_some_and(|l| l.comparable);
                values.push((at, p.rate, &p.version, joined));
            }
        }
        let figures = ix.figures(q, GroupBy::National, NATIONAL);
        for (m, f) in figures.iter().enumerate() {
            let joined = match (m, whole.and_then(|t| t.points.last())) {
                (0, Some(last)) => last.version == q.version,
                _ => true,
            };
            values.push((campaigns.len() + m, f.rate, &q.version, joined));
        }
        if values.iter().all(|(_, r, _, _)| r.is_none()) {
            continue;
        }
        let mut lines: Vec<(String, Vec<Option<f64>>)> = Vec::new();
        for (at, rate, version, joined) in values {
            if !joined || lines.is_empty() {
                lines.push((version.to_string(), vec![None; n]));
            }
            if let Some(line) = lines.last_mut() {
                line.1[at] = rate;
            }
        }
        let split = lines.len() > 1;
        for (version, values) in lines {
            let name = if split {
                format!("{} (version {version})", q.title)
            } else {
                q.title.clone()
            };
            series.push(lines::Line { name, values });
        }
    }
    if series.is_empty() {
        return Ok(None);
    }
    let chart = crate::charts::draw(
        "tendance-nationale",
        "Taux de maturité national par campagne, à date et projeté, en %",
        &lines::Lines {
            quarters: &labels,
            series: &series,
            moment: "Campagne ou date",
        },
    )?;
    Ok(Some(chart.with_note(
        "Campagnes closes, puis chiffre clé à date et projections (hors services appelés à être décommissionnés)",
    )))
}

/// "3 services à décommissionner dans le périmètre", or that there are none.
fn decommissioning(ix: &Index) -> String {
    let n = ix
        .repo
        .subjects
        .iter()
        .filter(|sf| sf.subject.decommissioning && ix.settings.in_perimeter(&sf.subject))
        .count();
    match n {
        0 => "aucun dans le périmètre actuel".to_string(),
        1 => "1 service dans le périmètre actuel".to_string(),
        n => format!("{n} services dans le périmètre actuel"),
    }
}

/// The comparison of a figure with the previous one, in words.
pub(super) fn comparability(l: &TrendLink) -> String {
    if l.comparable && l.renamed.is_empty() {
        return "comparable".into();
    }
    if l.comparable {
        let renamed: Vec<String> = l
            .renamed
            .iter()
            .map(|(a, b)| format!("{a} → {b}"))
            .collect();
        return format!(
            "comparable (critères renommés suivis : {})",
            renamed.join(", ")
        );
    }
    let mut why = Vec::new();
    if !l.obsolete.is_empty() {
        why.push(format!("critères obsolètes : {}", l.obsolete.join(", ")));
    }
    if !l.new.is_empty() {
        why.push(format!("nouveaux critères : {}", l.new.join(", ")));
    }
    if why.is_empty() {
        why.push("version différente du questionnaire".into());
    }
    format!("rupture ({})", why.join(" ; "))
}

/// Plans of each campaign judged against the later declarations.
fn plans_section(ix: &Index, reviews: &[PlanReview]) -> TrendSection {
    let headers = |first: &str| {
        [first, "Jalons jugés", "Tenus", "En retard", "Abandonnés"]
            .map(String::from)
            .to_vec()
    };
    let mut tables = Vec::new();
    for r in reviews {
        let title = |by: &str| format!("Plans de la campagne {} — {by}", r.campaign);
        tables.push(DataTable {
            caption: title("ensemble"),
            headers: headers("Ensemble"),
            rows: vec![plan_row("National".into(), &r.national)],
        });
        tables.push(DataTable {
            caption: title("par région"),
            headers: headers("Région"),
            rows: by_name(r.regions.iter().map(|(code, c)| (region_name(ix, code), c)))
                .map(|(name, c)| plan_row(name, c))
                .collect(),
        });
        tables.push(DataTable {
            caption: title("par axe"),
            headers: headers("Questionnaire et axe"),
            rows: r
                .axes
                .iter()
                .flat_map(|(q, axes)| {
                    axes.iter()
                        .map(move |(a, c)| plan_row(format!("{q} · {a}"), c))
                })
                .collect(),
        });
        tables.push(DataTable {
            caption: title("par éditeur"),
            headers: headers("Éditeur"),
            rows: by_name(r.editors.iter().map(|(e, c)| (editor_name(ix, e), c)))
                .map(|(name, c)| plan_row(name, c))
                .collect(),
        });
    }
    TrendSection {
        title: "Plans tenus ou manqués".into(),
        charts: Vec::new(),
        intro: "Pour chaque campagne, les jalons des plans de convergence dont l'échéance est passée, comparés à ce que les services ont déclaré ensuite : tenus, en retard (reportés) ou abandonnés. Définitions dans la page Méthode.".into(),
        tables,
    }
}

/// A row of milestones judged: label, count, then kept, late, abandoned with their shares.
pub(super) fn plan_row(label: String, c: &PlanCounts) -> Vec<String> {
    let (kept, late, abandoned) = c.shares().unwrap_or_default();
    let share = |n: usize, s: f64| format!("{n} ({})", pct(Some(s)));
    vec![
        label,
        c.judged().to_string(),
        share(c.kept, kept),
        share(c.late, late),
        share(c.abandoned, abandoned),
    ]
}

/// Status against the expected levels at the reference date.
fn doctrine_section(ix: &Index) -> TrendSection {
    let st = doctrine::status(ix.repo, &ix.settings);
    let headers = |first: &str| {
        [first, "Critères", "À jour", "Planifiés", "En retard"]
            .map(String::from)
            .to_vec()
    };
    let tables = vec![
        DataTable {
            caption: "Statut des critères — ensemble".into(),
            headers: headers("Ensemble"),
            rows: vec![status_row("National".into(), &st.national)],
        },
        DataTable {
            caption: "Statut des critères — par région".into(),
            headers: headers("Région"),
            rows: by_name(
                st.regions
                    .iter()
                    .map(|(code, c)| (region_name(ix, code), c)),
            )
            .map(|(name, c)| status_row(name, c))
            .collect(),
        },
        DataTable {
            caption: "Statut des critères — par axe".into(),
            headers: headers("Questionnaire et axe"),
            rows: st
                .axes
                .iter()
                .flat_map(|(q, axes)| {
                    axes.iter()
                        .map(move |(a, c)| status_row(format!("{q} · {a}"), c))
                })
                .collect(),
        },
    ];
    TrendSection {
        title: format!("Statut au regard de la doctrine au {}", fr_date(st.date)),
        charts: Vec::new(),
        intro: "Pour chaque critère répondu : à jour (niveau attendu atteint), planifié (un jalon du plan l'atteint) ou en retard (aucun plan ne l'atteint).".into(),
        tables,
    }
}

fn status_row(label: String, c: &StandingCounts) -> Vec<String> {
    let n = c.up_to_date + c.planned + c.late;
    let share = |k: usize| {
        let s = (n > 0).then(|| k as f64 / n as f64);
        format!("{k} ({})", pct(s))
    };
    vec![
        label,
        n.to_string(),
        share(c.up_to_date),
        share(c.planned),
        share(c.late),
    ]
}

/// Rows sorted by the names people read rather than by code.
fn by_name<'c, T: 'c>(
    rows: impl Iterator<Item = (String, &'c T)>,
) -> impl Iterator<Item = (String, &'c T)> {
    rows.collect::<BTreeMap<String, &T>>().into_iter()
}

fn region_name(ix: &Index, code: &str) -> String {
    ix.repo
        .region(code)
        .map_or_else(|| code.to_string(), |r| r.name.clone())
}

fn editor_name(ix: &Index, id: &str) -> String {
    ix.repo
        .editors
        .as_ref()
        .and_then(|e| e.value.editors.iter().find(|x| x.id == id))
        .map_or_else(|| id.to_string(), |e| e.name.clone())
}
