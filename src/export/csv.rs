//! A minimal RFC 4180 CSV writer: fields are quoted when they hold a comma, a quote, a line
//! break or surrounding spaces; quotes are doubled; records end with CRLF.

/// Quotes one field if needed.
pub fn quote(field: &str) -> std::borrow::Cow<'_, str> {
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

/// Appends one record to `out`.
pub fn write_record<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&quote(f.as_ref()));
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
}
