//! From levels to answers: convergence plans with quarterly milestones to 2025, targets that
//! cannot be planned, comments and evidence, and the national services a subject uses.

use super::calibrate::Levels;
use super::rng::Rng;
use crate::model::{Answer, Date, LevelValue, Quarter, Questionnaire, Response};
use std::collections::BTreeMap;

/// Last quarter a plan may reach.
const HORIZON: Quarter = Quarter { year: 2025, q: 4 };

const NOT_PLANNABLE: [&str; 5] = [
    "L'usage du service ne justifie pas ce niveau : une authentification de palier faible suffit aux utilisateurs concernés.",
    "Échange sans obligation de métadonnées : le niveau cible n'apporte rien au cas d'usage du service.",
    "Dépend d'un marché national non encore notifié ; aucune échéance ne peut être engagée à ce jour.",
    "Évolution attendue de l'éditeur, sans calendrier communiqué à la région.",
    "Le service doit être remplacé par une solution nationale ; aucune évolution n'est prévue d'ici là.",
];

const COMMENTS: [(&str, &str); 12] = [
    (
        "A04.1",
        "Alimentation par extraction mensuelle du référentiel national ; mise à jour automatique prévue avec le nouveau marché.",
    ),
    (
        "A04.2",
        "Interfaces historiques en cours de remplacement par les flux normalisés du ROR national.",
    ),
    (
        "A05",
        "Connexion par carte CPS disponible ; ouverture de l'e-CPS prévue après la montée de version.",
    ),
    (
        "A06",
        "Identifiant local conservé en attendant l'appel au téléservice INSi.",
    ),
    (
        "A08.7",
        "Traces fonctionnelles et techniques rapprochées dans l'outil de supervision régional.",
    ),
    (
        "A11",
        "Alimentation du DMP limitée aux comptes rendus ; la politique d'accès reste à préciser.",
    ),
    (
        "A12",
        "Messagerie historique non MSSanté encore utilisée par une partie des établissements.",
    ),
    (
        "A14",
        "Conforme aux spécifications nationales des services numériques de coordination.",
    ),
    (
        "A08.1",
        "Usages formalisés avec les établissements partenaires lors de la conception des flux.",
    ),
    (
        "A08.5",
        "Interfaces testées sur l'espace de test national avant chaque mise en production.",
    ),
    (
        "A10",
        "Nomenclatures chargées manuellement ; récupération depuis le serveur national prévue.",
    ),
    (
        "A09",
        "Campagne d'audits de sécurité engagée avec le prestataire d'hébergement.",
    ),
];

/// How plans are drawn for one subject.
pub struct Style {
    /// No plans at all (service to be decommissioned).
    pub decommissioning: bool,
    /// Date of the assessment: milestones come after it.
    pub assessed_on: Date,
}

/// Builds the answers to one questionnaire from its levels.
pub fn response(q: &Questionnaire, levels: Levels, style: &Style, rng: &mut Rng) -> Response {
    let mut answers = BTreeMap::new();
    for (id, level) in levels.levels {
        let c = q
            .criterion(&id)
            .expect("levels come from the questionnaire");
        let top = c.levels.keys().filter_map(|l| l.value()).max().unwrap_or(3);
        let axis = q
            .criteria()
            .find(|(_, x)| x.id == id)
            .map(|(a, _)| a.id.as_str())
            .unwrap_or("");
        let mut a = Answer::at(level);
        if let LevelValue::Level(l) = level {
            if l < c.expected_at(style.assessed_on).max(1) && rng.chance(0.15) {
                a.comment = COMMENTS
                    .iter()
                    .find(|(p, _)| *p == axis)
                    .map(|(_, t)| t.to_string());
            }
            if l >= 2 && rng.chance(0.03) {
                a.evidence.push(format!(
                    "https://exemple.fr/preuves-fictives/{}.pdf",
                    id.to_lowercase()
                ));
            }
            let (planned, cap) = outlook(axis);
            if !style.decommissioning && l < top {
                let draw = rng.unit();
                if draw < 0.06 {
                    a.not_plannable = Some(rng.pick(&NOT_PLANNABLE).to_string());
                } else if draw < 0.06 + planned && l < cap.min(top) {
                    a.plan = plan(l, cap.min(top), style.assessed_on, rng);
                }
            }
        }
        answers.insert(id, a);
    }
    Response {
        version: q.version.clone(),
        preliminary: levels.preliminary,
        answers,
    }
}

/// How often an axis's answers carry a plan, and the level plans stop at, after §5.2 and §6.2:
/// DMP plans plateau near 1.5, MSSanté and the HDH barely move, INS and documents stop at 2.
fn outlook(axis: &str) -> (f64, u8) {
    match axis {
        "A11" => (0.55, 2),
        "A12" => (0.2, 3),
        "A17" => (0.1, 2),
        "A04.2" => (0.55, 3),
        "A06" | "A08.4" => (0.7, 2),
        "A08.1" | "A08.2" | "A08.3" => (0.5, 3),
        _ => (0.7, 3),
    }
}

/// Milestones from the quarter after the assessment to the end of 2025, each one level higher.
fn plan(from: u8, top: u8, assessed_on: Date, rng: &mut Rng) -> BTreeMap<Quarter, u8> {
    let goal = if rng.chance(0.5) {
        top
    } else {
        (from + 1).min(top)
    };
    let mut quarter = assessed_on.quarter().next();
    for _ in 0..rng.below(12) {
        quarter = quarter.next();
    }
    let mut out = BTreeMap::new();
    for level in from + 1..=goal {
        if quarter > HORIZON {
            break;
        }
        out.insert(quarter, level);
        for _ in 0..2 + rng.below(7) {
            quarter = quarter.next();
        }
    }
    out
}

/// National core services a subject uses, read from its answers.
pub fn national_services(responses: &BTreeMap<String, Response>) -> Vec<String> {
    let level = |crit: &str| {
        responses
            .values()
            .find_map(|r| r.answers.get(crit))
            .and_then(|a| a.level.value())
    };
    let mut out = Vec::new();
    let rules: [(&str, u8, &str); 7] = [
        ("A11.1", 1, "dmp"),
        ("A12.1", 1, "mssante"),
        ("A05.1", 2, "pro-sante-connect"),
        ("A05.2", 3, "e-cps"),
        ("A06.3", 2, "insi"),
        ("A04.1.1", 2, "rpps-plus"),
        ("A10.1", 2, "smt"),
    ];
    for (crit, min, service) in rules {
        if level(crit).is_some_and(|l| l >= min) {
            out.push(service.to_string());
        }
    }
    out
}
