//! Identifiers: unique where they must be, and file paths that match the ids inside.

use super::Ctx;
use crate::diagnostics::Code;
use std::collections::HashMap;

/// Reports the second and later occurrences of an id: `(id, path, pointer)` in order.
fn duplicates<'a>(
    ctx: &mut Ctx,
    what: &str,
    items: impl IntoIterator<Item = (&'a str, &'a str, String)>,
) {
    let mut seen: HashMap<&str, (&str, String)> = HashMap::new();
    for (id, path, pointer) in items {
        if let Some((first_path, first_ptr)) = seen.get(id) {
            let first = match ctx.value(first_path, first_ptr) {
                Some(l) => format!("{first_path}:{}:{}", l.line, l.col),
                None => first_path.to_string(),
            };
            ctx.error_at(
                Code::DuplicateId,
                path,
                &pointer,
                format!("{what} « {id} » en double"),
                format!("déjà défini en {first} : choisissez un autre identifiant"),
            );
        } else {
            seen.insert(id, (path, pointer));
        }
    }
}

fn stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".yaml").unwrap_or(name)
}

/// Runs the identifier checks.
pub fn check(ctx: &mut Ctx) {
    let repo = ctx.repo;
    for s in &repo.scales {
        if stem(&s.path) != s.value.id {
            mismatch(
                ctx,
                &s.path,
                &s.value.id,
                &format!("content/scales/{}.yaml", s.value.id),
            );
        }
    }
    duplicates(
        ctx,
        "échelle",
        repo.scales
            .iter()
            .map(|s| (s.value.id.as_str(), s.path.as_str(), "/id".into())),
    );

    for q in &repo.questionnaires {
        let v = &q.value;
        let expected = if q.path.starts_with("questionnaires/archive/") {
            format!("questionnaires/archive/{}.{}.yaml", v.id, v.version)
        } else {
            format!("questionnaires/{}.yaml", v.id)
        };
        if q.path != expected {
            mismatch(ctx, &q.path, &v.id, &expected);
        }
        let path = q.path.as_str();
        duplicates(
            ctx,
            "axe",
            v.axes
                .iter()
                .enumerate()
                .map(|(i, a)| (a.id.as_str(), path, format!("/axes/{i}/id"))),
        );
        duplicates(
            ctx,
            "critère",
            v.axes.iter().enumerate().flat_map(|(i, a)| {
                a.criteria
                    .iter()
                    .enumerate()
                    .map(move |(j, c)| (c.id.as_str(), path, format!("/axes/{i}/criteria/{j}/id")))
            }),
        );
        duplicates(
            ctx,
            "question préliminaire",
            v.preliminary
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id.as_str(), path, format!("/preliminary/{i}/id"))),
        );
    }
    let versions: Vec<(String, &str)> = repo
        .questionnaires
        .iter()
        .map(|q| {
            (
                format!("{} version {}", q.value.id, q.value.version),
                q.path.as_str(),
            )
        })
        .collect();
    duplicates(
        ctx,
        "questionnaire",
        versions
            .iter()
            .map(|(k, p)| (k.as_str(), *p, "/version".into())),
    );

    for o in &repo.organisations {
        let folder = o.path.split('/').nth(1).unwrap_or_default();
        if folder != o.value.id {
            mismatch(
                ctx,
                &o.path,
                &o.value.id,
                &format!("answers/{}/organisation.yaml", o.value.id),
            );
        }
    }
    for s in &repo.subjects {
        let id = &s.subject.id;
        if stem(&s.path) != id || id == "organisation" {
            mismatch(ctx, &s.path, id, &format!("answers/{}/{id}.yaml", s.org));
        }
    }
    duplicates(
        ctx,
        "service ou produit",
        repo.subjects
            .iter()
            .map(|s| (s.subject.id.as_str(), s.path.as_str(), "/id".into())),
    );
    referential_ids(ctx);
    let pages: Vec<(String, &str)> = repo
        .pages
        .iter()
        .map(|p| (format!("{:?}/{}", p.section, p.slug), p.path.as_str()))
        .collect();
    duplicates(
        ctx,
        "page",
        pages.iter().map(|(k, p)| (k.as_str(), *p, String::new())),
    );
}

fn referential_ids(ctx: &mut Ctx) {
    let repo = ctx.repo;
    if let Some(pos) = &repo.pos {
        let mut items = Vec::new();
        for (i, d) in pos.value.domains.iter().enumerate() {
            items.push((d.id.as_str(), pos.path.as_str(), format!("/domains/{i}/id")));
            for (j, z) in d.zones.iter().enumerate() {
                items.push((
                    z.id.as_str(),
                    pos.path.as_str(),
                    format!("/domains/{i}/zones/{j}/id"),
                ));
            }
        }
        duplicates(ctx, "zone du POS", items);
    }
    if let Some(cc) = &repo.common_core {
        duplicates(
            ctx,
            "type de service du tronc commun",
            cc.value
                .types
                .iter()
                .enumerate()
                .map(|(i, t)| (t.id.as_str(), cc.path.as_str(), format!("/types/{i}/id"))),
        );
    }
    if let Some(r) = &repo.regions {
        duplicates(
            ctx,
            "région",
            r.value.regions.iter().enumerate().map(|(i, x)| {
                (
                    x.code.as_str(),
                    r.path.as_str(),
                    format!("/regions/{i}/code"),
                )
            }),
        );
        duplicates(
            ctx,
            "région",
            r.value.regions.iter().enumerate().map(|(i, x)| {
                (
                    x.slug.as_str(),
                    r.path.as_str(),
                    format!("/regions/{i}/slug"),
                )
            }),
        );
    }
    if let Some(n) = &repo.national_services {
        duplicates(
            ctx,
            "service socle national",
            n.value
                .services
                .iter()
                .enumerate()
                .map(|(i, x)| (x.id.as_str(), n.path.as_str(), format!("/services/{i}/id"))),
        );
    }
    if let Some(e) = &repo.editors {
        duplicates(
            ctx,
            "éditeur",
            e.value
                .editors
                .iter()
                .enumerate()
                .map(|(i, x)| (x.id.as_str(), e.path.as_str(), format!("/editors/{i}/id"))),
        );
        for (i, ed) in e.value.editors.iter().enumerate() {
            duplicates(
                ctx,
                "solution",
                ed.solutions.iter().enumerate().map(|(j, s)| {
                    (
                        s.id.as_str(),
                        e.path.as_str(),
                        format!("/editors/{i}/solutions/{j}/id"),
                    )
                }),
            );
        }
    }
}

fn mismatch(ctx: &mut Ctx, path: &str, id: &str, expected: &str) {
    ctx.error_at(
        Code::PathMismatch,
        path,
        "/id",
        format!("l'identifiant « {id} » ne correspond pas au chemin du fichier"),
        format!("renommez le fichier en {expected} ou corrigez l'identifiant"),
    );
}
