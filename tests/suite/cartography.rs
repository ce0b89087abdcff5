//! The region page places each public service on the functional map.

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
