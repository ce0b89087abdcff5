//! External assessments: the levels an assessor organisation records for a subject of another
//! organisation, in its own folder (`answers/<assessor>/evaluations/<id>.yaml`), so that the
//! subject's owners cannot write them.

use super::{Date, Response};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An external assessment file, `answers/<assessor>/evaluations/<id>.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// Identifier, equal to the file name without extension.
    pub id: String,
    /// The service or product assessed (its id).
    pub subject: String,
    /// Date of the assessment.
    pub assessed_on: Date,
    /// Levels recorded by the assessor, keyed by questionnaire id.
    pub questionnaires: BTreeMap<String, Response>,
}

/// An assessment with the assessor folder it lives in.
#[derive(Debug, Clone)]
pub struct AssessmentFile {
    /// Assessor organisation id (the folder under `answers/`).
    pub org: String,
    /// Repository-relative path.
    pub path: String,
    /// The assessment.
    pub assessment: Assessment,
}
