//! `convergence score`: rates, levels and services concerned by group, now or projected.

use crate::diagnostics;
use crate::export::{self, format};
use crate::model::Date;
use crate::score::{self, GroupBy, GroupScore, Perimeter, QuestionnaireInfo, Settings};
use clap::builder::{PossibleValuesParser, TypedValueParser};
use serde::Serialize;
use std::path::Path;
use std::process::ExitCode;
use strum::VariantArray;

/// Output format of figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// An aligned table for a terminal.
    Table,
    /// A JSON document with the perimeter, the questionnaires and the groups.
    Json,
    /// CSV rows, the columns of `scores.csv`.
    Csv,
}

/// Arguments shared by `score` and `export`: which subjects count.
#[derive(Debug, Clone, clap::Args)]
pub struct PerimeterArgs {
    /// Subjects counted in aggregates: attached to a common-core type, or all.
    #[arg(long, default_value = "common-core", value_parser = perimeter_parser())]
    pub perimeter: Perimeter,
    /// Count draft answers too (validated ones only by default).
    #[arg(long)]
    pub include_drafts: bool,
    /// Date at which expected levels are read (default: `reference_date` of convergence.yaml).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub reference_date: Option<Date>,
}

impl PerimeterArgs {
    /// The scoring settings for a repository.
    pub fn settings(&self, repo: &crate::model::Repository) -> Settings {
        Settings {
            perimeter: self.perimeter,
            include_drafts: self.include_drafts,
            reference_date: self.reference_date.unwrap_or(repo.reference_date()),
        }
    }
}

/// Arguments of `score`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// How subjects are grouped.
    #[arg(long, default_value = "national", value_parser = group_by_parser())]
    pub by: GroupBy,
    /// Only this questionnaire.
    #[arg(long, value_name = "ID")]
    pub questionnaire: Option<String>,
    /// Only this axis (and not the questionnaire rows).
    #[arg(long, value_name = "ID")]
    pub axis: Option<String>,
    /// Project levels at this date from convergence plans (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub at: Option<Date>,
    /// Which subjects count.
    #[command(flatten)]
    pub perimeter: PerimeterArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Levels counted: the subjects' own (self), external assessments only, or external where
    /// assessed and own elsewhere (retained).
    #[arg(long, default_value = "self", value_parser = assessment_parser())]
    pub assessment: score::AssessmentMode,
    /// List each label's holders with the date they hold it since, instead of figures.
    #[arg(long)]
    pub labels: bool,
}

fn assessment_parser() -> impl TypedValueParser<Value = score::AssessmentMode> {
    PossibleValuesParser::new(score::AssessmentMode::VARIANTS.iter().map(|m| m.as_str()))
        .map(|s| s.parse::<score::AssessmentMode>().expect("listed value"))
}

fn group_by_parser() -> impl TypedValueParser<Value = GroupBy> {
    PossibleValuesParser::new(GroupBy::VARIANTS.iter().map(|g| g.as_str()))
        .map(|s| s.parse::<GroupBy>().expect("listed value"))
}

fn perimeter_parser() -> impl TypedValueParser<Value = Perimeter> {
    PossibleValuesParser::new(Perimeter::VARIANTS.iter().map(|p| p.as_str()))
        .map(|s| s.parse::<Perimeter>().expect("listed value"))
}

/// Parses a `YYYY-MM-DD` date argument.
pub fn parse_date(s: &str) -> Result<Date, String> {
    s.parse()
        .map_err(|_| format!("date invalide : « {s} » (AAAA-MM-JJ)"))
}

/// The JSON form of `score`.
#[derive(Serialize)]
struct Report<'a> {
    group_by: GroupBy,
    date: Date,
    projected: bool,
    settings: &'a Settings,
    questionnaires: &'a [QuestionnaireInfo],
    groups: &'a [GroupScore],
}

/// Loads the repository at `root` and prints its scores.
pub fn run(root: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let loaded = crate::load::load(root);
    warn_if_invalid(&loaded.diagnostics);
    if args.labels {
        return super::score_conformity::labels(&loaded.repo, &args);
    }
    let repo = &*score::with_assessment(&loaded.repo, args.assessment);
    let settings = args.perimeter.settings(repo);
    // A requirement or graded questionnaire: its holders, verdicts or grades.
    if let Some(id) = &args.questionnaire {
        if let Some(report) = score::conformity_report(repo, &settings, id) {
            if args.axis.is_some() || args.at.is_some() || args.by != GroupBy::National {
                anyhow::bail!(
                    "« {id} » est un questionnaire de conformité : ni --by, ni --axis, ni --at \
                     (chaque répondant est listé, avec ses parts par section)"
                );
            }
            let text = super::score_conformity::render(&report, &settings, args.format);
            super::print(&text)?;
            return Ok(ExitCode::SUCCESS);
        }
    }
    let org_scope: Vec<String> = repo
        .questionnaires_in_force()
        .filter(|q| q.scope == crate::model::Scope::Organisation)
        .map(|q| q.id.clone())
        .collect();
    // An organisation-level questionnaire is scored over organisations, not services.
    let organisations = args
        .questionnaire
        .as_ref()
        .is_some_and(|id| org_scope.contains(id));
    let (mut infos, mut groups) = if organisations {
        score::aggregate_organisations(repo, &settings, args.by, args.at).ok_or_else(|| {
            anyhow::anyhow!(
                "un questionnaire d'organisation se regroupe par national, region ou organisation, pas par {}",
                args.by.as_str()
            )
        })?
    } else {
        (
            score::questionnaires(repo, &settings),
            score::aggregate(repo, &settings, args.by, args.at),
        )
    };
    let refused: &[String] = if organisations { &[] } else { &org_scope };
    select(&mut infos, &mut groups, refused, &args)?;
    let date = args.at.unwrap_or(settings.reference_date);
    let projected = args.at.is_some();
    let text = match args.format {
        Format::Json => {
            let report = Report {
                group_by: args.by,
                date,
                projected,
                settings: &settings,
                questionnaires: &infos,
                groups: &groups,
            };
            serde_json::to_string_pretty(&report)? + "\n"
        }
        Format::Csv => {
            let mut out = String::new();
            export::csv::write_record(&mut out, &export::SCORES_COLUMNS);
            let questionnaire_rows = args.axis.is_none();
            export::group_rows(
                &mut out,
                &groups,
                &infos,
                date,
                projected,
                &settings,
                questionnaire_rows,
            );
            out
        }
        Format::Table => table(
            &infos,
            &groups,
            &settings,
            args.at,
            args.axis.is_some(),
            organisations,
        ),
    };
    super::print(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// Warns on standard error when some files could not be loaded: they are left out of the scores.
pub fn warn_if_invalid(diags: &[diagnostics::Diagnostic]) {
    let errors = diags
        .iter()
        .filter(|d| d.severity == diagnostics::Severity::Error)
        .count();
    if errors > 0 {
        eprintln!(
            "attention : {errors} erreur(s) dans le dépôt, les fichiers en erreur sont ignorés \
             (voir « convergence validate »)"
        );
    }
}

/// Keeps the questionnaire and axis asked for.
fn select(
    infos: &mut Vec<QuestionnaireInfo>,
    groups: &mut [GroupScore],
    org_scope: &[String],
    args: &Args,
) -> anyhow::Result<()> {
    let known = |infos: &[QuestionnaireInfo]| {
        infos
            .iter()
            .map(|q| q.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some(id) = &args.questionnaire {
        if org_scope.contains(id) {
            anyhow::bail!(
                "« {id} » est un questionnaire d'organisation : ses chiffres sont dans \
                 scores.json (convergence export), partie « organisations »"
            );
        }
        if !infos.iter().any(|q| &q.id == id) {
            anyhow::bail!(
                "questionnaire inconnu : « {id} » (connus : {})",
                known(infos)
            );
        }
    }
    // Without --questionnaire, maturity questionnaires only: conformity ones list holders.
    let keep_q = |q: &str| match args.questionnaire.as_deref() {
        Some(id) => id == q,
        None => infos.iter().any(|i| i.id == q && !i.kind.is_conformity()),
    };
    if let Some(axis) = &args.axis {
        if !infos
            .iter()
            .filter(|q| keep_q(&q.id))
            .any(|q| q.axes.iter().any(|a| &a.id == axis))
        {
            anyhow::bail!("axe inconnu : « {axis} »");
        }
    }
    let keep_axis = |a: &str| args.axis.as_deref().is_none_or(|id| id == a);
    let wanted: Vec<bool> = infos
        .iter()
        .map(|q| keep_q(&q.id) && q.axes.iter().any(|a| keep_axis(&a.id)))
        .collect();
    for g in groups.iter_mut() {
        let mut i = 0;
        g.questionnaires.retain(|_| {
            i += 1;
            wanted[i - 1]
        });
        for q in &mut g.questionnaires {
            q.axes.retain(|a| keep_axis(&a.axis));
        }
    }
    let mut i = 0;
    infos.retain(|_| {
        i += 1;
        wanted[i - 1]
    });
    Ok(())
}

/// The aligned table for a terminal.
fn table(
    infos: &[QuestionnaireInfo],
    groups: &[GroupScore],
    settings: &Settings,
    at: Option<Date>,
    axis_only: bool,
    organisations: bool,
) -> String {
    let mut out = String::new();
    let drafts = if settings.include_drafts {
        "validés et brouillons"
    } else {
        "validés"
    };
    if organisations {
        out.push_str(&format!(
            "Périmètre : SI des organisations (questionnaire d'organisation) ; publiables, {drafts}\n"
        ));
    } else {
        out.push_str(&format!(
            "Périmètre : {} ({}) ; publiables, non archivés, {drafts}\n",
            settings.perimeter.describe(),
            settings.perimeter.as_str(),
        ));
    }
    let excluded = if organisations {
        ""
    } else {
        ", hors services à décommissionner"
    };
    match at {
        None => out.push_str(&format!(
            "Date : {}, niveaux actuels ; niveaux attendus au {}\n\n",
            settings.reference_date, settings.reference_date
        )),
        Some(d) => out.push_str(&format!(
            "Date : {d}, niveaux projetés d'après les plans de convergence{excluded} ; niveaux \
             attendus au {}\n\n",
            settings.reference_date
        )),
    }
    let concerned = if organisations {
        "SI concernés"
    } else {
        "Services concernés"
    };
    let mut rows: Vec<[String; 6]> = vec![[
        "Groupe".into(),
        "Questionnaire".into(),
        "Axe".into(),
        concerned.into(),
        "Taux".into(),
        "Niveau".into(),
    ]];
    for g in groups {
        for (q, info) in g.questionnaires.iter().zip(infos) {
            if !axis_only {
                rows.push([
                    g.label.clone(),
                    q.questionnaire.clone(),
                    "ensemble".into(),
                    format::concerned(q.concerned, q.total),
                    format::rate(q.rate),
                    format::level(q.level, info.max_level),
                ]);
            }
            for a in &q.axes {
                rows.push([
                    g.label.clone(),
                    q.questionnaire.clone(),
                    a.axis.clone(),
                    format::concerned(a.concerned, q.total),
                    format::rate(a.rate),
                    format::level(a.level, info.max_level),
                ]);
            }
        }
    }
    let width = |c: usize| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0);
    let widths: Vec<usize> = (0..6).map(width).collect();
    for r in &rows {
        let mut line = String::new();
        for (c, cell) in r.iter().enumerate() {
            let pad = widths[c] - cell.chars().count();
            if c > 0 {
                line.push_str("  ");
            }
            if c >= 3 {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&" ".repeat(pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
