//! Region cartography and axis pages: the views of the publication §6.2 and §7.

use crate::harness::RepoTest;

#[test]
fn region_page_places_services_and_national_services_on_the_pos() {
    // alpha-dcc (common core, zone 6.2) is a white card linking to its sheet; the DMP, a
    // national core service of zone 6.2, is shown beside it; a non-publishable service is not.
    let t = RepoTest::fixture("base");
    let text = std::fs::read_to_string(t.path().join("answers/alpha/alpha-dcc.yaml")).unwrap();
    t.write(
        "answers/alpha/alpha-secret.yaml",
        text.replace("id: alpha-dcc", "id: alpha-secret")
            .replace("name: DCC régional", "name: Canari secret")
            .replace("publishable: true", "publishable: false"),
    );
    let out = t.run(&["build"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let html =
        std::fs::read_to_string(t.path().join("public/regions/auvergne-rhone-alpes.html")).unwrap();
    let zone = html
        .split("<h4>6.2 Coordination</h4>")
        .nth(1)
        .expect("zone 6.2 shown");
    let zone = zone.split("</ul>").next().unwrap();
    assert!(
        zone.contains(r#"<li class="carto-card carto-core"><a href="../services/alpha-dcc.html">DCC régional</a>"#),
        "{zone}"
    );
    assert!(
        zone.contains(r#"<li class="carto-card carto-national">DMP"#),
        "{zone}"
    );
    assert!(!html.contains("Canari secret"));
}

#[test]
fn axis_page_has_trajectory_region_maps_and_doctrine() {
    // The A06 page of the base fixture: the projected curve, one map per date (at date, end
    // 2022, end 2025) and the text of content/doctrine/a06.md.
    let t = RepoTest::fixture("base");
    let out = t.run(&["build"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let html =
        std::fs::read_to_string(t.path().join("public/questionnaires/services/A06.html")).unwrap();
    let titles: Vec<&str> = html
        .match_indices(r#"<figcaption class="chart-title">"#)
        .map(|(i, m)| html[i + m.len()..].split('<').next().unwrap())
        .collect();
    assert_eq!(
        titles[1..],
        [
            "Taux de maturité national projeté à la fin de chaque trimestre, en % — A06 INS",
            "A06 INS par région, en % — À date (15/12/2020)",
            "A06 INS par région, en % — Fin 2022",
            "A06 INS par région, en % — Fin 2025"
        ]
    );
    assert!(
        html.contains("<p>L’identifiant national de santé.</p>"),
        "doctrine text inline"
    );
}

#[test]
fn every_region_draws_every_domain_and_zone() {
    // The same layout for every region: each domain and zone of the POS is drawn, an empty one
    // saying so, and a domain of many zones spans the width.
    let t = RepoTest::fixture("base");
    assert_eq!(t.run(&["build"]).code, 0);
    let pos = std::fs::read_to_string(t.path().join("content/referentials/pos.yaml")).unwrap();
    let html =
        std::fs::read_to_string(t.path().join("public/regions/auvergne-rhone-alpes.html")).unwrap();
    let domains = html.matches("<section class=\"carto-domain").count();
    assert_eq!(domains, pos.matches("\n  - id:").count(), "every domain");
    let zones = html.matches("<div class=\"carto-zone\">").count();
    assert_eq!(zones, pos.matches("\n      - ").count(), "every zone");
    assert!(html.contains("<p class=\"carto-empty\">Aucun service</p>"));
}

#[test]
fn organisation_questionnaires_get_their_region_map_too() {
    // The regional questionnaire is answered in organisation.yaml: it is mapped like the others.
    let t = RepoTest::fixture("base");
    assert_eq!(t.run(&["build"]).code, 0);
    let home = std::fs::read_to_string(t.path().join("public/index.html")).unwrap();
    assert!(
        home.contains(r#"id="carte-regional""#),
        "map of the regional questionnaire"
    );
    assert!(
        home.contains(r#"id="carte-services""#),
        "map of the service questionnaire"
    );
}
