//! A frozen campaign, `campaigns/<id>.json`: the official record of one campaign's figures,
//! written by `convergence campaign close` and never edited afterwards. It keeps what later
//! comparisons need (every public subject's levels, plans and perimeter flags, the questionnaire
//! versions) and the figures published at its date (every current aggregate).
//!
//! A campaign at national scale freezes millions of levels and plans: they are held in
//! [`Frozen`] maps, sorted slices whose criterion ids are shared by every subject, a third of
//! the memory of maps of owned strings. A subject's responses are a [`Frozen`] map too: a
//! `BTreeMap` node has room for eleven responses, and a subject answers two or three.

use super::{Date, LevelValue, Quarter, Scope};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

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
    #[schemars(with = "BTreeMap<String, FrozenResponse>")]
    pub questionnaires: Frozen<FrozenResponse>,
}

/// One response as frozen in a campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrozenResponse {
    /// Version of the questionnaire answered.
    pub version: String,
    /// Level declared per criterion id.
    #[schemars(with = "BTreeMap<String, LevelValue>")]
    pub levels: Frozen<LevelValue>,
    /// Convergence plan per criterion id: quarter → level planned by its end.
    #[serde(default, skip_serializing_if = "Frozen::is_empty")]
    #[schemars(with = "BTreeMap<String, BTreeMap<Quarter, u8>>")]
    pub plans: Frozen<FrozenPlan>,
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

/// A map from criterion id to `V`, read and written as a JSON object: its entries sorted by id
/// in one slice, each id shared with every other map that names the same criterion (see
/// `intern`). A campaign holds a few of them per subject and response.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Frozen<V>(Box<[(Arc<str>, V)]>);

impl<V> Frozen<V> {
    /// The value of `criterion`.
    pub fn get(&self, criterion: &str) -> Option<&V> {
        let at = self
            .0
            .binary_search_by(|(c, _)| (**c).cmp(criterion))
            .ok()?;
        Some(&self.0[at].1)
    }

    /// The entries, by criterion id.
    pub fn iter(&self) -> impl Iterator<Item = (&Arc<str>, &V)> {
        self.0.iter().map(|(c, v)| (c, v))
    }

    /// The criterion ids, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(c, _)| &**c)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there is no entry.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a, V> IntoIterator for &'a Frozen<V> {
    type Item = (&'a Arc<str>, &'a V);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (Arc<str>, V)>,
        fn(&'a (Arc<str>, V)) -> (&'a Arc<str>, &'a V),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(c, v)| (c, v))
    }
}

impl<V> Frozen<V> {
    /// Sorted by id; of two entries with the same id the last is kept, as in a map. Entries
    /// already in strictly increasing order (as `campaign close` writes them) are kept as given.
    fn from_entries(mut entries: Vec<(Arc<str>, V)>) -> Self {
        if !entries.is_sorted_by(|a, b| a.0 < b.0) {
            entries.reverse();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            entries.dedup_by(|later, first| later.0 == first.0);
        }
        Frozen(entries.into_boxed_slice())
    }
}

impl<K: AsRef<str>, V> FromIterator<(K, V)> for Frozen<V> {
    /// Sorted by id; of two entries with the same id the last is kept, as in a map.
    fn from_iter<I: IntoIterator<Item = (K, V)>>(entries: I) -> Self {
        Frozen::from_entries(
            entries
                .into_iter()
                .map(|(c, v)| (intern(c.as_ref()), v))
                .collect(),
        )
    }
}

impl<V: Serialize> Serialize for Frozen<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(c, v)| (&**c, v)))
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Frozen<V> {
    /// Read entry by entry into the slice, each id shared as it is read: no map built first.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for Entries<V> {
            type Value = Frozen<V>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Frozen<V>, A::Error> {
                // The hint is the input's word: bounded, so that it cannot reserve memory.
                let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0).min(1024));
                while let Some((SharedId(id), value)) = map.next_entry::<SharedId, V>()? {
                    entries.push((id, value));
                }
                Ok(Frozen::from_entries(entries))
            }
        }
        deserializer.deserialize_map(Entries(std::marker::PhantomData))
    }
}

/// A criterion id read from a campaign, shared through `intern` without a copy of its text
/// when the id was seen before.
struct SharedId(Arc<str>);

impl<'de> Deserialize<'de> for SharedId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Id;
        impl serde::de::Visitor<'_> for Id {
            type Value = SharedId;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<SharedId, E> {
                Ok(SharedId(intern(id)))
            }
        }
        deserializer.deserialize_str(Id)
    }
}

/// The plan of one criterion in a campaign: quarter → level planned by its end, by quarter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrozenPlan(Box<[(Quarter, u8)]>);

impl FrozenPlan {
    /// The levels planned, by quarter.
    pub fn values(&self) -> impl Iterator<Item = &u8> {
        self.0.iter().map(|(_, l)| l)
    }

    /// The milestones, by quarter.
    pub fn iter(&self) -> impl Iterator<Item = (&Quarter, &u8)> {
        self.0.iter().map(|(q, l)| (q, l))
    }
}

impl<'a> IntoIterator for &'a FrozenPlan {
    type Item = (&'a Quarter, &'a u8);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (Quarter, u8)>,
        fn(&'a (Quarter, u8)) -> (&'a Quarter, &'a u8),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(q, l)| (q, l))
    }
}

impl FromIterator<(Quarter, u8)> for FrozenPlan {
    /// Keyed by quarter, as a map: sorted, the last of two entries for one quarter kept.
    fn from_iter<I: IntoIterator<Item = (Quarter, u8)>>(milestones: I) -> Self {
        let map: BTreeMap<Quarter, u8> = milestones.into_iter().collect();
        FrozenPlan(map.into_iter().collect())
    }
}

impl Serialize for FrozenPlan {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for FrozenPlan {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(BTreeMap::<Quarter, u8>::deserialize(deserializer)?
            .into_iter()
            .collect())
    }
}

/// Criterion ids seen lately on this thread, each kept once: a campaign names the same few
/// hundred criteria for every subject. Bounded, so that a hostile file of distinct ids cannot
/// grow it without end: past [`INTERNED`] ids it starts afresh.
fn intern(id: &str) -> Arc<str> {
    thread_local! {
        static IDS: std::cell::RefCell<HashSet<Arc<str>>> = Default::default();
    }
    IDS.with(|ids| {
        let mut ids = ids.borrow_mut();
        if let Some(shared) = ids.get(id) {
            return Arc::clone(shared);
        }
        if ids.len() >= INTERNED {
            ids.clear();
        }
        let shared: Arc<str> = id.into();
        ids.insert(Arc::clone(&shared));
        shared
    })
}

/// How many ids [`intern`] keeps per thread.
const INTERNED: usize = 4096;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frozen_maps_read_and_write_as_json_objects_and_share_their_ids() {
        let text = r#"{"version":"2020","levels":{"b":2,"a":"na"},"plans":{"b":{"2023-T1":3,"2021-T4":2}},"not_plannable":["a"]}"#;
        let r: FrozenResponse = serde_json::from_str(text).unwrap();
        assert_eq!(r.levels.get("a"), Some(&LevelValue::NotApplicable));
        assert_eq!(r.levels.get("b"), Some(&LevelValue::Level(2)));
        assert_eq!(r.levels.get("c"), None);
        let plan = r.plans.get("b").unwrap();
        assert_eq!(plan.values().copied().collect::<Vec<_>>(), [2, 3]);
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            r#"{"version":"2020","levels":{"a":"na","b":2},"plans":{"b":{"2021-T4":2,"2023-T1":3}},"not_plannable":["a"]}"#
        );
        let again: FrozenResponse = serde_json::from_str(text).unwrap();
        let (a, _) = r.levels.iter().next().unwrap();
        let (b, _) = again.levels.iter().next().unwrap();
        assert!(Arc::ptr_eq(a, b), "one id shared by both responses");
    }

    #[test]
    fn a_frozen_subjects_responses_read_and_write_as_an_object_and_share_their_ids() {
        let text = |id: &str| {
            format!(
                r#"{{"id":"{id}","org":"o","in_perimeter":true,"questionnaires":{{"z":{{"version":"1","levels":{{}}}},"a":{{"version":"2","levels":{{"c":1}}}}}}}}"#
            )
        };
        let s: FrozenSubject = serde_json::from_str(&text("s1")).unwrap();
        assert_eq!(s.questionnaires.keys().collect::<Vec<_>>(), ["a", "z"]);
        assert_eq!(s.questionnaires.get("z").unwrap().version, "1");
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            r#"{"id":"s1","org":"o","in_perimeter":true,"questionnaires":{"a":{"version":"2","levels":{"c":1}},"z":{"version":"1","levels":{}}}}"#
        );
        let other: FrozenSubject = serde_json::from_str(&text("s2")).unwrap();
        let (a, _) = s.questionnaires.iter().next().unwrap();
        let (b, _) = other.questionnaires.iter().next().unwrap();
        assert!(
            Arc::ptr_eq(a, b),
            "one questionnaire id shared by both subjects"
        );
    }

    #[test]
    fn a_frozen_map_keeps_the_last_of_two_entries_for_one_id_as_a_map_does() {
        let m: Frozen<u8> = [("x", 1), ("y", 2), ("x", 3)].into_iter().collect();
        assert_eq!(m.keys().collect::<Vec<_>>(), ["x", "y"]);
        assert_eq!(m.get("x"), Some(&3));
        let json: Frozen<u8> = serde_json::from_str(r#"{"x":1,"x":3}"#).unwrap();
        assert_eq!(json, [("x", 3)].into_iter().collect());
    }
}
