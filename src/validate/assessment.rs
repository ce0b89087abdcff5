//! External assessments: written by an accredited assessor (`assessors` in
//! `convergence.yaml`), in its own folder, for an existing subject of another organisation with
//! which it shares no owner. Its levels get the checks of any answer file (`answers::check`:
//! questionnaires in force, levels, applicability, completeness, plans).

use super::Ctx;
use crate::diagnostics::Code;

/// Runs the assessment checks.
pub fn check(ctx: &mut Ctx) {
    let repo = ctx.repo;
    let assessors: &[String] = repo
        .config
        .as_ref()
        .map_or(&[], |c| c.value.assessors.as_slice());
    let subjects = repo.subjects_by_id();
    for f in &repo.assessments {
        let a = &f.assessment;
        let stem = super::ids::stem(&f.path);
        if a.id != stem {
            let folder = f.path.rsplit_once('/').map_or("", |(d, _)| d);
            super::ids::mismatch(ctx, &f.path, &a.id, &format!("{folder}/{}.yaml", a.id));
        }
        if !assessors.contains(&f.org) {
            ctx.error_at(
                Code::NotAnAssessor,
                &f.path,
                "/subject",
                format!("« {} » n'est pas un organisme évaluateur", f.org),
                "les mainteneurs habilitent un évaluateur dans convergence.yaml (« assessors »)"
                    .into(),
            );
        }
        let Some(subject) = subjects.get(a.subject.as_str()) else {
            ctx.error_at(
                Code::UnknownReference,
                &f.path,
                "/subject",
                format!("fiche évaluée inconnue : « {} »", a.subject),
                "indiquez l'identifiant d'un service ou d'un produit de answers/".into(),
            );
            continue;
        };
        let own = |org: &str| {
            repo.organisation(org)
                .map(|o| o.owners.as_slice())
                .unwrap_or_default()
        };
        let shared = own(&f.org).iter().find(|h| own(&subject.org).contains(h));
        if subject.org == f.org || shared.is_some() {
            let why = match shared {
                Some(h) if subject.org != f.org => format!("partage le propriétaire {h} avec"),
                _ => "est".to_string(),
            };
            ctx.error_at(
                Code::AssessorNotIndependent,
                &f.path,
                "/subject",
                format!(
                    "l'évaluateur « {} » {why} l'organisation « {} » de la fiche évaluée",
                    f.org, subject.org
                ),
                "une évaluation externe est faite par un organisme indépendant de la fiche".into(),
            );
        }
        super::conformity::responses(ctx, &f.path, &a.questionnaires);
    }
}
