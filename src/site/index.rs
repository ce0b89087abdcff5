//! Everything computed once per build before pages are rendered: who answered what, their
//! figures at the reference date and at each projection date, lookups by region, zone and editor.

use super::scores::{self, Figures, Scores, Settings};
use crate::charts::map::GeoMap;
use crate::charts::rosace::Frames;
use crate::model::*;
use crate::score::{GroupBy, GroupScore, SubjectScore};
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, HashMap};

/// A subject or an organisation that answered questionnaires.
#[derive(Debug)]
pub struct Respondent<'a> {
    /// Identifier.
    pub id: &'a str,
    /// Name.
    pub name: &'a str,
    /// The subject, when it is one (organisations answer organisation questionnaires).
    pub subject: Option<&'a SubjectFile>,
    /// Organisation it belongs to (itself for an organisation).
    pub org: Option<&'a Organisation>,
    /// Region code, from the organisation.
    pub region: Option<&'a str>,
    /// Answers by questionnaire id.
    pub responses: &'a BTreeMap<String, Response>,
    /// Counts in aggregates at date.
    pub in_date: bool,
    /// Its score sheet: its position in the score module's subject sheets (organisation
    /// sheets for an organisation), where [`Index::score`] reads its figures.
    sheet: Option<usize>,
}

/// Group key → the group's position among its grouping's groups at each moment (`None` when
/// the group has no member then).
type GroupPositions = HashMap<String, Vec<Option<usize>>>;

/// The build's precomputed data.
pub struct Index<'a> {
    /// The public repository.
    pub repo: &'a Repository,
    /// Scoring settings.
    pub settings: Settings,
    /// Everything the score module computed for the public repository.
    pub scores: Scores,
    /// Reference date then projection dates: the "moments" of every figure vector.
    pub moments: Vec<Date>,
    /// Labels of the moments ("À date (15/12/2020)", "Fin 2022", …).
    pub moment_labels: Vec<String>,
    /// Every respondent: subjects in path order, then organisations with answers.
    pub respondents: Vec<Respondent<'a>>,
    /// Subject id → its position in `respondents`.
    subjects: FxHashMap<&'a str, usize>,
    /// (organisation-level, grouping) → group key → the group's position in its grouping, at
    /// each moment: where [`Index::figures`] finds a group's aggregates.
    groups: HashMap<(bool, GroupBy), GroupPositions>,
    /// Region outlines.
    pub geo: GeoMap,
    /// Frames of each questionnaire's rosaces, by questionnaire id, drawn once.
    pub frames: BTreeMap<String, Frames>,
    /// What the public repository leaves out, as counts.
    pub withheld: super::public::Withheld,
}

/// Label of a date for legends: "Fin 2025" for a 31 December, else the French date.
pub fn date_label(d: Date) -> String {
    if d.month == 12 && d.day == 31 {
        format!("Fin {}", d.year)
    } else {
        format!("{:02}/{:02}/{}", d.day, d.month, d.year)
    }
}

impl<'a> Index<'a> {
    /// Scores every respondent of `repo` once.
    pub fn new(repo: &'a Repository, settings: Settings, geo: GeoMap) -> Index<'a> {
        let mut moments = vec![settings.reference_date];
        if let Some(c) = &repo.config {
            moments.extend(c.value.projection_dates.iter().copied());
        }
        let mut moment_labels = vec![format!("À date ({})", date_label(moments[0]))];
        moment_labels.extend(moments[1..].iter().map(|d| date_label(*d)));
        let orgs: HashMap<&str, &Organisation> = repo
            .organisations
            .iter()
            .map(|o| (o.value.id.as_str(), &o.value))
            .collect();
        let mut respondents = Vec::new();
        for sf in &repo.subjects {
            let s = &sf.subject;
            let org = orgs.get(sf.org.as_str()).copied();
            respondents.push(Respondent {
                id: &s.id,
                name: &s.name,
                subject: Some(sf),
                org,
                region: org.and_then(|o| o.region.as_deref()),
                responses: &s.questionnaires,
                in_date: settings.in_perimeter(s),
                sheet: None,
            });
        }
        for o in repo.organisations.iter().map(|o| &o.value) {
            if o.questionnaires.is_empty() {
                continue;
            }
            respondents.push(Respondent {
                id: &o.id,
                name: &o.name,
                subject: None,
                org: Some(o),
                region: o.region.as_deref(),
                responses: &o.questionnaires,
                in_date: o.publishable,
                sheet: None,
            });
        }
        let scores = Scores::compute(repo, &settings);
        // Subjects and organisations are looked up apart: they may share an id.
        let subject_sheets: HashMap<&str, usize> = scores
            .subjects
            .iter()
            .enumerate()
            .map(|(i, s)| (s.subject.as_str(), i))
            .collect();
        let org_sheets: HashMap<&str, usize> = scores
            .organisations
            .organisations
            .iter()
            .enumerate()
            .map(|(i, o)| (o.org.as_str(), i))
            .collect();
        for r in &mut respondents {
            let sheets = if r.subject.is_some() {
                &subject_sheets
            } else {
                &org_sheets
            };
            r.sheet = sheets.get(r.id).copied();
        }
        let mut subjects = FxHashMap::default();
        for (i, r) in respondents.iter().enumerate() {
            if r.subject.is_some() {
                subjects.entry(r.id).or_insert(i);
            }
        }
        let mut groups: HashMap<(bool, GroupBy), GroupPositions> = HashMap::new();
        for m in 0..moments.len() {
            for (org, by, list) in groupings(&scores, m) {
                let keys = groups.entry((org, by)).or_default();
                for (i, g) in list.iter().enumerate() {
                    let at = keys
                        .entry(g.key.clone())
                        .or_insert_with(|| vec![None; moments.len()]);
                    at[m] = Some(i);
                }
            }
        }
        let mut frames = BTreeMap::new();
        for q in repo.questionnaires_in_force() {
            frames
                .entry(q.id.clone())
                .or_insert_with(|| Frames::new(&super::views::spokes(q)));
        }
        Index {
            repo,
            settings,
            scores,
            moments,
            moment_labels,
            respondents,
            subjects,
            groups,
            geo,
            frames,
            withheld: super::public::Withheld::default(),
        }
    }

    /// The figures of a group on questionnaire `q`, one per moment (at date, then
    /// projections), as the score module aggregated them: `key` is the group's key in the
    /// grouping `by` (a region code, an organisation id…; `national` for everyone).
    pub fn figures(&self, q: &Questionnaire, by: GroupBy, key: &str) -> Vec<Figures> {
        let org = q.scope == Scope::Organisation;
        let infos = if org {
            &self.scores.organisations.questionnaires
        } else {
            &self.scores.questionnaires
        };
        let qpos = infos.iter().position(|i| i.id == q.id);
        let at = self.groups.get(&(org, by)).and_then(|keys| keys.get(key));
        (0..self.moments.len())
            .map(|m| {
                let list = groupings(&self.scores, m)
                    .find(|(o, b, _)| (*o, *b) == (org, by))
                    .map_or(&[][..], |(_, _, list)| list);
                let group = at.and_then(|at| list.get(at[m]?));
                match group.and_then(|g| g.questionnaires.get(qpos?)) {
                    Some(a) => scores::from_aggregate(q, a),
                    None => scores::empty(q),
                }
            })
            .collect()
    }

    /// The questionnaires a respondent has figures for: those it answered that are in force,
    /// by id; none when the score module has no sheet for it.
    pub fn scored(&self, r: &Respondent<'a>) -> impl Iterator<Item = &'a Questionnaire> + use<'a> {
        let repo = self.repo;
        r.sheet
            .is_some()
            .then_some(r.responses.keys())
            .into_iter()
            .flatten()
            .filter_map(move |qid| repo.questionnaire(qid))
    }

    /// A respondent's score on questionnaire `qid` at moment `m` (0 at date, then each
    /// projection date), as the score module computed it for its sheet.
    pub fn score(&self, r: &Respondent, qid: &str, m: usize) -> Option<&SubjectScore> {
        let at = r.sheet?;
        let (current, projections) = if r.subject.is_some() {
            let s = &self.scores.subjects[at];
            (&s.current, &s.projections)
        } else {
            let o = &self.scores.organisations.organisations[at];
            (&o.current, &o.projections)
        };
        let list = match m {
            0 => current,
            _ => {
                let date = self.moments.get(m)?;
                &projections.iter().find(|p| p.date == *date)?.scores
            }
        };
        list.iter().find(|s| s.questionnaire == qid)
    }

    /// A respondent's figures on `q`, one per moment (`None` where it has no score); empty
    /// when it did not answer `q` or has no sheet. Built from its sheet when asked, not kept.
    pub fn respondent_figures(&self, r: &Respondent, q: &Questionnaire) -> Vec<Option<Figures>> {
        if r.sheet.is_none() || !r.responses.contains_key(&q.id) {
            return Vec::new();
        }
        (0..self.moments.len())
            .map(|m| self.score(r, &q.id, m).map(|s| scores::from_subject(q, s)))
            .collect()
    }

    /// The respondent that is this subject.
    pub fn subject(&self, id: &str) -> Option<&Respondent<'a>> {
        self.respondents.get(*self.subjects.get(id)?)
    }

    /// The scale of a questionnaire, if it exists.
    pub fn scale_of(&self, q: &Questionnaire) -> Option<&'a Scale> {
        self.repo.scale(&q.scale)
    }
}

/// Every grouping the score module computed at moment `m`: whether it is of organisation-level
/// questionnaires, how it groups, and its groups.
fn groupings(scores: &Scores, m: usize) -> impl Iterator<Item = (bool, GroupBy, &[GroupScore])> {
    let service = scores
        .snapshots
        .get(m)
        .into_iter()
        .flat_map(|s| &s.groupings);
    let org = scores
        .organisations
        .national
        .get(m)
        .into_iter()
        .flat_map(|s| &s.groupings);
    service
        .map(|g| (false, g.group_by, g.groups.as_slice()))
        .chain(org.map(|g| (true, g.group_by, g.groups.as_slice())))
}
