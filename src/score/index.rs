//! Lookup maps built once per computation: questionnaires by id, criteria by id with their axis
//! and expected level at the reference date, organisations by id.

use super::{AxisInfo, QuestionnaireInfo, Settings};
use crate::model::{
    Criterion, Date, Organisation, Questionnaire, Repository, Scale, ScaleKind, Scope,
};
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// A questionnaire in force, ready for scoring.
pub(super) struct QIndex<'a> {
    /// The questionnaire.
    pub q: &'a Questionnaire,
    /// Its scale.
    pub scale: &'a Scale,
    /// How the scale is scored.
    pub kind: ScaleKind,
    /// Highest level of the scale.
    pub max: u8,
    /// Criterion id → the criterion, its axis and expected level.
    pub criteria: FxHashMap<&'a str, Crit<'a>>,
    /// For answers given against the superseded version: previous id → id in force.
    pub renamed: FxHashMap<&'a str, &'a str>,
    /// Mandatory criteria (requirement scales).
    pub mandatory: Vec<&'a Criterion>,
}

impl<'a> QIndex<'a> {
    pub(super) fn new(q: &'a Questionnaire, scale: &'a Scale, reference: Date) -> QIndex<'a> {
        let mut criteria = FxHashMap::default();
        let mut mandatory = Vec::new();
        for (ai, axis) in q.axes.iter().enumerate() {
            for c in &axis.criteria {
                let expected = c.expected_at(reference);
                criteria.insert(
                    c.id.as_str(),
                    Crit {
                        axis: ai,
                        c,
                        expected,
                    },
                );
                if c.mandatory {
                    mandatory.push(c);
                }
            }
        }
        let renamed = q
            .supersedes
            .iter()
            .flat_map(|s| s.renamed.iter())
            .map(|(from, to)| (from.as_str(), to.as_str()))
            .collect();
        QIndex {
            q,
            scale,
            kind: scale.kind,
            max: scale.max_level(),
            criteria,
            renamed,
            mandatory,
        }
    }

    /// The criterion an answer key designates, following renames when the answer was given
    /// against the superseded version.
    pub fn criterion(&self, key: &str, version: &str) -> Option<Crit<'a>> {
        let key = match &self.q.supersedes {
            Some(s) if s.version == version && self.q.version != version => {
                self.renamed.get(key).copied().unwrap_or(key)
            }
            _ => key,
        };
        self.criteria.get(key).copied()
    }

    /// Describes the questionnaire for outputs.
    pub fn info(&self) -> QuestionnaireInfo {
        QuestionnaireInfo {
            id: self.q.id.clone(),
            title: self.q.title.clone(),
            version: self.q.version.clone(),
            kind: self.kind,
            max_level: self.max,
            axes: self
                .q
                .axes
                .iter()
                .map(|a| AxisInfo {
                    id: a.id.clone(),
                    title: a.title.clone(),
                })
                .collect(),
        }
    }
}

/// A criterion with its axis position and its expected level at the reference date.
#[derive(Clone, Copy)]
pub(super) struct Crit<'a> {
    /// Position of its axis in the questionnaire.
    pub axis: usize,
    /// The criterion.
    pub c: &'a Criterion,
    /// Expected level at the reference date.
    pub expected: u8,
}

/// Everything scoring needs, indexed once.
pub(super) struct Index<'a> {
    /// The repository.
    pub repo: &'a Repository,
    /// The settings.
    pub settings: Settings,
    /// Service-scope questionnaires in force whose scale exists, in path order.
    pub questionnaires: Vec<QIndex<'a>>,
    /// Questionnaire id → position in `questionnaires`.
    pub by_id: FxHashMap<&'a str, usize>,
    /// Organisation-scope questionnaires in force whose scale exists, in path order.
    pub org_questionnaires: Vec<QIndex<'a>>,
    /// Organisation id → organisation.
    pub orgs: HashMap<&'a str, &'a Organisation>,
}

impl<'a> Index<'a> {
    /// Indexes `repo` for `settings`.
    pub fn new(repo: &'a Repository, settings: &Settings) -> Index<'a> {
        let scales: HashMap<&str, &Scale> = repo
            .scales
            .iter()
            .map(|s| (s.value.id.as_str(), &s.value))
            .collect();
        let of_scope = |scope: Scope| -> Vec<QIndex> {
            repo.questionnaires_in_force()
                .filter(|q| q.scope == scope)
                .filter_map(|q| {
                    let scale = scales.get(q.scale.as_str())?;
                    Some(QIndex::new(q, scale, settings.reference_date))
                })
                .collect()
        };
        let questionnaires = of_scope(Scope::Service);
        let org_questionnaires = of_scope(Scope::Organisation);
        let by_id = questionnaires
            .iter()
            .enumerate()
            .map(|(i, q)| (q.q.id.as_str(), i))
            .collect();
        let orgs = repo
            .organisations
            .iter()
            .map(|o| (o.value.id.as_str(), &o.value))
            .collect();
        Index {
            repo,
            settings: *settings,
            questionnaires,
            by_id,
            org_questionnaires,
            orgs,
        }
    }

    /// The questionnaire in force with that id.
    pub fn questionnaire(&self, id: &str) -> Option<&QIndex<'a>> {
        self.by_id.get(id).map(|&i| &self.questionnaires[i])
    }

    /// Describes every scored questionnaire.
    pub fn infos(&self) -> Vec<QuestionnaireInfo> {
        self.questionnaires.iter().map(QIndex::info).collect()
    }
}
