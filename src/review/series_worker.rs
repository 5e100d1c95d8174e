//! The board's metric history off its thread, for the whole session: one
//! worker keeps a [`MetricHistory`] (so history is walked once, then only
//! extended as HEAD moves) and answers the latest request only. A request
//! made while one is under way stops that one at its next step, and a
//! program's series is handed over only when it differs from the one
//! handed over before.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

use super::metric_history::MetricHistory;
use super::metric_series::Series;
use crate::git::Repo;

/// A program's series, by metric id.
pub(crate) type ProgramSeries = BTreeMap<String, Series>;

/// The worker, as the board holds it; dropping it ends the worker.
pub(crate) struct SeriesWorker {
    requests: Sender<Vec<String>>,
    /// Counts requests: a run stops when it is no longer the latest.
    asked: Arc<AtomicU64>,
}

impl SeriesWorker {
    /// A worker reading the repository at `git_dir`; `deliver` gets each
    /// program's series, and says false when nobody listens any more.
    pub(crate) fn start(
        git_dir: PathBuf,
        boards: String,
        limit: u64,
        deliver: impl Fn(String, ProgramSeries) -> bool + Send + 'static,
    ) -> SeriesWorker {
        let (requests, rx) = channel();
        let asked = Arc::new(AtomicU64::new(0));
        let counter = asked.clone();
        std::thread::spawn(move || {
            let book = MetricHistory::new(&boards, limit);
            run(&git_dir, book, &rx, &counter, &deliver);
        });
        SeriesWorker { requests, asked }
    }

    /// Asks for the series of `programs` at HEAD as it is now.
    pub(crate) fn refresh(&self, programs: Vec<String>) {
        self.asked.fetch_add(1, Ordering::SeqCst);
        // A worker that ended has nobody to deliver to.
        let _ = self.requests.send(programs);
    }
}

fn run(
    git_dir: &std::path::Path,
    mut book: MetricHistory,
    rx: &Receiver<Vec<String>>,
    asked: &AtomicU64,
    deliver: &dyn Fn(String, ProgramSeries) -> bool,
) {
    let mut sent: HashMap<String, ProgramSeries> = HashMap::new();
    while let Ok(mut programs) = rx.recv() {
        while let Ok(newer) = rx.try_recv() {
            programs = newer;
        }
        let latest = asked.load(Ordering::SeqCst);
        let stop = || asked.load(Ordering::SeqCst) != latest;
        // Each pass on a thread of its own: the memory it only used for a
        // while (blobs, listings, readings) goes back for any thread to
        // reuse when it ends, instead of staying with a thread that waits.
        let all = std::thread::scope(|s| {
            s.spawn(|| {
                let git = Repo::open(git_dir).ok()?;
                let head = git.head_id()?;
                book.series(&git, head, &programs, &stop).ok().flatten()
            })
            .join()
            .ok()
            .flatten()
        });
        // Stopped (a newer request is waiting), or it failed.
        let Some(all) = all else { continue };
        for (program, series) in all {
            let Ok(series) = series else { continue };
            if sent.get(&program) == Some(&series) {
                continue;
            }
            sent.insert(program.clone(), series.clone());
            if !deliver(program, series) {
                return;
            }
        }
    }
}
