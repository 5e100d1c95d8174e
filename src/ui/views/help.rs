//! Help, generated from the keymap in force: keys and help never disagree.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::{clip, put};
use crate::ui::keymap::Keymap;
use crate::ui::text::fit;
use crate::ui::theme::Theme;

pub fn draw(keymap: &Keymap, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let area = clip(area, buf);
    let w = area.width.saturating_sub(2).min(124);
    let h = area.height.saturating_sub(2);
    if w < 20 || h < 3 {
        return;
    }
    let pane = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + 1,
        width: w,
        height: h,
    };
    Clear.render(pane, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Keys (? or Esc closes) ");
    let inner = block.inner(pane);
    block.render(pane, buf);
    // Two columns when the pane is wide enough.
    let cols = if inner.width >= 80 || keymap.listing.len() > inner.height as usize {
        2
    } else {
        1
    };
    let col_w = inner.width / cols;
    let per_col = keymap.listing.len().div_ceil(cols as usize);
    for (k, (_, keys, help)) in keymap.listing.iter().enumerate() {
        let (c, row) = (k / per_col, k % per_col);
        if row as u16 >= inner.height {
            continue;
        }
        let x = inner.x + c as u16 * col_w + 1;
        let y = inner.y + row as u16;
        let key_w = (col_w as usize / 3).min(18);
        let used = put(
            buf,
            x,
            y,
            &fit(&keys.join(" "), key_w),
            key_w,
            theme.title(),
        );
        put(
            buf,
            x + used as u16,
            y,
            help,
            (col_w as usize).saturating_sub(key_w + 2),
            Default::default(),
        );
    }
}
