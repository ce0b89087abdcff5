//! A fictitious dataset shaped like the ANS 2020 study, generated deterministically from a seed.
//!
//! [`generate`] is pure: from the loaded questionnaires and a seed it returns the text of every
//! file under `answers/`, in path order. The same seed gives the same bytes on every platform
//! (the generator is a [`rng::Rng`] of our own). At scale 1 the data reproduce the study's counts
//! (§4.2, §7) and, by construction, its national figures ([`calibrate::TARGETS`]).

mod answers;
pub mod calibrate;
pub mod campaigns;
mod concern;
mod conformity;
mod editors;
pub mod engine;
mod layout;
pub mod measure;
pub mod rng;
pub mod tables;
mod yaml;

use crate::model::{
    Date, OrgKind, Organisation, PrelimValue, Repository, Status, Subject, SubjectKind,
};
use answers::Style;
use calibrate::{INTEROPERABILITY, Questionnaires, REGIONAL, URBANISATION};
use rayon::prelude::*;
use rng::Rng;
use std::collections::BTreeMap;
use tables::{REGIONS, TYPES};

/// The seed of the committed dataset.
pub const DEFAULT_SEED: u64 = 2020;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Seed of the generator.
    pub seed: u64,
    /// Copies of the 17 regions (1 = the study's size).
    pub scale: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            seed: DEFAULT_SEED,
            scale: 1,
        }
    }
}

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// Path relative to the output root, with `/` separators (`answers/ara/ara-dcc.yaml`).
    pub path: String,
    /// Text.
    pub text: String,
}

/// Generates every file of `answers/` for the questionnaires of `repo`.
pub fn generate(repo: &Repository, opts: &Options) -> anyhow::Result<Vec<File>> {
    let find = |id: &str| {
        repo.questionnaire(id)
            .ok_or_else(|| anyhow::anyhow!("questionnaire « {id} » absent de questionnaires/"))
    };
    let qs = Questionnaires {
        regional: find(REGIONAL)?,
        urbanisation: find(URBANISATION)?,
        interoperability: find(INTEROPERABILITY)?,
        date: repo.reference_date(),
    };
    let definitions: BTreeMap<&str, (&str, &str)> = repo
        .common_core
        .iter()
        .flat_map(|c| c.value.types.iter())
        .map(|t| (t.id.as_str(), (t.zone.as_str(), t.definition.as_str())))
        .collect();
    let copies: Vec<Vec<File>> = (1..=opts.scale.max(1))
        .into_par_iter()
        .map(|copy| {
            let seed = if copy == 1 {
                opts.seed
            } else {
                opts.seed ^ (copy as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
            };
            let suffix = if copy == 1 {
                String::new()
            } else {
                format!("-{copy}")
            };
            let mut files = Vec::new();
            one_copy(&qs, &definitions, opts.seed, seed, &suffix, &mut files);
            files
        })
        .collect();
    let mut files: Vec<File> = copies.into_iter().flatten().collect();
    for (org, products) in editors::editors(&qs, opts.seed) {
        files.push(file(&org.id, "organisation", yaml::organisation(&org)));
        for p in products {
            files.push(file(&org.id, &p.id, yaml::subject(&p)));
        }
    }
    if let Some((org, products)) = conformity::telehealth(repo) {
        files.push(file(&org.id, "organisation", yaml::organisation(&org)));
        for p in products {
            files.push(file(&org.id, &p.id, yaml::subject(&p)));
        }
    }
    if let Some((org, list)) = conformity::assessments(repo) {
        files.push(file(&org.id, "organisation", yaml::organisation(&org)));
        for a in list {
            files.push(File {
                path: format!("answers/{}/evaluations/{}.yaml", org.id, a.id),
                text: yaml::assessment(&a),
            });
        }
    }
    for org in conformity::establishments(repo) {
        files.push(file(&org.id, "organisation", yaml::organisation(&org)));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

fn file(org: &str, name: &str, text: String) -> File {
    File {
        path: format!("answers/{org}/{name}.yaml"),
        text,
    }
}

fn date_in(rng: &mut Rng, month: u8, days: u8) -> Date {
    Date::new(2020, month, 1 + rng.below(usize::from(days)) as u8).expect("valid day")
}

fn one_copy(
    qs: &Questionnaires,
    definitions: &BTreeMap<&str, (&str, &str)>,
    base_seed: u64,
    seed: u64,
    suffix: &str,
    files: &mut Vec<File>,
) {
    let planned = layout::plan(seed);
    let perimeter: Vec<usize> = (0..planned.len())
        .filter(|&i| planned[i].publishable && planned[i].kind.is_some())
        .collect();
    let mut calibrated: BTreeMap<usize, [calibrate::Levels; 2]> = perimeter
        .iter()
        .copied()
        .zip(calibrate::perimeter(&planned, &perimeter, qs, seed))
        .collect();
    let regional = calibrate::regional(qs, seed);
    let mut rng = Rng::derive(seed, "answers");
    for ((row, levels), month) in REGIONS.iter().zip(regional).zip((10..=11).cycle()) {
        let assessed_on = date_in(&mut rng, month, 28);
        let style = Style {
            decommissioning: false,
            assessed_on,
        };
        let org = Organisation {
            id: format!("{}{suffix}", row.org),
            name: format!("ARS et GRADeS {} (fictif)", row.name),
            // A region has one organisation of kind region: copies are structures in it.
            kind: if suffix.is_empty() {
                OrgKind::Region
            } else {
                OrgKind::Structure
            },
            region: Some(row.code.into()),
            editor: None,
            owners: vec![format!("@{}{suffix}-grades", row.org)],
            publishable: true,
            status: Some(Status::Validated),
            assessed_on: Some(assessed_on),
            questionnaires: [(
                REGIONAL.to_string(),
                answers::response(qs.regional, levels, &style, &mut rng),
            )]
            .into(),
        };
        files.push(file(&org.id, "organisation", yaml::organisation(&org)));
    }
    for (i, p) in planned.iter().enumerate() {
        let row = &REGIONS[p.region];
        let org = format!("{}{suffix}", row.org);
        let id = format!("{org}{}", &p.id[row.org.len()..]);
        let assessed_on = if rng.chance(0.5) {
            date_in(&mut rng, 11, 30)
        } else {
            date_in(&mut rng, 12, 10)
        };
        let style = Style {
            decommissioning: p.decommissioning,
            assessed_on,
        };
        let levels = match calibrated.remove(&i) {
            Some(l) => l,
            None => loose_levels(qs, p.draft, &mut rng),
        };
        let mut questionnaires = BTreeMap::new();
        for (q, l) in [qs.urbanisation, qs.interoperability]
            .into_iter()
            .zip(levels)
        {
            questionnaires.insert(q.id.clone(), answers::response(q, l, &style, &mut rng));
        }
        let (zone, description) = match p.kind {
            Some(t) => {
                let (zone, def) = definitions
                    .get(TYPES[t].id)
                    .copied()
                    .unwrap_or(("6", TYPES[t].label));
                (
                    Some(zone.to_string()),
                    format!(
                        "{}, déployé en {}. Données fictives de démonstration.",
                        def.trim_end_matches('.'),
                        row.name
                    ),
                )
            }
            None if p.publishable => (
                Some(p.zone.clone()),
                format!(
                    "Service régional hors tronc commun, déployé en {}. Données fictives de démonstration.",
                    row.name
                ),
            ),
            None => (
                Some(p.zone.clone()),
                format!(
                    "Service non publié (finalité technique ou déploiement à venir), {}. Données fictives.",
                    row.name
                ),
            ),
        };
        let subject = Subject {
            id: id.clone(),
            kind: SubjectKind::Service,
            name: p.name.clone(),
            description: Some(description),
            pos_zone: zone,
            common_core: p.kind.map(|t| TYPES[t].id.to_string()),
            editor: p.solution.map(|s| s.0.to_string()),
            solution: p.solution.map(|s| s.1.to_string()),
            solution_version: p.solution.map(|s| version(base_seed, s.1)),
            product: None,
            national_services: answers::national_services(&questionnaires),
            publishable: p.publishable,
            decommissioning: p.decommissioning,
            archived: false,
            status: if p.draft {
                Status::Draft
            } else {
                Status::Validated
            },
            assessed_on,
            questionnaires,
            completion_paths: Vec::new(),
        };
        files.push(file(&org, &id, yaml::subject(&subject)));
    }
}

fn version(seed: u64, solution: &str) -> String {
    let mut r = Rng::derive(seed, solution);
    format!("{}.{}", 1 + r.below(8), r.below(10))
}

fn loose_levels(qs: &Questionnaires, draft: bool, rng: &mut Rng) -> [calibrate::Levels; 2] {
    let urb: BTreeMap<String, PrelimValue> = [
        (
            "consomme_offre_sante".to_string(),
            PrelimValue::Bool(rng.chance(0.4)),
        ),
        ("instance_ror".to_string(), PrelimValue::Bool(false)),
    ]
    .into();
    let int: BTreeMap<String, PrelimValue> = [(
        "flux_interapplicatifs".to_string(),
        PrelimValue::Bool(rng.chance(0.6)),
    )]
    .into();
    [
        calibrate::loose(qs.urbanisation, qs.date, urb, draft, rng),
        calibrate::loose(qs.interoperability, qs.date, int, draft, rng),
    ]
}
