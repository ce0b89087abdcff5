//! Benchmark of the portal build on a synthetic repository.
//!
//! `cargo run --release --example site_bench -- [SUBJECTS] [AXES] [CRITERIA_PER_AXIS]`
//! writes a repository with that many validated services spread over 18 regions, 4 editors and
//! 10 POS zones, then times loading, validation and the in-memory build (no disk output).

use std::fmt::Write;
use std::path::Path;
use std::time::Instant;

const REGIONS: [(&str, &str); 18] = [
    ("01", "guadeloupe"),
    ("02", "martinique"),
    ("03", "guyane"),
    ("04", "la-reunion"),
    ("06", "mayotte"),
    ("11", "ile-de-france"),
    ("24", "centre-val-de-loire"),
    ("27", "bourgogne-franche-comte"),
    ("28", "normandie"),
    ("32", "hauts-de-france"),
    ("44", "grand-est"),
    ("52", "pays-de-la-loire"),
    ("53", "bretagne"),
    ("75", "nouvelle-aquitaine"),
    ("76", "occitanie"),
    ("84", "auvergne-rhone-alpes"),
    ("93", "provence-alpes-cote-d-azur"),
    ("94", "corse"),
];

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn generate(root: &Path, subjects: usize, axes: usize, per_axis: usize) {
    write(
        root,
        "convergence.yaml",
        "title: Banc d'essai\nreference_date: 2020-12-15\nprojection_dates: [2022-12-31, 2025-12-31]\ndemo: true\n",
    );
    write(
        root,
        "content/scales/standard.yaml",
        include_str!("../content/scales/standard.yaml"),
    );
    let mut regions = String::from("regions:\n");
    for (code, slug) in REGIONS {
        let _ = writeln!(
            regions,
            "  - {{ code: \"{code}\", name: Région {slug}, slug: {slug} }}"
        );
    }
    write(root, "content/referentials/regions.yaml", &regions);
    let mut pos = String::from("domains:\n");
    for d in 1..=5 {
        let _ = writeln!(
            pos,
            "  - id: \"{d}\"\n    title: Domaine {d}\n    definition: Domaine {d}.\n    zones:"
        );
        for z in 1..=2 {
            let _ = writeln!(
                pos,
                "      - {{ id: \"{d}.{z}\", title: Zone {d}.{z}, definition: Zone. }}"
            );
        }
    }
    write(root, "content/referentials/pos.yaml", &pos);
    let mut editors = String::from("editors:\n");
    for e in 0..4 {
        let _ = writeln!(
            editors,
            "  - id: ed{e}\n    name: Éditeur {e}\n    solutions:\n      - {{ id: sol, name: Solution {e} }}"
        );
    }
    write(root, "content/referentials/editors.yaml", &editors);
    let mut q = String::from(
        "id: bench\ntitle: Questionnaire de banc d'essai\nversion: \"1\"\nscope: service\nscale: standard\naxes:\n",
    );
    for a in 0..axes {
        let _ = writeln!(q, "  - id: A{a:02}\n    title: Axe {a}\n    criteria:");
        for c in 0..per_axis {
            let _ = writeln!(
                q,
                "      - id: A{a:02}.{c}\n        title: Critère {a}.{c}\n        levels: {{ 0: zéro, 1: un, 2: deux, 3: trois }}\n        expected: [{{ level: 2, from: 2020-12-15 }}]"
            );
        }
    }
    write(root, "questionnaires/bench.yaml", &q);
    for (i, (code, slug)) in REGIONS.iter().enumerate() {
        write(
            root,
            &format!("answers/{slug}/organisation.yaml"),
            &format!(
                "id: {slug}\nname: Région {i}\nkind: region\nregion: \"{code}\"\nowners: [\"@r{i}\"]\n"
            ),
        );
    }
    for s in 0..subjects {
        let (_, slug) = REGIONS[s % REGIONS.len()];
        let mut y = format!(
            "id: s{s:05}\nkind: service\nname: Service {s}\npos_zone: \"{}.{}\"\neditor: ed{}\nsolution: sol\npublishable: {}\nstatus: validated\nassessed_on: 2020-12-01\nquestionnaires:\n  bench:\n    version: \"1\"\n    answers:\n",
            s % 5 + 1,
            s % 2 + 1,
            s % 4,
            s % 50 != 0
        );
        for a in 0..axes {
            for c in 0..per_axis {
                let level = (s + a + c) % 4;
                let plan = if level < 3 {
                    format!(", plan: {{ 2022-T{}: 3 }}", (s % 4) + 1)
                } else {
                    String::new()
                };
                let _ = writeln!(y, "      A{a:02}.{c}: {{ level: {level}{plan} }}");
            }
        }
        write(root, &format!("answers/{slug}/s{s:05}.yaml"), &y);
    }
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let subjects = args.first().copied().unwrap_or(3000);
    let axes = args.get(1).copied().unwrap_or(15);
    let per_axis = args.get(2).copied().unwrap_or(4);
    let dir = tempfile::tempdir().unwrap();
    let t = Instant::now();
    generate(dir.path(), subjects, axes, per_axis);
    println!(
        "génération : {subjects} services × {axes} axes × {per_axis} critères en {:.2} s",
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let loaded = convergence::validate::load_and_validate(dir.path());
    let errors = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == convergence::diagnostics::Severity::Error)
        .count();
    println!(
        "chargement et validation : {:.2} s ({errors} erreurs)",
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let opts = convergence::site::BuildOptions {
        verbose: true,
        ..Default::default()
    };
    let out = convergence::site::Memory::new();
    convergence::site::build(loaded.repo, dir.path(), &opts, &out).unwrap();
    let files = out.into_files();
    let bytes: usize = files.values().map(Vec::len).sum();
    println!(
        "construction : {} fichiers, {:.1} Mo, {:.2} s",
        files.len(),
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
}
