//! Referentials under `content/referentials/`: functional map (POS), common-core service types,
//! regions, national core services, software editors and their solutions.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `content/referentials/pos.yaml`: the functional map ("plan d'occupation des sols").
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PosMap {
    /// Where the definitions come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The functional domains, in display order.
    pub domains: Vec<PosDomain>,
}

/// A functional domain, e.g. `6` "Services régionaux".
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PosDomain {
    /// Number, e.g. `6`.
    pub id: String,
    /// Title.
    pub title: String,
    /// Definition.
    pub definition: String,
    /// Zones of the domain; a domain without zones is itself a zone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub zones: Vec<PosZone>,
}

/// A functional zone, e.g. `6.2` "Coordination".
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PosZone {
    /// Number, e.g. `6.2`.
    pub id: String,
    /// Title.
    pub title: String,
    /// Definition.
    pub definition: String,
}

/// `content/referentials/common-core.yaml`: the common-core service types ("tronc commun").
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommonCore {
    /// Where the definitions come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The types.
    pub types: Vec<CommonCoreType>,
}

/// A common-core service type.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommonCoreType {
    /// Identifier, e.g. `coordination-dcc`.
    pub id: String,
    /// POS zone or domain it belongs to, e.g. `6.2`.
    pub zone: String,
    /// Title, e.g. "Outillage des équipes d'oncologie (DCC)".
    pub title: String,
    /// Definition.
    pub definition: String,
}

/// `content/referentials/regions.yaml`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Regions {
    /// The regions.
    pub regions: Vec<Region>,
}

/// A region.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// INSEE code, e.g. `84`.
    #[schemars(regex(pattern = r"^[0-9]{2}$"))]
    pub code: String,
    /// Name, e.g. "Auvergne-Rhône-Alpes".
    pub name: String,
    /// URL slug, e.g. `auvergne-rhone-alpes`.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    pub slug: String,
}

/// `content/referentials/national-services.yaml`: the national core services.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NationalServices {
    /// The services.
    pub services: Vec<NationalService>,
}

/// A national core service, e.g. DMP or MSSanté.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NationalService {
    /// Identifier, e.g. `dmp`.
    pub id: String,
    /// Name, e.g. "DMP".
    pub name: String,
    /// Description.
    pub description: String,
    /// POS zone it is shown in on cartographies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
}

/// `content/referentials/editors.yaml`: software editors and their solutions.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Editors {
    /// The editors.
    pub editors: Vec<Editor>,
}

/// A software editor.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Editor {
    /// Identifier, e.g. `maincare`.
    pub id: String,
    /// Name.
    pub name: String,
    /// The organisation that speaks for this editor (its folder under `answers/`): the only one
    /// that may declare `editor: <id>` and so publish products under this editor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// Solutions.
    pub solutions: Vec<Solution>,
}

/// A solution of an editor.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Solution {
    /// Identifier, unique within the editor, e.g. `ideocm`.
    pub id: String,
    /// Name, e.g. "IdeoCM".
    pub name: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}
