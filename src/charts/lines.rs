//! Lines of projected rates per quarter (one line per questionnaire), drawn by plotters in one
//! go: the few such charts of a build share no frame. The legend is HTML, under the drawing.

use super::bars::{err, percent_axes};
use super::{Error, Kind, pct};
use plotters::prelude::*;

/// One line.
#[derive(Debug, Clone)]
pub struct Line {
    /// Legend name.
    pub name: String,
    /// One rate in 0–1 per quarter.
    pub values: Vec<Option<f64>>,
}

/// Series colours, in order.
const COLORS: [RGBColor; 4] = [
    RGBColor(0, 0, 145),
    RGBColor(200, 60, 0),
    RGBColor(24, 117, 60),
    RGBColor(120, 40, 140),
];

const SIZE: (u32, u32) = (super::WIDTH as u32, 340);

/// Rates per quarter, one line per series.
#[derive(Debug, Clone, Copy)]
pub struct Lines<'a> {
    /// Labels of the quarters, such as `2021-T1`.
    pub quarters: &'a [String],
    /// One line per series, with one value per quarter.
    pub series: &'a [Line],
    /// Heading of the first column of the data table: what a point is ("Trimestre",
    /// "Campagne ou date").
    pub moment: &'a str,
}

impl Kind for Lines<'_> {
    const CLASS: &'static str = "lines";
    type Error = Error;

    fn size(&self) -> (u32, u32) {
        SIZE
    }

    fn draw(&self, out: &mut String) -> Result<(), Error> {
        let quarters = self.quarters;
        let n = quarters.len().max(2);
        let root = SVGBackend::with_string(out, SIZE).into_drawing_area();
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .margin_right(48)
            .x_label_area_size(40)
            .y_label_area_size(70)
            .build_cartesian_2d(0..n - 1, 0f64..100f64)
            .map_err(err)?;
        let mut mesh = chart.configure_mesh();
        percent_axes(&mut mesh);
        // Four dates at most, so that they keep the charts' font size on a narrow screen.
        mesh.x_labels(n.min(4))
            .x_label_formatter(&|i| quarters.get(*i).cloned().unwrap_or_default())
            .draw()
            .map_err(err)?;
        for (k, line) in self.series.iter().enumerate() {
            let color = COLORS[k % COLORS.len()];
            let pts: Vec<(usize, f64)> = line
                .values
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.map(|v| (i, v * 100.0)))
                .collect();
            chart
                .draw_series(std::iter::once(PathElement::new(
                    pts,
                    color.stroke_width(3),
                )))
                .map_err(err)?;
        }
        root.present().map_err(err)
    }

    fn legend(&self, out: &mut String) {
        out.push_str("<ul class=\"chart-legend\">");
        for (k, line) in self.series.iter().enumerate() {
            let RGBColor(r, g, b) = COLORS[k % COLORS.len()];
            let style = format!("border-color:#{r:02x}{g:02x}{b:02x}");
            super::legend_key(out, "key--line", Some(&style), &line.name);
        }
        out.push_str("</ul>");
    }

    fn headers(&self) -> Vec<String> {
        let mut headers = vec![self.moment.to_string()];
        headers.extend(self.series.iter().map(|l| l.name.clone()));
        headers
    }

    fn rows(&self) -> Vec<Vec<String>> {
        self.quarters
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let mut row = vec![q.clone()];
                row.extend(
                    self.series
                        .iter()
                        .map(|l| pct(l.values.get(i).copied().flatten())),
                );
                row
            })
            .collect()
    }
}
