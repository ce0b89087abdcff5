//! Which services each axis concerns: exact counts from §6.2, chosen by how close the service's
//! family is to the axis (coordination for A14, messaging for A12, …) plus seeded noise.

use super::rng::Rng;
use super::tables::Family;

/// Subjects concerned by each selectable axis or preliminary answer (out of 299).
pub const CONCERNED: [(&str, usize); 11] = [
    ("A04.1", 272),
    ("A05", 292),
    ("A06", 200),
    ("A11", 112),
    ("A12", 105),
    ("A14", 64),
    ("ods", 110),
    ("flux", 205),
    ("A10", 246),
    ("A08.2", 182),
    ("A08.3", 171),
];

fn affinity(key: &str, f: Family) -> f64 {
    use Family::*;
    match (key, f) {
        ("A04.1", Training | Steering) => 0.2,
        ("A04.1", Regulation) => 0.5,
        ("A04.1", _) => 0.9,
        ("A05", Training | Steering) => 0.2,
        ("A05", Portal) => 0.5,
        ("A05", _) => 0.9,
        ("A06", Record | Coordination | Telehealth) => 0.9,
        ("A06", Directory | Orientation) => 0.8,
        ("A06", Messaging | Exchange) => 0.65,
        ("A06", Steering) => 0.4,
        ("A06", _) => 0.2,
        ("A11", Coordination) => 0.9,
        ("A11", Record) => 0.8,
        ("A11", Telehealth) => 0.6,
        ("A11", Messaging | Exchange) => 0.45,
        ("A11", Orientation | Portal) => 0.3,
        ("A12", Messaging) => 1.0,
        ("A12", Coordination) => 0.6,
        ("A12", Telehealth | Exchange) => 0.45,
        ("A12", Orientation | Record) => 0.3,
        ("A14", Coordination) => 1.0,
        ("A14", Orientation) => 0.3,
        ("A14", Telehealth) => 0.2,
        ("A14", _) => 0.0,
        ("ods", Orientation | Regulation) => 0.9,
        ("ods", Coordination) => 0.6,
        ("ods", Portal) => 0.5,
        ("ods", Telehealth) => 0.4,
        ("ods", Ror) => 0.0,
        ("flux", Directory | Ror) => 0.9,
        ("flux", Coordination | Record | Messaging) => 0.8,
        ("flux", Orientation | Exchange | Steering) => 0.7,
        ("flux", Telehealth | Regulation) => 0.6,
        ("flux", Access) => 0.5,
        ("flux", Portal) => 0.4,
        ("A10", Training | Access) => 0.15,
        ("A10", Portal) => 0.4,
        ("A10", _) => 0.85,
        ("A08.4", Coordination | Record) => 0.9,
        ("A08.4", Messaging) => 0.8,
        ("A08.4", Telehealth) => 0.7,
        ("A08.4", Exchange) => 0.5,
        ("A08.2" | "A08.3", _) => 0.7,
        _ => 0.1,
    }
}

/// Picks the `k` best of `items` by affinity plus noise.
pub fn top(
    items: &[usize],
    k: usize,
    key: &str,
    fam: &dyn Fn(usize) -> Family,
    rng: &mut Rng,
) -> Vec<bool> {
    let mut scored: Vec<(f64, usize)> = items
        .iter()
        .enumerate()
        .map(|(i, &s)| (affinity(key, fam(s)) + 0.35 * rng.unit(), i))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut out = vec![false; items.len()];
    for &(_, i) in scored.iter().take(k) {
        out[i] = true;
    }
    out
}
