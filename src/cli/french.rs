//! The command line as contributors read it, in French: every command's and argument's help,
//! clap's headings and flags, and parse errors. The clap derive structs keep their English doc
//! comments for developers; the texts people see are the tables below, applied to the built
//! command. A test checks that every command and argument has its French text.

use super::Cli;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};
use std::fmt::Write as _;
use std::process::ExitCode;

/// One-line description of each command, by path (`""` is the program itself).
const ABOUT: &[(&str, &str)] = &[
    (
        "",
        "Questionnaires de convergence du numérique en santé, sous forme de fichiers : valider, calculer, publier.",
    ),
    ("build", "Construit le portail statique dans `public/`."),
    (
        "serve",
        "Sert le portail en local, le reconstruit et recharge les pages à chaque modification.",
    ),
    (
        "validate",
        "Vérifie chaque fichier du dépôt et signale tous les problèmes à la fois.",
    ),
    (
        "check",
        "Ce que lance l'intégration continue sur une modification : validation, CODEOWNERS à jour, droits sur les fichiers modifiés.",
    ),
    (
        "codeowners",
        "Affiche ou écrit le fichier CODEOWNERS déduit des mainteneurs et des responsables des organisations.",
    ),
    (
        "new",
        "Crée une fiche d'organisation, de service ou de produit prête à remplir, ou met à jour une fiche existante d'après ses réponses préliminaires (--update).",
    ),
    (
        "migrate",
        "Signale ou applique le passage des réponses aux versions en vigueur des questionnaires.",
    ),
    (
        "diff",
        "Rapport Markdown de l'effet d'une modification sur les taux et niveaux, pour commenter une demande de fusion.",
    ),
    (
        "score",
        "Affiche taux, niveaux et services concernés par regroupement, à date ou projetés à une date.",
    ),
    (
        "export",
        "Écrit scores.json (avec son schéma JSON), scores.csv et answers.csv dans un dossier.",
    ),
    (
        "demo",
        "Écrit sous answers/ un jeu de données fictif calqué sur l'étude de 2020.",
    ),
    (
        "campaign",
        "Clôt une campagne : fige les chiffres actuels dans `campaigns/<id>.json`.",
    ),
];

/// Help of each argument, by command path and argument id. Default values are added from the
/// command's definition; enumerated values are named in the text (a test checks it).
const HELP: &[(&str, &str, &str)] = &[
    ("", "root", "Dossier du dépôt."),
    (
        "build",
        "out",
        "Dossier de sortie, relatif au dépôt sauf s'il est absolu.",
    ),
    (
        "build",
        "base_url",
        "Préfixe d'adresse publique du site (par exemple `/observatoire/`) ; les liens restent relatifs.",
    ),
    (
        "build",
        "theme",
        "Dossier de thème (`templates/`, `assets/`) dont les fichiers remplacent ceux du thème intégré.",
    ),
    (
        "build",
        "include_drafts",
        "Publie aussi les brouillons et les compte dans les chiffres.",
    ),
    ("build", "verbose", "Affiche la durée de chaque étape."),
    ("serve", "port", "Port d'écoute sur 127.0.0.1."),
    (
        "serve",
        "theme",
        "Dossier de thème dont les fichiers remplacent ceux du thème intégré.",
    ),
    (
        "serve",
        "include_drafts",
        "Publie aussi les brouillons et les compte dans les chiffres.",
    ),
    (
        "validate",
        "format",
        "Format du rapport : human (pour les personnes : position, ligne, repère, aide), json (tableau JSON), github (annotations GitHub Actions) ou gitlab (rapport Code Quality de GitLab).",
    ),
    (
        "check",
        "format",
        "Format du rapport : human (pour les personnes : position, ligne, repère, aide), json (tableau JSON), github (annotations GitHub Actions) ou gitlab (rapport Code Quality de GitLab).",
    ),
    (
        "check",
        "output",
        "Écrit le rapport dans ce fichier au lieu de la sortie standard.",
    ),
    (
        "check",
        "base",
        "Révision de base : vérifie les droits sur les fichiers modifiés dans `BASE...HEAD`, avec les responsables et mainteneurs lus dans BASE (une modification ne peut pas s'accorder de droits).",
    ),
    (
        "check",
        "changed_files",
        "Fichier listant les chemins modifiés, un par ligne ; responsables et mainteneurs sont lus dans l'arbre actuel.",
    ),
    (
        "check",
        "author",
        "Compte de la forge de l'auteur de la modification (par défaut : $GITHUB_ACTOR, sinon $GITLAB_USER_LOGIN).",
    ),
    (
        "check",
        "author_teams",
        "Équipes de l'auteur (`@groupe/equipe`, séparées par des virgules) : une équipe responsable compte alors pour l'auteur.",
    ),
    (
        "codeowners",
        "write",
        "Écrit `CODEOWNERS` à la racine du dépôt au lieu de l'afficher.",
    ),
    (
        "new",
        "kind",
        "Ce qu'il faut créer : organisation, service ou product (produit).",
    ),
    ("new", "org", "Dossier de l'organisation sous `answers/`."),
    (
        "new",
        "id",
        "Identifiant du service ou du produit (nom du fichier) ; pour une organisation, --org par défaut.",
    ),
    (
        "new",
        "questionnaires",
        "Questionnaire à inclure (répétable) ; par défaut, tous ceux en vigueur pour ce type de fiche.",
    ),
    (
        "new",
        "preliminary",
        "Réponse préliminaire `question=valeur` (répétable) ; les critères qui ne s'appliquent pas sont omis.",
    ),
    (
        "new",
        "owners",
        "Compte responsable d'une nouvelle organisation (répétable ; par défaut `@<org>`).",
    ),
    (
        "new",
        "assessed_on",
        "Date d'évaluation écrite dans la fiche (par défaut : aujourd'hui).",
    ),
    (
        "new",
        "update",
        "Met à jour une fiche de réponses existante d'après ses réponses préliminaires (et celles données par --preliminary) : ajoute en commentaire les critères qui s'appliquent désormais, signale par une ligne « # ⚠ » chaque réponse qui ne s'applique plus ; le reste du fichier est gardé tel quel.",
    ),
    (
        "migrate",
        "report",
        "Liste, par fichier de réponses, les critères renommés, obsolètes et manquants.",
    ),
    (
        "migrate",
        "write",
        "Réécrit les fichiers de réponses : version, clés renommées, réponses obsolètes en commentaires, critères manquants en commentaires à compléter.",
    ),
    (
        "diff",
        "base",
        "État avant : une révision git du dépôt, ou un dossier.",
    ),
    (
        "diff",
        "head",
        "État après : une révision git ou un dossier (par défaut : le dépôt tel qu'il est sur le disque).",
    ),
    (
        "diff",
        "full",
        "Détaille chaque fiche modifiée (par défaut, les sections s'arrêtent à une taille qui tient dans un commentaire de forge et le reste est compté).",
    ),
    (
        "diff",
        "output",
        "Écrit le Markdown dans ce fichier au lieu de la sortie standard.",
    ),
    (
        "diff",
        "full_output",
        "Écrit aussi le rapport complet, jamais tronqué, dans ce fichier (l'artefact du job).",
    ),
    (
        "score",
        "by",
        "Regroupement : national, region, organisation, domain (domaine POS), zone (zone POS), type (type du tronc commun), editor (éditeur), solution, subject (fiche) ou org-kind (type d'organisation).",
    ),
    ("score", "questionnaire", "Ce questionnaire seulement."),
    (
        "score",
        "axis",
        "Cet axe seulement (sans les lignes du questionnaire).",
    ),
    (
        "score",
        "at",
        "Projette les niveaux à cette date d'après les plans de convergence (AAAA-MM-JJ).",
    ),
    (
        "score",
        "format",
        "Format : table (tableau aligné pour un terminal), json (document avec le périmètre, les questionnaires et les regroupements) ou csv (colonnes de scores.csv).",
    ),
    (
        "score",
        "perimeter",
        "Fiches comptées dans les agrégats : common-core (rattachées à un type du tronc commun) ou all (toutes).",
    ),
    (
        "score",
        "include_drafts",
        "Compte aussi les brouillons (seules les réponses validées par défaut).",
    ),
    (
        "score",
        "reference_date",
        "Date à laquelle les niveaux attendus sont lus (par défaut : `reference_date` de convergence.yaml).",
    ),
    (
        "export",
        "out",
        "Dossier où écrire les fichiers (créé s'il le faut).",
    ),
    (
        "export",
        "perimeter",
        "Fiches comptées dans les agrégats : common-core (rattachées à un type du tronc commun) ou all (toutes).",
    ),
    (
        "export",
        "include_drafts",
        "Compte aussi les brouillons (seules les réponses validées par défaut).",
    ),
    (
        "export",
        "reference_date",
        "Date à laquelle les niveaux attendus sont lus (par défaut : `reference_date` de convergence.yaml).",
    ),
    (
        "demo",
        "seed",
        "Graine du générateur ; le jeu de données du dépôt utilise la valeur par défaut.",
    ),
    (
        "demo",
        "scale",
        "Nombre de copies des 17 régions (environ 365 services chacune), pour les mesures de performance.",
    ),
    (
        "demo",
        "out",
        "Où écrire `answers/` (par défaut : la racine du dépôt).",
    ),
    (
        "demo",
        "force",
        "Remplace un dossier `answers/` existant et non vide.",
    ),
    (
        "campaign",
        "action",
        "Action : close (fige les chiffres actuels ; une campagne close ne se modifie plus).",
    ),
    (
        "campaign",
        "id",
        "Identifiant de la campagne, par exemple `2020` : le fichier est `campaigns/<id>.json`.",
    ),
    (
        "campaign",
        "date",
        "Date de la campagne (AAAA-MM-JJ) : les niveaux attendus sont lus à cette date.",
    ),
    (
        "new",
        "paths",
        "Parcours de complétion du produit (répétable, `content/referentials/completion-paths.yaml`) : la fiche les nomme et contient leurs questionnaires complémentaires.",
    ),
    (
        "score",
        "assessment",
        "Niveaux comptés : ceux des fiches (self, autoévaluation), ceux des évaluations externes seulement (external), ou l'évaluation externe là où elle existe et l'autoévaluation ailleurs (retained).",
    ),
    (
        "score",
        "labels",
        "Liste les titulaires de chaque label (`content/labels/`) avec la date depuis laquelle ils le détiennent, au lieu des chiffres ; chaque label lit les niveaux qu'il désigne.",
    ),
];

/// Help template: clap's default with a French usage heading.
const TEMPLATE: &str =
    "{before-help}{about-with-newline}\nUtilisation : {usage}\n\n{all-args}{after-help}";

/// The command line with its French texts.
pub fn command() -> Command {
    frenchify(Cli::command(), "")
}

/// Parses the process arguments. On `--help` or `--version`, prints them and returns the exit
/// code 0; on a usage error, prints it in French on standard error and returns the code 2.
pub fn parse() -> Result<Cli, ExitCode> {
    parse_from(std::env::args_os())
}

/// [`parse`] over given arguments (the first is the program name).
pub fn parse_from<I, T>(args: I) -> Result<Cli, ExitCode>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let parsed = command()
        .try_get_matches_from(args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    parsed.map_err(|error| match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = error.print();
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = error.print();
            ExitCode::from(2)
        }
        _ => {
            eprint!("{}", render_error(&error));
            ExitCode::from(2)
        }
    })
}

fn text<'a>(table: &'a [(&str, &str)], path: &str) -> Option<&'a str> {
    table.iter().find(|(p, _)| *p == path).map(|(_, t)| *t)
}

fn help(path: &str, id: &str) -> Option<&'static str> {
    HELP.iter()
        .find(|(p, i, _)| *p == path && *i == id)
        .map(|(_, _, t)| *t)
}

fn frenchify(mut cmd: Command, path: &str) -> Command {
    if let Some(about) = text(ABOUT, path) {
        cmd = cmd.about(about).long_about(None);
    }
    cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("Commandes")
        .subcommand_value_name("COMMANDE")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Affiche cette aide."),
        );
    if path.is_empty() {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Affiche la version."),
        );
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .filter(|id| id != "help" && id != "version")
        .collect();
    for id in ids {
        let text = help(path, &id);
        cmd = cmd.mut_arg(&id, |arg| french_arg(arg, text));
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, |sub| frenchify(sub, &name));
    }
    cmd
}

/// Sets an argument's French help, with its default value written in French, and hides the
/// English lists clap would add.
fn french_arg(arg: Arg, text: Option<&str>) -> Arg {
    let Some(text) = text else { return arg };
    let mut help = text.to_string();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let shows_default = arg.get_action().takes_values() && !defaults.is_empty();
    if shows_default {
        let value = match defaults.join(",").as_str() {
            "" => "vide".to_string(),
            v => v.to_string(),
        };
        let _ = write!(help, " [par défaut : {value}]");
    }
    let arg = arg.help(help).long_help(None);
    if arg.get_action().takes_values() {
        arg.hide_default_value(true).hide_possible_values(true)
    } else {
        arg
    }
}

/// A usage error in French: what is wrong, a suggestion when clap has one, the usage line.
fn render_error(error: &clap::Error) -> String {
    let get = |kind| error.get(kind).map(ToString::to_string).unwrap_or_default();
    let list = |kind| match error.get(kind) {
        Some(ContextValue::Strings(values)) => values.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let mut out = String::from("erreur : ");
    match error.kind() {
        ErrorKind::InvalidSubcommand => {
            let _ = write!(
                out,
                "commande inconnue « {} »",
                get(ContextKind::InvalidSubcommand)
            );
        }
        ErrorKind::UnknownArgument => {
            let _ = write!(
                out,
                "argument inattendu « {} »",
                get(ContextKind::InvalidArg)
            );
        }
        ErrorKind::InvalidValue => {
            let _ = write!(
                out,
                "valeur « {} » invalide pour « {} »",
                get(ContextKind::InvalidValue),
                get(ContextKind::InvalidArg)
            );
            let valid = list(ContextKind::ValidValue);
            if !valid.is_empty() {
                let _ = write!(out, "\n  valeurs possibles : {valid}");
            }
        }
        ErrorKind::ValueValidation => {
            let _ = write!(
                out,
                "valeur « {} » invalide pour « {} »",
                get(ContextKind::InvalidValue),
                get(ContextKind::InvalidArg)
            );
            if let Some(cause) = std::error::Error::source(error) {
                let _ = write!(out, " : {cause}");
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let _ = write!(
                out,
                "argument obligatoire manquant : {}",
                list(ContextKind::InvalidArg)
            );
        }
        ErrorKind::ArgumentConflict => {
            let _ = write!(
                out,
                "« {} » ne peut pas être utilisé avec « {} »",
                get(ContextKind::InvalidArg),
                list(ContextKind::PriorArg)
            );
        }
        ErrorKind::NoEquals | ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            let _ = write!(
                out,
                "nombre de valeurs incorrect pour « {} »",
                get(ContextKind::InvalidArg)
            );
        }
        _ => {
            let english = error.kind().as_str().unwrap_or("arguments invalides");
            let _ = write!(out, "arguments invalides ({english})");
        }
    }
    for kind in [
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
    ] {
        let suggestions = match error.get(kind) {
            Some(ContextValue::Strings(values)) => values.clone(),
            Some(other) => vec![other.to_string()],
            None => Vec::new(),
        };
        if !suggestions.is_empty() {
            let _ = write!(
                out,
                "\n  vouliez-vous dire « {} » ?",
                suggestions.join(" » ou « ")
            );
        }
    }
    if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.trim_start_matches("Usage:").trim();
        let _ = write!(out, "\n\nUtilisation : {usage}");
    }
    out.push_str("\n\nPour en savoir plus, essayez « --help ».\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// `(path, argument id, possible values)` of every argument people can give.
    fn arguments() -> Vec<(String, String, Vec<String>)> {
        let mut out = Vec::new();
        let mut cmd = Cli::command();
        cmd.build();
        let mut stack = vec![(String::new(), cmd)];
        while let Some((path, cmd)) = stack.pop() {
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if arg.is_global_set() && !path.is_empty() || id == "help" || id == "version" {
                    continue;
                }
                let values = arg
                    .get_possible_values()
                    .iter()
                    .map(|v| v.get_name().to_string())
                    .collect();
                out.push((path.clone(), id.to_string(), values));
            }
            for sub in cmd.get_subcommands() {
                stack.push((sub.get_name().to_string(), sub.clone()));
            }
        }
        out
    }

    #[test]
    fn the_french_command_line_is_consistent() {
        command().debug_assert();
    }

    // Every command and argument people can use has its French text, which names every
    // enumerated value; no text is left for something that no longer exists.
    #[test]
    fn every_command_and_argument_has_french_help() {
        let mut missing = Vec::new();
        let mut seen = BTreeSet::new();
        for (path, id, values) in arguments() {
            match help(&path, &id) {
                None => missing.push(format!("{path} --{id}")),
                Some(text) => {
                    for value in values {
                        assert!(text.contains(&value), "{path} --{id}: {value} not named");
                    }
                }
            }
            seen.insert((path, id));
        }
        assert_eq!(
            missing,
            Vec::<String>::new(),
            "add them to cli::french::HELP"
        );
        for (path, id, _) in HELP {
            assert!(
                seen.contains(&(path.to_string(), id.to_string())),
                "{path} --{id}: no such argument"
            );
        }
        let mut commands: Vec<String> = Cli::command()
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect();
        commands.push(String::new());
        for name in &commands {
            assert!(text(ABOUT, name).is_some(), "no French about for {name:?}");
        }
        assert_eq!(ABOUT.len(), commands.len(), "stale entries in ABOUT");
    }
}
