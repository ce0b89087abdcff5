//! Lines of projected rates per quarter (one line per questionnaire), drawn with plotters.

use super::bars::{err, percent_axes, retitle};
use super::{Chart, DataTable, pct};
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

/// Draws rates per quarter (`quarters` are labels such as `2021-T1`); `id` must be unique.
pub fn lines(id: &str, title: &str, quarters: &[String], series: &[Line]) -> anyhow::Result<Chart> {
    let mut buf = String::new();
    let n = quarters.len().max(2);
    {
        let root = SVGBackend::with_string(&mut buf, (640, 300)).into_drawing_area();
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .margin_right(28)
            .x_label_area_size(28)
            .y_label_area_size(48)
            .build_cartesian_2d(0..n - 1, 0f64..100f64)
            .map_err(err)?;
        let mut mesh = chart.configure_mesh();
        percent_axes(&mut mesh);
        mesh.x_labels(n.min(7))
            .x_label_formatter(&|i| quarters.get(*i).cloned().unwrap_or_default())
            .draw()
            .map_err(err)?;
        for (k, line) in series.iter().enumerate() {
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
                .map_err(err)?
                .label(line.name.clone())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(3))
                });
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .background_style(WHITE.mix(0.9))
            .border_style(RGBColor(206, 206, 206))
            .label_font(("sans-serif", 16))
            .draw()
            .map_err(err)?;
        root.present().map_err(err)?;
    }
    let mut headers = vec!["Trimestre".to_string()];
    headers.extend(series.iter().map(|l| l.name.clone()));
    let rows = quarters
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let mut row = vec![q.clone()];
            row.extend(
                series
                    .iter()
                    .map(|l| pct(l.values.get(i).copied().flatten())),
            );
            row
        })
        .collect();
    Ok(Chart {
        svg: retitle(&buf, id, title, "lines"),
        table: DataTable {
            caption: title.to_string(),
            headers,
            rows,
        },
    })
}
