//! Incremental search: `/` edits the query, each letter searches again
//! from where the search began, Enter keeps the query (for `n` and `N`),
//! Esc drops it. When the query matches nothing the selection goes back
//! to where it was and the prompt says "no match": a selection left on
//! an earlier, shorter match would look like a hit. What matches is each
//! view's to say ([`View::find`](crate::ui::view::View::find)).

use unicode_segmentation::UnicodeSegmentation;

use super::{App, Search};
use crate::ui::action::Action;

impl App {
    pub(super) fn start_search(&mut self) {
        self.search = Search {
            editing: true,
            query: String::new(),
            origin: self.cursor(),
            matched: true,
        };
    }

    /// An action while the query is typed: only Enter and Esc act.
    pub(super) fn search_key(&mut self, action: Action) {
        match action {
            Action::Close => self.search = Search::default(),
            Action::Open => {
                self.search.editing = false;
                if !self.search.matched {
                    self.message = Some(self.no_match());
                }
            }
            _ => {}
        }
    }

    /// Typed text while searching (`None`: backspace): searches again from
    /// where the search began.
    pub fn type_char(&mut self, c: Option<char>) {
        let mut buf = [0u8; 4];
        match c {
            Some(c) => self.type_text(c.encode_utf8(&mut buf)),
            None => self.erase_char(),
        }
    }

    /// Typed (or pasted) text while searching: one search for all of it.
    pub fn type_text(&mut self, text: &str) {
        if !self.search.editing {
            return;
        }
        self.search.query.push_str(text);
        self.search_again();
    }

    /// Backspace while searching: the last character as people see it (an
    /// emoji with its skin tone, a ZWJ family), not its last code point.
    fn erase_char(&mut self) {
        if !self.search.editing {
            return;
        }
        let keep = self.search.query.grapheme_indices(true).next_back();
        self.search.query.truncate(keep.map_or(0, |(at, _)| at));
        self.search_again();
    }

    /// Searches from where the search began, for the query as it is now.
    fn search_again(&mut self) {
        // (A reload while typing may have shortened the list.)
        let origin = self.search.origin.min(self.list_len().saturating_sub(1));
        self.set_cursor(origin);
        self.search.matched = true;
        self.find(true, false);
        self.sync_focus();
    }

    /// Finds the query in the current view; `skip` moves past the current
    /// match. No match leaves the cursor where it is and says so.
    pub(super) fn find(&mut self, forward: bool, skip: bool) {
        let q = self.search.query.to_lowercase();
        if q.is_empty() {
            return;
        }
        let (views, s) = self.parts();
        let found = views.shown_mut().find(&s, &q, forward, skip);
        self.search.matched = found;
        if !found {
            self.message = Some(self.no_match());
        }
    }

    fn no_match(&self) -> String {
        format!("no match for \"{}\"", self.search.query)
    }
}
