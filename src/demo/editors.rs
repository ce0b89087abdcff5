//! Two editor organisations with products (socle and options, versions, one archived) that
//! answer the service questionnaires, as an editor would on the portal.

use super::answers::{self, Style};
use super::calibrate::{self, Questionnaires};
use super::rng::Rng;
use crate::model::{
    Date, OrgKind, Organisation, PrelimValue, Product, ProductKind, Status, Subject, SubjectKind,
};
use std::collections::BTreeMap;

struct ProductRow {
    id: &'static str,
    name: &'static str,
    version: &'static str,
    extends: Option<&'static str>,
    status: Status,
    archived: bool,
}

struct EditorRow {
    org: &'static str,
    editor: &'static str,
    solution: &'static str,
    name: &'static str,
    ror: bool,
    products: [ProductRow; 3],
}

const fn p(
    id: &'static str,
    name: &'static str,
    version: &'static str,
    extends: Option<&'static str>,
    status: Status,
    archived: bool,
) -> ProductRow {
    ProductRow {
        id,
        name,
        version,
        extends,
        status,
        archived,
    }
}

const EDITORS: [EditorRow; 2] = [
    EditorRow {
        org: "coordisante",
        editor: "coordisante-fictif",
        solution: "coordiparcours",
        name: "CoordiSanté (éditeur fictif)",
        ror: false,
        products: [
            p(
                "coordiparcours-socle",
                "CoordiParcours — socle (fictif)",
                "7.4",
                None,
                Status::Validated,
                false,
            ),
            p(
                "coordiparcours-ph",
                "CoordiParcours — module handicap (fictif)",
                "7.4",
                Some("coordiparcours-socle"),
                Status::Validated,
                false,
            ),
            p(
                "coordiparcours-socle-6",
                "CoordiParcours — socle, version 6 (fictif)",
                "6.9",
                None,
                Status::Validated,
                true,
            ),
        ],
    },
    EditorRow {
        org: "repertoria",
        editor: "repertoria-fictif",
        solution: "repertoria-ror",
        name: "Repertoria (éditeur fictif)",
        ror: true,
        products: [
            p(
                "repertoria-socle",
                "Repertoria ROR — socle (fictif)",
                "3.1",
                None,
                Status::Validated,
                false,
            ),
            p(
                "repertoria-lits",
                "Repertoria ROR — module disponibilité des lits (fictif)",
                "3.1",
                Some("repertoria-socle"),
                Status::Validated,
                false,
            ),
            p(
                "repertoria-medico-social",
                "Repertoria ROR — module médico-social (fictif)",
                "3.2",
                Some("repertoria-socle"),
                Status::Draft,
                false,
            ),
        ],
    },
];

/// Editor organisations and their products, as `(organisation, products)`.
pub fn editors(qs: &Questionnaires, seed: u64) -> Vec<(Organisation, Vec<Subject>)> {
    let mut rng = Rng::derive(seed, "editors");
    let assessed_on = Date::new(2021, 3, 15).expect("valid date");
    EDITORS
        .iter()
        .map(|e| {
            let org = Organisation {
                id: e.org.into(),
                name: e.name.into(),
                kind: OrgKind::Editor,
                region: None,
                editor: Some(e.editor.into()),
                owners: vec![format!("@{}", e.org)],
                publishable: true,
                status: None,
                assessed_on: None,
                questionnaires: BTreeMap::new(),
            };
            let products = e
                .products
                .iter()
                .map(|row| {
                    let urb: BTreeMap<String, PrelimValue> = [
                        ("consomme_offre_sante".to_string(), PrelimValue::Bool(!e.ror)),
                        ("instance_ror".to_string(), PrelimValue::Bool(e.ror)),
                    ]
                    .into();
                    let int: BTreeMap<String, PrelimValue> =
                        [("flux_interapplicatifs".to_string(), PrelimValue::Bool(true))].into();
                    let draft = row.status == Status::Draft;
                    let style = Style { decommissioning: row.archived, assessed_on };
                    let mut questionnaires = BTreeMap::new();
                    for (q, prelim) in [(qs.urbanisation, urb), (qs.interoperability, int)] {
                        let levels = calibrate::loose(q, qs.date, prelim, draft, &mut rng);
                        questionnaires.insert(q.id.clone(), answers::response(q, levels, &style, &mut rng));
                    }
                    Subject {
                        id: row.id.into(),
                        kind: SubjectKind::Product,
                        name: row.name.into(),
                        description: Some(format!(
                            "Produit fictif de démonstration, version {} de la solution, évalué par l'éditeur.",
                            row.version
                        )),
                        pos_zone: None,
                        common_core: None,
                        editor: Some(e.editor.into()),
                        solution: Some(e.solution.into()),
                        solution_version: Some(row.version.into()),
                        product: Some(Product {
                            kind: if row.extends.is_some() { ProductKind::Option } else { ProductKind::Socle },
                            extends: row.extends.map(Into::into),
                        }),
                        national_services: answers::national_services(&questionnaires),
                        publishable: true,
                        decommissioning: false,
                        archived: row.archived,
                        status: row.status,
                        assessed_on,
                        questionnaires,
                        completion_paths: Vec::new(),
                    }
                })
                .collect();
            (org, products)
        })
        .collect()
}
