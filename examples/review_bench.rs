//! Times `metric_series` (the board's sparklines) for one program of a
//! generated repository:
//!   cargo run --release -p ringboard-synth -- --out /tmp/rev --commits 2000
//!   cargo run --release --example review_bench -- /tmp/rev prog-041
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let repo_dir = args.next().ok_or("usage: review_bench REPO PROGRAM")?;
    let program = args.next().ok_or("usage: review_bench REPO PROGRAM")?;
    let repo = ringboard::git::Repo::open(std::path::Path::new(&repo_dir))?;
    let head = repo.resolve("HEAD").map_err(|e| format!("HEAD: {e:?}"))?;
    let mut times = Vec::new();
    let mut points = 0;
    for _ in 0..10 {
        let start = Instant::now();
        let series = ringboard::review::metric_series::metric_series(
            &repo,
            "boards",
            head,
            &program,
            1 << 23,
        )?;
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        points = series.values().map(Vec::len).sum();
    }
    times.sort_by(f64::total_cmp);
    println!(
        "metric_series {program}: median {:.1} ms over 10 runs ({points} points)",
        times[5]
    );
    Ok(())
}
