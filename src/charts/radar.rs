//! The "rosace": one spoke per axis, rate 0–100 % or mean level 0 to the scale's maximum,
//! one polygon per series (at date, projections). Written with the SVG writer: plotters has no polar coordinates, and drawn
//! with it as polygons on a cartesian chart it costs ten times as much and loses the tooltips
//! and dashed projections (see `docs/decisions.md`).

use super::svg::{esc, num, points, push_num, wrap};
use super::{Kind, level, pct};
use std::collections::HashMap;
use std::convert::Infallible;
use std::f64::consts::PI;
use std::fmt::Write;
use std::sync::{Arc, Mutex};

/// One polygon of the radar.
#[derive(Debug, Clone)]
pub struct Series {
    /// Legend name, e.g. "À date" or "Fin 2025".
    pub name: String,
    /// One value per spoke, in the radar's [`Measure`]; `None` is drawn at the centre.
    pub values: Vec<Option<f64>>,
}

const W: f64 = super::WIDTH;
const R: f64 = 108.0;
const CX: f64 = W / 2.0;
/// Lines of a spoke's label, and characters per line: what fits beside the circle.
const LABEL_LINES: usize = 3;
const LABEL_CHARS: usize = 14;
const LINE_H: f64 = super::FONT * 1.1;
/// Room above and below the circle for three lines of labels.
const CY: f64 = 8.0 + LINE_H * LABEL_LINES as f64 + 16.0 + R;
const H: f64 = 2.0 * CY;

fn at(i: usize, n: usize, r: f64) -> (f64, f64) {
    let a = -PI / 2.0 + 2.0 * PI * i as f64 / n as f64;
    (CX + r * a.cos(), CY + r * a.sin())
}

/// What the radars of one list of axes share, written once: for each number of spokes its
/// grid and label positions, and for each axis its label. A radar shows some of the axes
/// (those with a rate), so every spoke count up to the number of axes is ready.
#[derive(Debug)]
pub struct Frame {
    /// Short and full name of each axis.
    spokes: Vec<(String, String)>,
    /// Grid for `n` spokes, at `n - 1`.
    grids: Vec<String>,
    /// Position of label `i` among `n`, at `[n - 1][i]`.
    places: Vec<Vec<Place>>,
    /// Each axis's label: its name cut into short lines, with its tooltip.
    labels: Vec<Label>,
    /// The labels' group (`<g class="labels">…</g>`) of each choice of axes drawn so far: the
    /// same on every radar of those axes (every sheet of a questionnaire), written once.
    drawn_labels: Mutex<HashMap<Vec<usize>, Arc<str>>>,
}

/// Where a spoke's label goes: its anchor point, its alignment, and whether it grows upwards
/// (top), downwards (bottom) or around its point (sides).
#[derive(Debug, Clone, Copy)]
struct Place {
    x: f64,
    y: f64,
    anchor: &'static str,
    /// Offset of the first line, in lines, for a label of one line; each further line moves
    /// it by `grow` lines.
    first: f64,
    grow: f64,
}

/// An axis's label: the `<title>` (code and full name) and the lines of its name.
#[derive(Debug)]
struct Label {
    title: String,
    lines: Vec<String>,
}

impl Frame {
    /// The frame of radars over `spokes` (code, full name) or any of them: spokes are labelled
    /// with the name, cut into short lines, and carry the code and full name as a tooltip.
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
                .map(|(code, full)| Label {
                    title: format!("<title>{} {}</title>", esc(code), esc(full)),
                    lines: wrap(full, LABEL_CHARS, LABEL_LINES),
                })
                .collect(),
            drawn_labels: Mutex::new(HashMap::new()),
        }
    }

    /// The labels' group of a radar over `axes` (positions among the frame's spokes).
    fn labels_of(&self, axes: &[usize]) -> Arc<str> {
        let mut drawn = self.drawn_labels.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(g) = drawn.get(axes) {
            return Arc::clone(g);
        }
        let n = axes.len().max(1);
        let mut s = String::from("<g class=\"labels\">");
        if let Some(places) = self.places.get(n - 1) {
            for (place, &a) in places.iter().zip(axes) {
                if let Some(label) = self.labels.get(a) {
                    write_label(&mut s, *place, label);
                }
            }
        }
        s.push_str("</g>");
        let g: Arc<str> = s.into();
        drawn.insert(axes.to_vec(), Arc::clone(&g));
        g
    }
}

/// What the values of a radar are, which sets its rings, its legend and its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Rates in 0–1; rings at 25, 50, 75 and 100 %.
    Rate,
    /// Mean levels from 0 to the scale's maximum level (given); one ring per level.
    Level(u8),
}

impl Measure {
    /// The value drawn on the rim.
    fn full(self) -> f64 {
        match self {
            Measure::Rate => 1.0,
            Measure::Level(max) => f64::from(max.max(1)),
        }
    }

    /// A value as a table cell: `75,3 %` or `1,91 / 3`.
    fn cell(self, v: Option<f64>) -> String {
        match self {
            Measure::Rate => pct(v),
            Measure::Level(max) => level(v, max),
        }
    }

    /// The legend entry of the rings.
    fn rings_label(self) -> String {
        match self {
            Measure::Rate => "cercles : 25, 50, 75 et 100 % (bord)".to_string(),
            Measure::Level(max) => {
                let max = max.max(1);
                let levels: Vec<String> = (1..=max).map(|l| l.to_string()).collect();
                match levels.split_last() {
                    Some((last, rest)) if !rest.is_empty() => {
                        format!("cercles : niveaux {} et {last} (bord)", rest.join(", "))
                    }
                    _ => format!("cercle : niveau {max} (bord)"),
                }
            }
        }
    }
}

/// Rings and spokes of a radar with `n` spokes (rings at 25, 50, 75 and 100 %).
fn grid(n: usize) -> String {
    grid_with(n, &[0.25, 0.5, 0.75, 1.0])
}

/// Rings and spokes of a radar with `n` spokes, with rings at the fractions `rings` of the
/// radius.
fn grid_with(n: usize, rings: &[f64]) -> String {
    let mut grid = String::from("<g class=\"grid\">");
    for &ring in rings {
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
    grid.push_str("</g>");
    grid
}

/// Where the label of spoke `i` among `n` goes, anchored away from the centre.
fn place(i: usize, n: usize) -> Place {
    let (x, y) = at(i, n, R + 12.0);
    let a = 2.0 * PI * i as f64 / n as f64;
    let anchor = if a.sin().abs() < 0.2 {
        "middle"
    } else if a.sin() > 0.0 {
        "start"
    } else {
        "end"
    };
    let (first, grow) = if a.cos() > 0.5 {
        (-0.2, -1.0)
    } else if a.cos() < -0.5 {
        (0.8, 0.0)
    } else {
        (0.35, -0.5)
    };
    Place {
        x,
        y,
        anchor,
        first,
        grow,
    }
}

/// Writes the label `label` at `p`, one `<tspan>` per line.
fn write_label(s: &mut String, p: Place, label: &Label) {
    let lines = label.lines.len().max(1) as f64;
    let dy = (p.first + p.grow * (lines - 1.0)) * 1.1;
    let _ = write!(
        s,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"{}\">{}",
        num(p.x, 1),
        num(p.y, 1),
        p.anchor,
        label.title
    );
    for (k, line) in label.lines.iter().enumerate() {
        let _ = write!(
            s,
            "<tspan x=\"{}\" dy=\"{}em\">{}</tspan>",
            num(p.x, 1),
            num(if k == 0 { dy } else { 1.1 }, 2),
            esc(line)
        );
    }
    s.push_str("</text>");
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
    /// What the values are: rates (0–1) or mean levels.
    pub measure: Measure,
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
        let full = self.measure.full();
        match self.measure {
            Measure::Rate => s.push_str(&frame.grids[(n - 1).min(frame.grids.len() - 1)]),
            Measure::Level(_) => {
                let rings: Vec<f64> = (1..=full as u32).map(|l| f64::from(l) / full).collect();
                s.push_str(&grid_with(n, &rings));
            }
        }
        for (k, ser) in self.series.iter().enumerate() {
            let pts: Vec<(f64, f64)> = (0..n)
                .map(|i| {
                    let v = ser.values.get(i).copied().flatten().unwrap_or(0.0) / full;
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
                let _ = write!(s, "<circle class=\"dot s{k}\" cx=\"");
                push_num(s, *x, 1);
                s.push_str("\" cy=\"");
                push_num(s, *y, 1);
                s.push_str("\" r=\"3\"/>");
            }
        }
        s.push_str(&frame.labels_of(self.axes));
        Ok(())
    }

    fn legend(&self, out: &mut String) {
        out.push_str("<ul class=\"chart-legend\">");
        for (k, ser) in self.series.iter().enumerate() {
            super::legend_key(out, &format!("key--line s{k}"), None, &ser.name);
        }
        super::legend_key(out, "key--rings", None, &self.measure.rings_label());
        out.push_str("</ul>");
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
                        .map(|s| self.measure.cell(s.values.get(i).copied().flatten())),
                );
                row
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::draw;

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
                measure: Measure::Rate,
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
                measure: Measure::Rate,
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

    // A radar of levels on a scale of 0 to 3: one ring per level, values placed on that scale,
    // its table and legend in levels.
    #[test]
    fn draws_levels_with_one_ring_per_level() {
        let frame = Frame::new(&spokes(&["A1", "A2", "A3"]));
        let series = [Series {
            name: "À date".into(),
            values: vec![Some(3.0), Some(1.5), None],
        }];
        let Ok(c) = draw(
            "n",
            "Niveaux",
            &Radar {
                frame: &frame,
                axes: &[0, 1, 2],
                series: &series,
                measure: Measure::Level(3),
            },
        );
        let grid = &c.svg[c.svg.find("<g class=\"grid\">").unwrap()..];
        let grid = &grid[..grid.find("</g>").unwrap()];
        assert_eq!(grid.matches("<polygon").count(), 3);
        // Level 3 on the rim of the first spoke, 1.5 half-way on the second.
        let dot = |(x, y): (f64, f64)| format!("cx=\"{}\" cy=\"{}\"", num(x, 1), num(y, 1));
        assert!(c.svg.contains(&dot(at(0, 3, R))));
        assert!(c.svg.contains(&dot(at(1, 3, R / 2.0))));
        assert_eq!(c.table.rows[0], vec!["A1 Axe A1", "3,00 / 3"]);
        assert_eq!(c.table.rows[1], vec!["A2 Axe A2", "1,50 / 3"]);
        assert_eq!(c.table.rows[2][1], "—");
        assert!(c.legend.contains("cercles : niveaux 1, 2 et 3 (bord)"));
    }
}
