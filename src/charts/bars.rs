//! Vertical bars of rates per category (axes, functional domains, regions), drawn by plotters;
//! categories are short codes, their full names are in the data table.
//!
//! The axes, grid and labels depend only on the codes: plotters draws them once per list of
//! codes into a [`Frame`], a complete SVG document of its own. Each chart then has plotters
//! draw its bars on the same layout into a second document; both are nested unchanged in the
//! chart's `<svg>`, the bars over the frame, as plotters layers them when drawing in one go.

use super::{Error, Kind, pct};
use plotters::chart::MeshStyle;
use plotters::coord::Shift;
use plotters::coord::ranged1d::Ranged;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

/// One bar.
#[derive(Debug, Clone)]
pub struct Bar {
    /// Short label under the bar, e.g. `A04.1` or `6`.
    pub code: String,
    /// Full name, for the table.
    pub name: String,
    /// Rate in 0–1.
    pub rate: Option<f64>,
    /// How many respondents the rate is computed on.
    pub count: usize,
}

const SIZE: (u32, u32) = (640, 300);
/// The bars' fill.
const FILL: RGBColor = RGBColor(0, 0, 145);

/// The plotting area of `n` bars on `root`: margins, label areas and ranges, nothing drawn.
fn layout<'a, 'b>(
    root: &'a DrawingArea<SVGBackend<'b>, Shift>,
    n: usize,
) -> Result<Plot<'a, 'b>, Error> {
    let n = n.max(1);
    ChartBuilder::on(root)
        .margin(12)
        .x_label_area_size(28)
        .y_label_area_size(48)
        .build_cartesian_2d(-0.5f64..n as f64 - 0.5, 0f64..100f64)
        .map_err(err)
}

/// The rate axis shared by bar and line charts: six labels from `0 %` to `100 %`, a light
/// grid, grey axes and 16-pixel labels.
pub(super) fn percent_axes<X: Ranged, DB: DrawingBackend>(
    mesh: &mut MeshStyle<'_, '_, X, RangedCoordf64, DB>,
) {
    mesh.y_labels(6)
        .light_line_style(RGBColor(238, 238, 238))
        .bold_line_style(RGBColor(221, 221, 221))
        .axis_style(RGBColor(102, 102, 102))
        .label_style(("sans-serif", 16).into_font().color(&RGBColor(58, 58, 58)))
        .y_label_formatter(&|v| format!("{v:.0} %"));
}

type Plot<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Draws the axes, the grid and one label per code.
fn draw_frame(chart: &mut Plot, codes: &[String]) -> Result<(), Error> {
    let mut mesh = chart.configure_mesh();
    percent_axes(&mut mesh);
    mesh.disable_x_mesh()
        .x_labels(codes.len().max(1))
        .x_label_formatter(&|x| {
            let i = x.round();
            if (x - i).abs() < 0.01 && i >= 0.0 {
                codes.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .draw()
        .map_err(err)
}

/// Draws one bar per item, from 0 to its rate.
fn draw_bars(chart: &mut Plot, items: &[Bar]) -> Result<(), Error> {
    chart
        .draw_series(items.iter().enumerate().map(|(i, b)| {
            let v = b.rate.unwrap_or(0.0).clamp(0.0, 1.0) * 100.0;
            let x = i as f64;
            Rectangle::new([(x - 0.35, 0.0), (x + 0.35, v)], FILL.filled())
        }))
        .map(|_| ())
        .map_err(err)
}

/// Axes, grid and category labels for one list of codes, as plotters draws them.
#[derive(Debug)]
pub struct Frame {
    /// The codes, one per bar.
    codes: Vec<String>,
    /// plotters' SVG document.
    svg: String,
}

impl Frame {
    /// The frame of bars labelled `codes`.
    pub fn new(codes: Vec<String>) -> Result<Frame, Error> {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
            let mut chart = layout(&root, codes.len())?;
            draw_frame(&mut chart, &codes)?;
            root.present().map_err(err)?;
        }
        Ok(Frame { codes, svg })
    }

    /// The frame of `items`, labelled with their codes.
    pub fn of(items: &[Bar]) -> Result<Frame, Error> {
        Frame::new(items.iter().map(|b| b.code.clone()).collect())
    }

    /// The codes the frame is labelled with.
    pub fn codes(&self) -> &[String] {
        &self.codes
    }
}

/// Bars of rates (0–100 %) on a frame with one code per bar.
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
        SIZE
    }

    fn draw(&self, out: &mut String) -> Result<(), Error> {
        out.push_str(&self.frame.svg);
        let root = SVGBackend::with_string(out, SIZE).into_drawing_area();
        let mut chart = layout(&root, self.frame.codes.len())?;
        draw_bars(&mut chart, self.items)?;
        root.present().map_err(err)
    }

    fn headers(&self) -> Vec<String> {
        vec!["Catégorie".into(), "Taux".into(), "Effectif".into()]
    }

    fn rows(&self) -> Vec<Vec<String>> {
        self.items
            .iter()
            .map(|b| {
                vec![
                    format!("{} {}", b.code, b.name),
                    pct(b.rate),
                    b.count.to_string(),
                ]
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
    let codes: Vec<String> = items.iter().map(|b| b.code.clone()).collect();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        let mut chart = layout(&root, items.len()).unwrap();
        draw_frame(&mut chart, &codes).unwrap();
        draw_bars(&mut chart, items).unwrap();
        root.present().unwrap();
    }
    svg
}

#[cfg(test)]
mod tests {
    use super::super::draw;
    use super::*;

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
