//! References between files: zones, types, regions, editors, solutions, products, owners.

use super::Ctx;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{OrgKind, ProductKind, SubjectKind};
use std::collections::{BTreeSet, HashSet};

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

fn unknown(
    ctx: &mut Ctx,
    path: &str,
    pointer: &str,
    what: &str,
    id: &str,
    ids: &BTreeSet<&str>,
    source: &str,
) {
    ctx.error_at(
        Code::UnknownReference,
        path,
        pointer,
        format!("{what} « {id} » inconnu(e)"),
        format!("{} (définis dans {source})", known(ids)),
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
    let repo = ctx.repo;
    if repo.config.is_none() {
        ctx.push(
            Diagnostic::error(
                Code::MissingConfig,
                "convergence.yaml",
                "fichier de configuration absent ou invalide",
            )
            .hint("créez convergence.yaml à la racine (voir docs/format.md)"),
        );
    }
    let zones: BTreeSet<&str> = repo.pos_zones().into_iter().map(|(id, _)| id).collect();
    let types: BTreeSet<&str> = repo
        .common_core
        .iter()
        .flat_map(|c| c.value.types.iter().map(|t| t.id.as_str()))
        .collect();
    let regions: BTreeSet<&str> = repo
        .regions
        .iter()
        .flat_map(|r| r.value.regions.iter().map(|x| x.code.as_str()))
        .collect();
    let nationals: BTreeSet<&str> = repo
        .national_services
        .iter()
        .flat_map(|n| n.value.services.iter().map(|x| x.id.as_str()))
        .collect();
    let editors: BTreeSet<&str> = repo
        .editors
        .iter()
        .flat_map(|e| e.value.editors.iter().map(|x| x.id.as_str()))
        .collect();
    const POS: &str = "content/referentials/pos.yaml";

    if let Some(cc) = &repo.common_core {
        for (i, t) in cc.value.types.iter().enumerate() {
            if !zones.contains(t.zone.as_str()) {
                unknown(
                    ctx,
                    &cc.path,
                    &format!("/types/{i}/zone"),
                    "zone du POS",
                    &t.zone,
                    &zones,
                    POS,
                );
            }
        }
    }
    if let Some(n) = &repo.national_services {
        for (i, s) in n.value.services.iter().enumerate() {
            if let Some(z) = &s.zone {
                if !zones.contains(z.as_str()) {
                    unknown(
                        ctx,
                        &n.path,
                        &format!("/services/{i}/zone"),
                        "zone du POS",
                        z,
                        &zones,
                        POS,
                    );
                }
            }
        }
    }

    for o in &repo.organisations {
        let (p, v) = (o.path.as_str(), &o.value);
        match &v.region {
            Some(r) if !regions.contains(r.as_str()) => unknown(
                ctx,
                p,
                "/region",
                "région",
                r,
                &regions,
                "content/referentials/regions.yaml",
            ),
            None if v.kind == OrgKind::Region => ctx.error_key(
                Code::MissingField,
                p,
                "",
                "une organisation de type region doit indiquer son code région".into(),
                "ajoutez « region: \"84\" » (code INSEE)".into(),
            ),
            _ => {}
        }
        match &v.editor {
            Some(e) if !editors.contains(e.as_str()) => unknown(
                ctx,
                p,
                "/editor",
                "éditeur",
                e,
                &editors,
                "content/referentials/editors.yaml",
            ),
            None if v.kind == OrgKind::Editor => ctx.error_key(
                Code::MissingField,
                p,
                "",
                "une organisation de type editor doit indiquer son éditeur".into(),
                "ajoutez « editor: <identifiant> » (voir content/referentials/editors.yaml)".into(),
            ),
            _ => {}
        }
        for (i, h) in v.owners.iter().enumerate() {
            if !valid_owner(h) {
                ctx.error_at(
                    Code::InvalidOwner,
                    p,
                    &format!("/owners/{i}"),
                    format!("propriétaire « {h} » mal écrit"),
                    "écrivez @utilisateur ou @organisation/equipe".into(),
                );
            }
        }
    }

    let orgs: HashSet<&str> = repo
        .organisations
        .iter()
        .map(|o| o.value.id.as_str())
        .collect();
    let subjects = repo.subjects_by_id();
    for s in &repo.subjects {
        let (p, v) = (s.path.as_str(), &s.subject);
        if !orgs.contains(s.org.as_str()) {
            ctx.push(
                Diagnostic::error(
                    Code::UnknownReference,
                    p,
                    format!(
                        "l'organisation « {} » n'a pas de fichier organisation.yaml",
                        s.org
                    ),
                )
                .hint(format!("créez answers/{}/organisation.yaml", s.org)),
            );
        }
        if let Some(z) = &v.pos_zone {
            if !zones.contains(z.as_str()) {
                unknown(ctx, p, "/pos_zone", "zone du POS", z, &zones, POS);
            }
        }
        if let Some(t) = &v.common_core {
            if !types.contains(t.as_str()) {
                unknown(
                    ctx,
                    p,
                    "/common_core",
                    "type de service du tronc commun",
                    t,
                    &types,
                    "content/referentials/common-core.yaml",
                );
            }
        }
        for (i, n) in v.national_services.iter().enumerate() {
            if !nationals.contains(n.as_str()) {
                unknown(
                    ctx,
                    p,
                    &format!("/national_services/{i}"),
                    "service socle national",
                    n,
                    &nationals,
                    "content/referentials/national-services.yaml",
                );
            }
        }
        let editor = v.editor.as_deref().and_then(|e| {
            repo.editors
                .as_ref()
                .and_then(|r| r.value.editors.iter().find(|x| x.id == e))
        });
        if let (Some(e), None) = (&v.editor, editor) {
            unknown(
                ctx,
                p,
                "/editor",
                "éditeur",
                e,
                &editors,
                "content/referentials/editors.yaml",
            );
        }
        if let Some(sol) = &v.solution {
            match editor {
                Some(ed) if !ed.solutions.iter().any(|x| &x.id == sol) => {
                    let sols: BTreeSet<&str> = ed.solutions.iter().map(|x| x.id.as_str()).collect();
                    unknown(
                        ctx,
                        p,
                        "/solution",
                        &format!("solution de l'éditeur {}", ed.id),
                        sol,
                        &sols,
                        "content/referentials/editors.yaml",
                    );
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
        product(ctx, s, &subjects);
    }
}

fn product(
    ctx: &mut Ctx,
    s: &crate::model::SubjectFile,
    subjects: &std::collections::HashMap<&str, &crate::model::SubjectFile>,
) {
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
            (ProductKind::Option, Some(base)) => {
                let ok = subjects.get(base.as_str()).is_some_and(|b| {
                    b.subject.product.as_ref().is_some_and(|bp| bp.kind == ProductKind::Socle)
                });
                if !ok {
                    ctx.error_at(
                        Code::UnknownReference,
                        p,
                        "/product/extends",
                        format!("produit socle « {base} » inconnu"),
                        "indiquez l'identifiant d'un produit de type socle".into(),
                    );
                }
            }
            (ProductKind::Socle, None) => {}
        },
        (SubjectKind::Service, None) => {}
    }
}
