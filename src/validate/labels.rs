//! Labels (`content/labels/*.yaml`): the id is the file name (it names the label's page), and
//! each rule names a service questionnaire in force, an axis of it when it gives one, a
//! condition, and a verdict only on a requirement questionnaire.

use super::{Ctx, ids};
use crate::diagnostics::{Code, suggest};
use crate::model::{Questionnaire, ScaleKind, Scope};

/// Runs the label checks.
pub fn check(ctx: &mut Ctx) {
    let repo = ctx.repo;
    let known: Vec<&Questionnaire> = repo
        .questionnaires_in_force()
        .filter(|q| q.scope == Scope::Service)
        .collect();
    let ids: Vec<&str> = known.iter().map(|q| q.id.as_str()).collect();
    for file in &repo.labels {
        let path = file.path.as_str();
        let id = &file.value.id;
        if ids::stem(path) != id {
            ids::mismatch(ctx, path, id, &format!("content/labels/{id}.yaml"));
        }
        for (i, rule) in file.value.rules.iter().enumerate() {
            let at = format!("/rules/{i}");
            if rule.verdict.is_none() && rule.min_rate.is_none() {
                ctx.error_at(
                    Code::LabelRuleEmpty,
                    path,
                    &at,
                    format!(
                        "la règle sur « {} » ne pose aucune condition",
                        rule.questionnaire
                    ),
                    "ajoutez « verdict: conforme » ou « min_rate: 80 » (en %)".into(),
                );
            }
            let Some(q) = known.iter().find(|q| q.id == rule.questionnaire) else {
                let hint = match suggest::closest(&rule.questionnaire, ids.iter().copied()) {
                    Some(close) => format!("vouliez-vous dire « {close} » ?"),
                    None => format!(
                        "questionnaires des services et produits : {}",
                        ids.join(", ")
                    ),
                };
                ctx.error_at(
                    Code::LabelUnknownQuestionnaire,
                    path,
                    &format!("{at}/questionnaire"),
                    format!(
                        "questionnaire inconnu dans une règle de label : « {} »",
                        rule.questionnaire
                    ),
                    hint,
                );
                continue;
            };
            if let Some(axis) = &rule.axis
                && !q.axes.iter().any(|a| &a.id == axis)
            {
                let axes: Vec<&str> = q.axes.iter().map(|a| a.id.as_str()).collect();
                let hint = match suggest::closest(axis, axes.iter().copied()) {
                    Some(close) => format!("vouliez-vous dire « {close} » ?"),
                    None => format!("axes de « {} » : {}", q.id, axes.join(", ")),
                };
                ctx.error_at(
                    Code::LabelUnknownAxis,
                    path,
                    &format!("{at}/axis"),
                    format!("axe inconnu de « {} » : « {axis} »", q.id),
                    hint,
                );
            }
            let requirement = repo
                .scale(&q.scale)
                .is_some_and(|s| s.kind == ScaleKind::Requirement);
            if rule.verdict.is_some() && !requirement {
                ctx.error_at(
                    Code::LabelVerdictNotRequirement,
                    path,
                    &format!("{at}/verdict"),
                    format!(
                        "« {} » n'est pas un questionnaire d'exigences : il ne donne pas de verdict",
                        q.id
                    ),
                    "utilisez « min_rate » (taux minimal en %) pour ce questionnaire".into(),
                );
            }
        }
    }
}
