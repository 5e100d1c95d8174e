//! Cursors over lists: moving by an action, and searching with wrap-around.
//! Shared by the views that show a list.

use super::keymap::Action;

/// Moves a cursor over `n` items by an action; `page` rows a page.
pub fn step(cursor: usize, n: usize, a: Action, page: usize) -> usize {
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
pub fn seek(
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
pub fn search_from(
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
