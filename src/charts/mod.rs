//! Static SVG charts, one file per kind. Each chart comes with the table of its data, shown
//! beside it as its text alternative. Output is deterministic: numbers have fixed decimals.

pub mod bars;
pub mod lines;
pub mod map;
pub mod radar;
pub mod stacked;
mod svg;

use serde::Serialize;
use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write;
use std::hash::Hash;
use std::rc::Rc;
use std::thread::LocalKey;

pub use svg::{esc as escape, write_escaped};

/// Frames a thread keeps per chart kind before starting afresh: a build draws a few
/// distinct ones (one per questionnaire) thousands of times.
const FRAME_CACHE: usize = 64;

/// A per-thread cache of chart frames (the parts that depend only on the categories).
type Frames<K, V> = RefCell<HashMap<K, Rc<V>>>;

/// The frame for `key` from a per-thread cache, drawn by `draw` when missing. The cache is
/// emptied once it holds [`FRAME_CACHE`] frames, so memory stays bounded.
fn cached<K, Q, V, E>(
    cache: &'static LocalKey<Frames<K, V>>,
    key: &Q,
    draw: impl FnOnce(&Q) -> Result<V, E>,
) -> Result<Rc<V>, E>
where
    K: Borrow<Q> + Hash + Eq,
    Q: ToOwned<Owned = K> + Hash + Eq + ?Sized,
{
    cache.with(|cache| {
        if let Some(f) = cache.borrow().get(key) {
            return Ok(Rc::clone(f));
        }
        let f = Rc::new(draw(key)?);
        let mut cache = cache.borrow_mut();
        if cache.len() >= FRAME_CACHE {
            cache.clear();
        }
        cache.insert(key.to_owned(), Rc::clone(&f));
        Ok(f)
    })
}

/// A chart: inline SVG markup and the same data as a table.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    /// The `<svg>` element.
    pub svg: String,
    /// The data drawn, as a table.
    pub table: DataTable,
}

/// A small table of strings: the text alternative of a chart.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DataTable {
    /// Caption, also the chart's accessible name.
    pub caption: String,
    /// Column headers.
    pub headers: Vec<String>,
    /// Rows of cells.
    pub rows: Vec<Vec<String>>,
}

/// A rate in 0–1 written as a French percentage (`75,3 %`), or `—` when absent.
pub fn pct(rate: Option<f64>) -> String {
    match rate {
        Some(r) => {
            let mut s = String::with_capacity(10);
            svg::push_fr(&mut s, r * 100.0, 1);
            s.push_str(" %");
            s
        }
        None => "—".to_string(),
    }
}

/// A mean level written with two decimals and its scale maximum (`1,91 / 3`), or `—`.
pub fn level(level: Option<f64>, max: u8) -> String {
    match level {
        Some(l) => {
            let mut s = svg::fr(l, 2);
            let _ = write!(s, " / {max}");
            s
        }
        None => "—".to_string(),
    }
}

/// Colour class of a rate for maps and badges: five classes from low to high.
pub fn rate_class(rate: Option<f64>) -> usize {
    match rate {
        None => 0,
        Some(r) if r < 0.5 => 1,
        Some(r) if r < 0.7 => 2,
        Some(r) if r < 0.8 => 3,
        Some(r) if r < 0.9 => 4,
        Some(_) => 5,
    }
}

/// Fill colours of the rate classes (index 0: no data).
pub const RATE_COLORS: [&str; 6] = [
    "#e5e5e5", "#ececfe", "#c1c1fb", "#8585f6", "#4a4ae6", "#000091",
];

/// Legend labels of the rate classes.
pub const RATE_LABELS: [&str; 6] = [
    "pas de donnée",
    "moins de 50 %",
    "50 à 70 %",
    "70 à 80 %",
    "80 à 90 %",
    "90 % et plus",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_figures_the_french_way() {
        assert_eq!(pct(Some(0.753)), "75,3 %");
        assert_eq!(pct(None), "—");
        assert_eq!(level(Some(1.905), 3), "1,91 / 3");
    }
}
