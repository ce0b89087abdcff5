//! Markdown pages in `content/doctrine/`, `content/faq/` and `content/pages/`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The YAML front matter of a Markdown page.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    /// Title.
    pub title: String,
    /// One-sentence summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Doctrine axis this page documents, e.g. `A04.1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub axis: Option<String>,
    /// Reference to the source section summarised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Sort key within its section (lower first).
    #[serde(default)]
    pub order: i64,
}

/// Section a page belongs to, from its folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageSection {
    /// `content/doctrine/`.
    Doctrine,
    /// `content/faq/`.
    Faq,
    /// `content/pages/`.
    Page,
}

/// A Markdown page with its front matter.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// Section.
    pub section: PageSection,
    /// Slug, from the file name.
    pub slug: String,
    /// Repository-relative path.
    pub path: String,
    /// Front matter.
    pub meta: PageMeta,
    /// Markdown body (after the front matter).
    pub body: String,
}
