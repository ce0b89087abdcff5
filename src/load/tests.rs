use super::*;

fn repo(files: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in files {
        let p = dir.path().join(f);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, "id: x\n").unwrap();
    }
    dir
}

fn listed(root: &Path, limits: RepoLimits) -> (Vec<String>, Vec<(String, Code, String)>) {
    let mut diags = Vec::new();
    let files = discover(&Disk(root), limits, &mut diags);
    let files = files.files.into_iter().map(|(p, _)| p).collect();
    let diags = diags
        .into_iter()
        .map(|d| (d.path, d.code, d.message))
        .collect();
    (files, diags)
}

const SUBJECTS: &[&str] = &[
    "answers/a/s1.yaml",
    "answers/a/s2.yaml",
    "answers/b/s3.yaml",
];

#[test]
fn the_walk_stops_past_the_entry_limit() {
    let dir = repo(SUBJECTS);
    // answers/a, its two files, answers/b: the fifth entry is one too many.
    let limits = RepoLimits {
        entries: 4,
        ..RepoLimits::DEFAULT
    };
    let (files, diags) = listed(dir.path(), limits);
    assert_eq!(files, ["answers/a/s1.yaml", "answers/a/s2.yaml"]);
    assert_eq!(
        diags,
        [(
            "answers/b/s3.yaml".to_string(),
            Code::RepositoryTooLarge,
            "plus de 4 entrées sous content/, questionnaires/ et answers/ : la lecture s'arrête ici"
                .to_string()
        )]
    );
}

#[test]
fn files_past_the_byte_limit_are_not_read() {
    let dir = repo(SUBJECTS);
    // Each file holds 6 bytes: the third one crosses 15.
    let limits = RepoLimits {
        bytes: 15,
        ..RepoLimits::DEFAULT
    };
    let (files, diags) = listed(dir.path(), limits);
    assert_eq!(files, ["answers/a/s1.yaml", "answers/a/s2.yaml"]);
    assert_eq!(
        diags,
        [(
            "answers/b/s3.yaml".to_string(),
            Code::RepositoryTooLarge,
            "les fichiers de données dépassent 15 octets au total : celui-ci et les suivants ne sont pas lus"
                .to_string()
        )]
    );
}

#[test]
fn the_default_limits_leave_a_repository_alone() {
    let dir = repo(SUBJECTS);
    let (files, diags) = listed(dir.path(), RepoLimits::DEFAULT);
    assert_eq!(files, SUBJECTS);
    assert_eq!(diags, []);
}

#[test]
fn the_repository_stops_loading_past_its_data_budget() {
    let dir = repo(SUBJECTS);
    // Each file is a mapping with one key and one value: 3 nodes, 3 bytes ("id", "x").
    let limits = RepoLimits {
        data: Size {
            nodes: 7,
            bytes: 100,
        },
        ..RepoLimits::DEFAULT
    };
    let loaded = load_within(&Disk(dir.path()), limits, None);
    assert_eq!(loaded.sources.len(), 2);
    let tail: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::RepositoryTooLarge)
        .map(|d| (d.path.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        tail,
        [(
            "answers/b/s3.yaml",
            "une fois les alias développés, les données du dépôt dépassent 7 nœuds ou 100 octets : ce fichier et les suivants ne sont pas chargés"
        )]
    );
}

/// `(line, col, code)` of the diagnostics of `text` loaded as if it stood at `rel`.
fn located(rel: &str, text: &str) -> Vec<(u32, u32, Code)> {
    let check = load_text(rel, text).unwrap();
    check
        .diagnostics
        .iter()
        .map(|d| {
            let l = d.location.unwrap();
            (l.line, l.col, d.code)
        })
        .collect()
}

#[test]
fn front_matter_problems_are_located_on_the_lines_of_the_page() {
    // The front matter starts on the page's second line: a duplicate key, and syntax errors
    // (an unclosed quote, a colon in unquoted text), are reported on the page's own lines.
    for section in ["faq", "pages"] {
        let rel = format!("content/{section}/p.md");
        let dup = "---\ntitle: Une page\ntitle: Autre\n---\n# Corps\n";
        assert_eq!(located(&rel, dup), [(3, 1, Code::DuplicateKey)], "{rel}");
        let quote = "---\ntitle: Une page\nsummary: \"pas fermé\nautre: 1\n---\n";
        assert_eq!(located(&rel, quote), [(3, 10, Code::YamlSyntax)], "{rel}");
        let colon = "---\ntitle: Une page\nsummary: Voir : ici\n---\n";
        assert_eq!(located(&rel, colon), [(3, 15, Code::YamlSyntax)], "{rel}");
    }
}
