//! `convergence campaign close`: a campaign frozen into `campaigns/<id>.json`, checked by
//! `validate`, and protected in review by `check --base`.

use crate::harness::RepoTest;
use crate::workflow::{commit, git, repo};

const FILE: &str = "campaigns/c1.json";

/// The campaign of the base fixture at 2020-12-15, computed by hand: alpha-dcc is the only
/// validated, public subject (A06.2 at 1 for 1 expected: 100 %; A04.2.1 at 0 for 2: 0 %);
/// alpha answers A03.1 at 2 for 3 expected.
fn expected(commit: Option<&str>) -> String {
    let commit = commit.map_or(String::new(), |c| format!("  \"commit\": \"{c}\",\n"));
    let row = |by: &str, group: &str| {
        format!(
            "    {{\"group_by\":\"{by}\",\"group\":\"{group}\",\"questionnaire\":\"services\",\"rate\":0.5,\"level\":0.5,\"concerned\":1,\"total\":1}},\n    \
             {{\"group_by\":\"{by}\",\"group\":\"{group}\",\"questionnaire\":\"services\",\"axis\":\"A06\",\"rate\":1.0,\"level\":1.0,\"concerned\":1,\"total\":1}},\n    \
             {{\"group_by\":\"{by}\",\"group\":\"{group}\",\"questionnaire\":\"services\",\"axis\":\"A04.2\",\"rate\":0.0,\"level\":0.0,\"concerned\":1,\"total\":1}},\n"
        )
    };
    let services: String = [
        ("national", "national"),
        ("region", "84"),
        ("organisation", "alpha"),
        ("domain", "6"),
        ("zone", "6.2"),
        ("type", "coordination-dcc"),
        ("editor", "maincare"),
        ("solution", "maincare/ideocm"),
        ("org-kind", "region"),
    ]
    .iter()
    .map(|(by, g)| row(by, g))
    .collect();
    let regional = |by: &str, group: &str, last: &str| {
        format!(
            "    {{\"group_by\":\"{by}\",\"group\":\"{group}\",\"questionnaire\":\"regional\",\"rate\":0.666667,\"level\":2.0,\"concerned\":1,\"total\":1}},\n    \
             {{\"group_by\":\"{by}\",\"group\":\"{group}\",\"questionnaire\":\"regional\",\"axis\":\"A03\",\"rate\":0.666667,\"level\":2.0,\"concerned\":1,\"total\":1}}{last}\n"
        )
    };
    format!(
        r#"{{
  "id": "c1",
  "date": "2020-12-15",
{commit}  "perimeter": "common-core",
  "questionnaires": [
    {{"id":"regional","version":"2020","scope":"organisation","axes":["A03"]}},
    {{"id":"services","version":"2020","scope":"service","axes":["A06","A04.2"]}}
  ],
  "subjects": [
    {{"id":"alpha-dcc","org":"alpha","region":"84","editor":"maincare","in_perimeter":true,"questionnaires":{{"services":{{"version":"2020","levels":{{"A04.2.1":0,"A06.2":1}},"plans":{{"A06.2":{{"2021-T3":2,"2022-T2":3}}}},"not_plannable":["A04.2.1"]}}}}}}
  ],
  "organisations": [
    {{"id":"alpha","org":"alpha","region":"84","in_perimeter":true,"questionnaires":{{"regional":{{"version":"2020","levels":{{"A03.1":2}},"plans":{{"A03.1":{{"2021-T4":3}}}}}}}}}}
  ],
  "aggregates": [
{services}{}{}{}  ]
}}
"#,
        regional("national", "national", ","),
        regional("region", "84", ","),
        regional("organisation", "alpha", ""),
    )
}

#[test]
fn closing_a_campaign_freezes_the_hand_computed_figures() {
    // Outside git: no commit; the file is exactly the expected one, and validates.
    let t = RepoTest::fixture("base");
    let out = t.run(&["campaign", "close", "c1", "--date", "2020-12-15"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "campagne « c1 » close au 2020-12-15 : campaigns/c1.json (1 services et produits, 33 chiffres)\n"
    );
    let text = std::fs::read_to_string(t.path().join(FILE)).unwrap();
    assert_eq!(text, expected(None));
    assert_eq!(t.errors_with_hints(), vec![]);
}

#[test]
fn a_closed_campaign_is_never_recomputed_and_later_edits_do_not_change_it() {
    // A second close with the same id is refused and leaves the file as it was.
    let t = RepoTest::fixture("base");
    assert_eq!(
        t.run(&["campaign", "close", "c1", "--date", "2020-12-15"])
            .code,
        0
    );
    t.edit("answers/alpha/alpha-dcc.yaml", "level: 1\n", "level: 3\n");
    let again = t.run(&["campaign", "close", "c1", "--date", "2020-12-15"]);
    assert_eq!(again.code, 1);
    assert_eq!(
        again.stderr,
        "campaigns/c1.json existe déjà : une campagne close ne se recalcule pas ; choisissez un autre identifiant\n"
    );
    let text = std::fs::read_to_string(t.path().join(FILE)).unwrap();
    assert_eq!(text, expected(None));
}

#[test]
fn closing_in_a_git_checkout_records_the_commit_and_is_deterministic() {
    // The same commit gives the same bytes, with the commit's hash.
    let t = repo();
    let head = git(&t, &["rev-parse", "HEAD"]).trim().to_string();
    assert_eq!(
        t.run(&["campaign", "close", "c1", "--date", "2020-12-15"])
            .code,
        0
    );
    let first = std::fs::read_to_string(t.path().join(FILE)).unwrap();
    let text = expected(Some(&head));
    assert_eq!(first, text);
    std::fs::remove_file(t.path().join(FILE)).unwrap();
    assert_eq!(
        t.run(&["campaign", "close", "c1", "--date", "2020-12-15"])
            .code,
        0
    );
    assert_eq!(std::fs::read_to_string(t.path().join(FILE)).unwrap(), first);
}

#[test]
fn validate_locates_a_hand_edited_campaign() {
    // An unknown field is a CV340 at its key; a file named after another id is a
    // CV341 on the id's line.
    let t = RepoTest::fixture("base");
    assert_eq!(
        t.run(&["campaign", "close", "c1", "--date", "2020-12-15"])
            .code,
        0
    );
    t.edit(FILE, "\"perimeter\"", "\"perimetre\"");
    t.write(
        "campaigns/c2.json",
        "{\n  \"id\": \"c3\",\n  \"date\": \"2021-06-30\",\n  \"perimeter\": \"all\",\n  \"questionnaires\": [],\n  \"subjects\": [],\n  \"aggregates\": []\n}\n",
    );
    let errors = t.errors_with_hints();
    let hint = "une campagne close ne s'écrit pas à la main : rétablissez le fichier produit par « convergence campaign close »";
    assert_eq!(
        errors,
        vec![
            (
                "campaigns/c1.json:4:3".to_string(),
                "CV340".to_string(),
                "campagne figée non conforme : unknown field `perimetre`, expected one of `id`, `date`, `commit`, `perimeter`, `questionnaires`, `subjects`, `organisations`, `aggregates`".to_string(),
                hint.to_string()
            ),
            (
                "campaigns/c2.json:2:3".to_string(),
                "CV341".to_string(),
                "la campagne « c3 » est dans le fichier « c2.json » : le nom du fichier doit être son identifiant".to_string(),
                "renommez le fichier en campaigns/c3.json".to_string()
            ),
        ]
    );
}

/// Runs `check --base main --format json` as `author`; `(exit code, [(path, code)])`.
fn check_as(t: &RepoTest, author: &str) -> (i32, Vec<(String, String)>) {
    let out = t.run(&[
        "check", "--base", "main", "--format", "json", "--author", author,
    ]);
    let errors = crate::harness::json(&out)
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap().to_string();
            (s("path"), s("code"))
        })
        .collect();
    (out.code, errors)
}

/// The workflow repository with `campaigns` maintained by @ans/campagnes and campaign c1
/// closed and committed on `main`, then the branch `change` checked out again.
fn closed() -> RepoTest {
    let t = repo();
    git(&t, &["checkout", "-q", "main"]);
    t.edit(
        "convergence.yaml",
        "maintainers:\n",
        "maintainers:\n  campaigns: [\"@ans/campagnes\"]\n",
    );
    assert_eq!(t.run(&["codeowners", "--write"]).code, 0);
    assert_eq!(
        t.run(&["campaign", "close", "c1", "--date", "2020-12-15"])
            .code,
        0
    );
    commit(&t);
    git(&t, &["checkout", "-q", "-B", "change"]);
    t
}

#[test]
fn check_refuses_an_edit_to_a_closed_campaign_unless_its_maintainers_approve() {
    // Even a maintainer of "*" may not change the record; the maintainers of campaigns may.
    let t = closed();
    t.edit(FILE, "\"rate\":0.5,", "\"rate\":0.6,");
    commit(&t);
    assert_eq!(
        check_as(&t, "@ans/outillage"),
        (1, vec![(FILE.to_string(), "CV342".to_string())])
    );
    let out = t.run(&["check", "--base", "main", "--author", "@ans/outillage"]);
    assert!(
        out.stdout.contains("campagne close modifiée : ce fichier est le relevé officiel d'une campagne, seuls les mainteneurs de campaigns peuvent approuver ce changement (@ans/campagnes) ; @ans/outillage n'en fait pas partie"),
        "{}",
        out.stdout
    );
    assert_eq!(check_as(&t, "@ans/campagnes"), (0, vec![]));
}

#[test]
fn check_refuses_deleting_a_closed_campaign_but_a_new_one_follows_the_folder_rule() {
    // Deleting c1 is CV342; adding c2 is an ordinary change of the campaigns folder.
    let t = closed();
    std::fs::remove_file(t.path().join(FILE)).unwrap();
    commit(&t);
    assert_eq!(
        check_as(&t, "@ans/outillage"),
        (1, vec![(FILE.to_string(), "CV342".to_string())])
    );
    git(&t, &["reset", "-q", "--hard", "main"]);
    assert_eq!(
        t.run(&["campaign", "close", "c2", "--date", "2021-06-30"])
            .code,
        0
    );
    commit(&t);
    assert_eq!(
        check_as(&t, "@alpha"),
        (
            1,
            vec![("campaigns/c2.json".to_string(), "CV401".to_string())]
        )
    );
    assert_eq!(check_as(&t, "@ans/campagnes"), (0, vec![]));
}

// `demo` writes the committed campaigns byte for byte: the 2019 pilot and the 2020 study,
// whose national figures are the publication's.
#[test]
fn the_demo_ships_the_committed_campaigns_with_the_published_figures() {
    use crate::demo::{real_repo, root, tree};
    let t = real_repo(false);
    assert_eq!(t.run(&["demo"]).code, 0);
    let generated = tree(&t.path().join("campaigns"));
    let committed = tree(&root().join("campaigns"));
    assert_eq!(
        generated.keys().collect::<Vec<_>>(),
        vec!["2019-pilote.json", "2020.json"]
    );
    assert!(generated == committed, "run `convergence demo --force`");
    let study: convergence::model::Campaign =
        serde_json::from_slice(&committed["2020.json"]).unwrap();
    let national = |q: &str| {
        let a = study.aggregate("national", "national", q, None).unwrap();
        (a.rate, a.level, a.concerned, a.total)
    };
    assert_eq!(
        national("interoperabilite-services"),
        (Some(0.834067), Some(1.960145), 299, 299)
    );
    let (rate, level, concerned, total) = national("urbanisation-services");
    assert_eq!((concerned, total), (299, 299));
    assert_eq!(
        (
            format!("{:.1}", rate.unwrap() * 100.0),
            format!("{:.2}", level.unwrap())
        ),
        ("78.8".to_string(), "1.69".to_string())
    );
    let (rate, level, concerned, total) = national("urbanisation-regionale");
    assert_eq!((concerned, total), (17, 17));
    assert_eq!(
        (
            format!("{:.1}", rate.unwrap() * 100.0),
            format!("{:.2}", level.unwrap())
        ),
        ("75.3".to_string(), "1.91".to_string())
    );
}

// Plans of the demo's pilot judged by the study: every kind of outcome occurs, and the
// counts add up over the sheets.
#[test]
fn the_demo_pilot_s_plans_are_kept_late_or_abandoned() {
    use convergence::score::plans::{Declared, review};
    let repo = convergence::load::load(&crate::demo::root()).repo;
    let sources: Vec<Declared> = repo
        .campaigns
        .iter()
        .map(|c| Declared::campaign(&c.value))
        .collect();
    let reviews = review(&repo, &sources);
    assert_eq!(reviews.len(), 1);
    let r = &reviews[0];
    assert_eq!(r.campaign, "2019-pilote");
    assert!(
        r.national.kept > 0 && r.national.late > 0 && r.national.abandoned > 0,
        "{:?}",
        r.national
    );
    let by_sheet: usize = r.subjects.values().map(|c| c.judged()).sum();
    assert_eq!(by_sheet, r.national.judged());
    assert_eq!(r.pending, 0);
}

/// The text of a built page, tags removed and spaces folded.
pub fn page_text(t: &RepoTest, path: &str) -> String {
    let html = std::fs::read_to_string(t.path().join("public").join(path)).unwrap();
    let mut text = String::new();
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

// The trends page of the base fixture with two campaigns, by hand: alpha-dcc goes from 1 to 2
// on A06.2 (expected 1) and stays at 0 on A04.2.1 (expected 2): rate 50 % both times, level
// 0.50 then 1.00; c1's milestone 2021-T3 → 2 is kept in c2 (its 2022-T2 one is pending);
// today A06.2 is up to date and A04.2.1, not plannable, late.
#[test]
fn the_trends_page_shows_campaigns_plans_and_doctrine_status() {
    // c1 closed, alpha-dcc reaching 2 on A06.2 by 2021-T3 as planned, c2 closed, built.
    let t = crate::time_pages::two_campaigns();
    let text = page_text(&t, "tendances.html");
    for expected in [
        "Campagnes closes : c1 — 15/12/2020 ; c2 — 15/12/2021.",
        // The national line goes on from the campaigns to the key figure at date, then the
        // projections, whose perimeter is said.
        "Campagne c1 (15/12/2020) 2020 50,0 % 0,50 / 3 1 / 1 — Campagne c2 (15/12/2021) 2020 50,0 % 1,00 / 3 1 / 1 comparable \
À date (15/12/2020) 2020 50,0 % 1,00 / 3 1 comparable Fin 2022 (projection) 2020 50,0 % 1,50 / 3 1 projection des plans en cours",
        "excluent les services appelés à être décommissionnés (aucun dans le périmètre actuel)",
        // The chart's data: one line per questionnaire, campaigns then at date and projected.
        "Campagne ou date Urbanisation régionale Urbanisation des services c1 66,7 % 50,0 % c2 66,7 % 50,0 % \
À date (15/12/2020) 66,7 % 50,0 % Fin 2022 100,0 % 50,0 % Fin 2025 100,0 % 50,0 %",
        // The regional questionnaire (organisations) is part of the national trends.
        "Campagne c1 (15/12/2020) 2020 66,7 % 2,00 / 3 1 / 1 — Campagne c2 (15/12/2021) 2020 66,7 % 2,00 / 3 1 / 1 comparable",
        "A06 c1 (version 2020) 100,0 % 1,00 / 3 1 / 1 — c2 (version 2020) 100,0 % 2,00 / 3 1 / 1 comparable",
        "Plans de la campagne c1 — ensemble Ensemble Jalons jugés Tenus En retard Abandonnés National 1 1 (100,0 %) 0 (0,0 %) 0 (0,0 %)",
        "Plans de la campagne c1 — par éditeur Éditeur Jalons jugés Tenus En retard Abandonnés Maincare 1 1 (100,0 %)",
        "Statut des critères — ensemble Ensemble Critères À jour Planifiés En retard National 2 1 (50,0 %) 0 (0,0 %) 1 (50,0 %)",
    ] {
        assert!(text.contains(expected), "missing «{expected}» in:\n{text}");
    }
}

// Badges of the base fixture: alpha-dcc (50 %), its organisation and its solution; the draft
// products of editeur-x have none. The badges page gives absolute snippets with --base-url.
#[test]
fn badges_exist_for_public_figures_only_with_their_snippet() {
    let t = RepoTest::fixture("base");
    let out = t.run(&["build", "--base-url", "https://obs.example/"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let files: Vec<String> = crate::demo::tree(&t.path().join("public/badges"))
        .into_keys()
        .collect();
    assert_eq!(
        files,
        vec![
            "organisation/alpha.svg",
            "service/alpha-dcc.svg",
            "solution/maincare/ideocm.svg",
        ]
    );
    let svg =
        std::fs::read_to_string(t.path().join("public/badges/service/alpha-dcc.svg")).unwrap();
    assert!(
        svg.contains("<title>convergence\u{a0}: 50,0 %</title>"),
        "{svg}"
    );
    assert!(svg.contains("fill=\"#fe7d37\""), "{svg}");
    let page = std::fs::read_to_string(t.path().join("public/badges.html")).unwrap();
    let row = "<tr><th scope=\"row\"><a href=\"services/alpha-dcc.html\">DCC régional — Urbanisation des services</a></th>\
<td><img src=\"badges/service/alpha-dcc.svg\" alt=\"convergence : DCC régional — Urbanisation des services\"></td>\
<td><code>&lt;a href=&quot;https://obs.example/services/alpha-dcc.html&quot;&gt;&lt;img src=&quot;https://obs.example/badges/service/alpha-dcc.svg&quot; \
alt=&quot;convergence : DCC régional — Urbanisation des services&quot;&gt;&lt;/a&gt;</code></td></tr>";
    assert!(page.contains(row), "{page}");
}

// Provenance from a temporary git repository: the sheet and organisation pages name their
// file's last commit with GitHub links (the request number read from the message), and two
// builds of the same commit are byte-identical.
#[test]
fn sheets_link_to_the_commit_that_last_changed_them() {
    let t = repo();
    t.edit(
        "convergence.yaml",
        "maintainers:\n",
        "forge: { kind: github, url: \"https://github.com/ans/obs\" }\nmaintainers:\n",
    );
    t.edit(
        "answers/alpha/alpha-dcc.yaml",
        "Identifiant local.",
        "Identifiant local, revu.",
    );
    git(&t, &["add", "-A"]);
    git(&t, &["commit", "-q", "-m", "Niveau INS atteint (#42)"]);
    let head = git(&t, &["rev-parse", "HEAD"]).trim().to_string();
    let date = git(&t, &["log", "-1", "--format=%cs"]).trim().to_string();
    let fr = format!("{}/{}/{}", &date[8..10], &date[5..7], &date[..4]);
    for out in ["p1", "p2"] {
        let built = t.run(&["build", "--out", out]);
        assert_eq!(built.code, 0, "{}", built.stderr);
    }
    let sheet = std::fs::read_to_string(t.path().join("p1/services/alpha-dcc.html")).unwrap();
    let expected = format!(
        "<p class=\"provenance\">Dernière modification le {fr}, commit <a href=\"https://github.com/ans/obs/commit/{head}\">{}</a>, demande de fusion <a href=\"https://github.com/ans/obs/pull/42\">n° 42</a>.</p>",
        &head[..7]
    );
    assert!(sheet.contains(&expected), "{sheet}");
    let org = std::fs::read_to_string(t.path().join("p1/organisations/alpha.html")).unwrap();
    assert!(
        org.contains("<p class=\"provenance\">Dernière modification le "),
        "{org}"
    );
    assert!(!org.contains("pull/42"), "{org}");
    assert!(
        crate::demo::tree(&t.path().join("p1")) == crate::demo::tree(&t.path().join("p2")),
        "two builds of one commit differ"
    );
}

/// The feed at `path` of the built site, parsed back with the crate that wrote it: its title,
/// updated date and links, then each entry as `(title, id, date, link)`.
pub fn feed(t: &RepoTest, path: &str) -> (String, String, Vec<String>, Vec<[String; 4]>) {
    let bytes = std::fs::read(t.path().join("public").join(path)).unwrap();
    let feed = atom_syndication::Feed::read_from(&bytes[..]).unwrap();
    let entries = feed
        .entries()
        .iter()
        .map(|e| {
            [
                e.title().value.clone(),
                e.id().to_string(),
                e.updated().to_rfc3339(),
                e.links()[0].href().to_string(),
            ]
        })
        .collect();
    let links = feed
        .links()
        .iter()
        .map(|l| format!("{} {}", l.rel(), l.href()))
        .collect();
    (
        feed.title().value.clone(),
        feed.updated().to_rfc3339(),
        links,
        entries,
    )
}

// Feeds of the base fixture outside git, with campaign c1 closed on 2020-12-15: the sheet
// dated by its assessed_on (2020-12-01), the campaign, and both questionnaire versions dated
// by the first campaign that froze them; drafts absent; Bretagne has no sheet; updated is the
// newest entry. The home and region pages link their feed.
#[test]
fn feeds_list_sheets_campaigns_and_questionnaires_parsed_back() {
    let t = crate::time_pages::one_campaign();
    let s = |v: &str| v.to_string();
    let midnight = |d: &str| format!("{d}T00:00:00+00:00");
    let shared = |root: &str| {
        vec![
            [
                s("Campagne close : c1"),
                s("urn:convergence:campagne:c1"),
                midnight("2020-12-15"),
                format!("{root}tendances.html"),
            ],
            [
                s("Questionnaire publié : Urbanisation régionale (version 2020)"),
                s("urn:convergence:questionnaire:regional:2020"),
                midnight("2020-12-15"),
                format!("{root}questionnaires/regional/index.html"),
            ],
            [
                s("Questionnaire publié : Urbanisation des services (version 2020)"),
                s("urn:convergence:questionnaire:services:2020"),
                midnight("2020-12-15"),
                format!("{root}questionnaires/services/index.html"),
            ],
        ]
    };
    let sheet = |root: &str| {
        [
            s("Fiche mise à jour : DCC régional"),
            s("urn:convergence:fiche:alpha-dcc:2020-12-01"),
            midnight("2020-12-01"),
            format!("{root}services/alpha-dcc.html"),
        ]
    };
    let (title, updated, links, entries) = feed(&t, "feeds/national.xml");
    assert_eq!(title, "Observatoire de test — national");
    assert_eq!(updated, midnight("2020-12-15"));
    assert_eq!(links, ["alternate ../index.html", "self national.xml"]);
    let mut expected = shared("../");
    expected.push(sheet("../"));
    assert_eq!(entries, expected);
    let (title, _, links, entries) = feed(&t, "feeds/regions/84.xml");
    assert_eq!(title, "Observatoire de test — Auvergne-Rhône-Alpes");
    assert_eq!(
        links,
        [
            "alternate ../../regions/auvergne-rhone-alpes.html",
            "self 84.xml"
        ]
    );
    let mut expected = shared("../../");
    expected.push(sheet("../../"));
    assert_eq!(entries, expected);
    let (_, _, _, entries) = feed(&t, "feeds/regions/53.xml");
    assert_eq!(entries, shared("../../"));
    let alternate = |page: &str, href: &str| {
        let html = std::fs::read_to_string(t.path().join("public").join(page)).unwrap();
        let link = format!(
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Flux Atom\" href=\"{href}\">"
        );
        assert!(html.contains(&link), "{page}: {html}");
    };
    alternate("index.html", "feeds/national.xml");
    alternate(
        "regions/auvergne-rhone-alpes.html",
        "../feeds/regions/84.xml",
    );
    alternate("regions/bretagne.html", "../feeds/regions/53.xml");

    // A sheet that may not be published leaves every feed.
    t.edit(
        "answers/alpha/alpha-dcc.yaml",
        "publishable: true",
        "publishable: false",
    );
    let out = t.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for path in ["feeds/national.xml", "feeds/regions/84.xml"] {
        let text = std::fs::read_to_string(t.path().join("public").join(path)).unwrap();
        assert!(!text.contains("alpha-dcc"), "{path}: {text}");
    }
}

// In a git checkout a sheet's entry is its file's last commit: date and commit in the id.
#[test]
fn a_sheet_s_feed_entry_is_its_last_commit() {
    let t = repo();
    let head = git(&t, &["rev-parse", "HEAD"]).trim().to_string();
    let date = git(&t, &["log", "-1", "--format=%cs"]).trim().to_string();
    let out = t.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let (_, updated, _, entries) = feed(&t, "feeds/national.xml");
    assert_eq!(updated, format!("{date}T00:00:00+00:00"));
    let id = format!("urn:convergence:fiche:alpha-dcc:{}", &head[..12]);
    assert!(
        entries
            .iter()
            .any(|e| e[1] == id && e[2] == format!("{date}T00:00:00+00:00")),
        "{entries:?}"
    );
}
