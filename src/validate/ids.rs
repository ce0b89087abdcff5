//! Identifiers: unique where they must be, file paths that match the ids inside, organisation
//! and subject ids of one strict form (they become folder names, `CODEOWNERS` patterns and
//! portal file names), and no two ids writing the same portal file.

use super::Ctx;
use crate::diagnostics::{Code, Diagnostic};
use crate::site::urls;
use std::collections::HashMap;

/// Names an organisation or subject id may not take: portal index pages and the organisation
/// file itself.
pub const RESERVED: &[&str] = &["index", "organisation"];

/// Longest organisation or subject id accepted.
pub const MAX_ID_LEN: usize = 64;

/// Why `id` may not name an organisation or a subject (in French), or `None` when it may: one
/// or more words of lowercase ASCII letters and digits joined by single hyphens, at most
/// [`MAX_ID_LEN`] characters, not a [`RESERVED`] name.
pub fn id_problem(id: &str) -> Option<&'static str> {
    let word = |w: &str| {
        !w.is_empty()
            && w.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    };
    if id.is_empty() {
        Some("l'identifiant est vide")
    } else if id.len() > MAX_ID_LEN {
        Some("l'identifiant dépasse 64 caractères")
    } else if !id.split('-').all(word) {
        Some(
            "seuls les lettres minuscules sans accent, les chiffres et des traits d'union simples entre eux sont permis (ni espace, ni « / », « * », « . »)",
        )
    } else if RESERVED.contains(&id) {
        Some("ce nom est réservé par le portail")
    } else {
        None
    }
}

/// Whether a key of `maintainers` can be written as a literal `CODEOWNERS` path: `*`, or one
/// top-level file or folder name made of ASCII letters, digits, `.`, `_` and `-` (not `.` or
/// `..`), so that no data can write a wildcard pattern.
pub fn valid_top_level(name: &str) -> bool {
    name == "*"
        || (!name.is_empty()
            && name != "."
            && name != ".."
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-')))
}

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

/// A file's name without its `.yaml` or `.yml` extension.
pub(super) fn stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))
        .unwrap_or(name)
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

    strict_ids(ctx);
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

/// Organisation and subject ids of the strict form (CV404), `maintainers` keys that are
/// literal names (CV404), and no two of them writing the same portal page (CV405).
fn strict_ids(ctx: &mut Ctx) {
    let repo = ctx.repo;
    let orgs = repo
        .organisations
        .iter()
        .map(|o| (o.value.id.as_str(), o.path.as_str()));
    let subjects = repo
        .subjects
        .iter()
        .map(|s| (s.subject.id.as_str(), s.path.as_str()));
    for (what, id, path) in orgs.clone().map(|(i, p)| ("d'organisation", i, p)).chain(
        subjects
            .clone()
            .map(|(i, p)| ("de service ou produit", i, p)),
    ) {
        if let Some(why) = id_problem(id) {
            ctx.error_at(
                Code::InvalidId,
                path,
                "/id",
                format!("identifiant {what} « {id} » invalide : {why}"),
                "écrivez par exemple « ara-dcc-2 » (et renommez le fichier ou le dossier)".into(),
            );
        }
    }
    if let Some(config) = &repo.config {
        for key in config.value.maintainers.keys() {
            if !valid_top_level(key) {
                let pointer = format!("/maintainers/{}", super::seg(key));
                ctx.error_key(
                    Code::InvalidId,
                    &config.path,
                    &pointer,
                    format!("« {key} » n'est pas un nom de dossier ou de fichier de premier niveau"),
                    "écrivez « * » ou un nom tel que « questionnaires » (lettres, chiffres, « . », « _ », « - »)".into(),
                );
            }
        }
    }
    collisions(ctx, orgs.map(|(i, p)| (urls::organisation(i), i, p)));
    collisions(ctx, subjects.map(|(i, p)| (urls::subject(i), i, p)));
}

/// One CV405 error per file whose portal page (compared without case, as on a case-insensitive
/// disk) is already written for another file; exact duplicates of an id are CV201's.
fn collisions<'a>(ctx: &mut Ctx, pages: impl Iterator<Item = (String, &'a str, &'a str)>) {
    let mut seen: HashMap<String, (&str, &str)> = HashMap::new();
    for (page, id, path) in pages {
        let key = page.to_lowercase();
        match seen.get(key.as_str()) {
            Some((first_id, first)) if *first_id != id => {
                let d = Diagnostic::error(
                    Code::OutputCollision,
                    path,
                    format!("{path} et {first} donnent la même page du portail, {page}"),
                )
                .at(ctx.value(path, "/id"))
                .hint("choisissez un identifiant de la forme « ara-dcc-2 », distinct de l'autre");
                ctx.push(d);
            }
            Some(_) => {}
            None => {
                seen.insert(key, (id, path));
            }
        }
    }
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

/// CV202 on `path`'s `id`, which `expected` (a path) would match.
pub(super) fn mismatch(ctx: &mut Ctx, path: &str, id: &str, expected: &str) {
    ctx.error_at(
        Code::PathMismatch,
        path,
        "/id",
        format!("l'identifiant « {id} » ne correspond pas au chemin du fichier"),
        format!("renommez le fichier en {expected} ou corrigez l'identifiant"),
    );
}
