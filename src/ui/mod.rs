//! The interactive board (issue 3). The [`App`] is pure state: actions in,
//! state and [`Effect`]s out. Everything that loads or watches runs here,
//! in the event loop, which runs the effects ([`effect::perform`]) and
//! feeds their outcomes back; drawing ([`draw`]) only reads the [`App`].

pub mod app;
pub mod draw;
pub mod effect;
pub mod keymap;
pub mod layout;
pub mod list;
pub mod snapshot;
pub mod text;
pub mod theme;
pub mod views;

use std::hash::{Hash, Hasher};
use std::sync::mpsc::{RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, MouseEventKind,
};
use ratatui::crossterm::execute;

use jiff::civil::Date;

use crate::load::{LoadOptions, Plans, load, read_worktree};
use crate::repo::LoadError;
use app::{App, Snapshot};
use effect::Effect;
use keymap::{Action, Keymap};
use layout::FrameLayout;
use theme::Theme;

/// What wakes the event loop.
enum Msg {
    Term(Event),
    /// A plan file or a git ref changed on disk.
    Changed,
    /// Metric history for one program, computed off the UI thread.
    Series(
        String,
        std::collections::BTreeMap<String, crate::review::metric_series::Series>,
    ),
}

/// Saves are debounced: editors write several times per save.
const DEBOUNCE: Duration = Duration::from_millis(300);

/// What the board shows, and how.
#[derive(Clone, Debug)]
pub struct BoardOptions {
    pub load: LoadOptions,
    pub today: Date,
    pub color: bool,
    /// Review mode: every change against this revision is marked.
    pub base: Option<String>,
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

/// Runs the board until the user quits. Everything that can fail on the
/// user's input fails before the terminal is touched.
pub fn run(opts: &BoardOptions) -> Result<(), BoardError> {
    let user_keymap = Keymap::user_file().and_then(|p| std::fs::read_to_string(p).ok());
    let app = open(opts, user_keymap.as_deref())?;
    let mut terminal = ratatui::init();
    // ratatui's panic hook restores the screen; mouse capture is ours to undo.
    let restore_screen = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        restore_screen(info);
    }));
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    let result = event_loop(&mut terminal, app, opts);
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

/// The board as it opens, before any terminal: the plans loaded, the keys
/// (the defaults with `user_keymap`, the text of the user's keymap file,
/// laid over them), and with `--base` review mode on the Changes view.
pub fn open(opts: &BoardOptions, user_keymap: Option<&str>) -> Result<App, BoardError> {
    let plans = load(&opts.load)?;
    let review = match &opts.base {
        Some(base) => Some(effect::review_against(&opts.load, &plans, base)?),
        None => None,
    };
    let (keymap, warnings) = Keymap::load(user_keymap);
    let mut snapshot = Snapshot::new(plans, opts.today);
    snapshot.set_review(review);
    let mut app = App::new(snapshot, keymap, Theme::new(opts.color));
    if app.reviewing() {
        app.apply(Action::View(views::View::Changes));
    }
    app.message = warnings.into_iter().next();
    Ok(app)
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    mut app: App,
    opts: &BoardOptions,
) -> Result<(), BoardError> {
    let (tx, rx) = channel();
    spawn_input(tx.clone());
    let _watcher = watch(&app.data.plans, tx.clone());
    spawn_series(&app.data.plans, tx.clone());
    let mut seen = fingerprint(&app.data.plans);
    let mut reload_at: Option<Instant> = None;
    let mut dirty = true;
    let mut layout = FrameLayout::default();
    loop {
        if dirty {
            layout = draw(terminal, &mut app)?;
            dirty = false;
        }
        if app.quit {
            return Ok(());
        }
        // Block until something happens: no redraw without a reason.
        let wait = reload_at.map_or(Duration::from_secs(3600), |t| {
            t.saturating_duration_since(Instant::now())
        });
        let effects = match rx.recv_timeout(wait) {
            Ok(Msg::Term(ev)) => match on_event(&mut app, ev, &layout) {
                Some(effects) => {
                    dirty = true;
                    effects
                }
                None => Vec::new(),
            },
            Ok(Msg::Changed) => {
                reload_at = Some(Instant::now() + DEBOUNCE);
                Vec::new()
            }
            Ok(Msg::Series(program, series)) => {
                app.data.series.insert(program, series);
                dirty = app.view == views::View::Metrics;
                Vec::new()
            }
            Err(RecvTimeoutError::Timeout) => {
                let changed = reload_at.take().is_some() && fingerprint(&app.data.plans) != seen;
                if changed {
                    vec![Effect::Reload]
                } else {
                    Vec::new()
                }
            }
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        if !effects.is_empty() {
            // "reloading…" or "loading history…" shows while the work runs.
            layout = draw(terminal, &mut app)?;
            let cx = effect::Context {
                opts,
                today: opts.today,
            };
            for e in &effects {
                if *e == Effect::Reload {
                    seen = fingerprint(&app.data.plans);
                }
                let outcome = effect::perform(e, &app.data, &cx);
                if let effect::Outcome::Reloaded(data) = &outcome {
                    spawn_series(&data.plans, tx.clone());
                }
                app.receive(outcome);
            }
            dirty = true;
        }
    }
}

/// Draws a frame; its layout is kept for the clicks that follow, and the
/// rows of its list make a page (PgUp/PgDn).
fn draw(terminal: &mut DefaultTerminal, app: &mut App) -> std::io::Result<FrameLayout> {
    let mut layout = FrameLayout::default();
    terminal.draw(|f| {
        layout = FrameLayout::new(app, f.area());
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
        _ => None,
    }
}

/// Content of the plan files and HEAD: a reload happens only when it changed.
fn fingerprint(plans: &Plans) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    if let Ok(files) = read_worktree(&plans.workspace.root, &plans.boards, u64::MAX) {
        for f in files {
            f.path.hash(&mut h);
            f.content.ok().hash(&mut h);
        }
    }
    if let Ok(repo) = plans.workspace.git("watching") {
        repo.head()
            .ok()
            .and_then(|r| r.target())
            .map(|o| o.to_string())
            .hash(&mut h);
    }
    h.finish()
}

fn spawn_input(tx: Sender<Msg>) {
    std::thread::spawn(move || {
        while let Ok(ev) = event::read() {
            if tx.send(Msg::Term(ev)).is_err() {
                break;
            }
        }
    });
}

/// Watches the boards folder (recursively) and the git refs: git replaces
/// refs by renaming `*.lock` files, so the folders are watched, not files.
fn watch(plans: &Plans, tx: Sender<Msg>) -> Option<notify::RecommendedWatcher> {
    use notify::{EventKind, RecursiveMode, Watcher};
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(ev) = res else { return };
        let relevant = !matches!(ev.kind, EventKind::Access(_))
            && ev
                .paths
                .iter()
                .any(|p| p.extension().is_none_or(|e| e != "lock"));
        if relevant {
            let _ = tx.send(Msg::Changed);
        }
    })
    .ok()?;
    let root = &plans.workspace.root;
    let _ = watcher.watch(&root.join(&plans.boards), RecursiveMode::Recursive);
    if let Some(git) = &plans.workspace.git_dir {
        let _ = watcher.watch(git, RecursiveMode::NonRecursive);
        let _ = watcher.watch(&git.join("refs"), RecursiveMode::Recursive);
    }
    Some(watcher)
}

/// Metric history for every program, off the UI thread, one message each.
fn spawn_series(plans: &Plans, tx: Sender<Msg>) {
    let Some(git_dir) = plans.workspace.git_dir.clone() else {
        return;
    };
    let boards = plans.boards.clone();
    let ids: Vec<String> = plans
        .portfolio
        .programs
        .iter()
        .map(|p| p.id.clone())
        .collect();
    std::thread::spawn(move || {
        let Ok(repo) = git2::Repository::open(&git_dir) else {
            return;
        };
        let Some(head) = repo.head().ok().and_then(|h| h.target()) else {
            return;
        };
        for id in ids {
            let limit = crate::load::DEFAULT_MAX_FILE_SIZE;
            if let Ok(series) =
                crate::review::metric_series::metric_series(&repo, &boards, head, &id, limit)
                && tx.send(Msg::Series(id, series)).is_err()
            {
                break;
            }
        }
    });
}
