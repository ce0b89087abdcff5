//! Markdown pages: YAML front matter between `---` lines, then the body.

/// Splits `---\n<yaml>\n---\n<body>`: returns the YAML and the body, or `None` if the text does
/// not start with a front matter block.
pub fn split(text: &str) -> Option<(&str, &str)> {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let body = &rest[offset + line.len()..];
            return Some((&rest[..offset], body));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn splits_front_matter() {
        assert_eq!(
            super::split("---\ntitle: A\n---\n# Corps\n"),
            Some(("title: A\n", "# Corps\n"))
        );
        assert_eq!(super::split("# Pas d'en-tête"), None);
        assert_eq!(super::split("---\ntitle: A\n"), None);
    }
}
