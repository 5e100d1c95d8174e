//! Problems: everything `check` reports, so a plan with errors still opens
//! the board and shows what is wrong, where.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::diag::Severity;
use crate::ui::action::Action;
use crate::ui::list::ListLayout;
use crate::ui::list::{seek, step};
use crate::ui::paint::{clip, put};
use crate::ui::selection::Selected;
use crate::ui::snapshot::Snapshot;
use crate::ui::theme::Theme;

#[derive(Clone, Debug, Default)]
pub struct State {
    pub cursor: usize,
}

impl State {
    pub fn act(&mut self, a: Action, n: usize, page: usize) {
        self.cursor = step(self.cursor, n, a, page);
    }

    /// The problems by identity (where and what), in order.
    pub fn keys(data: &Snapshot) -> Vec<Selected> {
        data.plans
            .diagnostics
            .iter()
            .map(|d| Selected::Problem {
                path: d.path.to_string(),
                line: d.pos.line,
                message: d.message.clone(),
            })
            .collect()
    }

    pub fn find(&mut self, data: &Snapshot, q: &str, forward: bool, skip: bool) -> bool {
        let diags = &data.plans.diagnostics;
        seek(&mut self.cursor, diags.len(), forward, skip, |i| {
            diags[i].to_string().to_lowercase().contains(q)
        })
    }
}

/// The problems: below the summary line.
pub fn list(state: &State, data: &Snapshot, body: Rect) -> Option<ListLayout> {
    ListLayout::below(body, 1, state.cursor, data.plans.diagnostics.len())
}

pub fn draw(
    state: &State,
    data: &Snapshot,
    theme: &Theme,
    area: Rect,
    list: Option<&ListLayout>,
    buf: &mut Buffer,
) {
    let area = clip(area, buf);
    let Some(list) = list else { return };
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
        let style = if i == state.cursor {
            theme.selected()
        } else if d.severity == Severity::Error {
            theme.error()
        } else {
            theme.warning()
        };
        put(buf, area.x, y, &d.to_string(), area.width as usize, style);
    }
}
