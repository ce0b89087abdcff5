//! "Did you mean" for unknown identifiers and misspelt keys: the closest known name by edit
//! distance (optimal string alignment, so a swap of two neighbouring letters counts once).

/// The known name closest to `word`, when it is close enough to be a likely typo: at most one
/// edit for names of up to four characters, otherwise a third of the word's length (rounded
/// up), compared case-insensitively. Ties go to the first in `known`.
pub fn closest<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
    if word.is_empty() || word.len() > MAX_LEN {
        return None;
    }
    let limit = if word.len() <= 4 {
        1
    } else {
        word.len().div_ceil(3)
    };
    let mut best: Option<(usize, &str)> = None;
    for candidate in known {
        let chars: Vec<char> = candidate.chars().flat_map(char::to_lowercase).collect();
        if chars.len() > MAX_LEN || chars.len().abs_diff(word.len()) > limit {
            continue;
        }
        let d = distance(&word, &chars);
        if d <= limit && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, name)| name)
}

/// The hint for an unknown name: "vouliez-vous dire « x » ? sinon, fallback" when one is
/// close, else `fallback` alone.
pub fn hint<'a>(word: &str, known: impl IntoIterator<Item = &'a str>, fallback: String) -> String {
    match closest(word, known) {
        Some(name) => format!("vouliez-vous dire « {name} » ? sinon, {fallback}"),
        None => fallback,
    }
}

/// Names longer than this are not compared (the distance is quadratic in the length).
const MAX_LEN: usize = 64;

/// Optimal string alignment distance: insertions, deletions, substitutions and transpositions
/// of adjacent characters, each costing one.
fn distance(a: &[char], b: &[char]) -> usize {
    let width = b.len() + 1;
    let mut rows = vec![0usize; 3 * width];
    let (mut prev2, mut prev, mut cur) = (0, width, 2 * width);
    for (j, cell) in rows[prev..prev + width].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows[cur] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[prev + j] + 1)
                .min(rows[cur + j - 1] + 1)
                .min(rows[prev + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[prev2 + j - 2] + 1);
            }
            rows[cur + j] = d;
        }
        (prev2, prev, cur) = (prev, cur, prev2);
    }
    rows[prev + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        distance(&a, &b)
    }

    #[test]
    fn distance_counts_each_edit_once() {
        assert_eq!(d("", ""), 0);
        assert_eq!(d("abc", ""), 3);
        assert_eq!(d("", "ab"), 2);
        assert_eq!(d("A04.1.1", "A04.1.1"), 0);
        assert_eq!(d("A04.1.1", "A04.1.2"), 1); // substitution
        assert_eq!(d("A04.11", "A04.1.1"), 1); // insertion
        assert_eq!(d("A40.1.1", "A04.1.1"), 1); // transposition
        assert_eq!(d("kitten", "sitting"), 3);
        assert_eq!(d("évaluation", "evaluation"), 1);
    }

    #[test]
    fn suggests_the_closest_likely_typo() {
        let known = ["urbanisation-services", "interoperabilite-services"];
        assert_eq!(
            closest("urbanisation-service", known),
            Some("urbanisation-services")
        );
        assert_eq!(
            closest("interoperabilité-services", known),
            Some("interoperabilite-services")
        );
        assert_eq!(
            closest("Urbanisation-Services", known),
            Some("urbanisation-services")
        );
        assert_eq!(closest("teleconsultation", known), None);
        assert_eq!(closest("", known), None);
    }

    #[test]
    fn short_names_allow_one_edit_and_ties_go_to_the_first() {
        assert_eq!(closest("84", ["84", "93"]), Some("84"));
        assert_eq!(closest("83", ["84", "93"]), Some("84"));
        assert_eq!(closest("11", ["84", "93"]), None);
        assert_eq!(closest("lvel", ["level", "plan"]), Some("level"));
        assert_eq!(closest("pln", ["level", "plan"]), Some("plan"));
    }

    #[test]
    fn hint_falls_back_when_nothing_is_close() {
        assert_eq!(
            hint(
                "A04.1.3",
                ["A04.1.1", "A08.2"],
                "voir le questionnaire".into()
            ),
            "vouliez-vous dire « A04.1.1 » ? sinon, voir le questionnaire"
        );
        assert_eq!(
            hint("zzz", ["A04.1.1"], "voir le questionnaire".into()),
            "voir le questionnaire"
        );
    }

    #[test]
    fn very_long_names_are_not_compared() {
        let long = "a".repeat(MAX_LEN + 1);
        assert_eq!(closest(&long, [long.as_str()]), None);
    }
}
