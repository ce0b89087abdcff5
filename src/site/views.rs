//! View models: the small serialisable values templates see, never the domain structs.

use super::index::Index;
use super::scores::Figures;
use super::urls;
use crate::charts::rosace::Frames;
use crate::charts::{self, Chart, bars, radar};
use crate::model::{LevelValue, PageSection, Questionnaire, Scale};
use serde::Serialize;

/// A page to render: where it goes, with which template, and what it shows.
pub struct PageJob<'a> {
    /// Output path, e.g. `regions/bretagne.html`.
    pub path: String,
    /// Template name, e.g. `group.html`.
    pub template: &'static str,
    /// Page title.
    pub title: String,
    /// Breadcrumb, from the home page to the parent of this page.
    pub crumbs: Vec<Link>,
    /// Page-specific values merged into the template context.
    pub data: Data<'a>,
}

impl<'a> PageJob<'a> {
    /// Adds `name` to the page's values, computed by `make` when the page is rendered (on the
    /// rendering thread, then dropped with the page); the page's other values stay as they are.
    pub fn add_later(
        &mut self,
        name: &'static str,
        make: impl Fn() -> minijinja::Value + Send + Sync + 'a,
    ) {
        let inner = std::mem::replace(&mut self.data, Data::Ready(minijinja::Value::UNDEFINED));
        self.data = Data::Later(Box::new(move || {
            let more = minijinja::Value::from_iter([(name, make())]);
            minijinja::context! { ..more, ..inner.value() }
        }));
    }
}

/// The values of a page: ready, or computed when the page is rendered, so that the view
/// models of thousands of sheets never sit in memory together.
pub enum Data<'a> {
    /// Already computed.
    Ready(minijinja::Value),
    /// Computed on the rendering thread, then dropped with the page.
    Later(Box<dyn Fn() -> minijinja::Value + Send + Sync + 'a>),
}

impl Data<'_> {
    /// The values, computing them if needed.
    pub fn value(&self) -> minijinja::Value {
        match self {
            Data::Ready(v) => v.clone(),
            Data::Later(f) => f(),
        }
    }
}

impl<'a> Data<'a> {
    /// The view of a page, one `#[derive(Serialize)]` struct per template.
    pub fn view(view: &impl Serialize) -> Self {
        Data::Ready(minijinja::Value::from_serialize(view))
    }

    /// The view `make` returns, built on the rendering thread when the page is rendered and
    /// dropped with it: pages listing thousands of sheets never hold their views together.
    pub fn later<V: Serialize>(make: impl Fn() -> V + Send + Sync + 'a) -> Self {
        Data::Later(Box::new(move || minijinja::Value::from_serialize(make())))
    }
}

/// `list.html`: a lead text, charts and cards.
#[derive(Serialize)]
pub struct ListView {
    /// Lead text.
    pub intro: &'static str,
    /// Charts above the cards.
    pub charts: Vec<Chart>,
    /// The cards.
    pub cards: Vec<Card>,
}

/// `group.html`: a lead and sections.
#[derive(Serialize)]
pub struct GroupView {
    /// Lead (HTML, already safe).
    pub intro: Option<String>,
    /// On a solution page: its editor and what the lead says of it.
    pub solution: Option<SolutionLead>,
    /// Sections; those without anything to show are skipped.
    pub sections: Vec<Section>,
    /// Whether a section has a sortable table (the page then loads `assets/sort.js`).
    pub sortable: bool,
}

/// The lead of a solution page.
#[derive(Serialize)]
pub struct SolutionLead {
    /// Its editor's page.
    pub editor: Link,
    /// Its description (HTML, already safe).
    pub description: Option<String>,
    /// Whether a published service uses it.
    pub used: bool,
}

/// A list of pages: the cards of one section.
pub fn list_page(path: &str, title: &str, view: ListView) -> PageJob<'static> {
    PageJob {
        path: path.into(),
        template: "list.html",
        title: title.into(),
        crumbs: vec![],
        data: Data::view(&view),
    }
}

/// A link; `url` is relative to the site root (templates prefix it with `root`).
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Link {
    /// Text.
    pub label: String,
    /// Root-relative URL.
    pub url: String,
}

impl Link {
    /// A link.
    pub fn new(label: impl Into<String>, url: impl Into<String>) -> Link {
        Link {
            label: label.into(),
            url: url.into(),
        }
    }
}

/// A card in a list: title, link, short text and small facts.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    /// Title.
    pub title: String,
    /// Root-relative URL.
    pub url: String,
    /// Short description.
    pub desc: Option<String>,
    /// Small facts shown under the title.
    pub meta: Vec<String>,
    /// A rate shown as a badge.
    pub rate: Option<String>,
    /// The `id` of the card's element, so a link can point at it (`page.html#anchor`).
    pub anchor: Option<String>,
}

/// A key figure: label and value.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    /// Label.
    pub label: String,
    /// Value.
    pub value: String,
}

/// A level shown in its scale colour.
#[derive(Debug, Clone, Serialize)]
pub struct Badge {
    /// Text, e.g. "3 · vert".
    pub label: String,
    /// Background colour.
    pub bg: String,
    /// Text colour readable on it.
    pub fg: String,
}

/// A section of a group page: a title, charts and cards.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Section {
    /// Heading.
    pub title: String,
    /// Intro text (HTML, already safe).
    pub intro: Option<String>,
    /// Key figures.
    pub facts: Vec<Fact>,
    /// Root-relative links from the row headings of its tables, row by row (none when empty).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub row_links: Vec<String>,
    /// Charts with their tables.
    pub charts: Vec<Chart>,
    /// Cards.
    pub cards: Vec<Card>,
    /// Services placed on the functional map (region pages).
    pub cartography: Option<super::cartography::Cartography>,
    /// Tables shown before the charts.
    pub tables: Vec<charts::DataTable>,
    /// Whether the charts are small multiples (a denser grid).
    pub small_multiples: bool,
    /// Whether its tables can be sorted by any column (with JavaScript; plain without).
    pub sortable: bool,
    /// An organisation's own answers to the questionnaire, shown as on a sheet.
    pub answers: Option<Answers>,
}

/// The answers of a respondent to one questionnaire, for `answers_table.html`.
#[derive(Debug, Clone, Serialize)]
pub struct Answers {
    /// The questionnaire's title.
    pub title: String,
    /// Rows built by [`super::pages::answers::Criteria::rows_with_texts`].
    pub answers: minijinja::Value,
}

/// Readable text colour on a `#rrggbb` background: near-black or white, whichever has the
/// higher WCAG contrast ratio.
pub fn text_on(bg: &str) -> &'static str {
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(bg.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0))
            / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
    // Contrast with white: 1.05 / (l + 0.05); with #161616 (luminance ≈ 0.008): (l + 0.05) / 0.058.
    if (l + 0.05) / 0.058 >= 1.05 / (l + 0.05) {
        "#161616"
    } else {
        "#ffffff"
    }
}

/// The badge of a level on a scale.
pub fn badge(scale: Option<&Scale>, level: LevelValue) -> Badge {
    let (label, bg) = match (scale, level) {
        (Some(s), LevelValue::NotApplicable) => (
            s.not_applicable.label.clone(),
            s.not_applicable.color.clone(),
        ),
        (Some(s), LevelValue::Level(v)) => match s.level(v) {
            Some(l) => (format!("{v} · {}", l.label), l.color.clone()),
            None => (v.to_string(), "#666666".into()),
        },
        (None, l) => (l.to_string(), "#666666".into()),
    };
    let fg = text_on(&bg).to_string();
    Badge { label, bg, fg }
}

/// Key figures of a group: respondents, rate and level at each moment.
pub fn facts(ix: &Index, figs: &[Figures], max: u8) -> Vec<Fact> {
    let mut out = vec![Fact {
        label: "Répondants".into(),
        value: figs.first().map_or(0, |f| f.count).to_string(),
    }];
    for (f, label) in figs.iter().zip(&ix.moment_labels) {
        out.push(Fact {
            label: format!("Taux de maturité — {label}"),
            value: charts::pct(f.rate),
        });
    }
    if let Some(f) = figs.first() {
        out.push(Fact {
            label: "Niveau de maturité moyen".into(),
            value: charts::level(f.level, max),
        });
    }
    out
}

/// The title of POS zone or domain `id` ("Echange" for `6.4`), if the POS has it.
pub fn zone_title<'a>(repo: &'a crate::model::Repository, id: &str) -> Option<&'a str> {
    let domains = repo.pos.as_ref().map_or(&[][..], |p| &p.value.domains[..]);
    domains.iter().find_map(|d| {
        if d.id == id {
            return Some(d.title.as_str());
        }
        d.zones
            .iter()
            .find(|z| z.id == id)
            .map(|z| z.title.as_str())
    })
}

/// The rate of a card, saying which questionnaire and when: "Interopérabilité des services,
/// taux à date : 83,4 %".
pub fn card_rate(q: &Questionnaire, rate: f64) -> String {
    format!("{}, taux à date : {}", q.title, charts::pct(Some(rate)))
}

/// The moments of every figure vector, for chart titles: "à date (15/12/2020), fin 2022 et
/// fin 2025".
pub fn moments_phrase(ix: &Index) -> String {
    let labels: Vec<String> = ix
        .moment_labels
        .iter()
        .map(|l| {
            let mut c = l.chars();
            c.next()
                .map(|f| f.to_lowercase().chain(c).collect())
                .unwrap_or_default()
        })
        .collect();
    match labels.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} et {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

/// The population a figure of `q` is computed over: "299 services concernés", "17
/// organisations concernées" (a questionnaire of organisations counts organisations).
pub fn concerned(q: &Questionnaire, n: usize) -> String {
    let (noun, feminine) = match q.scope {
        crate::model::Scope::Service => ("service", false),
        crate::model::Scope::Organisation => ("organisation", true),
    };
    let plural = if n > 1 { "s" } else { "" };
    let adjective = if feminine { "concernée" } else { "concerné" };
    format!("{n} {noun}{plural} {adjective}{plural}")
}

/// The title of a rosace of `q`: what it shows, the questionnaire, the unit and the moments.
pub fn rosace_title(ix: &Index, q: &Questionnaire, of: &str) -> String {
    format!(
        "Taux de maturité par axe{of}, en % — {} — {}",
        q.title,
        moments_phrase(ix)
    )
}

/// Short and full name of each axis of `q`: the spokes of its rosace.
pub fn spokes(q: &Questionnaire) -> Vec<(String, String)> {
    q.axes
        .iter()
        .map(|a| (a.id.clone(), a.title.clone()))
        .collect()
}

/// The rosace of figures over the moments (at date and projections).
/// With fewer than three axes a radar is a line, so bars of the rates at date are drawn instead.
pub fn rosace(ix: &Index, id: &str, title: &str, q: &Questionnaire, figs: &[Figures]) -> Chart {
    rosace_of(ix, id, title, q, figs, &ix.moment_labels)
}

/// A rosace of `figs`, one series per figures, named by `names`.
fn rosace_of(
    ix: &Index,
    id: &str,
    title: &str,
    q: &Questionnaire,
    figs: &[Figures],
    names: &[String],
) -> Chart {
    let kept = kept_axes(q, figs, |a| a.rate);
    with_frames(ix, q, |frames| {
        if kept.len() < 3 {
            if let Some(frame) = frames.bars(&kept) {
                let items: Vec<bars::Bar> = kept
                    .iter()
                    .map(|&i| {
                        let a = &q.axes[i];
                        let f = figs.first().and_then(|f| f.axes.get(i));
                        bars::Bar {
                            code: a.id.clone(),
                            name: a.title.clone(),
                            rate: f.and_then(|f| f.rate),
                            count: f.map_or(0, |f| f.count),
                        }
                    })
                    .collect();
                if let Ok(chart) = charts::draw(
                    id,
                    title,
                    &bars::Bars {
                        frame,
                        items: &items,
                    },
                ) {
                    return with_population(chart, q, figs);
                }
            }
        }
        radar_of(
            frames,
            id,
            title,
            q,
            figs,
            names,
            &kept,
            radar::Measure::Rate,
        )
    })
}

/// Calls `f` with the frames of `q`'s charts: those of the build, or drawn for the call.
fn with_frames<R>(ix: &Index, q: &Questionnaire, f: impl FnOnce(&Frames) -> R) -> R {
    match ix.frames.get(&q.id) {
        Some(frames) => f(frames),
        None => f(&Frames::new(&spokes(q))),
    }
}

/// The axes of `q` a radar of `figs` shows: those with a `value` at some moment. An axis
/// nobody answered with a level (all "non applicable") is left out, as the questionnaire FAQ
/// says of radar charts; when none has one, all are shown.
fn kept_axes(
    q: &Questionnaire,
    figs: &[Figures],
    value: impl Fn(&super::scores::AxisFigures) -> Option<f64>,
) -> Vec<usize> {
    let kept: Vec<usize> = (0..q.axes.len())
        .filter(|i| {
            figs.iter()
                .any(|f| f.axes.get(*i).and_then(&value).is_some())
        })
        .collect();
    if kept.is_empty() {
        (0..q.axes.len()).collect()
    } else {
        kept
    }
}

/// The radar of `figs` over the axes `kept`, one series per figures named by `names`.
#[allow(clippy::too_many_arguments)]
fn radar_of(
    frames: &Frames,
    id: &str,
    title: &str,
    q: &Questionnaire,
    figs: &[Figures],
    names: &[String],
    kept: &[usize],
    measure: radar::Measure,
) -> Chart {
    let series: Vec<radar::Series> = figs
        .iter()
        .zip(names)
        .map(|(f, label)| radar::Series {
            name: label.clone(),
            values: kept
                .iter()
                .map(|&i| {
                    f.axes.get(i).and_then(|a| match measure {
                        radar::Measure::Rate => a.rate,
                        radar::Measure::Level(_) => a.level,
                    })
                })
                .collect(),
        })
        .collect();
    let radar = radar::Radar {
        frame: &frames.radar,
        axes: kept,
        series: &series,
        measure,
    };
    let Ok(chart) = charts::draw(id, title, &radar);
    with_population(chart, q, figs)
}

/// The title of a radar of mean levels of `q`: what it shows, the scale, the questionnaire
/// and the moments.
pub fn level_rosace_title(ix: &Index, q: &Questionnaire, of: &str) -> String {
    let max = ix.scale_of(q).map_or(3, |s| s.max_level());
    format!(
        "Niveau de maturité moyen par axe{of}, de 0 à {max} — {} — {}",
        q.title,
        moments_phrase(ix)
    )
}

/// The radar of the mean levels per axis over the moments, shown beside the rosace of rates
/// as the study does (§5–6); `None` when fewer than three axes have a level (a radar of two
/// spokes is a line, and the facts already give the levels).
pub fn level_rosace(
    ix: &Index,
    id: &str,
    title: &str,
    q: &Questionnaire,
    figs: &[Figures],
) -> Option<Chart> {
    let kept = kept_axes(q, figs, |a| a.level);
    if kept.len() < 3 {
        return None;
    }
    let max = ix.scale_of(q).map_or(3, |s| s.max_level());
    let measure = radar::Measure::Level(max);
    Some(with_frames(ix, q, |frames| {
        radar_of(
            frames,
            id,
            title,
            q,
            figs,
            &ix.moment_labels,
            &kept,
            measure,
        )
    }))
}

/// The rosace of a group at date over the national one (same axes), so that a region reads
/// against France: the group, named `name`, as the first series, the nation as the second.
pub fn compared(
    ix: &Index,
    id: &str,
    q: &Questionnaire,
    name: &str,
    group: &Figures,
    national: &Figures,
) -> Chart {
    let title = format!(
        "Taux de maturité par axe, en %, comparé à la France entière — {} — {}",
        q.title,
        ix.moment_labels[0].to_lowercase()
    );
    let names = [name.to_string(), "France entière".to_string()];
    rosace_of(
        ix,
        id,
        &title,
        q,
        &[group.clone(), national.clone()],
        &names,
    )
}

/// The chart with the population of its figures at date as its note.
fn with_population(chart: Chart, q: &Questionnaire, figs: &[Figures]) -> Chart {
    match figs.first() {
        Some(f) => chart.with_note(concerned(q, f.count)),
        None => chart,
    }
}

/// Root-relative URL of a doctrine page for an axis, if the page exists.
pub fn doctrine_url(ix: &Index, axis: &crate::model::Axis) -> Option<Link> {
    ix.repo
        .pages
        .iter()
        .filter(|p| p.section == PageSection::Doctrine)
        .find(|p| {
            axis.doctrine.as_deref() == Some(&p.slug) || p.meta.axis.as_deref() == Some(&axis.id)
        })
        .map(|p| Link::new(p.meta.title.clone(), urls::page(p.section, &p.slug)))
}

/// French date `15/12/2020`.
pub fn fr_date(d: crate::model::Date) -> String {
    format!("{:02}/{:02}/{}", d.day, d.month, d.year)
}

#[cfg(test)]
mod tests {
    use super::text_on;

    #[test]
    fn picks_the_more_contrasted_text_colour() {
        assert_eq!(text_on("#18753c"), "#ffffff");
        assert_eq!(text_on("#ce0500"), "#ffffff");
        assert_eq!(text_on("#ffca00"), "#161616");
        assert_eq!(text_on("#fc5d00"), "#161616");
        assert_eq!(text_on("#929292"), "#161616");
    }
}
