//! Embeddable SVG badges, shields-like ("convergence | 83 %"): one per questionnaire for each
//! organisation, public service or product and solution, at
//! `badges/<kind>/<id>/<questionnaire>.svg`, and the page `badges.html` that lists them with
//! a copy-paste snippet. Only public figures: the public repository's scores.

use crate::charts::{pct, rate_class};
use crate::score::GroupBy;
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

/// One badge: where it is, what it is about, the page it links to.
#[derive(Debug, Clone, Serialize)]
struct BadgeView {
    /// What it describes, e.g. "DCC régional — Urbanisation des services".
    title: String,
    /// Root-relative path of the SVG.
    svg: String,
    /// Root-relative path of the page it links to.
    page: String,
    /// The HTML to paste.
    snippet: String,
}

/// Every badge of the site: `(path, svg, title, page)`.
fn badges(ix: &Index) -> Vec<(String, String, String, String)> {
    let mut out = Vec::new();
    let title_of = |q: &str| {
        ix.repo
            .questionnaire(q)
            .map_or_else(|| q.to_string(), |q| q.title.clone())
    };
    let mut add = |kind: &str, id: &str, name: &str, page: String, q: &str, rate: Option<f64>| {
        out.push((
            format!("badges/{kind}/{id}/{}.svg", urls::slug(q)),
            svg("convergence", &pct(rate), rate_class(rate)),
            format!("{name} — {}", title_of(q)),
            page,
        ));
    };
    for s in &ix.scores.subjects {
        for score in &s.current {
            let id = urls::slug(&s.subject);
            add(
                "service",
                &id,
                &s.name,
                urls::subject(&s.subject),
                &score.questionnaire,
                Some(score.rate),
            );
        }
    }
    if let Some(now) = ix.scores.snapshots.first() {
        for g in now.groups(GroupBy::Organisation) {
            for q in g.questionnaires.iter().filter(|q| q.concerned > 0) {
                let id = urls::slug(&g.key);
                add(
                    "organisation",
                    &id,
                    &g.label,
                    urls::organisation(&g.key),
                    &q.questionnaire,
                    q.rate,
                );
            }
        }
        for g in now.groups(GroupBy::Solution) {
            let Some((editor, solution)) = g.key.split_once('/') else {
                continue;
            };
            for q in g.questionnaires.iter().filter(|q| q.concerned > 0) {
                let id = format!("{}/{}", urls::slug(editor), urls::slug(solution));
                add(
                    "solution",
                    &id,
                    &g.label,
                    urls::solution(editor, solution),
                    &q.questionnaire,
                    q.rate,
                );
            }
        }
    }
    out
}

/// The SVG files of every badge, by output path.
pub fn files(ix: &Index) -> Vec<(String, Vec<u8>)> {
    badges(ix)
        .into_iter()
        .map(|(path, svg, _, _)| (path, svg.into_bytes()))
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

/// The badges of each page, by page path: `(SVG path, title)` in questionnaire order.
pub fn by_page(ix: &Index) -> HashMap<String, Vec<(String, String)>> {
    let mut map: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for (svg, _, title, page) in badges(ix) {
        map.entry(page).or_default().push((svg, title));
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
            let items: Vec<BadgeView> = badges(ix)
                .into_iter()
                .map(|(svg, _, title, page)| BadgeView {
                    snippet: snippet(&base_url, &page, &svg, &title),
                    title,
                    svg,
                    page,
                })
                .collect();
            serde_json::json!({ "badges": items, "absolute": !base_url.is_empty() })
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
}
