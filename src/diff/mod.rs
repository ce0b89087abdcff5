//! What a change does to the scores, for a pull-request comment: per changed subject, its state
//! (published, draft, non-publishable, to be decommissioned), every change of membership that
//! moves a figure (organisation, region, zone, type, editor, status flags), each changed answer
//! and plan, its rates and levels per questionnaire and axis before and after and its projected
//! rates, the effect on its region's and on the national aggregates, and the new diagnostics.
//! [`compare`] builds plain data from two loaded repositories; [`render`] writes it as Markdown
//! in which every piece of repository text is inert, and [`truncate`] fits it in a forge
//! comment.

mod escape;
mod organisation;
mod render;

pub use escape::text as escape_text;
pub use render::{COMMENT_BUDGET, TRUNCATED, render, truncate};

use crate::diagnostics::Diagnostic;
use crate::load::Loaded;
use crate::model::{Answer, Date, Repository, Status, Subject, SubjectFile};
use crate::score::{self, GroupBy, GroupScore, Scorer, Settings, SubjectScore};
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// The comparison of two states of the repository.
#[derive(Debug, Clone, Default)]
pub struct Comparison {
    /// Subjects with a score-relevant change and organisations whose answers changed, by path.
    pub subjects: Vec<SubjectChange>,
    /// Aggregates that moved: national first, then regions by code.
    pub aggregates: Vec<AggregateChange>,
    /// Diagnostics present after and not before.
    pub new_diagnostics: Vec<Diagnostic>,
    /// Files of subjects and organisations not publishable on either side: their diagnostics'
    /// messages (which may quote answers) are not shown.
    pub private_paths: BTreeSet<String>,
}

/// One subject's changes.
#[derive(Debug, Clone, Default)]
pub struct SubjectChange {
    /// Path after the change (before, if deleted).
    pub path: String,
    /// Identifier.
    pub id: String,
    /// Name after the change (before, if deleted).
    pub name: String,
    /// Facts about the subject that changed, in French ("statut : brouillon → validé").
    pub facts: Vec<String>,
    /// Its state, before → after when it changed ("brouillon → publié").
    pub state: String,
    /// Non-publishable on either side: the comment, public on the forge, shows no name, answer,
    /// plan or rate of it.
    pub private: bool,
    /// Projected rates per questionnaire at each projection date, before and after.
    pub projections: Vec<Projection>,
    /// Changed answers.
    pub answers: Vec<AnswerChange>,
    /// Added or removed as a whole: answers are counted, not listed.
    pub whole: bool,
    /// An organisation's own answers, rather than a service or product.
    pub organisation: bool,
    /// Scores per questionnaire, before and after.
    pub scores: Vec<ScoreRow>,
}

/// A questionnaire's scores before and after.
pub type ScoreRow = (String, Option<SubjectScore>, Option<SubjectScore>);

/// A questionnaire's projected rate at a projection date, before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    /// Questionnaire id.
    pub questionnaire: String,
    /// Projection date.
    pub date: Date,
    /// Rate before.
    pub before: Option<f64>,
    /// Rate after.
    pub after: Option<f64>,
}

/// A criterion whose level or plan changed.
#[derive(Debug, Clone)]
pub struct AnswerChange {
    /// Questionnaire id.
    pub questionnaire: String,
    /// Criterion id.
    pub criterion: String,
    /// Criterion title, when known.
    pub title: String,
    /// Answer before.
    pub before: Option<Answer>,
    /// Answer after.
    pub after: Option<Answer>,
    /// Highest level of the questionnaire's scale and the labels of its levels, "non
    /// applicable" last.
    pub labels: Vec<String>,
}

/// One group's aggregate on one questionnaire, before and after.
#[derive(Debug, Clone)]
pub struct AggregateChange {
    /// Group label ("National", region name).
    pub group: String,
    /// Questionnaire id.
    pub questionnaire: String,
    /// Before.
    pub before: Option<score::QuestionnaireAggregate>,
    /// After.
    pub after: Option<score::QuestionnaireAggregate>,
}

/// Whether two optional numbers differ by more than rounding noise.
pub(crate) fn moved(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() > 1e-9,
        (None, None) => false,
        _ => true,
    }
}

fn same_answer(a: Option<&Answer>, b: Option<&Answer>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => {
            x.level == y.level && x.plan == y.plan && x.not_plannable == y.not_plannable
        }
        (None, None) => true,
        _ => false,
    }
}

fn labels(repo: &Repository, qid: &str) -> Vec<String> {
    let Some(scale) = repo.questionnaire(qid).and_then(|q| repo.scale(&q.scale)) else {
        return Vec::new();
    };
    let mut out: Vec<String> = scale.levels.iter().map(|l| l.label.clone()).collect();
    out.push(scale.not_applicable.label.clone());
    out
}

fn title(repo: &Repository, qid: &str, version: Option<&str>, cid: &str) -> String {
    let q = match version {
        Some(v) => repo.questionnaire_version(qid, v),
        None => repo.questionnaire(qid),
    };
    q.or_else(|| repo.questionnaire(qid))
        .and_then(|q| q.criterion(cid))
        .map_or_else(String::new, |c| c.title.clone())
}

/// A subject's state as the comment names it.
pub(crate) fn state(s: &Subject) -> &'static str {
    match s {
        s if !s.publishable => "non publiable",
        s if s.archived => "archivé",
        s if s.status == Status::Draft => "brouillon",
        s if s.decommissioning => "publié, à décommissionner",
        _ => "publié",
    }
}

/// `label : before → after` when the two differ (`—` for nothing).
pub(super) fn fact(out: &mut Vec<String>, label: &str, before: Option<&str>, after: Option<&str>) {
    if before != after {
        out.push(format!(
            "{label} : {} → {}",
            before.unwrap_or("—"),
            after.unwrap_or("—")
        ));
    }
}

fn facts(
    (rb, ra): (&Repository, &Repository),
    before: Option<&SubjectFile>,
    after: Option<&SubjectFile>,
) -> Vec<String> {
    let yes = |b: bool| if b { "oui" } else { "non" };
    let status = |s: Status| match s {
        Status::Draft => "brouillon",
        Status::Validated => "validé",
    };
    match (before, after) {
        (None, Some(_)) => vec!["nouveau".into()],
        (Some(_), None) => vec!["supprimé".into()],
        (Some(fb), Some(fa)) => {
            let (b, a) = (&fb.subject, &fa.subject);
            let mut out = Vec::new();
            fact(
                &mut out,
                "statut",
                Some(status(b.status)),
                Some(status(a.status)),
            );
            fact(
                &mut out,
                "publiable",
                Some(yes(b.publishable)),
                Some(yes(a.publishable)),
            );
            fact(
                &mut out,
                "archivé",
                Some(yes(b.archived)),
                Some(yes(a.archived)),
            );
            let (db, da) = (yes(b.decommissioning), yes(a.decommissioning));
            fact(&mut out, "décommissionnement", Some(db), Some(da));
            fact(&mut out, "organisation", Some(&fb.org), Some(&fa.org));
            let (gb, ga) = (region_of(rb, &fb.org), region_of(ra, &fa.org));
            fact(&mut out, "région", gb.as_deref(), ga.as_deref());
            fact(
                &mut out,
                "zone du POS",
                b.pos_zone.as_deref(),
                a.pos_zone.as_deref(),
            );
            let (tb, ta) = (b.common_core.as_deref(), a.common_core.as_deref());
            fact(&mut out, "type du tronc commun", tb, ta);
            fact(
                &mut out,
                "éditeur",
                b.editor.as_deref(),
                a.editor.as_deref(),
            );
            fact(
                &mut out,
                "solution",
                b.solution.as_deref(),
                a.solution.as_deref(),
            );
            let kind = |s: &Subject| format!("{:?}", s.kind).to_lowercase();
            fact(&mut out, "nature", Some(&kind(b)), Some(&kind(a)));
            out
        }
        (None, None) => Vec::new(),
    }
}

type Responses = BTreeMap<String, crate::model::Response>;

/// The answers whose level or plan differ between two sets of responses.
/// Titles and labels come from the state after, else (a deleted questionnaire) before.
pub(super) fn answer_changes(
    (before, after): (&Repository, &Repository),
    qb: &Responses,
    qa: &Responses,
) -> Vec<AnswerChange> {
    let mut out = Vec::new();
    let qids: BTreeSet<&String> = qb.keys().chain(qa.keys()).collect();
    for qid in qids {
        let (b, a) = (qb.get(qid), qa.get(qid));
        let no = BTreeMap::new();
        let ab = b.map_or(&no, |r| &r.answers);
        let aa = a.map_or(&no, |r| &r.answers);
        let cids: BTreeSet<&String> = ab.keys().chain(aa.keys()).collect();
        for cid in cids {
            let (x, y) = (ab.get(cid), aa.get(cid));
            if same_answer(x, y) {
                continue;
            }
            let title = Some(title(after, qid, a.map(|r| r.version.as_str()), cid))
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| title(before, qid, b.map(|r| r.version.as_str()), cid));
            let labels = Some(labels(after, qid))
                .filter(|l| !l.is_empty())
                .unwrap_or_else(|| labels(before, qid));
            out.push(AnswerChange {
                questionnaire: qid.clone(),
                criterion: cid.clone(),
                title,
                before: x.cloned(),
                after: y.cloned(),
                labels,
            });
        }
    }
    out
}

/// The questionnaires whose scores differ, with both sides.
pub(super) fn score_changes(before: &[SubjectScore], after: &[SubjectScore]) -> Vec<ScoreRow> {
    let qids: BTreeSet<&String> = before
        .iter()
        .chain(after)
        .map(|s| &s.questionnaire)
        .collect();
    let mut out = Vec::new();
    for q in qids {
        let b = before.iter().find(|s| &s.questionnaire == q).cloned();
        let a = after.iter().find(|s| &s.questionnaire == q).cloned();
        if b != a {
            out.push((q.clone(), b, a));
        }
    }
    out
}

fn subject_change(
    repos: (&Repository, &Repository),
    fb: Option<&SubjectFile>,
    fa: Option<&SubjectFile>,
) -> SubjectChange {
    let empty = BTreeMap::new();
    let (sb, sa) = (fb.map(|f| &f.subject), fa.map(|f| &f.subject));
    let qb = sb.map_or(&empty, |s| &s.questionnaires);
    let qa = sa.map_or(&empty, |s| &s.questionnaires);
    let states: Vec<&str> = sb.iter().chain(sa.iter()).map(|s| state(s)).collect();
    SubjectChange {
        facts: facts(repos, fb, fa),
        state: match states.as_slice() {
            [b, a] if b != a => format!("{b} → {a}"),
            [s, ..] => s.to_string(),
            [] => String::new(),
        },
        private: sb.iter().chain(sa.iter()).any(|s| !s.publishable),
        whole: sb.is_none() || sa.is_none(),
        answers: answer_changes(repos, qb, qa),
        ..SubjectChange::default()
    }
}

/// A subject's scores on every questionnaire it answered, by questionnaire id, with one side's
/// scorer (its lookup maps built once for the whole side).
fn score_of(scorer: &Scorer, file: Option<&SubjectFile>, at: Option<Date>) -> Vec<SubjectScore> {
    let Some(file) = file else { return Vec::new() };
    file.subject
        .questionnaires
        .keys()
        .filter_map(|q| scorer.score(file, q, at))
        .collect()
}

/// The projection dates of the state after (else before).
fn projection_dates(rb: &Repository, ra: &Repository) -> Vec<Date> {
    [ra, rb]
        .iter()
        .find_map(|r| r.config.as_ref().map(|c| c.value.projection_dates.clone()))
        .unwrap_or_default()
}

/// Projected rates at each date for every questionnaire either side answered.
fn projection_changes(
    (sb, sa): (&Scorer, &Scorer),
    (fb, fa): (Option<&SubjectFile>, Option<&SubjectFile>),
    dates: &[Date],
) -> Vec<Projection> {
    let mut out = Vec::new();
    for &date in dates {
        let (b, a) = (score_of(sb, fb, Some(date)), score_of(sa, fa, Some(date)));
        let qids: BTreeSet<&String> = b.iter().chain(&a).map(|s| &s.questionnaire).collect();
        for q in qids {
            let rate =
                |v: &[SubjectScore]| v.iter().find(|s| &s.questionnaire == q).map(|s| s.rate);
            out.push(Projection {
                questionnaire: q.clone(),
                date,
                before: rate(&b),
                after: rate(&a),
            });
        }
    }
    out
}

/// The region (INSEE code) of the organisation a subject belongs to.
fn region_of(repo: &Repository, org: &str) -> Option<String> {
    repo.organisation(org).and_then(|o| o.region.clone())
}

/// Whether every file read other than the answer files of services and products has the
/// same text on both sides: questionnaires, scales, settings and organisations, all a
/// subject's report depends on besides its own file.
fn others_unchanged(before: &Loaded, after: &Loaded) -> bool {
    let subjects: HashSet<&str> = [&before.repo, &after.repo]
        .iter()
        .flat_map(|r| r.subjects.iter().map(|s| s.path.as_str()))
        .collect();
    let count = |l: &Loaded| {
        l.sources
            .keys()
            .filter(|p| !subjects.contains(p.as_str()))
            .count()
    };
    count(before) == count(after)
        && after
            .sources
            .iter()
            .filter(|(p, _)| !subjects.contains(p.as_str()))
            .all(|(p, s)| before.sources.get(p).is_some_and(|b| b.text == s.text))
}

/// Runs the cross-file checks on both sides, as [`crate::validate::check`] does on each.
/// When every file but the subjects' reads the same on both sides, the subjects' own checks
/// run on the state before only for the subjects whose file differs: the others' problems are
/// those found on the state after (see [`crate::validate::findings_split`]). The state
/// before's problems serve only to tell which of the state after's are new.
pub fn check_both(before: &mut Loaded, after: &mut Loaded) {
    if !others_unchanged(before, after) {
        crate::validate::check(after);
        crate::validate::check(before);
        return;
    }
    let (own, found) = crate::validate::findings_split(after, &|_| false);
    after.diagnostics.extend(found);
    crate::diagnostics::sort(&mut after.diagnostics);
    let same: HashSet<String> = own
        .iter()
        .map(|(path, _)| path)
        .filter(|path| same_text(before, after, path))
        .cloned()
        .collect();
    let (_, found) = crate::validate::findings_split(before, &|path| same.contains(path));
    before.diagnostics.extend(found);
    for (path, diags) in own {
        if same.contains(&path) {
            before.diagnostics.extend(diags);
        }
    }
    crate::diagnostics::sort(&mut before.diagnostics);
}

/// Whether the file at `path` was read on both sides with the same text.
fn same_text(before: &Loaded, after: &Loaded, path: &str) -> bool {
    let (b, a) = (before.sources.get(path), after.sources.get(path));
    b.is_some_and(|b| a.is_some_and(|a| a.text == b.text))
}

/// Whether a subject stands in the same file with the same text on both sides: then, the
/// other files unchanged, it has nothing to report and is not scored.
fn same_file(
    before: &Loaded,
    after: &Loaded,
    fb: Option<&SubjectFile>,
    fa: Option<&SubjectFile>,
) -> bool {
    let (Some(fb), Some(fa)) = (fb, fa) else {
        return false;
    };
    fb.path == fa.path && same_text(before, after, &fb.path)
}

/// Compares two loaded states of the repository.
pub fn compare(before: &Loaded, after: &Loaded) -> Comparison {
    let (rb, ra) = (&before.repo, &after.repo);
    let by_b = rb.subjects_by_id();
    let by_a = ra.subjects_by_id();
    let ids: BTreeSet<&str> = by_b.keys().chain(by_a.keys()).copied().collect();
    let mut out = Comparison::default();
    let mut regions: BTreeSet<String> = BTreeSet::new();
    let dates = projection_dates(rb, ra);
    let scorers = (
        Scorer::new(rb, &Settings::for_repo(rb)),
        Scorer::new(ra, &Settings::for_repo(ra)),
    );
    let stable = others_unchanged(before, after);
    for id in ids {
        let (fb, fa) = (by_b.get(id).copied(), by_a.get(id).copied());
        if stable && same_file(before, after, fb, fa) {
            continue;
        }
        let mut change = subject_change((rb, ra), fb, fa);
        let current = (
            score_of(&scorers.0, fb, None),
            score_of(&scorers.1, fa, None),
        );
        change.scores = score_changes(&current.0, &current.1);
        change.projections = projection_changes((&scorers.0, &scorers.1), (fb, fa), &dates);
        for p in &change.projections {
            if moved(p.before, p.after) && !change.scores.iter().any(|r| r.0 == p.questionnaire) {
                let find = |v: &[SubjectScore]| {
                    v.iter()
                        .find(|s| s.questionnaire == p.questionnaire)
                        .cloned()
                };
                let (b, a) = (find(&current.0), find(&current.1));
                change.scores.push((p.questionnaire.clone(), b, a));
            }
        }
        change.scores.sort_by(|x, y| x.0.cmp(&y.0));
        if change.facts.is_empty() && change.answers.is_empty() && change.scores.is_empty() {
            continue;
        }
        let file = fa.or(fb).expect("one side has the subject");
        change.path = file.path.clone();
        change.id = id.to_string();
        change.name = file.subject.name.clone();
        for (repo, f) in [(rb, fb), (ra, fa)] {
            if let Some(r) = f.and_then(|f| region_of(repo, &f.org)) {
                regions.insert(r);
            }
        }
        out.subjects.push(change);
    }
    // Each side scored once for both groupings; with only answer files changed, the subjects
    // whose file reads the same are scored once for both sides.
    let same = |path: &str| same_text(before, after, path);
    let same: &(dyn Fn(&str) -> bool + Sync) = &same;
    let [national, region] = score::delta::aggregate_both(
        rb,
        ra,
        [GroupBy::National, GroupBy::Region],
        stable.then_some(same),
    );
    aggregate_changes(&mut out.aggregates, &national.0, &national.1, |_| true);
    aggregate_changes(&mut out.aggregates, &region.0, &region.1, |k| {
        regions.contains(k)
    });
    let orgs = organisation::changes(rb, ra, &mut out.aggregates);
    out.subjects.extend(orgs);
    out.subjects.sort_by(|a, b| a.path.cmp(&b.path));
    let known: BTreeSet<(String, &str, &str)> = before
        .diagnostics
        .iter()
        .map(|d| (d.code.to_string(), d.path.as_str(), d.message.as_str()))
        .collect();
    for repo in [rb, ra] {
        let subjects = repo.subjects.iter().filter(|s| !s.subject.publishable);
        let orgs = repo.organisations.iter().filter(|o| !o.value.publishable);
        out.private_paths.extend(subjects.map(|s| s.path.clone()));
        out.private_paths.extend(orgs.map(|o| o.path.clone()));
    }
    out.new_diagnostics = after
        .diagnostics
        .iter()
        .filter(|d| !known.contains(&(d.code.to_string(), d.path.as_str(), d.message.as_str())))
        .cloned()
        .collect();
    out
}

pub(super) fn aggregate_changes(
    out: &mut Vec<AggregateChange>,
    before: &[GroupScore],
    after: &[GroupScore],
    keep: impl Fn(&str) -> bool,
) {
    let keys: BTreeSet<&str> = before.iter().chain(after).map(|g| g.key.as_str()).collect();
    for key in keys.into_iter().filter(|k| keep(k)) {
        let b = before.iter().find(|g| g.key == key);
        let a = after.iter().find(|g| g.key == key);
        let label = a.or(b).map_or(key.to_string(), |g| g.label.clone());
        let qids: BTreeSet<&str> = b
            .iter()
            .chain(a.iter())
            .flat_map(|g| g.questionnaires.iter().map(|q| q.questionnaire.as_str()))
            .collect();
        for q in qids {
            let find = |g: Option<&GroupScore>| {
                g.and_then(|g| g.questionnaires.iter().find(|x| x.questionnaire == q))
                    .cloned()
            };
            let (qb, qa) = (find(b), find(a));
            let changed = match (&qb, &qa) {
                (Some(x), Some(y)) => {
                    moved(x.rate, y.rate) || moved(x.level, y.level) || x.concerned != y.concerned
                }
                (None, None) => false,
                _ => true,
            };
            if changed {
                out.push(AggregateChange {
                    group: label.clone(),
                    questionnaire: q.to_string(),
                    before: qb,
                    after: qa,
                });
            }
        }
    }
}
