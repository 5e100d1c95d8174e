//! The display's refresh logic without a terminal: the scheduler driven by a
//! fake clock and fake file events, plans with errors shown as they are (a
//! half-saved file held back once), a busy repository keeping the last
//! page, and a soak test of 1,000 refreshes with commits in between.

mod support;

use std::path::Path;
use std::time::Duration;

use git2::{Oid, Repository, Signature, Time};
use jiff::civil::{Date, DateTime, date};
use ringboard::refresh::schedule::{Clock, Command, Event, FakeClock, Scheduler, Timing};
use ringboard::repo::Workspace;
use ringboard::standup::changes::compare_plans;
use ringboard::standup::source::Loader;
use ringboard::standup::state::{Refresh, Standup};
use support::clock::{drive, drive_with, reloads};

fn at(y: i16, m: i8, d: i8, hh: i8, mm: i8, ss: i8) -> DateTime {
    date(y, m, d).at(hh, mm, ss, 0)
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

#[test]
fn starts_with_a_reload_and_reloads_once_a_minute() {
    let clock = FakeClock::new(at(2027, 2, 1, 9, 0, 0));
    let mut s = Scheduler::new(Timing::new(15), clock.now());
    assert_eq!(s.start(), vec![Command::Reload, Command::Redraw]);
    assert_eq!(s.next_wakeup(clock.now()), secs(60));
    let cmds = drive(&mut s, &clock, vec![], secs(300));
    assert_eq!(
        reloads(&cmds),
        vec![secs(60), secs(120), secs(180), secs(240), secs(300)]
    );
    // Nothing due between wake-ups: a tick in between does nothing.
    clock.advance(secs(10));
    assert!(s.on_event(Event::Tick, clock.now()).is_empty());
}

#[test]
fn a_saved_file_reloads_after_the_debounce() {
    let clock = FakeClock::new(at(2027, 2, 1, 9, 0, 0));
    let mut s = Scheduler::new(Timing::new(15), clock.now());
    clock.advance(secs(5));
    assert!(s.on_event(Event::PlansChanged, clock.now()).is_empty());
    assert_eq!(s.next_wakeup(clock.now()), Duration::from_millis(300));
    clock.advance(Duration::from_millis(300));
    assert_eq!(
        s.on_event(Event::Tick, clock.now()),
        vec![Command::Reload, Command::Redraw]
    );
    // The periodic reload stays on the wall clock's minute.
    assert_eq!(
        s.next_wakeup(clock.now()),
        secs(60) - Duration::from_millis(5300)
    );
}

#[test]
fn a_burst_of_file_events_is_not_a_reload_storm() {
    let clock = FakeClock::new(at(2027, 2, 1, 9, 0, 0));
    let mut s = Scheduler::new(Timing::new(15), clock.now());
    // A pull: 200 events, 20 ms apart (4 s), then quiet.
    let events = (0..200)
        .map(|i| (Duration::from_millis(1000 + 20 * i), Event::PlansChanged))
        .collect();
    let cmds = drive(&mut s, &clock, events, secs(10));
    let r = reloads(&cmds);
    // At most every 2 s during the burst, and once after it settles.
    assert!(r.len() <= 3 && !r.is_empty(), "{r:?}");
    let last_event = Duration::from_millis(1000 + 20 * 199);
    // The last reload comes after the last event, within the debounce.
    let last = *r.last().unwrap();
    assert!(
        last >= last_event && last <= last_event + Duration::from_millis(300),
        "{r:?}"
    );
}

#[test]
fn periodic_reloads_fall_on_the_minute() {
    let clock = FakeClock::new(at(2027, 2, 1, 9, 0, 42));
    let mut s = Scheduler::new(Timing::new(15), clock.now());
    assert_eq!(s.next_wakeup(clock.now()), secs(18));
    let cmds = drive(&mut s, &clock, vec![], secs(200));
    assert_eq!(
        reloads(&cmds),
        vec![secs(18), secs(78), secs(138), secs(198)]
    );
    assert_eq!(clock.now().local.second(), 0);
}

#[test]
fn the_date_change_at_midnight_reloads() {
    let clock = FakeClock::new(at(2027, 2, 1, 23, 59, 50));
    let mut s = Scheduler::new(Timing::new(15), clock.now());
    assert_eq!(s.next_wakeup(clock.now()), secs(10));
    clock.advance(secs(10));
    assert_eq!(clock.now().local.date(), date(2027, 2, 2));
    assert_eq!(
        s.on_event(Event::Tick, clock.now()),
        vec![Command::Reload, Command::Redraw]
    );
}

#[test]
fn pages_rotate_every_n_seconds() {
    let clock = FakeClock::new(at(2027, 2, 1, 9, 0, 0));
    let mut s = Scheduler::new(Timing::new(7), clock.now());
    // One page: no rotation, no wake-ups for it.
    let cmds = drive(&mut s, &clock, vec![], secs(30));
    assert!(!cmds.iter().any(|(_, c)| *c == Command::NextPage));
    s.set_pages(3, clock.now());
    let mut seen = Vec::new();
    for _ in 0..4 {
        let now = clock.now();
        assert_eq!(s.next_wakeup(now), secs(7));
        clock.advance(secs(7));
        let cmds = s.on_event(Event::Tick, clock.now());
        assert!(cmds.contains(&Command::NextPage));
        assert_eq!(cmds.last(), Some(&Command::Redraw));
        seen.push(s.page());
    }
    assert_eq!(seen, vec![1, 2, 0, 1]);
    // Fewer pages after a reload: the page index stays in range.
    s.set_pages(1, clock.now());
    assert_eq!(s.page(), 0);
}

#[test]
fn q_quits_and_a_resize_redraws() {
    let clock = FakeClock::new(at(2027, 2, 1, 9, 0, 0));
    let mut s = Scheduler::new(Timing::new(15), clock.now());
    assert_eq!(
        s.on_event(Event::Resize, clock.now()),
        vec![Command::Redraw]
    );
    assert_eq!(s.on_event(Event::Quit, clock.now()), vec![Command::Quit]);
}

// ---- recovery and soak over a real temporary repository ----

const PLAN: &str = r#"
[[person]]
id = "mei"
name = "Mei Lin"
ring = "core"

[program]
name = "Spring launch"

[[deliverable]]
id = "brief"
title = "Creative brief"
owner = "mei"
due = DUE
status = "STATUS"
"#;

fn plan(due: Date, status: &str) -> String {
    PLAN.replace("DUE", &due.to_string())
        .replace("STATUS", status)
}

struct Repo {
    dir: tempfile::TempDir,
    git: Repository,
}

impl Repo {
    fn new() -> Repo {
        let dir = tempfile::tempdir().unwrap();
        let git = Repository::init(dir.path()).unwrap();
        git.set_head("refs/heads/main").unwrap();
        std::fs::create_dir_all(dir.path().join("boards")).unwrap();
        Repo { dir, git }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, text: &str) {
        std::fs::write(self.path().join("boards/spring.toml"), text).unwrap();
    }

    /// Commits the working tree's plan (trees built directly: no index).
    fn commit(&self, secs: i64) -> Oid {
        let text = std::fs::read(self.path().join("boards/spring.toml")).unwrap();
        let blob = self.git.blob(&text).unwrap();
        let mut boards = self.git.treebuilder(None).unwrap();
        boards.insert("spring.toml", blob, 0o100644).unwrap();
        let boards = boards.write().unwrap();
        let mut root = self.git.treebuilder(None).unwrap();
        root.insert("boards", boards, 0o040000).unwrap();
        let tree = self.git.find_tree(root.write().unwrap()).unwrap();
        let sig = Signature::new("Mei Lin", "mei@example.com", &Time::new(secs, 0)).unwrap();
        let parent = self.git.head().ok().and_then(|h| h.peel_to_commit().ok());
        let parents: Vec<&git2::Commit> = parent.iter().collect();
        self.git
            .commit(Some("HEAD"), &sig, &sig, "plan", &tree, &parents)
            .unwrap()
    }

    fn standup(&self, since: &str) -> Standup {
        let ws = Workspace::discover(Some(self.path())).unwrap();
        let loader = Loader::new(ws, "boards".into(), 1 << 20, compare_plans);
        Standup::new(loader, since.into())
    }
}

// 2027-02-06 08:00 UTC (not the Monday it was once said to be): later than
// the tests' today, so commits a day before it and after are all within
// their `--since yesterday`.
const T0: i64 = 1_801_900_800;

#[test]
fn a_half_saved_file_is_held_back_once_then_shown_as_it_is() {
    let r = Repo::new();
    let today = date(2027, 2, 1);
    r.write(&plan(date(2027, 1, 25), "doing"));
    r.commit(T0 - 86_400);
    let mut s = r.standup("yesterday");
    assert_eq!(
        s.refresh(today, None).map_err(|e| e.to_string()),
        Ok(Refresh::Rebuilt)
    );
    let good = s.page().unwrap().clone();
    assert!(good.warnings.is_empty());
    assert_eq!(good.rings.len(), 1);

    // Someone saves a half-written file: the last page stays, once.
    r.write("[program]\nname = \"Spring launch\n");
    assert_eq!(
        s.refresh(today, None).map_err(|e| e.to_string()),
        Ok(Refresh::Kept)
    );
    let kept = s.page().unwrap();
    assert_eq!(kept.rings, good.rings);
    assert_eq!(kept.source, good.source);
    assert_eq!(
        kept.warnings,
        [
            "boards/spring.toml changed and has errors (it may be half-saved); showing the last page until the next refresh"
        ]
    );
    // Still the same on the next refresh: it is what the file says. The
    // page shows it, with what loaded and the first error.
    assert_eq!(
        s.refresh(today, None).map_err(|e| e.to_string()),
        Ok(Refresh::Rebuilt)
    );
    let shown = s.page().unwrap();
    let text = ringboard::standup::render::to_text(shown);
    assert!(
        text.contains("spring/brief Creative brief: removed — (uncommitted)")
            && !text.contains("LATE"),
        "{text}"
    );
    assert_eq!(shown.warnings.len(), 1, "{:?}", shown.warnings);
    assert!(
        shown.warnings[0].starts_with("boards/spring.toml:2:")
            && shown.warnings[0].ends_with(" (run `ringboard check`)"),
        "{:?}",
        shown.warnings
    );
    assert!(shown.source.ends_with("+ uncommitted changes"));
    assert_eq!(
        s.refresh(today, None).map_err(|e| e.to_string()),
        Ok(Refresh::Unchanged)
    );

    // Fixed: a new page, no warning.
    r.write(&plan(date(2027, 1, 25), "done"));
    assert_eq!(
        s.refresh(today, None).map_err(|e| e.to_string()),
        Ok(Refresh::Rebuilt)
    );
    let page = s.page().unwrap();
    assert!(page.warnings.is_empty());
    let text = ringboard::standup::render::to_text(page);
    assert!(
        text.contains("finished (status doing → done) — (uncommitted)"),
        "{text}"
    );
}

/// The plan with `n` deliverables owned by someone not in the roster: an
/// error each, and the rest of the plan loads.
fn with_errors(plan: String, n: usize) -> String {
    (0..n).fold(plan, |s, i| {
        s + &format!(
            "\n[[deliverable]]\nid = \"stray-{i}\"\ntitle = \"Stray {i}\"\nowner = \"nobody\"\ndue = 2027-03-01\n"
        )
    })
}

/// The display's loop on the fake clock for `seconds` after a change to
/// the plans: a file event, then every reload the scheduler asks for
/// (after the debounce, on the minute) is a refresh. What each did.
fn run(s: &mut Standup, sched: &mut Scheduler, clock: &FakeClock, seconds: u64) -> Vec<Refresh> {
    let mut done = Vec::new();
    let events = vec![(secs(1), Event::PlansChanged)];
    drive_with(sched, clock, events, secs(seconds), |_, now, c| {
        if c == Command::Reload {
            let time = now.local.strftime("%H:%M").to_string();
            let r = s.refresh(now.local.date(), Some(time));
            done.push(r.map_err(|e| e.to_string()).unwrap());
        }
    });
    done
}

#[test]
fn a_committed_error_never_freezes_the_page_and_a_merge_keeps_it() {
    let r = Repo::new();
    r.write(&plan(date(2027, 1, 25), "doing"));
    r.commit(T0 - 86_400);
    let mut s = r.standup("yesterday");
    let clock = FakeClock::new(at(2027, 2, 1, 9, 0, 0));
    let mut sched = Scheduler::new(Timing::new(15), clock.now());
    assert_eq!(
        s.refresh(date(2027, 2, 1), Some("09:00".into()))
            .map_err(|e| e.to_string()),
        Ok(Refresh::Rebuilt)
    );
    let shown = |s: &Standup| {
        let page = s.page().unwrap();
        (
            page.source.clone(),
            page.warnings.clone(),
            ringboard::standup::render::to_text(page),
        )
    };
    let head = |c: Oid| format!("main @ {}", ringboard::repo::short_id(c));

    // An error committed: that commit is shown, with what loaded and a
    // warning; the minute's refresh after it changes nothing.
    r.write(&with_errors(plan(date(2027, 1, 25), "review"), 1));
    let c1 = r.commit(T0 + 60);
    let done = run(&mut s, &mut sched, &clock, 61);
    assert_eq!(done, [Refresh::Rebuilt, Refresh::Unchanged]);
    let (source, warnings, text) = shown(&s);
    assert_eq!(source, head(c1));
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with("boards/spring.toml:")
            && warnings[0].contains("error: unknown person `nobody`")
            && warnings[0].ends_with(" (run `ringboard check`)"),
        "{warnings:?}"
    );
    assert!(text.contains("status doing → review — Mei Lin"), "{text}");

    // More commits while the error stands: each one is on the page.
    r.write(&with_errors(plan(date(2027, 1, 26), "review"), 3));
    let c2 = r.commit(T0 + 120);
    assert_eq!(run(&mut s, &mut sched, &clock, 61)[0], Refresh::Rebuilt);
    let (source, warnings, text) = shown(&s);
    assert_eq!(source, head(c2));
    assert!(
        warnings[0].ends_with(" (and 2 more; run `ringboard check`)"),
        "{warnings:?}"
    );
    assert!(
        text.contains("deadline 2027-01-25 → 2027-01-26 (+1 day)"),
        "{text}"
    );

    // Fixed, then broken again.
    r.write(&plan(date(2027, 1, 26), "done"));
    let c3 = r.commit(T0 + 180);
    assert_eq!(run(&mut s, &mut sched, &clock, 61)[0], Refresh::Rebuilt);
    let (source, warnings, text) = shown(&s);
    assert_eq!((source, warnings), (head(c3), Vec::new()));
    assert!(text.contains("finished (status review → done)"), "{text}");
    r.write(&with_errors(plan(date(2027, 1, 26), "blocked"), 1));
    let c4 = r.commit(T0 + 240);
    assert_eq!(run(&mut s, &mut sched, &clock, 61)[0], Refresh::Rebuilt);
    let before_merge = s.page().unwrap().clone();
    assert_eq!(before_merge.source, head(c4));
    assert_eq!(before_merge.warnings.len(), 1);
    assert!(shown(&s).2.contains("status done → blocked"));

    // Mid-merge the files may be half-written: the last page stays, header
    // and all, through the minute's refresh.
    let merge_head = r.git.path().join("MERGE_HEAD");
    std::fs::write(&merge_head, c3.to_string()).unwrap();
    r.write("<<<<<<< HEAD\n");
    let done = run(&mut s, &mut sched, &clock, 61);
    assert_eq!(done, [Refresh::Kept, Refresh::Kept]);
    let kept = s.page().unwrap();
    assert_eq!(kept.source, before_merge.source);
    assert_eq!(
        (&kept.rings, &kept.programs),
        (&before_merge.rings, &before_merge.programs)
    );
    assert_eq!(kept.warnings[..1], before_merge.warnings[..]);
    assert_eq!(
        kept.warnings[1..],
        ["the repository is busy: a merge is in progress"]
    );

    // The merge is done: its commit is shown.
    std::fs::remove_file(&merge_head).unwrap();
    r.write(&plan(date(2027, 1, 26), "doing"));
    let c5 = r.commit(T0 + 300);
    assert_eq!(run(&mut s, &mut sched, &clock, 61)[0], Refresh::Rebuilt);
    let (source, warnings, _) = shown(&s);
    assert_eq!((source, warnings), (head(c5), Vec::new()));
}

#[test]
fn a_busy_repository_keeps_the_page_until_git_is_done() {
    let r = Repo::new();
    let today = date(2027, 2, 1);
    r.write(&plan(date(2027, 1, 25), "doing"));
    r.commit(T0 - 86_400);
    let mut s = r.standup("yesterday");
    assert_eq!(
        s.refresh(today, None).map_err(|e| e.to_string()),
        Ok(Refresh::Rebuilt)
    );
    let git_dir = r.git.path().to_path_buf();
    for mark in ["index.lock", "MERGE_HEAD", "rebase-merge"] {
        let p = git_dir.join(mark);
        if mark == "rebase-merge" {
            std::fs::create_dir(&p).unwrap();
        } else {
            std::fs::write(&p, "").unwrap();
        }
        r.write(&plan(date(2027, 1, 25), "review"));
        assert_eq!(
            s.refresh(today, None).map_err(|e| e.to_string()),
            Ok(Refresh::Kept),
            "{mark}"
        );
        let w = &s.page().unwrap().warnings;
        assert!(w[0].contains("the repository is busy"), "{w:?}");
        if mark == "rebase-merge" {
            std::fs::remove_dir(&p).unwrap();
        } else {
            std::fs::remove_file(&p).unwrap();
        }
        assert_eq!(
            s.refresh(today, None).map_err(|e| e.to_string()),
            Ok(Refresh::Rebuilt),
            "{mark}"
        );
        assert!(s.page().unwrap().warnings.is_empty());
    }
}

#[test]
fn an_unchanged_repository_is_not_rebuilt() {
    let r = Repo::new();
    let today = date(2027, 2, 1);
    r.write(&plan(date(2027, 1, 25), "doing"));
    r.commit(T0 - 86_400);
    let mut s = r.standup("yesterday");
    assert_eq!(
        s.refresh(today, Some("09:00".into()))
            .map_err(|e| e.to_string()),
        Ok(Refresh::Rebuilt)
    );
    assert_eq!(
        s.refresh(today, Some("09:01".into()))
            .map_err(|e| e.to_string()),
        Ok(Refresh::Unchanged)
    );
    assert_eq!(s.page().unwrap().time.as_deref(), Some("09:01"));
    // The next day is a new page even with the same files.
    assert_eq!(
        s.refresh(date(2027, 2, 2), None).map_err(|e| e.to_string()),
        Ok(Refresh::Rebuilt)
    );
}

/// 1,000 refresh cycles, a commit before every one: the caches hold only the
/// working set and the page is replaced, never appended to.
#[test]
fn soak_a_thousand_refreshes_with_commits_in_between() {
    let r = Repo::new();
    let today = date(2027, 2, 1);
    r.write(&plan(date(2027, 2, 10), "todo"));
    r.commit(T0);
    // A revision window keeps the page's own content bounded too.
    let mut s = r.standup("HEAD~3");
    r.write(&plan(date(2027, 2, 11), "todo"));
    r.commit(T0 + 1);
    r.write(&plan(date(2027, 2, 12), "todo"));
    r.commit(T0 + 2);
    r.write(&plan(date(2027, 2, 13), "todo"));
    r.commit(T0 + 3);
    let clock = FakeClock::new(at(2027, 2, 1, 9, 0, 0));
    let mut sched = Scheduler::new(Timing::new(15), clock.now());
    let statuses = ["todo", "doing", "review", "blocked"];
    let mut max_parsed = 0;
    let mut frames = ringboard::standup::screen::Frames::default();
    let area = ratatui::layout::Rect::new(0, 0, 120, 40);
    for i in 0..1000u32 {
        let due = date(2027, 2, 10).saturating_add(jiff::Span::new().days(i64::from(i % 40)));
        r.write(&plan(due, statuses[i as usize % 4]));
        r.commit(T0 + 10 + i64::from(i));
        clock.advance(secs(61));
        let cmds = sched.on_event(Event::PlansChanged, clock.now());
        assert!(cmds.contains(&Command::Reload));
        assert_eq!(
            s.refresh(today, Some("09:00".into()))
                .map_err(|e| e.to_string()),
            Ok(Refresh::Rebuilt)
        );
        let page = s.page().unwrap();
        let changes: usize = page
            .rings
            .iter()
            .flat_map(|r| &r.people)
            .map(|p| p.changes.len())
            .sum();
        // Three commits, at most two changes each (status and deadline).
        assert!((1..=6).contains(&changes), "cycle {i}: {changes} changes");
        assert!(page.warnings.is_empty());
        let sizes = s.loader.cache_sizes();
        assert!(sizes.commits <= 3, "cycle {i}: {sizes:?}");
        // The working tree's file plus the files of three commits and the boundary.
        assert!(sizes.parsed <= 5, "cycle {i}: {sizes:?}");
        max_parsed = max_parsed.max(sizes.parsed);
        // The screen's pages are replaced with the page: still one page.
        let (rows, pages) = frames.lines(&s, None, sched.page(), area, false);
        assert_eq!(pages, 1);
        assert!(rows.len() <= 40);
        sched.set_pages(pages, clock.now());
    }
    assert!(max_parsed >= 2);
}
