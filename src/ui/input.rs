//! The board's input: a thread reads the terminal's events and hands
//! them to the event loop, and stops reading while another program (the
//! editor) has the terminal, so that the keys typed there are its own.

use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use ratatui::crossterm::event::{self, Event};

use super::external_editor;
use crate::terminal::Screen;

/// The editor at a file's line, the terminal handed over to it and taken
/// back after; the input thread reads nothing meanwhile (the keys typed
/// are the editor's).
pub(super) fn edit_file(
    terminal: &mut Screen,
    gate: &InputGate,
    editor: Option<&str>,
    file: &std::path::Path,
    line: u32,
) -> Result<String, String> {
    let Some(editor) = editor else {
        return Err("none set: set $VISUAL or $EDITOR".to_string());
    };
    gate.pause();
    crate::terminal::suspend();
    let ran = external_editor::run(editor, file, line);
    let back = crate::terminal::resume(terminal);
    gate.resume();
    match back {
        Ok(()) => ran,
        Err(e) => Err(format!("the terminal could not be taken back: {e}")),
    }
}

/// Lets the event loop stop the input thread from reading while another
/// program (the editor) has the terminal.
#[derive(Clone)]
pub(super) struct InputGate {
    state: Arc<(Mutex<Gate>, Condvar)>,
}

#[derive(Default)]
struct Gate {
    paused: bool,
    /// The input thread is waiting (not reading).
    parked: bool,
}

impl InputGate {
    pub(super) fn new() -> InputGate {
        InputGate {
            state: Arc::new(Default::default()),
        }
    }

    /// Returns once the input thread has stopped reading (or after a
    /// second, should it have ended).
    fn pause(&self) {
        let (lock, cv) = &*self.state;
        let Ok(mut g) = lock.lock() else { return };
        g.paused = true;
        let deadline = std::time::Instant::now() + Duration::from_secs(1);
        while !g.parked {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                return;
            }
            match cv.wait_timeout(g, left) {
                Ok((next, _)) => g = next,
                Err(_) => return,
            }
        }
    }

    fn resume(&self) {
        let (lock, cv) = &*self.state;
        if let Ok(mut g) = lock.lock() {
            g.paused = false;
        }
        cv.notify_all();
    }

    /// Waits while paused (on the input thread).
    fn wait_open(&self) {
        let (lock, cv) = &*self.state;
        let Ok(mut g) = lock.lock() else { return };
        while g.paused {
            g.parked = true;
            cv.notify_all();
            match cv.wait(g) {
                Ok(next) => g = next,
                Err(_) => return,
            }
        }
        g.parked = false;
    }
}

/// Reads terminal events and hands each to `send`, until it returns false
/// (the event loop is gone). It polls with a short timeout rather than
/// blocking on a read, so that it can stop reading while the editor has
/// the terminal ([`InputGate`]).
pub(super) fn spawn_input(send: impl Fn(Event) -> bool + Send + 'static, gate: InputGate) {
    std::thread::spawn(move || {
        loop {
            gate.wait_open();
            match event::poll(Duration::from_millis(100)) {
                Ok(false) => continue,
                Ok(true) => {}
                Err(_) => break,
            }
            let Ok(ev) = event::read() else { break };
            if !send(ev) {
                break;
            }
        }
    });
}
