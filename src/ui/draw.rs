//! Drawing the board: a pure function of the [`App`]; no I/O, no mutation.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::app::{App, Overlay};
use super::keymap::Action;
use super::views::{self, View, put};

/// Below this the board shows a message instead of a broken layout.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
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
                    self.theme.warning(),
                );
            }
            return;
        }
        tabs(self, Rect { height: 1, ..area }, buf);
        let body = Rect {
            y: area.y + 1,
            height: area.height - 2,
            ..area
        };
        let t = &self.theme;
        let d = &self.data;
        match self.view {
            View::Rings => views::rings::draw(&self.rings, d, self.program_index(), t, body, buf),
            View::Deliverables => views::deliverables::draw(&self.deliverables, d, t, body, buf),
            View::Timeline => views::timeline::draw(&self.timeline, d, t, body, buf),
            View::Handoffs => views::handoffs::draw(self.focus, d, t, body, buf),
            View::Metrics => views::metrics::draw(&self.metrics, d, t, body, buf),
            View::Problems => views::problems::draw(&self.problems, d, t, body, buf),
            View::Changes => views::changes::draw(&self.changes, d, t, body, buf),
        }
        match (self.overlay, self.focus) {
            (Overlay::Help, _) => views::help::draw(&self.keymap, t, body, buf),
            (Overlay::Detail, Some(f)) => {
                let history = self
                    .history
                    .as_ref()
                    .filter(|(r, _)| *r == f)
                    .map(|(_, lines)| lines.as_slice());
                views::detail::draw(f, d, history, t, body, buf)
            }
            _ => {}
        }
        status(
            self,
            Rect {
                y: area.bottom() - 1,
                height: 1,
                ..area
            },
            buf,
        );
    }
}

fn tabs(app: &App, area: Rect, buf: &mut Buffer) {
    let mut x = area.x;
    for v in app.tabs() {
        let label = app.tab_label(v);
        let style = if v == app.view {
            app.theme.tab_active()
        } else {
            app.theme.dim()
        };
        let room = area.right().saturating_sub(x) as usize;
        x += put(buf, x, area.y, &label, room, style) as u16;
    }
    let room = area.right().saturating_sub(x + 1) as usize;
    put(buf, x + 1, area.y, &app.hints(), room, app.theme.dim());
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
                key_hint(app, View::Changes)
            )
        });
        format!(
            "{}{review} · today {} · {late} late · {blocked} blocked · {risk} at risk{}",
            source_label(app),
            d.today(),
            if errors > 0 {
                format!(" · {errors} plan errors{}", key_hint(app, View::Problems))
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

/// " (6)": the key that shows a view, when one is bound.
fn key_hint(app: &App, v: View) -> String {
    app.keymap
        .first_key(Action::View(v))
        .map_or(String::new(), |k| format!(" ({k})"))
}

fn source_label(app: &App) -> String {
    match &app.data.plans.source {
        crate::load::Source::WorkTree => "working tree".to_string(),
        crate::load::Source::Commit(c) => format!("revision {}", crate::repo::short_id(*c)),
    }
}
