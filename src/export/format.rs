//! How figures are written for people, French style: `78.8 %`, `1.69 / 3`, `112 / 299`.

/// A rate in [0, 1] as a percentage with one decimal and a space before `%`; `—` when absent.
pub fn rate(r: Option<f64>) -> String {
    r.map_or_else(|| "—".to_string(), |r| format!("{:.1} %", r * 100.0))
}

/// A mean level with two decimals, out of the scale's maximum; `—` when absent.
pub fn level(l: Option<f64>, max: u8) -> String {
    l.map_or_else(|| "—".to_string(), |l| format!("{l:.2} / {max}"))
}

/// Subjects concerned out of the subjects in the perimeter.
pub fn concerned(concerned: usize, total: usize) -> String {
    format!("{concerned} / {total}")
}

/// A number for CSV: shortest round-trip form; empty when absent.
pub fn number(x: Option<f64>) -> String {
    x.map_or_else(String::new, |x| x.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn writes_figures_french_style() {
        assert_eq!(super::rate(Some(0.788)), "78.8 %");
        assert_eq!(super::rate(None), "—");
        assert_eq!(super::level(Some(1.6912), 3), "1.69 / 3");
        assert_eq!(super::concerned(112, 299), "112 / 299");
        assert_eq!(super::number(Some(0.5)), "0.5");
    }
}
