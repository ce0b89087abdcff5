//! The repository configuration, `convergence.yaml` at the root.

use super::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `convergence.yaml`: portal settings, reference dates and maintainers.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Portal title.
    pub title: String,
    /// Short description of the portal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Date at which expected levels are read for rates (the publication used 2020-12-15).
    pub reference_date: Date,
    /// Dates at which projections are shown (e.g. end 2022, end 2025).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projection_dates: Vec<Date>,
    /// Data are fictitious: every page that shows them says so.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub demo: bool,
    /// Forge handles who may approve changes, per top-level folder (`questionnaires`,
    /// `content`, `schemas`, …).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub maintainers: BTreeMap<String, Vec<String>>,
    /// Organisations (folders under `answers/`) accredited to record external assessments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assessors: Vec<String>,
    /// The forge hosting the repository, for links to commits and pull requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forge: Option<Forge>,
}

/// The forge hosting the repository.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Forge {
    /// GitHub or GitLab: decides the form of commit and pull-request URLs.
    pub kind: ForgeKind,
    /// The repository's web address, e.g. `https://github.com/ans/observatoire`.
    #[schemars(regex(pattern = r"^https://[^\s]+[^/\s]$"))]
    pub url: String,
}

/// A kind of forge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ForgeKind {
    /// `…/commit/<hash>`, `…/pull/<n>`.
    Github,
    /// `…/-/commit/<hash>`, `…/-/merge_requests/<n>`.
    Gitlab,
}

impl Forge {
    /// The web page of a commit.
    pub fn commit_url(&self, hash: &str) -> String {
        match self.kind {
            ForgeKind::Github => format!("{}/commit/{hash}", self.url),
            ForgeKind::Gitlab => format!("{}/-/commit/{hash}", self.url),
        }
    }

    /// The web page of a pull (merge) request.
    pub fn request_url(&self, number: u32) -> String {
        match self.kind {
            ForgeKind::Github => format!("{}/pull/{number}", self.url),
            ForgeKind::Gitlab => format!("{}/-/merge_requests/{number}", self.url),
        }
    }
}
