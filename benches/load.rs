//! `cargo bench --bench load`: loading the benchmark portfolio (100 programs
//! x 200 deliverables, 1,000 people) from the working tree and from git
//! objects, against a parse-only baseline (every file into `toml::Table`),
//! with the loader's phases timed on their own. The cases alternate within
//! each round so that machine noise hits them alike; medians are reported.
//!
//! `RINGBOARD_BENCH_ROUNDS` sets the number of rounds (default 15).

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use ringboard::load::{self, DEFAULT_MAX_FILE_SIZE, LoadOptions};
use ringboard_synth::{Params, generate};

type Case<'a> = (&'static str, Box<dyn Fn() -> usize + 'a>);

fn main() {
    let rounds: usize = std::env::var("RINGBOARD_BENCH_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(15);
    let dir = match tempfile::TempDir::new() {
        Ok(d) => d,
        Err(e) => return eprintln!("bench: no temporary folder: {e}"),
    };
    let params = Params {
        commits: 1,
        ..Params::default()
    };
    let summary = match generate(&params, dir.path()) {
        Ok(s) => s,
        Err(e) => return eprintln!("bench: generate: {e}"),
    };
    println!(
        "portfolio: {} programs, {} deliverables, {} people, {} bytes in {} files",
        summary.programs, summary.deliverables, summary.people, summary.bytes, summary.files
    );
    let root = dir.path();
    let opts = |rev: Option<&str>| LoadOptions {
        repo: Some(root.to_path_buf()),
        rev: rev.map(str::to_string),
        ..LoadOptions::default()
    };
    let cases: Vec<Case<'_>> = vec![
        (
            "parse-only baseline (toml::Table)",
            Box::new(|| parse_only(root)),
        ),
        (
            "load() working tree",
            Box::new(|| load::load(&opts(None)).map_or(0, |p| p.diagnostics.len() + p.files)),
        ),
        (
            "load() --rev HEAD",
            Box::new(|| {
                load::load(&opts(Some("HEAD"))).map_or(0, |p| p.diagnostics.len() + p.files)
            }),
        ),
        (
            "  phase: read_worktree",
            Box::new(|| {
                load::read_worktree(root, "boards", DEFAULT_MAX_FILE_SIZE).map_or(0, |r| r.len())
            }),
        ),
        ("  phase: read_commit (HEAD)", Box::new(|| read_head(root))),
        (
            "  phase: read_worktree + parse_all",
            Box::new(|| {
                load::read_worktree(root, "boards", DEFAULT_MAX_FILE_SIZE)
                    .map_or(0, |r| load::parse_all(r).len())
            }),
        ),
    ];
    // build() consumes its input: a fresh copy each round, not timed.
    let parsed = load::read_worktree(root, "boards", DEFAULT_MAX_FILE_SIZE)
        .map(load::parse_all)
        .unwrap_or_default();
    let (portfolio, _) = load::build(parsed.clone());
    let no_broken = ringboard::validate::Broken::default();
    let mut cases = cases;
    cases.push((
        "  phase: validate alone",
        Box::new(|| ringboard::validate::validate(&portfolio, &no_broken).len()),
    ));
    cases.push((
        "  phase: NeedGraph::new alone",
        Box::new(|| ringboard::graph::NeedGraph::new(&portfolio).len()),
    ));
    let cases = cases;
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); cases.len() + 2];
    for _ in 0..rounds {
        for (i, (_, run)) in cases.iter().enumerate() {
            let start = Instant::now();
            black_box(run());
            times[i].push(start.elapsed());
        }
        let input = parsed.clone();
        let start = Instant::now();
        let built = load::build(input);
        times[cases.len()].push(start.elapsed());
        let start = Instant::now();
        drop(black_box(built));
        times[cases.len() + 1].push(start.elapsed());
    }
    let mut cases = cases;
    cases.push(("  phase: build (merge + validate)", Box::new(|| 0)));
    cases.push(("  phase: dropping the portfolio", Box::new(|| 0)));
    let median = |t: &mut Vec<Duration>| {
        t.sort();
        t[t.len() / 2]
    };
    let medians: Vec<Duration> = times.iter_mut().map(median).collect();
    println!("{rounds} rounds, medians:");
    for ((name, _), m) in cases.iter().zip(&medians) {
        let ratio = m.as_secs_f64() / medians[0].as_secs_f64();
        println!(
            "  {name:<36} {:>8.2} ms  {ratio:>5.2} x baseline",
            m.as_secs_f64() * 1e3
        );
    }
    let rev = medians[2].as_secs_f64() / medians[1].as_secs_f64();
    println!("  --rev / working tree: {rev:.2}");
}

/// Opens the repository and reads HEAD's plan files from git objects.
fn read_head(root: &Path) -> usize {
    let Ok(git) = ringboard::git::Repo::open(root) else {
        return 0;
    };
    let Ok(head) = git.resolve("HEAD") else {
        return 0;
    };
    load::read_commit(&git, head, "HEAD", "boards", DEFAULT_MAX_FILE_SIZE)
        .map_or(0, |files| files.len())
}

/// What the baseline program does: read and parse every file, one by one.
fn parse_only(root: &Path) -> usize {
    let mut stack = vec![root.join("boards")];
    let mut keys = 0;
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "toml")
                && let Ok(text) = std::fs::read_to_string(&path)
                && let Ok(table) = toml::from_str::<toml::Table>(&text)
            {
                keys += table.len();
            }
        }
    }
    keys
}
