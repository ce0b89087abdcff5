//! Everything computed once per build before pages are rendered: who answered what, their
//! figures at the reference date and at each projection date, lookups by region, zone and editor.

use super::scores::{self, Figures, Scores, Settings};
use crate::charts::map::GeoMap;
use crate::charts::rosace::Frames;
use crate::model::*;
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
    /// Counts in projections.
    pub in_projection: bool,
    /// Figures per questionnaire id: at date, then one per projection date.
    pub figures: BTreeMap<String, Vec<Option<Figures>>>,
}

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
    subjects: crate::fnv::FnvMap<&'a str, usize>,
    /// Region outlines.
    pub geo: GeoMap,
    /// Frames of each questionnaire's rosaces, by questionnaire id, drawn once.
    pub frames: BTreeMap<String, Frames>,
    /// Markdown of `docs/method.md`, if present.
    pub method: Option<String>,
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
    pub fn new(
        repo: &'a Repository,
        settings: Settings,
        geo: GeoMap,
        method: Option<String>,
    ) -> Index<'a> {
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
                in_projection: settings.in_perimeter(s) && !s.decommissioning,
                figures: BTreeMap::new(),
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
                in_projection: o.publishable,
                figures: BTreeMap::new(),
            });
        }
        let scores = Scores::compute(repo, &settings);
        // Subjects and organisations are looked up apart: they may share an id.
        let subject_sheets: HashMap<&str, (&Vec<_>, &Vec<_>)> = scores
            .subjects
            .iter()
            .map(|s| (s.subject.as_str(), (&s.current, &s.projections)))
            .collect();
        let org_sheets: HashMap<&str, (&Vec<_>, &Vec<_>)> = scores
            .organisations
            .organisations
            .iter()
            .map(|o| (o.org.as_str(), (&o.current, &o.projections)))
            .collect();
        for r in &mut respondents {
            let sheets = if r.subject.is_some() {
                &subject_sheets
            } else {
                &org_sheets
            };
            let Some((current, projections)) = sheets.get(r.id) else {
                continue;
            };
            for qid in r.responses.keys() {
                let Some(q) = repo.questionnaire(qid) else {
                    continue;
                };
                let find = |list: &Vec<crate::score::SubjectScore>| {
                    list.iter()
                        .find(|s| &s.questionnaire == qid)
                        .map(|s| scores::from_subject(q, s))
                };
                let mut figs = vec![find(current)];
                for d in &moments[1..] {
                    figs.push(
                        projections
                            .iter()
                            .find(|p| p.date == *d)
                            .and_then(|p| find(&p.scores)),
                    );
                }
                r.figures.insert(qid.clone(), figs);
            }
        }
        let mut subjects = crate::fnv::FnvMap::default();
        for (i, r) in respondents.iter().enumerate() {
            if r.subject.is_some() {
                subjects.entry(r.id).or_insert(i);
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
            geo,
            frames,
            method,
        }
    }

    /// Figures of the respondents selected by `keep` for questionnaire `q`, one per moment
    /// (at date, then projections), each over its own perimeter.
    pub fn group(&self, q: &Questionnaire, keep: impl Fn(&Respondent) -> bool) -> Vec<Figures> {
        let who: Vec<&Respondent> = self.respondents.iter().filter(|r| keep(r)).collect();
        self.group_among(q, &who)
    }

    /// Like [`Index::group`], over respondents already selected (linear in their number).
    pub fn group_among(&self, q: &Questionnaire, who: &[&Respondent]) -> Vec<Figures> {
        (0..self.moments.len())
            .map(|m| {
                let members: Vec<&Figures> = who
                    .iter()
                    .filter(|r| if m == 0 { r.in_date } else { r.in_projection })
                    .filter_map(|r| r.figures.get(&q.id)?.get(m)?.as_ref())
                    .collect();
                scores::group(q, &members)
            })
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

    /// The POS domain a zone or domain id belongs to (`6.2` → `6`).
    pub fn domain_of(&self, zone: &str) -> Option<&'a PosDomain> {
        let pos = &self.repo.pos.as_ref()?.value;
        pos.domains
            .iter()
            .find(|d| d.id == zone || d.zones.iter().any(|z| z.id == zone))
    }
}
