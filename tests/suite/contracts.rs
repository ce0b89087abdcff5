//! Published contracts kept in sync with the code: JSON Schemas under `schemas/`, the error
//! code list in `docs/errors.md`, the CLI definition, and the schema modelines of samples.
//! Run with `UPDATE_CONTRACTS=1` to rewrite the generated files after changing the types.

use convergence::diagnostics::Code;
use convergence::schema::{FileKind, schema_text};
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Compares a generated file with the committed one, or rewrites it on request.
fn check_generated(rel: &str, expected: &str) {
    let path = root().join(rel);
    if std::env::var_os("UPDATE_CONTRACTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, expected).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "{rel} is stale: run `UPDATE_CONTRACTS=1 cargo test --test suite contracts` and commit"
    );
}

#[test]
fn schemas_match_the_model_types() {
    for kind in FileKind::ALL {
        let text = schema_text(kind);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            value["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        check_generated(&format!("schemas/{}", kind.schema_file()), &text);
    }
}

#[test]
fn error_codes_are_documented() {
    let mut doc = String::from(
        "# Codes de diagnostic\n\n\
         Généré à partir de `src/diagnostics/code.rs` (test `contracts`). Un code ne change jamais \
         de sens ; la même vérification garde son code, qu'elle produise une erreur ou un \
         avertissement.\n\n| code | signification |\n|---|---|\n",
    );
    for c in Code::ALL {
        doc.push_str(&format!("| {} | {} |\n", c.as_str(), c.description()));
    }
    check_generated("docs/errors.md", &doc);
    let mut codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), Code::ALL.len(), "two variants share a code");
}

#[test]
fn cli_definition_is_consistent() {
    use clap::CommandFactory;
    convergence::cli::Cli::command().debug_assert();
    convergence::cli::command().debug_assert();
}

#[test]
fn every_yaml_file_of_the_repository_names_its_schema() {
    let mut missing = Vec::new();
    for dir in ["content", "questionnaires", "answers"] {
        for e in walkdir::WalkDir::new(root().join(dir)) {
            let e = e.unwrap();
            if e.path().extension().is_some_and(|x| x == "yaml") {
                let text = std::fs::read_to_string(e.path()).unwrap();
                let first = text.lines().next().unwrap_or_default();
                let ok = first.starts_with("# yaml-language-server: $schema=")
                    && first.ends_with(".schema.json")
                    && e.path()
                        .parent()
                        .unwrap()
                        .join(first.split('=').nth(1).unwrap())
                        .exists();
                if !ok {
                    missing.push(e.path().display().to_string());
                }
            }
        }
    }
    assert!(missing.is_empty(), "no valid schema modeline: {missing:?}");
}
