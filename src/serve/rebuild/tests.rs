//! The incremental rebuild against a full build: seeded random sequences of edits to a fixture
//! repository, and after each one the served site compared byte for byte with `build_once`.

use super::*;
use crate::load::copy_dir;
use crate::serve::build_once;
use std::fs;

/// A small deterministic generator (xorshift64*), so a failing sequence replays from its seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    }
}

/// A copy of `tests/fixtures/site/basic` and the edits made to it.
struct Repo {
    dir: tempfile::TempDir,
    /// Subject files deleted, with their text, to restore later.
    deleted: BTreeMap<String, String>,
}

/// An option product extending the fixture's socle, added and removed by the edits.
const OPTION: &str = "answers/maincare/ideocm-option.yaml";
const OPTION_TEXT: &str = "id: ideocm-option
kind: product
name: IdeoCM option
editor: maincare
solution: ideocm
product: { kind: option, extends: ideocm-socle }
publishable: true
status: validated
assessed_on: 2020-12-12
questionnaires:
  services:
    version: \"2020\"
    answers:
      A12.1: { level: 1 }
      A12.2: { level: 3 }
      A14.1: { level: 0 }
";

/// Organisations the edits rename or move.
const ORGANISATIONS: [&str; 2] = [
    "answers/ara/organisation.yaml",
    "answers/bzh/organisation.yaml",
];
/// The questionnaire the edits change.
const QUESTIONNAIRE: &str = "questionnaires/services.yaml";

impl Repo {
    fn new() -> Repo {
        let dir = tempfile::tempdir().unwrap();
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site/basic");
        copy_dir(&fixture, dir.path());
        Repo {
            dir,
            deleted: BTreeMap::new(),
        }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.root().join(rel)).unwrap()
    }

    fn write(&self, rel: &str, text: &str) {
        fs::write(self.root().join(rel), text).unwrap();
    }

    /// The text of every file an edit may touch (`None`: absent).
    fn snapshot(&self) -> BTreeMap<String, Option<String>> {
        let mut paths = self.subjects();
        paths.extend(self.deleted.keys().cloned());
        paths.push(OPTION.to_string());
        paths.extend(ORGANISATIONS.map(String::from));
        paths.push(QUESTIONNAIRE.to_string());
        paths
            .into_iter()
            .map(|p| {
                let text = fs::read_to_string(self.root().join(&p)).ok();
                (p, text)
            })
            .collect()
    }

    /// Puts back the files of `snapshot`.
    fn restore(&mut self, snapshot: &BTreeMap<String, Option<String>>) {
        for (rel, text) in snapshot {
            match text {
                Some(text) => self.write(rel, text),
                None => {
                    let _ = fs::remove_file(self.root().join(rel));
                }
            }
            if text.is_some() {
                self.deleted.remove(rel);
            }
        }
    }

    /// Subject files present, in path order.
    fn subjects(&self) -> Vec<String> {
        let mut out = Vec::new();
        for org in fs::read_dir(self.root().join("answers")).unwrap() {
            let org = org.unwrap();
            for f in fs::read_dir(org.path()).unwrap() {
                let rel = format!(
                    "answers/{}/{}",
                    org.file_name().to_string_lossy(),
                    f.unwrap().file_name().to_string_lossy()
                );
                if is_subject_file(&rel) {
                    out.push(rel);
                }
            }
        }
        out.sort();
        out
    }

    /// Replaces one occurrence (chosen by `rng`) of a line starting with `key` in `rel` by
    /// what `change` makes of its value; false when the file has no such line.
    fn edit_line(
        &self,
        rng: &mut Rng,
        rel: &str,
        key: &str,
        change: impl Fn(&str) -> String,
    ) -> bool {
        let text = self.read(rel);
        let at: Vec<usize> = text.match_indices(key).map(|(i, _)| i).collect();
        if at.is_empty() {
            return false;
        }
        let start = at[rng.below(at.len())] + key.len();
        let end = start
            + text[start..]
                .find(['\n', ',', '}'])
                .unwrap_or(text.len() - start);
        let edited = format!(
            "{}{}{}",
            &text[..start],
            change(&text[start..end]),
            &text[end..]
        );
        self.write(rel, &edited);
        true
    }

    /// Makes one random edit; returns the paths it changed.
    fn edit(&mut self, rng: &mut Rng) -> Vec<String> {
        let subjects = self.subjects();
        let subject = subjects[rng.below(subjects.len())].clone();
        match rng.below(9) {
            // A level, now and then out of the scale (an error the next edits fix).
            0 | 1 => {
                let level = ["0", "1", "2", "3", "3", "9"][rng.below(6)];
                self.edit_line(rng, &subject, "level: ", |_| level.to_string());
                vec![subject]
            }
            2 => {
                self.edit_line(rng, &subject, "publishable: ", |v| {
                    (v.trim() != "true").to_string()
                });
                vec![subject]
            }
            3 => {
                self.edit_line(rng, &subject, "status: ", |v| {
                    if v.trim() == "draft" {
                        "validated"
                    } else {
                        "draft"
                    }
                    .to_string()
                });
                vec![subject]
            }
            4 => {
                self.edit_line(rng, &subject, "\nname: ", |v| {
                    match v.strip_suffix(" bis") {
                        Some(v) => v.to_string(),
                        None => format!("{v} bis"),
                    }
                });
                vec![subject]
            }
            // A subject file deleted, or one deleted earlier restored.
            5 => match self.deleted.pop_first() {
                Some((rel, text)) if rng.below(3) > 0 => {
                    self.write(&rel, &text);
                    vec![rel]
                }
                back => {
                    if let Some((rel, text)) = back {
                        self.deleted.insert(rel, text);
                    }
                    let text = self.read(&subject);
                    fs::remove_file(self.root().join(&subject)).unwrap();
                    self.deleted.insert(subject.clone(), text);
                    vec![subject]
                }
            },
            // An option product extending the socle, added or removed.
            6 => {
                let path = self.root().join(OPTION);
                if path.exists() {
                    fs::remove_file(path).unwrap();
                } else {
                    self.write(OPTION, OPTION_TEXT);
                }
                vec![OPTION.to_string()]
            }
            // An organisation renamed or moved to the other region.
            7 => {
                let org = ORGANISATIONS[rng.below(2)];
                if rng.below(2) == 0 {
                    self.edit_line(rng, org, "region: ", |v| {
                        if v.contains("53") { "\"84\"" } else { "\"53\"" }.to_string()
                    });
                } else {
                    self.edit_line(rng, org, "\nname: ", |v| format!("{v} (modifié)"));
                }
                vec![org.to_string()]
            }
            // A questionnaire edit: a criterion's title.
            _ => {
                let q = QUESTIONNAIRE;
                self.edit_line(rng, q, "        title: ", |v| format!("{v} !"));
                vec![q.to_string()]
            }
        }
    }
}

/// The first path where two sites differ, for a readable failure.
fn first_difference(
    served: &BTreeMap<String, Stored>,
    full: &BTreeMap<String, Vec<u8>>,
) -> Option<String> {
    let paths: BTreeSet<&String> = served.keys().chain(full.keys()).collect();
    paths.into_iter().find_map(|p| {
        let served = served.get(p).map(Stored::bytes);
        (served.as_ref() != full.get(p)).then(|| {
            format!(
                "{p}: served {:?} bytes, full build {:?} bytes",
                served.map(|b| b.len()),
                full.get(p).map(Vec::len)
            )
        })
    })
}

/// A fixture copy served by a session, and the options of the reference builds.
struct Served {
    repo: Repo,
    session: Session,
    state: RwLock<State>,
    opts: BuildOptions,
}

impl Served {
    fn new() -> Served {
        Served::with(Repo::new())
    }

    /// `repo` served by a new session.
    fn with(repo: Repo) -> Served {
        let opts = BuildOptions {
            live_reload: true,
            ..BuildOptions::default()
        };
        let mut session = Session::new(repo.root(), opts.clone());
        let state = RwLock::new(State::default());
        session.load(&BTreeSet::new()).unwrap();
        session.check(&state).unwrap();
        session.finish(&state).unwrap();
        Served {
            repo,
            session,
            state,
            opts,
        }
    }

    /// Writes `text` to `rel` and rebuilds after that one change (see [`Served::rebuild`]);
    /// returns what the preview swapped.
    fn rewrite(&mut self, rel: &str, text: &str, at: &str) -> Swap {
        self.repo.write(rel, text);
        let changed = BTreeSet::from([rel.to_string()]);
        self.rebuild(&changed, at).unwrap().unwrap()
    }

    /// The served file at `path`, as text.
    fn page(&self, path: &str) -> String {
        String::from_utf8(self.state.read().unwrap().files[path].bytes()).unwrap()
    }

    /// Rebuilds after `changed` as `serve` does and checks the preview's pages, then the whole
    /// served site, against a full build; returns what the preview swapped, or the error shown
    /// (checked to be the full build's).
    fn rebuild(&mut self, changed: &BTreeSet<String>, at: &str) -> Result<Option<Swap>, String> {
        let full = build_once(self.repo.root(), &self.opts);
        match self.session.load(changed) {
            Ok(()) => {}
            Err(e) => {
                assert_eq!(Err(&e), full.as_ref().map(|_| &()), "{at}");
                return Err(e);
            }
        };
        let before = self.state.read().unwrap().files.clone();
        let swap = self.session.preview(changed, &self.state).unwrap();
        if let Err(e) = self.session.check(&self.state) {
            assert_eq!(Err(&e), full.as_ref().map(|_| &()), "{at}");
            let st = self.state.read().unwrap();
            assert!(st.files == before, "{at}: the last good site is not served");
            return Err(e);
        }
        let full = full.unwrap_or_else(|e| panic!("{at}: {e}"));
        if let Some(swap) = &swap {
            let st = self.state.read().unwrap();
            for path in &swap.written {
                let served = st.files.get(path).map(Stored::bytes);
                assert!(served.as_ref() == full.get(path), "{at}: preview of {path}");
            }
            for path in &swap.removed {
                assert!(
                    !full.contains_key(path),
                    "{at}: {path} removed by the preview"
                );
            }
        }
        self.session.finish(&self.state).unwrap();
        let st = self.state.read().unwrap();
        assert_eq!(first_difference(&st.files, &full), None, "{at}");
        Ok(swap)
    }
}

/// Applies `steps` random steps of one or two edits from `seed`, rebuilding incrementally
/// after each, and checks the served site against a full build every time; returns how many
/// steps were previewed.
fn run(seed: u64, steps: usize) -> usize {
    let mut served = Served::new();
    let mut rng = Rng(seed);
    let mut previews = 0;
    let mut errors = 0;
    for step in 0..steps {
        let before = served.repo.snapshot();
        let mut changed: BTreeSet<String> = served.repo.edit(&mut rng).into_iter().collect();
        if rng.below(3) == 0 {
            changed.extend(served.repo.edit(&mut rng));
        }
        let at = format!("seed {seed}, step {step}, {changed:?}");
        let mut swap = served.rebuild(&changed, &at);
        if swap.is_err() {
            // The error is shown as a full build reports it; then the edits are undone, and
            // undoing them is the next change.
            errors += 1;
            served.repo.restore(&before);
            swap = served.rebuild(&changed, &format!("{at}, undone"));
        }
        if swap.unwrap_or_else(|e| panic!("{at}: {e}")).is_some() {
            previews += 1;
        }
    }
    assert!(errors > 0, "seed {seed}: no step with an error");
    previews
}

#[test]
fn incremental_rebuilds_equal_a_full_build_after_random_edits() {
    // Levels, publication, status, names, deleted and restored files, an option product,
    // organisations renamed or moved, a questionnaire edit: after every step the served site
    // is byte for byte a full build's, and what a preview swapped in already was.
    let steps = std::env::var("SERVE_STEPS").map_or(25, |s| s.parse().unwrap());
    let mut previews = 0;
    for seed in [0x5eed_0001, 0x5eed_0002] {
        previews += run(seed, steps);
    }
    assert!(previews > steps / 2, "only {previews} previews");
}

#[test]
fn previews_an_added_option_with_its_base_and_removes_a_withdrawn_sheet() {
    // The option's sheet names its socle (a subject outside the edited files); a sheet made
    // non-publishable leaves the served site at the preview, before the whole build.
    let mut served = Served::new();
    let swap = served.rewrite(OPTION, OPTION_TEXT, "option added");
    assert_eq!(
        swap.written,
        BTreeSet::from(["services/ideocm-option.html".into()])
    );
    let page = served.page("services/ideocm-option.html");
    assert!(page.contains(">IdeoCM socle</a>"), "{page}");

    let tlc = "answers/bzh/bzh-tlc.yaml";
    let text = served
        .repo
        .read(tlc)
        .replace("publishable: true", "publishable: false");
    let swap = served.rewrite(tlc, &text, "withdrawn");
    assert_eq!(
        swap.removed,
        BTreeSet::from(["services/bzh-tlc.html".into()])
    );
    assert!(swap.written.is_empty());
}

#[test]
fn previews_a_sheet_with_its_campaign_history_as_a_full_build_does() {
    // The preview reads only the edited subjects' frozen answers of a campaign: the sheet's
    // history and plans are a full build's.
    let repo = Repo::new();
    let loaded = crate::load::load(repo.root());
    let date = crate::model::Date::new(2020, 6, 30).unwrap();
    let campaign = crate::campaign::freeze(&loaded.repo, "2020-juin", date, None);
    assert!(campaign.subjects.len() > 2, "{:?}", campaign.subjects.len());
    let rel = crate::campaign::path_of(&campaign.id);
    fs::create_dir_all(repo.root().join("campaigns")).unwrap();
    repo.write(&rel, &crate::campaign::to_json(&campaign));
    let mut served = Served::with(repo);
    let dcc = "answers/ara/ara-dcc.yaml";
    let text = served.repo.read(dcc).replacen("level: 3", "level: 1", 1);
    let swap = served.rewrite(dcc, &text, "level edited");
    assert_eq!(
        swap.written,
        BTreeSet::from(["services/ara-dcc.html".into()])
    );
    let page = served.page("services/ara-dcc.html");
    assert!(page.contains("Campagne 2020-juin"), "{page}");
}

#[test]
fn puts_back_the_previewed_sheet_when_the_cross_file_checks_fail() {
    // A service naming an unknown editor loads and is previewed, then fails the cross-file
    // checks: the sheet served before comes back, and the error is a full build's.
    let mut served = Served::new();
    let before = served.state.read().unwrap().files.clone();
    let tlc = "answers/bzh/bzh-tlc.yaml";
    let text = served
        .repo
        .read(tlc)
        .replace("editor: maincare", "editor: inconnu");
    served.repo.write(tlc, &text);
    let changed = BTreeSet::from([tlc.to_string()]);
    served.session.load(&changed).unwrap();
    let swap = served.session.preview(&changed, &served.state).unwrap();
    let swap = swap.unwrap();
    assert_eq!(
        swap.written,
        BTreeSet::from(["services/bzh-tlc.html".into()])
    );
    assert!(served.state.read().unwrap().files != before);
    let error = served.session.check(&served.state).unwrap_err();
    assert_eq!(Err(error), build_once(served.repo.root(), &served.opts));
    assert!(served.state.read().unwrap().files == before);
}

#[test]
fn recognises_answer_files_of_subjects() {
    assert!(is_subject_file("answers/ara/ara-dcc.yaml"));
    assert!(is_subject_file("answers/ara/ara-dcc.yml"));
    assert!(!is_subject_file("answers/ara/organisation.yaml"));
    assert!(!is_subject_file("answers/ara/evaluations/x.yaml"));
    assert!(!is_subject_file("answers/ara/notes.txt"));
    assert!(!is_subject_file("questionnaires/services.yaml"));
}
