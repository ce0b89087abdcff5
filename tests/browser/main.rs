//! Browser checks of the built portal: builds the site fixture, checks links and external
//! resources in Rust, then opens one page of every kind in headless Chromium (`--dump-dom` and
//! `--screenshot` at 1280 and 360 px), checks that every chart has a visible title and that
//! no chart text is below 12 px on a 360 px screen, then runs a search and filters the
//! services list by a region (`filter.rs`), and types queries into the search page of a larger
//! copy of the fixture, checking the ranking and the notice of cut results (`search.rs`). Skips with a message when
//! `/usr/bin/chromium` is absent. Run with `cargo test --test browser`; screenshots land in
//! `target/browser-shots/` (`<page>_1280.png`, `<page>_360.png`), kept by CI as artefacts.

mod charts;
mod filter;
mod links;
mod search;

use std::path::{Path, PathBuf};
use std::process::Command;

const CHROMIUM: &str = "/usr/bin/chromium";

/// One page of every kind in the fixture site.
const PAGES: &[&str] = &[
    "index.html",
    "synthese.html",
    "questionnaires/index.html",
    "questionnaires/services/index.html",
    "questionnaires/services/A06.html",
    "services/index.html",
    "services/ara-dcc.html",
    "regions/index.html",
    "regions/auvergne-rhone-alpes.html",
    "pos/index.html",
    "pos/6.html",
    "pos/zones.html",
    "editeurs/maincare.html",
    "editeurs/maincare/ideocm.html",
    "organisations/ara.html",
    "doctrine/ins.html",
    "faq/index.html",
    "pages/a-propos.html",
    "methode.html",
    "donnees.html",
    "recherche.html",
    "editeurs/occupation.html",
];

/// Queries typed into the search page, each with what the page then shows: the query, the
/// status line, how many results are listed, the first three.
const SEARCHES: [(&str, &str); 5] = [
    // The region (title is the query), the organisation (word in the title), then the services
    // whose organisation says it (word in the text), shortest title first; cut at 50.
    (
        "Bretagne",
        "Bretagne|50 premiers résultats sur 63 : précisez la recherche pour voir les autres.|50\
         |Bretagne (Région)|GIP e-Bretagne (fictif) (Organisation)|Téléconsultation régionale (Service)",
    ),
    // Accents and case aside.
    (
        "telesante",
        "telesante|1 résultat|1|Télésanté (Zone du POS)",
    ),
    // The title that is the query, then the titles starting with it, in alphabetical order;
    // « 1 » starts no word of « 21 ».
    (
        "TÉLÉCONSULTATION régionale 1",
        "TÉLÉCONSULTATION régionale 1|11 résultats|11|Téléconsultation régionale 1 (Service)\
         |Téléconsultation régionale 10 (Service)|Téléconsultation régionale 11 (Service)",
    ),
    // The exact title, then titles holding the word, shorter first.
    (
        "coordination",
        "coordination|4 résultats|4|Coordination (Zone du POS)|Services numériques de coordination (Axe)\
         |Partage du plan personnalisé de coordination (Critère)",
    ),
    ("zzz", "zzz|Aucun résultat pour « zzz ».|0"),
];

fn build_fixture(out: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site/basic");
    let status = Command::new(env!("CARGO_BIN_EXE_convergence"))
        .arg("--root")
        .arg(&root)
        .args(["build", "--out"])
        .arg(out)
        .status()
        .expect("convergence runs");
    assert!(status.success(), "build failed");
}

fn chromium(args: &[String]) -> std::process::Output {
    let profile = tempfile::tempdir().unwrap();
    Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--allow-file-access-from-files",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .output()
        .expect("chromium runs")
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build_fixture(&out);
    let site = links::read_site(&out);
    let problems = links::check(&site);
    assert!(problems.is_empty(), "link problems: {problems:#?}");
    for page in PAGES {
        assert!(site.contains_key(*page), "missing page {page}");
    }
    println!(
        "links: {} files checked, no broken link, no external resource",
        site.len()
    );

    if !Path::new(CHROMIUM).exists() {
        println!("SKIPPED browser checks: {CHROMIUM} not found (apt-get install -y chromium)");
        println!("1 passed; 0 failed; 1 skipped");
        return;
    }
    let shots = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/browser-shots");
    std::fs::create_dir_all(&shots).unwrap();
    let (mut passed, mut failed) = (1, 0);
    let frame = charts::write_frame(&out);
    let mut measured_charts = 0;
    for page in PAGES {
        let url = format!("file://{}", out.join(page).display());
        let dom = chromium(&["--dump-dom".into(), url.clone()]);
        let html = String::from_utf8_lossy(&dom.stdout);
        let ok =
            html.contains("<main") && html.contains("lang=\"fr\"") && html.contains("</footer>");
        let search_ok = *page != "recherche.html" || html.contains("id=\"search-results\"");
        let name = page.replace('/', "_").replace(".html", "");
        let mut shots_ok = true;
        for (width, height) in [(1280, 1600), (charts::NARROW, 2400)] {
            let shot = chromium(&[
                format!(
                    "--screenshot={}",
                    shots.join(format!("{name}_{width}.png")).display()
                ),
                format!("--window-size={width},{height}"),
                url.clone(),
            ]);
            shots_ok &= shot.status.success();
        }
        // The charts as a 360 px screen shows them.
        let check = chromium(&[
            "--window-size=1280,900".into(),
            "--virtual-time-budget=10000".into(),
            "--dump-dom".into(),
            format!("file://{}#{page}", frame.display()),
        ]);
        let problems = match charts::parse(&String::from_utf8_lossy(&check.stdout)) {
            Some(m) => {
                measured_charts += m.charts;
                charts::problems(page, &m)
            }
            None => vec![format!("{page}: charts not measured")],
        };
        if ok && search_ok && shots_ok && problems.is_empty() {
            passed += 1;
        } else {
            failed += 1;
            eprintln!(
                "FAILED {page}: dom ok {ok}, search ok {search_ok}, screenshots ok {shots_ok}, charts {problems:?}"
            );
        }
    }
    // The pages of the fixture hold charts: the measure above is not vacuous.
    if measured_charts < 10 {
        failed += 1;
        eprintln!("FAILED charts: only {measured_charts} charts measured");
    }
    // The search script runs from file:// and finds the service by a word of its name.
    let url = format!("file://{}?q=dcc", out.join("recherche.html").display());
    let dom = chromium(&["--dump-dom".into(), url]);
    let html = String::from_utf8_lossy(&dom.stdout);
    if html.contains("services/ara-dcc.html") {
        passed += 1;
    } else {
        failed += 1;
        eprintln!("FAILED search: no result for « dcc »");
    }
    // The services list filtered by Brittany: the form shows, says the count, and only the
    // Breton service stays visible.
    let page = filter::write_frame(&out, "53");
    let dom = chromium(&[
        "--virtual-time-budget=10000".into(),
        "--dump-dom".into(),
        format!("file://{}", page.display()),
    ]);
    let dom = String::from_utf8_lossy(&dom.stdout);
    let want = "form shown|1 service affiché sur 4|../services/bzh-tlc.html";
    if filter::result(&dom) == Some(want) {
        passed += 1;
    } else {
        failed += 1;
        eprintln!("FAILED filter: {:?}, want {want:?}", filter::result(&dom));
    }
    // Queries typed into the search box of a site with 63 Breton entries: ranking (the title
    // is the query, then starts with it, then holds every word, then the text does), accents
    // and case aside, and the notice when results are cut.
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site/basic");
    let big = dir.path().join("search");
    search::build_site(&fixture, &big.join("repo"), &big.join("public"));
    let page = search::write_frame(&big.join("public"), &SEARCHES.map(|(q, _)| q));
    let dom = chromium(&[
        "--virtual-time-budget=10000".into(),
        "--dump-dom".into(),
        format!("file://{}", page.display()),
    ]);
    let dom = String::from_utf8_lossy(&dom.stdout);
    let want = SEARCHES.map(|(_, w)| w).join("\n");
    if search::result(&dom) == Some(want.as_str()) {
        passed += 1;
    } else {
        failed += 1;
        eprintln!(
            "FAILED search ranking:\n{:?}\nwant\n{want}",
            search::result(&dom)
        );
    }
    println!("screenshots in {}", shots.display());
    println!("{passed} passed; {failed} failed");
    if failed > 0 {
        std::process::exit(1);
    }
}
