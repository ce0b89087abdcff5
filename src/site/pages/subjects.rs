//! Service and product sheets: identity, rosace, answers in their level colours with comments,
//! evidence and the convergence plan as a timeline.

use super::answers::{Badges, Criteria};
use super::html::{self, text};
use crate::charts::Chart;
use crate::model::{ProductKind, Questionnaire, Status, SubjectKind};
use crate::site::index::{Index, Respondent};
use crate::site::markdown;
use crate::site::urls;
use crate::site::views::*;
use anyhow::Result;
use minijinja::Value;
use serde::Serialize;
use std::sync::Arc;

/// `subject.html`: a service or product sheet.
#[derive(Serialize)]
struct SheetView {
    /// Description (HTML, already safe).
    description: Option<String>,
    /// Identity rows, written by [`write_identity`] (HTML, safe).
    identity: String,
    /// Notices: archived, to be decommissioned, draft.
    flags: Vec<&'static str>,
    /// One section per questionnaire answered, written by [`write_block`] (HTML, safe).
    blocks: String,
}

/// A row of a sheet's identity: a label, and a link or a plain value.
struct IdentityRow {
    label: String,
    link: Option<Link>,
    value: String,
}

/// Writes the rows of a sheet's identity (the `<div>`s of its `<dl>`) on a page whose root is
/// `root`.
fn write_identity(out: &mut String, root: &str, rows: &[IdentityRow]) {
    for row in rows {
        out.push_str("<div><dt>");
        text(out, &row.label);
        out.push_str("</dt><dd>");
        match &row.link {
            Some(link) => {
                html::link(out, root, &link.url, &link.label);
            }
            None => text(out, &row.value),
        }
        out.push_str("</dd></div>");
    }
}

/// Writes a questionnaire's section of a sheet whose root is `root`: its figures, its rosace
/// with the data table, then the answers table (the markup `subject.html` wrote per block).
fn write_block(out: &mut String, root: &str, q: &Questionnaire, facts: &[Fact], chart: &Chart) {
    out.push_str("<section class=\"section\">\n  <h2>");
    text(out, &q.title);
    out.push_str("</h2>\n  <p>");
    html::link(
        out,
        root,
        &urls::questionnaire(&q.id),
        "Voir le questionnaire",
    );
    out.push_str("</p>\n  <dl class=\"facts\">\n");
    for f in facts {
        out.push_str("<div class=\"fact\"><dt>");
        text(out, &f.label);
        out.push_str("</dt><dd>");
        text(out, &f.value);
        out.push_str("</dd></div>");
    }
    out.push_str("</dl>\n  <div class=\"charts\"><figure class=\"chart-figure\">\n    <figcaption class=\"chart-title\">");
    text(out, &chart.table.caption);
    if let Some(note) = &chart.note {
        out.push_str("<span class=\"chart-note\">");
        text(out, note);
        out.push_str("</span>");
    }
    out.push_str("</figcaption>\n    ");
    out.push_str(&chart.svg);
    out.push_str(&chart.legend);
    out.push_str("\n    <details class=\"chart-data\">\n      <summary>Données du graphique</summary>\n      ");
    html::table(out, &chart.table, "        ");
    out.push_str("\n    </details>\n  </figure></div>\n");
}

/// A card for a respondent, with its rate on the first questionnaire it answered.
pub fn card(ix: &Index, r: &Respondent) -> Card {
    let s = r.subject.map(|s| &s.subject);
    let mut meta = Vec::new();
    if let Some(s) = s {
        meta.push(match s.kind {
            SubjectKind::Service => "Service".to_string(),
            SubjectKind::Product => "Produit".to_string(),
        });
        if let Some(z) = &s.pos_zone {
            meta.push(match zone_title(ix.repo, z) {
                Some(title) => format!("{title} (zone {z})"),
                None => format!("Zone {z}"),
            });
        }
        if s.archived {
            meta.push("Archivé".into());
        }
        if s.decommissioning {
            meta.push("Décommissionnement prévu".into());
        }
    }
    let rate = ix
        .scored(r)
        .find_map(|q| Some(card_rate(q, ix.score(r, &q.id, 0)?.rate)));
    Card {
        title: r.name.to_string(),
        url: urls::subject(r.id),
        desc: s.and_then(|s| s.description.clone()),
        meta,
        rate,
        anchor: None,
    }
}

fn identity(ix: &Index, r: &Respondent) -> Vec<IdentityRow> {
    let s = &r.subject.expect("subject").subject;
    let mut rows = Vec::new();
    let mut push = |label: &str, link: Option<Link>, value: String| {
        rows.push(IdentityRow {
            label: label.to_string(),
            link,
            value,
        })
    };
    push(
        "Type",
        None,
        match s.kind {
            SubjectKind::Service => "Service".into(),
            SubjectKind::Product => "Produit".into(),
        },
    );
    if let Some(o) = r.org {
        push(
            "Organisation",
            Some(Link::new(o.name.clone(), urls::organisation(&o.id))),
            String::new(),
        );
    }
    if let Some(reg) = r.region.and_then(|c| ix.repo.region(c)) {
        push(
            "Région",
            Some(Link::new(reg.name.clone(), urls::region(&reg.slug))),
            String::new(),
        );
    }
    if let Some(z) = &s.pos_zone {
        let title = zone_title(ix.repo, z);
        let link = crate::score::domain_of(ix.repo, z).map(|d| {
            Link::new(
                format!("{z} {}", title.unwrap_or_default()),
                urls::pos_place(&d.id, z),
            )
        });
        push("Zone du POS", link, z.clone());
    }
    if let Some(cc) = &s.common_core {
        let t = ix
            .repo
            .common_core
            .as_ref()
            .and_then(|c| c.value.types.iter().find(|t| &t.id == cc))
            .map(|t| t.title.clone());
        push(
            "Type de service (tronc commun)",
            None,
            t.unwrap_or_else(|| cc.clone()),
        );
    }
    if let Some(e) = &s.editor {
        let ed = ix
            .repo
            .editors
            .as_ref()
            .and_then(|x| x.value.editors.iter().find(|x| &x.id == e));
        let link = ed.map(|ed| Link::new(ed.name.clone(), urls::editor(&ed.id)));
        push("Éditeur", link, e.clone());
        if let Some(sol) = &s.solution {
            let known = ed.and_then(|ed| Some((ed, ed.solutions.iter().find(|x| &x.id == sol)?)));
            let mut v = known.map_or_else(|| sol.clone(), |(_, x)| x.name.clone());
            if let Some(ver) = &s.solution_version {
                v = format!("{v} (version {ver})");
            }
            let link = known.map(|(ed, x)| Link::new(v.clone(), urls::solution(&ed.id, &x.id)));
            push("Solution", link, v);
        }
    }
    if let Some(p) = &s.product {
        let kind = match p.kind {
            ProductKind::Socle => "Socle".to_string(),
            ProductKind::Option => "Option".to_string(),
        };
        let link = p
            .extends
            .as_ref()
            .and_then(|id| ix.subject(id))
            .map(|x| Link::new(x.name.to_string(), urls::subject(x.id)));
        push("Produit", link, kind);
    }
    if !s.national_services.is_empty() {
        let known = ix
            .repo
            .national_services
            .as_ref()
            .map_or(&[][..], |n| &n.value.services[..]);
        let names: Vec<&str> = s
            .national_services
            .iter()
            .map(|id| {
                known
                    .iter()
                    .find(|n| &n.id == id)
                    .map_or(id.as_str(), |n| n.name.as_str())
            })
            .collect();
        push("Services socles nationaux", None, names.join(", "));
    }
    push(
        "Statut",
        None,
        match s.status {
            Status::Validated => "Validé".into(),
            Status::Draft => "Brouillon".into(),
        },
    );
    push("Évalué le", None, fr_date(s.assessed_on));
    rows
}

/// The values of a sheet: identity, and per questionnaire its figures, rosace and answers.
fn sheet(ix: &Index, criteria: &Criteria, r: &Respondent) -> minijinja::Value {
    let s = &r.subject.expect("subject").subject;
    let root = &urls::root_of(&urls::subject(&s.id));
    let mut blocks = String::with_capacity(16 * 1024);
    for (qid, resp) in &s.questionnaires {
        let Some(q) = ix.repo.questionnaire(qid) else {
            continue;
        };
        let scale = ix.scale_of(q);
        let max = scale.map_or(3, |x| x.max_level());
        let badges = Badges::new(scale, max);
        let figs: Vec<_> = ix
            .respondent_figures(r, q)
            .into_iter()
            .map(Option::unwrap_or_default)
            .collect();
        let mut fs = Vec::new();
        for (f, l) in figs.iter().zip(&ix.moment_labels) {
            fs.push(Fact {
                label: format!("Taux — {l}"),
                value: crate::charts::pct(f.rate),
            });
        }
        if let Some(f) = figs.first() {
            fs.push(Fact {
                label: "Niveau moyen".into(),
                value: crate::charts::level(f.level, max),
            });
        }
        let chart = Chart {
            note: None,
            ..rosace(
                ix,
                &format!("rosace-{}", urls::slug(qid)),
                &rosace_title(ix, q, &format!(" de « {} »", s.name)),
                q,
                &figs,
            )
        };
        write_block(&mut blocks, root, q, &fs, &chart);
        criteria.write_table(&mut blocks, root, &q.title, q, &resp.answers, &badges);
        blocks.push_str("</section>\n");
    }
    let mut flags = Vec::new();
    if s.archived {
        flags.push("Archivé : exclu des moyennes");
    }
    if s.decommissioning {
        flags.push("Décommissionnement prévu : exclu des projections");
    }
    if s.status == Status::Draft {
        flags.push("Brouillon : réponses non validées");
    }
    Value::from_serialize(&SheetView {
        description: s.description.as_deref().map(markdown::render_inline),
        identity: {
            let mut html = String::with_capacity(2048);
            write_identity(&mut html, root, &identity(ix, r));
            html
        },
        flags,
        blocks,
    })
}

/// Adds one page per subject; each sheet's values are computed when it is rendered.
pub fn add<'a>(ix: &'a Index<'a>, jobs: &mut Vec<PageJob<'a>>) -> Result<()> {
    let criteria = Arc::new(Criteria::new(
        ix.repo.questionnaires_in_force(),
        ix.settings.reference_date,
    ));
    for r in ix.respondents.iter() {
        let Some(subject) = r.subject else {
            continue;
        };
        let s = &subject.subject;
        jobs.push(PageJob {
            path: urls::subject(&s.id),
            template: "subject.html",
            title: s.name.clone(),
            crumbs: vec![Link::new("Services et produits", "services/index.html")],
            data: Data::Later({
                let criteria = Arc::clone(&criteria);
                Box::new(move || sheet(ix, &criteria, r))
            }),
        });
    }
    jobs.push(PageJob {
        path: "services/index.html".into(),
        template: "services.html",
        title: "Services et produits".into(),
        crumbs: vec![],
        data: Data::later(move || super::service_filters::view(ix)),
    });
    Ok(())
}
