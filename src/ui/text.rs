//! Text on the board: display width (CJK and emoji take two columns),
//! cutting and padding to a width. Text from plans and
//! git may hold control characters: every function here measures and cuts
//! it as [`escape_control`] shows it, and [`super::views::put`] draws it
//! so, so columns line up and nothing reaches the terminal as a control.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::text::escape_control;

/// Columns the text takes on screen, escaped.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(escape_control(s).as_str())
}

/// At most `max` columns, escaped; cut text ends with `…`, never splitting
/// a character.
pub fn truncate(s: &str, max: usize) -> String {
    let s = escape_control(s);
    if UnicodeWidthStr::width(s.as_str()) <= max {
        return s;
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Truncated and padded with spaces to exactly `w` columns.
pub fn fit(s: &str, w: usize) -> String {
    let mut t = truncate(s, w);
    let pad = w.saturating_sub(width(&t));
    t.extend(std::iter::repeat_n(' ', pad));
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_by_display_width() {
        assert_eq!(truncate("春季新品发布", 7), "春季新…");
        assert_eq!(width(&truncate("春季新品发布", 7)), 7);
        assert_eq!(truncate("春季新品发布", 6), "春季…");
        assert_eq!(truncate("Northwind 🎨 Studio", 11), "Northwind …");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abcd", 0), "");
        assert_eq!(fit("林美", 6), "林美  ");
        assert_eq!(width(&fit("林美 (Mei Lin)", 5)), 5);
    }

    #[test]
    fn control_characters_are_measured_and_cut_escaped() {
        assert_eq!(fit("a\u{1b}b", 12), "a\\u{1b}b    ");
        assert_eq!(width("a\u{202e}b"), "a\\u{202e}b".len());
        assert_eq!(truncate("\u{1b}[31mred", 6), "\\u{1b…");
    }
}
