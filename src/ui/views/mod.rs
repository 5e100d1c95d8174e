//! One file per view: a small state struct with pure methods for actions,
//! and a `draw` function that only reads.
pub mod changes;
pub mod deliverables;
pub mod detail;
pub mod handoffs;
pub mod help;
pub mod metrics;
pub mod problems;
pub mod rings;
pub mod timeline;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::text::truncate;

/// Writes `s` at (x, y), cut to `max` columns; returns the columns used.
/// Never writes outside the buffer.
pub fn put(buf: &mut Buffer, x: u16, y: u16, s: &str, max: usize, style: Style) -> usize {
    let area = buf.area;
    if y < area.y || y >= area.bottom() || x >= area.right() {
        return 0;
    }
    let room = (area.right() - x) as usize;
    let t = truncate(s, max.min(room));
    let (end, _) = buf.set_stringn(x, y, &t, max.min(room), style);
    (end - x) as usize
}

/// The rows of `area` that fit, as a top offset keeping `cursor` visible.
pub fn scroll_offset(cursor: usize, rows: usize) -> usize {
    if rows == 0 {
        0
    } else {
        cursor.saturating_sub(rows - 1)
    }
}

/// Clips a rectangle to the buffer.
pub fn clip(area: Rect, buf: &Buffer) -> Rect {
    area.intersection(buf.area)
}
