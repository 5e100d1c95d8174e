//! `cargo bench --bench forecast`: the forecast on its worst case (issue
//! 21: "the dense-needs case, 1,000 deliverables each needing all others,
//! within 1 s for the forecast"): one program whose deliverables all need
//! each other (a million needs, one big cycle `check` reports), parsed
//! once, then the hand-off graph, the whole derived state and the forecast
//! pass alone, each timed over rounds; medians and minimums reported.
//!
//! `RINGBOARD_BENCH_ROUNDS` sets the number of rounds (default 11);
//! `RINGBOARD_BENCH_N` the number of deliverables (default 1,000).

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ringboard::derive::Derived;
use ringboard::forecast::Forecast;
use ringboard::graph::NeedGraph;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// A program of `n` todo deliverables, each with 10 days of work and
/// needing every other one.
fn dense_plan(n: usize) -> String {
    let mut text = String::from(
        "[[person]]\nid = \"ana\"\nname = \"Ana\"\n\n[program]\nname = \"Dense\"\n\n\
         [team]\ncore = [\"ana\"]\n\n",
    );
    for i in 0..n {
        text.push_str(&format!(
            "[[deliverable]]\nid = \"d{i}\"\ntitle = \"D{i}\"\nowner = \"ana\"\n\
             due = 2027-03-01\nduration = 10\nneeds = ["
        ));
        for j in (0..n).filter(|&j| j != i) {
            text.push_str(&format!("\"d{j}\","));
        }
        text.push_str("]\n\n");
    }
    text
}

fn report(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name:<40} median {:>9.2} ms   min {:>9.2} ms",
        ms(times[times.len() / 2]),
        ms(times[0])
    );
}

fn main() {
    let rounds = env("RINGBOARD_BENCH_ROUNDS", 11).max(1);
    let n = env("RINGBOARD_BENCH_N", 1000);
    let text = dense_plan(n);
    let started = Instant::now();
    let parsed = ringboard::parse::parse_file(Arc::from("boards/dense.toml"), text.as_bytes());
    let (portfolio, problems) = ringboard::load::build(vec![parsed]);
    println!(
        "dense-needs: {n} deliverables, {} needs, {} bytes; parsed and checked in {:.0} ms ({} problems)",
        n * (n - 1),
        text.len(),
        started.elapsed().as_secs_f64() * 1000.0,
        problems.len()
    );
    let today = jiff::civil::date(2027, 2, 1);
    let (mut graph_t, mut derived_t, mut forecast_t) = (vec![], vec![], vec![]);
    for _ in 0..rounds {
        let t = Instant::now();
        let graph = NeedGraph::new(&portfolio);
        graph_t.push(t.elapsed());
        let t = Instant::now();
        black_box(Forecast::new(&portfolio, &graph, today));
        forecast_t.push(t.elapsed());
        let t = Instant::now();
        black_box(Derived::new(&portfolio, today));
        derived_t.push(t.elapsed());
    }
    report("hand-off graph", graph_t);
    report("forecast pass (goal: within 1 s)", forecast_t);
    report("whole derived state (marks + forecast)", derived_t);
}
