//! `convergence new --update FILE`: the criteria a preliminary answer enables are added as `new`
//! writes them, answers it disables are flagged in place, every other byte is kept, a second run
//! changes nothing, and the file is never written through a link.

use crate::harness::RepoTest;

fn read(t: &RepoTest, rel: &str) -> String {
    std::fs::read_to_string(t.path().join(rel)).unwrap()
}

fn update(t: &RepoTest, rel: &str, extra: &[&str]) -> crate::harness::Output {
    let file = t.path().join(rel);
    t.run(&[&["new", "--update", file.to_str().unwrap()], extra].concat())
}

fn names(t: &RepoTest, dir: &str) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(t.path().join(dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

#[test]
fn enabled_criteria_are_added_exactly_as_new_writes_them_and_a_second_run_changes_nothing() {
    // A fresh file without preliminary answer, updated with instance_ror=true, reads as the file
    // `new --preliminary instance_ror=true` writes; no temporary file is left beside it.
    let t = RepoTest::fixture("base");
    let new = |id: &str, extra: &[&str]| {
        let base = ["new", "service", "--org", "alpha", "--id", id];
        let out = t.run(&[&base[..], &["--assessed-on", "2021-01-15"], extra].concat());
        assert_eq!(out.code, 0, "{}", out.stderr);
    };
    new("alpha-x", &[]);
    new("alpha-y", &["--preliminary", "instance_ror=true"]);
    let out = update(
        &t,
        "answers/alpha/alpha-x.yaml",
        &["--preliminary", "instance_ror=true"],
    );
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (
            0,
            "mis à jour : answers/alpha/alpha-x.yaml\n  réponse préliminaire (services) : instance_ror = oui\n  critère ajouté en commentaire (services) : A04.2.2\n",
            ""
        )
    );
    let expected = read(&t, "answers/alpha/alpha-y.yaml").replace("alpha-y", "alpha-x");
    assert_eq!(read(&t, "answers/alpha/alpha-x.yaml"), expected);
    let out = update(&t, "answers/alpha/alpha-x.yaml", &[]);
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "inchangé : answers/alpha/alpha-x.yaml\n")
    );
    assert_eq!(read(&t, "answers/alpha/alpha-x.yaml"), expected);
    assert_eq!(
        names(&t, "answers/alpha"),
        [
            "alpha-dcc.yaml",
            "alpha-x.yaml",
            "alpha-y.yaml",
            "organisation.yaml"
        ]
    );
}

#[test]
fn the_preliminary_answers_written_in_the_file_are_re_applied() {
    // The author sets instance_ror by hand; `--update` alone adds the criterion it enables.
    let t = RepoTest::fixture("base");
    let rel = "answers/alpha/alpha-x.yaml";
    let out = t.run(&["new", "service", "--org", "alpha", "--id", "alpha-x"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    t.edit(
        rel,
        "    # preliminary:  # sans réponse, les critères qui en dépendent sont omis\n      # instance_ror: (true ou false)",
        "    preliminary:\n      instance_ror: true",
    );
    let out = update(&t, rel, &[]);
    assert_eq!(
        out.stdout,
        "mis à jour : answers/alpha/alpha-x.yaml\n  critère ajouté en commentaire (services) : A04.2.2\n"
    );
    assert!(
        read(&t, rel).ends_with(
            "      # A04.2.1: { level: }\n      ## A04.2.2 — Peuplement du ROR (niveau attendu : 2)\n      ##   0 : Aucun.\n      ##   1 : Partiel.\n      ##   2 : Total.\n      ##   3 : Automatisé.\n      # A04.2.2: { level: }\n"
        ),
        "{}",
        read(&t, rel)
    );
}

#[test]
fn disabled_answers_are_flagged_above_their_line_and_everything_else_is_kept() {
    // A validated file answering A04.2.2 switches instance_ror to false: the value is replaced
    // in its flow map, a `# ⚠` line goes above the answer (kept), a warning names its line;
    // a second run changes nothing, and switching back restores the original bytes.
    let t = RepoTest::fixture("base");
    let rel = "answers/alpha/alpha-dcc.yaml";
    t.edit(
        rel,
        "preliminary: { instance_ror: false }",
        "preliminary: { instance_ror: true }  # vérifié en 2020",
    );
    let text = read(&t, rel)
        + "      # Peuplement : voir le ticket 42.\n      A04.2.2: { level: 1 }  # partiel\n";
    t.write(rel, &text);
    let out = update(&t, rel, &["--preliminary", "instance_ror=false"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("disabled_report", out.stdout);
    let updated = read(&t, rel);
    insta::assert_snapshot!("disabled_file", updated);
    let again = update(&t, rel, &[]);
    assert!(
        again
            .stdout
            .starts_with("inchangé : answers/alpha/alpha-dcc.yaml\n\n"),
        "{}",
        again.stdout
    );
    assert!(
        again.stdout.contains("alpha-dcc.yaml:28:7: warning[CV303]"),
        "{}",
        again.stdout
    );
    assert_eq!(read(&t, rel), updated);
    let back = update(&t, rel, &["--preliminary", "instance_ror=true"]);
    assert_eq!(back.code, 0, "{}", back.stderr);
    assert_eq!(read(&t, rel), text);
}

#[test]
fn line_endings_comments_and_a_missing_final_newline_are_kept() {
    // A file written on Windows, without preliminary answers nor a final newline: the
    // preliminary block goes after `version`, stubs after the last answer (without an axis
    // title: the file has none), all in CRLF.
    let t = RepoTest::fixture("base");
    let rel = "answers/alpha/alpha-w.yaml";
    t.write(
        rel,
        "id: alpha-w\r\nkind: service\r\nname: 'W'   # nom court\r\npublishable: false\r\nstatus: draft\r\nassessed_on: 2021-01-01\r\nquestionnaires:\r\n  services:\r\n    version: '2020'\r\n    answers:\r\n      # à revoir\r\n      A06.2: {level: 1}",
    );
    let out = update(&t, rel, &["--preliminary", "instance_ror=false"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        read(&t, rel),
        "id: alpha-w\r\nkind: service\r\nname: 'W'   # nom court\r\npublishable: false\r\nstatus: draft\r\nassessed_on: 2021-01-01\r\nquestionnaires:\r\n  services:\r\n    version: '2020'\r\n    preliminary:\r\n      instance_ror: false  # Le service est-il une instance ROR ?\r\n    answers:\r\n      # à revoir\r\n      A06.2: {level: 1}\r\n      ## A04.2.1 — Utilisation du ROR (niveau attendu : 2)\r\n      ##   0 : Aucune.\r\n      ##   1 : Partielle.\r\n      ##   2 : Complète.\r\n      ##   3 : Automatisée.\r\n      # A04.2.1: { level: }\r\n"
    );
    let out = t.run(&["validate", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
}

#[test]
fn refuses_unknown_questions_links_and_files_that_are_not_answers() {
    // Nothing is written in any of these cases; exit 2 with a French message.
    let t = RepoTest::fixture("base");
    let rel = "answers/alpha/alpha-dcc.yaml";
    let before = read(&t, rel);
    let out = update(&t, rel, &["--preliminary", "instance_rorr=true"]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            2,
            "erreur : question préliminaire « instance_rorr » posée par aucun des questionnaires de la fiche ; vouliez-vous dire « instance_ror » ? sinon, questions : instance_ror\n"
        )
    );
    let out = update(&t, rel, &["--preliminary", "instance_ror=peut-être"]);
    assert_eq!(
        out.stderr,
        "erreur : réponse « peut-être » impossible à « Le service est-il une instance ROR ? » (instance_ror) ; réponse attendue : true (oui) ou false (non)\n"
    );
    assert_eq!(read(&t, rel), before);
    let out = update(&t, "convergence.yaml", &[]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            2,
            "erreur : convergence.yaml n'est pas une fiche de réponses (answers/<organisation>/<fiche>.yaml)\n"
        )
    );
    let out = t.run(&["new", "service", "--update", rel]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            2,
            "erreur : « [KIND] » ne peut pas être utilisé avec « --update <FICHIER> »\n\nUtilisation : convergence new <KIND>\n\nPour en savoir plus, essayez « --help ».\n"
        )
    );
    #[cfg(unix)]
    {
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join("alpha-dcc.yaml");
        std::fs::write(&target, &before).unwrap();
        let link = t.path().join("answers/alpha/alpha-l.yaml");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let out = t.run(&["new", "--update", link.to_str().unwrap()]);
        assert_eq!(
            (out.code, out.stderr.as_str()),
            (
                2,
                format!(
                    "erreur : {} est un lien symbolique : donnez le fichier lui-même\n",
                    link.display()
                )
                .as_str()
            )
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), before);
    }
}

#[test]
fn a_removed_stub_comes_back_at_its_place_under_its_axis_title() {
    // A04.2.1's commented lines deleted by hand: its stub goes back between the axis title and
    // A04.2.2's lines, giving back the file `new` wrote.
    let t = RepoTest::fixture("base");
    let rel = "answers/alpha/alpha-x.yaml";
    let out = t.run(&[
        "new",
        "service",
        "--org",
        "alpha",
        "--id",
        "alpha-x",
        "--preliminary",
        "instance_ror=true",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let written = read(&t, rel);
    t.edit(
        rel,
        "      ## A04.2.1 — Utilisation du ROR (niveau attendu : 2)\n      ##   0 : Aucune.\n      ##   1 : Partielle.\n      ##   2 : Complète.\n      ##   3 : Automatisée.\n      # A04.2.1: { level: }\n",
        "",
    );
    let out = update(&t, rel, &[]);
    assert_eq!(
        out.stdout,
        "mis à jour : answers/alpha/alpha-x.yaml\n  critère ajouté en commentaire (services) : A04.2.1\n"
    );
    assert_eq!(read(&t, rel), written);
}
