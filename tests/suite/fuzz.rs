//! Fuzzing the loaders on stable Rust: proptest generates texts (token soups and mutations of
//! the seeds in `tests/fixtures/fuzz/seeds/`) and loads each as every kind of file (YAML with
//! locations, front matter, pages, questionnaires, answers…). No input may panic, make the two
//! passes disagree, exceed the documented limits or let a line of the human output start with
//! a forge command. `fuzz_briefly` runs in the normal suite; for ten minutes:
//!
//! ```sh
//! FUZZ_SECONDS=600 cargo test --release --test suite fuzz_for_a_while -- --ignored --nocapture
//! ```
//!
//! A failing case is written to `tests/fixtures/fuzz/regressions.txt` (commit it) and replayed
//! by every later run.

use convergence::diagnostics::render_human;
use convergence::load::load_text;
use convergence::source::{MAX_EXPANDED_BYTES, MAX_NODES, SourceFile};
use proptest::prelude::*;
use proptest::test_runner::{
    Config, FileFailurePersistence, RngAlgorithm, TestCaseError, TestRng, TestRunner,
};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Where each text is loaded: one path per kind of file.
const TARGETS: &[&str] = &[
    "convergence.yaml",
    "content/scales/standard.yaml",
    "content/referentials/pos.yaml",
    "content/referentials/common-core.yaml",
    "content/referentials/regions.yaml",
    "content/referentials/national-services.yaml",
    "content/referentials/editors.yaml",
    "content/doctrine/a06.md",
    "content/faq/question.md",
    "content/pages/page.md",
    "questionnaires/services.yaml",
    "answers/alpha/organisation.yaml",
    "answers/alpha/alpha-dcc.yaml",
];

/// Pieces of YAML, Markdown and hostile text the generators assemble.
const TOKENS: &[&str] = &[
    "---\n",
    "...\n",
    "\n",
    "\r\n",
    " ",
    "  ",
    "\t",
    "- ",
    ": ",
    ":",
    ", ",
    "[",
    "]",
    "{",
    "}",
    "? ",
    "&a ",
    "*a",
    "&b ",
    "*b",
    "!!str ",
    "!!int ",
    "!!binary ",
    "!foo ",
    "%YAML 1.2\n",
    "'",
    "\"",
    "\\",
    "\\n",
    "\\u0000",
    "#",
    "# c\n",
    "|\n",
    ">-\n",
    "id",
    "id: x\n",
    "name",
    "kind: service\n",
    "level",
    "answers",
    "questionnaires",
    "title: T\n",
    "axis: A06\n",
    "criteria",
    "levels",
    "A01.1",
    "na",
    "1",
    "2",
    "-1",
    "1.5",
    "1e999",
    "0x1F",
    "true",
    "null",
    "~",
    "2020-12-15",
    "é",
    "€",
    "😀",
    "\u{0}",
    "\u{1b}",
    "\u{85}",
    "\u{202e}",
    "\u{feff}",
    "::error::x",
    "x",
];

/// One change applied to a seed.
#[derive(Debug, Clone)]
enum Edit {
    Insert(prop::sample::Index, &'static str),
    Delete(prop::sample::Index, usize),
    Repeat(prop::sample::Index, usize, usize),
}

fn apply(seed: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = seed.chars().collect();
    for e in edits {
        let at = |i: &prop::sample::Index, len: usize| i.index(len + 1);
        match e {
            Edit::Insert(i, t) => {
                let p = at(i, chars.len());
                chars.splice(p..p, t.chars());
            }
            Edit::Delete(i, n) => {
                let p = at(i, chars.len());
                let end = (p + n).min(chars.len());
                chars.drain(p..end);
            }
            Edit::Repeat(i, n, times) => {
                let p = at(i, chars.len());
                let end = (p + n).min(chars.len());
                let piece: Vec<char> = chars[p..end].to_vec();
                for _ in 0..*times {
                    chars.splice(p..p, piece.iter().copied());
                }
            }
        }
    }
    chars.into_iter().collect()
}

fn edit() -> impl Strategy<Value = Edit> {
    let token = prop::sample::select(TOKENS);
    prop_oneof![
        (any::<prop::sample::Index>(), token).prop_map(|(i, t)| Edit::Insert(i, t)),
        (any::<prop::sample::Index>(), 1..40usize).prop_map(|(i, n)| Edit::Delete(i, n)),
        (any::<prop::sample::Index>(), 1..40usize, 1..20usize)
            .prop_map(|(i, n, k)| Edit::Repeat(i, n, k)),
    ]
}

/// A target path and a text: a soup of tokens, or a seed with a few edits.
fn input(seeds: Arc<Vec<String>>) -> impl Strategy<Value = (&'static str, String)> {
    let soup = prop::collection::vec(prop::sample::select(TOKENS), 0..300).prop_map(|t| t.concat());
    let mutated = (
        any::<prop::sample::Index>(),
        prop::collection::vec(edit(), 0..12),
    )
        .prop_map(move |(i, edits)| apply(&seeds[i.index(seeds.len())], &edits));
    (prop::sample::select(TARGETS), prop_oneof![soup, mutated])
}

fn seeds() -> Vec<String> {
    let dir = crate::harness::fixture_path("fuzz/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

/// Loads `text` at `rel` and checks every property.
fn check(rel: &str, text: &str) -> Result<(), TestCaseError> {
    let found = load_text(rel, text).expect("a data path");
    prop_assert!(found.size.nodes <= MAX_NODES, "{:?}", found.size);
    prop_assert!(found.size.bytes <= MAX_EXPANDED_BYTES, "{:?}", found.size);
    let lines = text.lines().count() as u32 + 1;
    for d in &found.diagnostics {
        if let Some(l) = d.location {
            prop_assert!(l.line >= 1 && l.line <= lines && l.col >= 1, "{d:?}");
        }
    }
    let sources = HashMap::from([(rel.to_string(), SourceFile::new(rel, text).into())]);
    let human = render_human(&found.diagnostics, &sources);
    prop_assert!(!human.lines().any(|l| l.starts_with("::")), "{human}");
    Ok(())
}

fn runner(cases: u32, rng: TestRng) -> TestRunner {
    let config = Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/fixtures/fuzz/regressions.txt",
        ))),
        ..Config::default()
    };
    TestRunner::new_with_rng(config, rng)
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// 32 bytes from the clock and the round.
fn fresh_seed(round: u32) -> [u8; 32] {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    let mut seed = [0u8; 32];
    seed[..16].copy_from_slice(&nanos.to_le_bytes());
    seed[16..20].copy_from_slice(&round.to_le_bytes());
    seed
}

#[test]
fn every_seed_loads_as_every_kind_of_file() {
    for seed in seeds() {
        for rel in TARGETS {
            check(rel, &seed).unwrap();
        }
    }
}

#[test]
fn fuzz_briefly() {
    let cases = env_number("FUZZ_CASES", 300) as u32;
    let rng = TestRng::deterministic_rng(RngAlgorithm::ChaCha);
    let seeds = Arc::new(seeds());
    let result = runner(cases, rng).run(&input(seeds), |(rel, text)| check(rel, &text));
    result.unwrap();
}

/// `FUZZ_SECONDS` (default 600) of rounds of `FUZZ_CASES` (default 2,000) random cases.
#[test]
#[ignore = "long: run with --ignored (see the module's documentation)"]
fn fuzz_for_a_while() {
    let seconds = env_number("FUZZ_SECONDS", 600);
    let cases = env_number("FUZZ_CASES", 2_000) as u32;
    let seeds = Arc::new(seeds());
    let start = Instant::now();
    let mut rounds = 0;
    while start.elapsed() < Duration::from_secs(seconds) {
        let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &fresh_seed(rounds));
        let result = runner(cases, rng).run(&input(seeds.clone()), |(rel, text)| check(rel, &text));
        result.unwrap();
        rounds += 1;
    }
    eprintln!("{} cases in {:?}", rounds * cases, start.elapsed());
}
