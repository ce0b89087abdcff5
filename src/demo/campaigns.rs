//! The demo's frozen campaigns: the 2020 study as generated (its published figures), and a
//! fictitious 2019 pilot derived from it, so that a fresh clone's portal shows trends and plans
//! kept or missed. Deterministic: the same answers give the same campaigns.

use crate::model::{Campaign, Date, LevelValue, Quarter, Repository, Response};
use std::collections::BTreeMap;

/// Identifier and date of the pilot campaign.
pub const PILOT: (&str, Date) = (
    "2019-pilote",
    Date {
        year: 2019,
        month: 12,
        day: 15,
    },
);
/// Identifier and date of the study campaign (the publication's reference date).
pub const STUDY: (&str, Date) = (
    "2020",
    Date {
        year: 2020,
        month: 12,
        day: 15,
    },
);
/// The quarter of the pilot's milestones: ended before the study's date, so each is judged.
const PILOT_MILESTONE: Quarter = Quarter { year: 2020, q: 3 };

/// The pilot then the study, frozen from the generated repository `repo`.
pub fn campaigns(repo: &Repository) -> Vec<Campaign> {
    let study = crate::campaign::freeze(repo, STUDY.0, STUDY.1, None);
    let pilot = crate::campaign::freeze(&pilot_state(repo), PILOT.0, PILOT.1, None);
    vec![pilot, study]
}

/// The repository as the pilot saw it a year earlier: for one criterion in three a level one
/// below, planned back to today's level by 2020-T3 (a milestone kept); for another one in
/// three, today's level, planned one higher by 2020-T3 (a milestone missed: late when today's
/// plan still reaches it, abandoned otherwise); the rest unchanged and without plan.
fn pilot_state(repo: &Repository) -> Repository {
    let mut pilot = repo.clone();
    for sf in &mut pilot.subjects {
        let id = sf.subject.id.clone();
        std::sync::Arc::make_mut(&mut sf.subject).assessed_on = Date {
            year: 2019,
            month: 11,
            day: 30,
        };
        for r in std::sync::Arc::make_mut(&mut sf.subject)
            .questionnaires
            .values_mut()
        {
            earlier(&id, r);
        }
    }
    for o in &mut pilot.organisations {
        let id = o.value.id.clone();
        for r in o.value.questionnaires.values_mut() {
            earlier(&id, r);
        }
    }
    pilot
}

fn earlier(subject: &str, r: &mut Response) {
    for (criterion, a) in &mut r.answers {
        let LevelValue::Level(level) = a.level else {
            continue;
        };
        a.plan = BTreeMap::new();
        match fnv(subject, criterion) % 3 {
            0 if level > 0 => {
                a.level = LevelValue::Level(level - 1);
                a.not_plannable = None;
                a.plan.insert(PILOT_MILESTONE, level);
            }
            1 if level < 3 => {
                a.not_plannable = None;
                a.plan.insert(PILOT_MILESTONE, level + 1);
            }
            _ => {}
        }
    }
}

/// FNV-1a of a subject and a criterion: a stable choice, the same on every platform.
fn fnv(subject: &str, criterion: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in subject.bytes().chain([0]).chain(criterion.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}
