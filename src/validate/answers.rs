//! Answers: questionnaire and version, preliminary answers, levels, applicability,
//! completeness and convergence plans.

use super::{Ctx, seg};
use crate::diagnostics::{Code, Diagnostic, suggest};
use crate::model::{Date, LevelValue, Questionnaire, Response, Scope, Status};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Criteria that each questionnaire in force adds to the version it supersedes (renames
/// followed), by questionnaire id: a validated file may leave them unanswered for a while.
type NewCriteria = BTreeMap<String, BTreeSet<String>>;

fn new_criteria(repo: &crate::model::Repository) -> NewCriteria {
    repo.questionnaires_in_force()
        .map(|q| (q.id.clone(), crate::migrate::added_criteria(repo, q)))
        .filter(|(_, added)| !added.is_empty())
        .collect()
}

/// Who answers: enough of a subject or organisation to check its responses.
struct Answerer<'a> {
    path: &'a str,
    scope: Scope,
    status: Status,
    assessed_on: Option<Date>,
    decommissioning: bool,
    questionnaires: &'a BTreeMap<String, Response>,
    new_criteria: &'a NewCriteria,
    /// Some node of the file was reported while loading and replaced by a placeholder.
    repaired: bool,
    /// An external assessment: validated, with no draft status to fall back to.
    assessment: bool,
}

impl Answerer<'_> {
    /// Whether the node at `pointer` was replaced by a placeholder (checked only in a repaired
    /// file: most files have none).
    fn broken(&self, ctx: &Ctx, pointer: impl FnOnce() -> String) -> bool {
        self.repaired && ctx.broken(self.path, &pointer())
    }

    /// The assessment date, unless it was reported while loading.
    fn assessed_on(&self, ctx: &Ctx) -> Option<Date> {
        self.assessed_on
            .filter(|_| !self.broken(ctx, || "/assessed_on".into()))
    }
}

/// Runs the answer checks on every organisation, subject and external assessment.
pub fn check(ctx: &mut Ctx) {
    let repo = ctx.repo;
    let new_criteria = &new_criteria(repo);
    for o in &repo.organisations {
        let v = &o.value;
        if !v.questionnaires.is_empty() && (v.status.is_none() || v.assessed_on.is_none()) {
            ctx.error_key(
                Code::MissingAssessment,
                &o.path,
                "/questionnaires",
                "des réponses d'organisation sont données sans « status » ou « assessed_on »"
                    .into(),
                "ajoutez « status: draft » (ou validated) et « assessed_on: AAAA-MM-JJ »".into(),
            );
        }
        responses(
            ctx,
            &Answerer {
                path: &o.path,
                scope: Scope::Organisation,
                status: v.status.unwrap_or(Status::Draft),
                assessed_on: v.assessed_on,
                decommissioning: false,
                questionnaires: &v.questionnaires,
                new_criteria,
                repaired: ctx.broken_under(&o.path, ""),
                assessment: false,
            },
        );
    }
    // Thousands of subject files, each checked on its own: in parallel.
    let found: Vec<(&str, Vec<Diagnostic>)> = repo
        .subjects
        .par_iter()
        .filter(|s| !ctx.skips(&s.path))
        .map(|s| {
            let mut own = ctx.fresh();
            let v = &s.subject;
            responses(
                &mut own,
                &Answerer {
                    path: &s.path,
                    scope: Scope::Service,
                    status: v.status,
                    assessed_on: Some(v.assessed_on),
                    decommissioning: v.decommissioning,
                    questionnaires: &v.questionnaires,
                    new_criteria,
                    repaired: ctx.broken_under(&s.path, ""),
                    assessment: false,
                },
            );
            (s.path.as_str(), own.diags)
        })
        .collect();
    for (path, diags) in found {
        ctx.keep_own(path, diags);
    }
    // An external assessment states levels as a validated file does: the same checks.
    for f in &repo.assessments {
        responses(
            ctx,
            &Answerer {
                path: &f.path,
                scope: Scope::Service,
                status: Status::Validated,
                assessed_on: Some(f.assessment.assessed_on),
                decommissioning: false,
                questionnaires: &f.assessment.questionnaires,
                new_criteria,
                repaired: ctx.broken_under(&f.path, ""),
                assessment: true,
            },
        );
    }
}

/// A subject to be decommissioned carries no plan: one error for the file, on its
/// `decommissioning` key, naming every criterion that has one.
fn plans_on_decommissioned(ctx: &mut Ctx, who: &Answerer) {
    let planned: Vec<&str> = who
        .questionnaires
        .values()
        .flat_map(|r| &r.answers)
        .filter(|(_, a)| !a.plan.is_empty())
        .map(|(id, _)| id.as_str())
        .collect();
    if planned.is_empty() {
        return;
    }
    ctx.error_key(
        Code::PlanOnDecommissioned,
        who.path,
        "/decommissioning",
        format!(
            "{} critère(s) ont un plan de convergence alors que le service est voué au décommissionnement : {}",
            planned.len(),
            planned.join(", ")
        ),
        "un service voué au décommissionnement ne converge pas : retirez ces plans, ou retirez « decommissioning: true » si le service doit converger".into(),
    );
}

fn responses(ctx: &mut Ctx, who: &Answerer) {
    let repo = ctx.repo;
    let p = who.path;
    if who.decommissioning {
        plans_on_decommissioned(ctx, who);
    }
    for (qid, resp) in who.questionnaires {
        let qptr = format!("/questionnaires/{}", seg(qid));
        let Some(current) = repo.questionnaire(qid) else {
            let known: Vec<&str> = repo
                .questionnaires_in_force()
                .map(|q| q.id.as_str())
                .collect();
            ctx.error_key(
                Code::UnknownReference,
                p,
                &qptr,
                format!("questionnaire « {qid} » inconnu"),
                suggest::hint(
                    qid,
                    known.iter().copied(),
                    format!("questionnaires en vigueur : {}", known.join(", ")),
                ),
            );
            continue;
        };
        if current.scope != who.scope {
            let (msg, hint) = match current.scope {
                Scope::Organisation => (
                    format!("« {qid} » porte sur le SI de l'organisation, pas sur un service"),
                    "répondez-y dans organisation.yaml",
                ),
                Scope::Service => (
                    format!("« {qid} » porte sur un service ou un produit, pas sur l'organisation"),
                    "répondez-y dans le fichier du service",
                ),
            };
            ctx.error_key(Code::WrongScope, p, &qptr, msg, hint.into());
            continue;
        }
        let q = if resp.version == current.version {
            current
        } else if let Some(old) = repo.questionnaire_version(qid, &resp.version) {
            ctx.push(
                Diagnostic::warning(
                    Code::OutdatedVersion,
                    p,
                    format!(
                        "réponses données sur la version {} de « {qid} » ; la version en vigueur est {}",
                        resp.version, current.version
                    ),
                )
                .at(ctx.value(p, &format!("{qptr}/version")))
                .hint("lancez « convergence migrate --report » pour voir les critères à reprendre"),
            );
            old
        } else {
            ctx.error_at(
                Code::OutdatedVersion,
                p,
                &format!("{qptr}/version"),
                format!("version « {} » de « {qid} » inconnue", resp.version),
                format!("la version en vigueur est {}", current.version),
            );
            continue;
        };
        response(ctx, who, q, resp, &qptr);
    }
}

fn response(ctx: &mut Ctx, who: &Answerer, q: &Questionnaire, resp: &Response, qptr: &str) {
    let p = who.path;
    for (k, value) in &resp.preliminary {
        let ptr = format!("{qptr}/preliminary/{}", seg(k));
        match q.preliminary.iter().find(|x| &x.id == k) {
            None => {
                let known: Vec<&str> = q.preliminary.iter().map(|x| x.id.as_str()).collect();
                ctx.error_key(
                    Code::InvalidPreliminary,
                    p,
                    &ptr,
                    format!("question préliminaire « {k} » inconnue dans « {} »", q.id),
                    if known.is_empty() {
                        "ce questionnaire n'a pas de question préliminaire".into()
                    } else {
                        suggest::hint(
                            k,
                            known.iter().copied(),
                            format!("questions : {}", known.join(", ")),
                        )
                    },
                );
            }
            Some(question) => {
                let ok = question.accepts(value);
                if !ok {
                    ctx.error_at(
                        Code::InvalidPreliminary,
                        p,
                        &ptr,
                        format!("réponse « {value} » impossible à « {} »", question.question),
                        super::questionnaires::prelim_hint(&question.choices),
                    );
                }
            }
        }
    }
    let prelim_known = !(who.repaired && ctx.broken_under(p, &format!("{qptr}/preliminary")));
    for (cid, answer) in &resp.answers {
        let aptr = format!("{qptr}/answers/{}", seg(cid));
        let Some(c) = q.criterion(cid) else {
            ctx.error_key(
                Code::UnknownReference,
                p,
                &aptr,
                format!(
                    "critère « {cid} » inconnu dans « {} » version {}",
                    q.id, q.version
                ),
                suggest::hint(
                    cid,
                    q.criteria().map(|(_, c)| c.id.as_str()),
                    "vérifiez l'identifiant dans le questionnaire publié".into(),
                ),
            );
            continue;
        };
        if prelim_known && !c.applies(&resp.preliminary) {
            let cond = c.conditions();
            ctx.error_key(
                Code::CriterionNotApplicable,
                p,
                &aptr,
                format!("le critère {cid} ne s'applique pas d'après les réponses préliminaires"),
                format!(
                    "il s'applique si {} ; retirez la réponse ou corrigez « preliminary »",
                    cond.join(" et ")
                ),
            );
        }
        // Pointers and hints are written only for a problem: most answers have none.
        let lptr = || format!("{aptr}/level");
        let allowed = || {
            let levels: Vec<String> = c.levels.keys().map(|l| l.to_string()).collect();
            format!("niveaux possibles : {}", levels.join(", "))
        };
        match answer.level {
            LevelValue::NotApplicable if !c.allows_na() => ctx.error_at(
                Code::NotApplicableNotAllowed,
                p,
                &lptr(),
                format!("« non applicable » n'est pas permis pour le critère {cid}"),
                allowed(),
            ),
            LevelValue::Level(n) if !c.levels.contains_key(&LevelValue::Level(n)) => ctx.error_at(
                Code::LevelOutOfScale,
                p,
                &lptr(),
                format!("le niveau {n} n'existe pas pour le critère {cid}"),
                allowed(),
            ),
            _ => {}
        }
        plan(ctx, who, c, answer, &aptr);
    }
    // Criteria whose answer is a placeholder or was reported while loading are not repeated
    // here; with a broken preliminary answer, which criteria apply is unknown.
    let mut missing: Vec<&str> = q
        .criteria()
        .map(|(_, c)| c)
        .filter(|c| {
            prelim_known
                && c.applies(&resp.preliminary)
                && !resp.answers.contains_key(&c.id)
                && !who.broken(ctx, || format!("{qptr}/answers/{}", seg(&c.id)))
        })
        .map(|c| c.id.as_str())
        .collect();
    // In a validated file on the version in force, the criteria this version adds are "to
    // answer": a warning, so that publishing a new version does not turn every file red.
    let added = who
        .new_criteria
        .get(&q.id)
        .filter(|_| who.status == Status::Validated && repo_current(ctx, q));
    if let Some(added) = added {
        let to_answer: Vec<&str> = missing
            .iter()
            .copied()
            .filter(|id| added.contains(*id))
            .collect();
        if !to_answer.is_empty() {
            missing.retain(|id| !added.contains(*id));
            let msg = format!(
                "{} critère(s) ajouté(s) par la version {} de « {} » à renseigner : {}",
                to_answer.len(),
                q.version,
                q.id,
                to_answer.join(", ")
            );
            let loc = ctx.key(p, &format!("{qptr}/answers"));
            ctx.push(
                Diagnostic::warning(Code::NewCriteriaToAnswer, p, msg)
                    .hint("répondez-y dès que possible ; le fichier reste validé en attendant")
                    .at(loc),
            );
        }
    }
    if !missing.is_empty() {
        let msg = format!(
            "{} critère(s) applicable(s) sans réponse dans « {} » : {}",
            missing.len(),
            q.id,
            missing.join(", ")
        );
        let loc = ctx.key(p, &format!("{qptr}/answers"));
        let d = match who.status {
            Status::Validated if who.assessment => Diagnostic::error(Code::Unanswered, p, msg)
                .hint("l'évaluateur relève un niveau (ou « na ») pour chaque critère applicable"),
            Status::Validated => Diagnostic::error(Code::Unanswered, p, msg)
                .hint("répondez à chaque critère, ou repassez le fichier en « status: draft »"),
            Status::Draft => Diagnostic::warning(Code::Unanswered, p, msg).hint(
                "un brouillon peut être incomplet ; il faudra tout renseigner avant « validated »",
            ),
        };
        ctx.push(d.at(loc));
    }
}

/// Whether `q` is the version in force of its questionnaire.
fn repo_current(ctx: &Ctx, q: &Questionnaire) -> bool {
    ctx.repo
        .questionnaire(&q.id)
        .is_some_and(|current| current.version == q.version)
}

fn plan(
    ctx: &mut Ctx,
    who: &Answerer,
    c: &crate::model::Criterion,
    answer: &crate::model::Answer,
    aptr: &str,
) {
    let p = who.path;
    if let Some(j) = &answer.not_plannable {
        if j.trim().is_empty() {
            ctx.error_at(
                Code::NotPlannableUnjustified,
                p,
                &format!("{aptr}/not_plannable"),
                "cible déclarée non planifiable sans justification".into(),
                "expliquez en une phrase pourquoi aucune échéance ne peut être donnée".into(),
            );
        }
        if !answer.plan.is_empty() {
            ctx.error_key(
                Code::PlanAndNotPlannable,
                p,
                &format!("{aptr}/not_plannable"),
                "un plan et « not_plannable » sont donnés ensemble".into(),
                "gardez l'un ou l'autre".into(),
            );
        }
    }
    if answer.plan.is_empty() {
        return;
    }
    let pptr = || format!("{aptr}/plan");
    if who.decommissioning {
        // Reported once for the whole file by `plans_on_decommissioned`.
        return;
    }
    // A level reported while loading says nothing about the plan's milestones.
    if who.broken(ctx, || format!("{aptr}/level")) {
        return;
    }
    let Some(current) = answer.level.value() else {
        ctx.error_key(
            Code::PlanOnNotApplicable,
            p,
            &pptr(),
            "plan de convergence sur un critère non applicable".into(),
            "retirez le plan".into(),
        );
        return;
    };
    let mut previous: Option<(crate::model::Quarter, u8)> = None;
    for (quarter, &level) in &answer.plan {
        let mptr = || format!("{}/{quarter}", pptr());
        if !c.levels.contains_key(&LevelValue::Level(level)) {
            let allowed: Vec<String> = c
                .levels
                .keys()
                .filter(|l| l.value().is_some())
                .map(|l| l.to_string())
                .collect();
            ctx.error_at(
                Code::LevelOutOfScale,
                p,
                &mptr(),
                format!("le niveau {level} n'existe pas pour le critère {}", c.id),
                format!("niveaux possibles : {}", allowed.join(", ")),
            );
        }
        if let Some(date) = who.assessed_on(ctx) {
            if quarter.end() < date {
                ctx.error_key(
                    Code::PlanBeforeAssessment,
                    p,
                    &mptr(),
                    format!("le jalon {quarter} est antérieur à la date d'évaluation {date}"),
                    format!("un jalon est à venir : à partir de {}", date.quarter()),
                );
            }
        }
        if level <= current {
            ctx.error_at(
                Code::PlanNotAboveCurrent,
                p,
                &mptr(),
                format!("le jalon {quarter} vise le niveau {level}, qui ne dépasse pas le niveau actuel {current}"),
                "un jalon annonce un niveau supérieur au niveau atteint".into(),
            );
        }
        if let Some((pq, pl)) = previous {
            if level < pl {
                ctx.error_at(
                    Code::PlanDecreasing,
                    p,
                    &mptr(),
                    format!("le niveau baisse de {pl} ({pq}) à {level} ({quarter})"),
                    "les jalons d'un plan ne redescendent pas".into(),
                );
            }
        }
        previous = Some((*quarter, level));
    }
}
