//! Where each page lives in `public/` and how pages link to each other with relative URLs, so
//! the site works from `file://` and under any sub-path.

/// The prefix leading from a page back to the site root, e.g. `../` for `regions/x.html`.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// A file-name-safe form of an identifier: ASCII letters, digits, `.`, `_` and `-` are kept.
pub fn slug(id: &str) -> String {
    let kept = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-');
    if !id.is_empty() && !id.starts_with('.') && id.bytes().all(kept) {
        // Most ids are already slugs.
        return id.to_string();
    }
    let s: String = id
        .chars()
        .map(|c| {
            if c.is_ascii() && kept(c as u8) {
                c
            } else {
                '-'
            }
        })
        .collect();
    if s.is_empty() || s.starts_with('.') {
        format!("_{s}")
    } else {
        s
    }
}

/// Page of a service or product.
pub fn subject(id: &str) -> String {
    format!("services/{}.html", slug(id))
}

/// Page of a questionnaire.
pub fn questionnaire(id: &str) -> String {
    format!("questionnaires/{}/index.html", slug(id))
}

/// JSON download of a questionnaire.
pub fn questionnaire_json(id: &str) -> String {
    format!("questionnaires/{}.json", slug(id))
}

/// Page of an axis of a questionnaire.
pub fn axis(questionnaire: &str, axis: &str) -> String {
    format!("questionnaires/{}/{}.html", slug(questionnaire), slug(axis))
}

/// Page of a region.
pub fn region(slug_: &str) -> String {
    format!("regions/{}.html", slug(slug_))
}

/// Page of a functional domain of the POS.
pub fn pos_domain(id: &str) -> String {
    format!("pos/{}.html", slug(id))
}

/// The `id` of a POS zone's card on its domain page.
pub fn zone_anchor(zone: &str) -> String {
    format!("zone-{}", slug(zone))
}

/// A place of the POS: a zone's card on its domain page, or the page of a domain without
/// zones (the place is then the domain itself).
pub fn pos_place(domain: &str, place: &str) -> String {
    if place == domain {
        pos_domain(domain)
    } else {
        format!("{}#{}", pos_domain(domain), zone_anchor(place))
    }
}

/// Page of a software editor.
pub fn editor(id: &str) -> String {
    format!("editeurs/{}.html", slug(id))
}

/// Page of a solution of a software editor, in its editor's folder.
pub fn solution(editor: &str, solution: &str) -> String {
    format!("editeurs/{}/{}.html", slug(editor), slug(solution))
}

/// Page of an organisation.
pub fn organisation(id: &str) -> String {
    format!("organisations/{}.html", slug(id))
}

/// Page of a doctrine, FAQ or free Markdown page.
pub fn page(section: crate::model::PageSection, slug_: &str) -> String {
    use crate::model::PageSection::*;
    let dir = match section {
        Doctrine => "doctrine",
        Faq => "faq",
        Page => "pages",
    };
    format!("{dir}/{}.html", slug(slug_))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_are_relative() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("questionnaires/q/A1.html"), "../../");
        assert_eq!(slug("a b/../c"), "a-b-..-c");
        assert_eq!(slug(".."), "_..");
        assert_eq!(slug("ara-10_dcc.v2"), "ara-10_dcc.v2");
        assert_eq!(slug(""), "_");
        assert_eq!(slug("é"), "-");
        assert_eq!(slug(".x"), "_.x");
    }

    #[test]
    fn solutions_sit_in_their_editor_folder() {
        assert_eq!(
            solution("maincare", "ideo cm"),
            "editeurs/maincare/ideo-cm.html"
        );
        // Slugs keep a hostile id inside the folder: two levels below the root, always.
        assert_eq!(solution("..", "a/b"), "editeurs/_../a-b.html");
        assert_eq!(root_of(&solution("..", "a/b")), "../../");
    }

    #[test]
    fn zones_are_anchors_on_their_domain_page() {
        assert_eq!(pos_place("6", "6.4"), "pos/6.html#zone-6.4");
        assert_eq!(pos_place("8", "8"), "pos/8.html");
        assert_eq!(zone_anchor("a b"), "zone-a-b");
    }
}
