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

    /// The style of a deliverable's worst state, the forecast's slip
    /// included.
    pub fn mark(&self, m: &Mark) -> Style {
        match m.severity() {
            4 => self.fg(Color::Magenta).add_modifier(Modifier::BOLD),
            _ => self.marks(&m.marks),
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

/// What the board marks on a deliverable: its derived state and its
/// forecast's slip (days past due, 0 on plan; see [`crate::forecast`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mark {
    pub marks: Marks,
    pub slip: i32,
}

impl Mark {
    /// Slipping: open and forecast past its due date.
    pub fn slipping(&self) -> bool {
        self.marks.open && self.slip > 0
    }

    /// How much attention it needs: late > blocked > slipping > at risk >
    /// waiting > due soon (a late item slips too: it reads LATE).
    pub fn severity(&self) -> u8 {
        match self.marks.severity() {
            5 => 6,
            4 => 5,
            _ if self.slipping() => 4,
            n => n,
        }
    }

    /// The worst state as a short word: `LATE`, `BLOCKED`, `SLIP +6d`,
    /// `RISK`, `WAIT`, `SOON`, or nothing.
    pub fn word(&self) -> String {
        match self.severity() {
            4 => format!("SLIP +{}d", self.slip),
            _ => mark(&self.marks).to_string(),
        }
    }
}

/// The worst state of the derived marks as a short word (ASCII: no
/// ambiguous-width symbols); the board shows [`Mark::word`], which knows
/// the forecast too.
pub(super) fn mark(m: &Marks) -> &'static str {
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
pub(super) fn status_glyph(s: Status) -> &'static str {
    match s {
        Status::Todo => "[ ]",
        Status::Doing => "[>]",
        Status::Review => "[?]",
        Status::Blocked => "[!]",
        Status::Done => "[x]",
        Status::Dropped => "[-]",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slip_marks_below_late_and_blocked_and_above_the_rest() {
        let open = Marks {
            open: true,
            ..Marks::default()
        };
        let slip = |marks: Marks, slip| Mark { marks, slip }.word();
        assert_eq!(slip(open, 6), "SLIP +6d");
        assert_eq!(slip(open, 0), "");
        let late = Marks {
            late: true,
            days_late: 3,
            ..open
        };
        assert_eq!(
            slip(late, 3),
            "LATE",
            "a late item slips too: it reads LATE"
        );
        let blocked = Marks {
            blocked: true,
            ..open
        };
        assert_eq!(slip(blocked, 2), "BLOCKED");
        let risk = Marks {
            at_risk: true,
            ..open
        };
        assert_eq!(slip(risk, 2), "SLIP +2d");
        assert_eq!(slip(risk, 0), "RISK");
        let done = Marks::default();
        assert_eq!(slip(done, 4), "", "done work does not slip");
    }
}
