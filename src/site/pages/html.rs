//! The few fragments written without the template engine: on every sheet (thousands of pages)
//! the engine costs more than the markup it writes. Each writer emits exactly what its template
//! wrote before, escaped the way the theme's formatter escapes (`charts::write_escaped`), and a
//! test renders both and compares them.

use crate::charts::{self, DataTable};

/// Appends `s` escaped for HTML.
pub fn text(out: &mut String, s: &str) {
    let _ = charts::write_escaped(out, s);
}

/// Appends a data table as the time panel and the sheets' charts write it: `indent` is the
/// indentation of its `<caption>` (that of `<div>` then `</table>` is two spaces less).
pub fn table(out: &mut String, t: &DataTable, indent: &str) {
    let outer = &indent[2.min(indent.len())..];
    out.push_str("<div class=\"table-wrap\"><table>\n");
    out.push_str(indent);
    out.push_str("<caption>");
    text(out, &t.caption);
    out.push_str("</caption>\n");
    out.push_str(indent);
    out.push_str("<thead><tr>");
    for h in &t.headers {
        out.push_str("<th scope=\"col\">");
        text(out, h);
        out.push_str("</th>");
    }
    out.push_str("</tr></thead>\n");
    out.push_str(indent);
    out.push_str("<tbody>\n");
    for row in &t.rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            out.push_str(if i == 0 { "<th scope=\"row\">" } else { "<td>" });
            text(out, cell);
            out.push_str(if i == 0 { "</th>" } else { "</td>" });
        }
        out.push_str("</tr>\n");
    }
    out.push_str(indent);
    out.push_str("</tbody>\n");
    out.push_str(outer);
    out.push_str("</table></div>");
}

/// Appends a link to `root` + `url` (a page of the site from a page whose root is `root`)
/// named `label`.
pub fn link(out: &mut String, root: &str, url: &str, label: &str) {
    out.push_str("<a href=\"");
    text(out, root);
    text(out, url);
    out.push_str("\">");
    text(out, label);
    out.push_str("</a>");
}

/// Appends a badge's image at `root` + `svg`, named after the subject and questionnaires it
/// describes (`title`).
pub fn badge_image(out: &mut String, root: &str, svg: &str, title: &str) {
    out.push_str("<img src=\"");
    text(out, root);
    text(out, svg);
    out.push_str("\" alt=\"convergence : ");
    text(out, title);
    out.push_str("\">");
}
