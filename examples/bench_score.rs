//! Benchmark of the scoring on a synthetic repository built in memory: 20,000 subjects × 30
//! answers (two questionnaires of 15 criteria), with convergence plans.
//!
//! Run with `cargo run --release --example bench_score [SUBJECTS]`; figures are in
//! `docs/method.md`.

use convergence::export;
use convergence::model::*;
use convergence::score::{self, GroupBy, Scores, Settings};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// A small deterministic generator (xorshift64*), so every run scores the same repository.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn questionnaire(id: &str) -> Questionnaire {
    let levels = serde_json::json!({"na": "na", "0": "a", "1": "b", "2": "c", "3": "d"});
    let axes: Vec<_> = (0..5)
        .map(|a| {
            let criteria: Vec<_> = (0..3)
                .map(|c| {
                    serde_json::json!({
                        "id": format!("{id}-{a}.{c}"), "title": "critère", "levels": levels,
                        "weight": 1 + c,
                        "expected": [{"level": 1 + (a + c) % 3, "from": "2020-01-01"}]
                    })
                })
                .collect();
            serde_json::json!({"id": format!("{id}-A{a}"), "title": "axe", "criteria": criteria})
        })
        .collect();
    serde_json::from_value(serde_json::json!({
        "id": id, "title": id, "version": "1", "scope": "service", "scale": "standard",
        "axes": axes
    }))
    .expect("questionnaire")
}

fn build(n: usize) -> Repository {
    let mut rng = Rng(0x5EED);
    let scale: Scale = serde_json::from_value(serde_json::json!({
        "id": "standard", "title": "Standard", "kind": "maturity",
        "levels": (0..=3).map(|v| serde_json::json!({"value": v, "label": "l", "color": "#000000"})).collect::<Vec<_>>(),
        "not_applicable": {"label": "na", "color": "#929292"}
    }))
    .expect("scale");
    let qs = [questionnaire("urba"), questionnaire("interop")];
    let orgs: Vec<Located<Organisation>> = (0..17)
        .map(|i| Located {
            path: format!("answers/org{i:02}/organisation.yaml"),
            value: Organisation {
                id: format!("org{i:02}"),
                name: format!("Organisation {i}"),
                kind: OrgKind::Region,
                region: Some(format!("{}", 10 + i)),
                editor: None,
                owners: vec!["@x".into()],
                publishable: true,
                status: None,
                assessed_on: None,
                questionnaires: BTreeMap::new(),
            },
        })
        .collect();
    let q1: Quarter = "2021-T1".parse().expect("quarter");
    let mut subjects = Vec::with_capacity(n);
    for i in 0..n {
        let org = format!("org{:02}", i % 17);
        let mut questionnaires = BTreeMap::new();
        for q in &qs {
            let mut answers = BTreeMap::new();
            for (_, c) in q.criteria() {
                let level = if rng.below(10) == 0 {
                    LevelValue::NotApplicable
                } else {
                    LevelValue::Level(rng.below(4) as u8)
                };
                let mut plan = BTreeMap::new();
                if let LevelValue::Level(l) = level {
                    let mut quarter = q1;
                    for target in l + 1..=3 {
                        for _ in 0..rng.below(6) {
                            quarter = quarter.next();
                        }
                        plan.insert(quarter, target);
                        quarter = quarter.next();
                    }
                }
                answers.insert(
                    c.id.clone(),
                    Answer {
                        level,
                        comment: None,
                        evidence: Vec::new(),
                        value: None,
                        plan,
                        not_plannable: None,
                    },
                );
            }
            questionnaires.insert(
                q.id.clone(),
                Response {
                    version: "1".into(),
                    preliminary: BTreeMap::new(),
                    answers,
                },
            );
        }
        subjects.push(SubjectFile {
            path: format!("answers/{org}/s{i:05}.yaml"),
            org,
            subject: std::sync::Arc::new(Subject {
                id: format!("s{i:05}"),
                kind: SubjectKind::Service,
                name: format!("Service {i}"),
                description: None,
                pos_zone: Some(format!("{}.{}", 1 + rng.below(8), 1 + rng.below(4))),
                common_core: (rng.below(10) != 0).then(|| format!("type{:02}", rng.below(36))),
                editor: Some(format!("ed{:02}", rng.below(50))),
                solution: Some(format!("sol{}", rng.below(3))),
                solution_version: None,
                product: None,
                national_services: Vec::new(),
                publishable: rng.below(20) != 0,
                decommissioning: rng.below(30) == 0,
                archived: rng.below(50) == 0,
                status: if rng.below(10) == 0 {
                    Status::Draft
                } else {
                    Status::Validated
                },
                assessed_on: Date::new(2020, 12, 1).expect("date"),
                questionnaires,
                completion_paths: Vec::new(),
            }),
        });
    }
    subjects.sort_by(|a, b| a.path.cmp(&b.path));
    Repository {
        config: Some(Located {
            path: "convergence.yaml".into(),
            value: Config {
                title: "bench".into(),
                description: None,
                reference_date: Date::new(2020, 12, 15).expect("date"),
                projection_dates: vec![
                    Date::new(2022, 12, 31).expect("date"),
                    Date::new(2025, 12, 31).expect("date"),
                ],
                demo: true,
                maintainers: BTreeMap::new(),
                assessors: Vec::new(),
                forge: None,
            },
        }),
        scales: vec![Located {
            path: "content/scales/standard.yaml".into(),
            value: scale,
        }],
        questionnaires: qs
            .into_iter()
            .map(|q| Located {
                path: format!("questionnaires/{}.yaml", q.id),
                value: q,
            })
            .collect(),
        organisations: orgs,
        subjects,
        ..Repository::default()
    }
}

/// Best of `runs` timings of `f`.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut out = None;
    for _ in 0..runs {
        let start = Instant::now();
        let v = f();
        best = best.min(start.elapsed());
        out = Some(v);
    }
    (best, out.expect("at least one run"))
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20_000);
    let (t_build, repo) = time(1, || build(n));
    let answers: usize = repo
        .subjects
        .iter()
        .flat_map(|s| s.subject.questionnaires.values())
        .map(|r| r.answers.len())
        .sum();
    println!("{n} subjects, {answers} answers (built in {t_build:.2?})");
    let (t, _) = time(5, || floor(&repo));
    println!("visit every answer (floor)                 {t:>10.2?}");
    let settings = Settings::for_repo(&repo);
    let (t, _) = time(5, || {
        score::aggregate(&repo, &settings, GroupBy::National, None)
    });
    println!("aggregate national, current levels         {t:>10.2?}");
    let (t, _) = time(5, || {
        score::aggregate(&repo, &settings, GroupBy::Region, None)
    });
    println!("aggregate by region, current levels        {t:>10.2?}");
    let date = Date::new(2022, 12, 31).expect("date");
    let (t, _) = time(5, || {
        score::aggregate(&repo, &settings, GroupBy::Zone, Some(date))
    });
    println!("aggregate by zone, projected 2022-12-31    {t:>10.2?}");
    let (t, _) = time(5, || score::distributions(&repo, &settings));
    println!("distributions                              {t:>10.2?}");
    let (t, scores) = time(3, || Scores::compute(&repo, &settings));
    println!(
        "Scores::compute (3 snapshots × 9 groupings, {} subject sheets, {} quarters) {t:>10.2?}",
        scores.subjects.len(),
        scores.trajectory.len()
    );
    let (t, files) = time(3, || export::files(&repo, &scores));
    let bytes: usize = files.iter().map(|(_, s)| s.len()).sum();
    println!(
        "export texts (scores.json, schema, scores.csv, answers.csv: {:.1} MB) {t:>10.2?}",
        bytes as f64 / 1e6
    );
}

/// The floor: visiting every answer once, without scoring.
#[allow(dead_code)]
fn floor(repo: &Repository) -> usize {
    repo.subjects
        .iter()
        .flat_map(|s| s.subject.questionnaires.values())
        .flat_map(|r| r.answers.iter())
        .map(|(k, a)| k.len() + a.level.value().unwrap_or(0) as usize + a.plan.len())
        .sum()
}
