//! `convergence demo`: the committed `answers/` is its output with the default seed, it has the
//! study's counts and national figures, and the repository validates.

use crate::harness::RepoTest;
use convergence::demo::{calibrate, measure, tables};
use convergence::model::{Repository, Status, SubjectKind};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `dir`, by path relative to it, with its bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// A temporary copy of the real repository's data (no code), to run the binary on.
pub fn real_repo(with_answers: bool) -> RepoTest {
    let t = RepoTest::fixture("base");
    for entry in std::fs::read_dir(t.path()).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            std::fs::remove_dir_all(p).unwrap();
        } else {
            std::fs::remove_file(p).unwrap();
        }
    }
    let mut dirs = vec!["content", "questionnaires", "schemas"];
    if with_answers {
        dirs.push("answers");
    }
    for d in dirs {
        for (rel, bytes) in tree(&root().join(d)) {
            t.write(&format!("{d}/{rel}"), bytes);
        }
    }
    t.write(
        "convergence.yaml",
        std::fs::read(root().join("convergence.yaml")).unwrap(),
    );
    t
}

fn repo() -> Repository {
    convergence::load::load(&root()).repo
}

// The committed dataset is exactly what `demo` writes with the default seed.
#[test]
fn regenerates_the_committed_answers_byte_for_byte() {
    let t = real_repo(false);
    let out = t.run(&["demo"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let generated = tree(&t.path().join("answers"));
    let committed = tree(&root().join("answers"));
    let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&generated), names(&committed));
    for (path, bytes) in &committed {
        assert!(
            generated[path] == *bytes,
            "{path} differs from its regenerated version"
        );
    }
}

// Refuses to overwrite a non-empty answers/ folder unless told to.
#[test]
fn refuses_to_replace_answers_without_force() {
    let t = real_repo(true);
    let out = t.run(&["demo"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--force"), "{}", out.stderr);
}

// 365 services, 33 hidden, 332 publishable, 299 in the common core, 9 decommissioned (290).
#[test]
fn has_the_study_counts() {
    let repo = repo();
    let services: Vec<_> = repo
        .subjects
        .iter()
        .filter(|s| s.subject.kind == SubjectKind::Service)
        .collect();
    let publishable: Vec<_> = services.iter().filter(|s| s.subject.publishable).collect();
    let core: Vec<_> = publishable
        .iter()
        .filter(|s| s.subject.common_core.is_some())
        .collect();
    assert_eq!(services.len(), 365);
    assert_eq!(services.len() - publishable.len(), 33);
    assert_eq!(publishable.len(), 332);
    assert_eq!(core.len(), 299);
    assert!(
        core.iter()
            .all(|s| s.subject.status == Status::Validated && !s.subject.archived)
    );
    let projected = core.iter().filter(|s| !s.subject.decommissioning).count();
    assert_eq!(projected, 290);
    for row in &tables::REGIONS {
        let publishable_here = publishable.iter().filter(|s| s.org == row.org).count();
        assert_eq!(publishable_here, row.publishable, "{}", row.org);
        assert_eq!(
            core.iter().filter(|s| s.org == row.org).count(),
            row.common_core,
            "{}",
            row.org
        );
        let org = repo.organisation(row.org).unwrap();
        assert_eq!(org.region.as_deref(), Some(row.code));
        assert!(org.questionnaires.contains_key("urbanisation-regionale"));
    }
    let drafts = services
        .iter()
        .filter(|s| s.subject.status == Status::Draft)
        .count();
    assert!(drafts > 0 && drafts < 10);
}

// Editors' solutions are deployed as in §6.3 (regions, services), e.g. Maincare IdeoPHM/IdeoCM.
#[test]
fn deploys_editors_solutions_as_in_the_study() {
    let repo = repo();
    for dep in &tables::DEPLOYMENTS {
        let using: Vec<_> = repo
            .subjects
            .iter()
            .filter(|s| s.subject.kind == SubjectKind::Service && s.subject.publishable)
            .filter(|s| s.subject.editor.as_deref() == Some(dep.editor))
            .filter(|s| {
                dep.solutions
                    .contains(&s.subject.solution.as_deref().unwrap_or(""))
            })
            .collect();
        let regions: std::collections::BTreeSet<_> = using.iter().map(|s| &s.org).collect();
        let name = dep.solutions.join("/");
        assert_eq!(using.len(), dep.services, "{name}");
        assert_eq!(regions.len(), dep.regions, "{name}");
    }
}

/// `(questionnaire, axis or "all", concerned, rate, level)` as `convergence score` and
/// `convergence export` report them on the default perimeter.
fn figures(t: &RepoTest) -> Vec<(String, String, u64, f64, f64)> {
    let mut rows = Vec::new();
    let mut push = |q: &serde_json::Value| {
        // A questionnaire nobody answers yet (a conformity one) has no figures.
        if q["rate"].is_null() {
            return;
        }
        let id = q["questionnaire"].as_str().unwrap().to_string();
        let f = |v: &serde_json::Value, axis: &str| {
            let (c, r, l) = (
                v["concerned"].as_u64().unwrap(),
                v["rate"].as_f64().unwrap(),
                v["level"].as_f64().unwrap(),
            );
            (id.clone(), axis.to_string(), c, r, l)
        };
        rows.push(f(q, "all"));
        for a in q["axes"].as_array().unwrap() {
            rows.push(f(a, a["axis"].as_str().unwrap()));
        }
    };
    let out = t.run(&["score", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    for q in v["groups"][0]["questionnaires"].as_array().unwrap() {
        push(q);
    }
    let dir = t.path().join("export");
    let out = t.run(&["export", "--out", dir.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("scores.json")).unwrap()).unwrap();
    let national = v["organisations"]["national"].as_array().unwrap();
    let now = national.iter().find(|s| s["projected"] == false).unwrap();
    for q in now["questionnaires"].as_array().unwrap() {
        push(q);
    }
    rows
}

/// Checks every published figure against what the score command reports.
fn assert_calibrated(t: &RepoTest) {
    let rows = figures(t);
    for target in &calibrate::TARGETS {
        let axis = target.axis.unwrap_or("all");
        let (_, _, count, rate, level) = rows
            .iter()
            .find(|r| r.0 == target.questionnaire && r.1 == axis)
            .unwrap_or_else(|| panic!("{} {axis} missing", target.questionnaire));
        let what = format!(
            "{} {axis}: {count} / {rate:.4} / {level:.3}",
            target.questionnaire
        );
        assert_eq!(*count as usize, target.count, "{what}");
        assert!((rate - target.rate).abs() <= 0.01, "{what}");
        assert!((level - target.level).abs() <= 0.03, "{what}");
    }
}

// The national figures match the publication (±1 point of rate, ±0.03 of level, same counts),
// as `convergence score` computes them.
#[test]
fn national_figures_match_the_publication() {
    assert_calibrated(&real_repo(true));
    let rows = measure::calibration(&repo());
    assert_eq!(rows.len(), 13);
    assert!(
        rows.iter().all(measure::Calibration::holds),
        "{}",
        measure::table(&rows)
    );
}

// Calibration holds by construction, whatever the seed.
#[test]
fn calibration_holds_for_another_seed() {
    let t = real_repo(false);
    let out = t.run(&["demo", "--seed", "7"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_calibrated(&t);
}

// The real referential: 5/7, 8/16, 6/8 axes/criteria; 36 common-core types; 17 regions.
#[test]
fn counts_the_real_referential() {
    let repo = repo();
    // (axes, criteria, level texts including « non applicable »)
    let shape = |id: &str| {
        let q = repo.questionnaire(id).unwrap();
        let levels: usize = q.criteria().map(|(_, c)| c.levels.len()).sum();
        (q.axes.len(), q.criteria().count(), levels)
    };
    assert_eq!(shape("urbanisation-regionale"), (5, 7, 29));
    assert_eq!(shape("urbanisation-services"), (8, 16, 73));
    assert_eq!(shape("interoperabilite-services"), (6, 8, 38));
    assert_eq!(repo.common_core.as_ref().unwrap().value.types.len(), 36);
    assert_eq!(repo.regions.as_ref().unwrap().value.regions.len(), 17);
}

// The repository validates: no error, warnings only on the intentional drafts.
#[test]
fn repository_validates() {
    let t = real_repo(true);
    let out = t.run(&["validate", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    let list: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let repo = repo();
    for d in list.as_array().unwrap() {
        assert_eq!(d["code"], "CV304", "{d}");
        let path = d["path"].as_str().unwrap();
        let draft = repo
            .subjects
            .iter()
            .any(|s| s.path == path && s.subject.status == Status::Draft);
        assert!(draft, "warning on a non-draft: {d}");
    }
}

// CODEOWNERS lists the demo organisations' owners (regenerate it after `demo`).
#[test]
fn codeowners_lists_the_demo_organisations() {
    let out = real_repo(true).run(&["codeowners"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let committed = std::fs::read_to_string(root().join("CODEOWNERS")).unwrap();
    assert_eq!(
        out.stdout, committed,
        "run `convergence codeowners --write`"
    );
}

// Scale N writes N copies of the regions with suffixed ids, each one valid.
#[test]
fn scales_with_suffixed_organisations() {
    let t = real_repo(false);
    let out = t.run(&["demo", "--scale", "2"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let files = tree(&t.path().join("answers"));
    assert!(files.contains_key("ara-2/organisation.yaml"));
    let services = files
        .keys()
        .filter(|k| !k.ends_with("organisation.yaml") && !k.contains("/evaluations/"))
        .count();
    // 365 services per copy, 6 editor products and 3 telehealth products once.
    assert_eq!(services, 2 * 365 + 6 + 3);
    let out = t.run(&["validate"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
}

// `score` answers for organisation-level questionnaires too: the 2020 study's regional
// figure, 75.3 % and 1.91 over the 17 regions, by region, and a clear refusal for groupings
// that do not apply to organisations.
#[test]
fn score_gives_the_regional_questionnaire_s_published_figures() {
    let t = real_repo(true);
    let args = ["score", "--questionnaire", "urbanisation-regionale"];
    let out = t.run(&[&args[..], &["--by", "national"]].concat());
    assert_eq!(out.code, 0, "{}", out.stderr);
    let line = out
        .stdout
        .lines()
        .find(|l| l.contains("ensemble"))
        .unwrap_or_else(|| panic!("{}", out.stdout));
    assert_eq!(
        line.split_whitespace().collect::<Vec<_>>(),
        [
            "National",
            "urbanisation-regionale",
            "ensemble",
            "17",
            "/",
            "17",
            "75.3",
            "%",
            "1.91",
            "/",
            "3"
        ]
    );
    assert!(out.stdout.contains("SI concernés"), "{}", out.stdout);
    let out = t.run(&[&args[..], &["--by", "region", "--format", "csv"]].concat());
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rows = out.stdout.lines().filter(|l| l.contains(",*,")).count();
    assert_eq!(rows, 17, "{}", out.stdout);
    let out = t.run(&[&args[..], &["--by", "zone"]].concat());
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "erreur : un questionnaire d'organisation se regroupe par national, region ou organisation, pas par zone\n"
    );
}

// The conformity part of the demo: three telehealth products on the telehealth path (two
// conforme, one with an unmet mandatory requirement) and six establishments with MaturiN-H
// grades A 1, B 2, C 2, D 1, none of them in the maturity figures.
#[test]
fn has_telehealth_products_and_maturin_h_establishments() {
    let t = real_repo(true);
    let out = t.run(&["score", "--questionnaire", "telesante", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let verdicts: Vec<(&str, &str)> = v["holders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["id"].as_str().unwrap(), h["verdict"].as_str().unwrap()))
        .collect();
    assert_eq!(
        verdicts,
        [
            ("telemedica-consult", "conforme"),
            ("telemedica-expertise", "non-conforme"),
            ("telemedica-soin", "conforme")
        ]
    );
    let out = t.run(&["score", "--questionnaire", "maturin-h", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let grades: Vec<u64> = v["grades"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["count"].as_u64().unwrap())
        .collect();
    assert_eq!(grades, [1, 2, 2, 1]);
    assert_eq!(v["grades_by_region"].as_array().unwrap().len(), 6);
    // The demo assessor reverses one mandatory requirement for each of two products.
    let args = [
        "score",
        "--questionnaire",
        "telesante",
        "--assessment",
        "external",
    ];
    let out = t.run(&[&args[..], &["--format", "json"]].concat());
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let external: Vec<(&str, &str)> = v["holders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["id"].as_str().unwrap(), h["verdict"].as_str().unwrap()))
        .collect();
    assert_eq!(
        external,
        [
            ("telemedica-consult", "non-conforme"),
            ("telemedica-expertise", "conforme")
        ]
    );
}
