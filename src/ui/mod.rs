//! The interactive board (issue 3). Everything that loads or watches runs
//! here, in the event loop; drawing ([`draw`]) only reads the [`App`].

pub mod app;
pub mod draw;
pub mod keymap;
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
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEventKind, MouseEventKind,
};
use ratatui::crossterm::execute;

use jiff::civil::Date;

use crate::load::{LoadOptions, Plans, load, read_worktree};
use crate::repo::LoadError;
use app::{App, Snapshot};
use keymap::{Action, Keymap};
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
    let plans = load(&opts.load)?;
    let mut app = new_app(opts, plans);
    if let Some(base) = &opts.base {
        let review = review_against(&opts.load, &app.data.plans, base)?;
        app.data.set_review(Some(review));
        app.apply(Action::View(views::View::Changes));
    }
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

/// The changes from `base` to the loaded plans.
fn review_against(
    load_opts: &LoadOptions,
    plans: &Plans,
    base: &str,
) -> Result<views::changes::Review, LoadError> {
    let mut opts = load_opts.clone();
    opts.rev = Some(base.to_string());
    let old = load(&opts)?;
    let changes = crate::review::compare(&old.portfolio, &plans.portfolio);
    Ok(views::changes::Review::new(base.to_string(), changes))
}

/// `L`: the focused deliverable's history, from git (in the event loop).
fn load_history(app: &mut App, opts: &BoardOptions) {
    let Some(focus) = app.focus else { return };
    let p = &app.data.plans.portfolio;
    let target = crate::review::history::Target::Deliverable {
        program: p.programs[focus.program].id.clone(),
        id: p.deliverable(focus).id.clone(),
    };
    let found = app
        .data
        .plans
        .workspace
        .git("history")
        .map_err(|e| e.to_string())
        .and_then(|repo| {
            let start =
                crate::repo::resolve_commit(&repo, opts.load.rev.as_deref().unwrap_or("HEAD"))
                    .map_err(|e| e.to_string())?;
            let mut cache = crate::review::sides::BlobCache::default();
            crate::review::history::history(
                &repo,
                start,
                &app.data.plans.boards,
                &target,
                opts.load.max_file_size,
                &mut cache,
            )
            .map_err(|e| e.to_string())
        });
    let lines = match found {
        Ok(h) => crate::review::log::render_text(&h, &target)
            .lines()
            .map(str::to_string)
            .collect(),
        Err(e) => vec![format!("no history: {e}")],
    };
    app.history = Some((focus, lines));
    app.overlay = app::Overlay::Detail;
}

/// The app for loaded plans: keymap (with the user's file), colours.
pub fn new_app(opts: &BoardOptions, plans: Plans) -> App {
    let user = Keymap::user_file().and_then(|p| std::fs::read_to_string(p).ok());
    let (keymap, warnings) = Keymap::load(user.as_deref());
    let mut app = App::new(
        Snapshot::new(plans, opts.today),
        keymap,
        Theme::new(opts.color),
    );
    app.message = warnings.into_iter().next();
    app
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
    loop {
        if dirty {
            terminal.draw(|f| {
                app.page = f.area().height.saturating_sub(5) as usize;
                f.render_widget(&app, f.area());
            })?;
            dirty = false;
        }
        if app.quit {
            return Ok(());
        }
        // Block until something happens: no redraw without a reason.
        let wait = reload_at.map_or(Duration::from_secs(3600), |t| {
            t.saturating_duration_since(Instant::now())
        });
        match rx.recv_timeout(wait) {
            Ok(Msg::Term(ev)) => {
                let history = matches!(&ev, Event::Key(k) if k.kind != KeyEventKind::Release
                    && !app.search.editing && app.keymap.action(k) == Some(Action::History));
                dirty |= on_event(&mut app, ev, &mut reload_at);
                if history {
                    load_history(&mut app, opts);
                    dirty = true;
                }
            }
            Ok(Msg::Changed) => reload_at = Some(Instant::now() + DEBOUNCE),
            Ok(Msg::Series(program, series)) => {
                app.data.series.insert(program, series);
                dirty = app.view == views::View::Metrics;
            }
            Err(RecvTimeoutError::Timeout) => {
                if reload_at.take().is_some() {
                    let now = fingerprint(&app.data.plans);
                    if now != seen {
                        seen = now;
                        reload(&mut app, opts, &tx);
                        dirty = true;
                    }
                }
            }
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
    }
}

/// Handles one terminal event; true when the screen must be redrawn.
fn on_event(app: &mut App, ev: Event, reload_at: &mut Option<Instant>) -> bool {
    match ev {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            if app.search.editing {
                match key.code {
                    KeyCode::Char(c) if !key.modifiers.contains(event::KeyModifiers::CONTROL) => {
                        app.type_char(Some(c));
                        return true;
                    }
                    KeyCode::Backspace => {
                        app.type_char(None);
                        return true;
                    }
                    _ => {}
                }
            }
            match app.keymap.action(&key) {
                Some(Action::Reload) if !app.search.editing => {
                    *reload_at = Some(Instant::now());
                    app.message = Some("reloading…".to_string());
                }
                Some(action) => app.apply(action),
                None => return false,
            }
            true
        }
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => {
                app.apply(Action::Down);
                true
            }
            MouseEventKind::ScrollUp => {
                app.apply(Action::Up);
                true
            }
            MouseEventKind::Down(_) => {
                app.click(m.column, m.row);
                true
            }
            _ => false,
        },
        Event::Resize(..) => true,
        _ => false,
    }
}

fn reload(app: &mut App, opts: &BoardOptions, tx: &Sender<Msg>) {
    match load(&opts.load) {
        Ok(plans) => {
            spawn_series(&plans, tx.clone());
            let base = app.data.review.as_ref().map(|r| r.base.clone());
            let review = base.and_then(|b| review_against(&opts.load, &plans, &b).ok());
            let mut snapshot = Snapshot::new(plans, opts.today);
            snapshot.set_review(review);
            app.reload(snapshot);
            app.message = Some("reloaded".to_string());
        }
        // Keep showing what loaded last; say why the new one did not.
        Err(e) => app.message = Some(format!("reload failed: {e}")),
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
