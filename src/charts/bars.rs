//! Horizontal bars of rates per category (axes, functional domains, regions), drawn by
//! plotters: each category's name (cut into two lines at most; the full name and code are in
//! the data table) above its bar, its rate at the end of the name's line.
//!
//! The axes, grid and names depend only on the names: plotters draws them once per list of
//! names into a [`Frame`], a complete SVG document of its own. Each chart then has plotters
//! draw its bars on the same layout into a second document; both are nested unchanged in the
//! chart's `<svg>`, the bars over the frame, as plotters layers them when drawing in one go.

use super::{Error, Kind, pct};
use plotters::chart::MeshStyle;
use plotters::coord::Shift;
use plotters::coord::ranged1d::Ranged;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One bar.
#[derive(Debug, Clone)]
pub struct Bar {
    /// Code shown before the name in the data table, e.g. `A04.1` or `6` (may be empty).
    pub code: String,
    /// Name, above the bar and in the table.
    pub name: String,
    /// Rate in 0–1.
    pub rate: Option<f64>,
    /// How many respondents the rate is computed on.
    pub count: usize,
}

/// The bars' fill.
const FILL: RGBColor = RGBColor(0, 0, 145);
/// Height of one category: two lines of its name, then its bar.
const ROW: f64 = 86.0;
/// Characters per line of a name, and lines: what fits beside the rate at the row's end.
const NAME_CHARS: usize = 36;
const NAME_LINES: usize = 2;
/// Height of the rate axis under the bars.
const AXIS: u32 = 40;

/// Size of a chart of `n` bars: one row per category, and the rate axis.
fn size(n: usize) -> (u32, u32) {
    (
        super::WIDTH as u32,
        (ROW * n.max(1) as f64) as u32 + AXIS + 16,
    )
}

/// The font of every text: the charts' size, given in pixels to plotters, whose SVG backend
/// writes it divided by 1.24.
pub(super) fn font() -> TextStyle<'static> {
    ("sans-serif", super::FONT * 1.24)
        .into_font()
        .color(&RGBColor(22, 22, 22))
}

/// The plotting area of `n` bars on `root`: margins, the rate axis and one row per category
/// (row `i` spans `y` from `n - i` down to `n - i - 1`), nothing drawn.
fn layout<'a, 'b>(
    root: &'a DrawingArea<SVGBackend<'b>, Shift>,
    n: usize,
) -> Result<Plot<'a, 'b>, Error> {
    let n = n.max(1);
    ChartBuilder::on(root)
        .margin(8)
        .margin_left(24)
        .margin_right(32)
        .x_label_area_size(AXIS)
        .build_cartesian_2d(0f64..100f64, 0f64..n as f64)
        .map_err(err)
}

/// The rate axis of line charts: six labels from `0 %` to `100 %`, a grid at each label,
/// grey axes and labels of the charts' font size.
pub(super) fn percent_axes<X: Ranged, DB: DrawingBackend>(
    mesh: &mut MeshStyle<'_, '_, X, RangedCoordf64, DB>,
) {
    mesh.y_labels(6)
        .light_line_style(TRANSPARENT)
        .bold_line_style(RGBColor(221, 221, 221))
        .axis_style(RGBColor(102, 102, 102))
        .label_style(font())
        .y_label_formatter(&|v| format!("{v:.0} %"));
}

type Plot<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The top of row `i` among `n`, in data units, moved down by `px` pixels.
fn row_y(n: usize, i: usize, px: f64) -> f64 {
    (n.max(1) - i) as f64 - px / ROW
}

/// Draws the rate axis (0 to 100 % along the bottom), its grid, and each category's name
/// above its bar.
fn draw_frame(chart: &mut Plot, names: &[Vec<String>]) -> Result<(), Error> {
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(3)
        .light_line_style(TRANSPARENT)
        .bold_line_style(RGBColor(221, 221, 221))
        .axis_style(RGBColor(102, 102, 102))
        .label_style(font())
        .x_label_formatter(&|v| format!("{v:.0} %"))
        .draw()
        .map_err(err)?;
    let n = names.len();
    chart
        .draw_series(names.iter().enumerate().flat_map(|(i, lines)| {
            lines.iter().enumerate().map(move |(k, line)| {
                Text::new(
                    line.clone(),
                    (0.0, row_y(n, i, 4.0 + 26.0 * k as f64)),
                    font(),
                )
            })
        }))
        .map(|_| ())
        .map_err(err)
}

/// Draws one bar per item, from 0 to its rate, right under the `lines` lines of its name, and
/// its rate at the end of the name's first line.
fn draw_bars(chart: &mut Plot, items: &[Bar], lines: &[usize]) -> Result<(), Error> {
    let n = items.len();
    chart
        .draw_series(items.iter().enumerate().map(|(i, b)| {
            let v = b.rate.unwrap_or(0.0).clamp(0.0, 1.0) * 100.0;
            let top = 8.0 + 26.0 * lines.get(i).copied().unwrap_or(1) as f64;
            Rectangle::new(
                [(0.0, row_y(n, i, top)), (v, row_y(n, i, top + 24.0))],
                FILL.filled(),
            )
        }))
        .map_err(err)?;
    chart
        .draw_series(items.iter().enumerate().map(|(i, b)| {
            let style = font().pos(Pos::new(HPos::Right, VPos::Top));
            Text::new(pct(b.rate), (100.0, row_y(n, i, 4.0)), style)
        }))
        .map(|_| ())
        .map_err(err)
}

/// The rate axis and the categories' names for one list of names, as plotters draws them.
#[derive(Debug)]
pub struct Frame {
    /// The names, one per bar, cut into lines.
    names: Vec<Vec<String>>,
    /// plotters' SVG document.
    svg: String,
}

impl Frame {
    /// The frame of bars named `names` (each cut into two lines at most, ending with `…` if
    /// longer: the full name is in the data table).
    pub fn new(names: Vec<String>) -> Result<Frame, Error> {
        let names: Vec<Vec<String>> = names
            .iter()
            .map(|name| super::svg::wrap(name, NAME_CHARS, NAME_LINES))
            .collect();
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, size(names.len())).into_drawing_area();
            let mut chart = layout(&root, names.len())?;
            draw_frame(&mut chart, &names)?;
            root.present().map_err(err)?;
        }
        Ok(Frame { names, svg })
    }

    /// The frame of `items`, labelled with their names.
    pub fn of(items: &[Bar]) -> Result<Frame, Error> {
        Frame::new(items.iter().map(|b| b.name.clone()).collect())
    }

    /// The names the frame is labelled with, each cut into lines.
    pub fn names(&self) -> &[Vec<String>] {
        &self.names
    }
}

/// Horizontal bars of rates (0–100 %) on a frame with one name per bar.
#[derive(Debug, Clone, Copy)]
pub struct Bars<'a> {
    /// Axes and labels.
    pub frame: &'a Frame,
    /// The bars, in the frame's order.
    pub items: &'a [Bar],
}

impl Kind for Bars<'_> {
    const CLASS: &'static str = "bars";
    type Error = Error;

    fn size(&self) -> (u32, u32) {
        size(self.frame.names.len())
    }

    fn draw(&self, out: &mut String) -> Result<(), Error> {
        out.push_str(&self.frame.svg);
        let size = size(self.frame.names.len());
        let root = SVGBackend::with_string(out, size).into_drawing_area();
        let mut chart = layout(&root, self.frame.names.len())?;
        let lines: Vec<usize> = self.frame.names.iter().map(Vec::len).collect();
        draw_bars(&mut chart, self.items, &lines)?;
        root.present().map_err(err)
    }

    fn headers(&self) -> Vec<String> {
        vec!["Catégorie".into(), "Taux".into(), "Effectif".into()]
    }

    fn rows(&self) -> Vec<Vec<String>> {
        self.items
            .iter()
            .map(|b| {
                let name = if b.code.is_empty() {
                    b.name.clone()
                } else {
                    format!("{} {}", b.code, b.name)
                };
                vec![name, pct(b.rate), b.count.to_string()]
            })
            .collect()
    }
}

pub(super) fn err(e: impl std::fmt::Display) -> Error {
    anyhow::anyhow!("graphique : {e}")
}

/// The whole chart drawn by plotters in one document, frame and bars: what the two nested
/// documents of [`Bars`] show.
#[cfg(test)]
pub(super) fn in_one_go(items: &[Bar]) -> String {
    let names: Vec<Vec<String>> = items
        .iter()
        .map(|b| super::svg::wrap(&b.name, NAME_CHARS, NAME_LINES))
        .collect();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size(items.len())).into_drawing_area();
        let mut chart = layout(&root, items.len()).unwrap();
        draw_frame(&mut chart, &names).unwrap();
        let lines: Vec<usize> = names.iter().map(Vec::len).collect();
        draw_bars(&mut chart, items, &lines).unwrap();
        root.present().unwrap();
    }
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::draw;

    fn items(rates: &[Option<f64>]) -> Vec<Bar> {
        rates
            .iter()
            .enumerate()
            .map(|(i, rate)| Bar {
                code: format!("A{i}"),
                name: format!("Axe {i}"),
                rate: *rate,
                count: i,
            })
            .collect()
    }

    /// The lines of plotters' documents inside the chart, without their `<svg>` tags.
    fn shapes(svg: &str) -> Vec<&str> {
        svg.lines()
            .filter(|l| !l.starts_with("<svg") && !l.starts_with("</svg>"))
            .collect()
    }

    // The frame and the bars, drawn apart, are the shapes plotters draws in one go, in order.
    #[test]
    fn frame_and_bars_are_what_plotters_draws_in_one_go() {
        let rates = [
            None,
            Some(0.0),
            Some(1.0),
            Some(0.333),
            Some(0.999),
            Some(1.7),
        ];
        for n in 0..=3 {
            for k in 0..rates.len() {
                let items: Vec<Bar> = items(
                    &(0..n)
                        .map(|i| rates[(k + i) % rates.len()])
                        .collect::<Vec<_>>(),
                );
                let frame = Frame::of(&items).unwrap();
                let chart = draw(
                    "c",
                    "Taux",
                    &Bars {
                        frame: &frame,
                        items: &items,
                    },
                )
                .unwrap();
                assert_eq!(shapes(&chart.svg), shapes(&in_one_go(&items)));
                assert_eq!(chart.svg.matches("<rect ").count(), n);
            }
        }
    }

    // The whole chart: the accessible tag, plotters' two documents nested unchanged, the table.
    #[test]
    fn draws_two_bars_on_their_frame() {
        let items = items(&[Some(0.8), None]);
        let frame = Frame::of(&items).unwrap();
        let chart = draw(
            "b",
            "Taux & axes",
            &Bars {
                frame: &frame,
                items: &items,
            },
        )
        .unwrap();
        insta::assert_snapshot!(chart.svg);
        assert_eq!(chart.table.rows[0], vec!["A0 Axe 0", "80,0 %", "0"]);
        assert_eq!(chart.table.rows[1], vec!["A1 Axe 1", "—", "1"]);
    }
}
