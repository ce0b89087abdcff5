//! The "rosace": one spoke per axis, rate 0–100 %, one polygon per series (at date,
//! projections). Written with the SVG writer: plotters has no polar coordinates, and drawn
//! with it as polygons on a cartesian chart it costs ten times as much and loses the tooltips
//! and dashed projections (see `docs/decisions.md`).

use super::svg::{esc, num, points};
use super::{Kind, pct};
use std::convert::Infallible;
use std::f64::consts::PI;
use std::fmt::Write;

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

/// What the radars of one list of axes share, written once: for each number of spokes its
/// grid, ticks and label positions, and for each axis its label. A radar shows some of the
/// axes (those with a rate), so every spoke count up to the number of axes is ready.
#[derive(Debug)]
pub struct Frame {
    /// Short and full name of each axis.
    spokes: Vec<(String, String)>,
    /// Grid and ticks for `n` spokes, at `n - 1`.
    grids: Vec<String>,
    /// Opening `<text …>` tag of label `i` among `n`, at `[n - 1][i]`.
    places: Vec<Vec<String>>,
    /// Each axis's label: tooltip and short name, up to the closing `</text>`.
    labels: Vec<String>,
}

impl Frame {
    /// The frame of radars over `spokes` (short label, full label) or any of them.
    pub fn new(spokes: &[(String, String)]) -> Frame {
        let most = spokes.len().max(1);
        Frame {
            spokes: spokes.to_vec(),
            grids: (1..=most).map(grid).collect(),
            places: (1..=most)
                .map(|n| (0..n).map(|i| place(i, n)).collect())
                .collect(),
            labels: spokes
                .iter()
                .map(|(short, full)| format!("<title>{}</title>{}</text>", esc(full), esc(short)))
                .collect(),
        }
    }
}

/// Rings, spokes and ticks of a radar with `n` spokes.
fn grid(n: usize) -> String {
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
    grid
}

/// The opening tag of the label of spoke `i` among `n`, anchored away from the centre.
fn place(i: usize, n: usize) -> String {
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
    format!(
        "<text x=\"{}\" y=\"{}\" dy=\"{dy}\" text-anchor=\"{anchor}\">",
        num(x, 1),
        num(y, 1)
    )
}

/// A radar over some axes of a [`Frame`].
#[derive(Debug, Clone, Copy)]
pub struct Radar<'a> {
    /// The frame of the axes.
    pub frame: &'a Frame,
    /// The axes shown, as positions in the frame's list, in order.
    pub axes: &'a [usize],
    /// One polygon per series, with one value per axis shown.
    pub series: &'a [Series],
}

impl Kind for Radar<'_> {
    const CLASS: &'static str = "radar";
    type Error = Infallible;

    fn size(&self) -> (u32, u32) {
        (W as u32, H as u32)
    }

    fn draw(&self, s: &mut String) -> Result<(), Infallible> {
        let n = self.axes.len().max(1);
        let frame = self.frame;
        s.push_str(&frame.grids[(n - 1).min(frame.grids.len() - 1)]);
        for (k, ser) in self.series.iter().enumerate() {
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
        s.push_str("<g class=\"labels\">");
        if let Some(places) = frame.places.get(n - 1) {
            for (place, &a) in places.iter().zip(self.axes) {
                if let Some(label) = frame.labels.get(a) {
                    s.push_str(place);
                    s.push_str(label);
                }
            }
        }
        s.push_str("</g><g class=\"legend\">");
        for (k, ser) in self.series.iter().enumerate() {
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
        s.push_str("</g>");
        Ok(())
    }

    fn headers(&self) -> Vec<String> {
        let mut headers = vec!["Axe".to_string()];
        headers.extend(self.series.iter().map(|s| s.name.clone()));
        headers
    }

    fn rows(&self) -> Vec<Vec<String>> {
        self.axes
            .iter()
            .filter_map(|&a| self.frame.spokes.get(a))
            .enumerate()
            .map(|(i, (short, full))| {
                let mut row = vec![format!("{short} {full}")];
                row.extend(
                    self.series
                        .iter()
                        .map(|s| pct(s.values.get(i).copied().flatten())),
                );
                row
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::draw;
    use super::*;

    fn spokes(names: &[&str]) -> Vec<(String, String)> {
        names
            .iter()
            .map(|a| (a.to_string(), format!("Axe {a}")))
            .collect()
    }

    fn svg(frame: &Frame, axes: &[usize], series: &[Series]) -> String {
        let Ok(chart) = draw(
            "r",
            "Rosace",
            &Radar {
                frame,
                axes,
                series,
            },
        );
        chart.svg
    }

    // The whole chart, exactly: grid, ticks, one polygon and its dots, labels, legend.
    #[test]
    fn draws_one_spoke_per_axis_and_a_table() {
        let frame = Frame::new(&spokes(&["A1", "A2", "A3"]));
        let series = [Series {
            name: "À date".into(),
            values: vec![Some(1.0), Some(0.5), None],
        }];
        let Ok(c) = draw(
            "r",
            "Rosace",
            &Radar {
                frame: &frame,
                axes: &[0, 1, 2],
                series: &series,
            },
        );
        insta::assert_snapshot!(c.svg);
        assert_eq!(c.table.rows[1], vec!["A2 Axe A2", "50,0 %"]);
        assert_eq!(c.table.rows[2][1], "—");
    }

    // A questionnaire's frame draws a radar over some of its axes as a frame of those alone.
    #[test]
    fn a_frame_draws_any_choice_of_its_axes() {
        let all = ["A1", "A2", "A3", "A4", "A5"];
        let frame = Frame::new(&spokes(&all));
        let series = [Series {
            name: "Fin 2025".into(),
            values: vec![Some(0.2), Some(0.9), Some(0.5), Some(0.4)],
        }];
        for axes in [&[0, 1, 2, 3, 4][..], &[0, 2, 4], &[1, 2, 3, 4], &[3], &[]] {
            let names: Vec<&str> = axes.iter().map(|&i| all[i]).collect();
            let alone = Frame::new(&spokes(&names));
            let every: Vec<usize> = (0..names.len()).collect();
            assert_eq!(svg(&frame, axes, &series), svg(&alone, &every, &series));
        }
        assert_eq!(
            svg(&frame, &[0, 2, 4], &series).matches("<line ").count(),
            3
        );
    }
}
