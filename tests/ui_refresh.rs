//! The board's refresh on a fake clock, without sleeping: the shared
//! scheduler with the board's timing decides when to look at the plans,
//! and [`Freshness`] turns a look into a reload only when the plans'
//! fingerprint or the day changed, as the board's event loop does.

mod support;

use std::time::Duration;

use jiff::civil::{Date, DateTime, date};
use ringboard::refresh::Freshness;
use ringboard::refresh::schedule::{Clock, Command, Event, FakeClock, Scheduler, Timing};
use support::clock::drive_with;

fn at(y: i16, m: i8, d: i8, hh: i8, mm: i8, ss: i8) -> DateTime {
    date(y, m, d).at(hh, mm, ss, 0)
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// The board on a fake clock from `start` until `end`: file events at
/// their times, the plans' fingerprint at each moment from `plans`, and
/// `--today` when `fixed`. Returns when it reloaded and for which day;
/// a reload of `fails` fails (and is not recorded as seen).
fn board(
    start: DateTime,
    events: Vec<(Duration, Event)>,
    end: Duration,
    plans: impl Fn(Duration) -> u64,
    fixed: Option<Date>,
    fails: Option<usize>,
) -> Vec<(Duration, Date)> {
    let clock = FakeClock::new(start);
    let mut sched = Scheduler::new(Timing::board(), clock.now());
    let mut fresh = Freshness::new(fixed, plans(Duration::ZERO), fixed.unwrap_or(start.date()));
    let mut out = Vec::new();
    drive_with(&mut sched, &clock, events, end, |t, now, c| {
        if c != Command::Reload {
            return;
        }
        let fingerprint = plans(t);
        if let Some(day) = fresh.due(fingerprint, now.local.date()) {
            if fails != Some(out.len()) {
                fresh.loaded(fingerprint, day);
            }
            out.push((t, day));
        }
    });
    out
}

#[test]
fn a_save_reloads_after_the_debounce() {
    let saved = ms(5_000);
    let reloads = board(
        at(2027, 2, 1, 9, 0, 0),
        vec![(saved, Event::PlansChanged)],
        Duration::from_secs(50),
        |t| u64::from(t >= saved),
        None,
        None,
    );
    assert_eq!(reloads, [(saved + ms(300), date(2027, 2, 1))]);
}

#[test]
fn a_burst_of_saves_reloads_within_the_maximum_delay() {
    // An editor saving every 100 ms for 6 s, each save a new content. The
    // old board's debounce had no maximum: nothing until the burst ended.
    let saves: Vec<Duration> = (0..60).map(|i| ms(1_000 + 100 * i)).collect();
    let last = *saves.last().expect("saves");
    let events = saves.iter().map(|&t| (t, Event::PlansChanged)).collect();
    let count = |t: Duration| saves.iter().filter(|&&s| s <= t).count() as u64;
    let reloads = board(
        at(2027, 2, 1, 9, 0, 0),
        events,
        Duration::from_secs(30),
        count,
        None,
        None,
    );
    let times: Vec<Duration> = reloads.iter().map(|r| r.0).collect();
    assert_eq!(times.first(), Some(&ms(3_000)), "2 s after the first save");
    // Every save shows within the maximum delay.
    for s in &saves {
        assert!(
            times.iter().any(|&r| r >= *s && r - *s <= ms(2_000)),
            "{s:?} not shown in time: {times:?}"
        );
    }
    assert_eq!(times.last(), Some(&(last + ms(300))), "once it settles");
    assert!(times.len() <= 5, "no reload storm: {times:?}");
}

#[test]
fn the_minute_look_reloads_only_when_the_plans_changed() {
    // No file events at all (a watcher that missed them); the plans change
    // at 4:30. Looks every minute on the minute; one reload, at 5:00.
    let reloads = board(
        at(2027, 2, 1, 9, 0, 0),
        Vec::new(),
        Duration::from_secs(600),
        |t| u64::from(t >= Duration::from_secs(270)),
        None,
        None,
    );
    assert_eq!(reloads, [(Duration::from_secs(300), date(2027, 2, 1))]);
}

#[test]
fn midnight_reloads_for_the_new_day_unless_today_is_fixed() {
    let late = at(2027, 2, 1, 23, 59, 30);
    let follows = board(
        late,
        Vec::new(),
        Duration::from_secs(120),
        |_| 1,
        None,
        None,
    );
    assert_eq!(follows, [(Duration::from_secs(30), date(2027, 2, 2))]);
    let fixed = Some(date(2027, 2, 1));
    let pinned = board(
        late,
        Vec::new(),
        Duration::from_secs(120),
        |_| 1,
        fixed,
        None,
    );
    assert!(pinned.is_empty(), "{pinned:?}");
}

#[test]
fn a_failed_reload_is_tried_again_at_the_next_look() {
    let reloads = board(
        at(2027, 2, 1, 9, 0, 0),
        vec![(ms(1_000), Event::PlansChanged)],
        Duration::from_secs(150),
        |t| u64::from(t >= ms(1_000)),
        None,
        Some(0),
    );
    let times: Vec<Duration> = reloads.iter().map(|r| r.0).collect();
    assert_eq!(times, [ms(1_300), Duration::from_secs(60)]);
}

#[test]
fn an_idle_board_sleeps_until_the_next_minute() {
    let clock = FakeClock::new(at(2027, 2, 1, 9, 0, 45));
    let mut sched = Scheduler::new(Timing::board(), clock.now());
    assert_eq!(sched.next_wakeup(clock.now()), Duration::from_secs(15));
    clock.advance(Duration::from_secs(5));
    // A key press in between (a tick) changes nothing.
    assert!(sched.on_event(Event::Tick, clock.now()).is_empty());
    assert_eq!(sched.next_wakeup(clock.now()), Duration::from_secs(10));
    // The board has one page: it never turns pages.
    sched.set_pages(3, clock.now());
    clock.advance(Duration::from_secs(10));
    let cmds = sched.on_event(Event::Tick, clock.now());
    assert_eq!(cmds, [Command::Reload, Command::Redraw]);
    assert_eq!(sched.page(), 0);
}
