//! The services list's filters in a browser: a page loads `services/index.html` in a frame,
//! chooses a region in the form, and writes what the reader then sees (whether the form shows,
//! the count said, the cards left visible) into `<pre id="result">`.

use std::path::{Path, PathBuf};

/// The page that filters the services list of the frame by the region `REGION`.
const FRAME: &str = r#"<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>filtre</title></head>
<body><iframe id="f" width="1000" height="900" title="services"></iframe><pre id="result"></pre><script>
var f = document.getElementById('f');
f.addEventListener('load', function () {
  var d = f.contentDocument;
  var select = d.getElementById('filter-region');
  select.value = 'REGION';
  select.dispatchEvent(new Event('change', { bubbles: true }));
  var shown = Array.prototype.filter.call(d.querySelectorAll('#filtered > li'), function (li) {
    return li.getClientRects().length > 0;
  }).map(function (li) { return li.querySelector('a').getAttribute('href'); });
  document.getElementById('result').textContent = [
    d.getElementById('filters').hidden ? 'form hidden' : 'form shown',
    d.getElementById('filter-count').textContent
  ].concat(shown).join('|');
});
f.src = 'services/index.html';
</script></body></html>"#;

/// Writes the filtering page for `region` (an INSEE code) into the site and returns its path.
pub fn write_frame(site: &Path, region: &str) -> PathBuf {
    let path = site.join("filter-check.html");
    std::fs::write(&path, FRAME.replace("REGION", region)).unwrap();
    path
}

/// What the filtering page wrote, from its dumped DOM.
pub fn result(dom: &str) -> Option<&str> {
    let start = dom.find("<pre id=\"result\">")? + "<pre id=\"result\">".len();
    Some(&dom[start..start + dom[start..].find("</pre>")?])
}
