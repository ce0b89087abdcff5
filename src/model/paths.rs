//! Completion paths (`content/referentials/completion-paths.yaml`): groups of complementary
//! questionnaires a product answers on top of the main ones, e.g. a telehealth referencing path.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `content/referentials/completion-paths.yaml`: the completion paths.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompletionPaths {
    /// Where the paths come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The paths.
    pub paths: Vec<CompletionPath>,
}

/// A completion path: the complementary questionnaires a product on it answers.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompletionPath {
    /// Identifier, e.g. `telesante`.
    pub id: String,
    /// Title.
    pub title: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Questionnaire ids a subject on this path answers.
    pub questionnaires: Vec<String>,
}

impl CompletionPaths {
    /// The path with that id.
    pub fn path(&self, id: &str) -> Option<&CompletionPath> {
        self.paths.iter().find(|p| p.id == id)
    }
}
