//! YAML syntax errors in French with the line, a marker on the right column and a hint that
//! shows the corrected line; text cut short by a `#` is a warning.

use crate::harness::RepoTest;

const SUBJECT: &str = "answers/alpha/alpha-dcc.yaml";

/// The base fixture with `from` replaced by `to` in its service file.
fn edited(from: &str, to: &str) -> RepoTest {
    let t = RepoTest::fixture("base");
    t.edit(SUBJECT, from, to);
    t
}

#[test]
fn a_colon_in_french_text_is_explained_with_the_quoted_line() {
    let t = edited("name: DCC régional", "name: DCC : coordination régionale");
    let out = t.run(&["validate"]);
    assert_eq!(out.code, 1);
    let expected = "\
answers/alpha/alpha-dcc.yaml:3:11: error[CV004]: « : » dans un texte sans guillemets : YAML le lit comme une nouvelle clé
  |
3 | name: DCC : coordination régionale
  |           ^
  = aide : mettez le texte entre guillemets : name: \"DCC : coordination régionale\"
";
    assert!(out.stdout.starts_with(expected), "{}", out.stdout);
}

#[test]
fn a_tab_in_the_indentation_is_named_on_its_line() {
    let t = edited(
        "publishable: true\n",
        "publishable: true\n\tstatus: draft\n",
    );
    let out = t.run(&["validate", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let d = &v[0];
    assert_eq!(d["code"], "CV004");
    assert_eq!(d["message"], "tabulation dans l'indentation");
    assert_eq!(
        (
            d["location"]["line"].as_u64(),
            d["location"]["col"].as_u64()
        ),
        (Some(11), Some(1))
    );
}

#[test]
fn a_comment_that_cuts_a_text_is_a_warning_with_the_quoted_fix() {
    let t = edited(
        "comment: Identifiant local.",
        "comment: Identifiant local, voir ticket #42",
    );
    let out = t.run(&["validate", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let cut: Vec<&serde_json::Value> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "CV019")
        .collect();
    assert_eq!(cut.len(), 1, "{v:#}");
    assert_eq!(cut[0]["severity"], "warning");
    assert_eq!(cut[0]["path"], SUBJECT);
    assert_eq!(cut[0]["location"]["line"], 20);
    assert_eq!(cut[0]["location"]["col"], 49);
    assert_eq!(
        cut[0]["message"],
        "le texte de « comment » s'arrête à « Identifiant local, voir ticket » : YAML lit « #42 » comme un commentaire"
    );
    assert_eq!(
        cut[0]["hint"],
        "pour garder tout le texte, mettez-le entre guillemets : comment: \"Identifiant local, voir ticket #42\""
    );
}
