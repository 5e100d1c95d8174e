//! The interactive board (issue 3). The [`App`] is pure state: actions in,
//! state and [`Effect`]s out. Everything that loads or watches runs here,
//! in the event loop, which runs the effects ([`effect::perform`]) and
//! feeds their outcomes back; drawing ([`draw`]) only reads the [`App`].
//! Reloads come from `r` and from the refresh engine shared with the
//! stand-up ([`crate::refresh`]): file events debounced (with a maximum
//! delay), a look every minute and at midnight, a reload only when the
//! plans or the day changed.

mod action;
mod app;
mod columns;
mod describe;
mod draw;
mod effect;
mod external_editor;
mod fit;
mod input;
mod keymap;
mod layout;
mod list;
mod loader;
mod options;
mod overlays;
mod paint;
mod plan_rows;
mod prompt;
mod review_mode;
mod selection;
mod snapshot;
mod theme;
mod view;
mod views;
mod weeks;
mod write_log;

/// For the tests in `tests/`, the benches and the examples, which drive the
/// board without a terminal: the parts of it they reach. Not an API.
#[doc(hidden)]
pub mod testing {
    pub use super::action::{Topic, ViewId};
    pub use super::app::{App, Overlay, Snapshot};
    pub use super::effect::{Context, Effect, ItemKey, MetricKey, perform};
    pub use super::keymap::{Action, actions};
    pub use super::loader::uncommitted;
    pub use super::prompt::Kind;
    pub use super::review_mode::Review;
    pub use super::selection::Selected;
    pub use super::theme::Theme;
    pub use super::views::mywork::{Part, Who};
    pub use super::views::timeline::Mode;
    pub use super::views::{ALL, Deliverables, MyWork, Timeline};
}

use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};

use ratatui::crossterm::event::{Event, MouseEventKind};

use jiff::civil::Date;

use crate::load::Plans;
use crate::refresh::schedule::{
    Clock, Command, Event as RefreshEvent, Scheduler, SystemClock, Timing,
};
use crate::refresh::watch::watch;
use crate::refresh::{Freshness, fingerprint};
use crate::repo::LoadError;
use crate::review::series_worker::SeriesWorker;
use crate::terminal::{Screen, TerminalSession};
use action::Action;
use app::{App, Snapshot};
use effect::Effect;
pub use keymap::Keymap;
use layout::FrameLayout;
pub use options::BoardOptions;
use theme::Theme;

/// What wakes the event loop.
pub(crate) enum Msg {
    Term(Event),
    /// A plan file or a git ref changed on disk (the shared watcher).
    Changed,
    /// Metric history for one program, computed off the UI thread.
    Series(
        String,
        std::collections::BTreeMap<String, crate::review::metric_series::Series>,
    ),
    /// An ending signal (SIGTERM, SIGHUP, SIGINT, SIGQUIT): quit as `q` does.
    Signal,
}

/// Why the board could not run (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum BoardError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("review {0}: write FROM..TO, e.g. main..HEAD")]
    BadRange(String),
    #[error("cannot draw on the terminal: {0}")]
    Terminal(#[from] std::io::Error),
}

/// `review FROM..TO` as the board's base and revision: as in git, `FROM..`
/// means `FROM..HEAD`; `FROM` alone compares with the working tree.
pub fn review_range(range: &str) -> Result<(String, Option<String>), BoardError> {
    let (from, to) = match range.split_once("..") {
        Some((from, "")) => (from, Some("HEAD")),
        Some((from, to)) => (from, Some(to)),
        None => (range, None),
    };
    if from.is_empty() {
        return Err(BoardError::BadRange(range.to_string()));
    }
    Ok((from.to_string(), to.map(str::to_string)))
}

/// Runs the board until the user quits (or a signal ends it: then the
/// program exits with 128 + the signal's number once the terminal is
/// restored, see [`crate::terminal`]). Everything that can fail on the
/// user's input fails before the terminal is touched.
pub fn run(opts: &BoardOptions) -> Result<(), BoardError> {
    let user_keymap = Keymap::user_file().and_then(|p| std::fs::read_to_string(p).ok());
    let app = open(opts, user_keymap.as_deref())?;
    let (tx, rx) = channel();
    let on_signal = tx.clone();
    let (mut terminal, session) = TerminalSession::start(true, move |_| {
        let _ = on_signal.send(Msg::Signal);
    })?;
    let result = event_loop(&mut terminal, app, opts, tx, rx);
    drop(terminal);
    session.end();
    result
}

/// The board as it opens, before any terminal: the plans loaded, the keys
/// (the defaults with `user_keymap`, the text of the user's keymap file,
/// laid over them), and with `--base` review mode on the Changes view.
pub fn open(opts: &BoardOptions, user_keymap: Option<&str>) -> Result<App, BoardError> {
    let (plans, files) = loader::load_plans(&opts.load, None)?;
    let snapshot = Snapshot::of(plans, files, opts.base.as_deref(), &opts.load, opts.today)?;
    let (keymap, warnings) = Keymap::load(user_keymap);
    let mut me = opts.me.clone();
    let named = [&me.flag, &me.env]
        .iter()
        .any(|v| v.as_deref().is_some_and(|s| !s.is_empty()));
    if !named && me.git_email.is_none() {
        me.git_email = crate::me::git_user_email(&snapshot.plans.workspace);
    }
    let mut app = App::new(snapshot, keymap, Theme::new(opts.color));
    app.editor = opts.editor.clone();
    app.set_me(me);
    if app.reviewing() {
        app.apply(Action::View(action::ViewId::CHANGES));
    }
    app.message = warnings.into_iter().next();
    Ok(app)
}

fn event_loop(
    terminal: &mut Screen,
    mut app: App,
    opts: &BoardOptions,
    tx: Sender<Msg>,
    rx: Receiver<Msg>,
) -> Result<(), BoardError> {
    let gate = input::InputGate::new();
    let term = tx.clone();
    input::spawn_input(move |ev| term.send(Msg::Term(ev)).is_ok(), gate.clone());
    let changed = tx.clone();
    let plans = &app.data.plans;
    let _watcher = watch(&plans.workspace, &plans.boards, move || {
        let _ = changed.send(Msg::Changed);
    });
    let series = series_worker(plans, tx.clone());
    let mut series_due = true;
    let clock = SystemClock::new();
    let mut sched = Scheduler::new(Timing::board(), clock.now());
    let mut fresh = Freshness::new(fixed_today(opts), fingerprint(plans), app.data.today());
    let mut dirty = true;
    let mut layout = FrameLayout::default();
    loop {
        if dirty {
            layout = draw(terminal, &mut app)?;
            dirty = false;
        }
        // What a reload replaced is freed once the new state is shown.
        drop(app.retired.take());
        // Metric history for the plans shown, asked for once what they
        // replaced is gone: its work does not add to a reload's peak.
        if std::mem::take(&mut series_due) {
            ask_series(series.as_ref(), &app.data.plans);
        }
        if app.quit {
            return Ok(());
        }
        // Block until something happens or a look at the plans is due: no
        // busy loop, no redraw without a reason.
        let (mut effects, event) = match rx.recv_timeout(sched.next_wakeup(clock.now())) {
            Ok(Msg::Term(ev)) => {
                let effects = on_event(&mut app, ev, &layout);
                dirty |= effects.is_some();
                (effects.unwrap_or_default(), RefreshEvent::Tick)
            }
            Ok(Msg::Changed) => (Vec::new(), RefreshEvent::PlansChanged),
            Ok(Msg::Series(program, series)) => {
                dirty |= app.series_loaded(program, series);
                (Vec::new(), RefreshEvent::Tick)
            }
            Ok(Msg::Signal) => return Ok(()),
            Err(RecvTimeoutError::Timeout) => (Vec::new(), RefreshEvent::Tick),
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        let now = clock.now();
        let look = sched.on_event(event, now).contains(&Command::Reload);
        if look
            && !effects.contains(&Effect::Reload)
            && fresh
                .due(fingerprint(&app.data.plans), now.local.date())
                .is_some()
        {
            effects.push(Effect::Reload);
        }
        if !effects.is_empty() {
            // "reloading…" or "loading history…" shows while the work runs.
            layout = draw(terminal, &mut app)?;
            let today = fresh.today(clock.now().local.date());
            for e in effects {
                match e {
                    Effect::OpenEditor { file, line } => {
                        let ran =
                            input::edit_file(terminal, &gate, opts.editor.as_deref(), &file, line);
                        let reload = [Effect::Reload];
                        run_effects(&mut app, &reload, opts, today, &mut fresh, &mut series_due);
                        app.receive(effect::Outcome::EditorClosed(ran));
                    }
                    e => run_effects(&mut app, &[e], opts, today, &mut fresh, &mut series_due),
                }
            }
            dirty = true;
        }
    }
}

/// Runs effects for the day `today` and feeds their outcomes to the App.
fn run_effects(
    app: &mut App,
    effects: &[Effect],
    opts: &BoardOptions,
    today: Date,
    fresh: &mut Freshness,
    series_due: &mut bool,
) {
    let cx = effect::Context { opts, today };
    for e in effects {
        // Taken before loading: a save during the load is seen next time.
        let before = (*e == Effect::Reload).then(|| fingerprint(&app.data.plans));
        let outcome = effect::perform(e, &app.data, &cx);
        if let effect::Outcome::Reloaded(_) = &outcome {
            *series_due = true;
            if let Some(seen) = before {
                fresh.loaded(seen, today);
            }
        }
        // A write's reload covers the write (and a commit's, HEAD moving):
        // the watcher's look at them finds nothing new.
        if let Some(effect::Fresh {
            data: Ok(_),
            fingerprint,
        }) = outcome.fresh()
        {
            *series_due = true;
            fresh.loaded(*fingerprint, today);
        }
        app.receive(outcome);
    }
}

/// `--today` pins the board to a day, as it does the stand-up display: a
/// today other than the clock's date. Otherwise the day follows the
/// clock, and the board reloads at midnight.
fn fixed_today(opts: &BoardOptions) -> Option<Date> {
    (opts.today != jiff::Zoned::now().date()).then_some(opts.today)
}

/// Draws a frame; its layout is kept for the clicks that follow, and the
/// rows of its list make a page (PgUp/PgDn).
fn draw(terminal: &mut Screen, app: &mut App) -> std::io::Result<FrameLayout> {
    let mut layout = FrameLayout::default();
    terminal.draw(|f| {
        layout = app.layout(f.area());
        draw::draw(app, &layout, f.buffer_mut());
    })?;
    if let Some(page) = layout.page() {
        app.page = page;
    }
    Ok(layout)
}

/// Handles one terminal event: `None` when nothing changed, else the
/// effects to run (often none) and a redraw.
fn on_event(app: &mut App, ev: Event, layout: &FrameLayout) -> Option<Vec<Effect>> {
    match ev {
        Event::Key(key) => app.key(&key),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(app.apply(Action::Down)),
            MouseEventKind::ScrollUp => Some(app.apply(Action::Up)),
            MouseEventKind::Down(_) => {
                app.click(m.column, m.row, layout);
                Some(Vec::new())
            }
            _ => None,
        },
        Event::Resize(..) => Some(Vec::new()),
        Event::Paste(text) => Some(app.paste(&text)),
        _ => None,
    }
}

/// Metric history for every program, off the UI thread for the session
/// (walked once, extended when HEAD moves), one message per program whose
/// series changed.
fn series_worker(plans: &Plans, tx: Sender<Msg>) -> Option<SeriesWorker> {
    let git_dir = plans.workspace.git_dir.clone()?;
    let limit = crate::load::DEFAULT_MAX_FILE_SIZE;
    Some(SeriesWorker::start(
        git_dir,
        plans.boards.clone(),
        limit,
        move |program, series| tx.send(Msg::Series(program, series)).is_ok(),
    ))
}

/// The series of the plans' programs, at HEAD as it is now.
fn ask_series(worker: Option<&SeriesWorker>, plans: &Plans) {
    if let Some(worker) = worker {
        worker.refresh(
            plans
                .portfolio
                .programs
                .iter()
                .map(|p| p.id.clone())
                .collect(),
        );
    }
}
