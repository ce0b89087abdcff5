//! Broken and hostile inputs: each gets a located diagnostic; none panics, hangs or exhausts
//! memory.

use crate::harness::{Output, RepoTest};
use std::process::Command;

/// Runs the binary on `t` with at most 2 GB of address space and under `timeout 60`: a memory
/// blow-up or a hang fails the test (exit 134, 124) instead of the machine or the suite.
fn run_or_kill(t: &RepoTest, args: &[&str]) -> Output {
    let out = Command::new("sh")
        .env("CONVERGENCE_TEST_SECRET", "ghp_secret_of_the_build")
        .arg("-c")
        .arg("ulimit -v 2000000 && exec timeout 60 \"$@\"")
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_convergence"))
        .arg("--root")
        .arg(t.path())
        .args(args)
        .output()
        .unwrap();
    out.into()
}

fn mkfifo(path: &std::path::Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

/// `(path, code, message)` of every error of `validate --format json`.
fn diagnostics_of(t: &RepoTest) -> Vec<(String, String, String)> {
    let out = run_or_kill(t, &["validate", "--format", "json"]);
    assert_ne!(out.code, 124, "validate hung");
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            let field = |k: &str| d[k].as_str().unwrap().to_string();
            (field("path"), field("code"), field("message"))
        })
        .collect()
}

const SUBJECT: &str = "answers/alpha/alpha-dcc.yaml";

/// The first line of human output for the subject file (its first diagnostic).
fn first_line(t: &RepoTest) -> String {
    let out = t.run(&["validate"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    out.stdout
        .lines()
        .find(|l| l.starts_with(SUBJECT))
        .unwrap_or_else(|| panic!("no diagnostic for {SUBJECT}: {}", out.stdout))
        .to_string()
}

#[test]
fn invalid_utf8_is_located() {
    let t = RepoTest::fixture("base");
    t.write(SUBJECT, b"id: alpha-dcc\nname: \xe9t\xe9\n".as_slice());
    assert_eq!(
        first_line(&t),
        "answers/alpha/alpha-dcc.yaml:2:7: error[CV003]: octet invalide en UTF-8 à l'octet 20"
    );
}

#[test]
fn empty_file_is_reported() {
    let t = RepoTest::fixture("base");
    t.write(SUBJECT, "");
    assert_eq!(
        first_line(&t),
        "answers/alpha/alpha-dcc.yaml:1:1: error[CV009]: le fichier est vide"
    );
}

#[test]
fn malformed_yaml_is_located() {
    let t = RepoTest::fixture("base");
    t.write(SUBJECT, "id: alpha-dcc\nname: [DCC\nkind: service\n");
    let line = first_line(&t);
    assert!(
        line.starts_with("answers/alpha/alpha-dcc.yaml:3:5: error[CV004]: YAML mal formé"),
        "{line}"
    );
}

#[test]
fn a_50_mb_file_is_refused_without_reading_it() {
    let t = RepoTest::fixture("base");
    let big = "a".repeat(50 * 1024 * 1024);
    t.write(SUBJECT, format!("id: {big}\n"));
    assert_eq!(
        first_line(&t),
        "answers/alpha/alpha-dcc.yaml: error[CV002]: fichier de 52428805 octets : au plus 4194304 octets sont acceptés"
    );
}

#[test]
fn ten_thousand_deep_nesting_is_stopped() {
    let t = RepoTest::fixture("base");
    let deep = "a: ".to_string() + &"[".repeat(10_000) + &"]".repeat(10_000) + "\n";
    t.write(SUBJECT, deep);
    assert_eq!(
        first_line(&t),
        "answers/alpha/alpha-dcc.yaml:1:259: error[CV005]: imbrication trop profonde (plus de 64 niveaux)"
    );
}

#[test]
fn block_nesting_is_stopped_too() {
    let t = RepoTest::fixture("base");
    let mut text = String::new();
    for i in 0..200 {
        text.push_str(&" ".repeat(i * 2));
        text.push_str("k:\n");
    }
    t.write(SUBJECT, text);
    assert!(first_line(&t).contains("error[CV005]"));
}

#[test]
fn alias_bomb_is_stopped() {
    let t = RepoTest::fixture("base");
    let mut text = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..12 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    t.write(SUBJECT, text);
    let line = first_line(&t);
    assert!(line.contains("error[CV006]"), "{line}");
}

#[test]
fn duplicate_keys_are_reported_with_the_first_occurrence() {
    let t = RepoTest::fixture("base");
    let text = std::fs::read_to_string(t.path().join(SUBJECT)).unwrap();
    t.write(
        SUBJECT,
        text.replace("publishable: true", "publishable: true\npublishable: false"),
    );
    let out = t.run(&["validate"]);
    assert!(
        out.stdout.contains(
            "answers/alpha/alpha-dcc.yaml:11:1: error[CV007]: clé « publishable » en double\n"
        ),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains(
        "  = aide : la première occurrence est ligne 10, colonne 1 : gardez-en une seule\n"
    ));
}

#[test]
fn symlinks_leaving_the_repository_are_refused() {
    let t = RepoTest::fixture("base");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.yaml"), "id: secret\n").unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.yaml"),
        t.path().join("answers/alpha/secret.yaml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path(), t.path().join("answers/elsewhere")).unwrap();
    let out = t.run(&["validate", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let codes: Vec<(&str, &str)> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "CV008")
        .map(|d| (d["path"].as_str().unwrap(), d["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        codes,
        vec![
            ("answers/alpha/secret.yaml", "CV008"),
            ("answers/elsewhere", "CV008")
        ]
    );
    assert!(!out.stdout.contains("id: secret"));
}

#[test]
fn garbage_bytes_never_panic() {
    // A deterministic pseudo-random sweep of byte soups and YAML fragments.
    let t = RepoTest::fixture("base");
    let pieces = [
        "id:", " ", "\n", "- ", "[", "]", "{", "}", "&a", "*a", ":", "'", "\"", "\t", "? ",
        "!!str", "%YAML", "---", "...", "é", "\u{0}", "#", "|", ">",
    ];
    let mut seed: u64 = 0x2545F4914F6CDD1D;
    for _ in 0..30 {
        let mut text = String::new();
        for _ in 0..60 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
        }
        t.write(SUBJECT, &text);
        let out = t.run(&["validate"]);
        assert!(
            out.code == 1 || out.code == 0,
            "exit {} on {text:?}: {}",
            out.code,
            out.stderr
        );
        assert!(!out.stderr.contains("panicked"), "{text:?}: {}", out.stderr);
    }
}

#[test]
fn a_named_pipe_is_refused_without_waiting_on_it() {
    let t = RepoTest::fixture("base");
    mkfifo(&t.path().join("answers/alpha/pipe.yaml"));
    mkfifo(&t.path().join("content/pipe"));
    std::os::unix::fs::symlink("pipe.yaml", t.path().join("answers/alpha/link.yaml")).unwrap();
    let refused = "ni un fichier ordinaire ni un dossier : un tube nommé (FIFO)";
    assert_eq!(
        diagnostics_of(&t),
        [
            (
                "answers/alpha/link.yaml".into(),
                "CV014".into(),
                refused.into()
            ),
            (
                "answers/alpha/pipe.yaml".into(),
                "CV014".into(),
                refused.into()
            ),
            ("content/pipe".into(), "CV014".into(), refused.into()),
        ]
    );
    for command in [&["check"][..], &["build", "--out", "public"]] {
        let out = run_or_kill(&t, command);
        assert_eq!(out.code, 1, "{command:?}: {}{}", out.stdout, out.stderr);
    }
}

#[test]
fn a_named_pipe_as_configuration_is_refused() {
    let t = RepoTest::fixture("base");
    std::fs::remove_file(t.path().join("convergence.yaml")).unwrap();
    mkfifo(&t.path().join("convergence.yaml"));
    let diags = diagnostics_of(&t);
    assert_eq!(
        diags.iter().find(|d| d.0 == "convergence.yaml").unwrap(),
        &(
            "convergence.yaml".into(),
            "CV014".into(),
            "ni un fichier ordinaire ni un dossier : un tube nommé (FIFO)".into()
        )
    );
}

#[test]
fn a_link_to_a_device_is_refused() {
    let t = RepoTest::fixture("base");
    std::os::unix::fs::symlink("/dev/zero", t.path().join("answers/alpha/zero.yaml")).unwrap();
    assert_eq!(
        diagnostics_of(&t),
        [(
            "answers/alpha/zero.yaml".into(),
            "CV008".into(),
            "lien symbolique vers /dev/zero, hors du dépôt".into()
        )]
    );
}

/// `build` with `rel` a link to `target`: refused before anything is written, with an error
/// naming the file.
fn build_refuses_link(rel: &str, target: &str) -> String {
    let t = RepoTest::fixture("base");
    let link = t.path().join(rel);
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(target, &link).unwrap();
    let out = run_or_kill(&t, &["build", "--out", "public"]);
    assert_ne!(out.code, 0, "{}", out.stderr);
    assert!(!t.path().join("public").exists());
    assert!(!out.stderr.contains("ghp_secret_of_the_build"));
    out.stderr
}

#[test]
fn the_method_page_is_read_inside_the_repository_only() {
    for target in ["/proc/self/environ", "/etc/passwd", "/dev/zero"] {
        let stderr = build_refuses_link("content/pages/methode.md", target);
        assert!(
            stderr.contains(&format!(
                "content/pages/methode.md: error[CV008]: lien symbolique vers {target}, hors du dépôt\n"
            )),
            "{stderr}"
        );
    }
}

#[test]
fn a_folder_on_the_way_may_not_leave_the_repository_either() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("regions-inset.geojson"), "{}\n").unwrap();
    let stderr = build_refuses_link("content/geo", outside.path().to_str().unwrap());
    assert!(
        stderr.contains(&format!(
            "content/geo: error[CV008]: lien symbolique vers {}, hors du dépôt\n",
            outside.path().display()
        )),
        "{stderr}"
    );
}

#[test]
fn the_method_page_may_not_be_a_pipe() {
    let t = RepoTest::fixture("base");
    std::fs::create_dir_all(t.path().join("content/pages")).unwrap();
    mkfifo(&t.path().join("content/pages/methode.md"));
    let out = run_or_kill(&t, &["build", "--out", "public"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "content/pages/methode.md: error[CV014]: ni un fichier ordinaire ni un dossier : un tube nommé (FIFO)"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn the_map_is_read_inside_the_repository_only() {
    for target in ["/proc/self/environ", "/etc/passwd", "/dev/zero"] {
        let stderr = build_refuses_link("content/geo/regions-inset.geojson", target);
        assert!(
            stderr.contains(&format!(
                "content/geo/regions-inset.geojson: error[CV008]: lien symbolique vers {target}, hors du dépôt\n"
            )),
            "{stderr}"
        );
    }
}

#[test]
fn codeowners_is_read_inside_the_repository_only() {
    for target in ["/proc/self/environ", "/etc/passwd", "/dev/zero"] {
        let t = RepoTest::fixture("base");
        std::os::unix::fs::symlink(target, t.path().join("CODEOWNERS")).unwrap();
        let out = run_or_kill(&t, &["check", "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        let about: Vec<(&str, &str)> = v
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["path"] == "CODEOWNERS")
            .map(|d| (d["code"].as_str().unwrap(), d["message"].as_str().unwrap()))
            .collect();
        let message = format!("lien symbolique vers {target}, hors du dépôt");
        assert_eq!(about, [("CV008", message.as_str())]);
        assert!(!out.stdout.contains("ghp_secret_of_the_build"));
    }
}

#[test]
fn the_changed_files_list_is_size_limited() {
    let t = RepoTest::fixture("base");
    let out = run_or_kill(
        &t,
        &[
            "check",
            "--changed-files",
            "/dev/zero",
            "--author",
            "@someone",
        ],
    );
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            2,
            "erreur : /dev/zero : lecture\n  cause : plus de 4194304 octets : au plus 4194304 octets sont acceptés\n"
        )
    );
}

#[test]
fn a_string_alias_bomb_is_stopped_before_it_is_copied() {
    // 104 KB: a 100,000-character string, aliased 100 times in a list aliased 800 times
    // would expand to 8 GB.
    let t = RepoTest::fixture("base");
    let text = format!(
        "s: &s \"{}\"\nl: &l [{}]\nall: [{}]\n",
        "x".repeat(100_000),
        vec!["*s"; 100].join(", "),
        vec!["*l"; 800].join(", ")
    );
    assert_eq!(text.len(), 103_622);
    t.write(SUBJECT, text);
    let out = run_or_kill(&t, &["check", "--format", "github"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let first = out.stdout.lines().find(|l| l.contains(SUBJECT)).unwrap();
    assert_eq!(
        first,
        "::error file=answers/alpha/alpha-dcc.yaml,line=2,col=168,title=CV006::données trop volumineuses une fois les alias développés : au plus 4194304 octets de texte%0Aaide : écrivez les valeurs sans alias (&ancre / *alias)"
    );
}

#[test]
fn a_long_line_is_shown_as_a_window_and_problems_are_capped_per_file() {
    // 240 KB on one line, 20,000 duplicate keys.
    let t = RepoTest::fixture("base");
    t.write(
        SUBJECT,
        format!("{{a: 0{}}}\n", ", a: 1234567".repeat(20_000)),
    );
    let out = run_or_kill(&t, &["validate"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let window = ", a: 1234567".repeat(7);
    let first = format!(
        "answers/alpha/alpha-dcc.yaml:1:8: error[CV007]: clé « a » en double
  |
1 | {{a: 0{window}, a: 123456…
  |        ^
  = aide : la première occurrence est ligne 1, colonne 2 : gardez-en une seule
"
    );
    let cut = "4567, a: 1234567".to_string() + &", a: 1234567".repeat(7);
    let last = format!(
        "answers/alpha/alpha-dcc.yaml:1:512: error[CV007]: clé « a » en double
  |
1 | …{cut}…
  |                                ^
  = aide : la première occurrence est ligne 1, colonne 2 : gardez-en une seule

answers/alpha/alpha-dcc.yaml: … et 19957 autres problèmes dans ce fichier
"
    );
    assert!(out.stdout.contains(&first), "{}", out.stdout);
    assert!(out.stdout.contains(&last), "{}", out.stdout);
    assert!(
        out.stdout
            .ends_with("\n20007 erreur(s), 2 avertissement(s)\n")
    );
    assert!(out.stdout.len() < 20_000, "{}", out.stdout.len());
    // Machines get every problem.
    let json = run_or_kill(&t, &["validate", "--format", "json"]);
    let all: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(all.as_array().unwrap().len(), 20_009);
}

#[test]
fn controls_in_names_and_messages_cannot_start_a_line() {
    let t = RepoTest::fixture("base");
    t.write(
        "answers/alpha/x\n::error::pwned.yaml",
        "id: x\n\"k\\n::add-mask::s\\u001b[2J\": 1\n",
    );
    let out = run_or_kill(&t, &["validate"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(
        out.stdout.lines().filter(|l| l.starts_with("::")).count(),
        0
    );
    let expected = "\
answers/alpha/x\\n::error::pwned.yaml:2:1: error[CV101]: champ inconnu « k\\n::add-mask::s\\u{1b}[2J »
  |
2 | \"k\\n::add-mask::s\\u001b[2J\": 1
  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^
";
    assert!(out.stdout.contains(expected), "{}", out.stdout);
}

#[test]
fn the_format_lists_every_limit() {
    use convergence::diagnostics::{LINE_WINDOW, MAX_PER_FILE};
    use convergence::source::*;
    const MIB: u64 = 1024 * 1024;
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/format.md"),
    )
    .unwrap();
    // Constant, its value, how the table writes it.
    let limits: [(&str, u64, &str); 11] = [
        ("MAX_FILE_BYTES", MAX_FILE_BYTES, "4 Mio (4 194 304 octets)"),
        ("MAX_DEPTH", MAX_DEPTH as u64, "64 niveaux"),
        ("MAX_ALIASES", MAX_ALIASES as u64, "1 000"),
        ("MAX_NODES", MAX_NODES as u64, "200 000"),
        ("MAX_EXPANDED_BYTES", MAX_EXPANDED_BYTES as u64, "4 Mio"),
        ("MAX_REPO_ENTRIES", MAX_REPO_ENTRIES as u64, "100 000"),
        ("MAX_REPO_BYTES", MAX_REPO_BYTES, "256 Mio"),
        ("MAX_REPO_NODES", MAX_REPO_NODES as u64, "20 000 000"),
        (
            "MAX_REPO_EXPANDED_BYTES",
            MAX_REPO_EXPANDED_BYTES as u64,
            "512 Mio",
        ),
        ("MAX_PER_FILE", MAX_PER_FILE as u64, "50"),
        ("LINE_WINDOW", LINE_WINDOW as u64, "100 caractères"),
    ];
    for (name, value, written) in limits {
        let parsed: u64 = match written.split_once(" Mio") {
            Some((n, _)) => n.parse::<u64>().unwrap() * MIB,
            None => written
                .split(' ')
                .take_while(|w| w.chars().all(|c| c.is_ascii_digit()))
                .collect::<String>()
                .parse()
                .unwrap(),
        };
        assert_eq!(parsed, value, "{name}");
        let row = doc
            .lines()
            .find(|l| l.starts_with('|') && l.contains(&format!("`{name}`")))
            .unwrap_or_else(|| panic!("{name} is not in docs/format.md"));
        assert!(row.contains(written), "{name}: {row}");
    }
}
