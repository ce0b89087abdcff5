//! YAML syntax errors as a French speaker who is not a developer can act on them: the parser's
//! message translated, the common traps recognised from the offending line (a tab in the
//! indentation, « : » inside unquoted text, a quote never closed, a value starting with `@` or
//! a backquote), each with a hint that shows the corrected line. Also finds text cut short by a
//! ` #` that YAML reads as a comment (`comment: Voir ticket #42` keeps only « Voir ticket »).

use crate::diagnostics::{Code, Diagnostic};
use crate::source::{Location, SourceFile};

/// A syntax error explained: where, what, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained {
    /// 1-based line of the problem (may differ from the parser's, e.g. for a tab).
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// What is wrong, in French.
    pub message: String,
    /// How to fix it, in French.
    pub hint: String,
}

/// Explains the parser error `info` reported at `line` (1-based) and `col` (0-based, in
/// characters) of `text`.
pub fn explain(info: &str, text: &str, line: usize, col: usize) -> Explained {
    let lines: Vec<&str> = text.lines().collect();
    let at = |n: usize| lines.get(n.saturating_sub(1)).copied().unwrap_or("");
    let plain = |message: String, hint: &str| Explained {
        line,
        col: col + 1,
        message,
        hint: hint.to_string(),
    };
    if info.contains("tab") {
        if let Some((n, c)) = tab_in_indentation(&lines, line) {
            return Explained {
                line: n,
                col: c,
                message: "tabulation dans l'indentation".into(),
                hint: "YAML n'accepte que des espaces en début de ligne : remplacez la tabulation par des espaces".into(),
            };
        }
    }
    let current = at(line);
    if info.starts_with("mapping values are not allowed") {
        if let Some((key, value)) = split_key(current) {
            if value.contains(':') && !starts_quoted(value) {
                return plain(
                    "« : » dans un texte sans guillemets : YAML le lit comme une nouvelle clé"
                        .into(),
                    &format!(
                        "mettez le texte entre guillemets : {key}: {}",
                        quoted(value.trim_end())
                    ),
                );
            }
        }
    }
    if info.starts_with("unexpected character") {
        let rest: String = current.chars().skip(col).collect();
        if let Some(first @ ('@' | '`')) = rest.chars().next() {
            let token: String = rest
                .chars()
                .take_while(|c| !matches!(c, ',' | ']' | '}'))
                .collect();
            let token = token.trim_end();
            return plain(
                format!("une valeur sans guillemets ne peut pas commencer par « {first} »"),
                &format!("mettez-la entre guillemets : {}", quoted(token)),
            );
        }
    }
    if info.contains("quoted scalar") && !info.contains("escape") {
        let rest: String = current.chars().skip(col).collect();
        if let Some(quote @ ('"' | '\'')) = rest.chars().next() {
            if !rest[quote.len_utf8()..].contains(quote) {
                return plain(
                    format!("guillemet {} ouvert mais jamais fermé", name_of(quote)),
                    &format!(
                        "fermez-le à la fin du texte : {}{quote}, ou retirez-le",
                        current.trim_end()
                    ),
                );
            }
        }
    }
    if info.starts_with("invalid trailing content after") {
        return plain(
            "du texte suit le guillemet fermant".into(),
            "mettez tout le texte entre les guillemets",
        );
    }
    if info.contains("did not find expected key") || info.starts_with("invalid indentation") {
        return plain(
            "indentation incohérente".into(),
            "alignez cette ligne sur les clés de même niveau : même nombre d'espaces en début de ligne",
        );
    }
    plain(
        format!("YAML mal formé ({})", translate(info)),
        "vérifiez l'indentation, les « : » après les clés et les guillemets",
    )
}

/// Where a ` #` comment cuts a text value short: the 1-based line and column of the `#`, the
/// key, the text kept and the text lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CutText {
    /// 1-based line.
    pub line: usize,
    /// 1-based column of the `#`, in characters.
    pub col: usize,
    /// The key whose text is cut.
    pub key: String,
    /// What YAML keeps.
    pub kept: String,
    /// What YAML drops as a comment.
    pub lost: String,
}

/// The CV019 warnings of a YAML file: one per text cut short by a ` #` comment.
pub fn cut_text_warnings(src: &SourceFile) -> Vec<Diagnostic> {
    cut_texts(&src.text)
        .into_iter()
        .map(|cut| {
            let full = format!("{} #{}", cut.kept, cut.lost);
            Diagnostic::warning(
                Code::TextCutByComment,
                &src.path,
                format!(
                    "le texte de « {} » s'arrête à « {} » : YAML lit « #{} » comme un commentaire",
                    cut.key, cut.kept, cut.lost
                ),
            )
            .at(Some(Location::at(cut.line as u32, cut.col as u32)))
            .hint(format!(
                "pour garder tout le texte, mettez-le entre guillemets : {}: {}",
                cut.key,
                quoted(&full)
            ))
        })
        .collect()
}

/// Keys whose values are free text that people write in sentences.
const TEXT_KEYS: [&str; 8] = [
    "name",
    "description",
    "comment",
    "not_plannable",
    "title",
    "help",
    "question",
    "definition",
];

/// Lines `key: text # more` where `key` is a text field and the text is not quoted: YAML keeps
/// only `text`. Lines that are comments, quoted values and block scalars are left alone.
pub fn cut_texts(text: &str) -> Vec<CutText> {
    let mut out = Vec::new();
    // Cheap test first: most files have no ` #` after a value at all.
    if !text.contains(" #") {
        return out;
    }
    for (i, line) in text.lines().enumerate() {
        let Some((key, value)) = split_key(line) else {
            continue;
        };
        let bare = key.trim_start().trim_start_matches("- ");
        if !TEXT_KEYS.contains(&bare) || value.is_empty() || starts_quoted(value) {
            continue;
        }
        if value.starts_with(['|', '>', '[', '{', '#', '&', '*', '!']) {
            continue;
        }
        let Some(hash) = value.find(" #").or_else(|| value.find("\t#")) else {
            continue;
        };
        let kept = value[..hash].trim_end();
        let lost = value[hash..].trim_start()[1..].trim();
        if lost.is_empty() {
            continue;
        }
        let col = line.len() - value.len() + hash + 1;
        out.push(CutText {
            line: i + 1,
            col: line[..col].chars().count() + 1,
            key: bare.to_string(),
            kept: kept.to_string(),
            lost: lost.to_string(),
        });
    }
    out
}

/// `key` (with its indentation) and the value after `: `, for a `key: value` line.
fn split_key(line: &str) -> Option<(&str, &str)> {
    if line.trim_start().starts_with('#') {
        return None;
    }
    let at = line.find(": ")?;
    let key = &line[..at];
    if key.trim().is_empty() || key.contains(['"', '\'', '{', '[']) {
        return None;
    }
    Some((key, line[at + 2..].trim_start()))
}

fn starts_quoted(value: &str) -> bool {
    value.starts_with(['"', '\''])
}

/// `value` in double quotes, with `\` and `"` escaped.
fn quoted(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

fn name_of(quote: char) -> &'static str {
    if quote == '"' { "double" } else { "simple" }
}

/// The first tab in the leading whitespace of `line` (1-based) or of a later line:
/// 1-based line and column.
fn tab_in_indentation(lines: &[&str], line: usize) -> Option<(usize, usize)> {
    lines
        .iter()
        .enumerate()
        .skip(line.saturating_sub(1))
        .find_map(|(i, l)| {
            let indent: String = l.chars().take_while(|c| c.is_whitespace()).collect();
            indent
                .find('\t')
                .map(|c| (i + 1, indent[..c].chars().count() + 1))
        })
}

/// The parser's message in French, for the messages people meet; others are kept as given.
fn translate(info: &str) -> String {
    const TABLE: &[(&str, &str)] = &[
        ("unexpected eof", "fin de fichier inattendue"),
        (
            "while parsing a flow sequence, expected ',' or ']'",
            "liste entre crochets : « , » ou « ] » attendu",
        ),
        (
            "while parsing a flow mapping, did not find expected ',' or '}'",
            "table entre accolades : « , » ou « } » attendu",
        ),
        (
            "while parsing a node, did not find expected node content",
            "valeur attendue",
        ),
        (
            "block sequence entries are not allowed in this context",
            "élément de liste « - » mal placé",
        ),
        (
            "while parsing a block collection, did not find expected '-' indicator",
            "élément de liste « - » attendu",
        ),
        (
            "while parsing a quoted scalar, found unknown escape character",
            "séquence « \\ » inconnue entre guillemets doubles",
        ),
        ("misplaced bracket", "crochet ou accolade mal placé"),
        ("found unprintable character", "caractère non imprimable"),
        (
            "mapping values are not allowed in this context",
            "« : » inattendu",
        ),
        (
            "mapping keys are not allowed in this context",
            "clé inattendue",
        ),
    ];
    TABLE
        .iter()
        .find(|(en, _)| info.starts_with(en))
        .map(|(_, fr)| (*fr).to_string())
        .unwrap_or_else(|| format!("détail de l'analyseur : {info}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use saphyr_parser::Parser;

    /// The first parser error of `text`, explained.
    fn first_error(text: &str) -> Explained {
        for event in Parser::new_from_str(text) {
            if let Err(e) = event {
                let m = e.marker();
                return explain(e.info(), text, m.line(), m.col());
            }
        }
        panic!("no error in {text:?}");
    }

    fn ex(line: usize, col: usize, message: &str, hint: &str) -> Explained {
        Explained {
            line,
            col,
            message: message.into(),
            hint: hint.into(),
        }
    }

    #[test]
    fn a_colon_in_unquoted_french_text_asks_for_quotes() {
        assert_eq!(
            first_error("id: x\nname: Imagerie : partage régional\nkind: service\n"),
            ex(
                2,
                16,
                "« : » dans un texte sans guillemets : YAML le lit comme une nouvelle clé",
                "mettez le texte entre guillemets : name: \"Imagerie : partage régional\""
            )
        );
    }

    #[test]
    fn a_tab_is_named_where_it_is() {
        // The parser stops at the end of the previous line; the tab is at the start of line 3.
        assert_eq!(
            first_error("id: x\nstatus: validated\n\tpublishable: true\n"),
            ex(
                3,
                1,
                "tabulation dans l'indentation",
                "YAML n'accepte que des espaces en début de ligne : remplacez la tabulation par des espaces"
            )
        );
    }

    #[test]
    fn an_unclosed_quote_shows_the_closed_line() {
        assert_eq!(
            first_error("id: x\nname: \"Imagerie partage\nkind: service\n"),
            ex(
                2,
                7,
                "guillemet double ouvert mais jamais fermé",
                "fermez-le à la fin du texte : name: \"Imagerie partage\", ou retirez-le"
            )
        );
        assert_eq!(
            first_error("id: x\nname: 'Imagerie\nkind: service\n").message,
            "guillemet simple ouvert mais jamais fermé"
        );
    }

    #[test]
    fn at_sign_and_backquote_need_quotes() {
        assert_eq!(
            first_error("id: x\nowners: [@ara, \"@bre\"]\n"),
            ex(
                2,
                10,
                "une valeur sans guillemets ne peut pas commencer par « @ »",
                "mettez-la entre guillemets : \"@ara\""
            )
        );
        assert_eq!(
            first_error("id: x\nname: `code` ici\n"),
            ex(
                2,
                7,
                "une valeur sans guillemets ne peut pas commencer par « ` »",
                "mettez-la entre guillemets : \"`code` ici\""
            )
        );
    }

    #[test]
    fn bad_indentation_and_other_errors_are_french() {
        assert_eq!(
            first_error("a:\n  b: 1\n c: 2\n").message,
            "indentation incohérente"
        );
        assert_eq!(
            first_error("id: x\nname: \"a\" suite\n").message,
            "du texte suit le guillemet fermant"
        );
        assert_eq!(
            first_error("list: [a, b\n").message,
            "YAML mal formé (liste entre crochets : « , » ou « ] » attendu)"
        );
    }

    #[test]
    fn finds_text_cut_by_a_comment() {
        let text = "\
# a comment line: ignored # here
id: x
name: Messagerie # du GHT
description: \"Voir ticket #42\"
answers:
  A1:
    level: 2 # atteint en 2020
    comment: Voir ticket #42 et #43
    not_plannable: |
      texte # gardé
";
        assert_eq!(
            cut_texts(text),
            vec![
                CutText {
                    line: 3,
                    col: 18,
                    key: "name".into(),
                    kept: "Messagerie".into(),
                    lost: "du GHT".into(),
                },
                CutText {
                    line: 8,
                    col: 26,
                    key: "comment".into(),
                    kept: "Voir ticket".into(),
                    lost: "42 et #43".into(),
                },
            ]
        );
        assert_eq!(cut_texts("name: Imagerie\n"), vec![]);
    }
}
