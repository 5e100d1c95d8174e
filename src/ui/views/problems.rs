//! Problems: everything `check` reports, so a plan with errors still opens
//! the board and shows what is wrong, where.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::diag::Severity;
use crate::ui::action::{Topic::*, ViewId};
use crate::ui::list::{ListLayout, seek};
use crate::ui::paint::put;
use crate::ui::selection::Selected;
use crate::ui::view::{Shared, View, ViewKind};

impl ViewId {
    pub const PROBLEMS: ViewId = ViewId::new("problems");
}

pub(crate) static KIND: ViewKind = ViewKind {
    id: ViewId::PROBLEMS,
    name: "Problems",
    help: "Problems view",
    takes: &[Move, Search, Editor],
    review_only: false,
    make: || Box::new(Problems::default()),
};

#[derive(Clone, Debug, Default)]
pub(crate) struct Problems {
    pub cursor: usize,
}

impl View for Problems {
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
        s.data.plans.diagnostics.len()
    }

    /// The problems by identity (where and what), in order.
    fn keys(&self, s: &Shared) -> Vec<Selected> {
        s.data
            .plans
            .diagnostics
            .iter()
            .map(|d| Selected::Problem {
                path: d.path.to_string(),
                line: d.pos.line,
                message: d.message.clone(),
            })
            .collect()
    }

    fn find(&mut self, s: &Shared, q: &str, forward: bool, skip: bool) -> bool {
        let diags = &s.data.plans.diagnostics;
        seek(&mut self.cursor, diags.len(), forward, skip, |i| {
            diags[i].to_string().to_lowercase().contains(q)
        })
    }

    /// The problems: below the summary line.
    fn list(&self, s: &Shared, body: Rect) -> Option<ListLayout> {
        ListLayout::below(body, 1, self.cursor, s.data.plans.diagnostics.len())
    }

    fn draw_list(&self, s: &Shared, area: Rect, list: &ListLayout, buf: &mut Buffer) {
        let (data, theme) = (s.data, s.theme);
        let diags = &data.plans.diagnostics;
        let summary = crate::diag::summary(diags, data.plans.files);
        put(
            buf,
            area.x,
            area.y,
            &summary,
            area.width as usize,
            theme.title(),
        );
        if diags.is_empty() {
            put(
                buf,
                area.x,
                area.y + 1,
                "No problems: every plan is valid.",
                area.width as usize,
                theme.good(),
            );
            return;
        }
        for (y, i) in list.visible() {
            let Some(d) = diags.get(i) else { break };
            let style = if i == self.cursor {
                theme.selected()
            } else if d.severity == Severity::Error {
                theme.error()
            } else {
                theme.warning()
            };
            put(buf, area.x, y, &d.to_string(), area.width as usize, style);
        }
    }
}
