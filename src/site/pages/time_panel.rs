//! The "Évolution dans le temps" panel of region, organisation, editor, solution, axis and
//! sheet pages (`time_panel.html`): the page's figures in each frozen campaign, then at date and
//! projected from the current plans, with the breaks between questionnaire versions said on
//! each row; and the plans kept, late or abandoned of its subjects. Added to pages already
//! listed, computed when each page is rendered.

use super::html::{self, text};
use super::time::{comparability, plan_row};
use crate::charts::{DataTable, level, pct};
use crate::model::Questionnaire;
use crate::score::plans::{PlanCounts, PlanReview};
use crate::score::trend::{self, History, Trend};
use crate::score::{GroupBy, NATIONAL};
use crate::site::index::Index;
use crate::site::scores::Figures;
use crate::site::urls;
use crate::site::views::{PageJob, fr_date};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

/// What a page's panel is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A group of a grouping: a region (by code), an organisation, an editor, a solution.
    Group(GroupBy, String),
    /// An axis of a questionnaire in force, nationally.
    Axis(String, String),
    /// A service or product's sheet.
    Sheet(String),
}

/// `time_panel.html`.
#[derive(Debug, Serialize)]
pub struct TimePanel {
    /// One table per questionnaire (or the axis), campaigns then at date and projections.
    pub trends: Vec<DataTable>,
    /// What the projection rows cover, when there are any.
    pub projection_note: Option<String>,
    /// Milestones judged, per campaign.
    pub plans: Option<DataTable>,
    /// Whether any campaign is closed.
    pub campaigns: bool,
}

/// The panel's inputs, computed once per build and shared by every page.
pub struct Shared<'a> {
    history: History<'a>,
    reviews: Vec<PlanReview>,
}

impl<'a> Shared<'a> {
    /// The panel of `target`; `None` when it has nothing to show.
    pub fn panel(&self, ix: &Index, target: &Target) -> Option<TimePanel> {
        let (trends, projected) = self.trends(ix, target);
        let plans = self.plans(target);
        if trends.is_empty() && plans.is_none() {
            return None;
        }
        // The note explains the projection rows of group and axis pages, where a table has one.
        let projected = projected && !matches!(target, Target::Sheet(_));
        Some(TimePanel {
            trends,
            projection_note: projected.then(|| PROJECTION_NOTE.to_string()),
            plans,
            campaigns: !self.history.campaigns().is_empty(),
        })
    }

    /// The trend tables of `target`, and whether any of them has a projection row.
    fn trends(&self, ix: &Index, target: &Target) -> (Vec<DataTable>, bool) {
        let axis = match target {
            Target::Axis(_, axis) => Some(axis.as_str()),
            _ => None,
        };
        let trends = match target {
            Target::Group(by, key) => self.history.trends_of(by.as_str(), key, Some(axis)),
            Target::Axis(..) => {
                let national = GroupBy::National.as_str();
                self.history.trends_of(national, NATIONAL, Some(axis))
            }
            Target::Sheet(id) => self.history.subject_trends_of(id, Some(axis)),
        };
        let sheet = matches!(target, Target::Sheet(_));
        let mut tables = Vec::new();
        let mut projected = false;
        for q in ix.repo.maturity_questionnaires_in_force() {
            if let Target::Axis(qid, _) = target
                && *qid != q.id
            {
                continue;
            }
            let now: Vec<Moment> = match target {
                Target::Group(by, key) => moments(&ix.figures(q, *by, key), axis),
                Target::Axis(..) => moments(&ix.figures(q, GroupBy::National, NATIONAL), axis),
                // A sheet's own figures, read where they are (the whole questionnaire only).
                Target::Sheet(id) => ix
                    .subject(id)
                    .map(|r| {
                        ix.respondent_figures(r, q)
                            .iter()
                            .map(|f| f.as_ref().map_or((None, None, 0), whole))
                            .collect()
                    })
                    .unwrap_or_default(),
            };
            let trend = trends
                .iter()
                .find(|t| t.questionnaire == q.id && t.axis.as_deref() == axis);
            if let Some(table) = table_of(ix, q, axis, trend, &now, sheet) {
                projected |= now.iter().skip(1).any(has_figures);
                tables.push(table);
            }
        }
        (tables, projected)
    }

    fn plans(&self, target: &Target) -> Option<DataTable> {
        let rows: Vec<Vec<String>> = self
            .reviews
            .iter()
            .filter_map(|r| {
                let counts: Option<&PlanCounts> = match target {
                    Target::Group(GroupBy::Region, code) => r.regions.get(code),
                    Target::Group(GroupBy::Organisation, id) => r.organisations.get(id),
                    Target::Group(GroupBy::Editor, id) => r.editors.get(id),
                    Target::Group(..) => None,
                    Target::Axis(q, axis) => r.axes.get(q).and_then(|a| a.get(axis)),
                    Target::Sheet(id) => r.subjects.get(id),
                };
                let label = format!("Campagne {} ({})", r.campaign, fr_date(r.date));
                counts.map(|c| plan_row(label, c))
            })
            .collect();
        (!rows.is_empty()).then(|| DataTable {
            caption: "Plans tenus ou manqués : jalons échus des plans de chaque campagne".into(),
            headers: [
                "Plans de la campagne",
                "Jalons jugés",
                "Tenus",
                "En retard",
                "Abandonnés",
            ]
            .map(String::from)
            .to_vec(),
            rows,
        })
    }
}

/// What projections leave out, said under the tables.
const PROJECTION_NOTE: &str = "Les lignes « à date » reprennent les chiffres clés de la page. Les projections appliquent les plans de convergence en cours et excluent les services appelés à être décommissionnés : elles peuvent donc partir d'un autre point que le chiffre à date.";

/// The table of one questionnaire (or one of its axes): a row per campaign, then at date and
/// at each projection date. `None` when there is no figure at all.
pub(super) fn table(
    ix: &Index,
    q: &Questionnaire,
    axis: Option<&str>,
    trend: Option<&Trend>,
    figures: &[Figures],
    sheet: bool,
) -> Option<DataTable> {
    table_of(ix, q, axis, trend, &moments(figures, axis), sheet)
}

/// Rate, level and number of respondents at one moment.
type Moment = (Option<f64>, Option<f64>, usize);

/// Whether a moment has respondents: a projection moment gets a row only then.
fn has_figures(m: &Moment) -> bool {
    m.2 > 0
}

/// The figures of the whole questionnaire.
fn whole(f: &Figures) -> Moment {
    (f.rate, f.level, f.count)
}

/// The figures of each moment, of the whole questionnaire (`axis` `None`) or of one axis.
fn moments(figures: &[Figures], axis: Option<&str>) -> Vec<Moment> {
    figures
        .iter()
        .map(|f| match axis {
            None => whole(f),
            Some(a) => f
                .axes
                .iter()
                .find(|x| x.axis == a)
                .map_or((None, None, 0), |x| (x.rate, x.level, x.count)),
        })
        .collect()
}

/// [`table`] from the figures of each moment.
fn table_of(
    ix: &Index,
    q: &Questionnaire,
    axis: Option<&str>,
    trend: Option<&Trend>,
    now: &[Moment],
    sheet: bool,
) -> Option<DataTable> {
    let max = ix.scale_of(q).map_or(3, |s| s.max_level());
    let points = trend.map_or(&[][..], |t| t.points.as_slice());
    if points.iter().all(|p| p.concerned == 0) && now.iter().all(|(_, _, n)| *n == 0) {
        return None;
    }
    let mut rows = Vec::new();
    let row = |moment: String, version: &str, rate, lvl, concerned: String, cmp: String| {
        let mut r = vec![moment, version.to_string(), pct(rate), level(lvl, max)];
        if !sheet {
            r.push(concerned);
        }
        r.push(cmp);
        r
    };
    for (i, p) in points.iter().enumerate() {
        let cmp = i
            .checked_sub(1)
            .and_then(|j| trend?.links.get(j))
            .map_or_else(|| "—".to_string(), comparability);
        rows.push(row(
            format!("Campagne {} ({})", p.campaign, fr_date(p.date)),
            &p.version,
            p.rate,
            p.level,
            format!("{} / {}", p.concerned, p.total),
            cmp,
        ));
    }
    for (m, moment) in now.iter().enumerate() {
        let (rate, lvl, n) = moment;
        // A moment without figures is left out, except at date after campaigns: the line
        // then says there is nothing now.
        let after_campaigns = m == 0 && !points.is_empty();
        if !has_figures(moment) && !after_campaigns {
            continue;
        }
        let cmp = match (m, points.last()) {
            (0, Some(last)) => comparability(&trend::compare(
                ix.repo,
                &q.id,
                axis,
                (&last.campaign, &last.version),
                ("à date", &q.version),
            )),
            (0, None) => "—".to_string(),
            _ => "projection des plans en cours".to_string(),
        };
        let moment = if m == 0 {
            ix.moment_labels[0].clone()
        } else {
            format!("{} (projection)", ix.moment_labels[m])
        };
        let concerned = if sheet { String::new() } else { n.to_string() };
        rows.push(row(moment, &q.version, *rate, *lvl, concerned, cmp));
    }
    let title = match axis {
        Some(a) => format!("{} — axe {a}", q.title),
        None => q.title.clone(),
    };
    let mut headers = vec!["Moment", "Version du questionnaire", "Taux", "Niveau"];
    if !sheet {
        headers.push("Concernés");
    }
    headers.push("Comparaison avec la ligne précédente");
    Some(DataTable {
        caption: format!("{title} : évolution par campagne, à date et projetée"),
        headers: headers.into_iter().map(String::from).collect(),
        rows,
    })
}

/// The panel target of each page, by output path.
pub fn targets(ix: &Index) -> HashMap<String, Target> {
    let repo = ix.repo;
    let mut map = HashMap::new();
    for r in repo.regions.iter().flat_map(|r| &r.value.regions) {
        map.insert(
            urls::region(&r.slug),
            Target::Group(GroupBy::Region, r.code.clone()),
        );
    }
    for o in repo.organisations.iter().map(|o| &o.value) {
        map.insert(
            urls::organisation(&o.id),
            Target::Group(GroupBy::Organisation, o.id.clone()),
        );
    }
    for e in repo.editors.iter().flat_map(|e| &e.value.editors) {
        map.insert(
            urls::editor(&e.id),
            Target::Group(GroupBy::Editor, e.id.clone()),
        );
        for s in &e.solutions {
            map.insert(
                urls::solution(&e.id, &s.id),
                Target::Group(GroupBy::Solution, crate::score::solution_key(&e.id, &s.id)),
            );
        }
    }
    for q in repo.maturity_questionnaires_in_force() {
        for a in &q.axes {
            map.insert(
                urls::axis(&q.id, &a.id),
                Target::Axis(q.id.clone(), a.id.clone()),
            );
        }
    }
    for sf in &repo.subjects {
        map.insert(
            urls::subject(&sf.subject.id),
            Target::Sheet(sf.subject.id.clone()),
        );
    }
    map
}

impl TimePanel {
    /// Writes the panel on a page whose root is `root` (the `<section>` that
    /// `time_panel.html` shows).
    pub fn write(&self, out: &mut String, root: &str) {
        out.push_str("<section class=\"section time-panel\" aria-labelledby=\"evolution\">\n  <h2 id=\"evolution\">Évolution dans le temps</h2>\n  <p>Chiffres figés de chaque campagne close, puis chiffres à date et projetés d'après les plans de convergence en cours. D'une version du questionnaire à l'autre, la dernière colonne dit si les chiffres se comparent : une rupture est signalée, jamais mêlée. <a href=\"");
        text(out, root);
        out.push_str("tendances.html\">Toutes les tendances nationales</a>.</p>\n");
        for t in &self.trends {
            html::table(out, t, "    ");
            out.push('\n');
        }
        if let Some(note) = self.projection_note.as_deref().filter(|n| !n.is_empty()) {
            out.push_str("<p class=\"chart-note\">");
            text(out, note);
            out.push_str("</p>");
        }
        out.push_str("  <h3>Plans tenus ou manqués</h3>\n");
        if let Some(plans) = &self.plans {
            html::table(out, plans, "    ");
            out.push_str("\n  <p>Un jalon est tenu quand le niveau déclaré après son échéance l'atteint, en retard quand il ne l'atteint pas mais reste planifié, abandonné quand plus aucun plan ne l'atteint (définitions dans la page <a href=\"");
            text(out, root);
            out.push_str("methode.html\">Méthode</a>).</p>\n");
        } else if self.campaigns {
            out.push_str("<p>Aucun jalon des plans des campagnes closes n'est encore échu et jugé ici.</p>\n");
        } else {
            out.push_str("<p>Aucune campagne close pour l'instant.</p>");
        }
        out.push_str("</section>");
    }
}

/// What the time panels share, and the pages that have one ([`targets`]).
pub struct Panels<'a> {
    shared: Arc<Shared<'a>>,
    targets: HashMap<String, Target>,
}

impl<'a> Panels<'a> {
    /// The panels of the pages `targets`, from the campaigns' `history` and the plan reviews
    /// computed for `tendances.html`.
    pub fn new(
        history: History<'a>,
        reviews: Vec<PlanReview>,
        targets: HashMap<String, Target>,
    ) -> Panels<'a> {
        Panels {
            shared: Arc::new(Shared { history, reviews }),
            targets,
        }
    }

    /// Adds `time_html` (the panel, written by [`TimePanel::write`] in the render pool) to the
    /// values of every page of the targets among `jobs`.
    pub fn decorate(mut self, ix: &'a Index<'a>, jobs: &mut [PageJob<'a>]) {
        for job in jobs.iter_mut() {
            let Some(target) = self.targets.remove(&job.path) else {
                continue;
            };
            let shared = Arc::clone(&self.shared);
            let root = urls::root_of(&job.path);
            job.add_later("time_html", move || {
                let mut html = String::new();
                if let Some(panel) = shared.panel(ix, &target) {
                    panel.write(&mut html, &root);
                }
                minijinja::Value::from_safe_string(html)
            });
        }
    }
}
