//! Lists: where their items are on screen ([`ListLayout`]), and cursors
//! over them: moving by an action, and searching with wrap-around. Shared
//! by the views that show a list and the frame layout that hit-tests them.

use ratatui::layout::{Position, Rect};

use super::action::Action;

/// Moves a cursor over `n` items by an action; `page` rows a page.
pub(super) fn step(cursor: usize, n: usize, a: Action, page: usize) -> usize {
    if n == 0 {
        return 0;
    }
    let last = n - 1;
    match a {
        Action::Down => (cursor + 1).min(last),
        Action::Up => cursor.saturating_sub(1),
        Action::PageDown => (cursor + page).min(last),
        Action::PageUp => cursor.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => last,
        _ => cursor.min(last),
    }
}

/// Moves `cursor` to the next (or previous) matching item; false when none.
pub(super) fn seek(
    cursor: &mut usize,
    n: usize,
    forward: bool,
    skip: bool,
    hit: impl Fn(usize) -> bool,
) -> bool {
    match search_from(n, *cursor, forward, skip, hit) {
        Some(i) => {
            *cursor = i;
            true
        }
        None => false,
    }
}

/// The next index after (or before) `from` whose item matches, wrapping.
pub(super) fn search_from(
    n: usize,
    from: usize,
    forward: bool,
    skip: bool,
    hit: impl Fn(usize) -> bool,
) -> Option<usize> {
    if n == 0 {
        return None;
    }
    let start = if skip { 1 } else { 0 };
    (start..n + start)
        .map(|k| {
            if forward {
                (from + k) % n
            } else {
                (from + n - k % n) % n
            }
        })
        .find(|&i| hit(i))
}

/// Where a list's items are: one a row, scrolled to show the cursor.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ListLayout {
    /// The rows the items are drawn in.
    pub rows: Rect,
    /// The item on the first row.
    pub first: usize,
    /// How many items the list has.
    pub len: usize,
}

impl ListLayout {
    /// `len` items in the rows of `body` below its first `head` rows (a
    /// view's title and headers); none when no row is left for them.
    pub fn below(body: Rect, head: u16, cursor: usize, len: usize) -> Option<ListLayout> {
        (body.height > head).then(|| {
            let rows = Rect {
                y: body.y + head,
                height: body.height - head,
                ..body
            };
            ListLayout::new(rows, cursor, len)
        })
    }

    /// `len` items in `rows`, scrolled so that `cursor` is on screen.
    pub fn new(rows: Rect, cursor: usize, len: usize) -> ListLayout {
        ListLayout {
            rows,
            first: scroll_offset(cursor, rows.height as usize),
            len,
        }
    }

    /// The items on screen: (row, index).
    pub fn visible(&self) -> impl Iterator<Item = (u16, usize)> + use<> {
        let y = self.rows.y;
        (self.first..self.len)
            .take(self.rows.height as usize)
            .enumerate()
            .map(move |(line, i)| (y + line as u16, i))
    }

    /// The item drawn at a position.
    pub fn item_at(&self, at: Position) -> Option<usize> {
        if !self.rows.contains(at) {
            return None;
        }
        let i = self.first + (at.y - self.rows.y) as usize;
        (i < self.len).then_some(i)
    }
}

/// The rows of `area` that fit, as a top offset keeping `cursor` visible.
pub(super) fn scroll_offset(cursor: usize, rows: usize) -> usize {
    if rows == 0 {
        0
    } else {
        cursor.saturating_sub(rows - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_below_a_header_starts_under_it_and_needs_one_row() {
        let body = Rect::new(0, 1, 80, 10);
        let list = ListLayout::below(body, 2, 0, 30).expect("8 rows left");
        assert_eq!(list.rows, Rect::new(0, 3, 80, 8));
        assert_eq!((list.first, list.len), (0, 30));
        // The cursor past the last row scrolls the list.
        assert!(ListLayout::below(body, 2, 20, 30).is_some_and(|l| l.first > 0));
        assert_eq!(ListLayout::below(body, 10, 0, 30), None);
        assert!(ListLayout::below(body, 9, 0, 30).is_some());
    }
}
