//! Aggregates over groups of subjects: national, by region, organisation, functional domain or
//! zone, common-core type, editor, solution, subject or organisation kind.

use super::Settings;
use super::index::{Index, QIndex};
use super::perimeter::{self, Scored};
use super::subject::Raw;
use crate::model::{Date, OrgKind, Organisation, PosDomain, Repository, ScaleKind, SubjectFile};
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// How subjects are grouped.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    JsonSchema,
    strum::Display,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum GroupBy {
    /// One group: every subject of the perimeter.
    National,
    /// By region of the subject's organisation (INSEE code).
    Region,
    /// By organisation.
    Organisation,
    /// By functional domain of the POS (`6` for zone `6.2`).
    Domain,
    /// By functional zone of the POS (`6.2`).
    Zone,
    /// By common-core service type.
    Type,
    /// By software editor.
    Editor,
    /// By solution (`editor/solution`).
    Solution,
    /// One group per subject.
    Subject,
    /// By kind of organisation (region, editor, structure).
    OrgKind,
}

impl GroupBy {
    /// The identifier used on the command line and in outputs.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// The aggregates of one group.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct GroupScore {
    /// How subjects were grouped.
    pub group_by: GroupBy,
    /// Group key: region code, organisation id, zone, type id, `editor/solution`, …
    pub key: String,
    /// Group label for people.
    pub label: String,
    /// One entry per questionnaire, in questionnaire order.
    pub questionnaires: Vec<QuestionnaireAggregate>,
}

/// A group's aggregates on one questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct QuestionnaireAggregate {
    /// Questionnaire identifier.
    pub questionnaire: String,
    /// Mean of the subjects' rates, in [0, 1]; absent when no subject is concerned.
    pub rate: Option<f64>,
    /// Mean of the subjects' levels; absent when no subject is concerned.
    pub level: Option<f64>,
    /// Subjects concerned: those that answered at least one criterion with a level.
    pub concerned: usize,
    /// Subjects of the group in the perimeter that have a response to the questionnaire.
    pub total: usize,
    /// Requirement scales: subjects meeting every mandatory requirement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mandatory_met: Option<usize>,
    /// Graded scales: the grade of the mean score.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
    /// One entry per axis of the questionnaire, in file order.
    pub axes: Vec<AxisAggregate>,
}

/// A group's aggregates on one axis.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct AxisAggregate {
    /// Axis identifier.
    pub axis: String,
    /// Mean of the subjects' axis rates; absent when no subject is concerned.
    pub rate: Option<f64>,
    /// Mean of the subjects' axis levels; absent when no subject is concerned.
    pub level: Option<f64>,
    /// Subjects that answered at least one criterion of the axis with a level.
    pub concerned: usize,
}

/// Aggregates every group of `by`, with current levels (`at` = `None`) or projected at `at`.
pub fn aggregate(
    repo: &Repository,
    settings: &Settings,
    by: GroupBy,
    at: Option<Date>,
) -> Vec<GroupScore> {
    let index = Index::new(repo, settings);
    let scored = perimeter::score_members(&index, &perimeter::members(&index), at);
    group(&index, &scored, by)
}

/// Sums of subject values.
#[derive(Default, Clone)]
struct Sum {
    rate: f64,
    level: f64,
    n: usize,
}

impl Sum {
    fn add(&mut self, rate: f64, level: f64) {
        self.rate += rate;
        self.level += level;
        self.n += 1;
    }
    fn rate(&self) -> Option<f64> {
        (self.n > 0).then(|| self.rate / self.n as f64)
    }
    fn level(&self) -> Option<f64> {
        (self.n > 0).then(|| self.level / self.n as f64)
    }
}

/// Per questionnaire: the questionnaire sum, axis sums, total and mandatory count.
#[derive(Default, Clone)]
struct QSum {
    all: Sum,
    axes: Vec<Sum>,
    total: usize,
    mandatory_met: usize,
}

impl QSum {
    /// Empty sums, one per questionnaire.
    pub fn empty(qis: &[QIndex]) -> Vec<QSum> {
        qis.iter()
            .map(|q| QSum {
                axes: vec![Sum::default(); q.q.axes.len()],
                ..QSum::default()
            })
            .collect()
    }

    /// Adds one member: whether it responded, and its score when it has one.
    pub fn add(&mut self, responded: bool, score: Option<&Raw>) {
        if responded {
            self.total += 1;
        }
        let Some(score) = score else { return };
        self.all.add(score.rate, score.level);
        if score.mandatory_met == Some(true) {
            self.mandatory_met += 1;
        }
        for (sum, a) in self.axes.iter_mut().zip(&score.axes) {
            if a.answered > 0 {
                sum.add(a.rate, a.level);
            }
        }
    }

    /// The means.
    pub fn finish(&self, qi: &QIndex) -> QuestionnaireAggregate {
        QuestionnaireAggregate {
            questionnaire: qi.q.id.clone(),
            rate: self.all.rate(),
            level: self.all.level(),
            concerned: self.all.n,
            total: self.total,
            mandatory_met: (qi.kind == ScaleKind::Requirement).then_some(self.mandatory_met),
            grade: match (qi.kind, self.all.rate()) {
                (ScaleKind::Graded, Some(r)) => qi.scale.grade_for(r * 100.0).map(str::to_string),
                _ => None,
            },
            axes: self
                .axes
                .iter()
                .zip(&qi.q.axes)
                .map(|(s, a)| AxisAggregate {
                    axis: a.id.clone(),
                    rate: s.rate(),
                    level: s.level(),
                    concerned: s.n,
                })
                .collect(),
        }
    }
}

/// The aggregates of a group without members, one per questionnaire of `qis`.
pub(super) fn empty(qis: &[QIndex]) -> Vec<QuestionnaireAggregate> {
    QSum::empty(qis)
        .iter()
        .zip(qis)
        .map(|(s, qi)| s.finish(qi))
        .collect()
}

/// Groups already-scored subjects on the service-scope questionnaires.
pub(super) fn group(
    index: &Index,
    scored: &[Scored<&SubjectFile>],
    by: GroupBy,
) -> Vec<GroupScore> {
    let keyed = scored.iter().map(|sc| (key_of(index, sc.who, by), sc));
    group_keyed(index.repo, &index.questionnaires, by, keyed)
}

/// Groups already-scored organisations on the organisation-level questionnaires: nationally,
/// by region, organisation or kind (other groupings describe subjects and give no group).
pub(super) fn group_organisations(
    index: &Index,
    scored: &[Scored<&Organisation>],
    by: GroupBy,
) -> Vec<GroupScore> {
    let keyed = scored.iter().map(|sc| {
        let o = sc.who;
        let key = match by {
            GroupBy::National => Some(NATIONAL.into()),
            GroupBy::Region => o.region.clone(),
            GroupBy::Organisation => Some(o.id.clone()),
            GroupBy::OrgKind => Some(org_kind_key(o.kind).to_string()),
            _ => None,
        };
        (key, sc)
    });
    group_keyed(index.repo, &index.org_questionnaires, by, keyed)
}

/// Sums the members of each key and takes their means, groups in display order.
fn group_keyed<'s, T: 's>(
    repo: &Repository,
    qis: &[QIndex],
    by: GroupBy,
    members: impl Iterator<Item = (Option<String>, &'s Scored<T>)>,
) -> Vec<GroupScore> {
    let labels = Labels::new(repo, by);
    let empty = QSum::empty(qis);
    let mut groups: BTreeMap<(usize, String), Vec<QSum>> = BTreeMap::new();
    for (key, sc) in members {
        let Some(key) = key else { continue };
        let rank = labels.rank(&key);
        let sums = groups.entry((rank, key)).or_insert_with(|| empty.clone());
        for (i, qs) in sums.iter_mut().enumerate() {
            qs.add(sc.responded[i], sc.scores[i].as_ref());
        }
    }
    groups
        .into_iter()
        .map(|((_, key), sums)| GroupScore {
            group_by: by,
            label: labels.label(&key),
            questionnaires: sums.iter().zip(qis).map(|(qs, qi)| qs.finish(qi)).collect(),
            key,
        })
        .collect()
}

/// The key of the one group of the `National` grouping.
pub const NATIONAL: &str = "national";

/// The POS domain a zone or domain id belongs to (`6.2` → `6`): the domain with that id or
/// holding a zone with that id, as the functional map (POS) lists them.
pub fn domain_of<'a>(repo: &'a Repository, zone: &str) -> Option<&'a PosDomain> {
    let pos = &repo.pos.as_ref()?.value;
    pos.domains
        .iter()
        .find(|d| d.id == zone || d.zones.iter().any(|z| z.id == zone))
}

/// The key of a solution in the `Solution` grouping: `editor/solution`.
pub fn solution_key(editor: &str, solution: &str) -> String {
    format!("{editor}/{solution}")
}

/// The group a subject belongs to, if any (a subject without a zone has no domain, …).
fn key_of(index: &Index, sf: &SubjectFile, by: GroupBy) -> Option<String> {
    let s = &sf.subject;
    let org = || index.orgs.get(sf.org.as_str()).copied();
    match by {
        GroupBy::National => Some(NATIONAL.into()),
        GroupBy::Region => org()?.region.clone(),
        GroupBy::Organisation => Some(sf.org.clone()),
        GroupBy::Domain => Some(domain_of(index.repo, s.pos_zone.as_deref()?)?.id.clone()),
        GroupBy::Zone => s.pos_zone.clone(),
        GroupBy::Type => s.common_core.clone(),
        GroupBy::Editor => s.editor.clone(),
        GroupBy::Solution => Some(solution_key(s.editor.as_deref()?, s.solution.as_deref()?)),
        GroupBy::Subject => Some(s.id.clone()),
        GroupBy::OrgKind => Some(org_kind_key(org()?.kind).to_string()),
    }
}

fn org_kind_key(kind: OrgKind) -> &'static str {
    match kind {
        OrgKind::Region => "region",
        OrgKind::Editor => "editor",
        OrgKind::Structure => "structure",
    }
}

/// Labels and display ranks of the groups of one grouping, from the referentials.
struct Labels {
    known: HashMap<String, (usize, String)>,
}

impl Labels {
    fn new(repo: &Repository, by: GroupBy) -> Labels {
        let pairs: Vec<(String, String)> = match by {
            GroupBy::National => vec![(NATIONAL.into(), "National".into())],
            GroupBy::Region => repo
                .regions
                .iter()
                .flat_map(|r| &r.value.regions)
                .map(|r| (r.code.clone(), r.name.clone()))
                .collect(),
            GroupBy::Organisation => repo
                .organisations
                .iter()
                .map(|o| (o.value.id.clone(), o.value.name.clone()))
                .collect(),
            GroupBy::Domain => repo
                .pos
                .iter()
                .flat_map(|p| &p.value.domains)
                .map(|d| (d.id.clone(), d.title.clone()))
                .collect(),
            GroupBy::Zone => repo
                .pos_zones()
                .into_iter()
                .map(|(id, title)| (id.to_string(), title.to_string()))
                .collect(),
            GroupBy::Type => repo
                .common_core
                .iter()
                .flat_map(|c| &c.value.types)
                .map(|t| (t.id.clone(), t.title.clone()))
                .collect(),
            GroupBy::Editor => repo
                .editors
                .iter()
                .flat_map(|e| &e.value.editors)
                .map(|e| (e.id.clone(), e.name.clone()))
                .collect(),
            GroupBy::Solution => repo
                .editors
                .iter()
                .flat_map(|e| &e.value.editors)
                .flat_map(|e| {
                    e.solutions.iter().map(move |s| {
                        (
                            solution_key(&e.id, &s.id),
                            format!("{} ({})", s.name, e.name),
                        )
                    })
                })
                .collect(),
            GroupBy::Subject => repo
                .subjects
                .iter()
                .map(|s| (s.subject.id.clone(), s.subject.name.clone()))
                .collect(),
            GroupBy::OrgKind => vec![
                ("region".into(), "Régions".into()),
                ("editor".into(), "Éditeurs".into()),
                ("structure".into(), "Structures".into()),
            ],
        };
        // Regions, organisations, editors, solutions and subjects sort by key; the functional
        // map and the common core keep their referential order.
        let ordered = matches!(
            by,
            GroupBy::Domain | GroupBy::Zone | GroupBy::Type | GroupBy::OrgKind
        );
        let known = pairs
            .into_iter()
            .enumerate()
            .map(|(i, (k, l))| (k, (if ordered { i } else { 0 }, l)))
            .collect();
        Labels { known }
    }

    fn rank(&self, key: &str) -> usize {
        self.known.get(key).map_or(usize::MAX, |(r, _)| *r)
    }

    fn label(&self, key: &str) -> String {
        self.known
            .get(key)
            .map_or_else(|| key.to_string(), |(_, l)| l.clone())
    }
}
