//! Drawing the board: a pure function of the [`App`] and its
//! [`FrameLayout`]; no I/O, no mutation.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::app::{App, Overlay};
use super::fit::width;
use super::layout::{FrameLayout, MIN_HEIGHT, MIN_WIDTH};
use super::overlays::{detail_pane, dialog, help};
use super::paint::{clip, put};

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let layout = self.layout(area.intersection(buf.area));
        draw(self, &layout, buf);
    }
}

/// Draws the board by its layout (see [`App::layout`]).
pub(super) fn draw(app: &App, layout: &FrameLayout, buf: &mut Buffer) {
    let area = layout.area;
    if layout.too_small {
        let msg = format!(
            "ringboard needs {MIN_WIDTH}x{MIN_HEIGHT}; this terminal is {}x{}",
            area.width, area.height
        );
        // Wrapped over the rows there are: a narrow terminal reads it whole.
        let lines = super::fit::wrap(&msg, area.width as usize, 0);
        for (y, line) in (area.y..area.bottom()).zip(&lines) {
            put(
                buf,
                area.x,
                y,
                line,
                area.width as usize,
                app.theme.warning(),
            );
        }
        return;
    }
    tabs(app, layout, buf);
    let s = app.shared();
    let (t, d, body) = (&app.theme, &app.data, clip(layout.body, buf));
    app.views()
        .shown()
        .draw(&s, body, layout.list.as_ref(), buf);
    match app.overlay {
        Overlay::Help => help::draw(&app.keymap, app.help_scroll, t, body, buf),
        Overlay::Detail => {
            if let Some(text) = focus_details(app) {
                detail_pane::draw(&text, t, body, buf);
            }
        }
        Overlay::Metric => {
            if let Some((key, lines)) = &app.metric_history {
                let text =
                    detail_pane::with_history(detail_pane::metric_lines(d, key), Some(lines));
                detail_pane::draw(&text, t, body, buf);
            }
        }
        Overlay::Person => {
            if let Some(id) = &app.person {
                let text = detail_pane::person_lines(d, id, app.program_index());
                detail_pane::draw(&text, t, body, buf);
            }
        }
        Overlay::None => {}
    }
    if let Some(prompt) = &app.prompt {
        dialog::draw(prompt, &s, &app.keymap, body, buf);
    }
    status(app, layout.status, buf);
}

/// The focus's details: from the plans, or as the review's base had it.
fn focus_details(app: &App) -> Option<Vec<String>> {
    let key = app.focus.as_ref()?;
    let history = app
        .history
        .as_ref()
        .filter(|(k, _)| k == key)
        .map(|(_, lines)| lines.as_slice());
    let text = match app.focus_ref() {
        Some(r) => detail_pane::lines(&app.data, r),
        None => {
            let review = app.data.review.as_ref()?;
            detail_pane::removed_lines(review.removed.get(key)?, &review.base)
        }
    };
    Some(detail_pane::with_history(text, history))
}

fn tabs(app: &App, layout: &FrameLayout, buf: &mut Buffer) {
    for (&(v, r), label) in layout.tabs.iter().zip(&layout.tab_labels) {
        let style = if v == app.view() {
            app.theme.tab_active()
        } else {
            app.theme.dim()
        };
        put(buf, r.x, r.y, label, r.width as usize, style);
    }
    let h = layout.hints;
    put(
        buf,
        h.x,
        h.y,
        &layout.hint_text,
        h.width as usize,
        app.theme.dim(),
    );
}

/// The status line's rows (see `app/status.rs`), the marker of
/// uncommitted plan edits at the right of the last.
fn status(app: &App, area: Rect, buf: &mut Buffer) {
    let lines = app.status_lines(area.width, area.height);
    let mut room = area.width;
    if let Some(marker) = &lines.marker {
        let w = (width(marker) as u16).min(area.width / 2);
        let (x, y) = (area.right() - w, area.bottom().saturating_sub(1));
        put(buf, x, y, marker, w as usize, app.theme.warning());
        room -= w;
    }
    let style = if lines.errors {
        app.theme.warning()
    } else {
        app.theme.dim()
    };
    for (k, line) in lines.lines.iter().enumerate() {
        put(buf, area.x, area.y + k as u16, line, room as usize, style);
    }
}
