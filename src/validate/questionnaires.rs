//! Questionnaires and scales: levels within the scale, expected levels, conditions, links.

use super::Ctx;
use crate::diagnostics::Code;
use crate::model::{LevelValue, PageSection, PrelimValue, Repository, ScaleKind};
use std::collections::BTreeSet;

/// Runs the questionnaire and scale checks.
pub fn check(ctx: &mut Ctx) {
    let repo = ctx.repo;
    for s in &repo.scales {
        let v = &s.value;
        let consecutive = v
            .levels
            .iter()
            .enumerate()
            .all(|(i, l)| l.value as usize == i);
        if !consecutive || v.levels.is_empty() {
            ctx.error_key(
                Code::InvalidScale,
                &s.path,
                "/levels",
                "les niveaux d'une échelle se suivent à partir de 0 (0, 1, 2, …)".into(),
                "renumérotez les niveaux dans l'ordre croissant".into(),
            );
        }
        if v.kind == ScaleKind::Graded && v.grades.is_empty() {
            ctx.error_key(
                Code::InvalidScale,
                &s.path,
                "",
                "une échelle notée (graded) doit définir ses lettres (grades)".into(),
                "ajoutez « grades: [{ grade: A, min_score: 80 }, …] »".into(),
            );
        }
    }
    let axes: BTreeSet<&str> = repo
        .questionnaires
        .iter()
        .flat_map(|q| q.value.axes.iter().map(|a| a.id.as_str()))
        .collect();
    for page in &repo.pages {
        if let Some(axis) = &page.meta.axis {
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
    let doctrine = pages(repo, PageSection::Doctrine);
    let faq = pages(repo, PageSection::Faq);
    for q in &repo.questionnaires {
        let (p, v) = (q.path.as_str(), &q.value);
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
        let max = scale.map(|s| s.max_level());
        for (i, a) in v.axes.iter().enumerate() {
            if let Some(d) = &a.doctrine {
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
            for (j, c) in a.criteria.iter().enumerate() {
                let base = format!("/axes/{i}/criteria/{j}");
                if c.levels.keys().all(|l| *l == LevelValue::NotApplicable) {
                    ctx.error_key(
                        Code::InvalidQuestionnaire,
                        p,
                        &format!("{base}/levels"),
                        format!("le critère {} n'a aucun niveau", c.id),
                        "donnez le texte de chaque niveau (0: …, 1: …)".into(),
                    );
                }
                if let Some(max) = max {
                    for l in c.levels.keys() {
                        if let LevelValue::Level(n) = l {
                            if *n > max {
                                ctx.error_key(
                                    Code::InvalidQuestionnaire,
                                    p,
                                    &format!("{base}/levels/{n}"),
                                    format!(
                                        "niveau {n} hors de l'échelle « {} » (0 à {max})",
                                        v.scale
                                    ),
                                    "retirez ce niveau ou changez d'échelle".into(),
                                );
                            }
                        }
                    }
                }
                if c.expected.is_empty() {
                    ctx.error_key(
                        Code::InvalidQuestionnaire,
                        p,
                        &format!("{base}/expected"),
                        format!("le critère {} n'a pas de niveau attendu", c.id),
                        "ajoutez « expected: [{ level: 2, from: 2020-12-15 }] »".into(),
                    );
                }
                for (k, e) in c.expected.iter().enumerate() {
                    if max.is_some_and(|m| e.level > m) {
                        ctx.error_at(
                            Code::InvalidQuestionnaire,
                            p,
                            &format!("{base}/expected/{k}/level"),
                            format!("niveau attendu {} hors de l'échelle", e.level),
                            format!("le niveau attendu va de 0 à {}", max.unwrap_or(0)),
                        );
                    }
                }
                if c.weight <= 0.0 {
                    ctx.error_at(
                        Code::InvalidQuestionnaire,
                        p,
                        &format!("{base}/weight"),
                        "le poids d'un critère doit être strictement positif".into(),
                        "retirez « weight » (poids 1 par défaut) ou donnez un nombre > 0".into(),
                    );
                }
                for (qid, value) in &c.applies_if {
                    let pointer = format!("{base}/applies_if/{}", super::seg(qid));
                    match v.preliminary.iter().find(|x| &x.id == qid) {
                        None => ctx.error_key(
                            Code::UnknownReference,
                            p,
                            &pointer,
                            format!("question préliminaire « {qid} » inconnue"),
                            "déclarez-la dans « preliminary » du questionnaire".into(),
                        ),
                        Some(question) => {
                            let fits = match value {
                                PrelimValue::Bool(_) => question.choices.is_empty(),
                                PrelimValue::Choice(ch) => question.choices.contains(ch),
                            };
                            if !fits {
                                ctx.error_at(
                                    Code::InvalidQuestionnaire,
                                    p,
                                    &pointer,
                                    format!(
                                        "valeur « {value} » impossible pour la question « {qid} »"
                                    ),
                                    prelim_hint(&question.choices),
                                );
                            }
                        }
                    }
                }
                for (k, f) in c.faq.iter().enumerate() {
                    if !faq.contains(f.as_str()) {
                        ctx.error_at(
                            Code::UnknownReference,
                            p,
                            &format!("{base}/faq/{k}"),
                            format!("entrée de FAQ « {f} » inconnue"),
                            format!("créez content/faq/{f}.md ou corrigez le nom"),
                        );
                    }
                }
            }
        }
        if let Some(sup) = &v.supersedes {
            let old = repo.questionnaire_version(&v.id, &sup.version);
            match old {
                None => ctx.error_at(
                    Code::UnknownReference,
                    p,
                    "/supersedes/version",
                    format!("version « {} » de {} introuvable", sup.version, v.id),
                    format!(
                        "gardez l'ancienne version dans questionnaires/archive/{}.{}.yaml",
                        v.id, sup.version
                    ),
                ),
                Some(old) => {
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
            }
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
