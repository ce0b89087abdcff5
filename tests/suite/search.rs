//! The portal's search index (`search-index.js`): which pages it lists, under which kind, title
//! and URL, and that nothing the portal withholds reaches it.

use crate::harness::RepoTest;

/// One entry of a built site's index: kind label, title, URL, searched text.
type Entry = (String, String, String, String);

fn built(t: &RepoTest) -> String {
    let out = t.run(&["build"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    std::fs::read_to_string(t.path().join("public/search-index.js")).unwrap()
}

/// The entries of a `search-index.js` script.
fn entries(script: &str) -> Vec<Entry> {
    let json = script
        .strip_prefix("window.CONVERGENCE_SEARCH = ")
        .and_then(|s| s.strip_suffix(";\n"))
        .expect("a script assigning the index");
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    let kinds = v["kinds"].as_array().unwrap();
    let text = |v: &serde_json::Value| v.as_str().unwrap().to_string();
    v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let kind = &kinds[e[1].as_u64().unwrap() as usize];
            (text(kind), text(&e[0]), text(&e[2]), text(&e[3]))
        })
        .collect()
}

// Regions, domains, zones, editors, solutions, organisations, sheets, questionnaires, axes,
// criteria, doctrine, FAQ and free pages are all in the index, each under its kind, by name,
// with the URL of its page, in a fixed order.
#[test]
fn the_index_lists_every_kind_of_page_by_name() {
    let t = RepoTest::fixture("site/basic");
    let listed: Vec<[String; 3]> = entries(&built(&t))
        .into_iter()
        .map(|(kind, title, url, _)| [kind, title, url])
        .collect();
    let want = [
        [
            "Région",
            "Auvergne-Rhône-Alpes",
            "regions/auvergne-rhone-alpes.html",
        ],
        ["Région", "Bretagne", "regions/bretagne.html"],
        ["Région", "La Réunion", "regions/la-reunion.html"],
        ["Domaine", "Services régionaux", "pos/6.html"],
        ["Zone du POS", "Coordination", "pos/6.html#zone-6.2"],
        ["Zone du POS", "Télésanté", "pos/6.html#zone-6.5"],
        ["Domaine", "Ressources techniques", "pos/8.html"],
        ["Éditeur", "Maincare (fictif)", "editeurs/maincare.html"],
        ["Solution", "IdeoCM", "editeurs/maincare/ideocm.html"],
        ["Solution", "Odyssée", "editeurs/maincare/odyssee.html"],
        [
            "Organisation",
            "GRADeS Auvergne-Rhône-Alpes (fictif)",
            "organisations/ara.html",
        ],
        [
            "Organisation",
            "GIP e-Bretagne (fictif)",
            "organisations/bzh.html",
        ],
        [
            "Organisation",
            "Maincare (fictif)",
            "organisations/maincare.html",
        ],
        ["Service", "DCC régional", "services/ara-dcc.html"],
        ["Service", "Ancien portail", "services/ara-old.html"],
        [
            "Service",
            "Téléconsultation régionale",
            "services/bzh-tlc.html",
        ],
        ["Produit", "IdeoCM socle", "services/ideocm-socle.html"],
        [
            "Questionnaire",
            "Urbanisation des services",
            "questionnaires/services/index.html",
        ],
        ["Axe", "INS", "questionnaires/services/A06.html"],
        [
            "Critère",
            "Intégration de l'INS",
            "questionnaires/services/A06.html",
        ],
        ["Axe", "MSSanté", "questionnaires/services/A12.html"],
        [
            "Critère",
            "Messagerie sécurisée",
            "questionnaires/services/A12.html",
        ],
        [
            "Critère",
            "Annuaire MSSanté",
            "questionnaires/services/A12.html",
        ],
        [
            "Axe",
            "Services numériques de coordination",
            "questionnaires/services/A14.html",
        ],
        [
            "Critère",
            "Partage du plan personnalisé de coordination",
            "questionnaires/services/A14.html",
        ],
        [
            "Doctrine",
            "Identifiant national de santé (INS)",
            "doctrine/ins.html",
        ],
        [
            "Question fréquente",
            "Quand répondre « non applicable » à l'INS ?",
            "faq/ins-na.html",
        ],
        ["Page", "À propos", "pages/a-propos.html"],
        ["Page", "Méthode", "methode.html"],
    ];
    assert_eq!(listed, want.map(|e| e.map(String::from)));
}

// What a title does not say is searched in the text: a sheet's id, organisation, zone, editor
// and solution by name, and description; each part once.
#[test]
fn a_sheet_is_found_by_its_organisation_zone_editor_and_solution() {
    let t = RepoTest::fixture("site/basic");
    let all = entries(&built(&t));
    let text = |url: &str| &all.iter().find(|e| e.2 == url).unwrap().3;
    assert_eq!(
        text("services/bzh-tlc.html"),
        "bzh-tlc GIP e-Bretagne (fictif) 6.5 Maincare (fictif) IdeoCM"
    );
    // The editor's organisation and the editor share a name: said once.
    assert_eq!(
        text("services/ideocm-socle.html"),
        "ideocm-socle Maincare (fictif) IdeoCM"
    );
    assert_eq!(text("pos/8.html"), "8 Infrastructures mutualisées.");
}

// A non-publishable subject and a draft are in no entry, not even in another entry's text;
// published, the same subject is listed (so the check is not vacuous).
#[test]
fn the_index_holds_no_withheld_subject() {
    let t = RepoTest::fixture("site/basic");
    let script = built(&t);
    for secret in ["CANARI-7f3a9", "ara-secret", "BROUILLON-42", "bzh-draft"] {
        assert!(!script.contains(secret), "{secret} in the search index");
    }
    let path = t.path().join("answers/ara/ara-secret.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("publishable: false", "publishable: true"),
    )
    .unwrap();
    let published = entries(&built(&t));
    assert!(
        published.iter().any(
            |e| e.1 == "Service CANARI-7f3a9 confidentiel" && e.2 == "services/ara-secret.html"
        )
    );
}

// Every URL of the index is a page of the built site, and its fragment, if any, an element of it.
#[test]
fn every_url_of_the_index_is_a_page() {
    use crate::site::links;
    let t = RepoTest::fixture("site/basic");
    let index = entries(&built(&t));
    let site = links::read_site(&t.path().join("public"));
    for (_, title, url, _) in index {
        let page = url.split('#').next().unwrap_or_default();
        assert!(site.contains_key(page), "{title}: {url}");
        assert_eq!(links::missing_fragment(&site, page, &url), None, "{title}");
    }
}
