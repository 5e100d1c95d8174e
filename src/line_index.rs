//! Where a byte offset of a file is: its 1-based line and character column,
//! for the problems and edits that point into a plan file.

use crate::model::Pos;

/// Maps byte offsets of one file to 1-based line and character column.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// Columns are byte counts when the text is all ASCII.
    ascii: bool,
    /// The last position worked out, (byte offset, line index, column):
    /// positions are mostly asked for in order, so the next one on the same
    /// line counts only the characters in between (a line of a million
    /// characters costs no more than once).
    last: std::cell::Cell<(usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex {
            text,
            starts,
            ascii: text.is_ascii(),
            last: std::cell::Cell::new((0, 0, 0)),
        }
    }

    pub(crate) fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        // Columns count characters, so CJK text points at the right place.
        let col = if self.ascii {
            offset - start
        } else {
            let (at, last_line, last_col) = self.last.get();
            let (from, base) = if last_line == line && at >= start && at <= offset {
                (at, last_col)
            } else {
                (start, 0)
            };
            let col = base
                + self
                    .text
                    .get(from..offset)
                    .map_or(offset - from, |s| s.chars().count());
            self.last.set((offset, line, col));
            col
        };
        Pos {
            line: line as u32 + 1,
            col: col as u32 + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "a = 1\nname = \"林美\" x\n";
        let idx = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(idx.pos(x), Pos { line: 2, col: 13 });
        assert_eq!(idx.pos(0), Pos { line: 1, col: 1 });
        assert_eq!(idx.pos(text.len()), Pos { line: 3, col: 1 });
    }
}
