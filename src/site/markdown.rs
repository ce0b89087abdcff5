//! Markdown to safe HTML: pulldown-cmark renders, ammonia removes scripts, event handlers and
//! dangerous URLs from whatever raw HTML the author wrote.

use pulldown_cmark::{Options, Parser, html};
use std::sync::LazyLock;

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    // No images: a page must load nothing from outside, and content has no asset folder yet.
    b.url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .rm_tags(["img"]);
    b
});

/// Renders Markdown to HTML and sanitises the result.
///
/// Text that holds no raw HTML, link or image is not sanitised: pulldown-cmark escapes all
/// text and writes only its own tags, so there is nothing to remove, and sanitising every
/// plain comment of every sheet would cost more than rendering it.
pub fn render(markdown: &str) -> String {
    use pulldown_cmark::{Event, Tag};
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION;
    let events: Vec<Event> = Parser::new_ext(markdown, opts).collect();
    let raw = events.iter().any(|e| {
        matches!(
            e,
            Event::Html(_)
                | Event::InlineHtml(_)
                | Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::HtmlBlock)
        )
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    if raw { sanitize(&out) } else { out }
}

/// Renders a short text (a comment, a description) as Markdown, sanitised.
pub fn render_inline(text: &str) -> String {
    render(text)
}

/// Removes anything unsafe from an HTML fragment.
pub fn sanitize(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

/// Plain text of a Markdown document (for the search index), collapsed to single spaces.
pub fn plain_text(markdown: &str, max_chars: usize) -> String {
    use pulldown_cmark::Event;
    let mut out = String::new();
    for ev in Parser::new(markdown) {
        if let Event::Text(t) | Event::Code(t) = ev {
            out.push_str(&t);
            out.push(' ');
        }
    }
    let words: Vec<&str> = out.split_whitespace().collect();
    let mut text = words.join(" ");
    if let Some((i, _)) = text.char_indices().nth(max_chars) {
        text.truncate(i);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_markdown() {
        assert_eq!(
            render("*a* **b**"),
            "<p><em>a</em> <strong>b</strong></p>\n"
        );
    }

    #[test]
    fn plain_text_needs_no_cleaning() {
        // What the sanitiser would have returned, without running it.
        for md in [
            "Connexion par carte CPS ; ouverture de l'e-CPS prévue -- fin 2022...",
            "a < b & c > d",
            "- un\n- deux\n\n1. trois\n\n| a | b |\n|---|---|\n| 1 | 2 |",
            "**gras**, *italique*, ~~barré~~, `code`",
        ] {
            assert_eq!(render(md), sanitize(&render(md)), "{md}");
        }
        assert_eq!(render("a < b & c"), "<p>a &lt; b &amp; c</p>\n");
        // A hostile info string stays inside the class attribute pulldown-cmark writes.
        assert_eq!(
            render("```x\"onmouseover=\"alert(1)\ncode\n```"),
            "<pre><code class=\"language-x&quot;onmouseover=&quot;alert(1)\">code\n</code></pre>\n"
        );
    }

    #[test]
    fn removes_script_elements() {
        let html = render("x <script>alert(1)</script> y");
        assert!(!html.contains("script"), "{html}");
        assert!(!html.contains("alert"), "{html}");
    }

    #[test]
    fn removes_event_handlers() {
        let html = render("<img src=\"a.png\" onerror=\"alert(1)\"> <p onclick=\"x()\">t</p>");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.contains("<img"), "{html}");
    }

    #[test]
    fn removes_javascript_urls() {
        for md in [
            "[x](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
            "<iframe src=\"javascript:alert(1)\"></iframe>",
        ] {
            let html = render(md);
            assert!(!html.to_lowercase().contains("javascript"), "{md} → {html}");
        }
    }

    #[test]
    fn removes_style_and_form_elements() {
        let html = render("<style>body{}</style><form action=\"x\"><input></form>");
        assert!(!html.contains("<style"), "{html}");
        assert!(!html.contains("<form"), "{html}");
        assert!(!html.contains("<input"), "{html}");
    }

    #[test]
    fn keeps_plain_outbound_links_safe() {
        let html = render("[doc](https://esante.gouv.fr)");
        assert!(html.contains("href=\"https://esante.gouv.fr\""), "{html}");
        assert!(html.contains("rel=\"noopener noreferrer\""), "{html}");
    }

    #[test]
    fn extracts_plain_text() {
        assert_eq!(
            plain_text("# T\n\nSome *text* here.", 100),
            "T Some text here."
        );
        assert_eq!(plain_text("abcdef", 3), "abc");
    }
}
