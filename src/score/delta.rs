//! The aggregates of two states of the repository that differ in a few subjects, as a
//! comparison needs them: each side's subjects scored once for every grouping asked, and,
//! when nothing but subject files differ, the subjects whose file reads the same on both sides
//! scored once for both. Each side's sums run over its own subjects in its own order, as in
//! [`aggregate`](super::aggregate), so every figure equals that function's bit for bit.

use super::Settings;
use super::aggregate::{GroupBy, GroupScore, group};
use super::index::Index;
use super::perimeter::{self, Scored};
use crate::model::{Repository, SubjectFile};
use rayon::prelude::*;
use std::collections::HashMap;

/// The current aggregates of `before` and `after` for each grouping of `groupings`, as
/// `(before, after)` pairs: what [`aggregate`](super::aggregate) gives for each side with
/// [`Settings::for_repo`]. `same`, given only when every file other than the subjects' reads
/// the same on both sides, says whether the subject file at a path does too: such a subject
/// of `before` takes its scores from `after` instead of being scored again.
pub fn aggregate_both<const N: usize>(
    before: &Repository,
    after: &Repository,
    groupings: [GroupBy; N],
    same: Option<&(dyn Fn(&str) -> bool + Sync)>,
) -> [(Vec<GroupScore>, Vec<GroupScore>); N] {
    let ia = Index::new(after, &Settings::for_repo(after));
    let ib = Index::new(before, &Settings::for_repo(before));
    let scored_a = perimeter::score_members(&ia, &perimeter::members(&ia), None);
    let scored_b = match same {
        Some(same) => {
            let by_path: HashMap<&str, &Scored<&SubjectFile>> = scored_a
                .iter()
                .map(|sc| (sc.who.path.as_str(), sc))
                .collect();
            before
                .subjects
                .par_iter()
                .filter(|sf| ib.settings.in_perimeter(&sf.subject))
                .map(|sf| match by_path.get(sf.path.as_str()) {
                    Some(sc) if same(&sf.path) => Scored {
                        who: sf,
                        responded: sc.responded.clone(),
                        scores: sc.scores.clone(),
                    },
                    _ => perimeter::score_member(&ib, &perimeter::member(&ib, sf), None),
                })
                .collect()
        }
        None => perimeter::score_members(&ib, &perimeter::members(&ib), None),
    };
    groupings.map(|by| (group(&ib, &scored_b, by), group(&ia, &scored_a, by)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LevelValue;
    use std::collections::BTreeSet;
    use std::path::Path;

    /// Every grouping, both sides each aggregated whole.
    fn whole(
        before: &Repository,
        after: &Repository,
        by: GroupBy,
    ) -> (Vec<GroupScore>, Vec<GroupScore>) {
        let side = |r: &Repository| super::super::aggregate(r, &Settings::for_repo(r), by, None);
        (side(before), side(after))
    }

    // The repository's own data, then in memory: one subject's levels all set to 0 (it moves
    // the national and regional means), one subject deleted, one added, one file renamed. Each side's aggregates,
    // subjects whose file is unchanged scored once, equal those of each side aggregated whole,
    // to the last bit, for every grouping.
    #[test]
    fn aggregates_of_both_sides_equal_each_side_aggregated_whole() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let before = crate::load::load(root).repo;
        let mut after = before.clone();
        let mut touched = BTreeSet::new();
        let moved = after
            .subjects
            .iter_mut()
            .find(|s| s.path == "answers/ara/ara-messagerie.yaml")
            .unwrap();
        let response = std::sync::Arc::make_mut(&mut moved.subject)
            .questionnaires
            .values_mut()
            .next()
            .unwrap();
        for answer in response.answers.values_mut() {
            answer.level = LevelValue::Level(0);
        }
        touched.insert(moved.path.clone());
        let at = |r: &Repository, name: &str| {
            let path = format!("answers/ara/{name}.yaml");
            r.subjects.iter().position(|s| s.path == path).unwrap()
        };
        let gone = after.subjects.remove(at(&after, "ara-pacs"));
        touched.insert(gone.path.clone());
        let mut added = after.subjects[at(&after, "ara-sri")].clone();
        std::sync::Arc::make_mut(&mut added.subject).id = "ara-ajout".into();
        added.path = "answers/ara/ara-ajout.yaml".into();
        touched.insert(added.path.clone());
        after.subjects.push(added);
        let renamed = at(&after, "ara-srri");
        let renamed = &mut after.subjects[renamed];
        touched.insert(renamed.path.clone());
        renamed.path = renamed.path.replace(".yaml", "-bis.yaml");
        touched.insert(renamed.path.clone());
        let same = |p: &str| !touched.contains(p);
        for by in [
            GroupBy::National,
            GroupBy::Region,
            GroupBy::Organisation,
            GroupBy::Editor,
        ] {
            let [both] = aggregate_both(&before, &after, [by], Some(&same));
            assert_eq!(both, whole(&before, &after, by), "{by}");
            let [alone] = aggregate_both(&before, &after, [by], None);
            assert_eq!(alone, both, "{by}");
        }
        let [national] = aggregate_both(&before, &after, [GroupBy::National], Some(&same));
        assert_ne!(
            national.0, national.1,
            "the change moves the national means"
        );
    }
}
