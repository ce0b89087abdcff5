//! `convergence diff`: the Markdown report of a change's effect on the scores, between two git
//! revisions of a temporary repository.

use crate::workflow::{edit, git, repo};

#[test]
fn reports_changed_answers_plans_scores_aggregates_and_new_warnings() {
    // alpha-dcc A06.2 1 → 2 with a shorter plan; ideocm-socle (draft) A06.2 2 → na;
    // ideocm-ror loses its only answer: a new warning.
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

`answers/alpha/alpha-dcc.yaml`

| critère | avant | après |
|---|---|---|
| A06.2 Intégration de l'INS | 🟧 1 orange | 🟨 2 jaune |

Plans de convergence :
- A06.2 : 2021-T3 : 2, 2022-T2 : 3 → 2022-T2 : 3

| questionnaire · axe | taux | niveau |
|---|---|---|
| **services** | 50 % | 0,50 → 1,00 |
| A06 | 100 % | 1,00 → 2,00 |

### `ideocm-ror` — IdeoCM module ROR

`answers/editeur-x/ideocm-ror.yaml`

| critère | avant | après |
|---|---|---|
| A04.2.2 Peuplement du ROR | 🟧 1 orange | 🟥 0 rouge |

| questionnaire · axe | taux | niveau |
|---|---|---|
| **services** | 50 % → 0 % | 1,00 → 0,00 |
| A04.2 | 50 % → 0 % | 1,00 → 0,00 |

### `ideocm-socle` — IdeoCM

`answers/editeur-x/ideocm-socle.yaml`

| critère | avant | après |
|---|---|---|
| A06.2 Intégration de l'INS | 🟨 2 jaune | ⬜ na non applicable |

| questionnaire · axe | taux | niveau |
|---|---|---|
| **services** | 100 % → — | 2,00 → — |
| A06 | 100 % → — | 2,00 → — |

### Agrégats

| groupe | questionnaire | taux | niveau | sujets concernés |
|---|---|---|---|---|
| National | services | 50 % | 0,50 → 1,00 | 1 |
| Auvergne-Rhône-Alpes | services | 50 % | 0,50 → 1,00 | 1 |
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
| **regional** | 67 % → 100 % | 2,00 → 3,00 |
| A03 | 67 % → 100 % | 2,00 → 3,00 |

### Agrégats

| groupe | questionnaire | taux | niveau | sujets concernés |
|---|---|---|---|---|
| National (SI des organisations) | regional | 67 % → 100 % | 2,00 → 3,00 | 1 |
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
