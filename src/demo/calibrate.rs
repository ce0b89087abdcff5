//! Levels of the publication's perimeter, calibrated by construction: which services each axis
//! concerns (exact counts of §6.2), level counts solved per axis, then the free axes fitted so
//! that the questionnaires' national figures match §5 and §6.2.

use super::concern::{CONCERNED, top};
use super::engine::{self, Cell, Sheet};
use super::layout::Planned;
use super::rng::Rng;
use super::tables::{Family, REGIONS};
use crate::model::{Date, LevelValue, PrelimValue, Questionnaire};
use std::collections::BTreeMap;

/// Identifier of the regional questionnaire.
pub const REGIONAL: &str = "urbanisation-regionale";
/// Identifier of the services' urbanisation questionnaire.
pub const URBANISATION: &str = "urbanisation-services";
/// Identifier of the services' interoperability questionnaire.
pub const INTEROPERABILITY: &str = "interoperabilite-services";

/// A published figure: what, subjects concerned, rate (0–1), level.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    /// Questionnaire id.
    pub questionnaire: &'static str,
    /// Axis id, or `None` for the whole questionnaire.
    pub axis: Option<&'static str>,
    /// Subjects concerned.
    pub count: usize,
    /// Rate, 0–1.
    pub rate: f64,
    /// Level, 0–3.
    pub level: f64,
}

const fn axis(q: &'static str, a: &'static str, count: usize, rate: f64, level: f64) -> Target {
    Target {
        questionnaire: q,
        axis: Some(a),
        count,
        rate,
        level,
    }
}

/// The published figures at 2020-12-15 (§5.1, §6.2.1–6.2.3).
pub const TARGETS: [Target; 13] = [
    Target {
        questionnaire: URBANISATION,
        axis: None,
        count: 299,
        rate: 0.788,
        level: 1.69,
    },
    Target {
        questionnaire: INTEROPERABILITY,
        axis: None,
        count: 299,
        rate: 0.834,
        level: 1.96,
    },
    Target {
        questionnaire: REGIONAL,
        axis: None,
        count: 17,
        rate: 0.753,
        level: 1.91,
    },
    axis(URBANISATION, "A05", 292, 0.79, 1.78),
    axis(URBANISATION, "A08.7", 299, 0.87, 1.88),
    axis(URBANISATION, "A11", 112, 0.47, 0.54),
    axis(URBANISATION, "A12", 105, 0.86, 2.23),
    axis(URBANISATION, "A14", 64, 0.98, 2.36),
    axis(INTEROPERABILITY, "A08.2", 182, 0.81, 2.09),
    axis(INTEROPERABILITY, "A08.3", 171, 0.75, 2.02),
    axis(INTEROPERABILITY, "A08.4", 100, 0.88, 1.90),
    axis(INTEROPERABILITY, "A08.5", 205, 0.70, 1.56),
    axis(INTEROPERABILITY, "A10", 246, 0.79, 1.81),
];

/// Preliminary answers and levels (or `na`) of one subject for one questionnaire.
#[derive(Debug, Clone, Default)]
pub struct Levels {
    /// Preliminary answers.
    pub preliminary: BTreeMap<String, PrelimValue>,
    /// Level of every applicable criterion answered.
    pub levels: BTreeMap<String, LevelValue>,
}

/// The three questionnaires and the reference date.
pub struct Questionnaires<'a> {
    /// Urbanisation régionale.
    pub regional: &'a Questionnaire,
    /// Urbanisation des services.
    pub urbanisation: &'a Questionnaire,
    /// Interopérabilité des services.
    pub interoperability: &'a Questionnaire,
    /// Date of the expected levels.
    pub date: Date,
}

/// Weight given to subjects with few answered axes when ranking them for high levels: they
/// count more in a questionnaire's mean, so this lifts the questionnaire figure, not the axes'.
const FEW_AXES_BIAS: f64 = 0.9;

enum Mode {
    Level,
    Na,
}

fn base(criterion: &str) -> [f64; 4] {
    match criterion {
        "A04.1.1" => [0.15, 0.3, 0.35, 0.2],
        "A04.1.2" => [0.1, 0.35, 0.35, 0.2],
        "A04.2.1" => [0.3, 0.35, 0.25, 0.1],
        c if c.starts_with("A04.2") => [0.1, 0.3, 0.4, 0.2],
        c if c.starts_with("A06") => [0.05, 0.5, 0.35, 0.1],
        "A08.1.1" => [0.02, 0.1, 0.6, 0.28],
        "A03.1" => [0.05, 0.25, 0.45, 0.25],
        "A08.6.1" => [0.0, 0.1, 0.4, 0.5],
        c if c.starts_with("A09") => [0.1, 0.35, 0.35, 0.2],
        "A17.1" => [0.3, 0.5, 0.15, 0.05],
        _ => [0.15, 0.3, 0.35, 0.2],
    }
}

fn allowed(c: &crate::model::Criterion) -> Vec<u8> {
    c.levels.keys().filter_map(|l| l.value()).collect()
}

fn draw(rng: &mut Rng, criterion: &str, allowed: &[u8]) -> u8 {
    let p = base(criterion);
    let w: Vec<f64> = allowed
        .iter()
        .map(|&l| p[usize::from(l.min(3))] + 1e-3)
        .collect();
    allowed[rng.weighted(&w)]
}

/// Builds a sheet: cells for criteria answered with a level, and the criteria answered `na`.
fn sheet(
    q: &Questionnaire,
    date: Date,
    prelim: &BTreeMap<String, PrelimValue>,
    mode: &mut dyn FnMut(&str, &str) -> Mode,
    targeted: &[&str],
    rng: &mut Rng,
) -> (Sheet, Vec<String>) {
    let mut s = Sheet::default();
    let mut na = Vec::new();
    for (a, c) in q.criteria() {
        if !c.applies(prelim) {
            continue;
        }
        if let (Mode::Na, true) = (mode(&a.id, &c.id), c.allows_na()) {
            na.push(c.id.clone());
            continue;
        }
        let allowed = allowed(c);
        let level = draw(rng, &c.id, &allowed);
        s.axis(&a.id).push(Cell {
            criterion: c.id.clone(),
            expected: c.expected_at(date),
            level,
            allowed,
            free: !targeted.contains(&a.id.as_str()),
        });
    }
    (s, na)
}

fn into_levels(prelim: BTreeMap<String, PrelimValue>, s: &Sheet, na: Vec<String>) -> Levels {
    let mut levels: BTreeMap<String, LevelValue> = na
        .into_iter()
        .map(|c| (c, LevelValue::NotApplicable))
        .collect();
    for (_, cells) in &s.axes {
        for c in cells {
            levels.insert(c.criterion.clone(), LevelValue::Level(c.level));
        }
    }
    Levels {
        preliminary: prelim,
        levels,
    }
}

/// Gives the targeted axes their solved level counts, higher levels to better-ranked subjects.
fn assign(sheets: &mut [Sheet], regions: &[usize], maturity: &[f64], q: &str, rng: &mut Rng) {
    for t in TARGETS
        .iter()
        .filter(|t| t.questionnaire == q && t.axis.is_some())
    {
        let axis = t.axis.expect("filtered");
        let mut who: Vec<(f64, usize)> = Vec::new();
        for (i, s) in sheets.iter().enumerate() {
            if s.axes.iter().any(|(a, c)| a == axis && !c.is_empty()) {
                let n_axes = s.axes.iter().filter(|(_, c)| !c.is_empty()).count() as f64;
                let merit = maturity[regions[i]] + 0.6 * rng.unit() + FEW_AXES_BIAS / n_axes;
                who.push((merit, i));
            }
        }
        who.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let first = &sheets[who[0].1]
            .axes
            .iter()
            .find(|(a, _)| a == axis)
            .expect("has axis")
            .1;
        let allowed = first[0].allowed.clone();
        let points: Vec<(f64, f64)> = (0..4u8)
            .map(|k| {
                let r = first
                    .iter()
                    .map(|c| engine::rate(k, c.expected))
                    .sum::<f64>();
                (r / first.len() as f64, f64::from(k))
            })
            .collect();
        let counts = engine::solve_counts(who.len(), &allowed, &points, t.rate, t.level);
        let mut levels: Vec<u8> = Vec::new();
        for k in (0..4u8).rev() {
            levels.extend(std::iter::repeat_n(k, counts[usize::from(k)]));
        }
        for (&(_, i), &k) in who.iter().zip(&levels) {
            for (a, cells) in &mut sheets[i].axes {
                if a == axis {
                    for c in cells.iter_mut() {
                        c.level = k;
                    }
                }
            }
        }
    }
}

fn target(q: &str) -> Target {
    *TARGETS
        .iter()
        .find(|t| t.questionnaire == q && t.axis.is_none())
        .expect("listed")
}

/// Levels of the publishable common-core services (`subjects`, 299 of them): urbanisation
/// then interoperability, calibrated on [`TARGETS`].
pub fn perimeter(
    planned: &[Planned],
    subjects: &[usize],
    qs: &Questionnaires,
    seed: u64,
) -> Vec<[Levels; 2]> {
    let mut rng = Rng::derive(seed, "perimeter");
    let maturity: Vec<f64> = (0..REGIONS.len()).map(|_| rng.unit()).collect();
    let fam = |s: usize| planned[s].family;
    let pick = |key: &str, k: usize, within: Option<&Vec<bool>>, rng: &mut Rng| -> Vec<bool> {
        let items: Vec<usize> = (0..subjects.len())
            .filter(|&i| within.is_none_or(|w| w[i]))
            .collect();
        let chosen = top(
            &items.iter().map(|&i| subjects[i]).collect::<Vec<_>>(),
            k,
            key,
            &fam,
            rng,
        );
        let mut out = vec![false; subjects.len()];
        for (j, &i) in items.iter().enumerate() {
            out[i] = chosen[j];
        }
        out
    };
    let mut flags: BTreeMap<&str, Vec<bool>> = BTreeMap::new();
    for (key, k) in CONCERNED {
        let within = if key.starts_with("A08") {
            flags.get("flux").cloned()
        } else {
            None
        };
        flags.insert(key, pick(key, k, within.as_ref(), &mut rng));
    }
    let flux = flags["flux"].clone();
    flags.insert("A08.4", pick("A08.4", 100, Some(&flux), &mut rng));
    let regions: Vec<usize> = subjects.iter().map(|&s| planned[s].region).collect();
    let mut urb = Vec::new();
    let mut int = Vec::new();
    for (i, &s) in subjects.iter().enumerate() {
        let ror = planned[s].family == Family::Ror;
        let on = |k: &str| flags[k][i];
        let prelim: BTreeMap<String, PrelimValue> = [
            (
                "consomme_offre_sante".to_string(),
                PrelimValue::Bool(on("ods") && !ror),
            ),
            ("instance_ror".to_string(), PrelimValue::Bool(ror)),
        ]
        .into();
        let opt_na = rng.chance(0.4);
        let targeted = ["A05", "A08.7", "A11", "A12", "A14"];
        let mut mode = |a: &str, c: &str| match a {
            "A04.1" | "A05" | "A06" | "A11" | "A12" | "A14" if !on(a) => Mode::Na,
            "A08.7" if c == "A08.7.2" && opt_na => Mode::Na,
            _ => Mode::Level,
        };
        let (sh, na) = sheet(
            qs.urbanisation,
            qs.date,
            &prelim,
            &mut mode,
            &targeted,
            &mut rng,
        );
        urb.push((prelim, sh, na));
        let prelim: BTreeMap<String, PrelimValue> = [(
            "flux_interapplicatifs".to_string(),
            PrelimValue::Bool(on("flux")),
        )]
        .into();
        let one_na = rng.below(6);
        let targeted = ["A08.2", "A08.3", "A08.4", "A08.5", "A10"];
        let mut mode = |a: &str, c: &str| match a {
            "A08.2" | "A08.3" | "A08.4" | "A10" if !on(a) => Mode::Na,
            "A08.4" if (c == "A08.4.1" && one_na == 0) || (c == "A08.4.2" && one_na == 1) => {
                Mode::Na
            }
            _ => Mode::Level,
        };
        let (sh, na) = sheet(
            qs.interoperability,
            qs.date,
            &prelim,
            &mut mode,
            &targeted,
            &mut rng,
        );
        int.push((prelim, sh, na));
    }
    let mut out: Vec<[Levels; 2]> = Vec::new();
    let mut sheets: Vec<Sheet> = urb.iter().map(|u| u.1.clone()).collect();
    assign(&mut sheets, &regions, &maturity, URBANISATION, &mut rng);
    let t = target(URBANISATION);
    engine::fit(&mut sheets, t.rate, t.level, &mut rng);
    let mut sheets2: Vec<Sheet> = int.iter().map(|u| u.1.clone()).collect();
    assign(
        &mut sheets2,
        &regions,
        &maturity,
        INTEROPERABILITY,
        &mut rng,
    );
    let t = target(INTEROPERABILITY);
    engine::fit(&mut sheets2, t.rate, t.level, &mut rng);
    for (((p1, _, na1), (p2, _, na2)), (s1, s2)) in
        urb.into_iter().zip(int).zip(sheets.iter().zip(&sheets2))
    {
        out.push([into_levels(p1, s1, na1), into_levels(p2, s2, na2)]);
    }
    out
}

/// Levels of the 17 regions for the regional questionnaire, fitted on its national figure.
pub fn regional(qs: &Questionnaires, seed: u64) -> Vec<Levels> {
    let mut rng = Rng::derive(seed, "regional");
    let mut all = Vec::new();
    for _ in &REGIONS {
        let hdh_na = rng.chance(0.2);
        let mut mode = |_: &str, c: &str| {
            if c == "A17.1" && hdh_na {
                Mode::Na
            } else {
                Mode::Level
            }
        };
        all.push(sheet(
            qs.regional,
            qs.date,
            &BTreeMap::new(),
            &mut mode,
            &[],
            &mut rng,
        ));
    }
    let mut sheets: Vec<Sheet> = all.iter().map(|a| a.0.clone()).collect();
    let t = target(REGIONAL);
    engine::fit(&mut sheets, t.rate, t.level, &mut rng);
    all.into_iter()
        .zip(&sheets)
        .map(|((_, na), s)| into_levels(BTreeMap::new(), s, na))
        .collect()
}

/// Plausible uncalibrated levels for a subject outside the perimeter; a draft leaves some out.
pub fn loose(
    q: &Questionnaire,
    date: Date,
    prelim: BTreeMap<String, PrelimValue>,
    draft: bool,
    rng: &mut Rng,
) -> Levels {
    let mut mode = |_: &str, _: &str| Mode::Level;
    let mut r2 = Rng::new(rng.next_u64());
    let (s, _) = sheet(q, date, &prelim, &mut mode, &[], &mut r2);
    let mut levels = into_levels(prelim, &s, Vec::new());
    for (id, l) in levels.levels.iter_mut() {
        let c = q.criterion(id).expect("from the questionnaire");
        if c.allows_na() && rng.chance(0.2) {
            *l = LevelValue::NotApplicable;
        }
    }
    if draft {
        levels.levels.retain(|_, _| rng.chance(0.6));
    }
    levels
}
