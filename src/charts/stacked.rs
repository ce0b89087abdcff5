//! Horizontal 100 % stacked bars: how answers spread over the levels of the scale, one bar per
//! criterion under its code and name (the legend of the levels is HTML, under the drawing). Written with the SVG writer so each segment takes the level's own colour and
//! carries a tooltip, which plotters' rectangles cannot (see `docs/decisions.md`).

use super::Kind;
use super::svg::{esc, fr, num, wrap};
use std::convert::Infallible;
use std::fmt::Write;

/// A level of the scale, as drawn.
#[derive(Debug, Clone)]
pub struct Segment {
    /// Label, e.g. "vert (3)".
    pub label: String,
    /// Fill colour `#rrggbb`.
    pub color: String,
}

/// One bar: a criterion and its count of answers per segment.
#[derive(Debug, Clone)]
pub struct Row {
    /// Short label, e.g. `A04.1.1`.
    pub code: String,
    /// Full name, for the tooltip and the table.
    pub name: String,
    /// Count per segment, in segment order.
    pub counts: Vec<usize>,
}

const BAR_W: f64 = super::WIDTH - 16.0;
/// A row: one line with the criterion's code and name, then its bar.
const ROW_H: f64 = 62.0;
const BAR_H: f64 = 24.0;
/// Characters of a row's line: what fits in the width at the charts' font size.
const LINE_CHARS: usize = 44;

/// One 100 % bar per row, its segments in the order of `segments`.
#[derive(Debug, Clone, Copy)]
pub struct Stacked<'a> {
    /// The levels of the scale, as drawn.
    pub segments: &'a [Segment],
    /// One bar per criterion.
    pub rows: &'a [Row],
}

impl Stacked<'_> {
    fn height(&self) -> f64 {
        8.0 + ROW_H * self.rows.len() as f64
    }
}

impl Kind for Stacked<'_> {
    const CLASS: &'static str = "stacked";
    type Error = Infallible;

    fn size(&self) -> (u32, u32) {
        (super::WIDTH as u32, self.height() as u32)
    }

    fn draw(&self, s: &mut String) -> Result<(), Infallible> {
        let segments = self.segments;
        for (r, row) in self.rows.iter().enumerate() {
            let y = 8.0 + ROW_H * r as f64;
            let total: usize = row.counts.iter().sum();
            let line = format!("{} {}", row.code, row.name);
            let short = wrap(&line, LINE_CHARS, 1);
            let _ = write!(
                s,
                "<text x=\"8\" y=\"{}\"><title>{}</title>{}</text>",
                num(y + 20.0, 1),
                esc(&line),
                esc(short.first().map_or("", String::as_str))
            );
            let mut x = 8.0;
            for (k, count) in row.counts.iter().enumerate() {
                let Some(seg) = segments.get(k).or(segments.last()) else {
                    break;
                };
                if *count == 0 || total == 0 {
                    continue;
                }
                let w = BAR_W * *count as f64 / total as f64;
                let _ = write!(
                    s,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{BAR_H}\" fill=\"{}\"><title>{} : {} {}</title></rect>",
                    num(x, 1),
                    num(y + 28.0, 1),
                    num(w, 1),
                    esc(&seg.color),
                    esc(&row.code),
                    count,
                    esc(&seg.label)
                );
                x += w;
            }
        }
        Ok(())
    }

    fn legend(&self, out: &mut String) {
        out.push_str("<ul class=\"chart-legend\">");
        for seg in self.segments {
            let style = format!("background:{}", seg.color);
            super::legend_key(out, "key--area", Some(&style), &seg.label);
        }
        out.push_str("</ul>");
    }

    fn headers(&self) -> Vec<String> {
        let mut headers = vec!["Critère".to_string()];
        headers.extend(self.segments.iter().map(|g| g.label.clone()));
        headers
    }

    fn rows(&self) -> Vec<Vec<String>> {
        self.rows
            .iter()
            .map(|row| {
                let total: usize = row.counts.iter().sum();
                let mut cells = vec![format!("{} {}", row.code, row.name)];
                cells.extend(row.counts.iter().map(|c| {
                    if total == 0 {
                        "0".to_string()
                    } else {
                        format!("{c} ({} %)", fr(100.0 * *c as f64 / total as f64, 0))
                    }
                }));
                cells
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_proportional() {
        let segs = vec![
            Segment {
                label: "rouge".into(),
                color: "#ce0500".into(),
            },
            Segment {
                label: "vert".into(),
                color: "#18753c".into(),
            },
        ];
        let rows = vec![Row {
            code: "c1".into(),
            name: "Crit".into(),
            counts: vec![1, 3],
        }];
        let Ok(c) = crate::charts::draw(
            "s",
            "Répartition",
            &Stacked {
                segments: &segs,
                rows: &rows,
            },
        );
        assert!(
            c.svg
                .contains("width=\"136.0\" height=\"24\" fill=\"#ce0500\""),
            "{}",
            c.svg
        );
        assert!(
            c.svg
                .contains("width=\"408.0\" height=\"24\" fill=\"#18753c\"")
        );
        assert_eq!(c.table.rows[0], vec!["c1 Crit", "1 (25 %)", "3 (75 %)"]);
    }
}
