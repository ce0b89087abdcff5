//! One cause, one error: a single mistake is reported once, where it is, with a hint that
//! fits the file as it is.

use crate::harness::RepoTest;

const SUBJECT: &str = "answers/alpha/alpha-dcc.yaml";

#[test]
fn plans_on_a_decommissioned_service_are_one_error_on_its_flag() {
    // Two criteria with a plan on a service to be decommissioned: one error, on the
    // `decommissioning` key, naming both, and a hint that does not suggest adding the flag
    // the file already has.
    let t = RepoTest::fixture("base");
    let text = std::fs::read_to_string(t.path().join(SUBJECT)).unwrap();
    let text = text
        .replacen(
            "publishable: true",
            "publishable: true\ndecommissioning: true",
            1,
        )
        .replacen(
            "not_plannable: Le ROR régional n'est pas encore déployé.",
            "plan: { 2021-T1: 1 }",
            1,
        );
    t.write(SUBJECT, text);
    assert_eq!(
        t.errors_with_hints(),
        vec![(
            "answers/alpha/alpha-dcc.yaml:11:1".to_string(),
            "CV308".to_string(),
            "2 critère(s) ont un plan de convergence alors que le service est voué au décommissionnement : A04.2.1, A06.2".to_string(),
            "un service voué au décommissionnement ne converge pas : retirez ces plans, ou retirez « decommissioning: true » si le service doit converger".to_string(),
        )]
    );
}

#[test]
fn a_wrong_organisation_id_is_one_error_in_its_file() {
    // The organisation file names the wrong id: one located error there, and its services are
    // not each told to create an organisation file that exists.
    let t = RepoTest::fixture("base");
    t.edit(
        "answers/alpha/organisation.yaml",
        "id: alpha",
        "id: alpha-x",
    );
    let errors = t.errors_with_hints();
    assert_eq!(
        errors
            .iter()
            .map(|e| (e.0.as_str(), e.1.as_str()))
            .collect::<Vec<_>>(),
        [("answers/alpha/organisation.yaml:1:5", "CV202")],
        "{errors:#?}"
    );
}

#[test]
fn a_missing_organisation_file_is_one_error_for_its_folder() {
    // Two services in a folder without organisation.yaml: one located error on the first,
    // counting both, with the command that creates the file.
    let t = RepoTest::fixture("base");
    std::fs::remove_file(t.path().join("answers/alpha/organisation.yaml")).unwrap();
    let text = std::fs::read_to_string(t.path().join(SUBJECT)).unwrap();
    t.write(
        "answers/alpha/alpha-zz.yaml",
        text.replacen("id: alpha-dcc", "id: alpha-zz", 1),
    );
    let missing: Vec<_> = t
        .errors_with_hints()
        .into_iter()
        .filter(|e| e.2.contains("organisation.yaml"))
        .collect();
    assert_eq!(
        missing,
        [(
            "answers/alpha/alpha-dcc.yaml:1:1".to_string(),
            "CV203".to_string(),
            "l'organisation « alpha » n'a pas de fichier organisation.yaml (2 fiche(s) dans son dossier)".to_string(),
            "créez answers/alpha/organisation.yaml avec « convergence new organisation --org alpha »".to_string(),
        )]
    );
}
