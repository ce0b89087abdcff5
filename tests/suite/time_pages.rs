//! Time on the pages of the portal: the "Évolution dans le temps" panel of region,
//! organisation, editor, axis and sheet pages (campaigns, at date, projections, plans kept).

use crate::campaign::{feed, page_text};
use crate::harness::RepoTest;

/// The base fixture with campaign c1 closed at 2020-12-15, then built.
pub fn one_campaign() -> RepoTest {
    let t = RepoTest::fixture("base");
    let closed = t.run(&["campaign", "close", "c1", "--date", "2020-12-15"]);
    assert_eq!(closed.code, 0, "{}", closed.stderr);
    let out = t.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    t
}

/// The base fixture with campaign c1 closed at 2020-12-15, then alpha-dcc reaching 2 on A06.2
/// by 2021-T3 as planned (plan left: 2022-T2 → 3, assessed 2021-10-01) and campaign c2 closed
/// at 2021-12-15; then built.
pub fn two_campaigns() -> RepoTest {
    let t = RepoTest::fixture("base");
    let close = |id: &str, date: &str| {
        let out = t.run(&["campaign", "close", id, "--date", date]);
        assert_eq!(out.code, 0, "{}", out.stderr);
    };
    close("c1", "2020-12-15");
    t.edit("answers/alpha/alpha-dcc.yaml", "level: 1\n", "level: 2\n");
    t.edit(
        "answers/alpha/alpha-dcc.yaml",
        "plan: { 2021-T3: 2, 2022-T2: 3 }",
        "plan: { 2022-T2: 3 }",
    );
    t.edit(
        "answers/alpha/alpha-dcc.yaml",
        "assessed_on: 2020-12-01",
        "assessed_on: 2021-10-01",
    );
    close("c2", "2021-12-15");
    let out = t.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    t
}

/// The services table of a group page, by hand: alpha-dcc is 1 then 2 on A06.2 (expected 1:
/// 100 %) and 0 on A04.2.1 (expected 2: 0 %), so 50 % both times, level 0.50 then 1.00; at date
/// the same as c2; projected, A06.2 reaches 3 by 2022-T2: level 1.50, rate unchanged.
const GROUP_SERVICES: &str = "Urbanisation des services : évolution par campagne, à date et projetée \
Moment Version du questionnaire Taux Niveau Concernés Comparaison avec la ligne précédente \
Campagne c1 (15/12/2020) 2020 50,0 % 0,50 / 3 1 / 1 — \
Campagne c2 (15/12/2021) 2020 50,0 % 1,00 / 3 1 / 1 comparable \
À date (15/12/2020) 2020 50,0 % 1,00 / 3 1 comparable \
Fin 2022 (projection) 2020 50,0 % 1,50 / 3 1 projection des plans en cours \
Fin 2025 (projection) 2020 50,0 % 1,50 / 3 1 projection des plans en cours";

/// c1's milestone A06.2 2021-T3 → 2 is kept in c2; its 2022-T2 one is not due yet.
const ONE_KEPT: &str = "Plans de la campagne Jalons jugés Tenus En retard Abandonnés \
Campagne c1 (15/12/2020) 1 1 (100,0 %) 0 (0,0 %) 0 (0,0 %)";

fn assert_contains(text: &str, expected: &str) {
    assert!(text.contains(expected), "missing «{expected}» in:\n{text}");
}

// Region, organisation and editor pages show the group's trend and its plans kept.
#[test]
fn group_pages_show_campaigns_at_date_projections_and_plans_kept() {
    let t = two_campaigns();
    for page in [
        "regions/auvergne-rhone-alpes.html",
        "organisations/alpha.html",
        "editeurs/maincare.html",
    ] {
        let text = page_text(&t, page);
        assert_contains(&text, "Évolution dans le temps");
        assert_contains(&text, GROUP_SERVICES);
        assert_contains(&text, ONE_KEPT);
    }
    // The regional questionnaire (organisations) has its own trend on the region's page:
    // alpha answers A03.1 at 2 for 3 expected in both campaigns.
    assert_contains(
        &page_text(&t, "regions/auvergne-rhone-alpes.html"),
        "Campagne c1 (15/12/2020) 2020 66,7 % 2,00 / 3 1 / 1 — \
Campagne c2 (15/12/2021) 2020 66,7 % 2,00 / 3 1 / 1 comparable À date (15/12/2020) 2020 66,7 % 2,00 / 3 1 comparable",
    );
    // Bretagne has no subject: no panel.
    assert!(!page_text(&t, "regions/bretagne.html").contains("Évolution dans le temps"));
}

// The sheet's own figures in each campaign are scored from its frozen levels, and equal the
// group's here (one subject); no "Concernés" column on a sheet.
#[test]
fn a_sheet_shows_its_own_trend_and_plans_kept() {
    let t = two_campaigns();
    let text = page_text(&t, "services/alpha-dcc.html");
    assert_contains(
        &text,
        "Urbanisation des services : évolution par campagne, à date et projetée \
Moment Version du questionnaire Taux Niveau Comparaison avec la ligne précédente \
Campagne c1 (15/12/2020) 2020 50,0 % 0,50 / 3 — \
Campagne c2 (15/12/2021) 2020 50,0 % 1,00 / 3 comparable \
À date (15/12/2020) 2020 50,0 % 1,00 / 3 comparable \
Fin 2022 (projection) 2020 50,0 % 1,50 / 3 projection des plans en cours",
    );
    assert_contains(&text, ONE_KEPT);
}

// An axis page shows the national trend of that axis only, and the milestones of its criteria.
#[test]
fn an_axis_page_shows_the_axis_trend_and_its_plans_kept() {
    let t = two_campaigns();
    let text = page_text(&t, "questionnaires/services/A06.html");
    assert_contains(
        &text,
        "Urbanisation des services — axe A06 : évolution par campagne, à date et projetée \
Moment Version du questionnaire Taux Niveau Concernés Comparaison avec la ligne précédente \
Campagne c1 (15/12/2020) 2020 100,0 % 1,00 / 3 1 / 1 — \
Campagne c2 (15/12/2021) 2020 100,0 % 2,00 / 3 1 / 1 comparable \
À date (15/12/2020) 2020 100,0 % 2,00 / 3 1 comparable \
Fin 2022 (projection) 2020 100,0 % 3,00 / 3 1 projection des plans en cours",
    );
    assert_contains(&text, ONE_KEPT);
    let other = page_text(&t, "questionnaires/services/A04.2.html");
    assert_contains(
        &other,
        "Campagne c1 (15/12/2020) 2020 0,0 % 0,00 / 3 1 / 1 —",
    );
    assert!(!other.contains("Jalons jugés"), "{other}");
}

// Without any campaign the pages still show at date and projections, and say no campaign is
// closed.
#[test]
fn without_campaigns_the_panel_shows_at_date_and_projections() {
    let t = RepoTest::fixture("base");
    let out = t.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = page_text(&t, "regions/auvergne-rhone-alpes.html");
    assert_contains(
        &text,
        "Moment Version du questionnaire Taux Niveau Concernés Comparaison avec la ligne précédente \
À date (15/12/2020) 2020 50,0 % 0,50 / 3 1 — Fin 2022 (projection)",
    );
    assert_contains(&text, "Aucune campagne close pour l'instant.");
}

// Feeds per organisation and per questionnaire of the base fixture outside git, with campaign
// c1 closed on 2020-12-15, parsed back: the organisation's feed has its sheets, the
// questionnaire's feed the sheets that answered it and its own versions; the campaign is in
// every one; drafts and non-publishable sheets are in none. The pages link their feed, and the
// same sources build the same bytes.
#[test]
fn organisation_and_questionnaire_feeds_parse_back_with_their_entries() {
    let t = one_campaign();
    let ids = |path: &str| -> Vec<String> {
        let (_, _, _, entries) = feed(&t, path);
        entries.into_iter().map(|[_, id, _, _]| id).collect()
    };
    let campaign = "urn:convergence:campagne:c1";
    let regional = "urn:convergence:questionnaire:regional:2020";
    let services = "urn:convergence:questionnaire:services:2020";
    let sheet = "urn:convergence:fiche:alpha-dcc:2020-12-01";
    let (title, updated, links, entries) = feed(&t, "feeds/organisations/alpha.xml");
    assert_eq!(title, "Observatoire de test — GRADeS Alpha");
    assert_eq!(updated, "2020-12-15T00:00:00+00:00");
    assert_eq!(
        links,
        ["alternate ../../organisations/alpha.html", "self alpha.xml"]
    );
    assert_eq!(
        entries[3],
        [
            "Fiche mise à jour : DCC régional".to_string(),
            sheet.to_string(),
            "2020-12-01T00:00:00+00:00".to_string(),
            "../../services/alpha-dcc.html".to_string(),
        ]
    );
    assert_eq!(
        ids("feeds/organisations/alpha.xml"),
        [campaign, regional, services, sheet]
    );
    // Maincare's products are drafts.
    assert_eq!(
        ids("feeds/organisations/editeur-x.xml"),
        [campaign, regional, services]
    );
    let (title, _, links, _) = feed(&t, "feeds/questionnaires/services.xml");
    assert_eq!(title, "Observatoire de test — Urbanisation des services");
    assert_eq!(
        links,
        [
            "alternate ../../questionnaires/services/index.html",
            "self services.xml"
        ]
    );
    assert_eq!(
        ids("feeds/questionnaires/services.xml"),
        [campaign, services, sheet]
    );
    assert_eq!(
        ids("feeds/questionnaires/regional.xml"),
        [campaign, regional]
    );
    for (page, href) in [
        (
            "organisations/alpha.html",
            "../feeds/organisations/alpha.xml",
        ),
        (
            "questionnaires/services/index.html",
            "../../feeds/questionnaires/services.xml",
        ),
    ] {
        let html = std::fs::read_to_string(t.path().join("public").join(page)).unwrap();
        let link = format!(
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Flux Atom\" href=\"{href}\">"
        );
        assert!(html.contains(&link), "{page}: {html}");
    }
    let bytes = |path: &str| std::fs::read(t.path().join("public").join(path)).unwrap();
    let before = bytes("feeds/organisations/alpha.xml");
    let out = t.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(bytes("feeds/organisations/alpha.xml"), before);

    // A sheet that may not be published leaves its organisation's and questionnaire's feeds.
    t.edit(
        "answers/alpha/alpha-dcc.yaml",
        "publishable: true",
        "publishable: false",
    );
    let out = t.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        ids("feeds/organisations/alpha.xml"),
        [campaign, regional, services]
    );
    assert_eq!(
        ids("feeds/questionnaires/services.xml"),
        [campaign, services]
    );
}

/// The HTML of a built page.
fn html(t: &RepoTest, path: &str) -> String {
    std::fs::read_to_string(t.path().join("public").join(path)).unwrap()
}

// Sheet, organisation, solution and region pages offer their badges and widget to paste, with
// absolute addresses when built with --base-url.
#[test]
fn pages_offer_their_badges_and_widget_to_paste() {
    let t = RepoTest::fixture("base");
    let out = t.run(&["build", "--base-url", "https://obs.example/"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let sheet = html(&t, "services/alpha-dcc.html");
    assert!(
        sheet.contains(
            "<img src=\"../badges/service/alpha-dcc.svg\" alt=\"convergence : DCC régional — Urbanisation des services\">\n    \
<figcaption>Badge — DCC régional — Urbanisation des services<br><code>&lt;a href=&quot;https://obs.example/services/alpha-dcc.html&quot;&gt;\
&lt;img src=&quot;https://obs.example/badges/service/alpha-dcc.svg&quot; alt=&quot;convergence : DCC régional — Urbanisation des services&quot;&gt;&lt;/a&gt;</code>"
        ),
        "{sheet}"
    );
    assert!(!sheet.contains("voir le widget"), "{sheet}");
    let iframe = |path: &str, name: &str| {
        format!(
            "<code>&lt;iframe src=&quot;https://obs.example/{path}&quot; title=&quot;Convergence — {name}&quot; width=&quot;420&quot; height=&quot;720&quot; style=&quot;border:0&quot; loading=&quot;lazy&quot;&gt;&lt;/iframe&gt;</code>"
        )
    };
    let org = html(&t, "organisations/alpha.html");
    assert!(org.contains("badges/organisation/alpha.svg"), "{org}");
    assert!(
        org.contains(&iframe("widgets/organisations/alpha.html", "GRADeS Alpha")),
        "{org}"
    );
    assert!(org.contains("<a href=\"../widgets/organisations/alpha.html\">voir le widget</a>"));
    let region = html(&t, "regions/auvergne-rhone-alpes.html");
    assert!(
        region.contains(&iframe(
            "widgets/regions/auvergne-rhone-alpes.html",
            "Auvergne-Rhône-Alpes"
        )),
        "{region}"
    );
    let solution = html(&t, "editeurs/maincare/ideocm.html");
    assert!(
        solution.contains(
            "&lt;img src=&quot;https://obs.example/badges/solution/maincare/ideocm.svg&quot;"
        ),
        "{solution}"
    );
}

// A region's widget: key figures and rosace of each questionnaire, by hand (alpha-dcc 50 %,
// level 0.50, 1.50 projected; alpha 2 for 3 expected on the regional questionnaire, 66.7 %, and
// 3 planned by 2021-T4, 100 % projected), no navigation,
// no script, assets and links relative, links opened in the top window. A region without
// figures says so. A non-publishable sheet leaves the widgets.
#[test]
fn a_widget_shows_key_figures_and_rosaces_without_chrome() {
    let t = RepoTest::fixture("base");
    let out = t.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let path = "widgets/regions/auvergne-rhone-alpes.html";
    let page = html(&t, path);
    let text = page_text(&t, path);
    assert_contains(
        &text,
        "Auvergne-Rhône-Alpes Urbanisation régionale Répondants 1 \
Taux de maturité — À date (15/12/2020) 66,7 % Taux de maturité — Fin 2022 100,0 % \
Taux de maturité — Fin 2025 100,0 % Niveau de maturité moyen 2,00 / 3",
    );
    assert_contains(
        &text,
        "Urbanisation des services Répondants 1 \
Taux de maturité — À date (15/12/2020) 50,0 % Taux de maturité — Fin 2022 50,0 % \
Taux de maturité — Fin 2025 50,0 % Niveau de maturité moyen 0,50 / 3",
    );
    assert!(page.contains("<svg"), "{page}");
    // Nothing fetched from elsewhere (the SVG namespace is a name, not a request).
    for absent in [
        "<nav",
        "<script",
        "<header",
        "<footer",
        "src=\"http",
        "href=\"http",
    ] {
        assert!(!page.contains(absent), "{absent} in {page}");
    }
    assert!(page.contains("<link rel=\"stylesheet\" href=\"../../assets/style.css\">"));
    assert!(page.contains(
        "<a href=\"../../regions/auvergne-rhone-alpes.html\" target=\"_top\">Auvergne-Rhône-Alpes</a>"
    ));
    assert_contains(
        &page_text(&t, "widgets/regions/bretagne.html"),
        "Bretagne Aucun chiffre de maturité publié pour l'instant : les autres résultats, \
dont la conformité, sont sur la page de Bretagne .",
    );

    t.edit(
        "answers/alpha/alpha-dcc.yaml",
        "publishable: true",
        "publishable: false",
    );
    let out = t.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for path in [path, "widgets/organisations/alpha.html"] {
        let text = page_text(&t, path);
        assert!(!text.contains("Urbanisation des services"), "{text}");
        assert!(!text.contains("DCC régional") && !html(&t, path).contains("alpha-dcc"));
        assert_contains(&text, "Urbanisation régionale Répondants 1");
    }
}

// Each answer of a sheet says where it stands against the doctrine's expected level at the
// reference date: alpha-dcc is 1 on A06.2 (expected 1: "à jour") and 0 on A04.2.1 (expected
// 2, not plannable: "en retard"); with a plan reaching 2 instead, A04.2.1 is "planifié".
#[test]
fn a_sheet_says_where_each_answer_stands_against_the_expected_level() {
    let t = RepoTest::fixture("base");
    let build = |t: &RepoTest| {
        let out = t.run(&["build"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        html(t, "services/alpha-dcc.html")
    };
    let sheet = build(&t);
    assert_contains(&sheet, r#"<td>1<p class="standing">à jour</p></td>"#);
    assert_contains(&sheet, r#"<td>2<p class="standing">en retard</p></td>"#);
    t.edit(
        "answers/alpha/alpha-dcc.yaml",
        "not_plannable: Le ROR régional n'est pas encore déployé.",
        "plan: { 2022-T2: 2 }",
    );
    let sheet = build(&t);
    assert_contains(&sheet, r#"<td>2<p class="standing">planifié</p></td>"#);
    assert!(!sheet.contains("en retard</p>"));
}

// A page whose panel holds only plans kept (an editor's products are out of the group figures,
// so no trend table) does not explain projection rows it does not have.
#[test]
fn a_panel_without_projection_rows_has_no_projection_note() {
    let t = RepoTest::fixture("base");
    let socle = "answers/editeur-x/ideocm-socle.yaml";
    t.edit(socle, "status: draft", "status: validated");
    t.edit(
        socle,
        "A06.2: { level: 2 }",
        "A06.2: { level: 2, plan: { 2021-T3: 3 } }\n      A04.2.1: { level: 2 }",
    );
    let close = |id: &str, date: &str| {
        let out = t.run(&["campaign", "close", id, "--date", date]);
        assert_eq!(out.code, 0, "{}", out.stderr);
    };
    close("c1", "2020-12-15");
    t.edit(
        socle,
        "A06.2: { level: 2, plan: { 2021-T3: 3 } }",
        "A06.2: { level: 3 }",
    );
    t.edit(socle, "assessed_on: 2021-03-01", "assessed_on: 2021-10-01");
    close("c2", "2021-12-15");
    let out = t.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = page_text(&t, "organisations/editeur-x.html");
    assert_contains(&text, ONE_KEPT);
    assert!(!text.contains("évolution par campagne"), "{text}");
    assert!(!text.contains("Les projections appliquent"), "{text}");
    // A page with projection rows keeps the note.
    assert_contains(
        &page_text(&t, "organisations/alpha.html"),
        "Les projections appliquent les plans de convergence en cours",
    );
}
