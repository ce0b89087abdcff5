//! The whole repository as loaded: configuration, referentials, questionnaires, answers, pages.

use super::*;
use std::collections::HashMap;

/// A value read from a file, with the file's repository-relative path.
#[derive(Debug, Clone)]
pub struct Located<T> {
    /// Repository-relative path with `/` separators.
    pub path: String,
    /// The value.
    pub value: T,
}

/// A service or product with the organisation folder it lives in.
#[derive(Debug, Clone)]
pub struct SubjectFile {
    /// Organisation id (the folder under `answers/`).
    pub org: String,
    /// Repository-relative path.
    pub path: String,
    /// The subject, shared: a copy of the repository (`diff`'s state before, made from the
    /// state after) shares every subject it does not change.
    pub subject: std::sync::Arc<Subject>,
}

/// Everything the repository holds, typed. Files that failed to load are absent (their problems
/// are diagnostics); the rest is here so that every other check can still run.
#[derive(Debug, Clone, Default)]
pub struct Repository {
    /// `convergence.yaml`, if present and valid.
    pub config: Option<Located<Config>>,
    /// Scales, in the order their files are read (by path; each file is named by its id).
    pub scales: Vec<Located<Scale>>,
    /// Questionnaires in force and archived versions, sorted by id then path.
    pub questionnaires: Vec<Located<Questionnaire>>,
    /// Functional map.
    pub pos: Option<Located<PosMap>>,
    /// Common-core service types.
    pub common_core: Option<Located<CommonCore>>,
    /// Regions.
    pub regions: Option<Located<Regions>>,
    /// National core services.
    pub national_services: Option<Located<NationalServices>>,
    /// Software editors.
    pub editors: Option<Located<Editors>>,
    /// Completion paths.
    pub completion_paths: Option<Located<CompletionPaths>>,
    /// Labels, sorted by path.
    pub labels: Vec<Located<Label>>,
    /// External assessments, sorted by path.
    pub assessments: Vec<AssessmentFile>,
    /// Organisations, sorted by path.
    pub organisations: Vec<Located<Organisation>>,
    /// Services and products, sorted by path.
    pub subjects: Vec<SubjectFile>,
    /// Markdown pages, sorted by path.
    pub pages: Vec<Page>,
    /// Frozen campaigns (`campaigns/<id>.json`), sorted by date then id; shared, as the
    /// subjects are, by the copies of the repository.
    pub campaigns: Vec<Located<std::sync::Arc<Campaign>>>,
}

impl Repository {
    /// The questionnaire in force with that id (the one under `questionnaires/`, not the archive).
    pub fn questionnaire(&self, id: &str) -> Option<&Questionnaire> {
        self.questionnaires
            .iter()
            .find(|q| q.value.id == id && !q.path.starts_with("questionnaires/archive/"))
            .map(|q| &q.value)
    }

    /// The questionnaire with that id and version, in force or archived.
    pub fn questionnaire_version(&self, id: &str, version: &str) -> Option<&Questionnaire> {
        self.questionnaires
            .iter()
            .map(|q| &q.value)
            .find(|q| q.id == id && q.version == version)
    }

    /// Questionnaires in force, in path order.
    pub fn questionnaires_in_force(&self) -> impl Iterator<Item = &Questionnaire> {
        self.questionnaires
            .iter()
            .filter(|q| !q.path.starts_with("questionnaires/archive/"))
            .map(|q| &q.value)
    }

    /// The questionnaires in force scored as maturity (rates and levels): trends, projections
    /// and rate charts leave requirement and graded questionnaires out.
    pub fn maturity_questionnaires_in_force(&self) -> impl Iterator<Item = &Questionnaire> {
        self.questionnaires_in_force()
            .filter(|q| self.scale(&q.scale).is_none_or(|s| !s.kind.is_conformity()))
    }

    /// The scale with that id.
    pub fn scale(&self, id: &str) -> Option<&Scale> {
        self.scales.iter().map(|s| &s.value).find(|s| s.id == id)
    }

    /// The organisation with that id.
    pub fn organisation(&self, id: &str) -> Option<&Organisation> {
        self.organisations
            .iter()
            .map(|o| &o.value)
            .find(|o| o.id == id)
    }

    /// The region with that INSEE code.
    pub fn region(&self, code: &str) -> Option<&Region> {
        self.regions
            .as_ref()?
            .value
            .regions
            .iter()
            .find(|r| r.code == code)
    }

    /// The reference date for expected levels (config, else 2020-12-15 as in the publication).
    pub fn reference_date(&self) -> Date {
        self.config
            .as_ref()
            .map(|c| c.value.reference_date)
            .unwrap_or(Date {
                year: 2020,
                month: 12,
                day: 15,
            })
    }

    /// Organisations by id, for lookups in a loop over subjects (where
    /// [`Repository::organisation`], a scan, would make the loop quadratic).
    pub fn organisations_by_id(&self) -> HashMap<&str, &Organisation> {
        // Inserted last to first, so that the first of two with one id stays, as
        // [`Repository::organisation`] finds it.
        self.organisations
            .iter()
            .rev()
            .map(|o| (o.value.id.as_str(), &o.value))
            .collect()
    }

    /// Subjects by id, for lookups linear in the number of subjects.
    pub fn subjects_by_id(&self) -> HashMap<&str, &SubjectFile> {
        self.subjects
            .iter()
            .map(|s| (s.subject.id.as_str(), s))
            .collect()
    }

    /// The completion path with that id.
    pub fn completion_path(&self, id: &str) -> Option<&CompletionPath> {
        self.completion_paths.as_ref()?.value.path(id)
    }

    /// Every valid POS zone or domain id with its title.
    pub fn pos_zones(&self) -> Vec<(&str, &str)> {
        let mut out = Vec::new();
        if let Some(pos) = &self.pos {
            for d in &pos.value.domains {
                out.push((d.id.as_str(), d.title.as_str()));
                for z in &d.zones {
                    out.push((z.id.as_str(), z.title.as_str()));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisations_by_id_finds_what_organisation_finds_the_first_of_two_with_one_id() {
        let org = |id: &str, region: &str| Located {
            path: format!("answers/{id}-{region}/organisation.yaml"),
            value: serde_json::from_value::<Organisation>(serde_json::json!({
                "id": id, "name": id, "kind": "region", "region": region, "owners": ["@o"]
            }))
            .unwrap(),
        };
        let repo = Repository {
            organisations: vec![org("a", "84"), org("b", "53"), org("a", "11")],
            ..Repository::default()
        };
        let by_id = repo.organisations_by_id();
        assert_eq!(by_id.len(), 2);
        for id in ["a", "b", "c"] {
            assert_eq!(
                by_id.get(id).map(|o| o.region.as_deref()),
                repo.organisation(id).map(|o| o.region.as_deref())
            );
        }
        assert_eq!(by_id["a"].region.as_deref(), Some("84"));
    }
}
