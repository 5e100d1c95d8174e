//! Timeline: where the work falls in time, in three modes cycled with
//! `t`: the load of each person, the load of each program (weeks across,
//! open deliverables counted per week: [`load`]), and the plan (a bar per
//! deliverable, its slip past due drawn to its forecast: [`plan`]). Enter
//! on a load row lists its open work in the Deliverables view; on a plan
//! row it opens the item.

mod load;
mod plan;
mod state;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::ui::action::{Action, Topic::*, ViewId};
use crate::ui::list::ListLayout;
use crate::ui::selection::Selected;
use crate::ui::view::{Reply, Shared, View, ViewKind};

pub use state::{Mode, Timeline};

impl ViewId {
    pub const TIMELINE: ViewId = ViewId::new("timeline");
}

pub(crate) static KIND: ViewKind = ViewKind {
    id: ViewId::TIMELINE,
    name: "Timeline",
    help: "Timeline view",
    takes: &[Move, Scroll, Group, Details],
    review_only: false,
    make: || Box::new(Timeline::default()),
};

impl View for Timeline {
    fn kind(&self) -> &'static ViewKind {
        &KIND
    }

    fn cursor(&self) -> usize {
        self.cursor
    }

    fn set_cursor(&mut self, at: usize) {
        self.cursor = at;
    }

    fn keys(&self, s: &Shared) -> Vec<Selected> {
        match self.mode {
            Mode::Plan => plan::keys(s.data),
            _ => self.rows(s.data).iter().map(|r| r.key.clone()).collect(),
        }
    }

    fn len(&self, s: &Shared) -> usize {
        match self.mode {
            Mode::Plan => s.data.plan().rows.len(),
            _ => self.rows(s.data).len(),
        }
    }

    /// In the plan the selection is a deliverable: the board's focus (the
    /// details, the edit keys) follows it.
    fn sets_focus(&self) -> bool {
        self.mode == Mode::Plan
    }

    /// h/l scroll the weeks, `t` groups by person or by program, Enter
    /// lists the row's open work in the Deliverables view.
    fn act(&mut self, a: Action, s: &Shared) -> Reply {
        match a {
            // Bounded: about a century either way, far inside jiff's range.
            Action::Left => self.shift = (self.shift - 1).max(-load::MAX_SHIFT),
            Action::Right => self.shift = (self.shift + 1).min(load::MAX_SHIFT),
            Action::Group => {
                self.mode = self.mode.next();
                self.cursor = 0;
            }
            // The plan: Enter opens the item, as in every list.
            Action::Open if self.mode == Mode::Plan => return Reply::Pass,
            Action::Open => {
                return match self.selected(s.data) {
                    Some(row) => Reply::Show {
                        view: ViewId::DELIVERABLES,
                        of: row.key.clone(),
                        said: format!("open work of {} (Esc clears the filters)", row.label),
                    },
                    None => Reply::Say("details: no row selected".to_string()),
                };
            }
            _ => return Reply::Pass,
        }
        Reply::Done
    }

    /// The rows: below the title, the weeks, the milestones and their legend.
    fn list(&self, s: &Shared, body: Rect) -> Option<ListLayout> {
        if self.mode == Mode::Plan {
            return plan::list(self, s, body);
        }
        let head = load::head(self, s.data, body.width);
        if (body.width as usize) < load::LABEL_W + load::EARLIER_W + load::CELL_W {
            return None;
        }
        ListLayout::below(body, head, self.cursor, self.rows(s.data).len())
    }

    fn draw_list(&self, s: &Shared, area: Rect, list: &ListLayout, buf: &mut Buffer) {
        match self.mode {
            Mode::Plan => plan::draw(self, s, area, list, buf),
            _ => load::draw(self, s.data, s.theme, area, list, buf),
        }
    }
}
