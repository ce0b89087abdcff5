use super::*;

fn run(text: &str) -> (Option<(Value, SpanMap)>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let src = SourceFile::new("t.yaml", text);
    let r = parse(&src, &mut diags).map(|(v, _)| (v, locate(&src).unwrap()));
    (r, diags)
}

#[test]
fn records_key_and_value_locations() {
    let (r, d) = run("id: x\nanswers:\n  A01.1:\n    level: 2\n");
    assert!(d.is_empty());
    let (v, spans) = r.unwrap();
    assert_eq!(v["answers"]["A01.1"]["level"], 2);
    let s = spans.lookup("/answers/A01.1/level").unwrap();
    assert_eq!(
        s.key,
        Some(Location {
            line: 4,
            col: 5,
            len: 5
        })
    );
    assert_eq!(
        s.value,
        Location {
            line: 4,
            col: 12,
            len: 1
        }
    );
}

#[test]
fn resolves_core_schema_scalars() {
    let (r, _) = run("a: 2\nb: '2'\nc: true\nd: na\ne: 2020-12-15\nf: 1.5\ng: ~\nh: yes\n");
    let (v, _) = r.unwrap();
    assert_eq!(
        v,
        serde_json::json!({"a":2,"b":"2","c":true,"d":"na","e":"2020-12-15","f":1.5,"g":null,"h":"yes"})
    );
}

#[test]
fn reports_duplicate_keys_with_first_occurrence() {
    let (_, d) = run("id: a\nname: b\nid: c\n");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, Code::DuplicateKey);
    assert_eq!(
        d[0].location,
        Some(Location {
            line: 3,
            col: 1,
            len: 2
        })
    );
    assert_eq!(d[0].message, "clé « id » en double");
    assert_eq!(
        d[0].hint.as_deref(),
        Some("la première occurrence est ligne 1, colonne 1 : gardez-en une seule")
    );
}

#[test]
fn stops_deep_nesting() {
    let text = "[".repeat(10_000) + &"]".repeat(10_000);
    let (r, d) = run(&text);
    assert!(r.is_none());
    // The scanner's own guard on flow nesting fires first; it is reported as CV005 too.
    assert_eq!(d[0].code, Code::TooDeep);
    assert_eq!(d[0].location.map(|l| (l.line, l.col)), Some((1, 256)));
}

#[test]
fn stops_deep_block_nesting_at_our_limit() {
    let text: String = (0..100)
        .map(|i| format!("{}k:\n", "  ".repeat(i)))
        .collect();
    let (r, d) = run(&text);
    assert!(r.is_none());
    assert_eq!(d[0].code, Code::TooDeep);
    assert_eq!(d[0].location.map(|l| (l.line, l.col)), Some((65, 129)));
}

#[test]
fn stops_alias_bombs() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let prev = format!("*a{}", i - 1);
        text.push_str(&format!("a{i}: &a{i} [{}]\n", vec![prev; 10].join(", ")));
    }
    let (r, d) = run(&text);
    assert!(r.is_none());
    assert_eq!(d[0].code, Code::TooManyAliases);
}

#[test]
fn reports_syntax_errors_with_location() {
    let (r, d) = run("id: x\nname: [unclosed\n");
    assert!(r.is_none());
    assert_eq!(d[0].code, Code::YamlSyntax);
    assert!(d[0].location.is_some());
}

#[test]
fn empty_and_multi_document_files_are_reported() {
    assert_eq!(run("").1[0].code, Code::EmptyFile);
    assert_eq!(run("# rien\n").1[0].code, Code::EmptyFile);
    assert_eq!(run("a: 1\n---\nb: 2\n").1[0].code, Code::MultipleDocuments);
}

#[test]
fn rejects_collection_keys() {
    let (_, d) = run("? [a, b]\n: 1\n");
    assert_eq!(d[0].code, Code::InvalidKey);
}

#[test]
fn locations_are_found_for_every_text_that_parses() {
    // `parse` records no location; `locate` reads the same text again when one is needed.
    let texts = [
        "id: x\nanswers:\n  A01.1: { level: 2, plan: { 2022-T1: 3 } }\nlist: [a, &k b, *k]\n",
        "a: 1\nb: [1, 2]\na: 2\n",
        "a: [1, 2\n",
    ];
    for text in texts {
        let src = SourceFile::new("t.yaml", text);
        let parsed = parse(&src, &mut Vec::new());
        assert_eq!(parsed.is_some(), locate(&src).is_some(), "{text}");
    }
}

#[test]
fn a_duplicate_key_names_its_first_occurrence_without_recorded_locations() {
    // The duplicate sits in a nested map: the hint needs the first key's location, which the
    // unlocated parse does not have.
    let mut diags = Vec::new();
    let src = SourceFile::new("t.yaml", "a:\n  b: 1\n  c: 2\n  b: 3\n");
    assert!(parse(&src, &mut diags).is_some());
    assert_eq!(diags.len(), 1);
    assert_eq!(
        diags[0].location,
        Some(Location {
            line: 4,
            col: 3,
            len: 1
        })
    );
    assert_eq!(
        diags[0].hint.as_deref(),
        Some("la première occurrence est ligne 2, colonne 3 : gardez-en une seule")
    );
}

#[test]
fn measures_the_size_with_aliases_expanded() {
    let mut diags = Vec::new();
    let src = SourceFile::new("t.yaml", "a: &x [ab, cde]\nb: *x\n");
    let (_, size) = parse(&src, &mut diags).unwrap();
    assert!(diags.is_empty());
    // Root, keys a and b, two lists of two scalars: 9 nodes; "a", "b" and twice "abcde".
    assert_eq!(
        size,
        Size {
            nodes: 9,
            bytes: 12
        }
    );
}

#[test]
fn stops_a_string_bomb_before_copying_it() {
    let big = "x".repeat(1_000_000);
    let text = format!("s: &s {big}\nl: [*s, *s, *s, *s, *s]\n");
    let (r, d) = run(&text);
    assert!(r.is_none());
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, Code::TooManyAliases);
    // 1,000,002 bytes once the anchor and keys are read; the fourth alias crosses 4 MiB.
    assert_eq!(
        d[0].location,
        Some(Location {
            line: 2,
            col: 17,
            len: 2
        })
    );
}
