//! Display-width text handling: CJK and emoji take two columns.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// At most `max` columns; cut text ends with `…`, never splitting a character.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
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
}
