//! The full-screen stand-up display: the only terminal code of the stand-up.
//! Events (keys, file changes from the shared watcher) arrive on one
//! channel; the loop blocks on it until the shared scheduler's next
//! wake-up ([`crate::refresh`]), so an idle display uses no CPU.

use std::sync::mpsc::{self, RecvTimeoutError, Sender};

use ratatui::crossterm::event::{self, Event as TermEvent, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line as TLine, Span as TSpan};
use ratatui::widgets::Paragraph;

use super::render::{Line, Tone, header, layout, paginate, wrap};
use super::state::Standup;
use super::{DisplayOptions, StandupError};
use crate::refresh::schedule::{Clock, Command, Event, Scheduler, SystemClock, Timing};
use crate::refresh::watch::watch;

/// Runs until `q` (or Ctrl-C, or an ending signal). The terminal is
/// restored on every way out, a panic or a signal included
/// ([`crate::terminal`]).
pub fn run(mut standup: Standup, opts: DisplayOptions) -> Result<(), StandupError> {
    let (tx, rx) = mpsc::channel();
    let changed = tx.clone();
    let loader = &standup.loader;
    let _watcher = watch(&loader.workspace, &loader.boards, move || {
        let _ = changed.send(Event::PlansChanged);
    });
    let on_signal = tx.clone();
    std::thread::spawn(move || read_keys(tx));
    let (mut terminal, session) = crate::terminal::TerminalSession::start(false, move |_| {
        let _ = on_signal.send(Event::Quit);
    })?;
    let clock = SystemClock::new();
    let mut sched = Scheduler::new(Timing::new(opts.rotate), clock.now());
    let mut cmds = sched.start();
    let mut error: Option<String> = None;
    let mut frames = Frames::default();
    let mut fatal: Option<std::io::Error> = None;
    loop {
        let mut quit = false;
        for c in cmds {
            match c {
                Command::Reload => {
                    let now = clock.now();
                    let today = opts.fixed_today.unwrap_or(now.local.date());
                    let time = now.local.strftime("%H:%M").to_string();
                    error = standup
                        .refresh(today, Some(time))
                        .err()
                        .map(|e| e.to_string());
                }
                Command::Redraw => {
                    let drawn = terminal.draw(|f| {
                        let area = f.area();
                        let (lines, pages) = frames.lines(
                            &standup,
                            error.as_deref(),
                            sched.page(),
                            area,
                            opts.color,
                        );
                        sched.set_pages(pages, clock.now());
                        f.render_widget(Paragraph::new(lines), area);
                    });
                    if let Err(e) = drawn {
                        fatal = Some(e);
                        quit = true;
                    }
                }
                Command::NextPage => {}
                Command::Quit => quit = true,
            }
        }
        if quit {
            break;
        }
        let wait = sched.next_wakeup(clock.now());
        let ev = match rx.recv_timeout(wait) {
            Ok(ev) => ev,
            Err(RecvTimeoutError::Timeout) => Event::Tick,
            // The key reader is gone (no terminal input): keep going on ticks.
            Err(RecvTimeoutError::Disconnected) => {
                std::thread::sleep(wait);
                Event::Tick
            }
        };
        cmds = sched.on_event(ev, clock.now());
    }
    session.end();
    fatal.map_or(Ok(()), |e| Err(StandupError::Terminal(e)))
}

/// The screen pages of the current page body, kept until the page is
/// rebuilt or the terminal resized: rotating pages costs no re-layout.
#[derive(Default)]
pub struct Frames {
    key: Option<(u64, usize, usize)>,
    pages: Vec<Vec<Line>>,
}

impl Frames {
    /// Rows with the screen's styles (colour only when `color`).
    pub fn styled(rows: &[Line], width: usize, color: bool) -> Vec<TLine<'static>> {
        to_tlines(rows, width, color)
    }

    /// The rows to draw for screen page `index` and how many pages there are.
    pub fn lines(
        &mut self,
        standup: &Standup,
        error: Option<&str>,
        index: usize,
        area: Rect,
        color: bool,
    ) -> (Vec<TLine<'static>>, usize) {
        let width = area.width as usize;
        let height = area.height as usize;
        let Some(page) = standup.page() else {
            let msg = error.unwrap_or("loading…");
            let rows = vec![
                vec![span("STAND-UP", Tone::Title)],
                vec![span(&format!("WARNING: {msg}"), Tone::Warning)],
            ];
            return (to_tlines(&rows, width, color), 1);
        };
        let mut head = header(page);
        if let (Some(e), Some(second)) = (error, head.get_mut(1)) {
            second.push(span(&format!("   WARNING: {e}"), Tone::Warning));
        }
        let head_rows: usize = head.iter().map(|h| wrap(h, width).len()).sum::<usize>() + 1;
        if height < head_rows + 4 || width < 20 {
            return (
                vec![TLine::from("window too small for the stand-up page")],
                1,
            );
        }
        let key = (standup.generation(), width, height - head_rows);
        if self.key != Some(key) {
            // Replaced, not appended: one page body's worth of rows at most.
            self.pages = paginate(&layout(page), width, height - head_rows);
            self.key = Some(key);
        }
        let n = self.pages.len();
        let current = index.min(n.saturating_sub(1));
        if n > 1
            && let Some(first) = head.first_mut()
        {
            first.push(span(&format!("   page {}/{n}", current + 1), Tone::Title));
        }
        let mut rows = to_tlines(&head, width, color);
        rows.push(TLine::default());
        if let Some(body) = self.pages.get(current) {
            rows.extend(to_tlines(body, width, color));
        }
        (rows, n)
    }
}

fn span(text: &str, tone: Tone) -> super::render::Span {
    super::render::Span {
        text: text.to_string(),
        tone,
    }
}

fn to_tlines(rows: &[Line], width: usize, color: bool) -> Vec<TLine<'static>> {
    rows.iter()
        .flat_map(|r| wrap(r, width))
        .map(|r| {
            TLine::from(
                r.into_iter()
                    .map(|s| TSpan::styled(s.text, style(s.tone, color)))
                    .collect::<Vec<_>>(),
            )
        })
        .collect()
}

/// Bold, high-contrast marks; without colour the marks stay readable by
/// their words and reverse video.
fn style(tone: Tone, color: bool) -> Style {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mark = |fg: Color, bg: Color| {
        if color {
            bold.fg(fg).bg(bg)
        } else {
            bold.add_modifier(Modifier::REVERSED)
        }
    };
    match tone {
        Tone::Plain => Style::new(),
        Tone::Title => bold,
        Tone::Heading => bold.add_modifier(Modifier::UNDERLINED),
        Tone::Person => bold,
        Tone::Late => mark(Color::White, Color::Red),
        Tone::Blocked => mark(Color::White, Color::Magenta),
        Tone::Waiting => mark(Color::Black, Color::Yellow),
        Tone::DueSoon => mark(Color::Black, Color::Cyan),
        Tone::Changed => mark(Color::Black, Color::Green),
        Tone::Warning => mark(Color::Black, Color::Yellow),
        Tone::Dim if color => Style::new().fg(Color::Gray),
        Tone::Dim => Style::new(),
    }
}

/// Forwards `q`, Ctrl-C and resizes; other keys are ignored.
fn read_keys(tx: Sender<Event>) {
    while let Ok(ev) = event::read() {
        let out = match ev {
            TermEvent::Key(k) if k.kind != KeyEventKind::Release => match k.code {
                KeyCode::Char('q') | KeyCode::Char('Q') => Some(Event::Quit),
                KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    Some(Event::Quit)
                }
                _ => None,
            },
            TermEvent::Resize(..) => Some(Event::Resize),
            _ => None,
        };
        if let Some(e) = out
            && tx.send(e).is_err()
        {
            break;
        }
    }
}
