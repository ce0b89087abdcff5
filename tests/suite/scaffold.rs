//! `convergence new`: the scaffolded file's exact text, that it validates as a draft, and that
//! an existing file is never overwritten.

use crate::harness::RepoTest;

#[test]
fn new_service_lists_applicable_criteria_with_level_texts() {
    // instance_ror=true brings A04.2.2 in; every answer is a commented stub.
    let t = RepoTest::fixture("base");
    let out = t.run(&[
        "new",
        "service",
        "--org",
        "alpha",
        "--id",
        "alpha-sso",
        "--preliminary",
        "instance_ror=true",
        "--assessed-on",
        "2021-01-15",
    ]);
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "créé : answers/alpha/alpha-sso.yaml\n")
    );
    let text = std::fs::read_to_string(t.path().join("answers/alpha/alpha-sso.yaml")).unwrap();
    let expected = "\
# yaml-language-server: $schema=../../schemas/subject.schema.json
id: alpha-sso
kind: service
name: \"alpha-sso\"  # nom affiché sur le portail
# description: …
# pos_zone: \"6.2\"  # zone du POS (content/referentials/pos.yaml)
# common_core: <type>  # type du tronc commun (content/referentials/common-core.yaml)
# editor: <éditeur>  # content/referentials/editors.yaml
# solution: <solution>
# solution_version: \"1.0\"
# national_services: [dmp, mssante]
publishable: false  # true quand les réponses peuvent être publiées
status: draft  # validated quand tous les critères applicables ont une réponse
assessed_on: 2021-01-15
questionnaires:
  services:  # Urbanisation des services
    version: \"2020\"
    preliminary:
      instance_ror: true  # Le service est-il une instance ROR ?
    # Décommentez « answers: » puis, pour chaque critère, sa ligne « # <id>: { level: } »
    # en indiquant le niveau atteint (les lignes « ## » restent des commentaires).
    # answers:
      ## Axe A06 — INS
      ## A06.2 — Intégration de l'INS (niveau attendu : 1)
      ##   1 : Identifiant local.
      ##   2 : Identifiant pivot régional.
      ##   3 : INS.
      ##   na : Le service ne manipule pas de données de santé.
      # A06.2: { level: }
      ## Axe A04.2 — Offre de santé
      ## A04.2.1 — Utilisation du ROR (niveau attendu : 2)
      ##   0 : Aucune.
      ##   1 : Partielle.
      ##   2 : Complète.
      ##   3 : Automatisée.
      # A04.2.1: { level: }
      ## A04.2.2 — Peuplement du ROR (niveau attendu : 2)
      ##   0 : Aucun.
      ##   1 : Partiel.
      ##   2 : Total.
      ##   3 : Automatisé.
      # A04.2.2: { level: }
";
    assert_eq!(text, expected);
}

#[test]
fn scaffolded_files_validate_as_drafts() {
    // A new organisation, service and product: only CV304 warnings, no error.
    let t = RepoTest::fixture("base");
    let date = ["--assessed-on", "2021-01-15"];
    let runs: [&[&str]; 3] = [
        &[
            "new",
            "organisation",
            "--org",
            "gamma",
            "--questionnaire",
            "regional",
        ],
        &["new", "service", "--org", "gamma", "--id", "gamma-dcc"],
        &["new", "product", "--org", "editeur-x", "--id", "ideocm-x"],
    ];
    for args in runs {
        let out = t.run(&[args, &date].concat());
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    let out = t.run(&["validate", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let found: Vec<(String, String)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().into(),
                d["message"].as_str().unwrap().into(),
            )
        })
        .filter(|(p, _): &(String, String)| {
            !p.starts_with("answers/editeur-x/ideocm-r") && !p.ends_with("socle.yaml")
        })
        .collect();
    let w = |p: &str, m: &str| (p.to_string(), m.to_string());
    assert_eq!(
        found,
        vec![
            w(
                "answers/editeur-x/ideocm-x.yaml",
                "2 critère(s) applicable(s) sans réponse dans « services » : A06.2, A04.2.1"
            ),
            w(
                "answers/gamma/gamma-dcc.yaml",
                "2 critère(s) applicable(s) sans réponse dans « services » : A06.2, A04.2.1"
            ),
            w(
                "answers/gamma/organisation.yaml",
                "1 critère(s) applicable(s) sans réponse dans « regional » : A03.1"
            ),
        ]
    );
}

#[test]
fn refuses_to_overwrite_an_existing_file() {
    // The existing service stays as it was; exit 2 with a message.
    let t = RepoTest::fixture("base");
    let before = std::fs::read_to_string(t.path().join("answers/alpha/alpha-dcc.yaml")).unwrap();
    let out = t.run(&["new", "service", "--org", "alpha", "--id", "alpha-dcc"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "erreur : answers/alpha/alpha-dcc.yaml existe déjà : modifiez-le, ou supprimez-le d'abord\n"
    );
    let after = std::fs::read_to_string(t.path().join("answers/alpha/alpha-dcc.yaml")).unwrap();
    assert_eq!(before, after);
}

#[test]
fn refuses_ids_and_organisations_that_are_not_valid_ids() {
    // `--id ../ara/evil` would write into another organisation's folder, `--org ../../../tmp/x`
    // outside the repository: both are refused before anything is written.
    let t = RepoTest::fixture("base");
    let out = t.run(&["new", "service", "--org", "alpha", "--id", "../beta/evil"]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            2,
            "erreur : --id « ../beta/evil » n'est pas un identifiant valide : seuls les lettres minuscules sans accent, les chiffres et des traits d'union simples entre eux sont permis (ni espace, ni « / », « * », « . »)\n"
        )
    );
    let out = t.run(&["new", "organisation", "--org", "../../../tmp/x"]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            2,
            "erreur : --org « ../../../tmp/x » n'est pas un identifiant valide : seuls les lettres minuscules sans accent, les chiffres et des traits d'union simples entre eux sont permis (ni espace, ni « / », « * », « . »)\n"
        )
    );
    let out = t.run(&["new", "service", "--org", "alpha", "--id", "index"]);
    assert_eq!(
        out.stderr,
        "erreur : --id « index » n'est pas un identifiant valide : ce nom est réservé par le portail\n"
    );
    assert!(!t.path().join("answers/beta").exists());
    assert!(!t.path().join("answers/alpha/index.yaml").exists());
}

#[test]
fn refuses_preliminary_answers_the_questionnaires_do_not_ask_or_allow() {
    // An unknown question (with the one meant) and a yes/no question answered otherwise:
    // exit 2, nothing written.
    let t = RepoTest::fixture("base");
    let new = |p: &str| {
        t.run(&[
            "new",
            "service",
            "--org",
            "alpha",
            "--id",
            "alpha-x",
            "--preliminary",
            p,
        ])
    };
    let out = new("instance_rorr=true");
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "erreur : question préliminaire « instance_rorr » posée par aucun des questionnaires choisis ; vouliez-vous dire « instance_ror » ? sinon, questions : instance_ror\n"
    );
    let out = new("instance_ror=oui");
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .starts_with("erreur : réponse « oui » impossible à « "),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .ends_with("(instance_ror) ; réponse attendue : true (oui) ou false (non)\n"),
        "{}",
        out.stderr
    );
    assert!(!t.path().join("answers/alpha/alpha-x.yaml").exists());
}

#[cfg(unix)]
#[test]
fn never_writes_through_a_link_at_the_new_file_s_place() {
    // A dangling link where the new file would go, pointing outside the repository: refused
    // as an existing file, and nothing is written at its target.
    let t = RepoTest::fixture("base");
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("written");
    std::os::unix::fs::symlink(&target, t.path().join("answers/alpha/alpha-x.yaml")).unwrap();
    let out = t.run(&["new", "service", "--org", "alpha", "--id", "alpha-x"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "erreur : answers/alpha/alpha-x.yaml existe déjà : modifiez-le, ou supprimez-le d'abord\n"
    );
    assert!(!target.exists());
}

#[test]
fn refuses_a_preliminary_answer_given_twice_differently_and_suggests_near_values() {
    // Two values for one question cannot both hold; a misspelt `true` is named; a misspelt
    // questionnaire too. Exit 2, nothing written.
    let t = RepoTest::fixture("base");
    let new = |extra: &[&str]| {
        t.run(
            &[
                &["new", "service", "--org", "alpha", "--id", "alpha-x"],
                extra,
            ]
            .concat(),
        )
    };
    let out = new(&[
        "--preliminary",
        "instance_ror=true",
        "--preliminary",
        "instance_ror=false",
    ]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            2,
            "erreur : --preliminary « instance_ror » donné deux fois, « true » puis « false » : gardez-en un\n"
        )
    );
    let out = new(&["--preliminary", "instance_ror=ture"]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            2,
            "erreur : réponse « ture » impossible à « Le service est-il une instance ROR ? » (instance_ror) ; vouliez-vous dire « true » ? sinon, réponse attendue : true (oui) ou false (non)\n"
        )
    );
    let out = new(&["--questionnaire", "servics"]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            2,
            "erreur : questionnaire « servics » inconnu ; vouliez-vous dire « services » ? sinon, en vigueur : regional, services\n"
        )
    );
    assert!(!t.path().join("answers/alpha/alpha-x.yaml").exists());
}

#[test]
fn refuses_a_subject_id_taken_elsewhere_and_an_organisation_one_letter_off() {
    // Subject ids are unique in the repository; `alpah` is most likely `alpha` mistyped, while
    // a name far from every organisation is a new one (created, with the to-do line).
    let t = RepoTest::fixture("base");
    let out = t.run(&["new", "service", "--org", "alpha", "--id", "ideocm-ror"]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            2,
            "erreur : --id « ideocm-ror » est déjà pris par answers/editeur-x/ideocm-ror.yaml : un identifiant de service ou de produit est unique dans le dépôt\n"
        )
    );
    let out = t.run(&["new", "service", "--org", "alpah", "--id", "alpah-dcc"]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            2,
            "erreur : --org « alpah » : aucune organisation de ce nom ; vouliez-vous dire « alpha » ? sinon, créez-la d'abord avec « convergence new organisation --org alpah »\n"
        )
    );
    assert!(!t.path().join("answers/alpah").exists());
    let out = t.run(&["new", "service", "--org", "normandie", "--id", "nor-dcc"]);
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (
            0,
            "créé : answers/normandie/nor-dcc.yaml\nà faire : answers/normandie/organisation.yaml n'existe pas ; créez-le avec « convergence new organisation --org normandie »\n"
        )
    );
}

#[test]
fn a_questionnaire_named_twice_is_written_once() {
    // `--questionnaire services` twice would give a duplicate key (CV007) in the new file.
    let t = RepoTest::fixture("base");
    let out = t.run(&[
        "new",
        "service",
        "--org",
        "alpha",
        "--id",
        "alpha-x",
        "--questionnaire",
        "services",
        "--questionnaire",
        "services",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(t.path().join("answers/alpha/alpha-x.yaml")).unwrap();
    assert_eq!(text.matches("\n  services:").count(), 1, "{text}");
}
