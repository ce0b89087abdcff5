//! Which services exist: regions' slots dealt among common-core types, editors' solutions placed
//! on them (§6.3), names, and the non-publishable and decommissioned ones.

use super::rng::Rng;
use super::tables::{
    DEPLOYMENTS, Family, HIDDEN_SERVICES, OTHER_SERVICES, QUALIFIERS, REGIONS, TYPES,
};
use std::collections::BTreeMap;

/// A service to generate, before its answers.
#[derive(Debug, Clone)]
pub struct Planned {
    /// Index in [`REGIONS`].
    pub region: usize,
    /// Service id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Index in [`TYPES`], for common-core services.
    pub kind: Option<usize>,
    /// POS zone.
    pub zone: String,
    /// Family, driving which axes concern it.
    pub family: Family,
    /// Editor and solution.
    pub solution: Option<(&'static str, &'static str)>,
    /// Publishable.
    pub publishable: bool,
    /// Will be decommissioned.
    pub decommissioning: bool,
    /// Draft rather than validated.
    pub draft: bool,
}

/// Number of decommissioned services among the publishable common-core ones (§3.3: 299 − 290).
pub const DECOMMISSIONING: usize = 9;
/// Number of drafts among the non-publishable services.
pub const DRAFTS: usize = 6;

struct Slot {
    region: usize,
    kind: Option<usize>,
    solution: Option<(&'static str, &'static str)>,
    other: Option<(&'static str, &'static str)>,
}

/// Lays out the services of one copy of the 17 regions.
pub fn plan(seed: u64) -> Vec<Planned> {
    let mut rng = Rng::derive(seed, "layout");
    let mut cc: Vec<usize> = REGIONS.iter().map(|r| r.common_core).collect();
    let mut other: Vec<usize> = REGIONS
        .iter()
        .map(|r| r.publishable - r.common_core)
        .collect();
    let mut left: Vec<usize> = TYPES.iter().map(|t| t.count).collect();
    let mut slots = place_solutions(&mut cc, &mut other, &mut left, &mut rng);
    deal_types(&mut slots, &mut cc, &mut left, &mut rng);
    for (r, n) in other.iter().enumerate() {
        for _ in 0..*n {
            slots.push(Slot {
                region: r,
                kind: None,
                solution: None,
                other: None,
            });
        }
    }
    let mut out = name(&slots, &mut rng);
    let mut hidden_n = 0;
    for (r, row) in REGIONS.iter().enumerate() {
        for i in 0..row.hidden {
            let (zone, label) = HIDDEN_SERVICES[(hidden_n + i * 3) % HIDDEN_SERVICES.len()];
            hidden_n += 1;
            let base = format!("{}-{}", row.org, slug(label));
            let id = unique_id(&out, &base);
            let lot = id.strip_prefix(&base).map_or(String::new(), |n| {
                n.trim_start_matches('-')
                    .parse::<u32>()
                    .map_or(String::new(), |n| format!(", lot {n}"))
            });
            out.push(Planned {
                region: r,
                id,
                name: format!("{label} {}{lot} (fictif)", row.name),
                kind: None,
                zone: zone.into(),
                family: Family::Steering,
                solution: None,
                publishable: false,
                decommissioning: false,
                draft: false,
            });
        }
    }
    let mut hidden: Vec<usize> = (0..out.len()).filter(|&i| !out[i].publishable).collect();
    rng.shuffle(&mut hidden);
    for &i in hidden.iter().take(DRAFTS) {
        out[i].draft = true;
    }
    let old = [
        Family::Exchange,
        Family::Messaging,
        Family::Portal,
        Family::Record,
        Family::Telehealth,
    ];
    let mut cands: Vec<usize> = (0..out.len())
        .filter(|&i| out[i].kind.is_some() && old.contains(&out[i].family))
        .collect();
    rng.shuffle(&mut cands);
    for &i in cands.iter().take(DECOMMISSIONING) {
        out[i].decommissioning = true;
    }
    out
}

/// Places each deployment of §6.3 first: its regions, then one service per type it serves.
fn place_solutions(
    cc: &mut [usize],
    other: &mut [usize],
    left: &mut [usize],
    rng: &mut Rng,
) -> Vec<Slot> {
    let mut slots = Vec::new();
    for dep in &DEPLOYMENTS {
        let kinds: Vec<usize> = dep
            .types
            .iter()
            .filter_map(|id| TYPES.iter().position(|t| t.id == *id))
            .collect();
        let pool: usize = kinds.iter().map(|&t| left[t]).sum();
        let mut needed = dep.services.saturating_sub(pool);
        assert!(
            needed == 0 || dep.other.is_some(),
            "too few types for {}",
            dep.solutions[0]
        );
        let room = |r: usize, cc: &[usize], other: &[usize]| {
            cc[r].min(pool) + if dep.other.is_some() { other[r] } else { 0 }
        };
        let mut regions: Vec<(bool, usize, f64, usize)> = (0..REGIONS.len())
            .map(|r| {
                (
                    needed > 0 && other[r] > 0,
                    room(r, cc, other),
                    rng.unit(),
                    r,
                )
            })
            .collect();
        regions.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.total_cmp(&b.2)));
        let mut quota: Vec<(usize, usize)> =
            regions[..dep.regions].iter().map(|x| (x.3, 1)).collect();
        for _ in dep.regions..dep.services {
            let q = quota
                .iter_mut()
                .max_by_key(|q| room(q.0, cc, other).saturating_sub(q.1) * 8 / (q.1 + 1))
                .expect("regions chosen");
            q.1 += 1;
        }
        // Regions that cannot take services outside the common core draw on the types first.
        quota.sort_by_key(|q| (other[q.0] > 0, q.0));
        for (k, &(region, n)) in quota.iter().enumerate() {
            let sol = dep.solutions[k % dep.solutions.len()];
            for _ in 0..n {
                let kind = kinds
                    .iter()
                    .copied()
                    .filter(|&t| left[t] > 0)
                    .max_by_key(|&t| (left[t], std::cmp::Reverse(t)));
                let outside = needed > 0 && other[region] > 0;
                let (kind, extra) = match (kind, cc[region] > 0, dep.other) {
                    (Some(t), true, _) if !outside => {
                        left[t] -= 1;
                        cc[region] -= 1;
                        (Some(t), None)
                    }
                    (_, _, Some(o)) if other[region] > 0 => {
                        other[region] -= 1;
                        needed = needed.saturating_sub(1);
                        (None, Some(o))
                    }
                    _ => panic!("no room for {} in {}", sol, REGIONS[region].org),
                };
                slots.push(Slot {
                    region,
                    kind,
                    solution: Some((dep.editor, sol)),
                    other: extra,
                });
            }
        }
    }
    slots
}

/// Deals the remaining common-core types over the remaining slots, spreading each type.
fn deal_types(slots: &mut Vec<Slot>, cc: &mut [usize], left: &mut [usize], rng: &mut Rng) {
    let mut have = vec![vec![0usize; TYPES.len()]; REGIONS.len()];
    for s in slots.iter() {
        if let Some(t) = s.kind {
            have[s.region][t] += 1;
        }
    }
    let mut order: Vec<usize> = (0..TYPES.len()).collect();
    order.sort_by_key(|&t| std::cmp::Reverse(left[t]));
    for t in order {
        for _ in 0..left[t] {
            let best = (0..REGIONS.len())
                .filter(|&r| cc[r] > 0)
                .map(|r| {
                    let fill = cc[r] as f64 / REGIONS[r].common_core as f64;
                    (have[r][t] as f64 * 2.0 - fill + rng.unit() * 0.3, r)
                })
                .min_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, r)| r)
                .expect("type counts equal region capacities");
            cc[best] -= 1;
            have[best][t] += 1;
            slots.push(Slot {
                region: best,
                kind: Some(t),
                solution: None,
                other: None,
            });
        }
        left[t] = 0;
    }
}

fn name(slots: &[Slot], rng: &mut Rng) -> Vec<Planned> {
    let mut out: Vec<Planned> = Vec::new();
    let mut seen: BTreeMap<(usize, String), usize> = BTreeMap::new();
    let mut other_n = 0;
    let mut sorted: Vec<&Slot> = slots.iter().collect();
    sorted.sort_by_key(|s| (s.region, s.kind.map_or(99, |k| k)));
    for s in sorted {
        let row = &REGIONS[s.region];
        let (label, zone, family, code) = match (s.kind, s.other) {
            (Some(t), _) => (
                TYPES[t].label,
                String::new(),
                TYPES[t].family,
                TYPES[t].code.to_string(),
            ),
            (None, Some((z, l))) => (l, z.to_string(), Family::Directory, slug(l)),
            (None, None) => {
                let (z, l) = OTHER_SERVICES[(other_n + rng.below(3)) % OTHER_SERVICES.len()];
                other_n += 1;
                (l, z.to_string(), Family::Coordination, slug(l))
            }
        };
        let n = seen.entry((s.region, code.clone())).or_insert(0);
        *n += 1;
        let qualifier = if *n > 1 {
            format!(" — {}", QUALIFIERS[(*n - 2 + s.region) % QUALIFIERS.len()])
        } else {
            String::new()
        };
        let id = unique_id(&out, &format!("{}-{code}", row.org));
        out.push(Planned {
            region: s.region,
            id,
            name: format!("{label} {}{qualifier} (fictif)", row.name),
            kind: s.kind,
            zone,
            family,
            solution: s.solution,
            publishable: true,
            decommissioning: false,
            draft: false,
        });
    }
    out
}

fn unique_id(out: &[Planned], base: &str) -> String {
    let taken = |id: &str| out.iter().any(|p| p.id == id);
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .expect("unbounded")
}

/// A lowercase ASCII slug of the first words of a label.
pub fn slug(label: &str) -> String {
    let mut out = String::new();
    let mut words = 0;
    for word in label.split(|c: char| !c.is_alphanumeric()) {
        let w: String = word.chars().filter_map(ascii).collect();
        if w.len() < 3 || ["des", "les", "aux", "pour", "une"].contains(&w.as_str()) {
            continue;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&w);
        words += 1;
        if words == 3 {
            break;
        }
    }
    out
}

fn ascii(c: char) -> Option<char> {
    let c = c.to_lowercase().next()?;
    Some(match c {
        'à' | 'â' | 'ä' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'î' | 'ï' => 'i',
        'ô' | 'ö' => 'o',
        'ù' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'œ' => 'o',
        c if c.is_ascii_alphanumeric() => c,
        _ => return None,
    })
}
