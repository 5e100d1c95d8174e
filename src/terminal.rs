//! The terminal of the full-screen displays, the board and the stand-up:
//! raw mode, the alternate screen, mouse reporting, the panic hook and the
//! signals that end a program, set up and restored in this one place, so
//! that every way out (quitting, an error, a panic, a signal) leaves the
//! terminal as it was.
//!
//! Signals: SIGTERM, SIGHUP, SIGINT and SIGQUIT still arrive in raw mode
//! (from `kill`, a closed terminal, systemd). Nothing of ours runs in the
//! signal handler: signal-hook's handler only writes to a pipe, and a
//! thread reading it hands the signal to the display's `on_signal`, which
//! wakes its event loop to quit the way `q` does. [`TerminalSession::end`] then
//! restores the terminal and exits with 128 + the signal number, the status
//! a shell reports for a program a signal ended. A second signal before
//! the loop has ended (a long reload) restores the terminal and exits from
//! that thread at once.

use std::io::{self, Stdout};
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::{Arc, Once};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::{Handle, Signals};

/// The signals that end a display.
pub(crate) const SIGNALS: [i32; 4] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT];

/// Whether the terminal is set up (raw, alternate screen): restoring
/// happens once, whoever gets there first.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Whether mouse reporting was turned on, to turn it off again.
static MOUSE: AtomicBool = AtomicBool::new(false);
static PANIC_HOOK: Once = Once::new();

/// The terminal a display draws on, while it lasts.
pub(crate) type Screen = Terminal<CrosstermBackend<Stdout>>;

/// A display's hold on the terminal; restores it when ended or dropped.
pub(crate) struct TerminalSession {
    signals: Option<Handle>,
    /// The signal that ended the display, 0 for none.
    signal: Arc<AtomicI32>,
}

impl TerminalSession {
    /// Raw mode, the alternate screen, mouse reporting when `mouse`, a
    /// panic hook that restores the terminal, and the ending signals
    /// handed to `on_signal` (on a thread of ours, never in the handler).
    pub(crate) fn start(
        mouse: bool,
        on_signal: impl Fn(i32) + Send + 'static,
    ) -> io::Result<(Screen, TerminalSession)> {
        PANIC_HOOK.call_once(|| {
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                restore();
                previous(info);
            }));
        });
        let signal = Arc::new(AtomicI32::new(0));
        // Signals first: one that arrives while the screen is being set up
        // is still seen.
        let signals = watch_signals(signal.clone(), on_signal)?;
        let session = TerminalSession {
            signals: Some(signals),
            signal,
        };
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        MOUSE.store(mouse, Ordering::SeqCst);
        let mut out = io::stdout();
        // Bracketed paste: a pasted text arrives whole, not as keys (a
        // pasted newline would be Enter, and the rest commands).
        execute!(out, EnterAlternateScreen, EnableBracketedPaste)?;
        if mouse {
            execute!(out, EnableMouseCapture)?;
        }
        let screen = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        Ok((screen, session))
    }

    /// The signal that ended the display, if one did.
    pub(crate) fn signal(&self) -> Option<i32> {
        Some(self.signal.load(Ordering::SeqCst)).filter(|&s| s != 0)
    }

    /// Restores the terminal. After a signal, the program ends here with
    /// 128 + its number.
    pub(crate) fn end(mut self) {
        self.stop_signals();
        restore();
        if let Some(sig) = self.signal() {
            std::process::exit(128 + sig);
        }
    }

    fn stop_signals(&mut self) {
        if let Some(handle) = self.signals.take() {
            handle.close();
        }
    }
}

impl Drop for TerminalSession {
    fn drop(&mut self) {
        self.stop_signals();
        restore();
    }
}

/// Leaves the terminal as it was: mouse reporting off, the alternate screen
/// left, the cursor shown, raw mode off. Once; later calls do nothing.
pub(crate) fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    if MOUSE.swap(false, Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(out, DisableBracketedPaste, LeaveAlternateScreen, Show);
    let _ = disable_raw_mode();
}

/// Whether mouse reporting was on when the terminal was suspended.
static SUSPENDED_MOUSE: AtomicBool = AtomicBool::new(false);

/// Hands the terminal to another program (the board's editor key): left
/// as [`restore`] leaves it, until [`resume`]. A signal meanwhile ends
/// the program as usual (there is nothing left to restore).
pub(crate) fn suspend() {
    SUSPENDED_MOUSE.store(MOUSE.load(Ordering::SeqCst), Ordering::SeqCst);
    restore();
}

/// Takes the terminal back after [`suspend`]: raw mode, the alternate
/// screen, mouse reporting as it was; the screen is cleared and the next
/// frame drawn whole. (Not `Terminal::clear`: it asks the terminal where
/// the cursor is, an answer that may never come.)
pub(crate) fn resume(screen: &mut Screen) -> io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = io::stdout();
    execute!(
        out,
        EnterAlternateScreen,
        EnableBracketedPaste,
        Clear(ClearType::All)
    )?;
    if SUSPENDED_MOUSE.load(Ordering::SeqCst) {
        execute!(out, EnableMouseCapture)?;
        MOUSE.store(true, Ordering::SeqCst);
    }
    // The frame last drawn is forgotten: the next one is drawn whole.
    screen.swap_buffers();
    Ok(())
}

/// A thread that reads the ending signals: the first is recorded and handed
/// to `on_signal`; a second one ends the program at once, restored.
fn watch_signals(
    seen: Arc<AtomicI32>,
    on_signal: impl Fn(i32) + Send + 'static,
) -> io::Result<Handle> {
    let mut signals = Signals::new(SIGNALS)?;
    let handle = signals.handle();
    std::thread::spawn(move || {
        for sig in signals.forever() {
            if seen.swap(sig, Ordering::SeqCst) != 0 {
                restore();
                std::process::exit(128 + sig);
            }
            on_signal(sig);
        }
    });
    Ok(handle)
}
