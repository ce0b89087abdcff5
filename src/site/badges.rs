//! Embeddable SVG badges, shields-like ("convergence | 83 %"): one for each organisation,
//! public service or product and solution, at `badges/<kind>/<id>.svg`, with a row per
//! questionnaire when it has figures for several, and the page `badges.html` that lists them
//! with a copy-paste snippet. Only public figures: the public repository's scores.

use crate::charts::{pct, rate_class};
use crate::score::{GroupBy, GroupScore};
use crate::site::index::Index;
use crate::site::urls;
use crate::site::views::{Data, PageJob};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write as _;

/// Output path of the page listing the badges.
pub const PATH: &str = "badges.html";

/// Background colour of the value per rate class (none, then low to high).
const COLOURS: [&str; 6] = [
    "#9f9f9f", "#e05d44", "#fe7d37", "#dfb317", "#a4a61d", "#44cc11",
];

/// The SVG of a badge: `label` on grey, `value` on the colour of rate class `class`.
pub fn svg(label: &str, value: &str, class: usize) -> String {
    let width = |s: &str| s.chars().count() * 13 / 2 + 10;
    let (l, v) = (width(label), width(value));
    let colour = COLOURS[class.min(COLOURS.len() - 1)];
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"20\" role=\"img\" aria-label=\"{label}\u{a0}: {value}\">\
<title>{label}\u{a0}: {value}</title>\
<rect width=\"{l}\" height=\"20\" fill=\"#555\"/>\
<rect x=\"{l}\" width=\"{v}\" height=\"20\" fill=\"{colour}\"/>\
<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,DejaVu Sans,sans-serif\" font-size=\"11\">\
<text x=\"{lx}\" y=\"14\">{label}</text><text x=\"{vx}\" y=\"14\">{value}</text></g></svg>",
        w = l + v,
        lx = l / 2,
        vx = l + v / 2,
        label = esc(label),
        value = esc(value),
    );
    out
}

/// Text escaped for XML and HTML attributes and content.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One badge: where it is, what it is about, the page it links to, and its figures.
struct Badge {
    /// Root-relative path of the SVG.
    path: String,
    /// What it describes, e.g. "DCC régional — Urbanisation des services".
    title: String,
    /// Root-relative path of the page it links to.
    page: String,
    /// Each questionnaire's title and rate, in questionnaire order.
    rows: Vec<(String, Option<f64>)>,
}

impl Badge {
    /// The SVG: "convergence | 83,4 %" for one questionnaire, else a row per questionnaire.
    fn svg(&self) -> String {
        match &self.rows[..] {
            [(_, rate)] => svg("convergence", &pct(*rate), rate_class(*rate)),
            rows => svg_rows(rows),
        }
    }
}

/// One row of a badge: `label`, then `value` on the colour of its rate class `class`.
struct BadgeRow<'a> {
    label: &'a str,
    value: String,
    class: usize,
}

/// The SVG of a badge with one row per questionnaire: its title on grey, its rate on the
/// colour of its class; the accessible name starts with "convergence".
fn svg_rows(rows: &[(String, Option<f64>)]) -> String {
    let rows: Vec<BadgeRow> = rows
        .iter()
        .map(|(label, rate)| BadgeRow {
            label,
            value: pct(*rate),
            class: rate_class(*rate),
        })
        .collect();
    let width = |s: &str| s.chars().count() * 13 / 2 + 10;
    let l = rows.iter().map(|r| width(r.label)).max().unwrap_or(0);
    let v = rows.iter().map(|r| width(&r.value)).max().unwrap_or(0);
    let name = rows
        .iter()
        .map(|r| format!("{} {}", r.label, r.value))
        .collect::<Vec<_>>()
        .join(", ");
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"convergence\u{a0}: {name}\">\
<title>convergence\u{a0}: {name}</title>",
        w = l + v,
        h = 20 * rows.len(),
        name = esc(&name),
    );
    for (i, r) in rows.iter().enumerate() {
        let colour = COLOURS[r.class.min(COLOURS.len() - 1)];
        let _ = write!(
            out,
            "<rect y=\"{y}\" width=\"{l}\" height=\"20\" fill=\"#555\"/>\
<rect x=\"{l}\" y=\"{y}\" width=\"{v}\" height=\"20\" fill=\"{colour}\"/>",
            y = 20 * i,
        );
    }
    out.push_str(
        "<g fill=\"#fff\" font-family=\"Verdana,DejaVu Sans,sans-serif\" font-size=\"11\">",
    );
    for (i, r) in rows.iter().enumerate() {
        let _ = write!(
            out,
            "<text x=\"5\" y=\"{y}\">{label}</text><text x=\"{vx}\" y=\"{y}\" text-anchor=\"middle\">{value}</text>",
            y = 20 * i + 14,
            vx = l + v / 2,
            label = esc(r.label),
            value = esc(&r.value),
        );
    }
    out.push_str("</g></svg>\n");
    out
}

/// `badges.html`.
#[derive(Debug, Serialize)]
struct BadgesView {
    /// The table's rows, one per badge, written by [`write_rows`] (HTML, safe): the page lists
    /// every sheet, thousands of rows the template engine would cost more to write.
    rows: String,
    /// Whether any badge is listed.
    any: bool,
    /// Whether the snippets hold absolute addresses (built with `--base-url`).
    absolute: bool,
}

/// Writes the rows of `badges.html`'s table at the site root: each badge's page, image and
/// snippet (`base_url` prefixes the snippet's addresses).
fn write_rows(out: &mut String, badges: &[Badge], base_url: &str) {
    use crate::site::pages::html::{self, text};
    for b in badges {
        out.push_str("<tr><th scope=\"row\">");
        html::link(out, "", &b.page, &b.title);
        out.push_str("</th><td>");
        html::badge_image(out, "", &b.path, &b.title);
        out.push_str("</td><td><code>");
        text(out, &snippet(base_url, &b.page, &b.path, &b.title));
        out.push_str("</code></td></tr>\n");
    }
}

/// Every badge of the site: one per public sheet, organisation and solution with figures,
/// carrying each questionnaire it has a rate for.
fn badges(ix: &Index) -> Vec<Badge> {
    let mut out = Vec::new();
    let title_of = |q: &str| {
        ix.repo
            .questionnaire(q)
            .map_or_else(|| q.to_string(), |q| q.title.clone())
    };
    let mut add = |path: String, name: &str, page: String, rates: Vec<(&str, Option<f64>)>| {
        if rates.is_empty() {
            return;
        }
        let rows: Vec<(String, Option<f64>)> =
            rates.into_iter().map(|(q, r)| (title_of(q), r)).collect();
        let titles: Vec<&str> = rows.iter().map(|(t, _)| t.as_str()).collect();
        out.push(Badge {
            path,
            title: format!("{name} — {}", titles.join(", ")),
            page,
            rows,
        });
    };
    for s in &ix.scores.subjects {
        add(
            format!("badges/service/{}.svg", urls::slug(&s.subject)),
            &s.name,
            urls::subject(&s.subject),
            s.current
                .iter()
                .map(|score| (score.questionnaire.as_str(), Some(score.rate)))
                .collect(),
        );
    }
    if let Some(now) = ix.scores.snapshots.first() {
        for g in now.groups(GroupBy::Organisation) {
            add(
                format!("badges/organisation/{}.svg", urls::slug(&g.key)),
                &g.label,
                urls::organisation(&g.key),
                rates(g),
            );
        }
        for g in now.groups(GroupBy::Solution) {
            let Some((editor, solution)) = g.key.split_once('/') else {
                continue;
            };
            add(
                format!(
                    "badges/solution/{}/{}.svg",
                    urls::slug(editor),
                    urls::slug(solution)
                ),
                &g.label,
                urls::solution(editor, solution),
                rates(g),
            );
        }
    }
    out
}

/// The rate of each questionnaire a group has figures for.
fn rates(g: &GroupScore) -> Vec<(&str, Option<f64>)> {
    g.questionnaires
        .iter()
        .filter(|q| q.concerned > 0)
        .map(|q| (q.questionnaire.as_str(), q.rate))
        .collect()
}

/// The SVG files of every badge, by output path.
pub fn files(ix: &Index) -> Vec<(String, Vec<u8>)> {
    badges(ix)
        .into_iter()
        .map(|b| {
            let svg = b.svg().into_bytes();
            (b.path, svg)
        })
        .collect()
}

/// The HTML to paste for the badge `svg` of `page` about `title`: the image in a link to the
/// page, both prefixed by `base_url` (the site's public address, else relative to its root).
pub fn snippet(base_url: &str, page: &str, svg: &str, title: &str) -> String {
    format!(
        "<a href=\"{base_url}{page}\"><img src=\"{base_url}{svg}\" alt=\"convergence : {}\"></a>",
        esc(title)
    )
}

/// The badge of each page, by page path: `(SVG path, title)` (a list, for pages that would
/// have several).
pub fn by_page(ix: &Index) -> HashMap<String, Vec<(String, String)>> {
    let mut map: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for b in badges(ix) {
        map.entry(b.page).or_default().push((b.path, b.title));
    }
    map
}

/// `badges.html`: every badge with its snippet; `base_url` (the site's public address) makes
/// the snippet's links absolute, else they are relative to the site root.
pub fn page<'a>(ix: &'a Index<'a>, base_url: &str) -> PageJob<'a> {
    let base_url = base_url.to_string();
    PageJob {
        path: PATH.into(),
        template: "badges.html",
        title: "Badges à intégrer".into(),
        crumbs: vec![],
        // Every badge of the site: built when the page is rendered.
        data: Data::later(move || {
            let badges = badges(ix);
            let mut rows = String::with_capacity(badges.len() * 700);
            write_rows(&mut rows, &badges, &base_url);
            BadgesView {
                rows,
                any: !badges.is_empty(),
                absolute: !base_url.is_empty(),
            }
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The badge reads "convergence | 83,4 %" on the colour of its class, escaped, sized by
    // its text.
    #[test]
    fn a_badge_carries_its_label_value_and_colour() {
        assert_eq!(
            svg("convergence", "83,4 %", 4),
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"130\" height=\"20\" role=\"img\" aria-label=\"convergence\u{a0}: 83,4 %\">\
<title>convergence\u{a0}: 83,4 %</title><rect width=\"81\" height=\"20\" fill=\"#555\"/>\
<rect x=\"81\" width=\"49\" height=\"20\" fill=\"#a4a61d\"/>\
<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,DejaVu Sans,sans-serif\" font-size=\"11\">\
<text x=\"40\" y=\"14\">convergence</text><text x=\"105\" y=\"14\">83,4 %</text></g></svg>\n"
        );
        assert!(svg("a<b", "—", 0).contains(">a&lt;b</text>"));
        assert!(svg("a", "—", 9).contains("#44cc11"));
    }

    // A sheet answering two questionnaires has one badge with a row per questionnaire: its
    // title on grey, its rate on the colour of its class ("—" on grey without a rate), every
    // row in the accessible name; with one questionnaire it is the "convergence | 83 %" badge.
    #[test]
    fn a_badge_has_a_row_per_questionnaire() {
        let badge = |rows: Vec<(&str, Option<f64>)>| Badge {
            path: String::new(),
            title: String::new(),
            page: String::new(),
            rows: rows.into_iter().map(|(t, r)| (t.to_string(), r)).collect(),
        };
        let two = badge(vec![
            ("Interopérabilité des services", Some(0.867)),
            ("Urbanisation des services", None),
        ]);
        assert_eq!(
            two.svg(),
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"247\" height=\"40\" role=\"img\" \
aria-label=\"convergence\u{a0}: Interopérabilité des services 86,7 %, Urbanisation des services —\">\
<title>convergence\u{a0}: Interopérabilité des services 86,7 %, Urbanisation des services —</title>\
<rect y=\"0\" width=\"198\" height=\"20\" fill=\"#555\"/><rect x=\"198\" y=\"0\" width=\"49\" height=\"20\" fill=\"#a4a61d\"/>\
<rect y=\"20\" width=\"198\" height=\"20\" fill=\"#555\"/><rect x=\"198\" y=\"20\" width=\"49\" height=\"20\" fill=\"#9f9f9f\"/>\
<g fill=\"#fff\" font-family=\"Verdana,DejaVu Sans,sans-serif\" font-size=\"11\">\
<text x=\"5\" y=\"14\">Interopérabilité des services</text><text x=\"222\" y=\"14\" text-anchor=\"middle\">86,7 %</text>\
<text x=\"5\" y=\"34\">Urbanisation des services</text><text x=\"222\" y=\"34\" text-anchor=\"middle\">—</text></g></svg>\n"
        );
        let one = badge(vec![("Urbanisation des services", Some(0.834))]);
        assert_eq!(one.svg(), svg("convergence", "83,4 %", 4));
    }
}
