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
}
