//! `convergence build` on fixture repositories: pages, confidentiality, sanitisation,
//! determinism and atomicity of the output.

use crate::harness::RepoTest;
use std::path::Path;

#[path = "../browser/links.rs"]
pub(crate) mod links;

fn build(t: &RepoTest, extra: &[&str]) -> crate::harness::Output {
    let mut args = vec!["build"];
    args.extend_from_slice(extra);
    t.run(&args)
}

fn read(t: &RepoTest, rel: &str) -> String {
    std::fs::read_to_string(t.path().join("public").join(rel))
        .unwrap_or_else(|e| panic!("public/{rel}: {e}"))
}

fn built() -> RepoTest {
    let t = RepoTest::fixture("site/basic");
    let out = build(&t, &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "", "build reports on standard error only");
    t
}

// Every kind of page exists and shows its content.
#[test]
fn builds_every_page_kind() {
    let t = built();
    let home = read(&t, "index.html");
    assert!(home.contains("<html lang=\"fr\">"));
    assert!(home.contains("Tableau de bord national"));
    assert!(home.contains("class=\"chart radar\""));
    assert!(home.contains("class=\"chart map\""));
    assert!(home.contains("class=\"chart lines\""));
    assert!(home.contains("Données fictives"));
    let q = read(&t, "questionnaires/services/index.html");
    assert!(q.contains("Intégration de l&#39;INS"));
    assert!(q.contains("niveau attendu"));
    assert!(q.contains("INS uniquement."));
    assert!(q.contains("../../questionnaires/services.json"));
    assert!(read(&t, "questionnaires/services.json").contains("\"A12.2\""));
    assert!(read(&t, "questionnaires/services/A12.html").contains("Annuaire MSSanté"));
    let s = read(&t, "services/ara-dcc.html");
    for needle in [
        "DCC régional",
        "Maincare (fictif)",
        "IdeoCM (version 4.2)",
        "Zone du POS",
        "background:#ffca00",
        "2021-T3",
        "https://example.org/preuve.pdf",
        "compte rendu du comité 2020",
        "Identifiant local, INS prévu en 2021.",
    ] {
        assert!(s.contains(needle), "services/ara-dcc.html lacks {needle}");
    }
    assert!(read(&t, "services/ara-old.html").contains("Archivé"));
    assert!(read(&t, "regions/auvergne-rhone-alpes.html").contains("DCC régional"));
    assert!(read(&t, "pos/6.html").contains("Coordination"));
    assert!(read(&t, "editeurs/maincare.html").contains("IdeoCM"));
    assert!(read(&t, "doctrine/ins.html").contains("<strong>l’identifiant</strong>"));
    assert!(read(&t, "faq/index.html").contains("non applicable"));
    assert!(read(&t, "pages/a-propos.html").contains("https://esante.gouv.fr"));
    assert!(read(&t, "methode.html").contains("<strong>taux de maturité</strong>"));
    assert!(read(&t, "donnees.html").contains("donnees/scores.csv"));
    assert!(read(&t, "donnees/scores.json").contains("\"trajectory\""));
    assert!(read(&t, "donnees/answers.csv").contains("ara-dcc"));
    assert!(read(&t, "search-index.js").starts_with("window.CONVERGENCE_SEARCH = {\"kinds\":["));
    assert!(read(&t, "recherche.html").contains("assets/search.js"));
}

// Figures follow the publication's formula: A06 1/1 → 1, A12 (1 + 0) / 2 → 0.5, A14 2/2 → 1;
// the mean of the axes is 83.3 %.
#[test]
fn shows_the_subject_rate() {
    let t = built();
    let s = read(&t, "services/ara-dcc.html");
    assert!(s.contains("83,3 %"), "ara-dcc rate");
}

// The dashboard shows the national figures `convergence score` prints, in French notation.
#[test]
fn dashboard_figures_equal_the_score_command() {
    let t = built();
    let score = t.run(&["score"]);
    assert_eq!(score.code, 0, "{}", score.stderr);
    let line = score
        .stdout
        .lines()
        .find(|l| l.starts_with("National") && l.contains("ensemble"))
        .expect("national line");
    let cols: Vec<&str> = line.split_whitespace().collect();
    let n = cols.len();
    let rate = format!("{} %", cols[n - 5].replace('.', ","));
    let level = format!("{} / {}", cols[n - 3].replace('.', ","), cols[n - 1]);
    let home = read(&t, "index.html");
    assert!(home.contains(&rate), "{rate} not on the dashboard");
    assert!(home.contains(&level), "{level} not on the dashboard");
    let projected = t.run(&["score", "--at", "2025-12-31"]);
    if projected.code == 0 {
        if let Some(line) = projected
            .stdout
            .lines()
            .find(|l| l.starts_with("National") && l.contains("ensemble"))
        {
            let cols: Vec<&str> = line.split_whitespace().collect();
            let rate = format!("{} %", cols[cols.len() - 5].replace('.', ","));
            assert!(
                home.contains(&rate),
                "projected {rate} not on the dashboard"
            );
        }
    }
}

/// The part of a page from the heading `<h2>{title}</h2>` to the end of its section.
fn section<'a>(html: &'a str, title: &str) -> &'a str {
    let from = html
        .find(&format!("<h2>{title}</h2>"))
        .unwrap_or_else(|| panic!("no section {title}"));
    let len = html[from..].find("</section>").expect("section end");
    &html[from..from + len]
}

/// The cards of a fragment: link, title and tags of each, in page order.
fn cards(html: &str) -> Vec<(String, String, Vec<String>)> {
    let between = |s: &str, a: &str, b: &str| -> String {
        let i = s.find(a).expect(a) + a.len();
        s[i..i + s[i..].find(b).expect(b)].to_string()
    };
    html.split("<li class=\"card\"")
        .skip(1)
        .map(|c| {
            let tags = c
                .split("<span class=\"tag")
                .skip(1)
                .map(|t| between(t, ">", "</span>"))
                .collect();
            let link = between(c, "<a href=\"", "</a>");
            let (url, title) = link.split_once("\">").expect("link");
            (url.to_string(), title.to_string(), tags)
        })
        .collect()
}

/// Rate and mean level of the `ensemble` row of `group` in `convergence score` output, in the
/// portal's French notation.
fn score_figures(t: &RepoTest, args: &[&str], group: &str) -> (String, String) {
    let score = t.run(args);
    assert_eq!(score.code, 0, "{}", score.stderr);
    let line = score
        .stdout
        .lines()
        .find(|l| l.starts_with(group) && l.contains("ensemble"))
        .unwrap_or_else(|| panic!("no line for {group}:\n{}", score.stdout));
    let cols: Vec<&str> = line.split_whitespace().collect();
    let n = cols.len();
    (
        format!("{} %", cols[n - 5].replace('.', ",")),
        format!("{} / {}", cols[n - 3].replace('.', ","), cols[n - 1]),
    )
}

// Each solution of the editors referential has its page under its editor's folder: editor link,
// figures equal to `convergence score --by solution`, regions in code order with their number of
// sheets, the sheets using it; never the non-publishable subject that uses it too.
#[test]
fn builds_solution_pages() {
    let secret = std::fs::read_to_string(crate::harness::fixture_path(
        "site/basic/answers/ara/ara-secret.yaml",
    ))
    .unwrap();
    assert!(
        secret.contains("solution: ideocm"),
        "the canary uses the solution"
    );
    let t = built();
    let page = read(&t, "editeurs/maincare/ideocm.html");
    assert!(page.contains("<h1>IdeoCM</h1>"));
    assert!(page.contains(
        "Solution de l'éditeur <a href=\"../../editeurs/maincare.html\">Maincare (fictif)</a>."
    ));
    assert!(page.contains("<p>Solution de coordination.</p>"));
    let (rate, level) = score_figures(&t, &["score", "--by", "solution"], "IdeoCM (Maincare");
    assert_eq!((rate.as_str(), level.as_str()), ("91,7 %", "1,88 / 3"));
    let maturity = section(&page, "Urbanisation des services");
    for fact in [
        "<dt>Répondants</dt><dd>2</dd>".to_string(),
        format!("<dt>Taux de maturité — À date (15/12/2020)</dt><dd>{rate}</dd>"),
        format!("<dt>Niveau de maturité moyen</dt><dd>{level}</dd>"),
    ] {
        assert!(maturity.contains(&fact), "{fact} not in {maturity}");
    }
    let (projected, _) = score_figures(
        &t,
        &["score", "--by", "solution", "--at", "2022-12-31"],
        "IdeoCM (Maincare",
    );
    let fact = format!("<dt>Taux de maturité — Fin 2022</dt><dd>{projected}</dd>");
    assert!(maturity.contains(&fact), "{fact} not in {maturity}");
    assert!(maturity.contains("id=\"rosace-s-services\""));
    let card = |url: &str, title: &str, tags: &[&str]| {
        (
            url.to_string(),
            title.to_string(),
            tags.iter().map(|t| t.to_string()).collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        cards(section(&page, "Régions de déploiement")),
        [
            card("../../regions/bretagne.html", "Bretagne", &["1 service"]),
            card(
                "../../regions/auvergne-rhone-alpes.html",
                "Auvergne-Rhône-Alpes",
                &["1 service"]
            ),
        ]
    );
    let services: Vec<String> = cards(section(&page, "Services et produits"))
        .into_iter()
        .map(|(url, _, _)| url)
        .collect();
    assert_eq!(
        services,
        [
            "../../services/ara-dcc.html",
            "../../services/bzh-tlc.html",
            "../../services/ideocm-socle.html"
        ]
    );
    assert!(!page.contains("CANARI-7f3a9") && !page.contains("ara-secret"));

    let editor = read(&t, "editeurs/maincare.html");
    assert_eq!(
        cards(section(&editor, "Solutions")),
        [
            card(
                "../editeurs/maincare/ideocm.html",
                "IdeoCM",
                &[
                    "3 services",
                    &format!("Urbanisation des services, taux à date : {rate}")
                ]
            ),
            card(
                "../editeurs/maincare/odyssee.html",
                "Odyssée",
                &["0 service"]
            ),
        ]
    );
    let unused = read(&t, "editeurs/maincare/odyssee.html");
    assert!(unused.contains("<p>Aucun service publié n'utilise encore cette solution.</p>"));
    assert!(!unused.contains("<section"));
    assert!(read(&t, "services/ara-dcc.html").contains(
        "<dt>Solution</dt><dd><a href=\"../editeurs/maincare/ideocm.html\">IdeoCM (version 4.2)</a>"
    ));
}

// A canary string in a non-publishable subject appears in no file of public/.
#[test]
fn keeps_non_publishable_subjects_out_of_every_file() {
    let t = built();
    let site = links::read_site(&t.path().join("public"));
    for (path, bytes) in &site {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains("CANARI-7f3a9"), "canary in {path}");
        assert!(!text.contains("ara-secret"), "secret id in {path}");
        assert!(!text.contains("BROUILLON-42"), "draft in {path}");
    }
}

// Drafts are published only when asked.
#[test]
fn publishes_drafts_on_request() {
    let t = RepoTest::fixture("site/basic");
    assert_eq!(build(&t, &["--include-drafts"]).code, 0);
    assert!(read(&t, "services/bzh-draft.html").contains("BROUILLON-42"));
    let site = links::read_site(&t.path().join("public"));
    assert!(site.keys().all(|p| !p.contains("ara-secret")));
}

// Raw HTML in Markdown is shown as escaped text: no element, attribute or URL of the author's
// reaches a page as markup.
#[test]
fn sanitises_user_markdown() {
    let t = built();
    let shown = [
        (
            "services/ara-dcc.html",
            "<p>Identifiant local, INS prévu en 2021. &lt;script&gt;alert(‘xss’)&lt;/script&gt;\
             &lt;a href=&quot;javascript:alert(1)&quot;&gt;piège&lt;/a&gt;</p>",
        ),
        (
            "faq/ins-na.html",
            "donnée de santé. &lt;img src=&quot;x.png&quot; onerror=&quot;alert(1)&quot;&gt;</p>",
        ),
        (
            "faq/index.html",
            "donnée de santé. &lt;img src=&quot;x.png&quot; onerror=&quot;alert(1)&quot;&gt;</p>",
        ),
        (
            "doctrine/ins.html",
            "<p>&lt;p onclick=&quot;alert(1)&quot;&gt;Paragraphe avec gestionnaire.&lt;/p&gt;\n</p>",
        ),
    ];
    for (page, text) in shown {
        let html = read(&t, page);
        assert!(html.contains(text), "{page}");
        let lower = html.to_lowercase();
        for markup in [
            "<script>alert",
            // The author's image; the page's own badges are `<img>` too.
            "<img src=\"x.png\"",
            "onerror=\"",
            "onclick=\"",
            "=\"javascript:",
        ] {
            assert!(!lower.contains(markup), "{page}: {markup}");
        }
    }
}

// Every relative link resolves and no page loads an external resource.
#[test]
fn links_resolve_inside_the_site() {
    let t = built();
    let problems = links::check(&links::read_site(&t.path().join("public")));
    assert!(problems.is_empty(), "{problems:#?}");
}

// Two builds of the same repository are byte-identical.
#[test]
fn builds_are_byte_identical() {
    let t = RepoTest::fixture("site/basic");
    assert_eq!(build(&t, &["--out", "a"]).code, 0);
    assert_eq!(build(&t, &["--out", "b"]).code, 0);
    let a = links::read_site(&t.path().join("a"));
    let b = links::read_site(&t.path().join("b"));
    assert!(a.len() > 30);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (k, v) in &a {
        assert!(v == &b[k], "{k} differs");
    }
}

fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    links::read_site(dir)
}

// A repository with errors is not built, and the previous output stays as it was.
#[test]
fn refuses_invalid_repositories_and_keeps_previous_output() {
    let t = built();
    let before = snapshot(&t.path().join("public"));
    t.write("answers/ara/ara-dcc.yaml", "id: ara-dcc\nkind: [oops\n");
    let out = build(&t, &[]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("ara-dcc.yaml"), "{}", out.stderr);
    assert!(
        out.stderr.contains("construction refusée"),
        "{}",
        out.stderr
    );
    assert_eq!(snapshot(&t.path().join("public")), before);
}

// A template error fails the build and leaves the previous output intact.
#[test]
fn template_errors_keep_previous_output() {
    let t = built();
    let before = snapshot(&t.path().join("public"));
    t.write(
        "mytheme/templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{{ nope(1) }}{% endblock %}",
    );
    let out = build(&t, &["--theme", t.path().join("mytheme").to_str().unwrap()]);
    assert_ne!(out.code, 0);
    assert!(out.stderr.contains("page.html"), "{}", out.stderr);
    assert_eq!(snapshot(&t.path().join("public")), before);
    let leftovers: Vec<_> = std::fs::read_dir(t.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// A page's `<main>` element, each chart's `<svg>…</svg>` replaced by `<svg/>`: what the
/// templates and views decide, without the drawing (the charts have their own tests).
fn normalised_main(html: &str) -> String {
    let start = html.find("<main").expect("<main>");
    let end = html.rfind("</main>").expect("</main>") + "</main>".len();
    let mut rest = &html[start..end];
    let mut out = String::new();
    // A chart may nest `<svg>` documents: skip to the `</svg>` that closes the outer one.
    while let Some(i) = rest.find("<svg") {
        out.push_str(&rest[..i]);
        out.push_str("<svg/>");
        let mut depth = 0usize;
        let mut at = i;
        loop {
            let open = rest[at + 1..].find("<svg").map(|o| o + at + 1);
            let close = rest[at..].find("</svg>").expect("</svg>") + at;
            match open {
                Some(o) if o < close => {
                    depth += 1;
                    at = o;
                }
                _ if depth > 0 => {
                    depth -= 1;
                    at = close + 1;
                }
                _ => {
                    rest = &rest[close + "</svg>".len()..];
                    break;
                }
            }
        }
    }
    out.push_str(rest);
    out
}

// One page per template, from the site fixture, matches its snapshot
// (`tests/suite/snapshots/suite__site__<template>.snap`).
#[test]
fn one_page_per_template_matches_its_snapshot() {
    let t = built();
    for (template, page) in [
        ("home", "index.html"),
        ("list", "questionnaires/index.html"),
        ("questionnaire", "questionnaires/services/index.html"),
        ("axis", "questionnaires/services/A06.html"),
        ("subject", "services/ara-dcc.html"),
        ("group", "regions/bretagne.html"),
        ("group_solution", "editeurs/maincare/ideocm.html"),
        ("page", "faq/ins-na.html"),
        ("page_entries", "faq/index.html"),
        ("downloads", "donnees.html"),
        ("search", "recherche.html"),
    ] {
        insta::assert_snapshot!(template, normalised_main(&read(&t, page)));
    }
}

// A misspelt variable in a template fails the build, naming the template and the line
// (templates are strict: an undefined value is an error, not an empty string).
#[test]
fn a_misspelt_template_variable_fails_the_build() {
    let t = RepoTest::fixture("site/basic");
    t.write(
        "mytheme/templates/list.html",
        "{% extends \"base.html\" %}{% block content %}\n<h1>{{ titel }}</h1>{% endblock %}",
    );
    let out = build(&t, &["--theme", t.path().join("mytheme").to_str().unwrap()]);
    assert_ne!(out.code, 0);
    assert!(
        out.stderr
            .contains("rendu du modèle list.html : undefined value (in list.html:2)"),
        "{}",
        out.stderr
    );
    assert!(!t.path().join("public").exists());
}

// Without content/pages/methode.md the method page explains the formula itself.
#[test]
fn method_page_falls_back_to_the_built_in_text() {
    let t = RepoTest::fixture("site/basic");
    std::fs::remove_file(t.path().join("content/pages/methode.md")).unwrap();
    assert_eq!(build(&t, &[]).code, 0);
    assert!(read(&t, "methode.html").contains("écrêté à 1"));
}

// A theme folder overrides files of the built-in theme.
#[test]
fn theme_folder_overrides_assets() {
    let t = RepoTest::fixture("site/basic");
    t.write("mytheme/assets/style.css", "body { color: red }");
    let out = build(&t, &["--theme", t.path().join("mytheme").to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(read(&t, "assets/style.css"), "body { color: red }");
}

// A subject may share its id with an organisation: each keeps its own figures.
#[test]
fn a_subject_and_an_organisation_with_one_id_keep_their_own_figures() {
    let alone = RepoTest::fixture("score/basic");
    assert_eq!(build(&alone, &[]).code, 0);
    let t = RepoTest::fixture("score/basic");
    t.write(
        "answers/occ/ara.yaml",
        "id: ara\nkind: service\nname: Service homonyme\npos_zone: \"6.5\"\n\
         common_core: telesante-tlc\npublishable: true\nstatus: validated\n\
         assessed_on: 2020-12-01\nquestionnaires:\n  urba:\n    version: \"2020\"\n\
         \x20   answers:\n      C1: { level: 3 }\n      C2: { level: 0 }\n\
         \x20     C3: { level: na }\n      C4: { level: na }\n",
    );
    let out = build(&t, &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let sheet = read(&t, "services/ara.html");
    assert!(
        sheet.contains("<dt>Taux — À date (15/12/2020)</dt><dd>66,7 %</dd>"),
        "{sheet}"
    );
    // The organisation's page, its own questionnaire's figures included, is unchanged.
    let org = read(&t, "organisations/ara.html");
    let si = section(&org, "SI régional");
    assert!(
        si.contains("<dt>Taux de maturité — À date (15/12/2020)</dt><dd>100,0 %</dd>"),
        "{si}"
    );
    assert_eq!(org, read(&alone, "organisations/ara.html"));
}

// Every page's footer links the institutional pages of content/pages, in their order, but not
// the method page, which is published once, at methode.html, with one h1.
#[test]
fn footer_links_institutional_pages_and_the_method_has_one_title() {
    let t = RepoTest::fixture("site/basic");
    t.write(
        "content/pages/accessibilite.md",
        "---\ntitle: \"Accessibilité\"\norder: -1\n---\n\nDéclaration.\n",
    );
    assert_eq!(build(&t, &[]).code, 0);
    for (page, root) in [("index.html", ""), ("regions/bretagne.html", "../")] {
        let html = read(&t, page);
        let footer = &html[html.find("<footer").unwrap()..];
        let a = footer
            .find(&format!(
                "<a href=\"{root}pages/accessibilite.html\">Accessibilité</a>"
            ))
            .unwrap_or_else(|| panic!("{page}: {footer}"));
        let b = footer
            .find(&format!("<a href=\"{root}pages/a-propos.html\">"))
            .unwrap_or_else(|| panic!("{page}: {footer}"));
        assert!(a < b, "order -1 comes first: {footer}");
    }
    let footer = read(&t, "index.html");
    let footer = &footer[footer.find("<footer").unwrap()..];
    assert_eq!(footer.matches("methode.html").count(), 1, "{footer}");
    assert!(!t.path().join("public/pages/methode.html").exists());
    let list = read(&t, "pages/index.html");
    let list = &list[list.find("<ul class=\"entries\">").unwrap()..];
    let list = &list[..list.find("</ul>").unwrap()];
    assert!(
        list.contains("a-propos.html") && !list.contains("methode"),
        "{list}"
    );
    let method = read(&t, "methode.html");
    assert_eq!(method.matches("<h1").count(), 1, "{method}");
    assert!(method.contains("<h1>Méthode</h1>"), "{method}");
}

// The repository's own method page is written for the public: one h1, no source path or
// code identifier, figures in French notation.
#[test]
fn the_published_method_page_is_written_for_the_public() {
    let t = RepoTest::fixture("site/basic");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/pages/methode.md"),
    )
    .unwrap();
    t.write("content/pages/methode.md", &text);
    let out = build(&t, &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = read(&t, "methode.html");
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    assert_eq!(main.matches("<h1").count(), 1, "{main}");
    assert!(main.contains("<h1>Méthode de calcul</h1>"), "{main}");
    for code in [
        "src/",
        ".rs",
        "<code>",
        "docs/",
        "applies_if",
        "publishable",
    ] {
        assert!(!main.contains(code), "{code} in the method page");
    }
    for figure in [
        "83,4 %",
        "78,8 %",
        "75,3 %",
        "1,96 / 3",
        "66,7 %",
        "299 / 299",
    ] {
        assert!(
            main.contains(figure),
            "{figure} missing from the method page"
        );
    }
    assert!(
        !main.contains("83.4"),
        "English decimal point in the method page"
    );
    for topic in [
        "Le niveau attendu",
        "Le taux de maturité",
        "« Non applicable »",
        "Le périmètre",
        "Les projections",
        "Régions, domaines et zones",
        "viennent les données",
    ] {
        assert!(
            main.contains(&format!("{topic}</h2>")),
            "no section {topic}"
        );
    }
}

// Cards and sheets name things rather than show ids: the POS zone by its title, the national
// core services by their names, and each card's rate says which questionnaire it is.
#[test]
fn cards_and_sheets_show_names_not_ids() {
    let t = built();
    let list = read(&t, "services/index.html");
    let card = cards(&list)
        .into_iter()
        .find(|(url, _, _)| url.ends_with("services/ara-dcc.html"))
        .expect("card of ara-dcc");
    assert_eq!(
        card.2,
        [
            "Service",
            "Coordination (zone 6.2)",
            "Urbanisation des services, taux à date : 83,3 %"
        ]
    );
    let sheet = read(&t, "services/ara-dcc.html");
    assert!(
        sheet.contains("<dt>Services socles nationaux</dt><dd>DMP, MSSanté</dd>"),
        "national services by name"
    );
    let questionnaires = read(&t, "questionnaires/index.html");
    assert!(questionnaires.contains("<span class=\"tag tag--rate\">Taux national à date : "));
}

// The page by functional zone has one row per place of the POS (each zone, a domain without
// zones; never a domain that has zones), with the figures `convergence score --by zone` prints
// at date and at each projection date, each row linked to its place on the domain page, and one
// small chart per place that has services.
#[test]
fn zone_page_shows_every_zone_with_the_score_figures() {
    let t = built();
    let page = read(&t, "pos/zones.html");
    let table = &page[..page.find("chart-figure").expect("charts")];
    let rows: Vec<&str> = table
        .split("<tr><th scope=\"row\">")
        .skip(1)
        .map(|r| &r[..r.find("</tr>").expect("row end")])
        .collect();
    let names: Vec<&str> = rows
        .iter()
        .map(|r| &r[..r.find("</th>").unwrap()])
        .collect();
    assert_eq!(
        names,
        [
            "<a href=\"../pos/6.html#zone-6.2\">6.2 Coordination</a>",
            "<a href=\"../pos/6.html#zone-6.5\">6.5 Télésanté</a>",
            "<a href=\"../pos/8.html\">8 Ressources techniques</a>"
        ]
    );
    let cells = |r: &str| -> Vec<String> {
        r.split("<td>")
            .skip(1)
            .map(|c| c.trim_end_matches("</td>").to_string())
            .collect()
    };
    let (rate, level) = score_figures(&t, &["score", "--by", "zone"], "Coordination");
    let (rate_2025, level_2025) = score_figures(
        &t,
        &["score", "--by", "zone", "--at", "2025-12-31"],
        "Coordination",
    );
    assert_eq!(rate, "83,3 %");
    assert_eq!(
        cells(rows[0]),
        [
            "1",
            &rate,
            "83,3 %",
            &rate_2025,
            &level,
            "2,17 / 3",
            &level_2025
        ]
    );
    assert_eq!(cells(rows[2]), ["0", "—", "—", "—", "—", "—", "—"]);
    assert_eq!(page.matches("class=\"chart bars\"").count(), 2);
    assert!(read(&t, "pos/index.html").contains("href=\"../pos/zones.html\""));
}

// The national synthesis walks from the services declared (non-publishable ones counted, never
// shown) to the calculation perimeter, saying at each step what is left out and why, then
// counts the perimeter's services per zone, most deployed first.
#[test]
fn synthesis_shows_the_funnel_with_its_reasons() {
    let t = built();
    let page = read(&t, "synthese.html");
    for row in [
        "<tr><th scope=\"row\">Services déclarés dans le dépôt</th><td>5</td><td>—</td></tr>",
        "<tr><th scope=\"row\">Services publiables</th><td>4</td><td>non publiables (déploiement à venir ou finalité technique ; ni fiche ni réponses publiées) : 1</td></tr>",
        "<tr><th scope=\"row\">Services du périmètre de calcul</th><td>2</td><td>archivés : 1 ; brouillons : 1</td></tr>",
        "<tr><th scope=\"row\"><a href=\"pos/6.html#zone-6.2\">6.2 Coordination</a></th><td>1</td></tr>",
        "<tr><th scope=\"row\"><a href=\"pos/8.html\">8 Ressources techniques</a></th><td>0</td></tr>",
    ] {
        assert!(page.contains(row), "{row}");
    }
    assert!(page.contains(
        "<ol><li>Coordination (zone 6.2) : 1 service</li><li>Télésanté (zone 6.5) : 1 service</li></ol>"
    ));
    assert!(!page.contains("CANARI-7f3a9") && !page.contains("ara-secret"));
    assert!(read(&t, "index.html").contains("href=\"synthese.html\""));
}

// The regions side by side: one sortable table (a plain table without JavaScript) with the
// figures `convergence score --by region` prints, and on each region page its rosace drawn
// over the national one.
#[test]
fn regions_side_by_side_and_against_france() {
    let t = built();
    let page = read(&t, "regions/index.html");
    assert!(page.contains("<table class=\"sortable\">"));
    assert!(page.contains("<script src=\"../assets/sort.js\"></script>"));
    let (rate, level) = score_figures(&t, &["score", "--by", "region"], "Auvergne-Rhône-Alpes");
    let row = format!(
        "<tr><th scope=\"row\">Auvergne-Rhône-Alpes</th><td>1</td><td>{rate}</td><td>83,3 %</td><td>{level}</td></tr>"
    );
    assert!(page.contains(&row), "{row}");
    let region = read(&t, "regions/auvergne-rhone-alpes.html");
    assert!(region.contains(
        "<span class=\"key key--line s0\" aria-hidden=\"true\"></span>Auvergne-Rhône-Alpes</li>\
         <li><span class=\"key key--line s1\" aria-hidden=\"true\"></span>France entière</li>"
    ));
    assert!(!read(&t, "services/index.html").contains("sort.js"));
}

// The downloads page states the licence of the data and how to cite them.
#[test]
fn downloads_state_their_licence_and_a_citation() {
    let t = built();
    let page = read(&t, "donnees.html");
    assert!(page.contains("sous la <strong>Licence Ouverte / Etalab 2.0</strong>"));
    assert!(page.contains(
        "<cite class=\"citation\">Observatoire de test, données de l&#39;auto-évaluation au 15/12/2020, Licence Ouverte / Etalab 2.0.</cite>"
    ));
}

// The services list carries its filters: a form of labelled selects, hidden until
// `assets/filter.js` shows it (the full list shows without JavaScript), and on each card the
// ids it is filtered by: region code, POS domain, type, editor, and per questionnaire the band
// of its mean level at date.
#[test]
fn services_list_carries_its_filters() {
    let t = built();
    let page = read(&t, "services/index.html");
    assert!(page.contains("<form class=\"filters\" id=\"filters\" hidden>"));
    assert!(page.contains(
        "<p class=\"filter\"><label for=\"filter-region\">Région</label> \
         <select id=\"filter-region\" name=\"region\"><option value=\"\">Toutes</option>\
         <option value=\"84\">Auvergne-Rhône-Alpes</option><option value=\"53\">Bretagne</option></select></p>"
    ));
    assert!(page.contains(
        "<select id=\"filter-level\" name=\"level\"><option value=\"\">Tous</option>\
         <option value=\"lt1\">&lt; 1</option><option value=\"1to2\">1–2</option>\
         <option value=\"ge2\">≥ 2</option></select>"
    ));
    for name in ["domain", "type", "editor", "questionnaire"] {
        assert!(
            page.contains(&format!("<label for=\"filter-{name}\">")),
            "{name}"
        );
    }
    assert!(
        page.contains("<p class=\"filter-count\" id=\"filter-count\" aria-live=\"polite\"></p>")
    );
    assert!(page.contains(
        "<li class=\"card\" data-region=\"84\" data-domain=\"6\" data-type=\"service\" \
         data-editor=\"maincare\" data-levels=\"services:1to2\">"
    ));
    assert!(page.contains(
        "<li class=\"card\" data-type=\"produit\" data-editor=\"maincare\" data-levels=\"services:ge2\">"
    ));
    assert_eq!(cards(&page).len(), 4, "every published subject, unfiltered");
    assert!(page.contains("<script src=\"../assets/filter.js\"></script>"));
    assert!(read(&t, "assets/filter.js").contains("services affichés sur"));
}
