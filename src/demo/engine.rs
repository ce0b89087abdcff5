//! The arithmetic of calibration: the published formula on an in-memory sheet of levels, an
//! exact solver for one axis's level counts, and a bounded greedy fit for free criteria.
//!
//! Formula (annex « Méthodes de calcul »): a criterion's rate is `min(level / expected, 1)`
//! (expected 0 ⇒ 1); an axis's rate and level are the means over its criteria answered with a
//! level; a subject's are the means over its answered axes; a group's, the mean over subjects.

use super::rng::Rng;

/// One criterion answered with a level.
#[derive(Debug, Clone)]
pub struct Cell {
    /// Criterion id.
    pub criterion: String,
    /// Expected level at the reference date.
    pub expected: u8,
    /// Level answered.
    pub level: u8,
    /// Levels the criterion allows (ascending, without `na`).
    pub allowed: Vec<u8>,
    /// Whether the fit may change it.
    pub free: bool,
}

impl Cell {
    fn rate(&self) -> f64 {
        rate(self.level, self.expected)
    }
}

/// `min(level / expected, 1)`, and 1 when nothing is expected.
pub fn rate(level: u8, expected: u8) -> f64 {
    if expected == 0 {
        1.0
    } else {
        (f64::from(level) / f64::from(expected)).min(1.0)
    }
}

/// A subject's answered cells of one questionnaire, grouped by axis (axes without cells omitted).
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    /// Axis id and its cells.
    pub axes: Vec<(String, Vec<Cell>)>,
}

impl Sheet {
    /// The cells of an axis, created empty if absent.
    pub fn axis(&mut self, id: &str) -> &mut Vec<Cell> {
        if let Some(i) = self.axes.iter().position(|(a, _)| a == id) {
            return &mut self.axes[i].1;
        }
        self.axes.push((id.to_string(), Vec::new()));
        &mut self.axes.last_mut().expect("just pushed").1
    }

    fn axis_values(cells: &[Cell]) -> (f64, f64) {
        let n = cells.len() as f64;
        (
            cells.iter().map(Cell::rate).sum::<f64>() / n,
            cells.iter().map(|c| f64::from(c.level)).sum::<f64>() / n,
        )
    }

    /// The subject's rate and level (mean over its axes), if any axis is answered.
    pub fn values(&self) -> Option<(f64, f64)> {
        let axes: Vec<_> = self.axes.iter().filter(|(_, c)| !c.is_empty()).collect();
        if axes.is_empty() {
            return None;
        }
        let n = axes.len() as f64;
        let (r, l) = axes.iter().fold((0.0, 0.0), |(r, l), (_, c)| {
            let (a, b) = Self::axis_values(c);
            (r + a, l + b)
        });
        Some((r / n, l / n))
    }
}

/// A group's figures: subjects concerned, mean rate, mean level.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figure {
    /// Subjects concerned.
    pub count: usize,
    /// Mean rate, 0–1.
    pub rate: f64,
    /// Mean level.
    pub level: f64,
}

/// Questionnaire figures over sheets (subjects with no answered axis are not concerned).
pub fn measure(sheets: &[Sheet]) -> Figure {
    let vals: Vec<(f64, f64)> = sheets.iter().filter_map(Sheet::values).collect();
    mean(&vals)
}

/// Figures of one axis over the sheets that answered it.
pub fn measure_axis(sheets: &[Sheet], axis: &str) -> Figure {
    let vals: Vec<(f64, f64)> = sheets
        .iter()
        .filter_map(|s| s.axes.iter().find(|(a, c)| a == axis && !c.is_empty()))
        .map(|(_, c)| Sheet::axis_values(c))
        .collect();
    mean(&vals)
}

fn mean(vals: &[(f64, f64)]) -> Figure {
    let n = vals.len().max(1) as f64;
    Figure {
        count: vals.len(),
        rate: vals.iter().map(|v| v.0).sum::<f64>() / n,
        level: vals.iter().map(|v| v.1).sum::<f64>() / n,
    }
}

/// Counts of subjects at each level (index = level) so that `n` subjects whose axis value at
/// level `k` is `points[k]` (rate, level) have the mean closest to the target. Exhaustive over
/// the two highest counts, closed form for the next: O(n²).
pub fn solve_counts(
    n: usize,
    allowed: &[u8],
    points: &[(f64, f64)],
    rate: f64,
    level: f64,
) -> Vec<usize> {
    let err = |c: &[usize; 4]| {
        let (mut r, mut l) = (0.0, 0.0);
        for (k, &m) in c.iter().enumerate() {
            r += m as f64 * points[k].0;
            l += m as f64 * points[k].1;
        }
        ((r / n as f64 - rate) / 0.01).abs() + ((l / n as f64 - level) / 0.03).abs()
    };
    let lv: Vec<usize> = allowed.iter().map(|&a| usize::from(a)).collect();
    let (hi, mid) = (lv[lv.len() - 1], lv[lv.len() - 2]);
    let (lo, bottom) = (lv[lv.len().saturating_sub(3)], lv[0]);
    let mut best = [0usize; 4];
    best[bottom] = n;
    let mut best_err = err(&best);
    let nf = n as f64;
    for a in 0..=n {
        for b in 0..=n - a {
            let rest = n - a - b;
            let fixed = |k: usize| a as f64 * points[hi].k(k) + b as f64 * points[mid].k(k);
            // With `c` subjects at `lo` and the rest at `bottom`, each mean is linear in `c`:
            // the best `c` is next to where either error vanishes.
            let mut cands = [0, rest, 0, rest, 0, rest];
            if lo != bottom {
                for (j, (k, goal)) in [(0, rate), (1, level)].into_iter().enumerate() {
                    let slope = points[lo].k(k) - points[bottom].k(k);
                    if slope.abs() > 1e-12 {
                        let c = (goal * nf - fixed(k) - rest as f64 * points[bottom].k(k)) / slope;
                        let c = c.clamp(0.0, rest as f64);
                        cands[2 + 2 * j] = c.floor() as usize;
                        cands[3 + 2 * j] = c.ceil() as usize;
                    }
                }
            }
            for c in cands {
                let mut counts = [0usize; 4];
                counts[hi] += a;
                counts[mid] += b;
                counts[lo] += c;
                counts[bottom] += rest - c;
                let e = err(&counts);
                if e < best_err {
                    best_err = e;
                    best = counts;
                }
            }
        }
    }
    best.to_vec()
}

trait Coord {
    fn k(&self, k: usize) -> f64;
}

impl Coord for (f64, f64) {
    fn k(&self, k: usize) -> f64 {
        if k == 0 { self.0 } else { self.1 }
    }
}

/// Moves free cells one level at a time, in a seeded order and at most three passes per phase,
/// towards the target rate (moves below the expected level) then the target level (moves at or
/// above it, which leave the rate unchanged). Never loops without bound.
pub fn fit(sheets: &mut [Sheet], rate_target: f64, level_target: f64, rng: &mut Rng) {
    let n = sheets
        .iter()
        .filter(|s| s.values().is_some())
        .count()
        .max(1) as f64;
    let mut cells: Vec<(usize, usize, usize, f64)> = Vec::new();
    for (s, sheet) in sheets.iter().enumerate() {
        let axes = sheet.axes.iter().filter(|(_, c)| !c.is_empty()).count() as f64;
        for (a, (_, c)) in sheet.axes.iter().enumerate() {
            for (k, cell) in c.iter().enumerate() {
                if cell.free {
                    cells.push((s, a, k, 1.0 / (n * axes * c.len() as f64)));
                }
            }
        }
    }
    rng.shuffle(&mut cells);
    let Figure {
        mut rate,
        mut level,
        ..
    } = measure(sheets);
    for _ in 0..2 {
        for _ in 0..3 {
            for &(s, a, k, w) in &cells {
                let cell = &mut sheets[s].axes[a].1[k];
                let up = rate < rate_target;
                let Some(next) = step(cell, up) else { continue };
                let below = if up {
                    cell.level < cell.expected
                } else {
                    cell.level <= cell.expected
                };
                if !below || cell.expected == 0 {
                    continue;
                }
                let dr = w * (super::engine::rate(next, cell.expected) - cell.rate());
                if (rate + dr - rate_target).abs() < (rate - rate_target).abs() {
                    level += w * (f64::from(next) - f64::from(cell.level));
                    rate += dr;
                    cell.level = next;
                }
            }
        }
        for _ in 0..3 {
            for &(s, a, k, w) in &cells {
                let cell = &mut sheets[s].axes[a].1[k];
                let up = level < level_target;
                let Some(next) = step(cell, up) else { continue };
                if next.min(cell.level) < cell.expected {
                    continue;
                }
                let dl = w * (f64::from(next) - f64::from(cell.level));
                if (level + dl - level_target).abs() < (level - level_target).abs() {
                    level += dl;
                    cell.level = next;
                }
            }
        }
    }
}

fn step(cell: &Cell, up: bool) -> Option<u8> {
    let i = cell.allowed.iter().position(|&l| l == cell.level)?;
    if up {
        cell.allowed.get(i + 1).copied()
    } else {
        i.checked_sub(1).map(|j| cell.allowed[j])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(level: u8, expected: u8, free: bool) -> Cell {
        Cell {
            criterion: "X".into(),
            expected,
            level,
            allowed: vec![0, 1, 2, 3],
            free,
        }
    }

    #[test]
    fn rate_is_capped_and_nothing_expected_counts_as_met() {
        assert_eq!(rate(1, 2), 0.5);
        assert_eq!(rate(3, 2), 1.0);
        assert_eq!(rate(0, 0), 1.0);
    }

    #[test]
    fn solved_counts_hit_a_single_criterion_target() {
        let points: Vec<(f64, f64)> = (0..4u8).map(|k| (rate(k, 2), f64::from(k))).collect();
        let c = solve_counts(182, &[0, 1, 2, 3], &points, 0.81, 2.09);
        assert_eq!(c.iter().sum::<usize>(), 182);
        let r: f64 = (0..4).map(|k| c[k] as f64 * points[k].0).sum::<f64>() / 182.0;
        let l: f64 = (0..4).map(|k| c[k] as f64 * points[k].1).sum::<f64>() / 182.0;
        assert!(
            (r - 0.81).abs() < 0.005 && (l - 2.09).abs() < 0.01,
            "{c:?} {r} {l}"
        );
    }

    #[test]
    fn fit_moves_free_cells_towards_both_targets() {
        let mut sheets: Vec<Sheet> = (0..40)
            .map(|i| Sheet {
                axes: vec![
                    ("A".into(), vec![cell(1, 2, true)]),
                    ("B".into(), vec![cell((i % 4) as u8, 1, false)]),
                ],
            })
            .collect();
        // Reachable: rate by raising A to its expected level, level by raising A above it.
        fit(&mut sheets, 0.7, 1.5, &mut Rng::new(1));
        let f = measure(&sheets);
        assert!(
            (f.rate - 0.7).abs() < 0.01 && (f.level - 1.5).abs() < 0.03,
            "{f:?}"
        );
    }
}
