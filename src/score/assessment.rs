//! Which levels count: the subjects' own (self-assessment), those recorded by external
//! assessors, or the external ones where they exist and the subject's own elsewhere.

use crate::model::{AssessmentFile, Repository};
use std::collections::BTreeMap;

/// The levels scores are computed on.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    strum::Display,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[strum(serialize_all = "kebab-case")]
pub enum AssessmentMode {
    /// The subjects' own answers (what the portal publishes).
    #[default]
    #[strum(serialize = "self")]
    SelfAssessed,
    /// Only the levels of external assessments: a questionnaire no assessor assessed for a
    /// subject does not count for it.
    External,
    /// The external levels of a questionnaire where an assessor assessed it, else the subject's own.
    Retained,
}

impl AssessmentMode {
    /// The identifier used on the command line.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// The latest external assessment of each subject (by date, then path), by subject id.
pub fn latest_assessments(repo: &Repository) -> BTreeMap<&str, &AssessmentFile> {
    let mut out: BTreeMap<&str, &AssessmentFile> = BTreeMap::new();
    for f in &repo.assessments {
        let key = f.assessment.subject.as_str();
        let newer = out.get(key).is_none_or(|g| {
            (f.assessment.assessed_on, &f.path) > (g.assessment.assessed_on, &g.path)
        });
        if newer {
            out.insert(key, f);
        }
    }
    out
}

/// The repository whose subjects carry the levels of `mode` (a copy, unless `mode` is
/// self-assessment).
pub fn with_assessment(
    repo: &Repository,
    mode: AssessmentMode,
) -> std::borrow::Cow<'_, Repository> {
    if mode == AssessmentMode::SelfAssessed {
        return std::borrow::Cow::Borrowed(repo);
    }
    let latest = latest_assessments(repo);
    let mut out = repo.clone();
    for sf in &mut out.subjects {
        let external = latest.get(sf.subject.id.as_str());
        let own = std::mem::take(&mut sf.subject.questionnaires);
        sf.subject.questionnaires = match (mode, external) {
            (_, Some(f)) => {
                let mut qs = if mode == AssessmentMode::Retained {
                    own
                } else {
                    BTreeMap::new()
                };
                qs.extend(f.assessment.questionnaires.clone());
                qs
            }
            (AssessmentMode::Retained, None) => own,
            _ => BTreeMap::new(),
        };
    }
    std::borrow::Cow::Owned(out)
}
