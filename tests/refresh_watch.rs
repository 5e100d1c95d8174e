//! What the file watcher sees reaching the board and the stand-up: events
//! judged by the watcher's own rule ([`Watched::relevant`]) drive the
//! scheduler on a fake clock, over a real temporary repository; and one
//! test with the real watcher, the boards folder removed and re-created.

mod support;

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use jiff::civil::{Date, DateTime, date};
use notify::EventKind;
use notify::event::{CreateKind, DataChange, ModifyKind, RemoveKind};
use ringboard::load::{LoadOptions, load};
use ringboard::refresh::schedule::{Clock, Command, Event, FakeClock, Scheduler, Timing};
use ringboard::refresh::watch::{WATCHING_AGAIN, Watched, watch_events};
use ringboard::refresh::{Freshness, fingerprint};
use ringboard::repo::Workspace;
use ringboard::standup::changes::compare_plans;
use ringboard::standup::source::Loader;
use ringboard::standup::state::{Refresh, Standup};
use support::clock::drive_with;
use support::gitrepo::{SPRING, TestRepo};

fn start() -> DateTime {
    date(2027, 1, 26).at(9, 0, 0, 0)
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

fn event(kind: EventKind, path: PathBuf) -> notify::Event {
    notify::Event::new(kind).add_path(path)
}

const SAVED: EventKind = EventKind::Modify(ModifyKind::Data(DataChange::Any));

/// The file events that reach the scheduler: those the watcher counts.
fn judged(watched: &Watched, events: Vec<(Duration, notify::Event)>) -> Vec<(Duration, Event)> {
    events
        .into_iter()
        .filter(|(_, ev)| watched.relevant(ev))
        .map(|(t, _)| (t, Event::PlansChanged))
        .collect()
}

/// The repository's root as the watcher names it.
fn root(repo: &TestRepo) -> PathBuf {
    repo.path().canonicalize().expect("root")
}

#[test]
fn removing_index_lock_ends_the_busy_page_at_once_not_at_the_minute() {
    let repo = TestRepo::spring("plans");
    let ws = Workspace::discover(Some(repo.path())).expect("workspace");
    let watched = Watched::new(&ws, "boards");
    let mut standup = Standup::new(
        Loader::new(ws, "boards".into(), 1 << 20, compare_plans),
        "yesterday".into(),
    );
    let today = date(2027, 1, 26);
    assert_eq!(standup.refresh(today, None).ok(), Some(Refresh::Rebuilt));
    let clock = FakeClock::new(start());
    let mut sched = Scheduler::new(Timing::new(15), clock.now());
    let lock = root(&repo).join(".git/index.lock");
    let mut run = |events: Vec<(Duration, notify::Event)>| {
        let mut done = Vec::new();
        let events = judged(&watched, events);
        drive_with(&mut sched, &clock, events, ms(5_000), |t, _, c| {
            if c == Command::Reload {
                done.push((t, standup.refresh(today, None).ok()));
            }
        });
        (done, standup.page().map(|p| p.warnings.clone()))
    };

    // git takes the index lock (not a look), a plan is saved meanwhile.
    std::fs::write(&lock, "").expect("lock");
    let (done, warnings) = run(vec![
        (
            ms(1_000),
            event(EventKind::Create(CreateKind::File), lock.clone()),
        ),
        (
            ms(2_000),
            event(SAVED, root(&repo).join("boards/spring.toml")),
        ),
    ]);
    assert_eq!(done, [(ms(2_300), Some(Refresh::Kept))]);
    assert_eq!(
        warnings.unwrap_or_default(),
        ["the repository is busy: git is writing the index"]
    );

    // The stale lock is cleared by hand, no rename: its removal is a look,
    // 300 ms later, and the page is built again.
    std::fs::remove_file(&lock).expect("unlock");
    let (done, warnings) = run(vec![(
        ms(1_000),
        event(EventKind::Remove(RemoveKind::File), lock.clone()),
    )]);
    assert_eq!(done, [(ms(1_300), Some(Refresh::Rebuilt))]);
    assert_eq!(warnings.unwrap_or_default(), Vec::<String>::new());
}

#[test]
fn saves_after_the_boards_folder_came_back_reload_the_board() {
    let repo = TestRepo::spring("plans");
    let today: Date = date(2027, 1, 26);
    let plans = load(&LoadOptions {
        repo: Some(repo.path().to_path_buf()),
        ..LoadOptions::default()
    })
    .expect("plans");
    let watched = Watched::new(&plans.workspace, "boards");
    let mut fresh = Freshness::new(None, fingerprint(&plans), today);
    let clock = FakeClock::new(start());
    let mut sched = Scheduler::new(Timing::board(), clock.now());
    // The board's loop: a look reloads when the fingerprint moved.
    let mut run = |events: Vec<(Duration, notify::Event)>| {
        let mut reloads = Vec::new();
        let events = judged(&watched, events);
        drive_with(&mut sched, &clock, events, ms(10_000), |t, now, c| {
            let seen = fingerprint(&plans);
            if c == Command::Reload
                && let Some(day) = fresh.due(seen, now.local.date())
            {
                fresh.loaded(seen, day);
                reloads.push(t);
            }
        });
        reloads
    };
    let boards = root(&repo).join("boards");
    let spring = boards.join("spring.toml");

    // `rm -rf boards; git checkout -- boards`, a changed plan among the
    // files written back: those writes come before the folder is watched
    // again, and the look after watching again finds them.
    std::fs::remove_dir_all(&boards).expect("rm -rf");
    std::fs::create_dir(&boards).expect("mkdir");
    repo.write("boards/people.toml", support::gitrepo::PEOPLE);
    repo.write(
        "boards/spring.toml",
        &SPRING.replace("actual = 100", "actual = 150"),
    );
    let folder = |kind| event(kind, boards.clone());
    let reloads = run(vec![
        (
            ms(1_000),
            event(EventKind::Remove(RemoveKind::File), spring.clone()),
        ),
        (ms(1_000), folder(EventKind::Remove(RemoveKind::Folder))),
        (ms(1_050), folder(EventKind::Create(CreateKind::Folder))),
        (ms(1_100), watched.watching_again()),
    ]);
    assert!(watched.came_back(&folder(EventKind::Create(CreateKind::Folder))));
    assert_eq!(reloads, [ms(1_400)]);

    // Later saves in the folder that came back reload within the debounce.
    repo.write(
        "boards/spring.toml",
        &SPRING.replace("actual = 100", "actual = 200"),
    );
    let reloads = run(vec![(ms(3_000), event(SAVED, spring.clone()))]);
    assert_eq!(reloads, [ms(3_300)]);
}

/// Waits for an event `wanted`, at most 10 s: passes as soon as it comes.
fn wait_for(
    rx: &mpsc::Receiver<notify::Event>,
    what: &str,
    wanted: impl Fn(&notify::Event) -> bool,
) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(ev) if wanted(&ev) => return,
            Ok(_) => {}
            Err(e) => panic!("no event for {what} within 10 s: {e}"),
        }
    }
}

#[test]
fn the_real_watcher_sees_a_save_in_a_re_created_boards_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().canonicalize().expect("root");
    let boards = root.join("boards");
    std::fs::create_dir(&boards).expect("boards");
    let ws = Workspace {
        root: root.clone(),
        git_dir: None,
        bare: false,
    };
    let (tx, rx) = mpsc::channel();
    let _watching = watch_events(&ws, "boards", move |ev| {
        let _ = tx.send(ev.clone());
    })
    .expect("a watcher");

    std::fs::remove_dir_all(&boards).expect("rm -rf");
    std::fs::create_dir(&boards).expect("mkdir");
    wait_for(&rx, "watching again", |ev| {
        ev.info() == Some(WATCHING_AGAIN)
    });
    let saved = boards.join("spring.toml");
    std::fs::write(&saved, SPRING).expect("save");
    wait_for(&rx, "the save", |ev| {
        ev.paths.iter().any(|p| p == Path::new(&saved))
    });
}
