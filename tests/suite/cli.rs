//! The command line in French: help of every command, usage errors, exit codes.

use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_convergence"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const SUBCOMMANDS: [&str; 11] = [
    "build",
    "serve",
    "validate",
    "check",
    "codeowners",
    "new",
    "migrate",
    "diff",
    "score",
    "export",
    "demo",
];

#[test]
fn every_help_is_french_and_clap_english_is_gone() {
    // -h and --help of the program and of every command: French texts, no English chrome.
    let mut pages = vec![run(&["--help"]), run(&["-h"])];
    for sub in SUBCOMMANDS {
        pages.push(run(&[sub, "--help"]));
    }
    for (code, stdout, stderr) in pages {
        assert_eq!(code, 0, "{stdout}{stderr}");
        assert!(stdout.contains("Utilisation : convergence"), "{stdout}");
        assert!(stdout.contains("Affiche cette aide."), "{stdout}");
        for english in [
            "Usage:",
            "Print help",
            "Possible values",
            "possible values",
            "[default:",
            "Repository root",
        ] {
            assert!(!stdout.contains(english), "{english:?} in\n{stdout}");
        }
    }
}

#[test]
fn check_help_lists_every_option_in_french() {
    let (code, stdout, _) = run(&["check", "-h"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        "\
Ce que lance l'intégration continue sur une modification : validation, CODEOWNERS à jour, droits sur les fichiers modifiés.

Utilisation : convergence check [OPTIONS]

Options:
      --format <FORMAT>       Format du rapport : human (pour les personnes : position, ligne, repère, aide), json (tableau JSON), github (annotations GitHub Actions) ou gitlab (rapport Code Quality de GitLab). [par défaut : human]
      --root <ROOT>           Dossier du dépôt. [par défaut : .]
      --output <OUTPUT>       Écrit le rapport dans ce fichier au lieu de la sortie standard.
      --base <REF>            Révision de base : vérifie les droits sur les fichiers modifiés dans `BASE...HEAD`, avec les responsables et mainteneurs lus dans BASE (une modification ne peut pas s'accorder de droits).
      --changed-files <FILE>  Fichier listant les chemins modifiés, un par ligne ; responsables et mainteneurs sont lus dans l'arbre actuel.
      --author <HANDLE>       Compte de la forge de l'auteur de la modification (par défaut : $GITHUB_ACTOR, sinon $GITLAB_USER_LOGIN).
      --author-teams <TEAMS>  Équipes de l'auteur (`@groupe/equipe`, séparées par des virgules) : une équipe responsable compte alors pour l'auteur.
  -h, --help                  Affiche cette aide.
"
    );
}

#[test]
fn a_misspelt_command_is_named_with_its_likely_meaning() {
    let (code, stdout, stderr) = run(&["scroe"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert_eq!(
        stderr,
        "\
erreur : commande inconnue « scroe »
  vouliez-vous dire « serve » ou « score » ?

Utilisation : convergence [OPTIONS] <COMMANDE>

Pour en savoir plus, essayez « --help ».
"
    );
}

#[test]
fn usage_errors_are_french_with_their_suggestion() {
    let (code, _, stderr) = run(&["check", "--bse", "main"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with(
            "erreur : argument inattendu « --bse »\n  vouliez-vous dire « --base » ?\n"
        ),
        "{stderr}"
    );
    let (code, _, stderr) = run(&["score", "--format", "xml"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with(
            "erreur : valeur « xml » invalide pour « --format <FORMAT> »\n  valeurs possibles : table, json, csv\n"
        ),
        "{stderr}"
    );
    let (code, _, stderr) = run(&["score", "--at", "2021-13-01"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with(
            "erreur : valeur « 2021-13-01 » invalide pour « --at <DATE> » : date invalide : « 2021-13-01 » (AAAA-MM-JJ)\n"
        ),
        "{stderr}"
    );
    let (code, _, stderr) = run(&["new"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("erreur : argument obligatoire manquant : --org <ORG>, <KIND>\n"),
        "{stderr}"
    );
}

#[test]
fn version_is_printed_with_status_zero() {
    let (code, stdout, _) = run(&["--version"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        format!("convergence {}\n", env!("CARGO_PKG_VERSION"))
    );
}
