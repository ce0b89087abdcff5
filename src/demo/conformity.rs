//! The conformity part of the demo: a fictitious telehealth editor with three products on the
//! telehealth completion path (the telehealth requirement questionnaire answered with evidence),
//! and six fictitious health establishments answering MaturiN-H. Every answer is written out
//! here, without the random generator, so that the rest of the dataset (and the 2020 figures)
//! does not move.

use crate::model::{
    Answer, Assessment, Date, LevelValue, OrgKind, Organisation, PrelimValue, Product, ProductKind,
    Questionnaire, Repository, Response, Status, Subject, SubjectKind,
};
use std::collections::BTreeMap;

/// Identifier of the telehealth questionnaire and completion path.
pub const TELEHEALTH: &str = "telesante";
/// Identifier of the MaturiN-H questionnaire.
pub const MATURIN_H: &str = "maturin-h";

/// The editor organisation's folder, editor id and solution.
const EDITOR_ORG: &str = "telemedica";
const EDITOR: &str = "telemedica-fictif";
const SOLUTION: &str = "telemedica-consult";

/// A product: id, name, option of, acts (teleconsultation, teleexpertise, telesoin), and the
/// applicable requirements it does not meet.
struct ProductRow {
    id: &'static str,
    name: &'static str,
    extends: Option<&'static str>,
    acts: [bool; 3],
    unmet: &'static [&'static str],
}

const PRODUCTS: [ProductRow; 3] = [
    ProductRow {
        id: "telemedica-consult",
        name: "Telemedica Consult — socle (fictif)",
        extends: None,
        acts: [true, false, false],
        unmet: &["TLS.PLAN.4", "TLS.FACT.2"],
    },
    ProductRow {
        id: "telemedica-expertise",
        name: "Telemedica Expertise — option (fictif)",
        extends: Some("telemedica-consult"),
        acts: [false, true, false],
        unmet: &["TLS.CONC.2", "TLS.REAL.2"],
    },
    ProductRow {
        id: "telemedica-soin",
        name: "Telemedica Soin (fictif)",
        extends: None,
        acts: [true, false, true],
        unmet: &[],
    },
];

/// An establishment: folder, name, region code, type, and its answers to MH1.1…MH1.4
/// (declared value for the "valeur" criteria, `None` where the criterion does not apply).
struct EstablishmentRow {
    id: &'static str,
    name: &'static str,
    region: &'static str,
    kind: &'static str,
    values: [Option<f64>; 2],
    yes: [bool; 2],
}

const ESTABLISHMENTS: [EstablishmentRow; 6] = [
    // 96 %, oui, 97 %, oui: 4/4 → 100, A.
    EstablishmentRow {
        id: "chu-demo-ara",
        name: "CHU de démonstration d'Auvergne-Rhône-Alpes (fictif)",
        region: "84",
        kind: "CHR/U",
        values: [Some(96.0), Some(97.0)],
        yes: [true, true],
    },
    // 92 %, non, 95 %, oui: 3/4 → 75, B (the doctrine's example).
    EstablishmentRow {
        id: "ch-demo-bretagne",
        name: "CH support de GHT de démonstration, Bretagne (fictif)",
        region: "53",
        kind: "CH support de GHT",
        values: [Some(92.0), Some(95.0)],
        yes: [false, true],
    },
    // 85 %, oui, 91 %, oui: 3/4 → 75, B.
    EstablishmentRow {
        id: "ch-demo-grand-est",
        name: "CH partie au GHT de démonstration, Grand Est (fictif)",
        region: "44",
        kind: "CH partie au GHT",
        values: [Some(85.0), Some(91.0)],
        yes: [true, true],
    },
    // 70 %, non, 88 %, oui: 1/4 → 25, D.
    EstablishmentRow {
        id: "espic-demo-idf",
        name: "ESPIC de démonstration, Île-de-France (fictif)",
        region: "11",
        kind: "ESPIC",
        values: [Some(70.0), Some(88.0)],
        yes: [false, true],
    },
    // 90 %, oui, 60 %, non: 2/4 → 50, C.
    EstablishmentRow {
        id: "had-demo-paca",
        name: "HAD de démonstration, Provence-Alpes-Côte d'Azur (fictif)",
        region: "93",
        kind: "HAD",
        values: [Some(90.0), Some(60.0)],
        yes: [true, false],
    },
    // EHPAD: MH1.1 and MH1.3 do not apply; non, oui: 1/2 → 50, C.
    EstablishmentRow {
        id: "ehpad-demo-nouvelle-aquitaine",
        name: "EHPAD de démonstration, Nouvelle-Aquitaine (fictif)",
        region: "75",
        kind: "EHPAD",
        values: [None, None],
        yes: [false, true],
    },
];

fn answer(level: u8) -> Answer {
    Answer::at(LevelValue::Level(level))
}

/// The telehealth editor and its products, when the repository has the questionnaire.
pub fn telehealth(repo: &Repository) -> Option<(Organisation, Vec<Subject>)> {
    let q = repo.questionnaire(TELEHEALTH)?;
    let assessed_on = Date::new(2021, 6, 15).expect("valid date");
    let org = Organisation {
        id: EDITOR_ORG.into(),
        name: "Telemedica (éditeur fictif)".into(),
        kind: OrgKind::Editor,
        region: None,
        editor: Some(EDITOR.into()),
        owners: vec![format!("@{EDITOR_ORG}")],
        publishable: true,
        status: None,
        assessed_on: None,
        questionnaires: BTreeMap::new(),
    };
    let products = PRODUCTS
        .iter()
        .map(|row| Subject {
            id: row.id.into(),
            kind: SubjectKind::Product,
            name: row.name.into(),
            description: Some(
                "Produit fictif de télésanté, inscrit dans le parcours télésanté, pour la démonstration."
                    .into(),
            ),
            pos_zone: None,
            common_core: None,
            editor: Some(EDITOR.into()),
            solution: Some(SOLUTION.into()),
            solution_version: Some("3.1".into()),
            product: Some(Product {
                kind: if row.extends.is_some() {
                    ProductKind::Option
                } else {
                    ProductKind::Socle
                },
                extends: row.extends.map(Into::into),
            }),
            national_services: Vec::new(),
            publishable: true,
            decommissioning: false,
            archived: false,
            status: Status::Validated,
            assessed_on,
            questionnaires: BTreeMap::from([(q.id.clone(), requirements(q, row))]),
            completion_paths: vec![TELEHEALTH.into()],
        })
        .collect();
    Some((org, products))
}

/// A product's answers: every applicable requirement met (with a link to its evidence) but
/// the listed ones.
fn requirements(q: &Questionnaire, row: &ProductRow) -> Response {
    let preliminary: BTreeMap<String, PrelimValue> =
        ["teleconsultation", "teleexpertise", "telesoin"]
            .iter()
            .zip(row.acts)
            .map(|(k, v)| (k.to_string(), PrelimValue::Bool(v)))
            .collect();
    let answers = q
        .criteria()
        .map(|(_, c)| c)
        .filter(|c| c.applies(&preliminary))
        .map(|c| {
            let met = !row.unmet.contains(&c.id.as_str());
            let mut a = answer(u8::from(met));
            if met {
                a.evidence = vec![format!(
                    "https://preuves.exemple.fr/{}/{}.pdf",
                    row.id,
                    c.id.to_lowercase()
                )];
            }
            (c.id.clone(), a)
        })
        .collect();
    Response {
        version: q.version.clone(),
        preliminary,
        answers,
    }
}

/// The establishments answering MaturiN-H, when the repository has the questionnaire.
pub fn establishments(repo: &Repository) -> Vec<Organisation> {
    let Some(q) = repo.questionnaire(MATURIN_H) else {
        return Vec::new();
    };
    let assessed_on = Date::new(2021, 9, 30).expect("valid date");
    ESTABLISHMENTS
        .iter()
        .map(|e| {
            let preliminary = BTreeMap::from([(
                "type_etablissement".to_string(),
                PrelimValue::Choice(e.kind.into()),
            )]);
            let mut answers = BTreeMap::new();
            for (id, value) in ["MH1.1", "MH1.3"].iter().zip(e.values) {
                let Some(value) = value else { continue };
                let attained = q
                    .criterion(id)
                    .and_then(|c| c.measure.as_ref())
                    .map_or(0, |m| m.attained(value));
                let mut a = answer(attained);
                a.value = Some(value);
                answers.insert(id.to_string(), a);
            }
            for (id, yes) in ["MH1.2", "MH1.4"].iter().zip(e.yes) {
                answers.insert(id.to_string(), answer(u8::from(yes)));
            }
            Organisation {
                id: e.id.into(),
                name: e.name.into(),
                kind: OrgKind::Structure,
                region: Some(e.region.into()),
                editor: None,
                owners: vec![format!("@{}", e.id)],
                publishable: true,
                status: Some(Status::Validated),
                assessed_on: Some(assessed_on),
                questionnaires: BTreeMap::from([(
                    q.id.clone(),
                    Response {
                        version: q.version.clone(),
                        preliminary,
                        answers,
                    },
                )]),
            }
        })
        .collect()
}

/// The accredited assessor of the demo (listed in `assessors` of `convergence.yaml`).
pub const ASSESSOR: &str = "certifsante";

/// What the assessor finds, per product: requirements it judges otherwise than the editor.
const ASSESSED: [(&str, &[&str]); 2] = [
    // The editor said TLS.CONC.2 (mandatory) was not met; the assessor finds it met: conforme.
    ("telemedica-expertise", &["TLS.CONC.2"]),
    // The assessor finds the mandatory TLS.ID.2 not met: non conforme externally.
    ("telemedica-consult", &["TLS.ID.2"]),
];

/// The assessor organisation and its external assessments of telehealth products.
pub fn assessments(repo: &Repository) -> Option<(Organisation, Vec<Assessment>)> {
    let q = repo.questionnaire(TELEHEALTH)?;
    let org = Organisation {
        id: ASSESSOR.into(),
        name: "CertifSanté, organisme évaluateur (fictif)".into(),
        kind: OrgKind::Structure,
        region: None,
        editor: None,
        owners: vec![format!("@{ASSESSOR}")],
        publishable: true,
        status: None,
        assessed_on: None,
        questionnaires: BTreeMap::new(),
    };
    let assessed_on = Date::new(2021, 11, 30).expect("valid date");
    let list = ASSESSED
        .iter()
        .filter_map(|(id, flipped)| {
            let row = PRODUCTS.iter().find(|p| p.id == *id)?;
            let mut response = requirements(q, row);
            for (cid, a) in response.answers.iter_mut() {
                if flipped.contains(&cid.as_str()) {
                    let met = a.level == LevelValue::Level(0);
                    *a = answer(u8::from(met));
                    if met {
                        a.evidence =
                            vec![format!("https://{ASSESSOR}.exemple.fr/rapports/{id}.pdf")];
                    }
                }
            }
            Some(Assessment {
                id: format!("eval-{id}"),
                subject: (*id).into(),
                assessed_on,
                questionnaires: BTreeMap::from([(q.id.clone(), response)]),
            })
        })
        .collect();
    Some((org, list))
}
