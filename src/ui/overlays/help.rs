//! Help, generated from the keymap in force: keys and help never disagree.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::ui::action::Action;
use crate::ui::fit::fit;
use crate::ui::keymap::Keymap;
use crate::ui::paint::{clip, pane, put};
use crate::ui::theme::Theme;

/// The keys in force in two columns (one when narrow); when they do not
/// all fit, from line `scroll` on, and the last line says how to see more.
pub(crate) fn draw(keymap: &Keymap, scroll: usize, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let area = clip(area, buf);
    let w = area.width.saturating_sub(2).min(124);
    let h = area.height.saturating_sub(2);
    if w < 20 || h < 3 {
        return;
    }
    let inner = pane(area, w, h, " Keys (? or Esc closes) ", buf);
    let lines = lines(keymap);
    let n = lines.len();
    let cols: usize = if inner.width >= 80 { 2 } else { 1 };
    let room = inner.height as usize;
    let fits = n.div_ceil(cols) <= room;
    // Rows per column; a last line for the hint when they do not all fit.
    let rows = if fits {
        n.div_ceil(cols)
    } else {
        room.saturating_sub(1).max(1)
    };
    let page = rows * cols;
    let first = if fits {
        0
    } else {
        scroll.min(n.saturating_sub(page))
    };
    let col_w = inner.width / cols as u16;
    let key_w = (col_w as usize / 3).min(18);
    for (k, (keys, help)) in lines.iter().enumerate().skip(first).take(page) {
        let at = k - first;
        let (c, row) = (at / rows, at % rows);
        let x = inner.x + c as u16 * col_w + 1;
        let y = inner.y + row as u16;
        // One column between the keys (cut when long) and what they do.
        let keys_w = key_w.saturating_sub(1);
        put(buf, x, y, &fit(keys, keys_w), keys_w, theme.title());
        put(
            buf,
            x + key_w as u16,
            y,
            help,
            (col_w as usize).saturating_sub(key_w + 2),
            Default::default(),
        );
    }
    if !fits {
        let last = (first + page).min(n);
        let key = |a| keymap.first_key(a).unwrap_or("?");
        let more = format!(
            "keys {}-{last} of {n}: {} / {} for more",
            first + 1,
            key(Action::Down),
            key(Action::Up)
        );
        let y = inner.y + inner.height - 1;
        put(
            buf,
            inner.x + 1,
            y,
            &more,
            inner.width as usize - 1,
            theme.dim(),
        );
    }
}

/// The keys a dialog takes besides the keymap's (`open` confirms, `close`
/// cancels, `down`/`up` choose): fixed, the same in every dialog.
const DIALOG_KEYS: [(&str, &str); 3] = [
    ("a letter, a paste", "in a dialog: text, not keys"),
    ("← → home end", "dialog: move in text; picker: ends"),
    ("backspace delete", "dialog: erase before / at the cursor"),
];

/// The help's lines: the keymap in force, then the dialogs' own keys.
pub(crate) fn lines(keymap: &Keymap) -> Vec<(String, &'static str)> {
    keymap
        .listing
        .iter()
        .map(|(_, keys, help)| (keys.join(" "), *help))
        .chain(DIALOG_KEYS.iter().map(|(k, h)| (k.to_string(), *h)))
        .collect()
}
