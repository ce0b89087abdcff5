//! `serve`: build into memory, serve on 127.0.0.1, watch the repository, rebuild on change and
//! reload open pages. A rebuild reparses only the files that changed, shows edited sheets at
//! once and swaps in only the files that differ (see [`rebuild`]). A failed rebuild keeps the
//! last good site and shows the error over it.

mod http;
pub mod rebuild;
mod stored;

pub use rebuild::Session;
pub use stored::Stored;

use crate::site::{self, BuildOptions};
use anyhow::{Context, Result};
use notify::{RecursiveMode, Watcher};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// What the server shows: the last good build, its number and the current error, if any.
#[derive(Debug, Default)]
pub struct State {
    /// Files of the last successful build, compressed.
    pub files: BTreeMap<String, Stored>,
    /// Counter increased whenever the served files or the error change; pages reload when it
    /// changes.
    pub build: u64,
    /// Diagnostics or error of the last attempt, when it failed.
    pub error: Option<String>,
}

/// Builds the site in memory; the error is the text to show (diagnostics or error chain).
pub fn build_once(
    root: &Path,
    opts: &BuildOptions,
) -> std::result::Result<BTreeMap<String, Vec<u8>>, String> {
    let loaded = crate::validate::load_and_validate(root);
    if crate::diagnostics::has_errors(&loaded.diagnostics) {
        return Err(crate::diagnostics::render_human(
            &loaded.diagnostics,
            &loaded.sources,
        ));
    }
    let out = site::Memory::new();
    site::build(loaded.repo, root, opts, &out).map_err(|e| format!("{e:#}"))?;
    Ok(out.into_files())
}

/// A changed path, sorted before acting.
#[derive(Debug, PartialEq, Eq)]
enum ChangeKind {
    /// Data, pages or theme: rebuild.
    Source,
    /// Output, build or VCS folders, editor files: ignore.
    Ignored,
}

fn classify(root: &Path, path: &Path) -> ChangeKind {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let first = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ignored_dir = matches!(
        first.as_deref(),
        Some("public" | "target" | ".git" | "node_modules")
    );
    if ignored_dir || name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") {
        ChangeKind::Ignored
    } else {
        ChangeKind::Source
    }
}

/// The repository-relative form of `path` with `/` separators (as the loader names files);
/// a path outside the repository (a theme folder) stays whole.
fn relative(root: &Path, path: &Path) -> String {
    match path.strip_prefix(root) {
        Ok(rel) => rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        Err(_) => path.to_string_lossy().into_owned(),
    }
}

/// Brings the served site up to date after the files `changed` changed (repository-relative
/// paths; empty for the first build): preview of edited sheets, then the whole site.
fn update(session: &mut Session, changed: &BTreeSet<String>, state: &RwLock<State>) {
    let start = Instant::now();
    if let Err(e) = session.load(changed) {
        return refuse(state, e);
    }
    // A failed preview changes nothing: the whole build below reports the error. The sheet is
    // shown before the cross-file checks, and put back if they fail.
    if let Ok(Some(swap)) = session.preview(changed, state) {
        let mut st = state.write().unwrap_or_else(|e| e.into_inner());
        st.build += 1;
        st.error = None;
        eprintln!(
            "aperçu {} : {} fiche(s) à jour en {:.2} s",
            st.build,
            swap.written.len() + swap.removed.len(),
            start.elapsed().as_secs_f64()
        );
    }
    if let Err(e) = session.check(state) {
        return refuse(state, e);
    }
    match session.finish(state) {
        Ok(swap) => {
            let mut st = state.write().unwrap_or_else(|e| e.into_inner());
            if !swap.is_empty() || st.error.is_some() {
                st.build += 1;
            }
            st.error = None;
            eprintln!(
                "construction {} : {} fichiers, {} modifiés, {} retirés, en {:.2} s",
                st.build,
                st.files.len(),
                swap.written.len(),
                swap.removed.len(),
                start.elapsed().as_secs_f64()
            );
        }
        Err(e) => refuse(state, format!("{e:#}")),
    }
}

/// Keeps the last good site and shows `error`.
fn refuse(state: &RwLock<State>, error: String) {
    let mut st = state.write().unwrap_or_else(|e| e.into_inner());
    st.build += 1;
    eprintln!(
        "construction {} refusée ; le dernier site valide reste servi :\n{error}",
        st.build
    );
    st.error = Some(error);
}

/// Serves the repository at `root` on `127.0.0.1:port` until interrupted.
pub fn serve(root: PathBuf, port: u16, mut opts: BuildOptions) -> Result<()> {
    opts.live_reload = true;
    let state = Arc::new(RwLock::new(State::default()));
    let theme = opts.theme.clone();
    let mut session = Session::new(&root, opts);
    update(&mut session, &BTreeSet::new(), &state);
    let listener = std::net::TcpListener::bind(("127.0.0.1", port))
        .with_context(|| format!("écoute sur 127.0.0.1:{port} impossible"))?;
    eprintln!("portail servi sur http://127.0.0.1:{port}/ (Ctrl-C pour arrêter)");
    let served = Arc::clone(&state);
    std::thread::spawn(move || http::run(&listener, &served));
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |ev: notify::Result<notify::Event>| {
        // Reading files during a build emits access events: only changes count.
        if let Ok(ev) = ev {
            if !matches!(ev.kind, notify::EventKind::Access(_)) {
                let _ = tx.send(ev.paths);
            }
        }
    })
    .context("surveillance des fichiers impossible")?;
    // Watched by its absolute path, so that events name files under it whatever `--root` was.
    let root_abs = root.canonicalize().unwrap_or(root.clone());
    watcher
        .watch(&root_abs, RecursiveMode::Recursive)
        .with_context(|| format!("surveillance de {}", root.display()))?;
    if let Some(theme) = &theme {
        watcher.watch(theme, RecursiveMode::Recursive)?;
    }
    let sources = |paths: Vec<PathBuf>| {
        paths
            .into_iter()
            .filter(|p| classify(&root_abs, p) == ChangeKind::Source)
            .map(|p| relative(&root_abs, &p))
            .collect::<Vec<_>>()
    };
    while let Ok(paths) = rx.recv() {
        let mut changed: BTreeSet<String> = sources(paths).into_iter().collect();
        // Debounce: gather the burst of events an editor or a git checkout produces (100 ms
        // of quiet: an editor saves in a few, and the edited sheet should show within 0.5 s).
        while let Ok(more) = rx.recv_timeout(Duration::from_millis(100)) {
            changed.extend(sources(more));
        }
        if !changed.is_empty() {
            update(&mut session, &changed, &state);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_output_and_editor_files() {
        let root = Path::new("/r");
        assert_eq!(
            classify(root, Path::new("/r/answers/a/b.yaml")),
            ChangeKind::Source
        );
        assert_eq!(
            classify(root, Path::new("/r/public/index.html")),
            ChangeKind::Ignored
        );
        assert_eq!(
            classify(root, Path::new("/r/.git/index")),
            ChangeKind::Ignored
        );
        assert_eq!(
            classify(root, Path::new("/r/answers/.b.yaml.swp")),
            ChangeKind::Ignored
        );
    }
}
