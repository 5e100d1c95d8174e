//! Colours and marks. Meaning is always carried by a text mark too, so the
//! board reads the same in monochrome (`NO_COLOR`, `--color never`).
//! Only the 16 named ANSI colours: terminals map them to what is readable
//! on their own background, dark or light.

use ratatui::style::{Color, Modifier, Style};

use crate::derive::Marks;
use crate::model::{Ring, Status};

#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn new(color: bool) -> Theme {
        Theme { color }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().add_modifier(Modifier::DIM)
        } else {
            Style::new()
        }
    }

    /// Selection stays visible without colour: reversed.
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn tab_active(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)
    }

    pub fn ring(&self, ring: Option<Ring>) -> Style {
        match ring {
            Some(Ring::Core) => self.fg(Color::Cyan),
            Some(Ring::Extended) => self.fg(Color::Blue),
            Some(Ring::Partner) => self.fg(Color::Magenta),
            None => self.fg(Color::Red),
        }
        .add_modifier(Modifier::BOLD)
    }

    /// The style of a deliverable's worst state.
    pub fn marks(&self, m: &Marks) -> Style {
        match m.severity() {
            5 | 4 => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            3 => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            2 => self.fg(Color::Yellow),
            1 => self.fg(Color::Cyan),
            _ => Style::new(),
        }
    }

    pub fn status(&self, s: Status) -> Style {
        match s {
            Status::Done => self.fg(Color::Green),
            Status::Dropped => self.dim().add_modifier(Modifier::CROSSED_OUT),
            Status::Blocked => self.fg(Color::Red),
            _ => Style::new(),
        }
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn warning(&self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn good(&self) -> Style {
        self.fg(Color::Green)
    }
}

/// The worst state as a short word (ASCII: no ambiguous-width symbols).
pub fn mark(m: &Marks) -> &'static str {
    match m.severity() {
        5 => "LATE",
        4 => "BLOCKED",
        3 => "RISK",
        2 => "WAIT",
        1 => "SOON",
        _ => "",
    }
}

/// A status as a fixed-width glyph for tables.
pub fn status_glyph(s: Status) -> &'static str {
    match s {
        Status::Todo => "[ ]",
        Status::Doing => "[>]",
        Status::Review => "[?]",
        Status::Blocked => "[!]",
        Status::Done => "[x]",
        Status::Dropped => "[-]",
    }
}
