//! How long the stand-up display takes to show a new commit: reload, build
//! the page, lay it out and draw one screen (160x46, test backend).
//!
//!     cargo run --release --example standup_refresh -- DIR [ROUNDS]
//!
//! DIR is a throwaway repository, written with
//! `cargo run --release -p ringboard-synth -- --out DIR ...`: the example
//! commits to it. "Today" is the date of DIR's HEAD commit.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use git2::{Repository, Signature, Time};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::widgets::Paragraph;
use ringboard::refresh::schedule::{Clock, FakeClock, Scheduler, Timing};
use ringboard::repo::Workspace;
use ringboard::standup::changes::compare_deliverables;
use ringboard::standup::screen::Frames;
use ringboard::standup::source::Loader;
use ringboard::standup::state::{Refresh, Standup};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: standup_refresh DIR [ROUNDS]")?);
    let rounds: usize = args.next().map_or(Ok(5), |s| s.parse())?;
    let git = Repository::open(&dir)?;
    let head = git.head()?.peel_to_commit()?;
    let mut secs = head.time().seconds();
    let today = jiff::Timestamp::from_second(secs)?
        .to_zoned(jiff::tz::TimeZone::system())
        .date();
    let ws = Workspace::discover(Some(&dir))?;
    let loader = Loader::new(ws, "boards".into(), 8 << 20, compare_deliverables);
    let mut standup = Standup::new(loader, "last-working-day".into());
    let clock = FakeClock::new(today.at(9, 0, 0, 0));
    let sched = Scheduler::new(Timing::new(15), clock.now());
    let mut term = Terminal::new(TestBackend::new(160, 46))?;
    let mut frames = Frames::default();
    let mut draw = |standup: &Standup| -> Result<usize, Box<dyn std::error::Error>> {
        let mut pages = 0;
        term.draw(|f| {
            let (lines, n) = frames.lines(standup, None, sched.page(), f.area(), true);
            pages = n;
            f.render_widget(Paragraph::new(lines), f.area());
        })?;
        Ok(pages)
    };

    let t = Instant::now();
    standup.refresh(today, Some("09:00".into()))?;
    let pages = draw(&standup)?;
    println!(
        "first page (cold caches): {:?}, {pages} screen pages",
        t.elapsed()
    );

    let t = Instant::now();
    let r = standup.refresh(today, Some("09:01".into()))?;
    draw(&standup)?;
    println!("minute refresh, nothing changed ({r:?}): {:?}", t.elapsed());

    let file = first_program_file(&dir.join("boards"))?;
    let rel = file.strip_prefix(&dir)?.to_path_buf();
    let mut times = Vec::new();
    for round in 0..rounds {
        let text = std::fs::read_to_string(&file)?;
        let (from, to) = if round % 2 == 0 {
            ("status = \"todo\"", "status = \"doing\"")
        } else {
            ("status = \"doing\"", "status = \"todo\"")
        };
        std::fs::write(&file, text.replacen(from, to, 1))?;
        secs += 60;
        commit(&git, &rel, secs)?;
        let t = Instant::now();
        let r = standup.refresh(today, Some("09:02".into()))?;
        draw(&standup)?;
        let took = t.elapsed();
        if r != Refresh::Rebuilt {
            return Err(format!("round {round}: expected a rebuilt page, got {r:?}").into());
        }
        println!("refresh after commit {}: {took:?}", round + 1);
        times.push(took);
    }
    times.sort();
    if let (Some(min), Some(max)) = (times.first(), times.last()) {
        let median = times[times.len() / 2];
        println!(
            "after a new commit: min {min:?}, median {median:?}, max {max:?} over {rounds} rounds (budget {:?})",
            Duration::from_millis(500)
        );
    }
    println!("caches: {:?}", standup.loader.cache_sizes());
    Ok(())
}

fn first_program_file(boards: &Path) -> Result<PathBuf, Box<dyn std::error::Error>> {
    let mut stack = vec![boards.to_path_buf()];
    let mut found = Vec::new();
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d)? {
            let p = e?.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "toml")
                && std::fs::read_to_string(&p)?.contains("status = \"")
            {
                found.push(p);
            }
        }
    }
    found.sort();
    found
        .into_iter()
        .next()
        .ok_or_else(|| "no program file with a status".into())
}

fn commit(git: &Repository, rel: &Path, secs: i64) -> Result<(), git2::Error> {
    let mut index = git.index()?;
    index.add_path(rel)?;
    index.write()?;
    let tree = git.find_tree(index.write_tree()?)?;
    let sig = Signature::new("Bench Mark", "bench@example.com", &Time::new(secs, 0))?;
    let parent = git.head()?.peel_to_commit()?;
    git.commit(
        Some("HEAD"),
        &sig,
        &sig,
        "bench: status change",
        &tree,
        &[&parent],
    )?;
    Ok(())
}
