//! Search in a browser: the site fixture with sixty more Breton services (so that a query has
//! more results than the page shows), `recherche.html` loaded in a frame, queries typed into
//! the search box one character at a time; the page writes what the reader then sees (the
//! status line, the number of results listed, the first three with their kinds) into
//! `<pre id="result">`, one line per query.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Services added to the fixture.
pub const EXTRA: usize = 60;

/// The page that types each query of `QUERIES` and writes what the search page shows.
const FRAME: &str = r#"<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>recherche</title></head>
<body><iframe id="f" width="1000" height="900" title="recherche"></iframe><pre id="result"></pre><script>
var f = document.getElementById('f');
f.addEventListener('load', function () {
  var d = f.contentDocument, input = d.getElementById('q'), lines = [];
  QUERIES.forEach(function (q) {
    for (var i = 0; i <= q.length; i++) {
      input.value = q.slice(0, i);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
    var items = Array.prototype.map.call(d.querySelectorAll('#search-results > li'), function (li) {
      return li.querySelector('a').textContent + ' (' + li.querySelector('.tag').textContent + ')';
    });
    lines.push([q, d.getElementById('search-status').textContent, items.length].concat(items.slice(0, 3)).join('|'));
  });
  document.getElementById('result').textContent = lines.join('\n');
});
f.src = 'recherche.html';
</script></body></html>"#;

/// Copies the folder `from` into `to`.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Builds the fixture with [`EXTRA`] copies of its Breton service (`bzh-tlc-1`… named
/// « Téléconsultation régionale 1 »…) into `out`.
pub fn build_site(fixture: &Path, repo: &Path, out: &Path) {
    copy_dir(fixture, repo);
    let service = std::fs::read_to_string(repo.join("answers/bzh/bzh-tlc.yaml")).unwrap();
    for n in 1..=EXTRA {
        let copy = service
            .replace("id: bzh-tlc", &format!("id: bzh-tlc-{n}"))
            .replace(
                "name: Téléconsultation régionale",
                &format!("name: Téléconsultation régionale {n}"),
            );
        std::fs::write(repo.join(format!("answers/bzh/bzh-tlc-{n}.yaml")), copy).unwrap();
    }
    let status = Command::new(env!("CARGO_BIN_EXE_convergence"))
        .arg("--root")
        .arg(repo)
        .args(["build", "--out"])
        .arg(out)
        .status()
        .expect("convergence runs");
    assert!(status.success(), "build failed");
}

/// Writes the page typing `queries` into the site and returns its path.
pub fn write_frame(site: &Path, queries: &[&str]) -> PathBuf {
    let path = site.join("search-check.html");
    let list = serde_json::to_string(queries).unwrap();
    std::fs::write(&path, FRAME.replace("QUERIES", &list)).unwrap();
    path
}

/// What the page wrote, from its dumped DOM (HTML entities of the text left as they are).
pub fn result(dom: &str) -> Option<&str> {
    let start = dom.find("<pre id=\"result\">")? + "<pre id=\"result\">".len();
    Some(&dom[start..start + dom[start..].find("</pre>")?])
}
