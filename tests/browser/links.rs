//! Checks a built site: every relative `href`/`src` resolves to a file of the output, every
//! fragment of a link to a page (`page.html#zone-6.4`, `#contenu`) names an element of that page,
//! and no page loads anything from another site.

use std::collections::BTreeMap;
use std::path::Path;

/// Every file of `dir`, by `/`-separated relative path.
pub fn read_site(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(dir).unwrap();
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            out.insert(rel, std::fs::read(e.path()).unwrap());
        }
    }
    out
}

/// The values of `href="…"` and `src="…"` attributes of an HTML page, with the tag they are in.
pub fn attributes(html: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for attr in ["href", "src"] {
        let pat = format!(" {attr}=\"");
        let mut from = 0;
        while let Some(i) = html[from..].find(&pat) {
            let start = from + i + pat.len();
            let end = start + html[start..].find('"').unwrap();
            let tag_start = html[..start].rfind('<').unwrap_or(0);
            let tag: String = html[tag_start + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            out.push((tag, attr.to_string(), decode(&html[start..end])));
            from = end;
        }
    }
    out
}

/// Decodes the few entities an attribute value may hold.
pub fn decode(s: &str) -> String {
    s.replace("&#x2f;", "/")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// Resolves `link` (relative to the page at `page`) to a site path, without query or fragment.
pub fn resolve(page: &str, link: &str) -> String {
    let link = link.split(['#', '?']).next().unwrap_or("");
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in link.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The `id` attribute values of an HTML page.
pub fn ids(html: &str) -> std::collections::BTreeSet<String> {
    html.split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(decode)
        .collect()
}

/// The problem with `link`'s fragment, if it has one the page at `target` (a site path) does not
/// hold as an `id`; pages without a fragment, and non-HTML targets, have none.
pub fn missing_fragment(
    site: &BTreeMap<String, Vec<u8>>,
    target: &str,
    link: &str,
) -> Option<String> {
    let (_, fragment) = link.split_once('#')?;
    if fragment.is_empty() || !target.ends_with(".html") {
        return None;
    }
    let html = String::from_utf8_lossy(site.get(target)?);
    (!ids(&html).contains(fragment)).then(|| format!("ancre absente #{fragment} dans {target}"))
}

/// Problems found: broken internal links, missing fragments and external resources.
pub fn check(site: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut problems = Vec::new();
    for (path, bytes) in site.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for (tag, attr, value) in attributes(&html) {
            let external = value.starts_with("http://")
                || value.starts_with("https://")
                || value.starts_with("//");
            if external {
                // Only plain outbound links (<a href>) may leave the site; nothing is loaded from outside.
                if !(tag == "a" && attr == "href") {
                    problems.push(format!(
                        "{path}: ressource externe <{tag} {attr}=\"{value}\">"
                    ));
                }
                continue;
            }
            if value.starts_with("mailto:") || value.is_empty() {
                continue;
            }
            if value.starts_with('#') {
                if let Some(p) = missing_fragment(site, path, &value) {
                    problems.push(format!("{path}: {p}"));
                }
                continue;
            }
            if value.starts_with('/') {
                problems.push(format!("{path}: lien absolu {value}"));
                continue;
            }
            let target = resolve(path, &value);
            if !site.contains_key(&target) {
                problems.push(format!("{path}: lien cassé {value} → {target}"));
            } else if let Some(p) = missing_fragment(site, &target, &value) {
                problems.push(format!("{path}: {p}"));
            }
        }
    }
    problems
}
