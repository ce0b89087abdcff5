//! Repository text made inert in GitHub and GitLab Markdown, so that a name or a message in a
//! pull request cannot forge the review comment: one line, no HTML or comment, no link, image,
//! emphasis, code span or table cell boundary, no `@mention`, no autolinked URL.

/// Longest piece of repository text shown, in characters (the rest becomes `…`).
const MAX_CHARS: usize = 200;

/// Word joiner: invisible, it breaks `@team` mentions and `http://` autolinks.
const JOINER: char = '\u{2060}';

/// Whether `c` would break the line or reorder the text around it: control characters, line
/// and paragraph separators, bidirectional overrides and isolates.
fn breaks_layout(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `s` as inert inline Markdown text (never written at the start of a line): layout
/// characters become spaces, HTML's `<`, `>` and `&` become entities, the punctuation of
/// emphasis, links, images, code, math, references and table cells is backslash-escaped,
/// `@` and `://` get an invisible joiner, and text past 200 characters is cut with `…`.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    let mut n = 0;
    while let Some(c) = chars.next() {
        n += 1;
        if n > MAX_CHARS {
            out.push('…');
            break;
        }
        match c {
            c if breaks_layout(c) => out.push(' '),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '@' => {
                out.push('@');
                out.push(JOINER);
            }
            ':' if chars.peek() == Some(&'/') => {
                out.push(':');
                out.push(JOINER);
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '!' | '|' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// `s` in a code span when it is made only of letters, digits and `. _ / : -` (ids, paths,
/// positions), else as [`text`].
pub fn code(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars().count() <= MAX_CHARS
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '/' | ':' | '-'));
    if plain { format!("`{s}`") } else { text(s) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_stays_on_one_inert_line() {
        // Each construct that would render, ping or break a table is neutralised.
        assert_eq!(
            text("a\n\n## b <!-- c --> @team ![](http://x) | `d`"),
            "a  \\#\\# b &lt;\\!-- c --&gt; @\u{2060}team \\!\\[\\](http:\u{2060}//x) \\| \\`d\\`"
        );
        assert_eq!(text("é\u{202E}x"), "é x");
        assert_eq!(text(&"x".repeat(300)).chars().count(), 201);
        assert_eq!(code("answers/a/b.yaml:3:1"), "`answers/a/b.yaml:3:1`");
        assert_eq!(code("a`b"), "a\\`b");
    }
}
