//! Metrics, in two modes cycled with `t`: by program (each program's
//! metrics, actual against target as a bar with a pace marker, in words
//! how it stands, owner, history) and by measure (each metric id two
//! programs or more use, side by side, with their total): the same
//! measure across programs, measured the same way.

mod draw;
mod rows;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::ui::action::{Action, Topic::*, ViewId};
use crate::ui::list::{ListLayout, seek};
use crate::ui::selection::Selected;
use crate::ui::view::{Reply, Shared, View, ViewKind};

pub(crate) use rows::Mode;

impl ViewId {
    pub const METRICS: ViewId = ViewId::new("metrics");
}

pub(crate) static KIND: ViewKind = ViewKind {
    id: ViewId::METRICS,
    name: "Metrics",
    help: "Metrics view",
    takes: &[Move, Search, Group, Details, Metric],
    review_only: false,
    make: || Box::new(Metrics::default()),
};

#[derive(Clone, Debug, Default)]
pub(crate) struct Metrics {
    /// Index into the rows of the mode shown.
    pub cursor: usize,
    pub mode: Mode,
}

impl View for Metrics {
    fn kind(&self) -> &'static ViewKind {
        &KIND
    }

    fn cursor(&self) -> usize {
        self.cursor
    }

    fn set_cursor(&mut self, at: usize) {
        self.cursor = at;
    }

    fn len(&self, s: &Shared) -> usize {
        rows::rows(self.mode, s.data).len()
    }

    /// The rows by identity, in order.
    fn keys(&self, s: &Shared) -> Vec<Selected> {
        rows::rows(self.mode, s.data)
            .iter()
            .map(|r| rows::key(s.data, r))
            .collect()
    }

    /// `t`: by program or by measure, the selection back at the top.
    fn act(&mut self, a: Action, s: &Shared) -> Reply {
        match a {
            Action::Group => {
                self.mode = match self.mode {
                    Mode::ByProgram => Mode::ByMeasure,
                    Mode::ByMeasure => Mode::ByProgram,
                };
                self.cursor = 0;
                if self.mode == Mode::ByMeasure && self.len(s) == 0 {
                    return Reply::Say(
                        "by measure: no metric id is used by two programs or more".to_string(),
                    );
                }
                Reply::Done
            }
            _ => Reply::Pass,
        }
    }

    fn find(&mut self, s: &Shared, q: &str, forward: bool, skip: bool) -> bool {
        let list = rows::rows(self.mode, s.data);
        let hit = |i: usize| rows::matches(s.data, &list[i], q);
        seek(&mut self.cursor, list.len(), forward, skip, hit)
    }

    /// Every row of the view is a line of the list.
    fn list(&self, s: &Shared, body: Rect) -> Option<ListLayout> {
        (body.height >= 2).then(|| ListLayout::new(body, self.cursor, self.len(s)))
    }

    fn draw_list(&self, s: &Shared, area: Rect, list: &ListLayout, buf: &mut Buffer) {
        let rows = rows::rows(self.mode, s.data);
        draw::draw(&rows, self.cursor, s.data, s.theme, area, list, buf);
    }
}
