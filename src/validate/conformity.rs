//! Conformity questionnaires: completion paths and the questionnaires they imply, evidence for
//! requirements declared met, declared values of MaturiN-H "valeur" criteria, which kinds of
//! organisation answer an organisation questionnaire, and `applies_if_any` conditions.

use super::{Ctx, seg};
use crate::diagnostics::{Code, suggest};
use crate::model::{Criterion, LevelValue, OrgKind, Questionnaire, Response, ScaleKind, Status};
use std::collections::BTreeMap;

/// Runs the conformity checks.
pub fn check(ctx: &mut Ctx) {
    let repo = ctx.repo;
    paths_file(ctx);
    for q in &repo.questionnaires {
        for (i, a) in q.value.axes.iter().enumerate() {
            for (j, c) in a.criteria.iter().enumerate() {
                let base = format!("/axes/{i}/criteria/{j}");
                conditions_any(ctx, &q.path, &base, c, &q.value);
            }
        }
    }
    for o in &repo.organisations {
        let v = &o.value;
        answerer_kind(ctx, &o.path, v.kind, &v.questionnaires);
        responses(ctx, &o.path, &v.questionnaires);
    }
    for s in &repo.subjects {
        let v = &s.subject;
        ctx.subject_own(&s.path, |ctx| {
            subject_paths(
                ctx,
                &s.path,
                v.status,
                &v.completion_paths,
                &v.questionnaires,
            );
            responses(ctx, &s.path, &v.questionnaires);
        });
    }
}

/// Each completion path names questionnaires in force.
fn paths_file(ctx: &mut Ctx) {
    let Some(paths) = &ctx.repo.completion_paths else {
        return;
    };
    let known: Vec<&str> = ctx
        .repo
        .questionnaires_in_force()
        .map(|q| q.id.as_str())
        .collect();
    for (i, p) in paths.value.paths.iter().enumerate() {
        for (k, q) in p.questionnaires.iter().enumerate() {
            if !known.contains(&q.as_str()) {
                ctx.error_at(
                    Code::UnknownReference,
                    &paths.path,
                    &format!("/paths/{i}/questionnaires/{k}"),
                    format!(
                        "le parcours « {} » nomme un questionnaire inconnu : « {q} »",
                        p.id
                    ),
                    format!("questionnaires en vigueur : {}", known.join(", ")),
                );
            }
        }
    }
}

/// A subject's completion paths exist, and a validated subject answers every questionnaire
/// of its paths.
fn subject_paths(
    ctx: &mut Ctx,
    path: &str,
    status: Status,
    names: &[String],
    questionnaires: &BTreeMap<String, Response>,
) {
    for (i, name) in names.iter().enumerate() {
        let pointer = format!("/completion_paths/{i}");
        let Some(p) = ctx.repo.completion_path(name) else {
            let known: Vec<&str> = ctx
                .repo
                .completion_paths
                .iter()
                .flat_map(|f| f.value.paths.iter().map(|p| p.id.as_str()))
                .collect();
            let hint = match suggest::closest(name, known.iter().copied()) {
                Some(close) => format!("vouliez-vous dire « {close} » ?"),
                None if known.is_empty() => {
                    "aucun parcours n'est défini (content/referentials/completion-paths.yaml)"
                        .into()
                }
                None => format!("parcours connus : {}", known.join(", ")),
            };
            ctx.error_at(
                Code::UnknownCompletionPath,
                path,
                &pointer,
                format!("parcours de complétion inconnu : « {name} »"),
                hint,
            );
            continue;
        };
        if status != Status::Validated {
            continue;
        }
        let missing: Vec<&str> = p
            .questionnaires
            .iter()
            .filter(|q| !questionnaires.contains_key(q.as_str()))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            ctx.error_at(
                Code::PathQuestionnaireUnanswered,
                path,
                &pointer,
                format!(
                    "le parcours « {} » demande de répondre à : {}",
                    p.id,
                    missing.join(", ")
                ),
                "ajoutez ces questionnaires sous « questionnaires » (convergence new product \
                 --path … les écrit), ou repassez la fiche en brouillon"
                    .into(),
            );
        }
    }
}

/// Only the kinds of organisation a questionnaire names answer it.
fn answerer_kind(
    ctx: &mut Ctx,
    path: &str,
    kind: OrgKind,
    questionnaires: &BTreeMap<String, Response>,
) {
    for qid in questionnaires.keys() {
        let Some(q) = ctx.repo.questionnaire(qid) else {
            continue;
        };
        if q.answered_by.is_empty() || q.answered_by.contains(&kind) {
            continue;
        }
        let kinds: Vec<&str> = q.answered_by.iter().map(|k| kind_name(*k)).collect();
        ctx.error_key(
            Code::NotAnAnswerer,
            path,
            &format!("/questionnaires/{}", seg(qid)),
            format!(
                "« {qid} » est rempli par les organisations de type {}, pas {}",
                kinds.join(", "),
                kind_name(kind)
            ),
            "retirez ces réponses de ce fichier, ou changez « kind » si le type est faux".into(),
        );
    }
}

fn kind_name(kind: OrgKind) -> &'static str {
    match kind {
        OrgKind::Region => "region",
        OrgKind::Editor => "editor",
        OrgKind::Structure => "structure",
    }
}

/// Evidence of requirements met, and declared values of "valeur" criteria.
pub(super) fn responses(ctx: &mut Ctx, path: &str, questionnaires: &BTreeMap<String, Response>) {
    for (qid, r) in questionnaires {
        let Some(q) = ctx
            .repo
            .questionnaire_version(qid, &r.version)
            .or_else(|| ctx.repo.questionnaire(qid))
        else {
            continue;
        };
        let Some(kind) = ctx.repo.scale(&q.scale).map(|s| s.kind) else {
            continue;
        };
        for (cid, a) in &r.answers {
            let Some(c) = q.criterion(cid) else { continue };
            let at = format!("/questionnaires/{}/answers/{}", seg(qid), seg(cid));
            // A level off the scale is CV301's, not a claim to prove.
            let met = matches!(a.level, LevelValue::Level(l) if l >= 1)
                && c.levels.contains_key(&a.level);
            if kind == ScaleKind::Requirement && q.evidence_required && met && a.evidence.is_empty()
            {
                ctx.error_at(
                    Code::EvidenceMissing,
                    path,
                    &format!("{at}/level"),
                    format!("l'exigence {cid} est déclarée conforme sans preuve"),
                    "ajoutez « evidence: [lien] » (résultat de test, document, page), ou \
                     déclarez le niveau 0"
                        .into(),
                );
            }
            declared_value(ctx, path, &at, c, a.level, a.value);
        }
    }
}

/// A "valeur" criterion answered with a level gives its value, and the level agrees with it;
/// a "oui/non" criterion gives none.
fn declared_value(
    ctx: &mut Ctx,
    path: &str,
    at: &str,
    c: &Criterion,
    level: LevelValue,
    value: Option<f64>,
) {
    match (&c.measure, level, value) {
        (None, _, Some(_)) => ctx.error_key(
            Code::MeasureValue,
            path,
            &format!("{at}/value"),
            format!(
                "le critère {} est un critère « oui/non » : pas de valeur",
                c.id
            ),
            "retirez « value » ; le niveau dit si le critère est atteint (1) ou non (0)".into(),
        ),
        (Some(m), LevelValue::Level(_), None) => ctx.error_at(
            Code::MeasureValue,
            path,
            &format!("{at}/level"),
            format!(
                "le critère {} est un critère « valeur » sans valeur déclarée",
                c.id
            ),
            format!(
                "ajoutez « value: … » (en {}) ; le critère est atteint à partir de {} {}",
                m.unit,
                number(m.min),
                m.unit
            ),
        ),
        (Some(m), LevelValue::Level(l), Some(v)) if l != m.attained(v) => {
            let (reached, expected) = match m.attained(v) {
                1 => ("atteint", 1),
                _ => ("n'atteint pas", 0),
            };
            ctx.error_at(
                Code::ValueContradictsLevel,
                path,
                &format!("{at}/level"),
                format!(
                    "la valeur déclarée {} {} {reached} le minimum de {} {} : le niveau est {expected}, pas {l}",
                    number(v),
                    m.unit,
                    number(m.min),
                    m.unit
                ),
                format!("écrivez « level: {expected} », ou corrigez la valeur"),
            );
        }
        _ => {}
    }
}

/// A number as people write it: no trailing `.0`.
fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// `applies_if_any` names preliminary questions of the questionnaire, with possible answers.
fn conditions_any(ctx: &mut Ctx, path: &str, base: &str, c: &Criterion, q: &Questionnaire) {
    for (qid, values) in &c.applies_if_any {
        let pointer = format!("{base}/applies_if_any/{}", seg(qid));
        let Some(question) = q.preliminary.iter().find(|x| &x.id == qid) else {
            ctx.error_key(
                Code::UnknownReference,
                path,
                &pointer,
                format!("question préliminaire « {qid} » inconnue"),
                "déclarez-la dans « preliminary » du questionnaire".into(),
            );
            continue;
        };
        for (k, value) in values.iter().enumerate() {
            let fits = question.accepts(value);
            if !fits {
                ctx.error_at(
                    Code::InvalidQuestionnaire,
                    path,
                    &format!("{pointer}/{k}"),
                    format!("valeur « {value} » impossible pour la question « {qid} »"),
                    super::prelim_hint(&question.choices),
                );
            }
        }
    }
}
