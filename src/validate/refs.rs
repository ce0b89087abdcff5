//! References between files: zones, types, regions, editors, solutions, products, owners, and
//! the claims an organisation makes on shared entries (a region, an editor). One function per
//! rule; [`check`] runs them all.

use super::Ctx;
use crate::diagnostics::{Code, Diagnostic, suggest};
use crate::model::{Editor, Located, OrgKind, Organisation, ProductKind, SubjectFile, SubjectKind};
use std::collections::{BTreeSet, HashMap, HashSet};

const POS: &str = "content/referentials/pos.yaml";
const COMMON_CORE: &str = "content/referentials/common-core.yaml";
const REGIONS: &str = "content/referentials/regions.yaml";
const NATIONALS: &str = "content/referentials/national-services.yaml";
const EDITORS: &str = "content/referentials/editors.yaml";

/// Names of the known ids, for hints (at most 12 shown).
fn known(ids: &BTreeSet<&str>) -> String {
    if ids.is_empty() {
        return "aucun n'est défini".into();
    }
    let mut list: Vec<&str> = ids.iter().copied().take(12).collect();
    if ids.len() > 12 {
        list.push("…");
    }
    format!("valeurs connues : {}", list.join(", "))
}

/// The ids each kind of reference may take, collected once.
struct Known<'a> {
    zones: BTreeSet<&'a str>,
    types: BTreeSet<&'a str>,
    regions: BTreeSet<&'a str>,
    nationals: BTreeSet<&'a str>,
    editors: BTreeSet<&'a str>,
}

impl<'a> Known<'a> {
    fn new(repo: &'a crate::model::Repository) -> Known<'a> {
        Known {
            zones: repo.pos_zones().into_iter().map(|(id, _)| id).collect(),
            types: repo
                .common_core
                .iter()
                .flat_map(|c| c.value.types.iter().map(|t| t.id.as_str()))
                .collect(),
            regions: repo
                .regions
                .iter()
                .flat_map(|r| r.value.regions.iter().map(|x| x.code.as_str()))
                .collect(),
            nationals: repo
                .national_services
                .iter()
                .flat_map(|n| n.value.services.iter().map(|x| x.id.as_str()))
                .collect(),
            editors: repo
                .editors
                .iter()
                .flat_map(|e| e.value.editors.iter().map(|x| x.id.as_str()))
                .collect(),
        }
    }
}

/// A reference to `id` at `pointer` that names nothing in `ids` (CV203).
struct Unknown<'a> {
    pointer: &'a str,
    what: &'a str,
    id: &'a str,
    source: &'a str,
}

fn unknown(ctx: &mut Ctx, path: &str, u: Unknown, ids: &BTreeSet<&str>) {
    ctx.error_at(
        Code::UnknownReference,
        path,
        u.pointer,
        format!("{} « {} » inconnu(e)", u.what, u.id),
        suggest::hint(
            u.id,
            ids.iter().copied(),
            format!("{} (définis dans {})", known(ids), u.source),
        ),
    );
}

/// Whether a forge handle is well formed: `@user` or `@org/team`.
pub fn valid_owner(h: &str) -> bool {
    let Some(rest) = h.strip_prefix('@') else {
        return false;
    };
    let ok = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    match rest.split_once('/') {
        Some((org, team)) => ok(org) && ok(team),
        None => ok(rest),
    }
}

/// Runs the reference checks.
pub fn check(ctx: &mut Ctx) {
    let known = Known::new(ctx.repo);
    config_present(ctx);
    type_zones(ctx, &known);
    national_service_zones(ctx, &known);
    for o in &ctx.repo.organisations {
        let v = &o.value;
        organisation_claim(ctx, o, v.region.as_deref(), &REGION_CLAIM, &known.regions);
        organisation_claim(ctx, o, v.editor.as_deref(), &EDITOR_CLAIM, &known.editors);
        organisation_owners(ctx, o);
    }
    region_claims(ctx);
    editor_claims(ctx);
    // Organisation folders that have an organisation file, loaded or not: a file with its own
    // errors (a wrong id, a bad field) is reported there once, not again for every subject.
    let orgs: HashSet<&str> = ctx
        .repo
        .organisations
        .iter()
        .filter_map(|o| o.path.split('/').nth(1))
        .chain(ctx.files().filter_map(|p| {
            let rest = p.strip_prefix("answers/")?;
            let (folder, name) = rest.split_once('/')?;
            matches!(name, "organisation.yaml" | "organisation.yml").then_some(folder)
        }))
        .collect();
    missing_organisations(ctx, &orgs);
    let subjects = ctx.repo.subjects_by_id();
    for s in &ctx.repo.subjects {
        subject_zone_and_type(ctx, s, &known);
        subject_national_services(ctx, s, &known);
        subject_editor_and_solution(ctx, s, &known);
        product_shape(ctx, s, &subjects);
        product_editor(ctx, s);
    }
}

fn config_present(ctx: &mut Ctx) {
    if ctx.repo.config.is_none() {
        ctx.push(
            Diagnostic::error(
                Code::MissingConfig,
                "convergence.yaml",
                "fichier de configuration absent ou invalide",
            )
            .hint("créez convergence.yaml à la racine (voir docs/format.md)"),
        );
    }
}

fn type_zones(ctx: &mut Ctx, known: &Known) {
    let Some(cc) = &ctx.repo.common_core else {
        return;
    };
    for (i, t) in cc.value.types.iter().enumerate() {
        if !known.zones.contains(t.zone.as_str()) {
            let pointer = format!("/types/{i}/zone");
            let u = Unknown {
                pointer: &pointer,
                what: "zone du POS",
                id: &t.zone,
                source: POS,
            };
            unknown(ctx, &cc.path, u, &known.zones);
        }
    }
}

fn national_service_zones(ctx: &mut Ctx, known: &Known) {
    let Some(n) = &ctx.repo.national_services else {
        return;
    };
    for (i, s) in n.value.services.iter().enumerate() {
        if let Some(z) = s.zone.as_deref().filter(|z| !known.zones.contains(z)) {
            let pointer = format!("/services/{i}/zone");
            let u = Unknown {
                pointer: &pointer,
                what: "zone du POS",
                id: z,
                source: POS,
            };
            unknown(ctx, &n.path, u, &known.zones);
        }
    }
}

/// A referential an organisation of one kind must name: its region, or its editor.
struct Claim<'a> {
    kind: OrgKind,
    pointer: &'a str,
    what: &'a str,
    source: &'a str,
    /// Message and hint when an organisation of that kind names none.
    missing: (&'a str, &'a str),
}

const REGION_CLAIM: Claim = Claim {
    kind: OrgKind::Region,
    pointer: "/region",
    what: "région",
    source: REGIONS,
    missing: (
        "une organisation de type region doit indiquer son code région",
        "ajoutez « region: \"84\" » (code INSEE)",
    ),
};

const EDITOR_CLAIM: Claim = Claim {
    kind: OrgKind::Editor,
    pointer: "/editor",
    what: "éditeur",
    source: EDITORS,
    missing: (
        "une organisation de type editor doit indiquer son éditeur",
        "ajoutez « editor: <identifiant> » (voir content/referentials/editors.yaml)",
    ),
};

/// The id an organisation names for `claim` exists in `ids`; an organisation of the claim's
/// kind names one.
fn organisation_claim(
    ctx: &mut Ctx,
    o: &Located<Organisation>,
    id: Option<&str>,
    claim: &Claim,
    ids: &BTreeSet<&str>,
) {
    match id {
        Some(id) if !ids.contains(id) => {
            let u = Unknown {
                pointer: claim.pointer,
                what: claim.what,
                id,
                source: claim.source,
            };
            unknown(ctx, &o.path, u, ids);
        }
        None if o.value.kind == claim.kind => {
            let (message, hint) = claim.missing;
            ctx.error_key(Code::MissingField, &o.path, "", message.into(), hint.into());
        }
        _ => {}
    }
}

fn organisation_owners(ctx: &mut Ctx, o: &Located<Organisation>) {
    for (i, h) in o.value.owners.iter().enumerate() {
        if !valid_owner(h) {
            ctx.error_at(
                Code::InvalidOwner,
                &o.path,
                &format!("/owners/{i}"),
                format!("propriétaire « {h} » mal écrit"),
                "écrivez @utilisateur ou @organisation/equipe".into(),
            );
        }
    }
}

/// A region code is claimed by at most one organisation of kind `region` (CV406, on every
/// claim after the first, naming the first file).
fn region_claims(ctx: &mut Ctx) {
    let mut first: HashMap<&str, &str> = HashMap::new();
    for o in &ctx.repo.organisations {
        let (OrgKind::Region, Some(code)) = (o.value.kind, o.value.region.as_deref()) else {
            continue;
        };
        match first.get(code) {
            Some(holder) => ctx.error_at(
                Code::ContestedClaim,
                &o.path,
                "/region",
                format!("la région {code} est déjà revendiquée par {holder}"),
                "une région n'a qu'une organisation de type region : corrigez le code, ou déclarez « kind: structure »".into(),
            ),
            None => {
                first.insert(code, &o.path);
            }
        }
    }
}

/// An organisation declares `editor: <id>` only when the editors referential says it speaks
/// for that editor (when it names anyone), and no two organisations declare the same editor
/// (CV406).
fn editor_claims(ctx: &mut Ctx) {
    let mut first: HashMap<&str, &str> = HashMap::new();
    for o in &ctx.repo.organisations {
        let Some(e) = o.value.editor.as_deref() else {
            continue;
        };
        let speaker = editor(ctx, e).and_then(|x| x.organisation.as_deref());
        if let Some(s) = speaker.filter(|s| *s != o.value.id) {
            ctx.error_at(
                Code::ContestedClaim,
                &o.path,
                "/editor",
                format!("l'éditeur « {e} » est porté par l'organisation « {s} » d'après {EDITORS}"),
                "déclarez l'éditeur de votre organisation ; le référentiel des éditeurs est modifié par ses mainteneurs".into(),
            );
        } else if let Some(holder) = first.get(e) {
            ctx.error_at(
                Code::ContestedClaim,
                &o.path,
                "/editor",
                format!("l'éditeur « {e} » est déjà revendiqué par {holder}"),
                format!("un éditeur n'a qu'une organisation : indiquez-la avec « organisation: » dans {EDITORS}"),
            );
        } else {
            first.insert(e, &o.path);
        }
    }
}

fn editor<'r>(ctx: &Ctx<'r>, id: &str) -> Option<&'r Editor> {
    let repo: &'r crate::model::Repository = ctx.repo;
    repo.editors
        .as_ref()
        .and_then(|r| r.value.editors.iter().find(|x| x.id == id))
}

/// One error per organisation folder without an organisation file, on its first service or
/// product, counting the files it holds (one cause, one error).
fn missing_organisations(ctx: &mut Ctx, orgs: &HashSet<&str>) {
    let mut missing: std::collections::BTreeMap<&str, Vec<&SubjectFile>> = Default::default();
    for s in &ctx.repo.subjects {
        if !orgs.contains(s.org.as_str()) {
            missing.entry(s.org.as_str()).or_default().push(s);
        }
    }
    for (org, files) in missing {
        let first = files
            .iter()
            .map(|s| s.path.as_str())
            .min()
            .unwrap_or_default();
        let at = ctx.key(first, "/id");
        ctx.push(
            Diagnostic::error(
                Code::UnknownReference,
                first,
                format!(
                    "l'organisation « {org} » n'a pas de fichier organisation.yaml ({} fiche(s) dans son dossier)",
                    files.len()
                ),
            )
            .hint(format!(
                "créez answers/{org}/organisation.yaml avec « convergence new organisation --org {org} »"
            ))
            .at(at),
        );
    }
}

fn subject_zone_and_type(ctx: &mut Ctx, s: &SubjectFile, known: &Known) {
    let (p, v) = (s.path.as_str(), &s.subject);
    if let Some(z) = v.pos_zone.as_deref().filter(|z| !known.zones.contains(z)) {
        let u = Unknown {
            pointer: "/pos_zone",
            what: "zone du POS",
            id: z,
            source: POS,
        };
        unknown(ctx, p, u, &known.zones);
    }
    if let Some(t) = v
        .common_core
        .as_deref()
        .filter(|t| !known.types.contains(t))
    {
        let u = Unknown {
            pointer: "/common_core",
            what: "type de service du tronc commun",
            id: t,
            source: COMMON_CORE,
        };
        unknown(ctx, p, u, &known.types);
    }
}

fn subject_national_services(ctx: &mut Ctx, s: &SubjectFile, known: &Known) {
    for (i, n) in s.subject.national_services.iter().enumerate() {
        if !known.nationals.contains(n.as_str()) {
            let pointer = format!("/national_services/{i}");
            let u = Unknown {
                pointer: &pointer,
                what: "service socle national",
                id: n,
                source: NATIONALS,
            };
            unknown(ctx, &s.path, u, &known.nationals);
        }
    }
}

fn subject_editor_and_solution(ctx: &mut Ctx, s: &SubjectFile, known: &Known) {
    let (p, v) = (s.path.as_str(), &s.subject);
    let found = v.editor.as_deref().and_then(|e| editor(ctx, e));
    if let (Some(e), None) = (&v.editor, found) {
        let u = Unknown {
            pointer: "/editor",
            what: "éditeur",
            id: e,
            source: EDITORS,
        };
        unknown(ctx, p, u, &known.editors);
    }
    let Some(sol) = &v.solution else { return };
    match found {
        Some(ed) if !ed.solutions.iter().any(|x| &x.id == sol) => {
            let sols: BTreeSet<&str> = ed.solutions.iter().map(|x| x.id.as_str()).collect();
            let what = format!("solution de l'éditeur {}", ed.id);
            let u = Unknown {
                pointer: "/solution",
                what: &what,
                id: sol,
                source: EDITORS,
            };
            unknown(ctx, p, u, &sols);
        }
        None if v.editor.is_none() => ctx.error_key(
            Code::InvalidProduct,
            p,
            "/solution",
            "une solution est indiquée sans son éditeur".into(),
            "ajoutez « editor: <identifiant> »".into(),
        ),
        _ => {}
    }
}

/// `product` only on products; a socle extends nothing; an option extends a socle of the same
/// editor.
fn product_shape(ctx: &mut Ctx, s: &SubjectFile, subjects: &HashMap<&str, &SubjectFile>) {
    let (p, v) = (s.path.as_str(), &s.subject);
    match (&v.kind, &v.product) {
        (SubjectKind::Service, Some(_)) => ctx.error_key(
            Code::InvalidProduct,
            p,
            "/product",
            "« product » ne concerne que les produits (kind: product)".into(),
            "retirez « product » ou écrivez « kind: product »".into(),
        ),
        (SubjectKind::Product, None) => ctx.error_key(
            Code::InvalidProduct,
            p,
            "",
            "un produit doit préciser s'il est socle ou option".into(),
            "ajoutez « product: { kind: socle } » ou « product: { kind: option, extends: <socle> } »".into(),
        ),
        (SubjectKind::Product, Some(prod)) => match (prod.kind, &prod.extends) {
            (ProductKind::Socle, Some(_)) => ctx.error_key(
                Code::InvalidProduct,
                p,
                "/product/extends",
                "un produit socle n'étend pas d'autre produit".into(),
                "retirez « extends » ou déclarez « kind: option »".into(),
            ),
            (ProductKind::Option, None) => ctx.error_key(
                Code::InvalidProduct,
                p,
                "/product",
                "une option doit indiquer le socle qu'elle étend".into(),
                "ajoutez « extends: <identifiant du produit socle> »".into(),
            ),
            (ProductKind::Option, Some(base)) => option_socle(ctx, s, base, subjects),
            (ProductKind::Socle, None) => {}
        },
        (SubjectKind::Service, None) => {}
    }
}

fn option_socle(
    ctx: &mut Ctx,
    s: &SubjectFile,
    base: &str,
    subjects: &HashMap<&str, &SubjectFile>,
) {
    let socle = subjects.get(base).filter(|b| {
        b.subject
            .product
            .as_ref()
            .is_some_and(|bp| bp.kind == ProductKind::Socle)
    });
    match socle {
        None => ctx.error_at(
            Code::UnknownReference,
            &s.path,
            "/product/extends",
            format!("produit socle « {base} » inconnu"),
            "indiquez l'identifiant d'un produit de type socle".into(),
        ),
        Some(b) if b.subject.editor != s.subject.editor => ctx.error_at(
            Code::InvalidProduct,
            &s.path,
            "/product/extends",
            format!(
                "le socle « {base} » est d'un autre éditeur ({}) : une option n'étend qu'un socle de son éditeur",
                b.subject.editor.as_deref().unwrap_or("aucun")
            ),
            "indiquez un socle de votre éditeur".into(),
        ),
        Some(_) => {}
    }
}

/// A product is declared under its own organisation's editor.
fn product_editor(ctx: &mut Ctx, s: &SubjectFile) {
    let v = &s.subject;
    let (SubjectKind::Product, Some(e)) = (v.kind, v.editor.as_deref()) else {
        return;
    };
    let own = ctx
        .repo
        .organisation(&s.org)
        .and_then(|o| o.editor.as_deref());
    if own == Some(e) || ctx.repo.organisation(&s.org).is_none() {
        return;
    }
    let message = match own {
        Some(own) => format!(
            "produit déclaré sous l'éditeur « {e} », qui n'est pas celui de l'organisation « {} » ({own})",
            s.org
        ),
        None => format!(
            "produit déclaré sous l'éditeur « {e} » par l'organisation « {} », qui n'est pas un éditeur",
            s.org
        ),
    };
    ctx.error_at(
        Code::InvalidProduct,
        &s.path,
        "/editor",
        message,
        "un produit est déclaré par l'organisation qui porte son éditeur (« organisation: » dans content/referentials/editors.yaml)".into(),
    );
}
