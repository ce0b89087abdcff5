//! Charts as a reader on a 360 px phone sees them: the page is loaded in a 360 px wide frame
//! (Chromium's windows are at least 500 px wide) and a script measures, for every visible text
//! of every chart, its rendered size (font size × the scale of the SVG on screen), and checks
//! that every chart has a visible title; and that a table wider than the screen keeps its
//! caption in view when scrolled to its far end, a section's table in a focusable box named by
//! its caption.

use std::path::Path;

/// Narrowest screen the portal is checked at, in CSS pixels.
pub const NARROW: u32 = 360;
/// Smallest text allowed in a chart there, in CSS pixels.
pub const MIN_FONT: f64 = 12.0;

/// The page that loads `#<page>` in a frame `NARROW` pixels wide, measures its charts once it is
/// loaded, and writes the result as JSON into `<pre id="result">` (needs
/// `--allow-file-access-from-files` to read the frame from `file://`).
const FRAME: &str = r#"<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>check</title></head>
<body style="margin:0"><iframe id="f" width="WIDTH" height="900" style="border:0" title="page"></iframe>
<pre id="result"></pre><script>
var f = document.getElementById('f');
f.addEventListener('load', function () {
  var d = f.contentDocument, w = f.contentWindow, min = null, at = '', titled = [];
  d.querySelectorAll('svg.chart text').forEach(function (t) {
    if (!t.getClientRects().length || !t.textContent.trim()) return;
    var m = t.getScreenCTM();
    var size = parseFloat(w.getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
    if (min === null || size < min) { min = size; at = (t.closest('svg.chart') || {}).id + ': ' + t.textContent; }
  });
  var figures = Array.prototype.slice.call(d.querySelectorAll('figure.chart-figure'));
  var untitled = figures.filter(function (g) {
    var c = g.querySelector('figcaption');
    var bad = !c || !c.textContent.trim() || !c.getClientRects().length;
    var svg = g.querySelector('svg.chart');
    if (!bad && svg) titled.push(svg.id);
    return bad;
  }).length;
  var wide = [], clipped = [];
  d.querySelectorAll('.table-wrap').forEach(function (b) {
    var c = b.querySelector('caption');
    if (!c || !b.getClientRects().length || b.scrollWidth <= b.clientWidth) return;
    b.scrollLeft = b.scrollWidth;
    var r = b.getBoundingClientRect(), cr = c.getBoundingClientRect();
    var region = b.getAttribute('role') === 'region';
    var named = !region || (b.tabIndex === 0 && b.getAttribute('aria-label') === c.textContent);
    var text = c.textContent.trim();
    if (!named || cr.left < r.left - 0.5 || cr.right > r.right + 0.5) clipped.push(text);
    else if (region) wide.push(text);
  });
  document.getElementById('result').textContent = JSON.stringify({
    width: w.innerWidth, charts: figures.length, untitled: untitled, min: min, at: at,
    titled: titled, wide: wide, clipped: clipped });
});
f.src = decodeURIComponent(location.hash.slice(1));
</script></body></html>"#;

/// What the script measured on one page.
#[derive(Debug, serde::Deserialize)]
pub struct Measure {
    /// Width of the frame's viewport.
    pub width: u32,
    /// Charts on the page.
    pub charts: usize,
    /// Charts without a visible title.
    pub untitled: usize,
    /// Smallest rendered text in a chart, in CSS pixels (none without text).
    pub min: Option<f64>,
    /// Where that text is: chart id and text.
    pub at: String,
    /// Ids of the charts with a visible title, in page order.
    pub titled: Vec<String>,
    /// Captions of the sections' tables wider than the screen that scroll in a focusable box
    /// named by their caption, the caption in view when scrolled to the far end.
    pub wide: Vec<String>,
    /// Captions of the wide tables whose caption goes out of view, or whose section box is
    /// not focusable and named by it.
    pub clipped: Vec<String>,
}

/// Charts that must be on a page, shown with a visible title and measured (page, chart id):
/// the level radars beside the rate radars, the map of a solution's deployments.
pub const REQUIRED: &[(&str, &str)] = &[
    ("index.html", "niveaux-services"),
    ("questionnaires/services/index.html", "niveaux"),
    ("regions/auvergne-rhone-alpes.html", "niveaux-r-services"),
    (
        "editeurs/maincare/ideocm.html",
        "deploiement-maincare-ideocm",
    ),
];

/// Tables that must be wider than a 360 px screen, and pass, on a page (page, caption).
pub const WIDE_TABLES: &[(&str, &str)] = &[(
    "regions/index.html",
    "Les régions côte à côte — à date (15/12/2020) et fin 2025",
)];

/// Writes the measuring page into the site and returns its path.
pub fn write_frame(site: &Path) -> std::path::PathBuf {
    let path = site.join("chart-check.html");
    std::fs::write(&path, FRAME.replace("WIDTH", &NARROW.to_string())).unwrap();
    path
}

/// Reads the measure out of the dumped DOM of the measuring page.
pub fn parse(dom: &str) -> Option<Measure> {
    let start = dom.find("<pre id=\"result\">")? + "<pre id=\"result\">".len();
    let end = start + dom[start..].find("</pre>")?;
    let json = dom[start..end]
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    serde_json::from_str(&json).ok()
}

/// What is wrong with the charts of `page` as measured, if anything.
pub fn problems(page: &str, m: &Measure) -> Vec<String> {
    let mut out = Vec::new();
    if m.width != NARROW {
        out.push(format!("{page}: measured at {} px, not {NARROW}", m.width));
    }
    if m.untitled > 0 {
        out.push(format!(
            "{page}: {} of {} charts without a visible title",
            m.untitled, m.charts
        ));
    }
    for (_, id) in REQUIRED.iter().filter(|(p, _)| *p == page) {
        if !m.titled.iter().any(|t| t == id) {
            out.push(format!("{page}: no titled chart {id}"));
        }
    }
    for caption in &m.clipped {
        out.push(format!(
            "{page}: wide table « {caption} »: caption out of view, or box unnamed"
        ));
    }
    for (_, caption) in WIDE_TABLES.iter().filter(|(p, _)| *p == page) {
        if !m.wide.iter().any(|c| c == caption) {
            out.push(format!("{page}: no wide table « {caption} » measured"));
        }
    }
    if let Some(min) = m.min.filter(|min| *min < MIN_FONT) {
        out.push(format!(
            "{page}: chart text of {min:.1} px at {NARROW} px wide (at least {MIN_FONT}): {}",
            m.at
        ));
    }
    out
}
