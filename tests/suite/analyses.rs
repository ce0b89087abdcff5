//! The analyses of the 2020 study on the portal, built from `tests/fixtures/site/basic`: level
//! radars beside rate radars, editors' occupation of the POS, solution maps, and
//! organisations' own answers.

use crate::harness::RepoTest;

fn built(t: &RepoTest) {
    let out = t.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

fn read(t: &RepoTest, rel: &str) -> String {
    std::fs::read_to_string(t.path().join("public").join(rel))
        .unwrap_or_else(|e| panic!("public/{rel}: {e}"))
}

/// The `<figure>` of the chart whose `<svg>` has id `id`, its drawing left out.
fn figure(html: &str, id: &str) -> String {
    let at = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no chart {id}"));
    let start = html[..at].rfind("<figure").expect("figure start");
    let end = at + html[at..].find("</figure>").expect("figure end");
    let fig = &html[start..end];
    let (svg, svg_end) = (fig.find("<svg").unwrap(), fig.find("</svg>").unwrap());
    format!("{}<svg/>{}", &fig[..svg], &fig[svg_end + "</svg>".len()..])
}

/// The text of an HTML fragment, its tags left out.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The body rows of a fragment's first table, as the texts of their cells.
fn rows(html: &str) -> Vec<Vec<String>> {
    let body = &html[html.find("<tbody>").expect("tbody")..];
    let body = &body[..body.find("</tbody>").unwrap()];
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            row.split("</t")
                .filter_map(|cell| {
                    let open = cell.rfind("<th").max(cell.rfind("<td"))?;
                    let start = open + cell[open..].find('>')? + 1;
                    Some(text(&cell[start..]))
                })
                .collect()
        })
        .collect()
}

// Beside each rate radar, the radar of mean levels per axis (0–3) with its title, population,
// legend in levels and data table equal to `convergence score --by national`.
#[test]
fn level_radars_stand_beside_rate_radars() {
    let t = RepoTest::fixture("site/basic");
    built(&t);
    let home = read(&t, "index.html");
    let rate = home.find("id=\"rosace-services\"").expect("rate radar");
    let level = home.find("id=\"niveaux-services\"").expect("level radar");
    let map = home.find("id=\"carte-services\"").expect("map");
    assert!(rate < level && level < map, "rate radar, level radar, map");
    let fig = figure(&home, "niveaux-services");
    assert!(fig.contains(
        "<figcaption class=\"chart-title\">Niveau de maturité moyen par axe, France entière, de 0 à 3 — Urbanisation des services — à date (15/12/2020), fin 2022 et fin 2025<span class=\"chart-note\">2 services concernés</span></figcaption>"
    ));
    assert!(fig.contains("cercles : niveaux 1, 2 et 3 (bord)"));
    assert_eq!(
        rows(&fig),
        [
            ["A06 INS", "1,00 / 3", "3,00 / 3", "3,00 / 3"],
            ["A12 MSSanté", "2,00 / 3", "1,50 / 3", "1,50 / 3"],
            [
                "A14 Services numériques de coordination",
                "2,00 / 3",
                "2,00 / 3",
                "2,00 / 3"
            ],
        ]
    );
    // The levels at date are those the score command prints per axis.
    let score = t.run(&["score", "--by", "national"]);
    for (axis, level) in [
        ("A06", "1.00 / 3"),
        ("A12", "2.00 / 3"),
        ("A14", "2.00 / 3"),
    ] {
        assert!(
            score
                .stdout
                .lines()
                .any(|l| l.contains(&format!(" {axis} ")) && l.ends_with(level)),
            "{axis} {level} in\n{}",
            score.stdout
        );
    }
    let q = read(&t, "questionnaires/services/index.html");
    assert!(q.find("id=\"rosace\"").unwrap() < q.find("id=\"niveaux\"").unwrap());
    let region = read(&t, "regions/auvergne-rhone-alpes.html");
    let fig = figure(&region, "niveaux-r-services");
    assert_eq!(
        rows(&fig)[0],
        ["A06 INS", "1,00 / 3", "3,00 / 3", "3,00 / 3"]
    );
}

// The editors' occupation of the POS: one row per place of the POS named by its title, one
// column per editor with services, in regions and in services; archived sheets, products and
// non-publishable sheets left out; linked from the editors' list and each editor page.
#[test]
fn editors_occupation_counts_regions_and_services_per_zone() {
    let t = RepoTest::fixture("site/basic");
    built(&t);
    let page = read(&t, "editeurs/occupation.html");
    assert!(page.contains("<h1>Occupation du POS par les éditeurs</h1>"));
    assert!(page.contains(
        "<thead><tr><th scope=\"col\">Zone fonctionnelle</th><th scope=\"col\">Maincare (fictif)</th><th scope=\"col\">Tous éditeurs</th></tr></thead>"
    ));
    let regions = &page[page.find("<h2>En nombre de régions</h2>").unwrap()..];
    let services = &page[page.find("<h2>En nombre de services</h2>").unwrap()..];
    let want = [
        ["Coordination", "1", "1"],
        ["Télésanté", "1", "1"],
        ["Ressources techniques", "0", "0"],
    ];
    assert_eq!(rows(regions), want);
    assert_eq!(rows(services), want);
    assert!(page.contains("<table class=\"sortable\">"));
    assert!(read(&t, "editeurs/index.html").contains("href=\"../editeurs/occupation.html\""));
    assert!(read(&t, "editeurs/maincare.html").contains("<a href=\"occupation.html\">"));
}

// A solution page maps the regions where the solution is deployed, the others absent; an
// unused solution has no map.
#[test]
fn solution_pages_map_the_regions_of_their_deployments() {
    let t = RepoTest::fixture("site/basic");
    built(&t);
    let page = read(&t, "editeurs/maincare/ideocm.html");
    let fig = figure(&page, "deploiement-maincare-ideocm");
    assert!(fig.contains(
        "<figcaption class=\"chart-title\">Régions où la solution IdeoCM est déployée<span class=\"chart-note\">2 services déployés dans 2 régions</span></figcaption>"
    ));
    let rows = rows(&fig);
    assert_eq!(rows.len(), 18);
    assert!(rows.contains(&vec!["Auvergne-Rhône-Alpes".into(), "1 service".into()]));
    assert!(rows.contains(&vec!["Bretagne".into(), "1 service".into()]));
    assert!(rows.contains(&vec!["Normandie".into(), "absente".into()]));
    let svg = &page[page.find("id=\"deploiement-maincare-ideocm\"").unwrap()..];
    let svg = &svg[..svg.find("</svg>").unwrap()];
    assert_eq!(svg.matches("class=\"absent\"").count(), 16);
    assert!(svg.contains("<title>Bretagne : 1 service</title>"));
    assert!(!read(&t, "editeurs/maincare/odyssee.html").contains("deploiement-"));
}

// An organisation page shows the organisation's own answers to an organisation questionnaire
// as a sheet shows them (the same partial): criterion, level in its colour with its wording,
// expected level, comment, convergence plan.
#[test]
fn organisation_pages_show_their_own_answers_and_plan() {
    let t = RepoTest::fixture("site/basic");
    t.write(
        "questionnaires/regional.yaml",
        "id: regional\ntitle: Urbanisation régionale\nversion: \"2020\"\nscope: organisation\nscale: standard\naxes:\n  - id: A03\n    title: Schéma d'architecture\n    criteria:\n      - id: A03.1\n        title: Cartographie des services\n        levels:\n          0: Aucune cartographie.\n          1: Cartographie partielle.\n          2: Cartographie avec les interactions.\n          3: Cartographie positionnée sur la cible.\n        expected:\n          - { level: 3, from: 2020-12-15 }\n",
    );
    let org = std::fs::read_to_string(t.path().join("answers/ara/organisation.yaml")).unwrap();
    t.write(
        "answers/ara/organisation.yaml",
        format!(
            "{org}publishable: true\nstatus: validated\nassessed_on: 2020-11-02\nquestionnaires:\n  regional:\n    version: \"2020\"\n    answers:\n      A03.1:\n        level: 2\n        comment: Cartographie tenue par le GRADeS.\n        plan: {{ 2021-T4: 3 }}\n"
        ),
    );
    built(&t);
    let page = read(&t, "organisations/ara.html");
    let from = page
        .find("<caption>Réponses — Urbanisation régionale</caption>")
        .expect("answers table");
    let table = &page[from..from + page[from..].find("</table>").unwrap()];
    assert_eq!(
        rows(table),
        [[
            "A03.1 Cartographie des services",
            "2 · jauneCartographie avec les interactions.",
            // Expected 3 at date, reached by the plan in 2021-T4.
            "3planifié",
            "Cartographie tenue par le GRADeS.\n",
            "2021-T4 3 · vert",
        ]]
    );
    assert!(table.contains("<a href=\"../questionnaires/regional/A03.html#A03.1\">A03.1</a>"));
    assert!(table.contains("<p class=\"level-text\">Cartographie avec les interactions.</p>"));
    // The sheets keep their table, without the wording.
    assert!(!read(&t, "services/ara-dcc.html").contains("level-text"));
}

// An axis page gives the mean level at date and at each projection date, as the study does
// beside the projected rates.
#[test]
fn axis_pages_give_the_projected_levels() {
    let t = RepoTest::fixture("site/basic");
    built(&t);
    let page = read(&t, "questionnaires/services/A06.html");
    for fact in [
        "<dt>Niveau moyen</dt><dd>1,00 / 3</dd>",
        "<dt>Niveau — Fin 2022</dt><dd>3,00 / 3</dd>",
        "<dt>Niveau — Fin 2025</dt><dd>3,00 / 3</dd>",
    ] {
        assert!(page.contains(fact), "{fact}");
    }
}

// Each POS zone is a card with a stable id on its domain page; the search index, the zone's own
// card and the service sheets link to that id, and the site's link check finds every fragment.
#[test]
fn zones_are_anchored_on_their_domain_page() {
    use crate::site::links;
    let t = RepoTest::fixture("site/basic");
    built(&t);
    let domain = read(&t, "pos/6.html");
    for (id, title) in [("6.2", "Coordination"), ("6.5", "Télésanté")] {
        let card = format!(
            "<li class=\"card\" id=\"zone-{id}\">\n    <h3 class=\"card__title\"><a href=\"../pos/6.html#zone-{id}\">{id} {title}</a></h3>"
        );
        assert!(domain.contains(&card), "pos/6.html lacks {card}");
    }
    assert!(
        read(&t, "services/ara-dcc.html")
            .contains("<a href=\"../pos/6.html#zone-6.2\">6.2 Coordination</a>")
    );
    let site = links::read_site(&t.path().join("public"));
    let index = read(&t, "search-index.js");
    let zones: Vec<&str> = index
        .split('"')
        .filter(|s| s.starts_with("pos/") && s.contains('#'))
        .collect();
    assert_eq!(zones, ["pos/6.html#zone-6.2", "pos/6.html#zone-6.5"]);
    for url in zones {
        assert_eq!(links::missing_fragment(&site, "pos/6.html", url), None);
    }
    assert_eq!(links::check(&site), Vec::<String>::new());
}

// The link check reports a fragment its target page does not hold, on another page or its own.
#[test]
fn the_link_check_finds_missing_fragments() {
    let site = std::collections::BTreeMap::from([
        (
            "pos/6.html".to_string(),
            b"<p id=\"zone-6.2\"><a href=\"#zone-6.2\">a</a><a href=\"#zone-9\">b</a></p>".to_vec(),
        ),
        (
            "index.html".to_string(),
            b"<a href=\"pos/6.html#zone-6.2\">c</a><a href=\"pos/6.html#zone-6.4\">d</a>".to_vec(),
        ),
    ]);
    assert_eq!(
        crate::site::links::check(&site),
        [
            "index.html: ancre absente #zone-6.4 dans pos/6.html",
            "pos/6.html: ancre absente #zone-9 dans pos/6.html",
        ]
    );
}
