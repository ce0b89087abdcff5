//! Vertical bars of rates per category (axes, functional domains, regions), drawn with
//! plotters; categories are short codes, their full names are in the data table.

use super::svg::esc;
use super::{Chart, DataTable, pct};
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

const W: u32 = 640;
const H: u32 = 300;

/// Draws bars of rates (0–100 %) with plotters; `id` must be unique in the page.
pub fn bars(id: &str, title: &str, items: &[Bar]) -> anyhow::Result<Chart> {
    let mut buf = String::new();
    let n = items.len().max(1);
    {
        let root = SVGBackend::with_string(&mut buf, (W, H)).into_drawing_area();
        let labels: Vec<String> = items.iter().map(|b| b.code.clone()).collect();
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(28)
            .y_label_area_size(48)
            .build_cartesian_2d(-0.5f64..n as f64 - 0.5, 0f64..100f64)
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .y_labels(6)
            .light_line_style(RGBColor(238, 238, 238))
            .bold_line_style(RGBColor(221, 221, 221))
            .axis_style(RGBColor(102, 102, 102))
            .label_style(("sans-serif", 16).into_font().color(&RGBColor(58, 58, 58)))
            .y_label_formatter(&|v| format!("{v:.0} %"))
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
        chart
            .draw_series(items.iter().enumerate().map(|(i, b)| {
                let v = b.rate.unwrap_or(0.0).clamp(0.0, 1.0) * 100.0;
                let x = i as f64;
                Rectangle::new(
                    [(x - 0.35, 0.0), (x + 0.35, v)],
                    RGBColor(0, 0, 145).filled(),
                )
            }))
            .map_err(err)?;
        root.present().map_err(err)?;
    }
    let svg = retitle(&buf, id, title, "bars");
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
