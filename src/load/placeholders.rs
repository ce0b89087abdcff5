//! Places a draft leaves to fill in an answer file: `answers:` left empty, an answer without a
//! level (`{ level: }`), a plan milestone without a level. Each is reported (a warning in a
//! draft, an error once the file is validated) and removed before typing, so the criterion
//! counts as unanswered.

use super::yaml::{LazySpans, escape};
use crate::diagnostics::{Code, Diagnostic};
use serde_json::{Map, Value};

/// Reports and removes the placeholders of an organisation or subject file; returns their
/// JSON pointers.
pub fn remove(
    path: &str,
    value: &mut Value,
    spans: &LazySpans<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let validated = value.get("status").and_then(Value::as_str) == Some("validated");
    let mut found = Found {
        path,
        spans,
        validated,
        diags,
        pointers: Vec::new(),
    };
    let Some(Value::Object(questionnaires)) = value.get_mut("questionnaires") else {
        return Vec::new();
    };
    for (qid, response) in questionnaires.iter_mut() {
        let Value::Object(response) = response else {
            continue;
        };
        let qptr = || format!("/questionnaires/{}", escape(qid));
        if response.get("answers") == Some(&Value::Null) {
            response.remove("answers");
            found.report(
                format!("{}/answers", qptr()),
                format!("aucune réponse n'est encore donnée à « {qid} »"),
            );
        }
        if let Some(Value::Object(answers)) = response.get_mut("answers") {
            found.answers(qptr, answers);
        }
    }
    found.pointers
}

/// The placeholders found so far, and where to report them.
struct Found<'a> {
    path: &'a str,
    spans: &'a LazySpans<'a>,
    validated: bool,
    diags: &'a mut Vec<Diagnostic>,
    pointers: Vec<String>,
}

impl Found<'_> {
    /// Removes the answers without a level and the milestones without a level.
    fn answers(&mut self, qptr: impl Fn() -> String, answers: &mut Map<String, Value>) {
        let mut empty = Vec::new();
        for (cid, answer) in answers.iter_mut() {
            // Pointers are written only for a placeholder: most answers have none.
            let aptr = || format!("{}/answers/{}", qptr(), escape(cid));
            let level = answer.get("level");
            if answer.is_null() || level == Some(&Value::Null) {
                empty.push(cid.clone());
                let at = if level.is_some() {
                    format!("{}/level", aptr())
                } else {
                    aptr()
                };
                let message = format!("niveau à compléter pour le critère {cid}");
                self.report_at(&at, aptr(), message);
                continue;
            }
            let Some(Value::Object(plan)) = answer.get_mut("plan") else {
                continue;
            };
            let open: Vec<String> = plan
                .iter()
                .filter(|(_, level)| level.is_null())
                .map(|(quarter, _)| quarter.clone())
                .collect();
            for quarter in open {
                plan.remove(&quarter);
                self.report(
                    format!("{}/plan/{}", aptr(), escape(&quarter)),
                    format!("niveau à compléter pour le jalon {quarter} du critère {cid}"),
                );
            }
        }
        for cid in empty {
            answers.remove(&cid);
        }
    }

    /// Reports the placeholder at `pointer`, removed.
    fn report(&mut self, pointer: String, message: String) {
        self.report_at(&pointer.clone(), pointer, message);
    }

    /// Reports a placeholder located at `at` (a key of it), whose node `removed` is removed.
    fn report_at(&mut self, at: &str, removed: String, message: String) {
        let d = if self.validated {
            Diagnostic::error(Code::DraftPlaceholder, self.path, message).hint(
                "complétez-le : un fichier validé est complet (ou repassez-le en « status: draft »)",
            )
        } else {
            Diagnostic::warning(Code::DraftPlaceholder, self.path, message)
                .hint("à compléter avant de passer le fichier en « status: validated »")
        };
        self.diags.push(d.at(self.spans.key(at)));
        self.pointers.push(removed);
    }
}
