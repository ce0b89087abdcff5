//! Tests of the Markdown renderer: exact output for the portal's Markdown, and hostile input.

use super::*;

#[test]
fn renders_markdown() {
    assert_eq!(
        render("*a* **b**"),
        "<p><em>a</em> <strong>b</strong></p>\n"
    );
}

#[test]
fn renders_the_extensions_the_content_uses() {
    assert_eq!(
        render("- un\n- deux\n\n1. trois\n\n| a | b |\n|---|:-:|\n| 1 | 2 |"),
        "<ul>\n<li>un</li>\n<li>deux</li>\n</ul>\n<ol>\n<li>trois</li>\n</ol>\n\
         <table><thead><tr><th>a</th><th style=\"text-align: center\">b</th></tr></thead><tbody>\n\
         <tr><td>1</td><td style=\"text-align: center\">2</td></tr>\n</tbody></table>\n"
    );
    assert_eq!(
        render("~~barré~~, `code`, \"guillemets\" -- fin..."),
        "<p><del>barré</del>, <code>code</code>, “guillemets” – fin…</p>\n"
    );
    assert_eq!(
        render("Note[^1].\n\n[^1]: La note."),
        "<p>Note<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup>.</p>\n\
         <div class=\"footnote-definition\" id=\"1\"><sup class=\"footnote-definition-label\">1</sup>\n\
         <p>La note.</p>\n</div>\n"
    );
    assert_eq!(
        render("## Titre\n\ntexte"),
        "<h2>Titre</h2>\n<p>texte</p>\n"
    );
}

#[test]
fn escapes_text_and_code() {
    assert_eq!(render("a < b & c > d"), "<p>a &lt; b &amp; c &gt; d</p>\n");
    assert_eq!(
        render("`answers/<organisation>/`"),
        "<p><code>answers/&lt;organisation&gt;/</code></p>\n"
    );
    // A hostile info string stays inside the class attribute pulldown-cmark writes.
    assert_eq!(
        render("```x\"onmouseover=\"alert(1)\ncode\n```"),
        "<pre><code class=\"language-x&quot;onmouseover=&quot;alert(1)\">code\n</code></pre>\n"
    );
}

#[test]
fn shows_inline_html_as_text() {
    assert_eq!(
        render("x <script>alert(1)</script> y"),
        "<p>x &lt;script&gt;alert(1)&lt;/script&gt; y</p>\n"
    );
    assert_eq!(
        render("un <b onclick=\"x()\">gras</b> <!-- note -->"),
        "<p>un &lt;b onclick=&quot;x()&quot;&gt;gras&lt;/b&gt; &lt;!-- note --&gt;</p>\n"
    );
}

#[test]
fn shows_html_blocks_as_a_paragraph_of_text() {
    assert_eq!(
        render("<script>\nalert(1)\n</script>\n\nsuite"),
        "<p>&lt;script&gt;\nalert(1)\n&lt;/script&gt;\n</p>\n<p>suite</p>\n"
    );
    assert_eq!(
        render("<img src=\"a.png\" onerror=\"alert(1)\">"),
        "<p>&lt;img src=&quot;a.png&quot; onerror=&quot;alert(1)&quot;&gt;</p>\n"
    );
    assert_eq!(
        render("<style>body{}</style><form action=\"x\"><input></form>"),
        "<p>&lt;style&gt;body{}&lt;/style&gt;&lt;form action=&quot;x&quot;&gt;&lt;input&gt;&lt;/form&gt;</p>\n"
    );
}

#[test]
fn keeps_safe_links_with_rel() {
    assert_eq!(
        render("[doc](https://esante.gouv.fr)"),
        "<p><a href=\"https://esante.gouv.fr\" rel=\"noopener noreferrer\">doc</a></p>\n"
    );
    assert_eq!(
        render(
            "[a](HTTP://x.fr \"Le \\\"titre\\\"\") [b](mailto:a@b.fr) [c](methode.html#taux) [d](#haut) [e](../faq/) [f](//x.fr)"
        ),
        "<p><a href=\"HTTP://x.fr\" title=\"Le &quot;titre&quot;\" rel=\"noopener noreferrer\">a</a> \
         <a href=\"mailto:a@b.fr\" rel=\"noopener noreferrer\">b</a> \
         <a href=\"methode.html#taux\" rel=\"noopener noreferrer\">c</a> \
         <a href=\"#haut\" rel=\"noopener noreferrer\">d</a> \
         <a href=\"../faq/\" rel=\"noopener noreferrer\">e</a> \
         <a href=\"//x.fr\" rel=\"noopener noreferrer\">f</a></p>\n"
    );
    assert_eq!(
        render("<https://x.fr/a?b=1&c=2> <contact@x.fr>"),
        "<p><a href=\"https://x.fr/a?b=1&amp;c=2\" rel=\"noopener noreferrer\">https://x.fr/a?b=1&amp;c=2</a> \
         <a href=\"mailto:contact@x.fr\" rel=\"noopener noreferrer\">contact@x.fr</a></p>\n"
    );
}

#[test]
fn reduces_links_with_unsafe_schemes_to_their_text() {
    for md in [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x]( javascript:alert(1) )",
        "[x](<java\tscript:alert(1)>)",
        "[x](&#106;avascript:alert(1))",
        "[x](&#x6A;&#x61;vascript:alert(1))",
        "[x](javascript&colon;alert(1))",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](file:///etc/passwd)",
        "[x](\\javascript:alert(1))",
        "[x]: javascript:alert(1)\n\n[x]",
        "[x]: <data:text/html,x>\n\n[y][x]",
    ] {
        let html = render(md);
        let text = if md.contains("[y]") { "y" } else { "x" };
        assert_eq!(html, format!("<p>{text}</p>\n"), "{md}");
    }
    // Autolinks are links too.
    assert_eq!(
        render("<javascript:alert(1)>"),
        "<p>javascript:alert(1)</p>\n"
    );
    // The text inside a refused link keeps its formatting.
    assert_eq!(render("[**x**](data:x)"), "<p><strong>x</strong></p>\n");
}

#[test]
fn shows_images_as_their_alternative_text() {
    assert_eq!(
        render("![un schéma](schema.png) ![*x*](javascript:alert(1))"),
        "<p>un schéma <em>x</em></p>\n"
    );
    assert_eq!(
        render("[![logo](l.png)](https://x.fr)"),
        "<p><a href=\"https://x.fr\" rel=\"noopener noreferrer\">logo</a></p>\n"
    );
}

#[test]
fn reads_schemes_as_a_browser_does() {
    for safe in [
        "https://x",
        "HTTPS://x",
        "mailto:a@b",
        "a/b:c",
        "./x:y",
        "?q=a:b",
        "#a:b",
        "",
    ] {
        assert!(is_safe_url(safe), "{safe}");
    }
    for unsafe_url in [
        "javascript:x",
        " \u{1}javascript:x",
        "jav\tasc\nri\rpt:x",
        "data:x",
        "vbscript:x",
        "x:y",
        "java\0script:x",
    ] {
        assert!(!is_safe_url(unsafe_url), "{unsafe_url:?}");
    }
}

#[test]
fn extracts_plain_text() {
    assert_eq!(
        plain_text("# T\n\nSome *text* here.", 100),
        "T Some text here."
    );
    assert_eq!(plain_text("abcdef", 3), "abc");
}
