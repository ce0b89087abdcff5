//! Small helpers to write SVG by hand: fixed-decimal numbers and escaped text.

use std::fmt::{self, Write};

/// A number with `d` decimals and a dot, never `-0`, written without allocating.
pub fn num(x: f64, d: usize) -> Num {
    Num { x, d }
}

/// A number to write with fixed decimals: see [`num`].
#[derive(Debug, Clone, Copy)]
pub struct Num {
    x: f64,
    d: usize,
}

/// Powers of ten by number of decimals, for [`Num`].
const SCALE: [u64; 4] = [1, 10, 100, 1000];

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_num(f, self.x, self.d)
    }
}

/// Appends `x` with `d` decimals as [`num`] writes it, without going through a formatter.
pub fn push_num(out: &mut String, x: f64, d: usize) {
    let _ = write_num(out, x, d);
}

/// Writes `x` with `d` decimals and a dot, never `-0`: see [`num`].
fn write_num(f: &mut impl Write, x: f64, d: usize) -> fmt::Result {
    if d < SCALE.len() && x.is_finite() && x.abs() < 1e12 {
        let scaled = x * SCALE[d] as f64;
        let rounded = scaled.round();
        // Away from a tie, the nearest integer is what `{:.d$}` prints; near one, the
        // standard formatter decides (it rounds the exact binary value).
        if (scaled - rounded).abs() < 0.499 {
            return fixed(f, rounded as i64, d);
        }
    }
    let s = format!("{x:.d$}");
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        f.write_str(&s[1..])
    } else {
        f.write_str(&s)
    }
}

/// Writes `i / 10^d` with `d` decimals, its integers by `itoa` (`d` below 4).
fn fixed(f: &mut impl Write, i: i64, d: usize) -> fmt::Result {
    let (a, scale) = (i.unsigned_abs(), SCALE[d]);
    let mut digits = itoa::Buffer::new();
    if i < 0 {
        f.write_char('-')?;
    }
    f.write_str(digits.format(a / scale))?;
    if d > 0 {
        let decimals = digits.format(a % scale);
        f.write_char('.')?;
        for _ in decimals.len()..d {
            f.write_char('0')?;
        }
        f.write_str(decimals)?;
    }
    Ok(())
}

/// A number with `d` decimals and a French decimal comma.
pub fn fr(x: f64, d: usize) -> String {
    let mut s = String::with_capacity(12);
    push_fr(&mut s, x, d);
    s
}

/// Appends a number with `d` decimals and a French decimal comma (one allocation at most).
pub fn push_fr(out: &mut String, x: f64, d: usize) {
    let from = out.len();
    push_num(out, x, d);
    if let Some(dot) = out[from..].find('.') {
        out.replace_range(from + dot..from + dot + 1, ",");
    }
}

/// Text escaped for SVG/HTML content and attribute values, written without allocating.
pub fn esc(s: &str) -> Esc<'_> {
    Esc(s)
}

/// Text to write escaped: see [`esc`].
#[derive(Debug, Clone, Copy)]
pub struct Esc<'a>(&'a str);

impl fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_escaped(f, self.0)
    }
}

/// Writes `s` escaped for HTML: runs of ordinary text are copied in one piece.
pub fn write_escaped(out: &mut impl fmt::Write, s: &str) -> fmt::Result {
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.write_str(&s[from..i])?;
        out.write_str(rep)?;
        from = i + 1;
    }
    out.write_str(&s[from..])
}

/// Opens an accessible `<svg>` whose name is the `<title>` and whose data table follows it.
pub fn open(out: &mut String, id: &str, (w, h): (u32, u32), title: &str, class: &str, role: &str) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart {class}\" viewBox=\"0 0 {w} {h}\" \
         role=\"{role}\" aria-labelledby=\"{id}-t\" id=\"{id}\"><title id=\"{id}-t\">{}</title>",
        esc(title)
    );
}

/// `text` cut into at most `lines` lines of at most `width` characters, at spaces; a word
/// longer than a line, or text beyond the last line, is cut and ends with `…`.
pub fn wrap(text: &str, width: usize, lines: usize) -> Vec<String> {
    let width = width.max(2);
    let mut out: Vec<String> = Vec::new();
    let mut cut = false;
    for word in text.split_whitespace() {
        let fits = out
            .last()
            .is_some_and(|l| l.chars().count() + 1 + word.chars().count() <= width);
        if fits {
            let last = out.last_mut().expect("a line");
            last.push(' ');
            last.push_str(word);
        } else if out.len() == lines {
            cut = true;
            break;
        } else {
            out.push(word.to_string());
        }
    }
    for line in &mut out {
        if line.chars().count() > width {
            *line = line.chars().take(width - 1).collect();
            line.push('…');
        }
    }
    if cut {
        if let Some(last) = out.last_mut() {
            while last.chars().count() > width - 1 {
                last.pop();
            }
            let trimmed = last.trim_end().len();
            last.truncate(trimmed);
            last.push('…');
        }
    }
    out
}

/// A point list for `points=` or a path, with one decimal.
pub fn points(pts: &[(f64, f64)]) -> String {
    let mut s = String::with_capacity(pts.len() * 12);
    for (i, (x, y)) in pts.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        push_num(&mut s, *x, 1);
        s.push(',');
        push_num(&mut s, *y, 1);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_numbers_like_the_standard_formatter() {
        // Ties and near-ties included: 0.25, 1.15 and 2.675 are not exact in binary.
        let xs = [
            0.0, 0.05, 0.25, 0.35, 1.15, 2.675, 99.95, -3.45, 123456.789, 1e13, -7.0,
        ];
        for x in xs {
            for d in 0..=4 {
                let std = format!("{x:.d$}");
                let std = std
                    .strip_prefix('-')
                    .filter(|r| r.chars().all(|c| c == '0' || c == '.'));
                let want = std.map_or_else(|| format!("{x:.d$}"), str::to_string);
                assert_eq!(num(x, d).to_string(), want, "{x} with {d} decimals");
            }
        }
    }

    #[test]
    fn escapes_markup_characters_only() {
        assert_eq!(
            esc("a<b & \"c\" 'd'> é").to_string(),
            "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt; é"
        );
    }

    // Names wrap at spaces; a word or a text too long for the lines is cut with an ellipsis.
    #[test]
    fn wraps_names_into_short_lines() {
        assert_eq!(
            wrap("Référentiel d'interopérabilité (modélisation)", 16, 3),
            ["Référentiel", "d'interopérabil…", "(modélisation)"]
        );
        assert_eq!(wrap("Health Data Hub", 16, 3), ["Health Data Hub"]);
        assert_eq!(
            wrap(
                "Gisements de données, données de référence & services associés",
                20,
                2
            ),
            ["Gisements de", "données, données de…"]
        );
        assert!(wrap("", 10, 2).is_empty());
    }

    #[test]
    fn never_writes_negative_zero() {
        assert_eq!(num(-0.0001, 1).to_string(), "0.0");
        assert_eq!(num(-0.04, 1).to_string(), "0.0");
        assert_eq!(num(-1.26, 1).to_string(), "-1.3");
        assert_eq!(num(12.0, 0).to_string(), "12");
        assert_eq!(fr(75.34, 1), "75,3");
    }
}
