//! Driving the refresh scheduler on a fake clock: file events at their
//! times, ticks at the scheduler's wake-ups, no sleeping.
#![allow(dead_code)]

use std::time::Duration;

use ringboard::refresh::schedule::{Clock, Command, Event, FakeClock, Now, Scheduler};

/// Runs an event loop on a fake clock until `end`: file events at their
/// times, ticks at the scheduler's wake-ups. Returns every command.
pub fn drive(
    sched: &mut Scheduler,
    clock: &FakeClock,
    events: Vec<(Duration, Event)>,
    end: Duration,
) -> Vec<(Duration, Command)> {
    let mut out = Vec::new();
    drive_with(sched, clock, events, end, |t, _, c| out.push((t, c)));
    out
}

/// [`drive`], handing each command to `on_command` with its time since
/// the start and the moment it came.
pub fn drive_with(
    sched: &mut Scheduler,
    clock: &FakeClock,
    mut events: Vec<(Duration, Event)>,
    end: Duration,
    mut on_command: impl FnMut(Duration, Now, Command),
) {
    events.sort_by_key(|e| e.0);
    let mut events = events.into_iter().peekable();
    let start = clock.now().mono;
    loop {
        let now = clock.now();
        let wake = now.mono + sched.next_wakeup(now);
        let (t, ev) = match events.peek() {
            Some(&(t, ev)) if start + t <= wake => {
                events.next();
                (start + t, ev)
            }
            _ => (wake, Event::Tick),
        };
        if t > start + end {
            break;
        }
        clock.advance(t.saturating_sub(now.mono));
        let now = clock.now();
        for c in sched.on_event(ev, now) {
            on_command(now.mono - start, now, c);
        }
    }
}

/// The times of the reload commands.
pub fn reloads(cmds: &[(Duration, Command)]) -> Vec<Duration> {
    cmds.iter()
        .filter(|(_, c)| *c == Command::Reload)
        .map(|(t, _)| *t)
        .collect()
}
