//! Writes organisations and subjects as YAML text in the layout of `docs/format.md`: schema
//! modeline first, keys in a fixed order, short answers on one line.

use crate::model::{
    Answer, Assessment, OrgKind, Organisation, PrelimValue, ProductKind, Response, Status, Subject,
    SubjectKind,
};
use std::fmt::Write;

/// A double-quoted YAML string.
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn status(s: Status) -> &'static str {
    match s {
        Status::Draft => "draft",
        Status::Validated => "validated",
    }
}

/// The text of `answers/<org>/<id>.yaml`.
pub fn subject(s: &Subject) -> String {
    let mut o = String::from("# yaml-language-server: $schema=../../schemas/subject.schema.json\n");
    let _ = writeln!(o, "id: {}", s.id);
    let kind = match s.kind {
        SubjectKind::Service => "service",
        SubjectKind::Product => "product",
    };
    let _ = writeln!(o, "kind: {kind}");
    let _ = writeln!(o, "name: {}", q(&s.name));
    if let Some(d) = &s.description {
        let _ = writeln!(o, "description: {}", q(d));
    }
    if let Some(z) = &s.pos_zone {
        let _ = writeln!(o, "pos_zone: {}", q(z));
    }
    for (key, v) in [
        ("common_core", &s.common_core),
        ("editor", &s.editor),
        ("solution", &s.solution),
    ] {
        if let Some(v) = v {
            let _ = writeln!(o, "{key}: {v}");
        }
    }
    if let Some(v) = &s.solution_version {
        let _ = writeln!(o, "solution_version: {}", q(v));
    }
    if let Some(p) = &s.product {
        match (p.kind, &p.extends) {
            (ProductKind::Option, Some(base)) => {
                let _ = writeln!(o, "product: {{ kind: option, extends: {base} }}");
            }
            (ProductKind::Option, None) => o.push_str("product: { kind: option }\n"),
            (ProductKind::Socle, _) => o.push_str("product: { kind: socle }\n"),
        }
    }
    if !s.national_services.is_empty() {
        let _ = writeln!(o, "national_services: [{}]", s.national_services.join(", "));
    }
    if !s.completion_paths.is_empty() {
        let _ = writeln!(o, "completion_paths: [{}]", s.completion_paths.join(", "));
    }
    let _ = writeln!(o, "publishable: {}", s.publishable);
    if s.decommissioning {
        o.push_str("decommissioning: true\n");
    }
    if s.archived {
        o.push_str("archived: true\n");
    }
    let _ = writeln!(o, "status: {}", status(s.status));
    let _ = writeln!(o, "assessed_on: {}", s.assessed_on);
    responses(&mut o, &s.questionnaires);
    o
}

/// The text of `answers/<org>/organisation.yaml`.
pub fn organisation(org: &Organisation) -> String {
    let mut o =
        String::from("# yaml-language-server: $schema=../../schemas/organisation.schema.json\n");
    let _ = writeln!(o, "id: {}", org.id);
    let _ = writeln!(o, "name: {}", q(&org.name));
    let kind = match org.kind {
        OrgKind::Region => "region",
        OrgKind::Editor => "editor",
        OrgKind::Structure => "structure",
    };
    let _ = writeln!(o, "kind: {kind}");
    if let Some(r) = &org.region {
        let _ = writeln!(o, "region: {}", q(r));
    }
    if let Some(e) = &org.editor {
        let _ = writeln!(o, "editor: {e}");
    }
    let owners: Vec<String> = org.owners.iter().map(|h| q(h)).collect();
    let _ = writeln!(o, "owners: [{}]", owners.join(", "));
    let _ = writeln!(o, "publishable: {}", org.publishable);
    if let Some(s) = org.status {
        let _ = writeln!(o, "status: {}", status(s));
    }
    if let Some(d) = org.assessed_on {
        let _ = writeln!(o, "assessed_on: {d}");
    }
    if !org.questionnaires.is_empty() {
        responses(&mut o, &org.questionnaires);
    }
    o
}

/// The text of `answers/<assessor>/evaluations/<id>.yaml`.
pub fn assessment(a: &Assessment) -> String {
    let mut o =
        String::from("# yaml-language-server: $schema=../../../schemas/assessment.schema.json\n");
    let _ = writeln!(o, "id: {}", a.id);
    let _ = writeln!(o, "subject: {}", a.subject);
    let _ = writeln!(o, "assessed_on: {}", a.assessed_on);
    responses(&mut o, &a.questionnaires);
    o
}

fn responses(o: &mut String, qs: &std::collections::BTreeMap<String, Response>) {
    o.push_str("questionnaires:\n");
    for (id, r) in qs {
        let _ = writeln!(o, "  {id}:");
        let _ = writeln!(o, "    version: {}", q(&r.version));
        if !r.preliminary.is_empty() {
            let items: Vec<String> = r
                .preliminary
                .iter()
                .map(|(k, v)| match v {
                    PrelimValue::Bool(b) => format!("{k}: {b}"),
                    PrelimValue::Choice(c) => format!("{k}: {}", q(c)),
                })
                .collect();
            let _ = writeln!(o, "    preliminary: {{ {} }}", items.join(", "));
        }
        if r.answers.is_empty() {
            o.push_str("    answers: {}\n");
            continue;
        }
        o.push_str("    answers:\n");
        for (c, a) in &r.answers {
            answer(o, c, a);
        }
    }
}

fn plan(a: &Answer) -> String {
    let items: Vec<String> = a.plan.iter().map(|(q, l)| format!("{q}: {l}")).collect();
    format!("{{ {} }}", items.join(", "))
}

fn answer(o: &mut String, c: &str, a: &Answer) {
    if a.comment.is_none() && a.not_plannable.is_none() && a.evidence.is_empty() {
        if let Some(v) = a.value {
            let _ = writeln!(o, "      {c}: {{ level: {}, value: {v} }}", a.level);
        } else if a.plan.is_empty() {
            let _ = writeln!(o, "      {c}: {{ level: {} }}", a.level);
        } else {
            let _ = writeln!(o, "      {c}: {{ level: {}, plan: {} }}", a.level, plan(a));
        }
        return;
    }
    let _ = writeln!(o, "      {c}:");
    let _ = writeln!(o, "        level: {}", a.level);
    if let Some(t) = &a.comment {
        let _ = writeln!(o, "        comment: {}", q(t));
    }
    if !a.evidence.is_empty() {
        let ev: Vec<String> = a.evidence.iter().map(|e| q(e)).collect();
        let _ = writeln!(o, "        evidence: [{}]", ev.join(", "));
    }
    if !a.plan.is_empty() {
        let _ = writeln!(o, "        plan: {}", plan(a));
    }
    if let Some(t) = &a.not_plannable {
        let _ = writeln!(o, "        not_plannable: {}", q(t));
    }
}
