//! Static SVG charts, one file per kind, each a [`Kind`] drawn by [`draw`] into an accessible
//! `<svg>`: bars and lines by plotters, the radar, the map and the stacked bars by the SVG
//! writer (`svg`), where plotters costs too much or cannot draw what they need (see
//! `docs/decisions.md`). Each chart comes with the table of its data, shown beside it as its
//! text alternative. Output is deterministic: numbers have fixed decimals.

pub mod bars;
#[cfg(test)]
mod cost;
pub mod lines;
pub mod map;
pub mod radar;
pub mod rosace;
pub mod stacked;
mod svg;

use serde::Serialize;
use std::fmt::Write;

pub use svg::{esc as escape, write_escaped};

/// What plotters reports when it cannot draw (never for a `String` target in practice: the
/// type is kept so that a plotters kind reports rather than hides it).
pub type Error = anyhow::Error;

/// One kind of chart: what it draws from, how it draws it inside the `<svg>` element, and the
/// table of its data. Every chart of the portal goes through [`draw`].
pub trait Kind {
    /// Class of the `<svg>` element (`chart` and this), for the stylesheet.
    const CLASS: &'static str;
    /// ARIA role of the `<svg>` element: an image, or a group when the chart holds links.
    const ROLE: &'static str = "img";
    /// Why drawing may fail: [`Error`] for the kinds drawn by plotters,
    /// [`std::convert::Infallible`] for those written by hand.
    type Error;
    /// Width and height of the drawing, in SVG units.
    fn size(&self) -> (u32, u32);
    /// Appends the drawing (everything inside the `<svg>` element after its `<title>`).
    fn draw(&self, out: &mut String) -> Result<(), Self::Error>;
    /// Column headers of the data table.
    fn headers(&self) -> Vec<String>;
    /// Rows of the data table.
    fn rows(&self) -> Vec<Vec<String>>;
    /// Appends the legend, as HTML under the drawing (so that it wraps and keeps its size on
    /// a narrow screen), if the kind has one.
    fn legend(&self, _out: &mut String) {}
}

/// Font size of every text in a chart, in SVG units. Charts are at most [`WIDTH`] units wide
/// and shown 318 px wide on a 360 px screen, so their text is never below 12 px there
/// (22 × 318 / 560 = 12.5); on a wide screen a chart is at most 32 rem wide.
pub const FONT: f64 = 22.0;

/// Width of every chart, in SVG units (see [`FONT`]).
pub const WIDTH: f64 = 560.0;

/// Draws `kind` as an accessible inline `<svg>` whose name is `title`, with its data table;
/// `id` must be unique in the page.
pub fn draw<K: Kind>(id: &str, title: &str, kind: &K) -> Result<Chart, K::Error> {
    let (w, h) = kind.size();
    let mut svg = String::with_capacity(4096);
    svg::open(&mut svg, id, (w, h), title, K::CLASS, K::ROLE);
    kind.draw(&mut svg)?;
    svg.push_str("</svg>");
    let mut legend = String::new();
    kind.legend(&mut legend);
    Ok(Chart {
        svg,
        legend,
        note: None,
        table: DataTable {
            caption: title.to_string(),
            headers: kind.headers(),
            rows: kind.rows(),
        },
    })
}

/// A chart: inline SVG markup and the same data as a table.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// The `<svg>` element.
    pub svg: String,
    /// The legend, HTML shown under the drawing (empty when the chart has none).
    pub legend: String,
    /// What the figures are computed over, shown under the title ("299 services concernés").
    pub note: Option<String>,
    /// The data drawn, as a table; its caption is the chart's visible title.
    pub table: DataTable,
}

impl Chart {
    /// The chart with the population its figures are computed over.
    pub fn with_note(mut self, note: impl Into<String>) -> Chart {
        self.note = Some(note.into());
        self
    }
}

/// Appends one legend entry: a swatch with the CSS `class` (and `style`, if any) and its label.
pub fn legend_key(out: &mut String, class: &str, style: Option<&str>, label: &str) {
    let _ = write!(out, "<li><span class=\"key {class}\"");
    if let Some(style) = style {
        let _ = write!(out, " style=\"{}\"", escape(style));
    }
    let _ = write!(out, " aria-hidden=\"true\"></span>{}</li>", escape(label));
}

/// A small table of strings: the text alternative of a chart.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DataTable {
    /// Caption, also the chart's accessible name.
    pub caption: String,
    /// Column headers.
    pub headers: Vec<String>,
    /// Rows of cells.
    pub rows: Vec<Vec<String>>,
}

/// A rate in 0–1 written as a French percentage (`75,3 %`), or `—` when absent.
pub fn pct(rate: Option<f64>) -> String {
    match rate {
        Some(r) => {
            let mut s = String::with_capacity(10);
            svg::push_fr(&mut s, r * 100.0, 1);
            s.push_str(" %");
            s
        }
        None => "—".to_string(),
    }
}

/// A mean level written with two decimals and its scale maximum (`1,91 / 3`), or `—`.
pub fn level(level: Option<f64>, max: u8) -> String {
    match level {
        Some(l) => {
            let mut s = svg::fr(l, 2);
            let _ = write!(s, " / {max}");
            s
        }
        None => "—".to_string(),
    }
}

/// Colour class of a rate for maps and badges: five classes from low to high.
pub fn rate_class(rate: Option<f64>) -> usize {
    match rate {
        None => 0,
        Some(r) if r < 0.5 => 1,
        Some(r) if r < 0.7 => 2,
        Some(r) if r < 0.8 => 3,
        Some(r) if r < 0.9 => 4,
        Some(_) => 5,
    }
}

/// Fill colours of the rate classes (index 0: no data, drawn white with a dashed border).
/// A sequential blue ramp, light to dark, whose lightest class has a contrast of 3.1:1 with
/// white (then 4.6, 7.2, 11 and 16:1): every class stands out from the page and from "no
/// data", and the order reads by lightness alone, whatever the colour vision.
pub const RATE_COLORS: [&str; 6] = [
    "#ffffff", "#3299e2", "#1e71e6", "#1245dd", "#0a19c0", "#000080",
];

/// Legend labels of the rate classes.
pub const RATE_LABELS: [&str; 6] = [
    "pas de donnée",
    "moins de 50 %",
    "50 à 70 %",
    "70 à 80 %",
    "80 à 90 %",
    "90 % et plus",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_figures_the_french_way() {
        assert_eq!(pct(Some(0.753)), "75,3 %");
        assert_eq!(pct(None), "—");
        assert_eq!(level(Some(1.905), 3), "1,91 / 3");
    }
}
