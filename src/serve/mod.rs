//! `serve`: build into memory, serve on 127.0.0.1, watch the repository, rebuild on change and
//! reload open pages. A failed rebuild keeps the last good site and shows the error over it.

mod http;

use crate::site::{self, BuildOptions};
use anyhow::{Context, Result};
use notify::{RecursiveMode, Watcher};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// What the server shows: the last good build, its number and the current error, if any.
#[derive(Debug, Default)]
pub struct State {
    /// Files of the last successful build.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Counter increased at every build attempt; pages reload when it changes.
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

fn rebuild(root: &Path, opts: &BuildOptions, state: &RwLock<State>) {
    let result = build_once(root, opts);
    let mut st = state.write().expect("state lock");
    st.build += 1;
    match result {
        Ok(files) => {
            eprintln!("construction {} : {} fichiers", st.build, files.len());
            st.files = files;
            st.error = None;
        }
        Err(e) => {
            eprintln!(
                "construction {} refusée ; le dernier site valide reste servi :\n{e}",
                st.build
            );
            st.error = Some(e);
        }
    }
}

/// Serves the repository at `root` on `127.0.0.1:port` until interrupted.
pub fn serve(root: PathBuf, port: u16, mut opts: BuildOptions) -> Result<()> {
    opts.live_reload = true;
    let state = Arc::new(RwLock::new(State::default()));
    rebuild(&root, &opts, &state);
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
    watcher
        .watch(&root, RecursiveMode::Recursive)
        .with_context(|| format!("surveillance de {}", root.display()))?;
    if let Some(theme) = &opts.theme {
        watcher.watch(theme, RecursiveMode::Recursive)?;
    }
    let root_abs = root.canonicalize().unwrap_or(root.clone());
    while let Ok(paths) = rx.recv() {
        let mut relevant = paths
            .iter()
            .any(|p| classify(&root_abs, p) == ChangeKind::Source);
        // Debounce: gather the burst of events an editor or a git checkout produces.
        while let Ok(more) = rx.recv_timeout(Duration::from_millis(250)) {
            relevant |= more
                .iter()
                .any(|p| classify(&root_abs, p) == ChangeKind::Source);
        }
        if relevant {
            rebuild(&root, &opts, &state);
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
