//! Memory of a serving process over repeated rebuilds.
//!
//! `cargo run --release --example serve_bench -- ROOT [REBUILDS]` builds the portal of the
//! repository at ROOT in memory as `serve` does, REBUILDS times (50 by default), each new site
//! replacing the previous one only once complete (the previous one is still served meanwhile),
//! and prints the resident memory after each rebuild and the peak. It exits with an error when
//! the resident memory after the last rebuild exceeds that after the second by more than 10 %
//! (memory that grows with rebuilds), or when the peak exceeds `MAX_PEAK_MB` if given.

use std::time::Instant;

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

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = std::path::PathBuf::from(args.first().expect("ROOT"));
    let rebuilds: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(50);
    let opts = convergence::site::BuildOptions {
        live_reload: true,
        ..Default::default()
    };
    let mut served = std::collections::BTreeMap::new();
    let mut after_second = 0.0;
    let mut last = 0.0;
    for i in 1..=rebuilds {
        let t = Instant::now();
        let files = convergence::serve::build_once(&root, &opts).expect("build");
        let count = files.len();
        served = files;
        let (rss, peak) = memory();
        println!(
            "construction {i} : {count} fichiers, {:.2} s, mémoire {rss:.0} Mo, pic {peak:.0} Mo",
            t.elapsed().as_secs_f64()
        );
        if i == 2 {
            after_second = rss;
        }
        last = rss;
    }
    drop(served);
    let (_, peak) = memory();
    println!("pic : {peak:.0} Mo");
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
