//! `convergence diff`: the Markdown report of a change's effect on the scores, between two git
//! revisions of a temporary repository.

use crate::workflow::{edit, git, repo};

#[test]
fn reports_changed_answers_plans_scores_aggregates_and_new_warnings() {
    // alpha-dcc A06.2 1 → 2 with a shorter plan; ideocm-socle (draft) A06.2 2 → na;
    // ideocm-ror's only answer drops. Each section names the subject's state and shows the
    // projected rates.
    let t = repo();
    let subject = "answers/alpha/alpha-dcc.yaml";
    edit(
        &t,
        subject,
        "      A06.2:\n        level: 1",
        "      A06.2:\n        level: 2",
    );
    edit(
        &t,
        subject,
        "plan: { 2021-T3: 2, 2022-T2: 3 }",
        "plan: { 2022-T2: 3 }",
    );
    edit(
        &t,
        "answers/editeur-x/ideocm-socle.yaml",
        "A06.2: { level: 2 }",
        "A06.2: { level: na }",
    );
    edit(
        &t,
        "answers/editeur-x/ideocm-ror.yaml",
        "A04.2.2: { level: 1 }",
        "A04.2.2: { level: 0 }",
    );
    git(&t, &["commit", "-q", "-am", "change"]);
    let out = t.run(&["diff", "main", "HEAD"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let expected = "\
<!-- convergence-diff -->
## Effet sur les scores

### `alpha-dcc` — DCC régional

`answers/alpha/alpha-dcc.yaml` · publié

| critère | avant | après |
|---|---|---|
| A06.2 Intégration de l'INS | 🟧 1 orange | 🟨 2 jaune |

Plans de convergence :
- A06.2 : 2021-T3 : 2, 2022-T2 : 3 → 2022-T2 : 3

| questionnaire · axe | taux | niveau | taux projeté au 2022-12-31 | taux projeté au 2025-12-31 |
|---|---|---|---|---|
| **services** | 50,0 % | 0,50 → 1,00 | 50,0 % | 50,0 % |
| A06 | 100,0 % | 1,00 → 2,00 | | |

### `ideocm-ror` — IdeoCM module ROR

`answers/editeur-x/ideocm-ror.yaml` · brouillon

| critère | avant | après |
|---|---|---|
| A04.2.2 Peuplement du ROR | 🟧 1 orange | 🟥 0 rouge |

| questionnaire · axe | taux | niveau | taux projeté au 2022-12-31 | taux projeté au 2025-12-31 |
|---|---|---|---|---|
| **services** | 50,0 % → 0,0 % | 1,00 → 0,00 | 50,0 % → 0,0 % | 50,0 % → 0,0 % |
| A04.2 | 50,0 % → 0,0 % | 1,00 → 0,00 | | |

### `ideocm-socle` — IdeoCM

`answers/editeur-x/ideocm-socle.yaml` · brouillon

| critère | avant | après |
|---|---|---|
| A06.2 Intégration de l'INS | 🟨 2 jaune | ⬜ na non applicable |

| questionnaire · axe | taux | niveau | taux projeté au 2022-12-31 | taux projeté au 2025-12-31 |
|---|---|---|---|---|
| **services** | 100,0 % → — | 2,00 → — | 100,0 % → — | 100,0 % → — |
| A06 | 100,0 % → — | 2,00 → — | | |

### Agrégats

| groupe | questionnaire | taux | niveau | sujets concernés |
|---|---|---|---|---|
| National | services | 50,0 % | 0,50 → 1,00 | 1 |
| Auvergne-Rhône-Alpes | services | 50,0 % | 0,50 → 1,00 | 1 |
";
    assert_eq!(out.stdout, expected);
}

#[test]
fn says_so_when_nothing_affects_the_scores() {
    // A comment-only edit: stable one-line answer.
    let t = repo();
    edit(
        &t,
        "answers/alpha/alpha-dcc.yaml",
        "Identifiant local.",
        "Identifiant local du GRADeS.",
    );
    git(&t, &["commit", "-q", "-am", "comment"]);
    let out = t.run(&["diff", "main"]);
    assert_eq!(
        out.stdout,
        "<!-- convergence-diff -->\n## Effet sur les scores\n\nAucun changement affectant les scores.\n"
    );
}

#[test]
fn new_warnings_are_listed() {
    // Removing an answer from a draft: its CV304 warning changes, so it is new.
    let t = repo();
    edit(
        &t,
        "answers/editeur-x/ideocm-socle.yaml",
        "    answers:\n      A06.2: { level: 2 }\n",
        "",
    );
    git(&t, &["commit", "-q", "-am", "drop"]);
    let out = t.run(&["diff", "main"]);
    assert!(
        out.stdout.ends_with(
            "### Nouveaux diagnostics\n\n- ⚠️ `answers/editeur-x/ideocm-socle.yaml:12:3` CV304 — 2 critère(s) applicable(s) sans réponse dans « services » : A06.2, A04.2.1\n"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn organisation_answers_show_their_scores_and_national_means() {
    // alpha's own A03.1 2 → 3 (expected 3), plan dropped: 2/3 → 1 for alpha and nationally.
    let t = repo();
    edit(
        &t,
        "answers/alpha/organisation.yaml",
        "A03.1: { level: 2, plan: { 2021-T4: 3 } }",
        "A03.1: { level: 3 }",
    );
    git(&t, &["commit", "-q", "-am", "org"]);
    let out = t.run(&["diff", "main"]);
    let expected = "\
<!-- convergence-diff -->
## Effet sur les scores

### `alpha` — GRADeS Alpha

`answers/alpha/organisation.yaml` · réponses de l'organisation

| critère | avant | après |
|---|---|---|
| A03.1 Cartographie des services | 🟨 2 jaune | 🟩 3 vert |

Plans de convergence :
- A03.1 : 2021-T4 : 3 → aucun

| questionnaire · axe | taux | niveau |
|---|---|---|
| **regional** | 66,7 % → 100,0 % | 2,00 → 3,00 |
| A03 | 66,7 % → 100,0 % | 2,00 → 3,00 |

### Agrégats

| groupe | questionnaire | taux | niveau | sujets concernés |
|---|---|---|---|---|
| National (SI des organisations) | regional | 66,7 % → 100,0 % | 2,00 → 3,00 | 1 |
";
    assert_eq!(out.stdout, expected);
}

#[test]
fn compares_two_directories_without_git() {
    // BASE and HEAD may be plain folders: here the base fixture and an edited copy.
    let before = crate::harness::RepoTest::fixture("base");
    let after = crate::harness::RepoTest::fixture("base");
    edit(
        &after,
        "answers/alpha/alpha-dcc.yaml",
        "level: 0\n",
        "level: na\n",
    );
    let out = before.run(&[
        "diff",
        before.path().to_str().unwrap(),
        after.path().to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("| A04.2.1 Utilisation du ROR | 🟥 0 rouge | ⬜ na non applicable |\n"),
        "{}",
        out.stdout
    );
    // na is not allowed for A04.2.1: the new error is listed.
    assert!(
        out.stdout.ends_with("- ❌ `answers/alpha/alpha-dcc.yaml:24:16` CV302 — « non applicable » n'est pas permis pour le critère A04.2.1\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_region_change_shows_the_move_and_both_regions_aggregates() {
    // beta (region 53) declares region 84: its service now counts for Auvergne-Rhône-Alpes,
    // which `diff` shows on the organisation, on the service and in both regions' figures.
    let t = crate::workflow::repo_with("workflow/claims");
    edit(
        &t,
        "answers/beta/organisation.yaml",
        "region: \"53\"",
        "region: \"84\"",
    );
    git(&t, &["commit", "-q", "-am", "move"]);
    let out = t.run(&["diff", "main"]);
    let expected = "\
<!-- convergence-diff -->
## Effet sur les scores

### `beta-dcc` — DCC Beta

`answers/beta/beta-dcc.yaml` · publié · région : 53 → 84

### `beta` — GRADeS Beta

`answers/beta/organisation.yaml` · région : 53 → 84

### Agrégats

| groupe | questionnaire | taux | niveau | sujets concernés |
|---|---|---|---|---|
| Bretagne | services | 100,0 % → — | 3,00 → — | 1 → 0 |
| Auvergne-Rhône-Alpes | services | 50,0 % → 75,0 % | 0,50 → 1,75 | 1 → 2 |

### Nouveaux diagnostics

- ❌ `answers/beta/organisation.yaml:4:9` CV406 — la région 84 est déjà revendiquée par answers/alpha/organisation.yaml
";
    assert_eq!(out.stdout, expected);
}

#[test]
fn every_membership_change_that_moves_a_figure_is_named() {
    // alpha-dcc moves to beta's folder and changes zone, type, editor, status and flags.
    let t = crate::workflow::repo_with("workflow/claims");
    git(
        &t,
        &[
            "mv",
            "answers/alpha/alpha-dcc.yaml",
            "answers/beta/alpha-dcc.yaml",
        ],
    );
    let f = "answers/beta/alpha-dcc.yaml";
    edit(&t, f, "pos_zone: \"6.2\"", "pos_zone: \"4.1\"");
    edit(
        &t,
        f,
        "common_core: coordination-dcc",
        "common_core: sso-pro",
    );
    edit(
        &t,
        f,
        "editor: maincare\nsolution: ideocm",
        "editor: autre\nsolution: autre-sol",
    );
    edit(
        &t,
        f,
        "status: validated",
        "status: draft\narchived: true\ndecommissioning: true",
    );
    git(&t, &["add", "-A"]);
    git(&t, &["commit", "-q", "-m", "move"]);
    let out = t.run(&["diff", "main"]);
    let facts = "`answers/beta/alpha-dcc.yaml` · publié → archivé · statut : validé → brouillon · archivé : non → oui · décommissionnement : non → oui · organisation : alpha → beta · région : 84 → 53 · zone du POS : 6.2 → 4.1 · type du tronc commun : coordination-dcc → sso-pro · éditeur : maincare → autre · solution : ideocm → autre-sol\n";
    assert!(out.stdout.contains(facts), "{}", out.stdout);
}

#[test]
fn repository_text_cannot_forge_the_comment() {
    // A name carrying a fake verdict, HTML, a comment, a mention and an image stays one inert
    // line; the real tables stay visible.
    let t = repo();
    let f = "answers/alpha/alpha-dcc.yaml";
    edit(
        &t,
        f,
        "name: DCC régional",
        "name: \"DCC\\n\\nAucun changement affectant les scores.\\n<details><!-- @team ![](http://e.test/x.png) | `x`\"",
    );
    edit(
        &t,
        f,
        "      A06.2:\n        level: 1",
        "      A06.2:\n        level: 2",
    );
    git(&t, &["commit", "-q", "-am", "forge"]);
    let out = t.run(&["diff", "main"]);
    let heading = "### `alpha-dcc` — DCC  Aucun changement affectant les scores. &lt;details&gt;&lt;\\!-- @\u{2060}team \\!\\[\\](http:\u{2060}//e.test/x.png) \\| \\`x\\`\n";
    assert!(out.stdout.contains(heading), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("| A06.2 Intégration de l'INS | 🟧 1 orange | 🟨 2 jaune |\n"),
        "{}",
        out.stdout
    );
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(!lines.contains(&"Aucun changement affectant les scores."));
    assert_eq!(out.stdout.matches("<!--").count(), 1);
    assert!(!out.stdout.contains("<details>") && !out.stdout.contains("@team"));
}

#[test]
fn a_non_publishable_subject_shows_no_detail_in_the_public_comment() {
    // alpha-dcc becomes non-publishable and changes a level: its id, path, state and the
    // count of changed answers only, and no message of its new diagnostics; the aggregates
    // it leaves are shown.
    let t = repo();
    let f = "answers/alpha/alpha-dcc.yaml";
    edit(&t, f, "publishable: true", "publishable: false");
    edit(
        &t,
        f,
        "      A06.2:\n        level: 1",
        "      A06.2:\n        level: 2",
    );
    git(&t, &["commit", "-q", "-am", "hide"]);
    let out = t.run(&["diff", "main"]);
    let expected = "\
<!-- convergence-diff -->
## Effet sur les scores

### `alpha-dcc`

`answers/alpha/alpha-dcc.yaml` · publié → non publiable · publiable : oui → non

Détail masqué : non publiable, ce sujet n'apparaît ni sur le portail ni dans ce commentaire public (1 réponse(s) modifiée(s)).

### Agrégats

| groupe | questionnaire | taux | niveau | sujets concernés |
|---|---|---|---|---|
| National | services | 50,0 % → — | 0,50 → — | 1 → 0 |
| Auvergne-Rhône-Alpes | services | 50,0 % → — | 0,50 → — | 1 → 0 |

### Nouveaux diagnostics

- ❌ `answers/alpha/alpha-dcc.yaml:22:26` CV307 — message masqué : fichier non publiable
";
    assert_eq!(out.stdout, expected);
}

#[test]
fn a_long_report_fits_a_forge_comment_and_the_full_one_is_written_to_a_file() {
    // 400 new services with long names: the comment stops under GitHub's limit with a French
    // truncation line; --full-output keeps every section.
    let t = repo();
    for i in 0..400 {
        let id = format!("alpha-s{i}");
        let long = "x".repeat(180);
        t.write(
            &format!("answers/alpha/{id}.yaml"),
            crate::workflow::service(&id)
                .replace("name: Service", &format!("name: {long}"))
                .replace("publishable: false", "publishable: true"),
        );
    }
    git(&t, &["add", "-A"]);
    git(&t, &["commit", "-q", "-m", "many"]);
    let (c, f) = (t.path().join("c.md"), t.path().join("full.md"));
    let (c, f) = (c.to_str().unwrap(), f.to_str().unwrap());
    let out = t.run(&["diff", "main", "--output", c, "--full-output", f]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let comment = std::fs::read_to_string(t.path().join("c.md")).unwrap();
    let full = std::fs::read_to_string(t.path().join("full.md")).unwrap();
    assert!(comment.chars().count() <= 60_000);
    assert!(comment.chars().count() > 50_000);
    assert!(comment.ends_with("\n**Rapport tronqué** pour tenir dans un commentaire : rapport complet dans l'artefact du job (`diff-complet.md` ; sur GitHub, le résumé du job).\n"), "{}", &comment[comment.len() - 300..]);
    assert_eq!(full.matches("\n### `alpha-s").count(), 400);
    assert!(full.starts_with(&comment[..comment.rfind("\n\n**Rapport").unwrap()]));
}

/// The repository's own data (configuration, content, questionnaires) with the demo at
/// scale 5 written into it, committed on `main`, on a branch `change`.
fn demo_at_scale_5() -> crate::harness::RepoTest {
    let t = crate::harness::RepoTest::fixture("base");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(t.path()).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            std::fs::remove_dir_all(p).unwrap();
        } else {
            std::fs::remove_file(p).unwrap();
        }
    }
    for d in ["content", "questionnaires"] {
        for e in walkdir::WalkDir::new(root.join(d)) {
            let e = e.unwrap();
            if e.file_type().is_file() {
                let rel = e.path().strip_prefix(root).unwrap().to_string_lossy();
                t.write(&rel, std::fs::read(e.path()).unwrap());
            }
        }
    }
    t.write(
        "convergence.yaml",
        std::fs::read(root.join("convergence.yaml")).unwrap(),
    );
    let out = t.run(&["demo", "--scale", "5", "--out", t.path().to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    git(&t, &["init", "-q"]);
    git(&t, &["add", "-A"]);
    git(&t, &["commit", "-q", "-m", "base"]);
    git(&t, &["checkout", "-q", "-b", "change"]);
    t
}

#[test]
fn a_one_answer_change_at_scale_5_gives_the_report_it_always_gave() {
    // Golden report of the demo at scale 5 (1,900 files) after one changed level, recorded
    // with the checkout-based `diff` before it read revisions from git objects.
    let t = demo_at_scale_5();
    edit(
        &t,
        "answers/ara-2/ara-2-messagerie.yaml",
        "A08.1.1: { level: 2 }",
        "A08.1.1: { level: 0 }",
    );
    git(&t, &["commit", "-q", "-am", "change"]);
    let out = t.run(&["diff", "main", "HEAD", "--full"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!(out.stdout);
    // The same comparison against the work tree, and from the two revisions' objects only.
    assert_eq!(t.run(&["diff", "main", "--full"]).stdout, out.stdout);
    let check = t.run(&[
        "check", "--base", "main", "--format", "json", "--author", "visiteur",
    ]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    insta::assert_snapshot!("check_base_scale_5", check.stdout);
}

/// `(code, path, message)` of every diagnostic, sorted.
fn diagnostics(loaded: &convergence::load::Loaded) -> Vec<(String, String, String)> {
    let mut out: Vec<_> = loaded
        .diagnostics
        .iter()
        .map(|d| (d.code.to_string(), d.path.clone(), d.message.clone()))
        .collect();
    out.sort();
    out
}

#[cfg(unix)]
#[test]
fn a_revision_read_from_git_objects_loads_as_its_checkout_does() {
    // Links (leaving the repository, absolute, dangling, to a folder, to a file inside,
    // chained), a file over the size limit, invalid UTF-8, hidden and misplaced files: the
    // revision read from git objects gives the same problems and data as the same commit on
    // disk, and never reads outside the repository.
    use std::os::unix::fs::symlink;
    let t = crate::harness::RepoTest::fixture("base");
    let p = t.path();
    symlink("/etc/passwd", p.join("answers/alpha/absolute.yaml")).unwrap();
    let up = "../".repeat(40);
    symlink(
        format!("{up}etc/passwd"),
        p.join("answers/alpha/escape.yaml"),
    )
    .unwrap();
    symlink("nowhere.yaml", p.join("answers/alpha/dangling.yaml")).unwrap();
    symlink("../editeur-x", p.join("answers/alpha/folder.yaml")).unwrap();
    symlink("../../content/scales", p.join("answers/alpha/scales")).unwrap();
    symlink("chain.yaml", p.join("answers/alpha/loop.yaml")).unwrap();
    symlink("loop.yaml", p.join("answers/alpha/chain.yaml")).unwrap();
    std::fs::rename(
        p.join("answers/alpha/alpha-dcc.yaml"),
        p.join("real-dcc.txt"),
    )
    .unwrap();
    symlink("../../real-dcc.txt", p.join("answers/alpha/alpha-dcc.yaml")).unwrap();
    symlink("alpha-dcc.yaml", p.join("answers/alpha/via.yml")).unwrap();
    t.write("answers/alpha/big.yaml", "# x\n".repeat(1_100_000));
    t.write("answers/alpha/latin1.yaml", b"name: \xe9\n");
    t.write("answers/alpha/.hidden.yaml", "not: read\n");
    t.write("answers/notes.yaml", "misplaced: true\n");
    git(&t, &["init", "-q"]);
    git(&t, &["add", "-A"]);
    git(&t, &["commit", "-q", "-m", "base"]);
    let on_disk = convergence::load::load(p);
    let revision = convergence::workflow::revision::Revision::read(p, "HEAD").unwrap();
    let from_git = convergence::load::load_tree(&revision);
    assert_eq!(diagnostics(&from_git), diagnostics(&on_disk));
    let mut sources: Vec<_> = from_git.sources.keys().collect();
    sources.sort();
    let mut expected: Vec<_> = on_disk.sources.keys().collect();
    expected.sort();
    assert_eq!(sources, expected);
    assert_eq!(
        from_git.sources["answers/alpha/via.yml"].text,
        std::fs::read_to_string(p.join("real-dcc.txt")).unwrap()
    );
    assert_eq!(from_git.repo.subjects.len(), on_disk.repo.subjects.len());
    let codes: Vec<_> = diagnostics(&from_git).into_iter().map(|d| d.0).collect();
    assert!(codes.contains(&"CV008".to_string()), "{codes:?}");

    // From a subfolder of the work tree, the revision is the part under it.
    let outer = tempfile::tempdir().unwrap();
    let inner = outer.path().join("data");
    std::fs::rename(p, &inner).unwrap();
    std::fs::create_dir_all(p).unwrap();
    std::fs::rename(inner.join(".git"), outer.path().join(".git")).unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new("git")
            .arg("-C")
            .arg(outer.path())
            .args(["-c", "user.name=T", "-c", "user.email=t@e.org"])
            .args(args)
            .output()
            .unwrap()
    };
    assert!(run(&["add", "-A"]).status.success());
    assert!(run(&["commit", "-q", "-m", "moved"]).status.success());
    let sub = convergence::workflow::revision::Revision::read(&inner, "HEAD").unwrap();
    assert_eq!(
        diagnostics(&convergence::load::load_tree(&sub)),
        diagnostics(&convergence::load::load(&inner))
    );
}

/// A copy of the files of `t` (its `.git` left out), for a diff of two folders.
fn folder_copy(t: &crate::harness::RepoTest) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let walk = walkdir::WalkDir::new(t.path()).into_iter();
    for entry in walk.filter_entry(|e| e.file_name() != ".git") {
        let entry = entry.unwrap();
        let dest = dir
            .path()
            .join(entry.path().strip_prefix(t.path()).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
    dir
}

#[test]
fn a_base_loaded_by_the_changed_paths_reports_as_two_whole_loads() {
    // BASE is HEAD's load brought to BASE by the paths that differ. With an edited answer, a
    // renamed file (deleted at one path, added at another), an added subject, and then
    // uncommitted and untracked files in the work tree, the report equals that of the same
    // states as two folders, each loaded whole.
    let t = repo();
    let base = folder_copy(&t);
    edit(
        &t,
        "answers/alpha/alpha-dcc.yaml",
        "level: 0\n",
        "level: 2\n",
    );
    let ror = t.path().join("answers/editeur-x/ideocm-ror.yaml");
    let text = std::fs::read_to_string(&ror).unwrap();
    std::fs::remove_file(&ror).unwrap();
    t.write("answers/editeur-x/zz-ror.yaml", &text);
    let added = text.replace("id: ideocm-ror", "id: ideocm-ror-bis");
    t.write("answers/editeur-x/ideocm-ror-bis.yaml", &added);
    git(&t, &["add", "-A"]);
    git(&t, &["commit", "-q", "-m", "change"]);
    let head = folder_copy(&t);
    let path = |d: &tempfile::TempDir| d.path().to_str().unwrap().to_string();
    let whole = t.run(&["diff", &path(&base), &path(&head), "--full"]);
    let patched = t.run(&["diff", "main", "HEAD", "--full"]);
    assert_eq!(patched.code, 0, "{}", patched.stderr);
    assert!(patched.stdout.contains("nouveau"), "{}", patched.stdout);
    assert_eq!(patched.stdout, whole.stdout);
    let committed = patched.stdout;
    // The work tree: an uncommitted edit and an untracked file.
    edit(
        &t,
        "answers/alpha/alpha-dcc.yaml",
        "level: 2\n",
        "level: 3\n",
    );
    t.write(
        "answers/alpha/alpha-new.yaml",
        added.replace("ideocm-ror-bis", "alpha-new"),
    );
    let work = folder_copy(&t);
    let whole = t.run(&["diff", &path(&base), &path(&work), "--full"]);
    let patched = t.run(&["diff", "main", "--full"]);
    assert_eq!(patched.code, 0, "{}", patched.stderr);
    assert!(patched.stdout.contains("alpha-new"), "{}", patched.stdout);
    assert_eq!(patched.stdout, whole.stdout);
    // HEAD named as a revision is the commit, not the work tree it is loaded from.
    let head = t.run(&["diff", "main", "HEAD", "--full"]);
    assert_eq!(head.code, 0, "{}", head.stderr);
    assert_eq!(head.stdout, committed);
}
