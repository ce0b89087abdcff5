//! `convergence score --questionnaire Q` when Q is a conformity questionnaire (requirement or
//! graded scale): every holder with its share or score, verdict or grade, then the share
//! meeting each requirement, or the grade distributions by region and type. And
//! `convergence score --labels`: each label's holders with their dates.

use super::score::{Args, Format};
use crate::export::{csv, format};
use crate::model::{Repository, ScaleKind};
use crate::score::{self, AssessmentMode, ConformityReport, GroupBy, LabelReport, Settings};
use std::process::ExitCode;

/// The report as text in `format`.
pub fn render(report: &ConformityReport, settings: &Settings, format: Format) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(report).unwrap_or_default() + "\n",
        Format::Csv => csv_rows(report),
        Format::Table => table(report, settings),
    }
}

/// One row per holder.
fn csv_rows(report: &ConformityReport) -> String {
    let mut out = String::new();
    let header = [
        "questionnaire",
        "id",
        "org",
        "region",
        "group",
        "assessed_on",
        "share",
        "verdict",
        "grade",
        "mandatory_unmet",
    ];
    csv::write_record(&mut out, &header);
    for h in &report.holders {
        let row = [
            report.questionnaire.id.clone(),
            h.id.clone(),
            h.org.clone(),
            h.region.clone().unwrap_or_default(),
            h.group.clone().unwrap_or_default(),
            h.assessed_on.map(|d| d.to_string()).unwrap_or_default(),
            format::number(Some(h.share)),
            h.verdict.map(|v| v.label().to_string()).unwrap_or_default(),
            h.grade.clone().unwrap_or_default(),
            h.mandatory_unmet.join(" "),
        ];
        csv::write_record(&mut out, &row);
    }
    out
}

fn table(report: &ConformityReport, settings: &Settings) -> String {
    let q = &report.questionnaire;
    let graded = q.kind == ScaleKind::Graded;
    let mut out = format!(
        "Questionnaire : {} — {} (version {}){}\n",
        q.id,
        q.title,
        q.version,
        if report.illustrative {
            " ; illustratif"
        } else {
            ""
        }
    );
    let drafts = if settings.include_drafts {
        "validés et brouillons"
    } else {
        "validés"
    };
    out.push_str(&format!(
        "Répondants : publiables, non archivés, {drafts} (le périmètre ne s'applique pas) ; niveaux actuels\n\n"
    ));
    let axes: Vec<&str> = q.axes.iter().map(|a| a.id.as_str()).collect();
    let mut header = vec!["Répondant".to_string(), "Organisation".to_string()];
    if graded {
        header.extend(["Groupe", "Score", "Niveau"].map(String::from));
    } else {
        header.push("Exigences respectées".into());
        header.extend(axes.iter().map(|a| a.to_string()));
        header.extend(["Verdict", "Obligatoires non respectées"].map(String::from));
    }
    let mut rows = vec![header];
    for h in &report.holders {
        let mut row = vec![h.id.clone(), h.org.clone()];
        if graded {
            row.extend([
                h.group.clone().unwrap_or_else(|| "—".into()),
                format!("{:.1} / 100", h.share * 100.0),
                h.grade.clone().unwrap_or_else(|| "—".into()),
            ]);
        } else {
            row.push(format::rate(Some(h.share)));
            for a in &axes {
                let share = h.sections.iter().find(|s| s.axis == *a).map(|s| s.share);
                row.push(format::rate(share));
            }
            row.push(h.verdict.map_or("—", |v| v.label()).to_string());
            row.push(h.mandatory_unmet.join(", "));
        }
        rows.push(row);
    }
    let right: Vec<usize> = if graded {
        vec![3, 4]
    } else {
        (2..3 + axes.len()).collect()
    };
    align(&mut out, &rows, &right);
    if graded {
        out.push_str("\nRépartition des niveaux\n");
        let letters: Vec<String> = report.grades.iter().map(|g| g.grade.clone()).collect();
        let mut rows = vec![
            std::iter::once("Groupe".to_string())
                .chain(letters.iter().cloned())
                .collect::<Vec<_>>(),
        ];
        let national = std::iter::once(("National".to_string(), &report.grades));
        let regions = report
            .grades_by_region
            .iter()
            .map(|r| (format!("Région {}", r.label), &r.grades));
        let types = report
            .grades_by_type
            .iter()
            .map(|r| (format!("Type {}", r.label), &r.grades));
        for (label, counts) in national.chain(regions).chain(types) {
            rows.push(
                std::iter::once(label)
                    .chain(counts.iter().map(|c| c.count.to_string()))
                    .collect(),
            );
        }
        let counts: Vec<usize> = (1..=letters.len()).collect();
        align(&mut out, &rows, &counts);
    } else {
        out.push_str("\nPar exigence\n");
        let mut rows = vec![vec![
            "Exigence".to_string(),
            "Obligatoire".to_string(),
            "Respectée par".to_string(),
            "Part".to_string(),
        ]];
        for r in &report.requirements {
            rows.push(vec![
                r.criterion.clone(),
                if r.mandatory { "oui" } else { "non" }.to_string(),
                format::concerned(r.met, r.answered),
                format::rate((r.answered > 0).then(|| r.met as f64 / r.answered as f64)),
            ]);
        }
        align(&mut out, &rows, &[2, 3]);
    }
    out
}

/// Prints each label of `repo` with its holders, in `args.format`.
pub fn labels(repo: &Repository, args: &Args) -> anyhow::Result<ExitCode> {
    let alone = args.questionnaire.is_none()
        && args.axis.is_none()
        && args.at.is_none()
        && args.by == GroupBy::National
        && args.assessment == AssessmentMode::SelfAssessed;
    if !alone {
        anyhow::bail!(
            "--labels liste les titulaires de chaque label : ni --by, ni --questionnaire, ni \
             --axis, ni --at, ni --assessment (chaque label lit les niveaux qu'il désigne)"
        );
    }
    let settings = args.perimeter.settings(repo);
    let reports = score::label_reports(repo, &settings);
    let text = match args.format {
        Format::Json => {
            let doc = serde_json::json!({ "labels": reports });
            serde_json::to_string_pretty(&doc)? + "\n"
        }
        Format::Csv => labels_csv(&reports),
        Format::Table => labels_table(&reports),
    };
    super::print(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// The levels a label reads, in words.
fn levels_read(mode: &str) -> &'static str {
    match mode {
        "external" => "évaluations externes",
        "retained" => "évaluation externe, sinon autoévaluation",
        _ => "autoévaluation",
    }
}

/// One row per label and holder.
fn labels_csv(reports: &[LabelReport]) -> String {
    let mut out = String::new();
    csv::write_record(&mut out, &["label", "assessment", "id", "org", "since"]);
    for r in reports {
        for h in &r.holders {
            let row = [
                r.id.clone(),
                r.assessment.to_string(),
                h.id.clone(),
                h.org.clone(),
                h.since.to_string(),
            ];
            csv::write_record(&mut out, &row);
        }
    }
    out
}

fn labels_table(reports: &[LabelReport]) -> String {
    let mut out = String::new();
    if reports.is_empty() {
        out.push_str("Aucun label (content/labels/)\n");
    }
    for (i, r) in reports.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!(
            "Label : {} — {} ({}) ; {} titulaire(s)\n",
            r.id,
            r.title,
            levels_read(r.assessment),
            r.holders.len()
        ));
        if r.holders.is_empty() {
            continue;
        }
        let mut rows = vec![
            ["Titulaire", "Organisation", "Depuis"]
                .map(String::from)
                .to_vec(),
        ];
        for h in &r.holders {
            rows.push(vec![h.id.clone(), h.org.clone(), h.since.to_string()]);
        }
        align(&mut out, &rows, &[]);
    }
    out
}

/// Appends `rows` as aligned columns, the columns of `right` right-aligned.
fn align(out: &mut String, rows: &[Vec<String>], right: &[usize]) {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for r in rows {
        let mut line = String::new();
        for (c, cell) in r.iter().enumerate() {
            let pad = " ".repeat(widths[c] - cell.chars().count());
            if c > 0 {
                line.push_str("  ");
            }
            if right.contains(&c) {
                line.push_str(&pad);
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&pad);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
}
