//! Vertical bars of rates per category (axes, functional domains, regions), drawn with
//! plotters; categories are short codes, their full names are in the data table.

use super::svg::esc;
use super::{Chart, DataTable, pct};
use plotters::chart::MeshStyle;
use plotters::coord::Shift;
use plotters::coord::ranged1d::Ranged;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use std::cell::RefCell;
use std::fmt::Write as _;

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

const W: u32 = 640;
const H: u32 = 300;
/// The bars' fill, as plotters writes it.
const FILL: RGBColor = RGBColor(0, 0, 145);

/// The plotting area of a bar chart with its axes, grid and category labels drawn.
fn axes<'a, 'b>(
    root: &'a DrawingArea<SVGBackend<'b>, Shift>,
    labels: &[String],
) -> anyhow::Result<ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>> {
    let n = labels.len().max(1);
    let mut chart = ChartBuilder::on(root)
        .margin(12)
        .x_label_area_size(28)
        .y_label_area_size(48)
        .build_cartesian_2d(-0.5f64..n as f64 - 0.5, 0f64..100f64)
        .map_err(err)?;
    let mut mesh = chart.configure_mesh();
    percent_axes(&mut mesh);
    mesh.disable_x_mesh()
        .x_labels(n)
        .x_label_formatter(&|x| {
            let i = x.round();
            if (x - i).abs() < 0.01 && i >= 0.0 {
                labels.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .draw()
        .map_err(err)?;
    Ok(chart)
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

/// Axes, grid and labels for one list of codes, drawn once by plotters, and the mapping from
/// data to pixels that places the bars on it.
struct Frame {
    /// The SVG after plotters' opening tag, without the closing tag.
    body: String,
    coord: Cartesian2d<RangedCoordf64, RangedCoordf64>,
}

impl Frame {
    fn new(labels: &[String]) -> anyhow::Result<Frame> {
        let mut buf = String::new();
        let coord = {
            let root = SVGBackend::with_string(&mut buf, (W, H)).into_drawing_area();
            let chart = axes(&root, labels)?;
            let coord = chart.as_coord_spec().clone();
            root.present().map_err(err)?;
            coord
        };
        let body = buf.find('>').map_or(&buf[..], |i| &buf[i + 1..]);
        let body = body.trim_start();
        let body = body.strip_suffix("</svg>\n").unwrap_or(body);
        Ok(Frame {
            body: body.to_string(),
            coord,
        })
    }

    /// Writes one bar as plotters' `Rectangle` would: corners mapped to whole pixels.
    fn bar(&self, out: &mut String, x: f64, v: f64) {
        let a = self.coord.translate(&(x - 0.35, 0.0));
        let b = self.coord.translate(&(x + 0.35, v));
        let (a, b) = ((a.0.min(b.0), a.1.min(b.1)), (a.0.max(b.0), a.1.max(b.1)));
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" opacity=\"1\" fill=\"#{:02X}{:02X}{:02X}\" stroke=\"none\"/>",
            a.0,
            a.1,
            b.0 - a.0,
            b.1 - a.1,
            FILL.0,
            FILL.1,
            FILL.2
        );
    }
}

thread_local! {
    /// Axis codes → their frame.
    static FRAMES: super::Frames<Vec<String>, Frame> = RefCell::default();
}

/// Draws bars of rates (0–100 %) on a plotters frame; `id` must be unique in the page.
pub fn bars(id: &str, title: &str, items: &[Bar]) -> anyhow::Result<Chart> {
    let codes: Vec<String> = items.iter().map(|b| b.code.clone()).collect();
    let frame = super::cached(&FRAMES, &codes[..], Frame::new)?;
    let mut svg = String::with_capacity(frame.body.len() + 128 * items.len() + 256);
    super::svg::open(&mut svg, id, W, H, title, "bars");
    svg.push_str(&frame.body);
    for (i, b) in items.iter().enumerate() {
        frame.bar(
            &mut svg,
            i as f64,
            b.rate.unwrap_or(0.0).clamp(0.0, 1.0) * 100.0,
        );
    }
    svg.push_str("</svg>");
    let rows = items
        .iter()
        .map(|b| {
            vec![
                format!("{} {}", b.code, b.name),
                pct(b.rate),
                b.count.to_string(),
            ]
        })
        .collect();
    Ok(Chart {
        svg,
        table: DataTable {
            caption: title.to_string(),
            headers: vec!["Catégorie".into(), "Taux".into(), "Effectif".into()],
            rows,
        },
    })
}

pub(super) fn err(e: impl std::fmt::Display) -> anyhow::Error {
    anyhow::anyhow!("graphique : {e}")
}

/// Replaces plotters' `<svg …>` opening tag with an accessible, responsive one.
pub(super) fn retitle(svg: &str, id: &str, title: &str, class: &str) -> String {
    let body = svg.find('>').map_or(svg, |i| &svg[i + 1..]);
    let mut out = String::new();
    super::svg::open(&mut out, id, W, H, title, class);
    let _ = esc;
    out.push_str(body.trim_start());
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole chart drawn by plotters in one go, bars included: what the cached frame
    /// plus hand-placed bars must reproduce byte for byte.
    fn drawn_by_plotters(id: &str, title: &str, items: &[Bar]) -> String {
        let mut buf = String::new();
        {
            let root = SVGBackend::with_string(&mut buf, (W, H)).into_drawing_area();
            let labels: Vec<String> = items.iter().map(|b| b.code.clone()).collect();
            let mut chart = axes(&root, &labels).unwrap();
            chart
                .draw_series(items.iter().enumerate().map(|(i, b)| {
                    let v = b.rate.unwrap_or(0.0).clamp(0.0, 1.0) * 100.0;
                    let x = i as f64;
                    Rectangle::new([(x - 0.35, 0.0), (x + 0.35, v)], FILL.filled())
                }))
                .unwrap();
            root.present().unwrap();
        }
        retitle(&buf, id, title, "bars")
    }

    #[test]
    fn cached_frame_draws_what_plotters_draws() {
        let rates = [
            None,
            Some(0.0),
            Some(1.0),
            Some(0.333),
            Some(0.5),
            Some(0.999),
            Some(1.7),
        ];
        for n in 0..=4 {
            for (k, _) in rates.iter().enumerate() {
                let items: Vec<Bar> = (0..n)
                    .map(|i| Bar {
                        code: format!("A{}", i % 3),
                        name: "Axe".into(),
                        rate: rates[(k + i) % rates.len()],
                        count: i,
                    })
                    .collect();
                // Twice: the second call uses the cached frame.
                for _ in 0..2 {
                    let chart = bars("c", "Taux & <axes>", &items).unwrap();
                    assert_eq!(chart.svg, drawn_by_plotters("c", "Taux & <axes>", &items));
                }
            }
        }
    }

    #[test]
    fn draws_one_bar_per_item_deterministically() {
        let items = vec![
            Bar {
                code: "A1".into(),
                name: "Un".into(),
                rate: Some(0.8),
                count: 3,
            },
            Bar {
                code: "A2".into(),
                name: "Deux".into(),
                rate: None,
                count: 0,
            },
        ];
        let a = bars("b", "Taux par axe", &items).unwrap();
        let b = bars("b", "Taux par axe", &items).unwrap();
        assert_eq!(a.svg, b.svg);
        assert!(
            a.svg
                .starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart bars\"")
        );
        assert!(a.svg.contains("<title id=\"b-t\">Taux par axe</title>"));
        assert_eq!(a.table.rows[0], vec!["A1 Un", "80,0 %", "3"]);
    }
}
