//! Questionnaires and scales: levels within the scale, expected levels, conditions, links.

use super::Ctx;
use crate::diagnostics::Code;
use crate::model::{
    Axis, Criterion, LevelValue, Located, PageSection, Questionnaire, Repository, Scale, ScaleKind,
    Supersedes,
};
use std::collections::BTreeSet;

/// Runs the questionnaire and scale checks.
pub fn check(ctx: &mut Ctx) {
    let repo = ctx.repo;
    for s in &repo.scales {
        scale_levels(ctx, s);
        scale_grades(ctx, s);
    }
    page_axes(ctx);
    let doctrine = pages(repo, PageSection::Doctrine);
    let faq = pages(repo, PageSection::Faq);
    for q in &repo.questionnaires {
        let (p, v) = (q.path.as_str(), &q.value);
        let max = scale_known(ctx, p, v);
        for (i, a) in v.axes.iter().enumerate() {
            axis_doctrine(ctx, p, i, a, &doctrine);
            for (j, c) in a.criteria.iter().enumerate() {
                let at = At {
                    p,
                    base: format!("/axes/{i}/criteria/{j}"),
                };
                criterion_levels(ctx, &at, c);
                if let Some(max) = max {
                    levels_in_scale(ctx, &at, c, &v.scale, max);
                }
                criterion_expected(ctx, &at, c, max);
                criterion_weight(ctx, &at, c);
                criterion_conditions(ctx, &at, c, v);
                criterion_faq(ctx, &at, c, &faq);
            }
        }
        if let Some(sup) = &v.supersedes {
            supersedes(ctx, p, v, sup);
        }
    }
}

/// Where a criterion sits: the questionnaire's path and the criterion's JSON pointer.
struct At<'a> {
    p: &'a str,
    base: String,
}

/// A scale's levels follow each other from 0.
fn scale_levels(ctx: &mut Ctx, s: &Located<Scale>) {
    let consecutive = s
        .value
        .levels
        .iter()
        .enumerate()
        .all(|(i, l)| l.value as usize == i);
    if !consecutive || s.value.levels.is_empty() {
        ctx.error_key(
            Code::InvalidScale,
            &s.path,
            "/levels",
            "les niveaux d'une échelle se suivent à partir de 0 (0, 1, 2, …)".into(),
            "renumérotez les niveaux dans l'ordre croissant".into(),
        );
    }
}

/// A graded scale defines its letter grades.
fn scale_grades(ctx: &mut Ctx, s: &Located<Scale>) {
    if s.value.kind == ScaleKind::Graded && s.value.grades.is_empty() {
        ctx.error_key(
            Code::InvalidScale,
            &s.path,
            "",
            "une échelle notée (graded) doit définir ses lettres (grades)".into(),
            "ajoutez « grades: [{ grade: A, min_score: 80 }, …] »".into(),
        );
    }
}

/// A page's `axis` names an axis of a questionnaire.
fn page_axes(ctx: &mut Ctx) {
    let repo = ctx.repo;
    let axes: BTreeSet<&str> = repo
        .questionnaires
        .iter()
        .flat_map(|q| q.value.axes.iter().map(|a| a.id.as_str()))
        .collect();
    for page in &repo.pages {
        let Some(axis) = &page.meta.axis else {
            continue;
        };
        if !axes.contains(axis.as_str()) {
            ctx.error_at(
                Code::UnknownReference,
                &page.path,
                "/axis",
                format!("axe « {axis} » inconnu"),
                "indiquez l'identifiant d'un axe d'un questionnaire, par exemple A04.1".into(),
            );
        }
    }
}

/// The questionnaire's scale exists; gives its highest level.
fn scale_known(ctx: &mut Ctx, p: &str, v: &Questionnaire) -> Option<u8> {
    let repo = ctx.repo;
    let scale = repo.scale(&v.scale);
    if scale.is_none() {
        let known: Vec<&str> = repo.scales.iter().map(|s| s.value.id.as_str()).collect();
        ctx.error_at(
            Code::UnknownReference,
            p,
            "/scale",
            format!("échelle « {} » inconnue", v.scale),
            format!(
                "échelles définies dans content/scales/ : {}",
                known.join(", ")
            ),
        );
    }
    scale.map(|s| s.max_level())
}

/// An axis's doctrine page exists.
fn axis_doctrine(ctx: &mut Ctx, p: &str, i: usize, a: &Axis, doctrine: &BTreeSet<&str>) {
    let Some(d) = &a.doctrine else { return };
    if !doctrine.contains(d.as_str()) {
        ctx.error_at(
            Code::UnknownReference,
            p,
            &format!("/axes/{i}/doctrine"),
            format!("page de doctrine « {d} » inconnue"),
            format!("créez content/doctrine/{d}.md ou corrigez le nom"),
        );
    }
}

/// A criterion describes at least one level.
fn criterion_levels(ctx: &mut Ctx, at: &At, c: &Criterion) {
    if c.levels.keys().all(|l| *l == LevelValue::NotApplicable) {
        ctx.error_key(
            Code::InvalidQuestionnaire,
            at.p,
            &format!("{}/levels", at.base),
            format!("le critère {} n'a aucun niveau", c.id),
            "donnez le texte de chaque niveau (0: …, 1: …)".into(),
        );
    }
}

/// A criterion's levels lie within the scale.
fn levels_in_scale(ctx: &mut Ctx, at: &At, c: &Criterion, scale: &str, max: u8) {
    for l in c.levels.keys() {
        let LevelValue::Level(n) = *l else { continue };
        if n > max {
            ctx.error_key(
                Code::InvalidQuestionnaire,
                at.p,
                &format!("{}/levels/{n}", at.base),
                format!("niveau {n} hors de l'échelle « {scale} » (0 à {max})"),
                "retirez ce niveau ou changez d'échelle".into(),
            );
        }
    }
}

/// A criterion has expected levels, within the scale.
fn criterion_expected(ctx: &mut Ctx, at: &At, c: &Criterion, max: Option<u8>) {
    if c.expected.is_empty() {
        ctx.error_key(
            Code::InvalidQuestionnaire,
            at.p,
            &format!("{}/expected", at.base),
            format!("le critère {} n'a pas de niveau attendu", c.id),
            "ajoutez « expected: [{ level: 2, from: 2020-12-15 }] »".into(),
        );
    }
    for (k, e) in c.expected.iter().enumerate() {
        if max.is_some_and(|m| e.level > m) {
            ctx.error_at(
                Code::InvalidQuestionnaire,
                at.p,
                &format!("{}/expected/{k}/level", at.base),
                format!("niveau attendu {} hors de l'échelle", e.level),
                format!("le niveau attendu va de 0 à {}", max.unwrap_or(0)),
            );
        }
    }
}

/// A criterion's weight is positive.
fn criterion_weight(ctx: &mut Ctx, at: &At, c: &Criterion) {
    if c.weight <= 0.0 {
        ctx.error_at(
            Code::InvalidQuestionnaire,
            at.p,
            &format!("{}/weight", at.base),
            "le poids d'un critère doit être strictement positif".into(),
            "retirez « weight » (poids 1 par défaut) ou donnez un nombre > 0".into(),
        );
    }
}

/// A criterion's conditions name preliminary questions of the questionnaire, with a possible
/// answer.
fn criterion_conditions(ctx: &mut Ctx, at: &At, c: &Criterion, v: &Questionnaire) {
    for (qid, value) in &c.applies_if {
        let pointer = format!("{}/applies_if/{}", at.base, super::seg(qid));
        let Some(question) = v.preliminary.iter().find(|x| &x.id == qid) else {
            ctx.error_key(
                Code::UnknownReference,
                at.p,
                &pointer,
                format!("question préliminaire « {qid} » inconnue"),
                "déclarez-la dans « preliminary » du questionnaire".into(),
            );
            continue;
        };
        let fits = question.accepts(value);
        if !fits {
            ctx.error_at(
                Code::InvalidQuestionnaire,
                at.p,
                &pointer,
                format!("valeur « {value} » impossible pour la question « {qid} »"),
                prelim_hint(&question.choices),
            );
        }
    }
}

/// A criterion's FAQ entries exist.
fn criterion_faq(ctx: &mut Ctx, at: &At, c: &Criterion, faq: &BTreeSet<&str>) {
    for (k, f) in c.faq.iter().enumerate() {
        if !faq.contains(f.as_str()) {
            ctx.error_at(
                Code::UnknownReference,
                at.p,
                &format!("{}/faq/{k}", at.base),
                format!("entrée de FAQ « {f} » inconnue"),
                format!("créez content/faq/{f}.md ou corrigez le nom"),
            );
        }
    }
}

/// The superseded version is kept, and renamed criteria exist in both versions.
fn supersedes(ctx: &mut Ctx, p: &str, v: &Questionnaire, sup: &Supersedes) {
    let Some(old) = ctx.repo.questionnaire_version(&v.id, &sup.version) else {
        ctx.error_at(
            Code::UnknownReference,
            p,
            "/supersedes/version",
            format!("version « {} » de {} introuvable", sup.version, v.id),
            format!(
                "gardez l'ancienne version dans questionnaires/archive/{}.{}.yaml",
                v.id, sup.version
            ),
        );
        return;
    };
    for (from, to) in &sup.renamed {
        let pointer = format!("/supersedes/renamed/{}", super::seg(from));
        if old.criterion(from).is_none() {
            ctx.error_key(
                Code::UnknownReference,
                p,
                &pointer,
                format!("critère « {from} » absent de la version {}", sup.version),
                "indiquez un critère de l'ancienne version".into(),
            );
        }
        if v.criterion(to).is_none() {
            ctx.error_at(
                Code::UnknownReference,
                p,
                &pointer,
                format!("critère « {to} » absent de la version {}", v.version),
                "indiquez un critère de la nouvelle version".into(),
            );
        }
    }
}

fn pages(repo: &Repository, section: PageSection) -> BTreeSet<&str> {
    repo.pages
        .iter()
        .filter(|p| p.section == section)
        .map(|p| p.slug.as_str())
        .collect()
}

/// How to answer a preliminary question.
pub fn prelim_hint(choices: &[String]) -> String {
    if choices.is_empty() {
        "réponse attendue : true (oui) ou false (non)".into()
    } else {
        format!("réponses possibles : {}", choices.join(", "))
    }
}
