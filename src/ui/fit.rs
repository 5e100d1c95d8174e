//! Fitting text to the board's columns: display width (CJK and emoji take
//! two columns), cutting and padding to a width, counts in words. Text from
//! plans and git may hold control characters: every function here measures
//! and cuts it as [`escape_control`] shows it, and [`super::paint::put`]
//! draws it so, so columns line up and nothing reaches the terminal as a
//! control.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::escape::escape_control;

/// Columns the text takes on screen, escaped.
pub(super) fn width(s: &str) -> usize {
    UnicodeWidthStr::width(escape_control(s).as_str())
}

/// At most `max` columns, escaped; cut text ends with `…`, never splitting
/// a character.
pub(super) fn truncate(s: &str, max: usize) -> String {
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
pub(super) fn fit(s: &str, w: usize) -> String {
    let mut t = truncate(s, w);
    let pad = w.saturating_sub(width(&t));
    t.extend(std::iter::repeat_n(' ', pad));
    t
}

/// `main` then `tail` in at most `max` columns: `main` is cut to make room,
/// so the tail (a mark such as ` [CHG]`) is never what is lost.
pub(super) fn fit_with_tail(main: &str, tail: &str, max: usize) -> String {
    let tail = truncate(tail, max);
    let room = max.saturating_sub(width(&tail));
    format!("{}{tail}", truncate(main, room))
}

/// The text in lines of at most `max` columns, escaped, broken at spaces
/// where it can; continuation lines start with `indent` spaces.
pub(super) fn wrap(s: &str, max: usize, indent: usize) -> Vec<String> {
    let s = escape_control(s);
    if max <= indent + 1 || width(&s) <= max {
        return vec![truncate(&s, max)];
    }
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in s.split_inclusive(' ') {
        // A word moves to the next line when it does not fit (its space
        // may hang past the end); a word longer than a line is broken.
        let core = width(word.trim_end());
        if used + core > max && !line.trim().is_empty() {
            lines.push(line.trim_end().to_string());
            line = " ".repeat(indent);
            used = indent;
        }
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if c == ' ' && used + cw > max {
                continue;
            }
            if used + cw > max {
                lines.push(std::mem::take(&mut line));
                line = " ".repeat(indent);
                used = indent;
            }
            line.push(c);
            used += cw;
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// A count with its noun: "1 row", "3 rows".
pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
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

    #[test]
    fn the_tail_is_kept_and_the_main_text_cut() {
        assert_eq!(
            fit_with_tail("03-01 RISK Launch email copy", " [CHG]", 20),
            "03-01 RISK La… [CHG]"
        );
        let cut = fit_with_tail("春季新品发布", " [NEW]", 10);
        assert!(width(&cut) <= 10 && cut.ends_with("… [NEW]"), "{cut}");
        assert_eq!(fit_with_tail("short", " [NEW]", 40), "short [NEW]");
    }

    #[test]
    fn wraps_at_spaces_by_display_width() {
        assert_eq!(wrap("one two three", 7, 2), ["one two", "  three"]);
        assert_eq!(wrap("abcdefghij", 4, 1), ["abcd", " efg", " hij"]);
        assert_eq!(wrap("short", 10, 2), ["short"]);
        for line in wrap("春季新品发布 Spring launch 春季新品发布", 9, 2) {
            assert!(width(&line) <= 9, "{line}");
        }
    }

    #[test]
    fn counts_agree_with_their_nouns() {
        assert_eq!(plural(1, "row", "rows"), "1 row");
        assert_eq!(plural(0, "row", "rows"), "0 rows");
        assert_eq!(plural(2, "person", "people"), "2 people");
    }
}
