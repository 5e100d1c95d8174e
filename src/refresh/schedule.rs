//! When to look at the plans again, redraw and turn the page: a pure state
//! machine driven by events and a [`Clock`], so it is tested with a fake
//! clock, without sleeping and without a terminal. The board and the
//! stand-up display block on their event channel for
//! [`Scheduler::next_wakeup`]: no busy loop.
//!
//! A look ([`Command::Reload`]) comes after a burst of file events settles
//! (the debounce, never later than the maximum delay), every minute on the
//! wall clock's minute (missed events, the clock on screen), and when the
//! date changes at midnight. What is reloaded is the caller's decision:
//! only what changed (see [`super::Freshness`]).

use std::time::{Duration, Instant};

use jiff::civil::{Date, DateTime};

/// A moment: monotonic time for intervals, local wall-clock time for the
/// date (midnight) and the clock on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Now {
    pub mono: Duration,
    pub local: DateTime,
}

pub trait Clock {
    fn now(&self) -> Now;
}

/// The real clock.
pub struct SystemClock {
    start: Instant,
}

impl SystemClock {
    pub fn new() -> SystemClock {
        SystemClock {
            start: Instant::now(),
        }
    }
}

impl Default for SystemClock {
    fn default() -> Self {
        SystemClock::new()
    }
}

impl Clock for SystemClock {
    fn now(&self) -> Now {
        Now {
            mono: self.start.elapsed(),
            local: jiff::Zoned::now().datetime(),
        }
    }
}

/// A clock that moves only when told (tests, the soak test, benchmarks).
#[derive(Debug)]
pub struct FakeClock {
    now: std::cell::Cell<Now>,
}

impl FakeClock {
    pub fn new(local: DateTime) -> FakeClock {
        FakeClock {
            now: std::cell::Cell::new(Now {
                mono: Duration::ZERO,
                local,
            }),
        }
    }

    pub fn advance(&self, by: Duration) {
        let n = self.now.get();
        let span = jiff::SignedDuration::try_from(by).unwrap_or(jiff::SignedDuration::MAX);
        self.now.set(Now {
            mono: n.mono + by,
            local: n.local.saturating_add(span),
        });
    }
}

impl Clock for FakeClock {
    fn now(&self) -> Now {
        self.now.get()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// A watched file changed (a plan saved, a commit, a pull).
    PlansChanged,
    /// The wait for the next wake-up ran out.
    Tick,
    Resize,
    Quit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// Look at the plans again: reload whatever changed (content or day).
    Reload,
    NextPage,
    Redraw,
    Quit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timing {
    /// Quiet time after the last file event before reloading.
    pub debounce: Duration,
    /// A burst of file events never delays a reload longer than this.
    pub max_delay: Duration,
    /// Reload at least this often (the clock on screen, missed events);
    /// with 60 s the reloads fall on the wall clock's minute, so the time
    /// shown is never behind.
    pub refresh: Duration,
    /// Time per page when the page does not fit; `None`: one page only.
    pub rotate: Option<Duration>,
}

impl Timing {
    /// The stand-up display's: pages turn every `rotate_secs` seconds.
    pub fn new(rotate_secs: u64) -> Timing {
        Timing {
            rotate: Some(Duration::from_secs(rotate_secs.max(1))),
            ..Timing::board()
        }
    }

    /// The board's: the same reloads, no pages to turn.
    pub fn board() -> Timing {
        Timing {
            debounce: Duration::from_millis(300),
            max_delay: Duration::from_secs(2),
            refresh: Duration::from_secs(60),
            rotate: None,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Scheduler {
    timing: Timing,
    day: Date,
    /// When the next periodic reload is due (monotonic).
    periodic_at: Duration,
    /// First and last file event of a burst not yet reloaded.
    burst: Option<(Duration, Duration)>,
    pages: usize,
    page: usize,
    page_since: Duration,
}

impl Scheduler {
    /// A scheduler at `now`; the caller loads the first page right away
    /// ([`Scheduler::start`]).
    pub fn new(timing: Timing, now: Now) -> Scheduler {
        Scheduler {
            timing,
            day: now.local.date(),
            periodic_at: now.mono + next_periodic(timing.refresh, now.local),
            burst: None,
            pages: 1,
            page: 0,
            page_since: now.mono,
        }
    }

    /// The commands for the first frame.
    pub fn start(&self) -> Vec<Command> {
        vec![Command::Reload, Command::Redraw]
    }

    pub fn page(&self) -> usize {
        self.page
    }

    pub fn pages(&self) -> usize {
        self.pages
    }

    /// After a layout: how many pages there are now.
    pub fn set_pages(&mut self, pages: usize, now: Now) {
        let pages = pages.max(1);
        if pages != self.pages {
            self.pages = pages;
            if self.page >= pages {
                self.page = 0;
                self.page_since = now.mono;
            }
        }
    }

    pub fn on_event(&mut self, event: Event, now: Now) -> Vec<Command> {
        match event {
            Event::Quit => return vec![Command::Quit],
            Event::PlansChanged => {
                self.burst = Some(match self.burst {
                    Some((first, _)) => (first, now.mono),
                    None => (now.mono, now.mono),
                });
            }
            Event::Tick | Event::Resize => {}
        }
        let mut out = Vec::new();
        let mut reload = false;
        let today = now.local.date();
        if today != self.day {
            self.day = today;
            reload = true;
        }
        if let Some(deadline) = self.burst_deadline()
            && now.mono >= deadline
        {
            reload = true;
        }
        if now.mono >= self.periodic_at {
            self.periodic_at = now.mono + next_periodic(self.timing.refresh, now.local);
            reload = true;
        }
        if reload {
            self.burst = None;
            out.push(Command::Reload);
        }
        if let Some(rotate) = self.rotation()
            && now.mono >= self.page_since + rotate
        {
            self.page = (self.page + 1) % self.pages;
            self.page_since = now.mono;
            out.push(Command::NextPage);
        }
        if !out.is_empty() || event == Event::Resize {
            out.push(Command::Redraw);
        }
        out
    }

    /// Time per page, when there are pages to turn.
    fn rotation(&self) -> Option<Duration> {
        self.timing.rotate.filter(|_| self.pages > 1)
    }

    fn burst_deadline(&self) -> Option<Duration> {
        self.burst
            .map(|(first, last)| (last + self.timing.debounce).min(first + self.timing.max_delay))
    }

    /// How long to wait for events before something is due.
    pub fn next_wakeup(&self, now: Now) -> Duration {
        let mut at = self.periodic_at;
        if let Some(d) = self.burst_deadline() {
            at = at.min(d);
        }
        if let Some(rotate) = self.rotation() {
            at = at.min(self.page_since + rotate);
        }
        at.saturating_sub(now.mono).min(until_midnight(now.local))
    }
}

/// Time until the next multiple of `every` on the local clock (the next
/// minute for 60 s).
fn next_periodic(every: Duration, local: DateTime) -> Duration {
    let every_ns = every.as_nanos().max(1);
    let t = local.time();
    let into_day = Duration::new(
        u64::from(t.hour() as u8) * 3600
            + u64::from(t.minute() as u8) * 60
            + u64::from(t.second() as u8),
        t.subsec_nanosecond().max(0) as u32,
    );
    let rest = every_ns - into_day.as_nanos() % every_ns;
    Duration::from_nanos(u64::try_from(rest).unwrap_or(u64::MAX))
}

/// Time until the next local midnight.
pub fn until_midnight(local: DateTime) -> Duration {
    let next = local
        .date()
        .tomorrow()
        .map(|d| d.to_datetime(jiff::civil::Time::midnight()));
    match next {
        Ok(next) => local
            .duration_until(next)
            .try_into()
            .unwrap_or(Duration::from_secs(60)),
        Err(_) => Duration::from_secs(60),
    }
}
