use super::*;

#[test]
fn a_short_line_is_shown_whole() {
    assert_eq!(excerpt("level: 4", 8, 1), ("level: 4".to_string(), 7, 1));
    assert_eq!(excerpt("a:\tb", 4, 1), ("a: b".to_string(), 3, 1));
    // A marker past the end of the line stands just after it.
    assert_eq!(excerpt("id:", 4, 1), ("id:".to_string(), 3, 1));
}

#[test]
fn a_long_line_is_cut_around_the_column() {
    let line = format!("{}key{}", "a".repeat(500), "b".repeat(500));
    let (shown, start, len) = excerpt(&line, 501, 3);
    assert_eq!(shown, format!("…{}key{}…", "a".repeat(30), "b".repeat(67)));
    assert_eq!((start, len), (31, 3));
    assert_eq!(
        shown.chars().skip(start).take(len).collect::<String>(),
        "key"
    );
}

#[test]
fn the_ends_of_a_long_line_are_cut_on_one_side() {
    let line = "x".repeat(300);
    let (shown, start, _) = excerpt(&line, 2, 1);
    assert_eq!((shown.chars().count(), start), (101, 1));
    assert!(shown.ends_with('…') && !shown.starts_with('…'));
    let (shown, start, _) = excerpt(&line, 300, 1);
    assert_eq!((shown.chars().count(), start), (101, 100));
    assert!(shown.starts_with('…') && !shown.ends_with('…'));
}

#[test]
fn controls_are_escaped_and_the_marker_follows() {
    assert_eq!(
        escape("a\n::error::b\r\u{1b}[31m\u{85}\u{202e}é"),
        "a\\n::error::b\\r\\u{1b}[31m\\u{85}\\u{202e}é"
    );
    assert_eq!(escape("plain"), "plain");
    assert_eq!(
        excerpt("\u{1b}x: 1", 2, 1),
        ("\\u{1b}x: 1".to_string(), 6, 1)
    );
    assert_eq!(
        excerpt("\u{1b}x: 1", 1, 1),
        ("\\u{1b}x: 1".to_string(), 0, 6)
    );
}

fn problem(line: u32) -> Diagnostic {
    Diagnostic::error(
        crate::diagnostics::Code::DuplicateKey,
        "a\n::add-mask::x.yaml",
        "m\u{7}",
    )
    .at(Some(crate::source::Location::at(line, 1)))
}

#[test]
fn at_most_fifty_problems_are_printed_per_file() {
    let diags: Vec<Diagnostic> = (1..=53).map(problem).collect();
    let out = render_human(&diags, &Default::default());
    assert_eq!(
        out.lines().filter(|l| l.contains("error[CV007]")).count(),
        50
    );
    assert!(
        out.starts_with("a\\n::add-mask::x.yaml:1:1: error[CV007]: m\\u{7}\n\n"),
        "{out}"
    );
    assert!(
        out.ends_with(
            "a\\n::add-mask::x.yaml:50:1: error[CV007]: m\\u{7}\n\n\
             a\\n::add-mask::x.yaml: … et 3 autres problèmes dans ce fichier\n\n\
             53 erreur(s), 0 avertissement(s)\n"
        ),
        "{out}"
    );
}
