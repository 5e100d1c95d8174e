//! A one-line text input: characters with a cursor between them, edited
//! a character at a time (backspace, delete, left, right, home, end) and
//! shown by display width (a Chinese character or an emoji takes two
//! columns), scrolled sideways to keep the cursor in sight.

use crate::ui::text::width;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineInput {
    chars: Vec<char>,
    /// Before which character the cursor stands (`chars.len()`: at the end).
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
        let chars: Vec<char> = text.chars().collect();
        LineInput {
            cursor: chars.len(),
            chars,
        }
    }

    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The cursor, in characters from the start.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn insert(&mut self, c: char) {
        self.chars.insert(self.cursor, c);
        self.cursor += 1;
    }

    pub fn edit(&mut self, key: EditKey) {
        match key {
            EditKey::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                self.chars.remove(self.cursor);
            }
            EditKey::Delete if self.cursor < self.chars.len() => {
                self.chars.remove(self.cursor);
            }
            EditKey::Left => self.cursor = self.cursor.saturating_sub(1),
            EditKey::Right => self.cursor = (self.cursor + 1).min(self.chars.len()),
            EditKey::Home => self.cursor = 0,
            EditKey::End => self.cursor = self.chars.len(),
            EditKey::Backspace | EditKey::Delete => {}
        }
    }

    /// The text as it fits `w` columns with the cursor in sight: from the
    /// start while the cursor fits, else scrolled so that the cursor is in
    /// the last column. Characters are measured as the screen shows them
    /// (control characters written out).
    pub fn shown(&self, w: usize) -> Shown {
        let cols: Vec<usize> = self.chars.iter().map(|c| char_width(*c)).collect();
        let under = self
            .chars
            .get(self.cursor)
            .map_or(" ".to_string(), |c| c.to_string());
        let need = cols.get(self.cursor).copied().unwrap_or(1).max(1);
        // The first character shown: as few dropped as keep the cursor's
        // character inside the width.
        let mut start = 0;
        let mut before: usize = cols[..self.cursor].iter().sum();
        while start < self.cursor && before + need > w {
            before -= cols[start];
            start += 1;
        }
        let mut text = String::new();
        let mut used = 0;
        for (c, cw) in self.chars[start..].iter().zip(&cols[start..]) {
            if used + cw > w {
                break;
            }
            text.push(*c);
            used += cw;
        }
        Shown {
            text,
            cursor_col: before,
            under,
        }
    }
}

/// Columns a character takes on screen, as drawn (escaped).
pub fn char_width(c: char) -> usize {
    let mut buf = [0u8; 4];
    width(c.encode_utf8(&mut buf))
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
