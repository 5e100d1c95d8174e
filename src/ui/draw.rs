//! Drawing the board: a pure function of the [`App`] and its
//! [`FrameLayout`]; no I/O, no mutation.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::app::{App, Overlay};
use super::layout::{FrameLayout, MIN_HEIGHT, MIN_WIDTH};
use super::views::{self, View, put};

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let layout = FrameLayout::new(self, area.intersection(buf.area));
        draw(self, &layout, buf);
    }
}

/// Draws the board by its layout (see [`FrameLayout::new`]).
pub fn draw(app: &App, layout: &FrameLayout, buf: &mut Buffer) {
    let area = layout.area;
    if layout.too_small {
        let msg = format!(
            "ringboard needs {MIN_WIDTH}x{MIN_HEIGHT}; this terminal is {}x{}",
            area.width, area.height
        );
        if area.height > 0 {
            put(
                buf,
                area.x,
                area.y,
                &msg,
                area.width as usize,
                app.theme.warning(),
            );
        }
        return;
    }
    tabs(app, layout, buf);
    let (t, d, body) = (&app.theme, &app.data, layout.body);
    let list = layout.list.as_ref();
    match app.view {
        View::Rings => views::rings::draw(&app.rings, d, app.program_index(), t, body, buf),
        View::Deliverables => views::deliverables::draw(&app.deliverables, d, t, body, list, buf),
        View::Timeline => views::timeline::draw(&app.timeline, d, t, body, list, buf),
        View::Handoffs => views::handoffs::draw(app.focus, d, t, body, buf),
        View::Metrics => views::metrics::draw(&app.metrics, d, t, body, list, buf),
        View::Problems => views::problems::draw(&app.problems, d, t, body, list, buf),
        View::Changes => views::changes::draw(&app.changes, d, t, body, list, buf),
    }
    match (app.overlay, app.focus) {
        (Overlay::Help, _) => views::help::draw(&app.keymap, t, body, buf),
        (Overlay::Detail, Some(f)) => {
            let history = app
                .history
                .as_ref()
                .filter(|(r, _)| *r == f)
                .map(|(_, lines)| lines.as_slice());
            views::detail::draw(f, d, history, t, body, buf)
        }
        _ => {}
    }
    status(app, layout.status, buf);
}

fn tabs(app: &App, layout: &FrameLayout, buf: &mut Buffer) {
    for &(v, r) in &layout.tabs {
        let style = if v == app.view {
            app.theme.tab_active()
        } else {
            app.theme.dim()
        };
        put(buf, r.x, r.y, &app.tab_label(v), r.width as usize, style);
    }
    let h = layout.hints;
    put(
        buf,
        h.x,
        h.y,
        &app.hints(),
        h.width as usize,
        app.theme.dim(),
    );
}

/// Source, today, counts, and the search prompt or a message.
fn status(app: &App, area: Rect, buf: &mut Buffer) {
    let d = &app.data;
    let c = d.counts;
    let (late, blocked, risk, errors) = (c.late, c.blocked, c.at_risk, c.errors);
    let left = if app.search.editing {
        format!("/{}", app.search.query)
    } else if let Some(msg) = &app.message {
        msg.clone()
    } else {
        let review = d.review.as_ref().map_or(String::new(), |r| {
            format!(
                " · review against {}{}",
                r.base,
                app.key_hint(View::Changes)
            )
        });
        format!(
            "{}{review} · today {} · {late} late · {blocked} blocked · {risk} at risk{}",
            source_label(app),
            d.today(),
            if errors > 0 {
                format!(" · {errors} plan errors{}", app.key_hint(View::Problems))
            } else {
                String::new()
            }
        )
    };
    let style = if errors > 0 && !app.search.editing && app.message.is_none() {
        app.theme.warning()
    } else {
        app.theme.dim()
    };
    put(buf, area.x, area.y, &left, area.width as usize, style);
}

fn source_label(app: &App) -> String {
    match &app.data.plans.source {
        crate::load::Source::WorkTree => "working tree".to_string(),
        crate::load::Source::Commit(c) => format!("revision {}", crate::repo::short_id(*c)),
    }
}
