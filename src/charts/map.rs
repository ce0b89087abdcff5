//! Maps of the regions from the regions GeoJSON with overseas insets: the choropleth coloured
//! by rate, and the map of where something is present (a solution's deployments). Written with the SVG writer: each region is a link to its page with a tooltip, which
//! plotters' polygons cannot be (see `docs/decisions.md`). Outlines are projected once with an
//! equirectangular projection (x = lon·cos 46.5°, y = lat), then each map only sets colours.

use super::svg::{esc, num};
use super::{Kind, RATE_COLORS, RATE_LABELS, pct, rate_class};
use anyhow::{Context, Result};
use serde_json::Value;
use std::collections::BTreeMap;
use std::convert::Infallible;
use std::fmt::Write;

/// The default outlines, `content/geo/regions-inset.geojson`, built into the binary.
pub const DEFAULT_GEOJSON: &str = include_str!("../../content/geo/regions-inset.geojson");

const WIDTH: f64 = 600.0;

/// One region's outline, projected to SVG coordinates.
#[derive(Debug, Clone)]
pub struct Shape {
    /// INSEE code, e.g. `84`.
    pub code: String,
    /// Name.
    pub name: String,
    /// Slug.
    pub slug: String,
    /// SVG path data.
    pub d: String,
    /// Inset frame `[x, y, w, h]` for overseas regions.
    pub frame: Option<[f64; 4]>,
}

/// All outlines, projected, with the drawing size.
#[derive(Debug, Clone)]
pub struct GeoMap {
    /// Regions sorted by code.
    pub shapes: Vec<Shape>,
    /// Height of the drawing for a width of 600 (the legend is HTML, under it).
    pub height: f64,
}

/// What a region shows on a map.
#[derive(Debug, Clone)]
pub struct Fill {
    /// Rate in 0–1, if any subject of the region counts.
    pub rate: Option<f64>,
    /// Respondents counted.
    pub count: usize,
    /// Link to the region page, relative to the page the map is on.
    pub href: Option<String>,
}

fn project(lon: f64, lat: f64) -> (f64, f64) {
    (lon * 46.5f64.to_radians().cos(), -lat)
}

fn rings(geom: &Value) -> Vec<&Vec<Value>> {
    let coords = &geom["coordinates"];
    let polys: Vec<&Value> = match geom["type"].as_str() {
        Some("Polygon") => vec![coords],
        Some("MultiPolygon") => coords
            .as_array()
            .map(|a| a.iter().collect())
            .unwrap_or_default(),
        _ => vec![],
    };
    polys
        .into_iter()
        .filter_map(Value::as_array)
        .flatten()
        .filter_map(Value::as_array)
        .collect()
}

fn pt(v: &Value) -> Option<(f64, f64)> {
    Some(project(v.get(0)?.as_f64()?, v.get(1)?.as_f64()?))
}

/// Parses and projects a regions GeoJSON `FeatureCollection` (parsed once per build).
pub fn parse(geojson: &str) -> Result<GeoMap> {
    let doc: Value = serde_json::from_str(geojson).context("GeoJSON des régions illisible")?;
    let features = doc["features"]
        .as_array()
        .context("GeoJSON sans « features »")?;
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    let mut grow = |(x, y): (f64, f64)| {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    };
    for f in features {
        for ring in rings(&f["geometry"]) {
            ring.iter().filter_map(pt).for_each(&mut grow);
        }
        if let Some(e) = f["properties"]["encart"].as_array() {
            let e: Vec<f64> = e.iter().filter_map(Value::as_f64).collect();
            if e.len() == 4 {
                grow(project(e[0], e[1]));
                grow(project(e[2], e[3]));
            }
        }
    }
    let pad = 4.0;
    let k = (WIDTH - 2.0 * pad) / (x1 - x0);
    let to_px = |(x, y): (f64, f64)| (pad + (x - x0) * k, pad + (y - y0) * k);
    let mut shapes = Vec::new();
    for f in features {
        let p = &f["properties"];
        let mut d = String::new();
        for ring in rings(&f["geometry"]) {
            let mut last: Option<(f64, f64)> = None;
            let mut n = 0;
            for (x, y) in ring.iter().filter_map(pt).map(to_px) {
                if let Some((lx, ly)) = last {
                    if (x - lx).abs() + (y - ly).abs() < 0.8 {
                        continue;
                    }
                }
                d.push(if n == 0 { 'M' } else { 'L' });
                let _ = write!(d, "{},{}", num(x, 1), num(y, 1));
                last = Some((x, y));
                n += 1;
            }
            if n > 0 {
                d.push('Z');
            }
        }
        let frame = p["encart"].as_array().and_then(|e| {
            let e: Vec<f64> = e.iter().filter_map(Value::as_f64).collect();
            (e.len() == 4).then(|| {
                let (ax, ay) = to_px(project(e[0], e[3]));
                let (bx, by) = to_px(project(e[2], e[1]));
                [ax, ay, bx - ax, by - ay]
            })
        });
        shapes.push(Shape {
            code: p["code"].as_str().unwrap_or_default().to_string(),
            name: p["nom"].as_str().unwrap_or_default().to_string(),
            slug: p["slug"].as_str().unwrap_or_default().to_string(),
            d,
            frame,
        });
    }
    shapes.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(GeoMap {
        shapes,
        height: pad * 2.0 + (y1 - y0) * k,
    })
}

/// The regions coloured by the rate class of their fill.
#[derive(Debug, Clone, Copy)]
pub struct Choropleth<'a> {
    /// The outlines.
    pub geo: &'a GeoMap,
    /// What each region shows, by INSEE code; a region without one shows "no data".
    pub fills: &'a BTreeMap<String, Fill>,
}

impl Kind for Choropleth<'_> {
    const CLASS: &'static str = "map";
    // The regions are links: a group, not an image whose children would be hidden.
    const ROLE: &'static str = "group";
    type Error = Infallible;

    fn size(&self) -> (u32, u32) {
        (WIDTH as u32, self.geo.height as u32)
    }

    fn draw(&self, s: &mut String) -> Result<(), Infallible> {
        draw_regions(s, self.geo, |sh| {
            let fill = self.fills.get(&sh.code);
            let rate = fill.and_then(|f| f.rate);
            let class = rate_class(rate);
            Look {
                href: fill.and_then(|f| f.href.as_deref()),
                colour: RATE_COLORS[class],
                class: (class == 0).then_some("nodata"),
                tooltip: pct(rate),
            }
        });
        Ok(())
    }

    fn legend(&self, out: &mut String) {
        out.push_str("<ul class=\"chart-legend\">");
        for (c, l) in RATE_COLORS.iter().zip(RATE_LABELS).skip(1) {
            super::legend_key(out, "key--area", Some(&format!("background:{c}")), l);
        }
        super::legend_key(out, "key--area key--nodata", None, RATE_LABELS[0]);
        out.push_str("</ul>");
    }

    fn headers(&self) -> Vec<String> {
        vec!["Région".into(), "Taux".into(), "Effectif".into()]
    }

    fn rows(&self) -> Vec<Vec<String>> {
        self.geo
            .shapes
            .iter()
            .map(|sh| {
                let fill = self.fills.get(&sh.code);
                vec![
                    sh.name.clone(),
                    pct(fill.and_then(|f| f.rate)),
                    fill.map_or(0, |f| f.count).to_string(),
                ]
            })
            .collect()
    }
}

/// How one region is drawn.
struct Look<'a> {
    /// Link to its page, if any.
    href: Option<&'a str>,
    /// Fill colour.
    colour: &'a str,
    /// CSS class of the path, if any.
    class: Option<&'a str>,
    /// What the tooltip says after the region's name.
    tooltip: String,
}

/// Appends the inset frames, then every region drawn as `look` says, each a link when it has one.
fn draw_regions<'a>(s: &mut String, geo: &GeoMap, look: impl Fn(&Shape) -> Look<'a>) {
    for sh in &geo.shapes {
        if let Some([x, y, w, h]) = sh.frame {
            let _ = write!(
                s,
                "<rect class=\"inset\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
                num(x, 1),
                num(y, 1),
                num(w, 1),
                num(h, 1)
            );
        }
    }
    for sh in &geo.shapes {
        let look = look(sh);
        if let Some(href) = look.href {
            let _ = write!(s, "<a href=\"{}\">", esc(href));
        }
        let _ = write!(s, "<path d=\"{}\" fill=\"{}\"", sh.d, look.colour);
        if let Some(class) = look.class {
            let _ = write!(s, " class=\"{class}\"");
        }
        let _ = write!(
            s,
            "><title>{} : {}</title></path>",
            esc(&sh.name),
            esc(&look.tooltip)
        );
        if look.href.is_some() {
            s.push_str("</a>");
        }
    }
}

/// Colour of the regions where something is present: the darkest class of the rate ramp
/// (16:1 against white, so "absent" regions, white with a solid grey outline, stand apart).
pub const PRESENT_COLOR: &str = RATE_COLORS[5];

/// The regions where something is present (a solution deployed), by the number of services
/// there; the others are drawn "absent".
#[derive(Debug, Clone, Copy)]
pub struct Presence<'a> {
    /// The outlines.
    pub geo: &'a GeoMap,
    /// Number of services in each region where it is present, by INSEE code, with the link to
    /// the region's page; a region missing or with 0 is absent.
    pub counts: &'a BTreeMap<String, (usize, Option<String>)>,
}

impl Presence<'_> {
    fn count(&self, code: &str) -> usize {
        self.counts.get(code).map_or(0, |(n, _)| *n)
    }
}

/// "1 service", "2 services".
fn services(n: usize) -> String {
    format!("{n} service{}", if n > 1 { "s" } else { "" })
}

impl Kind for Presence<'_> {
    const CLASS: &'static str = "map";
    const ROLE: &'static str = "group";
    type Error = Infallible;

    fn size(&self) -> (u32, u32) {
        (WIDTH as u32, self.geo.height as u32)
    }

    fn draw(&self, s: &mut String) -> Result<(), Infallible> {
        draw_regions(s, self.geo, |sh| {
            let n = self.count(&sh.code);
            Look {
                href: self
                    .counts
                    .get(&sh.code)
                    .and_then(|(_, href)| href.as_deref()),
                colour: if n > 0 { PRESENT_COLOR } else { "#ffffff" },
                class: (n == 0).then_some("absent"),
                tooltip: if n > 0 {
                    services(n)
                } else {
                    "absente".to_string()
                },
            }
        });
        Ok(())
    }

    fn legend(&self, out: &mut String) {
        out.push_str("<ul class=\"chart-legend\">");
        super::legend_key(
            out,
            "key--area",
            Some(&format!("background:{PRESENT_COLOR}")),
            "déployée (au moins un service)",
        );
        super::legend_key(out, "key--area key--absent", None, "absente");
        out.push_str("</ul>");
    }

    fn headers(&self) -> Vec<String> {
        vec!["Région".into(), "Services".into()]
    }

    fn rows(&self) -> Vec<Vec<String>> {
        self.geo
            .shapes
            .iter()
            .map(|sh| match self.count(&sh.code) {
                0 => vec![sh.name.clone(), "absente".into()],
                n => vec![sh.name.clone(), services(n)],
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projects_the_eighteen_regions_with_five_insets() {
        let geo = parse(DEFAULT_GEOJSON).unwrap();
        assert_eq!(geo.shapes.len(), 18);
        assert_eq!(geo.shapes.iter().filter(|s| s.frame.is_some()).count(), 5);
        assert!(geo.shapes.iter().all(|s| s.d.starts_with('M')));
        let fills = BTreeMap::from([(
            "84".to_string(),
            Fill {
                rate: Some(0.95),
                count: 2,
                href: Some("regions/ara.html".into()),
            },
        )]);
        let Ok(c) = crate::charts::draw(
            "m",
            "Carte",
            &Choropleth {
                geo: &geo,
                fills: &fills,
            },
        );
        assert!(c.svg.starts_with(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart map\" viewBox=\"0 0 600 "
        ));
        assert!(c.svg.contains(
            "\" role=\"group\" aria-labelledby=\"m-t\" id=\"m\"><title id=\"m-t\">Carte</title>"
        ));
        assert!(c.svg.contains("<a href=\"regions/ara.html\"><path d=\"M"));
        assert_eq!(c.svg.matches("<path ").count(), 18);
        assert_eq!(c.table.rows.len(), 18);
        assert!(c.svg.contains("Auvergne-Rhône-Alpes : 95,0 %"));
    }

    // Regions with services are drawn present with their count, the others absent, in the
    // drawing, its tooltips, its legend and its table.
    #[test]
    fn draws_present_and_absent_regions() {
        let geo = parse(DEFAULT_GEOJSON).unwrap();
        let counts = BTreeMap::from([
            ("84".to_string(), (3, Some("regions/ara.html".to_string()))),
            ("53".to_string(), (0, Some("regions/bzh.html".to_string()))),
        ]);
        let Ok(c) = crate::charts::draw(
            "p",
            "Déploiement",
            &Presence {
                geo: &geo,
                counts: &counts,
            },
        );
        assert_eq!(c.svg.matches("fill=\"#000080\"").count(), 1);
        assert_eq!(c.svg.matches("class=\"absent\"").count(), 17);
        assert!(
            c.svg
                .contains("<title>Auvergne-Rhône-Alpes : 3 services</title>")
        );
        assert!(c.svg.contains("<title>Bretagne : absente</title>"));
        assert!(c.legend.contains("key--absent"));
        let rows = &c.table.rows;
        assert!(rows.contains(&vec!["Auvergne-Rhône-Alpes".into(), "3 services".into()]));
        assert!(rows.contains(&vec!["Bretagne".into(), "absente".into()]));
    }
}
