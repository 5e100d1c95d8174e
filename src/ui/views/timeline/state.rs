//! The Timeline's own state: its mode, selection and scroll.

use crate::ui::snapshot::Snapshot;
use crate::ui::weeks::Row;

/// What the Timeline shows; `t` goes to the next.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Open deliverables per person and week.
    #[default]
    People,
    /// Open deliverables per program and week.
    Programs,
    /// A bar per deliverable, by program: the plan and its forecast.
    Plan,
}

impl Mode {
    pub fn next(self) -> Mode {
        match self {
            Mode::People => Mode::Programs,
            Mode::Programs => Mode::Plan,
            Mode::Plan => Mode::People,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Timeline {
    /// The selected row.
    pub cursor: usize,
    /// Weeks scrolled from the default start (a week before today).
    pub shift: i32,
    pub mode: Mode,
}

impl Timeline {
    /// The rows shown: by person, or by program.
    pub fn rows<'a>(&self, data: &'a Snapshot) -> &'a [Row] {
        if self.mode == Mode::Programs {
            &data.timeline.by_program
        } else {
            &data.timeline.by_person
        }
    }

    /// The selected row, if any.
    pub fn selected<'a>(&self, data: &'a Snapshot) -> Option<&'a Row> {
        self.rows(data).get(self.cursor)
    }
}
