//! A frozen campaign, `campaigns/<id>.json`: the official record of one campaign's figures,
//! written by `convergence campaign close` and never edited afterwards. It keeps what later
//! comparisons need (every public subject's levels, plans and perimeter flags, the questionnaire
//! versions) and the figures published at its date (every current aggregate).

use super::{Date, LevelValue, Quarter, Scope};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A frozen campaign file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Campaign {
    /// Identifier, equal to the file name without extension, e.g. `2020`.
    pub id: String,
    /// Date of the campaign: levels as declared then, expected levels read at this date.
    pub date: Date,
    /// The commit the figures were computed from, when closed in a git checkout.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
    /// Perimeter of the aggregates (`common-core` for the publication's).
    pub perimeter: String,
    /// Questionnaires in force at the close, with their versions and axes.
    pub questionnaires: Vec<FrozenQuestionnaire>,
    /// Every public service and product (publishable, not archived, validated), by path.
    pub subjects: Vec<FrozenSubject>,
    /// Every public organisation that answered an organisation-level questionnaire.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organisations: Vec<FrozenSubject>,
    /// Every current aggregate: one row per grouping, group, questionnaire and axis.
    pub aggregates: Vec<FrozenAggregate>,
}

/// A questionnaire as frozen in a campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrozenQuestionnaire {
    /// Identifier.
    pub id: String,
    /// Version in force at the close.
    pub version: String,
    /// Service or organisation.
    pub scope: Scope,
    /// Axis identifiers, in file order.
    pub axes: Vec<String>,
}

/// A subject (or an organisation) as frozen in a campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrozenSubject {
    /// Subject identifier (the organisation's for organisation-level answers).
    pub id: String,
    /// Organisation identifier.
    pub org: String,
    /// Region code of its organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Software editor identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub editor: Option<String>,
    /// Whether it counted in the aggregates.
    pub in_perimeter: bool,
    /// To be decommissioned: excluded from projections.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub decommissioning: bool,
    /// Responses, keyed by questionnaire id.
    pub questionnaires: BTreeMap<String, FrozenResponse>,
}

/// One response as frozen in a campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrozenResponse {
    /// Version of the questionnaire answered.
    pub version: String,
    /// Level declared per criterion id.
    pub levels: BTreeMap<String, LevelValue>,
    /// Convergence plan per criterion id: quarter → level planned by its end.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub plans: BTreeMap<String, BTreeMap<Quarter, u8>>,
    /// Criteria declared not plannable.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_plannable: Vec<String>,
}

/// One aggregate as published at the campaign's date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrozenAggregate {
    /// Grouping (`national`, `region`, `organisation`, `domain`, `zone`, `type`, `editor`,
    /// `solution`, `org-kind`).
    pub group_by: String,
    /// Group key.
    pub group: String,
    /// Questionnaire identifier.
    pub questionnaire: String,
    /// Axis identifier; absent for the questionnaire as a whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub axis: Option<String>,
    /// Mean rate in [0, 1], rounded to 6 decimals; absent when no subject is concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<f64>,
    /// Mean level, rounded to 6 decimals; absent when no subject is concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<f64>,
    /// Subjects concerned.
    pub concerned: usize,
    /// Subjects of the group with a response to the questionnaire.
    pub total: usize,
}

impl Campaign {
    /// The aggregate row of a group on a questionnaire (`axis` `None`) or one of its axes.
    pub fn aggregate(
        &self,
        group_by: &str,
        group: &str,
        questionnaire: &str,
        axis: Option<&str>,
    ) -> Option<&FrozenAggregate> {
        self.aggregates.iter().find(|a| {
            a.group_by == group_by
                && a.group == group
                && a.questionnaire == questionnaire
                && a.axis.as_deref() == axis
        })
    }
}
