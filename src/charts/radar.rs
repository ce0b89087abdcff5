//! The "rosace": one spoke per axis, rate 0–100 %, one polygon per series (at date,
//! projections). Written by hand: plotters has no polar coordinates.

use super::svg::{esc, num, open, points};
use super::{Chart, DataTable, pct};
use std::cell::RefCell;
use std::f64::consts::PI;
use std::fmt::Write;
use std::rc::Rc;

/// One polygon of the radar.
#[derive(Debug, Clone)]
pub struct Series {
    /// Legend name, e.g. "À date" or "Fin 2025".
    pub name: String,
    /// One rate in 0–1 per spoke; `None` is drawn at the centre.
    pub values: Vec<Option<f64>>,
}

const W: f64 = 560.0;
const H: f64 = 440.0;
const R: f64 = 150.0;
const CX: f64 = W / 2.0;
const CY: f64 = 205.0;

fn at(i: usize, n: usize, r: f64) -> (f64, f64) {
    let a = -PI / 2.0 + 2.0 * PI * i as f64 / n as f64;
    (CX + r * a.cos(), CY + r * a.sin())
}

/// The parts of a radar that depend only on its spokes: grid, ticks and axis labels.
struct Frame {
    grid: String,
    labels: String,
}

impl Frame {
    fn new(spokes: &[(String, String)]) -> Frame {
        let n = spokes.len().max(1);
        let mut grid = String::from("<g class=\"grid\">");
        for ring in [0.25, 0.5, 0.75, 1.0] {
            let pts: Vec<(f64, f64)> = (0..n).map(|i| at(i, n, R * ring)).collect();
            let _ = write!(grid, "<polygon points=\"{}\"/>", points(&pts));
        }
        for i in 0..n {
            let (x, y) = at(i, n, R);
            let _ = write!(
                grid,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
                num(CX, 1),
                num(CY, 1),
                num(x, 1),
                num(y, 1)
            );
        }
        grid.push_str("</g><g class=\"ticks\">");
        for ring in [0.5, 1.0] {
            let _ = write!(
                grid,
                "<text x=\"{}\" y=\"{}\">{} %</text>",
                num(CX + 3.0, 1),
                num(CY - R * ring - 2.0, 1),
                num(ring * 100.0, 0)
            );
        }
        grid.push_str("</g>");
        let mut labels = String::from("<g class=\"labels\">");
        for (i, (short, full)) in spokes.iter().enumerate() {
            let (x, y) = at(i, n, R + 16.0);
            let a = 2.0 * PI * i as f64 / n as f64;
            let anchor = if a.sin().abs() < 0.2 {
                "middle"
            } else if a.sin() > 0.0 {
                "start"
            } else {
                "end"
            };
            let dy = if a.cos() > 0.5 {
                "-0.2em"
            } else if a.cos() < -0.5 {
                "0.9em"
            } else {
                "0.35em"
            };
            let _ = write!(
                labels,
                "<text x=\"{}\" y=\"{}\" dy=\"{dy}\" text-anchor=\"{anchor}\"><title>{}</title>{}</text>",
                num(x, 1),
                num(y, 1),
                esc(full),
                esc(short)
            );
        }
        labels.push_str("</g>");
        Frame { grid, labels }
    }
}

thread_local! {
    /// Spokes (short label, full label) → their frame.
    static FRAMES: super::Frames<Vec<(String, String)>, Frame> = RefCell::default();
}

fn frame(spokes: &[(String, String)]) -> Rc<Frame> {
    super::cached(&FRAMES, spokes, |s| {
        Ok::<_, std::convert::Infallible>(Frame::new(s))
    })
    .unwrap_or_else(|never| match never {})
}

/// Draws a radar with `spokes` (short label, full label) and its series; `id` must be unique
/// in the page.
pub fn radar(id: &str, title: &str, spokes: &[(String, String)], series: &[Series]) -> Chart {
    let n = spokes.len().max(1);
    let frame = frame(spokes);
    let mut s = String::with_capacity(frame.grid.len() + frame.labels.len() + 2048);
    open(&mut s, id, W as u32, H as u32, title, "radar");
    s.push_str(&frame.grid);
    for (k, ser) in series.iter().enumerate() {
        let pts: Vec<(f64, f64)> = (0..n)
            .map(|i| {
                let v = ser.values.get(i).copied().flatten().unwrap_or(0.0);
                at(i, n, R * v.clamp(0.0, 1.0))
            })
            .collect();
        let _ = write!(
            s,
            "<polygon class=\"series s{k}\" points=\"{}\"><title>{}</title></polygon>",
            points(&pts),
            esc(&ser.name)
        );
        for (x, y) in &pts {
            let _ = write!(
                s,
                "<circle class=\"dot s{k}\" cx=\"{}\" cy=\"{}\" r=\"3\"/>",
                num(*x, 1),
                num(*y, 1)
            );
        }
    }
    s.push_str(&frame.labels);
    s.push_str("<g class=\"legend\">");
    for (k, ser) in series.iter().enumerate() {
        let x = 20.0 + 170.0 * k as f64;
        let _ = write!(
            s,
            "<rect class=\"series s{k}\" x=\"{}\" y=\"412\" width=\"14\" height=\"14\"/>\
             <text x=\"{}\" y=\"424\">{}</text>",
            num(x, 1),
            num(x + 20.0, 1),
            esc(&ser.name)
        );
    }
    s.push_str("</g></svg>");

    let mut headers = vec!["Axe".to_string()];
    headers.extend(series.iter().map(|s| s.name.clone()));
    let rows = spokes
        .iter()
        .enumerate()
        .map(|(i, (short, full))| {
            let mut row = vec![format!("{short} {full}")];
            row.extend(
                series
                    .iter()
                    .map(|s| pct(s.values.get(i).copied().flatten())),
            );
            row
        })
        .collect();
    Chart {
        svg: s,
        table: DataTable {
            caption: title.to_string(),
            headers,
            rows,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_one_spoke_per_axis_and_a_table() {
        let spokes: Vec<(String, String)> = ["A1", "A2", "A3"]
            .iter()
            .map(|a| (a.to_string(), format!("Axe {a}")))
            .collect();
        let c = radar(
            "r",
            "Rosace",
            &spokes,
            &[Series {
                name: "À date".into(),
                values: vec![Some(1.0), Some(0.5), None],
            }],
        );
        assert_eq!(c.svg.matches("<line ").count(), 3);
        assert!(c.svg.contains("aria-labelledby=\"r-t\""));
        assert_eq!(c.table.rows[1], vec!["A2 Axe A2", "50,0 %"]);
        assert_eq!(c.table.rows[2][1], "—");
    }

    #[test]
    fn a_cached_frame_draws_the_same_radar() {
        let spokes = |names: &[&str]| -> Vec<(String, String)> {
            names
                .iter()
                .map(|a| (a.to_string(), format!("Axe {a}")))
                .collect()
        };
        let series = [Series {
            name: "À date".into(),
            values: vec![Some(0.2), Some(0.9), Some(0.5), Some(0.4)],
        }];
        let first = radar("r", "R", &spokes(&["A1", "A2", "A3", "A4"]), &series);
        let other = radar("r", "R", &spokes(&["B1", "B2", "B3"]), &series);
        let again = radar("r", "R", &spokes(&["A1", "A2", "A3", "A4"]), &series);
        assert_eq!(first.svg, again.svg);
        assert!(other.svg.contains(">B3</text>") && !other.svg.contains(">A1</text>"));
        assert_eq!(first.svg.matches("<line ").count(), 4);
    }
}
