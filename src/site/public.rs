//! Confidentiality: the part of the repository the portal may show. Everything after this
//! step sees only publishable data, so a non-publishable subject cannot leak into any page,
//! chart, download or search entry.

use crate::model::{Repository, Status, Subject, SubjectKind};

/// What the portal withholds, as counts only (the national synthesis starts its funnel from
/// them): never which subjects they are.
#[derive(Debug, Clone, Copy, Default)]
pub struct Withheld {
    /// Services in the repository, published or not.
    pub services: usize,
    /// Of them, services marked non-publishable.
    pub not_publishable: usize,
    /// Of them, publishable services left out because they are drafts.
    pub drafts: usize,
}

/// The counts of [`Withheld`] for `repo`, before [`public_repository`] drops anything.
pub fn withheld(repo: &Repository, include_drafts: bool) -> Withheld {
    let services = repo
        .subjects
        .iter()
        .map(|s| &s.subject)
        .filter(|s| s.kind == SubjectKind::Service);
    let mut out = Withheld::default();
    for s in services {
        out.services += 1;
        if !s.publishable {
            out.not_publishable += 1;
        } else if !include_drafts && s.status != Status::Validated {
            out.drafts += 1;
        }
    }
    out
}

/// Whether the portal shows `subject`: publishable, and validated unless `include_drafts`.
pub fn is_public(subject: &Subject, include_drafts: bool) -> bool {
    subject.publishable && (include_drafts || subject.status == Status::Validated)
}

/// The repository without non-publishable subjects and organisation answers, and without
/// drafts unless `include_drafts`.
pub fn public_repository(repo: Repository, include_drafts: bool) -> Repository {
    let mut public = repo;
    public
        .subjects
        .retain(|s| is_public(&s.subject, include_drafts));
    for org in &mut public.organisations {
        let o = &mut org.value;
        if !o.publishable || (!include_drafts && o.status == Some(Status::Draft)) {
            o.questionnaires.clear();
            o.assessed_on = None;
        }
    }
    public
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn subject(id: &str, publishable: bool, status: Status) -> SubjectFile {
        let subject: Subject = serde_json::from_value(serde_json::json!({
            "id": id, "kind": "service", "name": id, "publishable": publishable,
            "status": status, "assessed_on": "2020-12-01"
        }))
        .unwrap();
        SubjectFile {
            org: "o".into(),
            path: format!("answers/o/{id}.yaml"),
            subject: subject.into(),
        }
    }

    #[test]
    fn drops_non_publishable_subjects_and_drafts() {
        let repo = Repository {
            subjects: vec![
                subject("a", true, Status::Validated),
                subject("b", false, Status::Validated),
                subject("c", true, Status::Draft),
            ],
            ..Repository::default()
        };
        let ids = |r: &Repository| {
            r.subjects
                .iter()
                .map(|s| s.subject.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&public_repository(repo.clone(), false)), ["a"]);
        assert_eq!(ids(&public_repository(repo, true)), ["a", "c"]);
    }
}
