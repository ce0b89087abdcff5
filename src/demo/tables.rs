//! The shape of the 2020 study as data: regions and their counts (§7), how many services of each
//! common-core type (§4.2), editors' solutions deployed (§6.3), and words for names.

/// A region of the study: organisation id, INSEE code, name, and its counts in §7.
pub struct RegionRow {
    /// Organisation id (folder under `answers/`).
    pub org: &'static str,
    /// INSEE code, as in `content/referentials/regions.yaml`.
    pub code: &'static str,
    /// Name.
    pub name: &'static str,
    /// Publishable services completed (§7).
    pub publishable: usize,
    /// Of which attached to a common-core type (§7).
    pub common_core: usize,
    /// Services not publishable (33 in all, §4.2; the split is ours).
    pub hidden: usize,
}

const fn r(
    org: &'static str,
    code: &'static str,
    name: &'static str,
    publishable: usize,
    common_core: usize,
    hidden: usize,
) -> RegionRow {
    RegionRow {
        org,
        code,
        name,
        publishable,
        common_core,
        hidden,
    }
}

/// The 17 regions, in INSEE order.
pub const REGIONS: [RegionRow; 17] = [
    r("gua", "01", "Guadeloupe", 35, 34, 3),
    r("mar", "02", "Martinique", 30, 29, 2),
    r("guy", "03", "Guyane", 18, 17, 2),
    r("reu", "04", "La Réunion", 14, 14, 2),
    r("idf", "11", "Île-de-France", 18, 18, 3),
    r("cvl", "24", "Centre-Val de Loire", 12, 12, 1),
    r("bfc", "27", "Bourgogne-Franche-Comté", 16, 14, 2),
    r("nor", "28", "Normandie", 21, 20, 2),
    r("hdf", "32", "Hauts-de-France", 20, 20, 1),
    r("ges", "44", "Grand Est", 27, 21, 3),
    r("pdl", "52", "Pays de la Loire", 20, 16, 2),
    r("bre", "53", "Bretagne", 14, 14, 1),
    r("naq", "75", "Nouvelle-Aquitaine", 26, 14, 3),
    r("occ", "76", "Occitanie", 19, 15, 2),
    r("ara", "84", "Auvergne-Rhône-Alpes", 13, 13, 1),
    r("pac", "93", "Provence-Alpes-Côte d'Azur", 18, 17, 2),
    r("cor", "94", "Corse", 11, 11, 1),
];

/// Broad family of a service, which drives which axes concern it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Steering and technical resources (RPU).
    Steering,
    /// Regional portals.
    Portal,
    /// Authentication and identity providers.
    Access,
    /// Patient record and image sharing.
    Record,
    /// Coordination (DCC, RCP, e-parcours).
    Coordination,
    /// Secure messaging (MSSanté).
    Messaging,
    /// Other exchanges (imaging, instant messaging).
    Exchange,
    /// Telehealth.
    Telehealth,
    /// Orientation.
    Orientation,
    /// Regulation, watch and alert.
    Regulation,
    /// Information and training.
    Training,
    /// Directories and patient identities.
    Directory,
    /// ROR instances.
    Ror,
}

/// A common-core type: id, short code for file names, number of services, family, name label.
pub struct TypeRow {
    /// Id in `content/referentials/common-core.yaml`.
    pub id: &'static str,
    /// Short code used in service ids.
    pub code: &'static str,
    /// Publishable common-core services of this type (299 in all).
    pub count: usize,
    /// Family.
    pub family: Family,
    /// Start of the service name.
    pub label: &'static str,
}

const fn t(
    id: &'static str,
    code: &'static str,
    count: usize,
    family: Family,
    label: &'static str,
) -> TypeRow {
    TypeRow {
        id,
        code,
        count,
        family,
        label,
    }
}

use Family::*;

/// The 36 types with their counts: telehealth 60, reference data 59, coordination 56,
/// exchange 52 (§4.2), the other 72 spread by us.
pub const TYPES: [TypeRow; 36] = [
    t(
        "pilotage-rpu",
        "pilotage-rpu",
        3,
        Steering,
        "Tableau de bord des urgences",
    ),
    t(
        "portail-professionnels",
        "portail-pro",
        7,
        Portal,
        "Portail des professionnels",
    ),
    t(
        "portail-usagers",
        "portail-usagers",
        4,
        Portal,
        "Portail santé des usagers",
    ),
    t(
        "authentification-professionnels-sso",
        "sso-pro",
        6,
        Access,
        "Authentification unique des professionnels",
    ),
    t(
        "identification-professionnels-fournisseur-local",
        "idp-pro",
        2,
        Access,
        "Fournisseur d'identités des professionnels",
    ),
    t(
        "authentification-usagers-sso",
        "sso-usagers",
        2,
        Access,
        "Authentification unique des usagers",
    ),
    t(
        "identification-usagers-fournisseur-local",
        "idp-usagers",
        1,
        Access,
        "Fournisseur d'identités des usagers",
    ),
    t(
        "production-soin-dossier-patient",
        "dossier-patient",
        1,
        Record,
        "Dossier patient partagé",
    ),
    t(
        "coordination-dcc",
        "dcc",
        15,
        Coordination,
        "Dossier communicant de cancérologie",
    ),
    t(
        "coordination-rcp",
        "rcp",
        14,
        Coordination,
        "Outil de gestion des RCP",
    ),
    t(
        "coordination-snac",
        "parcours",
        27,
        Coordination,
        "Plateforme e-parcours",
    ),
    t(
        "partage-imagerie",
        "pacs",
        4,
        Record,
        "Plateforme régionale d'imagerie partagée",
    ),
    t(
        "echange-imagerie",
        "imagerie",
        9,
        Exchange,
        "Service d'échange d'images médicales",
    ),
    t(
        "echange-messagerie-instantanee",
        "messagerie",
        7,
        Exchange,
        "Messagerie instantanée sécurisée",
    ),
    t(
        "echange-mssante-client",
        "mss-client",
        19,
        Messaging,
        "Client de messagerie sécurisée",
    ),
    t(
        "echange-mssante-serveur",
        "mss",
        17,
        Messaging,
        "Opérateur de messagerie sécurisée",
    ),
    t(
        "telesante-teleassistance",
        "teleassistance",
        4,
        Telehealth,
        "Téléassistance médicale",
    ),
    t(
        "telesante-teleconsultation-non-planifiee",
        "tlc-urgence",
        8,
        Telehealth,
        "Téléconsultation d'urgence",
    ),
    t(
        "telesante-teleconsultation-planifiee",
        "tlc",
        14,
        Telehealth,
        "Téléconsultation programmée",
    ),
    t(
        "telesante-teleexpertise-non-planifiee",
        "tle-urgence",
        6,
        Telehealth,
        "Téléexpertise d'urgence",
    ),
    t(
        "telesante-teleexpertise-planifiee",
        "tle",
        14,
        Telehealth,
        "Téléexpertise programmée",
    ),
    t(
        "telesante-teleregulation",
        "teleregulation",
        4,
        Telehealth,
        "Télérégulation",
    ),
    t(
        "telesante-telesoin",
        "telesoin",
        3,
        Telehealth,
        "Télésoin paramédical",
    ),
    t(
        "telesante-telesurveillance",
        "telesurveillance",
        7,
        Telehealth,
        "Télésurveillance",
    ),
    t(
        "orientation-pa",
        "orientation-pa",
        4,
        Orientation,
        "Orientation des personnes âgées",
    ),
    t(
        "orientation-ph",
        "orientation-ph",
        5,
        Orientation,
        "Orientation des personnes handicapées",
    ),
    t(
        "orientation-recherche-offre",
        "offre",
        8,
        Orientation,
        "Recherche d'offre de santé",
    ),
    t(
        "orientation-sanitaire",
        "orientation",
        12,
        Orientation,
        "Orientation sanitaire",
    ),
    t(
        "regulation-disponibilite-lits",
        "lits",
        7,
        Regulation,
        "Disponibilité des lits",
    ),
    t(
        "regulation-srva",
        "srva",
        3,
        Regulation,
        "Veille et alerte sanitaire",
    ),
    t(
        "information-formation-en-ligne",
        "formation",
        1,
        Training,
        "Formation en ligne des professionnels",
    ),
    t(
        "referentiel-annuaire",
        "annuaire",
        17,
        Directory,
        "Annuaire régional des acteurs",
    ),
    t(
        "referentiel-ror",
        "ror",
        17,
        Ror,
        "Répertoire opérationnel des ressources",
    ),
    t(
        "referentiel-sri",
        "sri",
        13,
        Directory,
        "Serveur régional d'identités",
    ),
    t(
        "referentiel-srri",
        "srri",
        12,
        Directory,
        "Rapprochement régional des identités",
    ),
    t(
        "ressources-techniques-rpu",
        "rpu",
        2,
        Steering,
        "Concentrateur régional des RPU",
    ),
];

/// A solution deployed in `regions` regions and `services` services (§6.3).
pub struct Deployment {
    /// Editor id.
    pub editor: &'static str,
    /// Solution ids, used in turn from one region to the next.
    pub solutions: &'static [&'static str],
    /// Number of regions.
    pub regions: usize,
    /// Number of publishable services.
    pub services: usize,
    /// Common-core types it may serve, by preference.
    pub types: &'static [&'static str],
    /// Services outside the common core it may serve: POS zone and name.
    pub other: Option<(&'static str, &'static str)>,
}

const fn d(
    editor: &'static str,
    solutions: &'static [&'static str],
    regions: usize,
    services: usize,
    types: &'static [&'static str],
    other: Option<(&'static str, &'static str)>,
) -> Deployment {
    Deployment {
        editor,
        solutions,
        regions,
        services,
        types,
        other,
    }
}

const ROR: &[&str] = &[
    "referentiel-ror",
    "regulation-disponibilite-lits",
    "orientation-recherche-offre",
];
const TELEHEALTH: &[&str] = &[
    "telesante-teleconsultation-planifiee",
    "telesante-teleexpertise-planifiee",
    "telesante-teleconsultation-non-planifiee",
    "telesante-teleexpertise-non-planifiee",
    "telesante-telesurveillance",
    "telesante-teleassistance",
    "telesante-teleregulation",
    "telesante-telesoin",
];
const MSS: &[&str] = &["echange-mssante-serveur", "echange-mssante-client"];

/// Deployments of §6.3, the most constrained first.
pub const DEPLOYMENTS: [Deployment; 18] = [
    d(
        "ies-sud",
        &["ror-paca"],
        9,
        26,
        ROR,
        Some(("7.1", "Module médico-social du ROR")),
    ),
    d(
        "pleiades",
        &["ror-ir"],
        8,
        15,
        ROR,
        Some(("7.1", "Extension libérale du ROR")),
    ),
    d(
        "maincare",
        &["ideocm", "ideophm"],
        7,
        26,
        &["coordination-snac", "coordination-rcp"],
        None,
    ),
    d("maincare", &["dcc"], 4, 5, &["coordination-dcc"], None),
    d("maincare", &["covalia"], 11, 26, TELEHEALTH, None),
    d(
        "grades-aura",
        &["viatrajectoire"],
        15,
        20,
        &["orientation-sanitaire", "orientation-ph", "orientation-pa"],
        None,
    ),
    d(
        "maincare",
        &["ideidentity"],
        11,
        20,
        &["referentiel-sri", "referentiel-srri"],
        None,
    ),
    d(
        "maincare",
        &["portail"],
        9,
        14,
        &["portail-professionnels", "portail-usagers"],
        Some(("2", "Espace collaboratif des professionnels")),
    ),
    d(
        "maincare",
        &["idedirectory"],
        7,
        12,
        &["referentiel-annuaire"],
        None,
    ),
    d(
        "maincare",
        &["ideosso"],
        8,
        11,
        &[
            "authentification-professionnels-sso",
            "identification-professionnels-fournisseur-local",
            "authentification-usagers-sso",
            "identification-usagers-fournisseur-local",
        ],
        Some(("4.1", "Passerelle d'authentification des établissements")),
    ),
    d(
        "maincare",
        &["ideoods"],
        4,
        8,
        &["referentiel-annuaire", "orientation-recherche-offre"],
        Some(("7.1", "Observatoire de l'offre de santé")),
    ),
    d(
        "orion-health",
        &["coordinate"],
        3,
        8,
        &["coordination-snac", "coordination-dcc"],
        None,
    ),
    d("maincare", &["mssante"], 5, 8, MSS, None),
    d(
        "inovelan",
        &["webdcr"],
        3,
        6,
        &["coordination-rcp", "coordination-dcc"],
        None,
    ),
    d("mipih", &["medimail"], 3, 6, MSS, None),
    d(
        "ki-lab",
        &["globule"],
        5,
        5,
        &["coordination-snac", "coordination-rcp"],
        None,
    ),
    d("enovacom", &["secure-messaging"], 3, 4, MSS, None),
    d(
        "pleiades",
        &["stic"],
        3,
        4,
        &[],
        Some(("7.3", "Suivi des tensions hospitalières")),
    ),
];

/// Publishable services outside the common core without a listed solution: zone and name.
pub const OTHER_SERVICES: [(&str, &str); 10] = [
    ("7.3", "Entrepôt régional de données de santé"),
    ("6.7", "Plateforme de suivi des vaccinations"),
    ("6.2", "Espace numérique des CPTS"),
    ("1", "Observatoire régional des parcours"),
    ("8", "Service de signature électronique"),
    ("8", "Plateforme d'échanges interapplicatifs"),
    ("6.8", "Portail d'éducation thérapeutique"),
    ("6.1", "Dossier de soins à domicile"),
    ("7.3", "Référentiel régional des nomenclatures"),
    ("6.3", "Coffre-fort de documents médico-sociaux"),
];

/// Non-publishable services: technical purpose or deployment still to come.
pub const HIDDEN_SERVICES: [(&str, &str); 8] = [
    ("8", "Bus d'échanges régional"),
    ("8", "Supervision technique des flux"),
    ("8", "Environnement de recette partagé"),
    (
        "6.5",
        "Télésurveillance des insuffisants cardiaques (projet)",
    ),
    ("6.2", "Coordination des soins palliatifs (projet)"),
    ("6.6", "Orientation en santé mentale (projet)"),
    ("7.2", "Serveur d'identités de secours"),
    ("6.4", "Passerelle de messagerie historique"),
];

/// Qualifiers that tell apart several services of the same type in one region.
pub const QUALIFIERS: [&str; 8] = [
    "territoire nord",
    "territoire sud",
    "filière pédiatrique",
    "filière gériatrique",
    "établissements publics",
    "secteur libéral",
    "filière AVC",
    "santé mentale",
];
