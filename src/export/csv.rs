//! A minimal RFC 4180 CSV writer, safe to open in a spreadsheet: a text field that a spreadsheet
//! would read as a formula gets a leading `'` (OWASP's "CSV injection" advice); fields are quoted
//! when they hold a comma, a quote, a line break or surrounding spaces; quotes are doubled;
//! records end with CRLF.

use std::borrow::Cow;

/// Quotes one field if needed.
pub fn quote(field: &str) -> Cow<'_, str> {
    let bytes = field.as_bytes();
    let needs = bytes
        .iter()
        .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
        || bytes.first() == Some(&b' ')
        || bytes.last() == Some(&b' ');
    if needs {
        format!("\"{}\"", field.replace('"', "\"\"")).into()
    } else {
        field.into()
    }
}

/// Prefixes with `'` a field that a spreadsheet would evaluate: one starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return, unless it is a plain decimal number (`-0.25`, `1e-3`), which
/// stays a number and cannot carry a formula.
pub fn neutralise(field: &str) -> Cow<'_, str> {
    let triggers = matches!(
        field.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    );
    if triggers && !is_number(field) {
        format!("'{field}").into()
    } else {
        field.into()
    }
}

/// Whether `s` is a decimal number: optional sign, digits with an optional fraction, optional
/// exponent. Nothing else (no `inf`, no `NaN`, no spaces).
fn is_number(s: &str) -> bool {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (mantissa, exponent) = match s.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['-', '+']).unwrap_or(e))),
        None => (s, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((int, frac)) => digits(int) && (frac.is_empty() || digits(frac)),
        None => digits(mantissa),
    };
    mantissa_ok && exponent.is_none_or(digits)
}

/// Appends one record to `out`.
pub fn write_record<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&quote(&neutralise(f.as_ref())));
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(quote("abc"), "abc");
        assert_eq!(quote("a,b"), "\"a,b\"");
        assert_eq!(quote("dit \"oui\""), "\"dit \"\"oui\"\"\"");
        assert_eq!(quote("deux\nlignes"), "\"deux\nlignes\"");
        assert_eq!(quote(" espace"), "\" espace\"");
        assert_eq!(quote("« élan »"), "« élan »");
        let mut out = String::new();
        write_record(&mut out, &["a", "b,c", ""]);
        assert_eq!(out, "a,\"b,c\",\r\n");
    }

    #[test]
    fn neutralises_every_formula_trigger() {
        // OWASP's list: a leading `=`, `+`, `-`, `@`, tab or carriage return.
        assert_eq!(
            neutralise("=HYPERLINK(\"http://x\";\"clic\")"),
            "'=HYPERLINK(\"http://x\";\"clic\")"
        );
        assert_eq!(neutralise("+33 1 23"), "'+33 1 23");
        assert_eq!(
            neutralise("-2+3+cmd|' /C calc'!A0"),
            "'-2+3+cmd|' /C calc'!A0"
        );
        assert_eq!(neutralise("@SUM(A1:A9)"), "'@SUM(A1:A9)");
        assert_eq!(neutralise("\t=1"), "'\t=1");
        assert_eq!(neutralise("\r=1"), "'\r=1");
        assert_eq!(neutralise("-"), "'-");
        assert_eq!(neutralise("-inf"), "'-inf");
        assert_eq!(neutralise("+NaN"), "'+NaN");
    }

    #[test]
    fn leaves_numbers_and_ordinary_text_alone() {
        // A number stays numeric in the spreadsheet, negative or signed or with an exponent.
        for s in ["-1", "-0.25", "+3", "1e-3", "-2.5E+4", "-7.", "0.788", "12"] {
            assert_eq!(neutralise(s), s);
        }
        for s in [
            "",
            "Hôpital = clinique",
            "a-b",
            "2021-T3:2;2022-T2:3",
            "*",
            "—",
            "'=1",
        ] {
            assert_eq!(neutralise(s), s);
        }
        for s in ["-.5", "-1e", "--1", "-1-2", "- 1", "-1 "] {
            assert_eq!(neutralise(s), format!("'{s}"));
        }
    }

    #[test]
    fn a_neutralised_field_is_still_quoted_when_needed() {
        // The prefix goes inside the quotes, so the spreadsheet shows the text as written.
        let mut out = String::new();
        write_record(&mut out, &["=1+2,3", "\r\n=x", "-0.5"]);
        assert_eq!(out, "\"'=1+2,3\",\"'\r\n=x\",-0.5\r\n");
    }
}
