//! A one-line text input: user-perceived characters (grapheme clusters:
//! an emoji with its skin tone or a family joined by ZWJ is one) with a
//! cursor between them, edited one at a time (backspace, delete, left,
//! right, home, end) and shown by display width (a Chinese character or
//! an emoji takes two columns), scrolled sideways to keep the cursor in
//! sight.

use unicode_segmentation::UnicodeSegmentation;

use crate::ui::fit::width;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineInput {
    graphemes: Vec<String>,
    /// Before which grapheme the cursor stands (`graphemes.len()`: at the
    /// end).
    cursor: usize,
}

/// How the input shows in `w` columns: the text from `start`, and the
/// column the cursor is drawn at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown {
    pub text: String,
    pub cursor_col: usize,
    /// The character under the cursor (a space at the end).
    pub under: String,
}

/// A key that edits text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditKey {
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
}

impl LineInput {
    /// An input holding `text`, the cursor at its end.
    pub fn with_text(text: &str) -> LineInput {
        let graphemes: Vec<String> = text.graphemes(true).map(str::to_string).collect();
        LineInput {
            cursor: graphemes.len(),
            graphemes,
        }
    }

    pub fn text(&self) -> String {
        self.graphemes.concat()
    }

    pub fn is_empty(&self) -> bool {
        self.graphemes.is_empty()
    }

    /// The cursor, in graphemes from the start.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// A typed character: it joins the grapheme before the cursor when it
    /// continues it (a skin tone, a variation selector, a joiner and what
    /// it joins, a combining accent), else it is one of its own.
    pub fn insert(&mut self, c: char) {
        if let Some(before) = self
            .cursor
            .checked_sub(1)
            .and_then(|i| self.graphemes.get_mut(i))
        {
            let mut joined = before.clone();
            joined.push(c);
            if joined.graphemes(true).count() == 1 {
                *before = joined;
                return;
            }
        }
        self.graphemes.insert(self.cursor, c.to_string());
        self.cursor += 1;
    }

    pub fn edit(&mut self, key: EditKey) {
        match key {
            EditKey::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                self.graphemes.remove(self.cursor);
            }
            EditKey::Delete if self.cursor < self.graphemes.len() => {
                self.graphemes.remove(self.cursor);
            }
            EditKey::Left => self.cursor = self.cursor.saturating_sub(1),
            EditKey::Right => self.cursor = (self.cursor + 1).min(self.graphemes.len()),
            EditKey::Home => self.cursor = 0,
            EditKey::End => self.cursor = self.graphemes.len(),
            EditKey::Backspace | EditKey::Delete => {}
        }
    }

    /// The text as it fits `w` columns with the cursor in sight: from the
    /// start while the cursor fits, else scrolled so that the cursor is in
    /// the last column. Graphemes are measured as the screen shows them
    /// (control characters written out).
    pub fn shown(&self, w: usize) -> Shown {
        let cols: Vec<usize> = self.graphemes.iter().map(|g| width(g)).collect();
        let under = self
            .graphemes
            .get(self.cursor)
            .map_or(" ".to_string(), String::clone);
        let need = cols.get(self.cursor).copied().unwrap_or(1).max(1);
        // The first grapheme shown: as few dropped as keep the cursor's
        // grapheme inside the width.
        let mut start = 0;
        let mut before: usize = cols[..self.cursor].iter().sum();
        while start < self.cursor && before + need > w {
            before -= cols[start];
            start += 1;
        }
        let mut text = String::new();
        let mut used = 0;
        for (g, cw) in self.graphemes[start..].iter().zip(&cols[start..]) {
            if used + cw > w {
                break;
            }
            text.push_str(g);
            used += cw;
        }
        Shown {
            text,
            cursor_col: before,
            under,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str) -> LineInput {
        let mut i = LineInput::default();
        s.chars().for_each(|c| i.insert(c));
        i
    }

    #[test]
    fn edits_by_character() {
        let mut i = typed("春季🎉ok");
        assert_eq!(i.cursor(), 5);
        i.edit(EditKey::Backspace);
        assert_eq!(i.text(), "春季🎉o");
        i.edit(EditKey::Left);
        i.edit(EditKey::Backspace);
        assert_eq!(i.text(), "春季o", "the emoji goes whole");
        i.edit(EditKey::Home);
        i.edit(EditKey::Delete);
        assert_eq!(i.text(), "季o");
        i.insert('新');
        assert_eq!((i.text().as_str(), i.cursor()), ("新季o", 1));
        i.edit(EditKey::End);
        i.edit(EditKey::Right);
        assert_eq!(i.cursor(), 3);
        i.edit(EditKey::Delete);
        assert_eq!(i.text(), "新季o", "delete at the end does nothing");
        let mut e = LineInput::default();
        e.edit(EditKey::Backspace);
        e.edit(EditKey::Left);
        assert_eq!((e.text().as_str(), e.cursor()), ("", 0));
    }

    /// An emoji with a skin tone, one with a variation selector and a
    /// family joined by ZWJ are one grapheme each, two columns wide, typed
    /// a character at a time as a terminal sends them.
    #[test]
    fn emoji_sequences_are_one_character_each() {
        let mut i = typed("a👍🏽❤️👨‍👩‍👧b");
        assert_eq!(i.cursor(), 5);
        let s = i.shown(40);
        assert_eq!(s.cursor_col, 1 + 2 + 2 + 2 + 1);
        assert_eq!(s.text, "a👍🏽❤️👨‍👩‍👧b");
        i.edit(EditKey::Left);
        i.edit(EditKey::Backspace);
        assert_eq!(i.text(), "a👍🏽❤️b", "the family goes whole");
        i.edit(EditKey::Left);
        assert_eq!(i.shown(40).under, "❤️");
        i.edit(EditKey::Left);
        assert_eq!(i.shown(40).under, "👍🏽");
        i.edit(EditKey::Delete);
        assert_eq!(i.text(), "a❤️b", "the thumb goes with its tone");
        // Scrolled: the cursor's emoji fits whole in the last columns.
        let s = typed("👍🏽👍🏽👍🏽👍🏽").shown(5);
        assert!(width(&s.text) <= 5, "{s:?}");
        assert_eq!(s.cursor_col, 4);
    }

    #[test]
    fn shows_wide_text_by_columns_with_the_cursor_in_sight() {
        let i = typed("春季新品发布");
        // 12 columns of text in 8: the cursor (at the end) on the last one.
        let s = i.shown(8);
        assert_eq!(s.text, "品发布");
        assert_eq!((s.cursor_col, s.under.as_str()), (6, " "));
        assert!(width(&s.text) <= 8);
        let mut i = i;
        i.edit(EditKey::Home);
        let s = i.shown(8);
        assert_eq!((s.text.as_str(), s.cursor_col), ("春季新品", 0));
        assert_eq!(s.under, "春");
        let s = typed("ab").shown(10);
        assert_eq!((s.text.as_str(), s.cursor_col), ("ab", 2));
    }
}
