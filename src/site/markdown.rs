//! Markdown to safe HTML: pulldown-cmark renders, and its event stream is filtered on the way
//! so that nothing the author writes can run a script or load anything.
//!
//! Raw HTML (a block or an inline tag) is shown as text, escaped (quotes included); a link keeps its target only
//! when that target is relative, a fragment, or an `http`, `https` or `mailto` URL, and gets
//! `rel="noopener noreferrer"`; an image shows its alternative text and loads nothing. The rest
//! (text, code, attributes such as a code block's language) is escaped by pulldown-cmark itself.

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd, html};
use pulldown_cmark_escape::{escape_href, escape_html};

/// The Markdown extensions the portal's texts may use.
const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_SMART_PUNCTUATION);

/// URL schemes a link may use; anything else with a scheme (`javascript:`, `data:`,
/// `vbscript:`, `file:`…) is refused.
const SAFE_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// Renders Markdown to HTML that holds no tag, attribute or URL the author chose unchecked.
pub fn render(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, safe_events(Parser::new_ext(markdown, OPTIONS)));
    out
}

/// Renders a short text (a comment, a description) as Markdown, made safe as [`render`] does.
pub fn render_inline(text: &str) -> String {
    render(text)
}

/// The parser's events with raw HTML turned into text, unsafe links reduced to their text and
/// images to their alternative text.
fn safe_events<'a>(events: impl Iterator<Item = Event<'a>>) -> impl Iterator<Item = Event<'a>> {
    // Whether each open link was kept, innermost last (CommonMark links do not nest, but an
    // image may sit inside a link).
    let mut links: Vec<bool> = Vec::new();
    events.filter_map(move |event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Some(Event::Html(escaped(&html))),
        Event::Start(Tag::HtmlBlock) => Some(Event::Start(Tag::Paragraph)),
        Event::End(TagEnd::HtmlBlock) => Some(Event::End(TagEnd::Paragraph)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            ..
        }) => {
            let kept = link_type == LinkType::Email || is_safe_url(&dest_url);
            links.push(kept);
            kept.then(|| Event::Html(link_start(link_type, &dest_url, &title)))
        }
        Event::End(TagEnd::Link) => links.pop().unwrap_or(false).then_some(event),
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        other => Some(other),
    })
}

/// Raw HTML as text, quotes escaped too, so that not even a naive reader of the page sees an
/// attribute in it.
fn escaped(html: &str) -> CowStr<'static> {
    let mut text = String::with_capacity(html.len() + 16);
    // Writing to a `String` cannot fail.
    escape_html(&mut text, html).unwrap_or_default();
    text.into()
}

/// The opening `<a>` tag of a kept link, as pulldown-cmark writes it plus `rel`.
fn link_start(link_type: LinkType, url: &str, title: &str) -> CowStr<'static> {
    let mut tag = String::from("<a href=\"");
    if link_type == LinkType::Email {
        tag.push_str("mailto:");
    }
    // Writing to a `String` cannot fail.
    escape_href(&mut tag, url).unwrap_or_default();
    if !title.is_empty() {
        tag.push_str("\" title=\"");
        escape_html(&mut tag, title).unwrap_or_default();
    }
    tag.push_str("\" rel=\"noopener noreferrer\">");
    tag.into()
}

/// Whether a link target is safe in an `href`: relative, a fragment, or an absolute URL with
/// one of [`SAFE_SCHEMES`].
///
/// Read as a browser reads it: leading and trailing spaces and control characters are dropped,
/// tabs and line breaks are removed anywhere, the scheme's case does not matter (entities such
/// as `&#106;` or `&colon;` are already decoded by the parser). Any `:` before the first `/`,
/// `?` or `#` makes what precedes it a scheme, which must be a safe one.
fn is_safe_url(url: &str) -> bool {
    let url: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let head = url.split(['/', '?', '#']).next().unwrap_or("");
    match head.split_once(':') {
        None => true,
        Some((scheme, _)) => SAFE_SCHEMES
            .iter()
            .any(|safe| scheme.eq_ignore_ascii_case(safe)),
    }
}

/// Plain text of a Markdown document (for the search index), collapsed to single spaces.
pub fn plain_text(markdown: &str, max_chars: usize) -> String {
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
mod tests;
