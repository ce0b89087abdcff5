//! `serve`'s rebuild after an edit, and its memory over repeated rebuilds.
//!
//! `cargo run --release --example serve_bench -- ROOT [REBUILDS]` builds the portal of the
//! repository at ROOT in memory as `serve` does, then REBUILDS times (50 by default) changes one
//! level in one answer file and rebuilds as `serve` does after a change: reload (unchanged files
//! reused) and validation, preview of the edited sheet, then the whole site compared with the
//! served one. It prints, for each rebuild, the time from the file written to the sheet served
//! (wall and CPU of this process), the time to the whole site, and the resident memory; then
//! the medians and the peak. The file watcher's debounce (100 ms of quiet) comes on top.
//! It exits with an error when the sheet did not change, when the resident memory after the
//! last rebuild exceeds that after the second by more than 10 % (memory that grows with
//! rebuilds), or when the peak exceeds `MAX_PEAK_MB` if given. ROOT's answer file is edited in
//! place and left as it was.

use convergence::serve::{Session, State};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::time::Instant;

// The allocator of the `convergence` binary (see `src/main.rs`), so that the resident memory
// measured here is the serving process's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `VmRSS` and `VmHWM` of this process, in MB.
fn memory() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// User + system CPU time of this process (all threads), in seconds.
fn cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which ends with ')'): utime and stime are the 12th and
    // 13th, in clock ticks (100 per second on Linux).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = rest
        .split_whitespace()
        .map(|v| v.parse().unwrap_or(0.0))
        .collect();
    (f.get(11).copied().unwrap_or(0.0) + f.get(12).copied().unwrap_or(0.0)) / 100.0
}

/// The first answer file of a service or product (in path order) with a `level: <digit>` line.
fn answer_file(root: &Path) -> (String, String) {
    let mut orgs: Vec<PathBuf> = std::fs::read_dir(root.join("answers"))
        .expect("answers/")
        .map(|e| e.expect("entry").path())
        .collect();
    orgs.sort();
    for org in orgs {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&org)
            .into_iter()
            .flatten()
            .map(|e| e.expect("entry").path())
            .collect();
        files.sort();
        for f in files {
            let rel = f
                .strip_prefix(root)
                .expect("inside")
                .to_string_lossy()
                .into_owned();
            if !convergence::serve::rebuild::is_subject_file(&rel) {
                continue;
            }
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            if level_at(&text).is_some() {
                return (rel, text);
            }
        }
    }
    panic!("no answer file with a level under {}", root.display());
}

/// Where the digit of the first `level: <digit>` is.
fn level_at(text: &str) -> Option<usize> {
    let at = text.find("level: ")? + "level: ".len();
    text[at..]
        .starts_with(|c: char| c.is_ascii_digit())
        .then_some(at)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(args.first().expect("ROOT"));
    let rebuilds: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(50);
    let opts = convergence::site::BuildOptions {
        live_reload: true,
        verbose: std::env::var_os("SERVE_BENCH_VERBOSE").is_some(),
        ..Default::default()
    };
    let (file, original) = answer_file(&root);
    let at = level_at(&original).expect("level");
    let state = RwLock::new(State::default());
    let mut session = Session::new(&root, opts);
    let (t, c) = (Instant::now(), cpu());
    session.load(&BTreeSet::new()).expect("valid repository");
    session.check(&state).expect("valid repository");
    session.finish(&state).expect("build");
    let (rss, _) = memory();
    println!(
        "construction initiale : {} fichiers, {:.2} s (CPU {:.2} s), mémoire {rss:.0} Mo",
        state.read().expect("state").files.len(),
        t.elapsed().as_secs_f64(),
        cpu() - c
    );
    let changed = BTreeSet::from([file.clone()]);
    let (mut page_wall, mut page_cpu, mut site_wall, mut site_cpu) =
        (vec![], vec![], vec![], vec![]);
    let mut load_cpu = vec![];
    let mut after_second = 0.0;
    let mut last = 0.0;
    let mut inexact = 0;
    for i in 1..=rebuilds {
        let level = (original.as_bytes()[at] - b'0' + i as u8) % 4;
        let text = format!("{}{level}{}", &original[..at], &original[at + 1..]);
        let (t, c) = (Instant::now(), cpu());
        std::fs::write(root.join(&file), text).expect("write");
        session.load(&changed).expect("valid repository");
        load_cpu.push(cpu() - c);
        let swap = session
            .preview(&changed, &state)
            .expect("preview")
            .expect("an answer file is previewed");
        page_wall.push(t.elapsed().as_secs_f64());
        page_cpu.push(cpu() - c);
        session.check(&state).expect("valid repository");
        let site = session.finish(&state).expect("build");
        site_wall.push(t.elapsed().as_secs_f64());
        site_cpu.push(cpu() - c);
        if swap.written.is_empty() || site.written.iter().any(|p| swap.written.contains(p)) {
            inexact += 1;
        }
        let (rss, peak) = memory();
        println!(
            "reconstruction {i} : fiche servie en {:.3} s (CPU {:.2} s, dont chargement {:.2} s), site complet en {:.2} s (CPU {:.2} s), {} fichiers modifiés, mémoire {rss:.0} Mo, pic {peak:.0} Mo",
            page_wall[i - 1],
            page_cpu[i - 1],
            load_cpu[i - 1],
            site_wall[i - 1],
            site_cpu[i - 1],
            site.written.len() + swap.written.len(),
        );
        if i == 2 {
            after_second = rss;
        }
        last = rss;
    }
    std::fs::write(root.join(&file), &original).expect("restore");
    let (_, peak) = memory();
    println!(
        "médianes : fiche servie {:.3} s (CPU {:.2} s, dont chargement {:.2} s), site complet {:.2} s (CPU {:.2} s) ; pic {peak:.0} Mo",
        median(page_wall),
        median(page_cpu),
        median(load_cpu),
        median(site_wall),
        median(site_cpu)
    );
    let compressed: usize = {
        let st = state.read().expect("state");
        st.files.values().map(|f| f.compressed_len()).sum()
    };
    println!("site servi : {:.0} Mo compressés", compressed as f64 / 1e6);
    // For comparison, in the same run: what `serve` did before on every change (a whole
    // load, validation and build into memory).
    let opts = convergence::site::BuildOptions {
        live_reload: true,
        ..Default::default()
    };
    let (t, c) = (Instant::now(), cpu());
    let full = convergence::serve::build_once(&root, &opts).expect("build");
    let bytes: usize = full.values().map(Vec::len).sum();
    println!(
        "construction complète (serve avant) : {:.2} s (CPU {:.2} s), {:.0} Mo non compressés",
        t.elapsed().as_secs_f64(),
        cpu() - c,
        bytes as f64 / 1e6
    );
    drop(full);
    if inexact > 0 {
        eprintln!("{inexact} reconstruction(s) sans aperçu exact de la fiche");
        std::process::exit(1);
    }
    if rebuilds >= 2 && last > after_second * 1.1 {
        eprintln!("la mémoire croît : {after_second:.0} Mo → {last:.0} Mo");
        std::process::exit(1);
    }
    let max: Option<f64> = std::env::var("MAX_PEAK_MB")
        .ok()
        .and_then(|v| v.parse().ok());
    if let Some(max) = max.filter(|&m| peak > m) {
        eprintln!("pic de {peak:.0} Mo au-delà de {max:.0} Mo");
        std::process::exit(1);
    }
}
