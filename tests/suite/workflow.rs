//! `convergence check` and `codeowners` on temporary git repositories: ownership of changed
//! files, CODEOWNERS generation and staleness, GitHub and GitLab report formats.

use crate::harness::{Output, RepoTest};
use std::process::Command;

/// Runs git in the test repository with a fixed identity; panics on failure.
pub fn git(t: &RepoTest, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(t.path())
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Replaces `from` by `to` in a file of the repository.
pub fn edit(t: &RepoTest, rel: &str, from: &str, to: &str) {
    t.edit(rel, from, to);
}

/// The base fixture with maintainers for `answers` and `*`, its CODEOWNERS, committed on
/// `main`, with a branch `change` checked out.
pub fn repo() -> RepoTest {
    committed(RepoTest::fixture("base"))
}

/// [`repo`] with `tests/fixtures/<overlay>` laid over the base fixture.
pub fn repo_with(overlay: &str) -> RepoTest {
    committed(RepoTest::base_with(overlay))
}

fn committed(t: RepoTest) -> RepoTest {
    edit(
        &t,
        "convergence.yaml",
        "maintainers:\n",
        "maintainers:\n  \"*\": [\"@ans/outillage\"]\n  answers: [\"@ans/observatoire\"]\n",
    );
    assert_eq!(t.run(&["codeowners", "--write"]).code, 0);
    git(&t, &["init", "-q"]);
    git(&t, &["add", "-A"]);
    git(&t, &["commit", "-q", "-m", "base"]);
    git(&t, &["checkout", "-q", "-b", "change"]);
    t
}

/// Commits everything on the current branch.
pub fn commit(t: &RepoTest) {
    git(t, &["add", "-A"]);
    git(t, &["commit", "-q", "-m", "change"]);
}

/// Runs `check --base main --format json` as `author` and returns the exit code and the
/// errors as `(path, code, message)`.
fn check_as(t: &RepoTest, author: &[&str]) -> (i32, Vec<(String, String, String)>) {
    let mut args = vec!["check", "--base", "main", "--format", "json", "--author"];
    args.extend(author);
    let out = t.run(&args);
    (out.code, errors(&out))
}

fn errors(out: &Output) -> Vec<(String, String, String)> {
    crate::harness::json(out)
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap().to_string();
            (s("path"), s("code"), s("message"))
        })
        .collect()
}

fn e(path: &str, code: &str, msg: &str) -> (String, String, String) {
    (path.into(), code.into(), msg.into())
}

const SUBJECT: &str = "answers/alpha/alpha-dcc.yaml";

#[test]
fn rejects_a_change_by_a_non_owner_naming_the_owners() {
    // @mallory edits alpha's service: one CV401 for that file, owners listed.
    let t = repo();
    edit(&t, SUBJECT, "level: 0\n", "level: 1\n");
    commit(&t);
    assert_eq!(
        check_as(&t, &["mallory"]),
        (
            1,
            vec![e(
                SUBJECT,
                "CV401",
                "@mallory n'est pas propriétaire de l'organisation « alpha » ; peuvent approuver : @alpha, @alpha-org/grades"
            )]
        )
    );
}

#[test]
fn accepts_a_valid_change_by_an_owner_or_a_declared_team_member() {
    // The owner handle, case-insensitive, or a member of an owning team passes.
    let t = repo();
    edit(&t, SUBJECT, "level: 0\n", "level: 1\n");
    commit(&t);
    assert_eq!(check_as(&t, &["@Alpha"]), (0, vec![]));
    assert_eq!(
        check_as(
            &t,
            &["bob", "--author-teams", "@ans/doctrine,@alpha-org/grades"]
        ),
        (0, vec![])
    );
}

#[test]
fn rejects_a_questionnaire_change_by_a_non_maintainer() {
    // An organisation owner may not edit a questionnaire.
    let t = repo();
    edit(
        &t,
        "questionnaires/services.yaml",
        "Aucune.",
        "Aucune utilisation.",
    );
    commit(&t);
    assert_eq!(
        check_as(&t, &["alpha"]),
        (
            1,
            vec![e(
                "questionnaires/services.yaml",
                "CV401",
                "@alpha n'est pas mainteneur de « questionnaires » ; peuvent approuver : @ans/doctrine"
            )]
        )
    );
    assert_eq!(
        check_as(&t, &["x", "--author-teams", "@ans/doctrine"]),
        (0, vec![])
    );
}

#[test]
fn a_new_organisation_is_approved_by_answers_maintainers_not_its_own_owners() {
    // Owners declared in the new file cannot approve themselves; owners are read from the base.
    // The regenerated CODEOWNERS, in sync, needs no maintainer.
    let t = repo();
    t.write(
        "answers/beta/organisation.yaml",
        "id: beta\nname: Beta\nkind: region\nregion: \"53\"\nowners: [\"@beta\"]\n",
    );
    git(&t, &["checkout", "-q", "main", "--", "CODEOWNERS"]);
    assert_eq!(t.run(&["codeowners", "--write"]).code, 0);
    commit(&t);
    let msg = "« beta » est une nouvelle organisation : sa création est approuvée par les mainteneurs de answers (@ans/observatoire), pas par les propriétaires qu'elle déclare";
    let claim = "« beta » change la région (— → 53) : il faut l'approbation des mainteneurs de answers (personne ne revendique cette entrée), soit @ans/observatoire ; @beta n'en fait pas partie";
    assert_eq!(
        check_as(&t, &["beta"]),
        (
            1,
            vec![
                e("answers/beta/organisation.yaml", "CV401", msg),
                e("answers/beta/organisation.yaml", "CV407", claim)
            ]
        )
    );
    assert_eq!(
        check_as(
            &t,
            &["o", "--author-teams", "@ans/observatoire,@ans/outillage"]
        ),
        (0, vec![])
    );
}

#[test]
fn changed_files_list_uses_the_current_owners() {
    // Without git: a list of paths and an author.
    let t = repo();
    t.write(
        "changed.txt",
        "answers/alpha/alpha-dcc.yaml\n\nanswers/editeur-x/ideocm-ror.yaml\n",
    );
    let list = t.path().join("changed.txt");
    let out = t.run(&[
        "check",
        "--format",
        "json",
        "--changed-files",
        list.to_str().unwrap(),
        "--author",
        "maincare",
    ]);
    assert_eq!(
        (out.code, errors(&out)),
        (
            1,
            vec![e(
                SUBJECT,
                "CV401",
                "@maincare n'est pas propriétaire de l'organisation « alpha » ; peuvent approuver : @alpha, @alpha-org/grades"
            )]
        )
    );
}

#[test]
fn codeowners_output_is_stable() {
    // Same data, same bytes; `*` first, then folders, then organisations (last match wins).
    let t = repo();
    let expected = "\
# Généré par « convergence codeowners » à partir de « maintainers » (convergence.yaml) et de
# « owners » (answers/<organisation>/organisation.yaml). Ne pas modifier à la main : lancez
# « convergence codeowners --write ». La dernière ligne qui correspond à un fichier l'emporte.
* @ans/outillage
/answers/ @ans/observatoire
/content/ @ans/doctrine
/questionnaires/ @ans/doctrine
/schemas/ @ans/outillage
/answers/alpha/ @alpha @alpha-org/grades
/answers/editeur-x/ @maincare
";
    let first = t.run(&["codeowners"]);
    assert_eq!(first.stdout, expected);
    assert_eq!(t.run(&["codeowners"]).stdout, expected);
    assert_eq!(
        std::fs::read_to_string(t.path().join("CODEOWNERS")).unwrap(),
        expected
    );
}

#[test]
fn stale_codeowners_is_an_error_at_the_first_different_line() {
    // New owner in an organisation file without regenerating CODEOWNERS: CV402.
    let t = repo();
    edit(
        &t,
        "answers/editeur-x/organisation.yaml",
        "[\"@maincare\"]",
        "[\"@maincare\", \"@mc2\"]",
    );
    let out = t.run(&["check", "--format", "json"]);
    assert_eq!(
        (out.code, errors(&out)),
        (
            1,
            vec![e(
                "CODEOWNERS",
                "CV402",
                "CODEOWNERS n'est pas à jour : la ligne 10 devrait être « /answers/editeur-x/ @maincare @mc2 »"
            )]
        )
    );
    std::fs::remove_file(t.path().join("CODEOWNERS")).unwrap();
    let out = t.run(&["check", "--format", "json"]);
    assert_eq!(
        errors(&out),
        vec![e(
            "CODEOWNERS",
            "CV402",
            "CODEOWNERS absent : les relectures ne sont pas demandées aux propriétaires"
        )]
    );
}

#[test]
fn human_output_names_who_may_approve_and_how_to_proceed() {
    // The message a contributor reads in the CI log.
    let t = repo();
    edit(&t, SUBJECT, "level: 0\n", "level: 1\n");
    commit(&t);
    let out = t.run(&["check", "--base", "main", "--author", "mallory"]);
    assert_eq!(out.code, 1);
    let expected = "\
answers/alpha/alpha-dcc.yaml: error[CV401]: @mallory n'est pas propriétaire de l'organisation « alpha » ; peuvent approuver : @alpha, @alpha-org/grades
  = aide : faites reprendre la modification par l'un d'eux, ou faites-vous ajouter à « owners » dans answers/alpha/organisation.yaml

";
    assert!(out.stdout.starts_with(expected), "{}", out.stdout);
    assert!(
        out.stdout.ends_with("1 erreur(s), 2 avertissement(s)\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn author_comes_from_the_forge_environment() {
    // GITHUB_ACTOR, else GITLAB_USER_LOGIN; without any, the command says what is missing.
    let t = repo();
    edit(&t, SUBJECT, "level: 0\n", "level: 1\n");
    commit(&t);
    let run = |env: &[(&str, &str)]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_convergence"));
        cmd.args([
            "--root",
            t.path().to_str().unwrap(),
            "check",
            "--base",
            "main",
        ]);
        cmd.env_remove("GITHUB_ACTOR")
            .env_remove("GITLAB_USER_LOGIN");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    assert_eq!(run(&[("GITHUB_ACTOR", "alpha")]).0, 0);
    assert_eq!(run(&[("GITLAB_USER_LOGIN", "mallory")]).0, 1);
    assert_eq!(
        run(&[]),
        (
            2,
            "erreur : auteur inconnu : donnez --author, ou lancez dans GitHub Actions ($GITHUB_ACTOR) ou GitLab CI ($GITLAB_USER_LOGIN)\n".to_string()
        )
    );
}

/// A minimal draft service file.
pub fn service(id: &str) -> String {
    format!(
        "id: {id}\nkind: service\nname: Service {id}\npublishable: false\nstatus: draft\nassessed_on: 2021-01-01\n"
    )
}

/// Runs `check --base main` as `author` and returns the errors as `(path:line, code, message)`.
fn located_errors(t: &RepoTest, author: &[&str]) -> Vec<(String, String, String)> {
    let mut args = vec!["check", "--base", "main", "--format", "json", "--author"];
    args.extend(author);
    let out = t.run(&args);
    crate::harness::json(&out)
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            let at = match d["location"]["line"].as_u64() {
                Some(l) => format!("{}:{l}", d["path"].as_str().unwrap()),
                None => d["path"].as_str().unwrap().to_string(),
            };
            let s = |k: &str| d[k].as_str().unwrap().to_string();
            (at, s("code"), s("message"))
        })
        .collect()
}

#[test]
fn ids_follow_one_strict_form_and_never_share_a_portal_page() {
    // A pull request adds a reserved id, an id that writes alpha-dcc's page on a
    // case-insensitive disk, an organisation folder `*` and a `maintainers` key `**`: each is a
    // located error, and CODEOWNERS gets no wildcard line from them.
    let t = repo();
    t.write("answers/alpha/index.yaml", service("index"));
    t.write("answers/alpha/Alpha-DCC.yaml", service("Alpha-DCC"));
    t.write(
        "answers/*/organisation.yaml",
        "id: \"*\"\nname: Étoile\nkind: structure\nowners: [\"@star\"]\n",
    );
    edit(
        &t,
        "convergence.yaml",
        "  answers:",
        "  \"**\": [\"@star\"]\n  answers:",
    );
    assert_eq!(t.run(&["codeowners", "--write"]).code, 0);
    let codeowners = std::fs::read_to_string(t.path().join("CODEOWNERS")).unwrap();
    assert!(!codeowners.contains("@star"), "{codeowners}");
    commit(&t);
    let who = [
        "alpha",
        "--author-teams",
        "@ans/observatoire,@ans/outillage",
    ];
    let e = |at: &str, code: &str, msg: &str| (at.to_string(), code.to_string(), msg.to_string());
    let form = "seuls les lettres minuscules sans accent, les chiffres et des traits d'union simples entre eux sont permis (ni espace, ni « / », « * », « . »)";
    assert_eq!(
        located_errors(&t, &who),
        vec![
            e(
                "answers/*/organisation.yaml:1",
                "CV404",
                &format!("identifiant d'organisation « * » invalide : {form}")
            ),
            e(
                "answers/alpha/Alpha-DCC.yaml:1",
                "CV404",
                &format!("identifiant de service ou produit « Alpha-DCC » invalide : {form}")
            ),
            e(
                "answers/alpha/alpha-dcc.yaml:1",
                "CV405",
                "answers/alpha/alpha-dcc.yaml et answers/alpha/Alpha-DCC.yaml donnent la même page du portail, services/alpha-dcc.html"
            ),
            e(
                "answers/alpha/index.yaml:1",
                "CV404",
                "identifiant de service ou produit « index » invalide : ce nom est réservé par le portail"
            ),
            e(
                "convergence.yaml:6",
                "CV404",
                "« ** » n'est pas un nom de dossier ou de fichier de premier niveau"
            ),
        ]
    );
}

/// A product file of `editor`, socle or option of `extends`.
fn product(id: &str, editor: &str, extends: Option<&str>) -> String {
    let shape = match extends {
        Some(s) => format!("{{ kind: option, extends: {s} }}"),
        None => "{ kind: socle }".into(),
    };
    format!(
        "id: {id}\nkind: product\nname: Produit {id}\neditor: {editor}\nproduct: {shape}\npublishable: false\nstatus: draft\nassessed_on: 2021-01-01\n"
    )
}

fn err(at: &str, code: &str, msg: &str) -> (String, String, String) {
    (at.into(), code.into(), msg.into())
}

#[test]
fn a_region_organisation_cannot_take_a_region_held_by_another() {
    // beta (region 53) declares region 84, held by alpha: two region organisations for 84
    // (CV406), and alpha's owners did not approve (CV407). beta's own folder is no CV401.
    let t = repo_with("workflow/claims");
    edit(
        &t,
        "answers/beta/organisation.yaml",
        "region: \"53\"",
        "region: \"84\"",
    );
    commit(&t);
    assert_eq!(
        located_errors(&t, &["beta"]),
        vec![
            err(
                "answers/beta/organisation.yaml:4",
                "CV406",
                "la région 84 est déjà revendiquée par answers/alpha/organisation.yaml"
            ),
            err(
                "answers/beta/organisation.yaml:4",
                "CV407",
                "« beta » change la région (53 → 84) : il faut l'approbation de ses propriétaires (organisation « alpha »), soit @alpha, @alpha-org/grades ; @beta n'en fait pas partie"
            ),
        ]
    );
}

#[test]
fn joining_a_region_needs_its_owners_and_an_unclaimed_one_the_maintainers() {
    // beta turns into a structure of region 84: alpha's owners must approve; someone in both
    // passes. Then a new structure in region 93, held by nobody: the maintainers of answers.
    let t = repo_with("workflow/claims");
    edit(
        &t,
        "answers/beta/organisation.yaml",
        "kind: region\nregion: \"53\"",
        "kind: structure\nregion: \"84\"",
    );
    commit(&t);
    assert_eq!(
        located_errors(&t, &["beta"]),
        vec![err(
            "answers/beta/organisation.yaml:4",
            "CV407",
            "« beta » change la région (53 → 84) : il faut l'approbation de ses propriétaires (organisation « alpha »), soit @alpha, @alpha-org/grades ; @beta n'en fait pas partie"
        )]
    );
    assert_eq!(
        located_errors(&t, &["beta", "--author-teams", "@alpha-org/grades"]),
        vec![]
    );
    git(&t, &["reset", "-q", "--hard", "main"]);
    edit(
        &t,
        "content/referentials/regions.yaml",
        "  - { code: \"53\"",
        "  - { code: \"93\", name: Provence-Alpes-Côte d'Azur, slug: paca }\n  - { code: \"53\"",
    );
    commit(&t);
    git(&t, &["checkout", "-q", "-b", "gamma"]);
    t.write(
        "answers/gamma/organisation.yaml",
        "id: gamma\nname: Gamma\nkind: structure\nregion: \"93\"\nowners: [\"@gamma\"]\n",
    );
    assert_eq!(t.run(&["codeowners", "--write"]).code, 0);
    commit(&t);
    let base = ["check", "--base", "change", "--format", "json", "--author"];
    let out = t.run(&[&base[..], &["@ans/outillage"]].concat());
    assert!(
        out.stdout.contains("\"message\": \"« gamma » change la région (— → 93) : il faut l'approbation des mainteneurs de answers (personne ne revendique cette entrée), soit @ans/observatoire ; @ans/outillage n'en fait pas partie\""),
        "{}",
        out.stdout
    );
    let out = t.run(
        &[
            &base[..],
            &["o", "--author-teams", "@ans/observatoire,@ans/outillage"],
        ]
        .concat(),
    );
    assert_eq!(out.code, 0, "{}", out.stdout);
}

#[test]
fn an_organisation_publishes_products_only_under_its_own_editor() {
    // editeur-y (editor « autre ») declares a product under maincare and an option of
    // maincare's socle: both refused.
    let t = repo_with("workflow/claims");
    t.write(
        "answers/editeur-y/faux.yaml",
        product("faux", "maincare", None),
    );
    t.write(
        "answers/editeur-y/option-y.yaml",
        product("option-y", "autre", Some("ideocm-socle")),
    );
    commit(&t);
    assert_eq!(
        located_errors(&t, &["autre"]),
        vec![
            err(
                "answers/editeur-y/faux.yaml:4",
                "CV315",
                "produit déclaré sous l'éditeur « maincare », qui n'est pas celui de l'organisation « editeur-y » (autre)"
            ),
            err(
                "answers/editeur-y/option-y.yaml:5",
                "CV315",
                "le socle « ideocm-socle » est d'un autre éditeur (maincare) : une option n'étend qu'un socle de son éditeur"
            ),
        ]
    );
}

#[test]
fn an_organisation_cannot_claim_another_organisation_s_editor() {
    // editeur-y declares editor maincare, which the referential gives to editeur-x.
    let t = repo_with("workflow/claims");
    edit(
        &t,
        "answers/editeur-y/organisation.yaml",
        "editor: autre",
        "editor: maincare",
    );
    commit(&t);
    assert_eq!(
        located_errors(&t, &["autre"]),
        vec![
            err(
                "answers/editeur-y/organisation.yaml:4",
                "CV406",
                "l'éditeur « maincare » est porté par l'organisation « editeur-x » d'après content/referentials/editors.yaml"
            ),
            err(
                "answers/editeur-y/organisation.yaml:4",
                "CV407",
                "« editeur-y » change l'éditeur (autre → maincare) : il faut l'approbation de ses propriétaires (organisation « editeur-x »), soit @maincare ; @autre n'en fait pas partie"
            ),
        ]
    );
}

#[cfg(unix)]
#[test]
fn codeowners_write_replaces_a_link_instead_of_writing_through_it() {
    // A CODEOWNERS that links outside the repository: --write replaces the link with the
    // generated file and leaves the target untouched.
    let t = RepoTest::fixture("base");
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("victim");
    std::fs::write(&target, "précieux\n").unwrap();
    let link = t.path().join("CODEOWNERS");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = t.run(&["codeowners", "--write"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "précieux\n");
    let meta = std::fs::symlink_metadata(&link).unwrap();
    assert!(meta.file_type().is_file());
    assert_eq!(
        std::fs::read_to_string(&link).unwrap(),
        t.run(&["codeowners"]).stdout
    );
}
