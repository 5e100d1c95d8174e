//! The few ways the board writes on the buffer: text that never leaves
//! it and never carries a control character ([`put`]), areas kept inside
//! it ([`clip`]), and the framed panes the overlays open in ([`pane`]).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::fit::truncate;

/// Writes `s` at (x, y), cut to `max` columns; returns the columns used.
/// Never writes outside the buffer. Every text the board draws comes here:
/// it is written as [`crate::escape::escape_control`] shows it (through
/// [`truncate`]), so no control character reaches the terminal.
pub(super) fn put(buf: &mut Buffer, x: u16, y: u16, s: &str, max: usize, style: Style) -> usize {
    let area = buf.area;
    if y < area.y || y >= area.bottom() || x >= area.right() {
        return 0;
    }
    let room = (area.right() - x) as usize;
    let t = truncate(s, max.min(room));
    let (end, _) = buf.set_stringn(x, y, &t, max.min(room), style);
    (end - x) as usize
}

/// Clips a rectangle to the buffer.
pub(super) fn clip(area: Rect, buf: &Buffer) -> Rect {
    area.intersection(buf.area)
}

/// A pane `w` x `h` centred in `area`, cleared and framed with `title`
/// (written on the frame through [`put`], as all text: it may name plan
/// items); returns the room inside the frame. Help, details and dialogs
/// open in one.
pub(super) fn pane(area: Rect, w: u16, h: u16, title: &str, buf: &mut Buffer) -> Rect {
    use ratatui::widgets::{Block, Borders, Clear, Widget};
    let (w, h) = (w.min(area.width), h.min(area.height));
    let pane = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    Clear.render(pane, buf);
    let block = Block::default().borders(Borders::ALL);
    let inner = block.inner(pane);
    block.render(pane, buf);
    if pane.width > 2 {
        put(
            buf,
            pane.x + 1,
            pane.y,
            title,
            (pane.width - 2) as usize,
            Style::default(),
        );
    }
    inner
}
