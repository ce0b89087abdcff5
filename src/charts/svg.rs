//! Small helpers to write SVG by hand: fixed-decimal numbers and escaped text.

use std::fmt::Write;

/// A number with `d` decimals and a dot, never `-0`.
pub fn num(x: f64, d: usize) -> String {
    let s = format!("{x:.d$}");
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        s
    }
}

/// A number with `d` decimals and a French decimal comma.
pub fn fr(x: f64, d: usize) -> String {
    num(x, d).replace('.', ",")
}

/// Text escaped for SVG/HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Opens an accessible `<svg>` whose name is the `<title>` and whose data table follows it.
pub fn open(out: &mut String, id: &str, w: u32, h: u32, title: &str, class: &str) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart {class}\" viewBox=\"0 0 {w} {h}\" \
         role=\"img\" aria-labelledby=\"{id}-t\" id=\"{id}\"><title id=\"{id}-t\">{}</title>",
        esc(title)
    );
}

/// A point list for `points=` or a path, with one decimal.
pub fn points(pts: &[(f64, f64)]) -> String {
    let mut s = String::new();
    for (i, (x, y)) in pts.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        let _ = write!(s, "{},{}", num(*x, 1), num(*y, 1));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_writes_negative_zero() {
        assert_eq!(num(-0.0001, 1), "0.0");
        assert_eq!(num(-1.26, 1), "-1.3");
        assert_eq!(fr(75.34, 1), "75,3");
    }
}
