//! Table-like views: columns laid out by ratatui's constraint solver with
//! one column between them, so that a cell cut to its column (with `…`)
//! never runs into the next one (`Bluefin Agency12-21` was two cells).
//! Deliverables, Problems and the people lists draw their rows through
//! here. Pure: places text in the buffer through [`put`], nothing else.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;

use super::paint::put;

/// Where each column goes across `area` (its rows are the caller's): one
/// column of space between neighbours, the constraints solved as
/// ratatui's `Table` solves them.
pub(super) fn columns(area: Rect, constraints: &[Constraint]) -> Vec<Rect> {
    Layout::horizontal(constraints.iter().copied())
        .spacing(1)
        .split(Rect { height: 1, ..area })
        .to_vec()
}

/// One row at `y`: each cell cut to its column, in its style; `fill`
/// styles the whole row first (the selection, gaps included).
pub(super) fn row(
    buf: &mut Buffer,
    cols: &[Rect],
    y: u16,
    cells: &[(&str, Style)],
    fill: Option<Style>,
) {
    if let (Some(style), Some(first), Some(last)) = (fill, cols.first(), cols.last()) {
        let whole = Rect::new(first.x, y, last.right().saturating_sub(first.x), 1);
        buf.set_style(whole.intersection(buf.area), style);
    }
    for (col, (text, style)) in cols.iter().zip(cells) {
        put(buf, col.x, y, text, col.width as usize, *style);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_cells_keep_a_space_between_them() {
        let area = Rect::new(0, 0, 30, 1);
        let cols = columns(
            area,
            &[
                Constraint::Length(8),
                Constraint::Fill(1),
                Constraint::Length(5),
            ],
        );
        let mut buf = Buffer::empty(area);
        let cells = [
            ("星河传媒 (Xinghe Media)", Style::new()),
            ("Bluefin Agency and partners", Style::new()),
            ("12-21", Style::new()),
        ];
        row(&mut buf, &cols, 0, &cells, None);
        let mut text = String::new();
        let mut x = 0;
        while x < 30 {
            let symbol = buf[(x, 0)].symbol();
            text.push_str(symbol);
            x += crate::ui::fit::width(symbol).max(1) as u16;
        }
        assert!(text.starts_with("星河传…  Bluefin Agency… 12-21"), "{text}");
    }
}
