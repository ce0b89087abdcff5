//! What each chart kind costs drawn through plotters and through the SVG writer, measured with
//! callgrind (the figures and the commands are in `docs/decisions.md`). Each ignored test draws
//! `CHARTS_COST_N` charts of one kind one way; the difference between two runs with different
//! counts is the cost of the charts alone. The plotters drawings draw the same shapes and text
//! as the writer: polygons, lines, circles, rectangles and labels on a cartesian chart.

use super::bars::{Bar, Bars, Frame};
use super::map::{self, Choropleth, Fill};
use super::radar::{self, Radar, Series};
use super::stacked::{Row, Segment, Stacked};
use super::{Chart, Kind, draw};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use std::collections::BTreeMap;
use std::f64::consts::PI;
use std::hint::black_box;

/// How many charts to draw, from `CHARTS_COST_N` (default 100).
fn n() -> usize {
    std::env::var("CHARTS_COST_N")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100)
}

type Plane<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Draws with plotters on a chart whose coordinates are the SVG's, y downwards.
fn with_plotters(size: (u32, u32), f: impl FnOnce(&mut Plane)) -> String {
    let mut s = String::new();
    {
        let root = SVGBackend::with_string(&mut s, size).into_drawing_area();
        let (w, h) = (f64::from(size.0), f64::from(size.1));
        let mut chart = ChartBuilder::on(&root)
            .build_cartesian_2d(0f64..w, h..0f64)
            .unwrap();
        f(&mut chart);
        root.present().unwrap();
    }
    s
}

fn text(s: &str, at: (f64, f64), size: u32) -> Text<'static, (f64, f64), String> {
    Text::new(s.to_string(), at, ("sans-serif", size).into_font())
}

fn spokes(n: usize) -> Vec<(String, String)> {
    (0..n)
        .map(|i| {
            (
                format!("A0{i}.1"),
                format!("Axe numéro {i} du questionnaire"),
            )
        })
        .collect()
}

fn series(n: usize) -> Vec<Series> {
    ["À date (15/12/2020)", "Fin 2022", "Fin 2025"]
        .iter()
        .enumerate()
        .map(|(k, name)| Series {
            name: name.to_string(),
            values: (0..n)
                .map(|i| Some(((i * 7 + k * 3) % 10) as f64 / 10.0))
                .collect(),
        })
        .collect()
}

fn at(i: usize, n: usize, r: f64) -> (f64, f64) {
    let a = -PI / 2.0 + 2.0 * PI * i as f64 / n as f64;
    (280.0 + r * a.cos(), 205.0 + r * a.sin())
}

/// A radar as plotters draws it: rings, spokes, ticks, series, dots, labels and legend.
fn radar_by_plotters(spokes: &[(String, String)], series: &[Series]) -> String {
    let n = spokes.len();
    let grey = RGBColor(206, 206, 206);
    with_plotters((560, 440), |c| {
        for ring in [0.25, 0.5, 0.75, 1.0] {
            let mut pts: Vec<_> = (0..n).map(|i| at(i, n, 150.0 * ring)).collect();
            pts.push(pts[0]);
            c.draw_series([PathElement::new(pts, grey)]).unwrap();
        }
        c.draw_series(
            (0..n).map(|i| PathElement::new(vec![(280.0, 205.0), at(i, n, 150.0)], grey)),
        )
        .unwrap();
        c.draw_series([
            text("50 %", (283.0, 128.0), 11),
            text("100 %", (283.0, 53.0), 11),
        ])
        .unwrap();
        for (k, s) in series.iter().enumerate() {
            let color = Palette99::pick(k);
            let pts: Vec<_> = (0..n)
                .map(|i| at(i, n, 150.0 * s.values[i].unwrap_or(0.0)))
                .collect();
            c.draw_series([Polygon::new(pts.clone(), color.mix(0.14).filled())])
                .unwrap();
            c.draw_series(pts.iter().map(|p| Circle::new(*p, 3, color.filled())))
                .unwrap();
            let x = 20.0 + 170.0 * k as f64;
            c.draw_series([Rectangle::new(
                [(x, 412.0), (x + 14.0, 426.0)],
                color.filled(),
            )])
            .unwrap();
            c.draw_series([text(&s.name, (x + 20.0, 412.0), 13)])
                .unwrap();
        }
        c.draw_series(
            spokes
                .iter()
                .enumerate()
                .map(|(i, (short, _))| text(short, at(i, n, 166.0), 13)),
        )
        .unwrap();
    })
}

fn bars() -> Vec<Bar> {
    ["A04.1", "A08.2"]
        .iter()
        .enumerate()
        .map(|(i, code)| Bar {
            code: code.to_string(),
            name: "Axe".into(),
            rate: Some(0.3 + 0.4 * i as f64),
            count: 3,
        })
        .collect()
}

fn segments() -> Vec<Segment> {
    ["#ce0500", "#fc5d00", "#18753c", "#e5e5e5"]
        .iter()
        .enumerate()
        .map(|(i, c)| Segment {
            label: format!("niveau {i}"),
            color: c.to_string(),
        })
        .collect()
}

fn rows() -> Vec<Row> {
    (0..40)
        .map(|i| Row {
            code: format!("A04.1.{i}"),
            name: "Critère".into(),
            counts: vec![i % 5, 7, (i * 3) % 11, 2],
        })
        .collect()
}

/// Stacked bars as plotters draws them: labels, one rectangle per segment, legend.
fn stacked_by_plotters(segments: &[Segment], rows: &[Row]) -> String {
    let h = 70 + 26 * rows.len() as u32;
    let colors: Vec<RGBColor> = segments
        .iter()
        .map(|s| {
            let v = u32::from_str_radix(&s.color[1..], 16).unwrap_or(0);
            RGBColor((v >> 16) as u8, (v >> 8) as u8, v as u8)
        })
        .collect();
    with_plotters((630, h), |c| {
        for (r, row) in rows.iter().enumerate() {
            let y = 10.0 + 26.0 * r as f64;
            let total: usize = row.counts.iter().sum();
            c.draw_series([text(&row.code, (20.0, y), 12)]).unwrap();
            let mut x = 90.0;
            for (k, count) in row.counts.iter().enumerate() {
                let w = 520.0 * *count as f64 / total as f64;
                c.draw_series([Rectangle::new(
                    [(x, y), (x + w, y + 18.0)],
                    colors[k].filled(),
                )])
                .unwrap();
                x += w;
            }
        }
        let ly = f64::from(h) - 22.0;
        for (k, seg) in segments.iter().enumerate() {
            let x = 90.0 + 80.0 * k as f64;
            c.draw_series([Rectangle::new(
                [(x, ly), (x + 12.0, ly + 12.0)],
                colors[k].filled(),
            )])
            .unwrap();
            c.draw_series([text(&seg.label, (x + 16.0, ly), 12)])
                .unwrap();
        }
    })
}

/// The outlines of the map's path data, as points.
fn outlines(geo: &map::GeoMap) -> Vec<Vec<Vec<(f64, f64)>>> {
    geo.shapes
        .iter()
        .map(|s| {
            s.d.split('Z')
                .filter(|r| !r.is_empty())
                .map(|ring| {
                    ring.split(['M', 'L'])
                        .filter_map(|p| {
                            let (x, y) = p.split_once(',')?;
                            Some((x.parse().ok()?, y.parse().ok()?))
                        })
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// The map as plotters draws it: one filled polygon per ring, inset frames and the key.
fn map_by_plotters(
    geo: &map::GeoMap,
    rings: &[Vec<Vec<(f64, f64)>>],
    fills: &BTreeMap<String, Fill>,
) -> String {
    with_plotters((600, geo.height as u32), |c| {
        for (shape, rings) in geo.shapes.iter().zip(rings) {
            let rate = fills.get(&shape.code).and_then(|f| f.rate);
            let class = super::rate_class(rate);
            let v = u32::from_str_radix(&super::RATE_COLORS[class][1..], 16).unwrap_or(0);
            let color = RGBColor((v >> 16) as u8, (v >> 8) as u8, v as u8);
            c.draw_series(
                rings
                    .iter()
                    .map(|r| Polygon::new(r.clone(), color.filled())),
            )
            .unwrap();
            c.draw_series(rings.iter().map(|r| PathElement::new(r.clone(), WHITE)))
                .unwrap();
        }
        for (i, label) in super::RATE_LABELS.iter().enumerate() {
            let (x, y) = (
                10.0 + 195.0 * (i % 3) as f64,
                geo.height - 50.0 + 22.0 * (i / 3) as f64,
            );
            c.draw_series([Rectangle::new([(x, y), (x + 14.0, y + 14.0)], BLACK)])
                .unwrap();
            c.draw_series([text(label, (x + 20.0, y), 13)]).unwrap();
        }
    })
}

fn fills(geo: &map::GeoMap) -> BTreeMap<String, Fill> {
    geo.shapes
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let fill = Fill {
                rate: Some((i % 10) as f64 / 10.0),
                count: i,
                href: Some(format!("regions/{}.html", s.slug)),
            };
            (s.code.clone(), fill)
        })
        .collect()
}

/// Draws `n()` charts with `one` and keeps them from being optimised away.
fn repeat(one: impl Fn() -> String) {
    for _ in 0..n() {
        black_box(one());
    }
}

fn svg<K: Kind>(kind: &K) -> String
where
    K::Error: std::fmt::Debug,
{
    let chart: Chart = draw("c", "Graphique", kind).unwrap();
    chart.svg
}

#[test]
#[ignore = "a measurement: run under callgrind, see docs/decisions.md"]
fn cost_radar_by_writer() {
    let (spokes, series) = (spokes(10), series(10));
    let axes: Vec<usize> = (0..10).collect();
    let frame = radar::Frame::new(&spokes);
    repeat(|| {
        svg(&Radar {
            frame: &frame,
            axes: &axes,
            series: &series,
            measure: radar::Measure::Rate,
        })
    });
}

#[test]
#[ignore = "a measurement: run under callgrind, see docs/decisions.md"]
fn cost_radar_frame_by_writer() {
    let spokes = spokes(10);
    repeat(|| {
        format!("{:?}", radar::Frame::new(&spokes))
            .len()
            .to_string()
    });
}

#[test]
#[ignore = "a measurement: run under callgrind, see docs/decisions.md"]
fn cost_radar_by_plotters() {
    let (spokes, series) = (spokes(10), series(10));
    repeat(|| radar_by_plotters(&spokes, &series));
}

#[test]
#[ignore = "a measurement: run under callgrind, see docs/decisions.md"]
fn cost_bars_on_a_frame() {
    let items = bars();
    let frame = Frame::of(&items).unwrap();
    repeat(|| {
        svg(&Bars {
            frame: &frame,
            items: &items,
        })
    });
}

#[test]
#[ignore = "a measurement: run under callgrind, see docs/decisions.md"]
fn cost_bars_frame() {
    let items = bars();
    repeat(|| format!("{:?}", Frame::of(&items).unwrap()));
}

#[test]
#[ignore = "a measurement: run under callgrind, see docs/decisions.md"]
fn cost_stacked_by_writer() {
    let (segments, rows) = (segments(), rows());
    repeat(|| {
        svg(&Stacked {
            segments: &segments,
            rows: &rows,
        })
    });
}

#[test]
#[ignore = "a measurement: run under callgrind, see docs/decisions.md"]
fn cost_stacked_by_plotters() {
    let (segments, rows) = (segments(), rows());
    repeat(|| stacked_by_plotters(&segments, &rows));
}

#[test]
#[ignore = "a measurement: run under callgrind, see docs/decisions.md"]
fn cost_map_by_writer() {
    let geo = map::parse(map::DEFAULT_GEOJSON).unwrap();
    let fills = fills(&geo);
    repeat(|| {
        svg(&Choropleth {
            geo: &geo,
            fills: &fills,
        })
    });
}

#[test]
#[ignore = "a measurement: run under callgrind, see docs/decisions.md"]
fn cost_map_by_plotters() {
    let geo = map::parse(map::DEFAULT_GEOJSON).unwrap();
    let (fills, rings) = (fills(&geo), outlines(&geo));
    repeat(|| map_by_plotters(&geo, &rings, &fills));
}

/// Numbers as the SVG writer writes them: with one decimal, as in point lists.
fn numbers(write: impl Fn(&mut String, f64)) {
    let mut s = String::new();
    for i in 0..n() * 1000 {
        s.clear();
        write(&mut s, black_box(i as f64 * 0.37 - 100.0));
        black_box(&s);
    }
}

#[test]
#[ignore = "a measurement: run under callgrind, see docs/decisions.md"]
fn cost_numbers_by_num() {
    use std::fmt::Write;
    numbers(|s, x| {
        let _ = write!(s, "{}", super::svg::num(x, 1));
    });
}

#[test]
#[ignore = "a measurement: run under callgrind, see docs/decisions.md"]
fn cost_numbers_by_std() {
    use std::fmt::Write;
    numbers(|s, x| {
        let _ = write!(s, "{x:.1}");
    });
}

/// `x` with one decimal from its rounded tenths, the integers written by `write!`.
fn tenths_by_write(s: &mut String, x: f64) {
    use std::fmt::Write;
    let i = (x * 10.0).round() as i64;
    let sign = if i < 0 { "-" } else { "" };
    let a = i.unsigned_abs();
    let _ = write!(s, "{sign}{}.{}", a / 10, a % 10);
}

/// `x` with one decimal from its rounded tenths, the integers written by `itoa`.
fn tenths_by_itoa(s: &mut String, x: f64) {
    let i = (x * 10.0).round() as i64;
    if i < 0 {
        s.push('-');
    }
    let a = i.unsigned_abs();
    let mut buf = itoa::Buffer::new();
    s.push_str(buf.format(a / 10));
    s.push('.');
    s.push_str(buf.format(a % 10));
}

/// `x` with one decimal from its rounded tenths, digit by digit (`Num` until 2026-12).
fn tenths_by_hand(s: &mut String, x: f64) {
    let i = (x * 10.0).round() as i64;
    let mut buf = [0u8; 24];
    let (mut a, mut at, mut digits) = (i.unsigned_abs(), buf.len(), 0);
    while a > 0 || digits <= 1 {
        if digits == 1 {
            at -= 1;
            buf[at] = b'.';
        }
        at -= 1;
        buf[at] = b'0' + (a % 10) as u8;
        a /= 10;
        digits += 1;
    }
    if i < 0 {
        s.push('-');
    }
    s.push_str(std::str::from_utf8(&buf[at..]).unwrap_or("0"));
}

#[test]
#[ignore = "a measurement: run under callgrind, see docs/decisions.md"]
fn cost_numbers_by_hand() {
    numbers(tenths_by_hand);
}

#[test]
#[ignore = "a measurement: run under callgrind, see docs/decisions.md"]
fn cost_numbers_by_write() {
    numbers(tenths_by_write);
}

#[test]
#[ignore = "a measurement: run under callgrind, see docs/decisions.md"]
fn cost_numbers_by_itoa() {
    numbers(tenths_by_itoa);
}
