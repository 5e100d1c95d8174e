//! iCalendar (RFC 5545) for calendar applications that subscribe to a
//! file: all-day events, lines folded at 75 octets, CRLF line ends, text
//! escaped. The file depends only on what it is given and today, never on
//! the clock: `DTSTAMP` is midnight (UTC) of today, so a cron job that
//! refreshes it writes the same bytes until something changes.

use std::fmt::Write;

use jiff::ToSpan;
use jiff::civil::Date;

use crate::escape::is_forbidden_char;

/// A calendar: what each iCalendar export gives the writer.
pub trait Ics {
    /// The calendar's name (`X-WR-CALNAME`).
    fn name(&self) -> String;

    /// About how many events it has (the file is sized once).
    fn size_hint(&self) -> usize;

    /// Each event, in order, handed to `event`.
    fn events(&self, event: &mut dyn FnMut(&Event<'_>));
}

/// One all-day event, its text as people wrote it (the writer escapes it).
#[derive(Clone, Copy, Debug)]
pub struct Event<'a> {
    /// Stable across runs and edits: a calendar updates the event in place.
    pub uid: &'a str,
    pub date: Date,
    pub summary: &'a str,
    pub description: &'a str,
    /// `STATUS:CANCELLED` (a dropped deliverable).
    pub cancelled: bool,
}

/// Lines are folded after this many octets (RFC 5545, 3.1).
const FOLD_AT: usize = 75;

/// `calendar` as an iCalendar file, stamped with `today`.
pub fn render(calendar: &dyn Ics, today: Date) -> String {
    let mut cal = Writer::new(today, calendar.size_hint());
    cal.prop("BEGIN", "VCALENDAR");
    cal.prop("VERSION", "2.0");
    cal.prop("PRODID", "-//ringboard//ringboard//EN");
    cal.prop("CALSCALE", "GREGORIAN");
    cal.prop("METHOD", "PUBLISH");
    cal.text("X-WR-CALNAME", &calendar.name());
    // A hint to subscribers (RFC 7986 and its older spelling); the file
    // itself is as fresh as the cron job that writes it.
    cal.prop("REFRESH-INTERVAL;VALUE=DURATION", "PT1H");
    cal.prop("X-PUBLISHED-TTL", "PT1H");
    calendar.events(&mut |e| cal.event(e));
    cal.prop("END", "VCALENDAR");
    cal.out
}

/// The file being written, with a scratch line reused for every property.
struct Writer {
    out: String,
    line: String,
    /// `DTSTAMP`'s value: midnight UTC of today.
    stamp: String,
}

impl Writer {
    /// `events`: about how many events it will hold.
    fn new(today: Date, events: usize) -> Writer {
        Writer {
            // Some 450 bytes an event: one allocation for the whole file.
            out: String::with_capacity(512 * events + 1024),
            line: String::with_capacity(256),
            stamp: format!("{}T000000Z", ymd(today)),
        }
    }

    /// A property whose value is already in iCalendar form.
    fn prop(&mut self, name: &str, value: &str) {
        self.line.clear();
        self.line.push_str(name);
        self.line.push(':');
        self.line.push_str(value);
        fold_into(&mut self.out, &self.line);
    }

    /// A property of type TEXT, escaped.
    fn text(&mut self, name: &str, value: &str) {
        self.line.clear();
        self.line.push_str(name);
        self.line.push(':');
        escape_text_into(&mut self.line, value);
        fold_into(&mut self.out, &self.line);
    }

    fn event(&mut self, e: &Event<'_>) {
        self.out.push_str("BEGIN:VEVENT\r\n");
        self.text("UID", e.uid);
        self.out.push_str("DTSTAMP:");
        self.out.push_str(&self.stamp);
        self.out.push_str("\r\nDTSTART;VALUE=DATE:");
        push_ymd(&mut self.out, e.date);
        // All-day: the end is exclusive, the next day.
        self.out.push_str("\r\nDTEND;VALUE=DATE:");
        push_ymd(&mut self.out, e.date.saturating_add(1.days()));
        self.out.push_str("\r\n");
        self.text("SUMMARY", e.summary);
        // A deadline does not make anyone busy.
        self.prop("TRANSP", "TRANSPARENT");
        self.text("DESCRIPTION", e.description);
        if e.cancelled {
            self.prop("STATUS", "CANCELLED");
        }
        self.prop("END", "VEVENT");
    }
}

/// `20270120`: a DATE value.
fn ymd(d: Date) -> String {
    let mut s = String::with_capacity(8);
    push_ymd(&mut s, d);
    s
}

fn push_ymd(out: &mut String, d: Date) {
    let _ = write!(out, "{:04}{:02}{:02}", d.year(), d.month(), d.day());
}

/// Appends `line` and its CRLF, folded so that no line is longer than 75
/// octets: a fold is CRLF and a space, and never splits a UTF-8 character.
pub fn fold_into(out: &mut String, line: &str) {
    let mut rest = line;
    // The first line has 75 octets; a continuation, 74 after its space.
    let mut room = FOLD_AT;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = FOLD_AT - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

/// Appends `text` as an iCalendar TEXT value (RFC 5545, 3.3.11): `\`, `;`
/// and `,` escaped with a backslash, a line break as `\n`. Plan text holds
/// no other control characters (the parser refuses them); any that came
/// through anyway is written out as `\u{1b}`, never raw.
pub fn escape_text_into(out: &mut String, text: &str) {
    // Most text has nothing to escape: copy the runs between the
    // characters that need it. Every such character starts with an ASCII
    // byte or, for C1 controls, 0xC2: both always begin a character.
    let bytes = text.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let special = matches!(b, b'\\' | b';' | b',' | 0..=0x1F | 0x7F)
            || (b == 0xC2 && bytes.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)));
        if !special {
            i += 1;
            continue;
        }
        out.push_str(&text[copied..i]);
        let c = text[i..].chars().next().unwrap_or_default();
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            // CRLF is one line break.
            '\n' if i > 0 && bytes[i - 1] == b'\r' => {}
            '\n' | '\r' => out.push_str("\\n"),
            c => {
                debug_assert!(is_forbidden_char(c));
                for e in c.escape_unicode() {
                    match e {
                        '\\' => out.push_str("\\\\"),
                        e => out.push(e),
                    }
                }
            }
        }
        i += c.len_utf8();
        copied = i;
    }
    out.push_str(&text[copied..]);
}

/// Appends `text` percent-encoded: unreserved characters of RFC 3986 as
/// they are, every other byte of its UTF-8 as `%XX`: any text as a safe,
/// readable part of a UID.
pub fn percent_encode_into(out: &mut String, text: &str) {
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(s: &str) -> String {
        let mut out = String::new();
        escape_text_into(&mut out, s);
        out
    }

    #[test]
    fn text_escapes_backslash_semicolon_comma_and_line_breaks() {
        assert_eq!(escaped("a,b;c\\d"), "a\\,b\\;c\\\\d");
        assert_eq!(
            escaped("one\ntwo\r\nthree\rfour"),
            "one\\ntwo\\nthree\\nfour"
        );
        // A backslash before an `n` stays a backslash, not a line break.
        assert_eq!(escaped("C:\\new"), "C:\\\\new");
        assert_eq!(escaped("林美: ok"), "林美: ok");
        assert_eq!(escaped("a\u{1b}[31m"), "a\\\\u{1b}[31m");
        assert_eq!(escaped("a\u{85}b\u{7f}"), "a\\\\u{85}b\\\\u{7f}");
        assert_eq!(escaped("ünï,"), "ünï\\,");
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "发布日".repeat(20));
        fold_into(&mut out, &line);
        for physical in out.split_terminator("\r\n") {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        assert_eq!(out.replace("\r\n ", ""), format!("{line}\r\n"));
        let mut short = String::new();
        fold_into(&mut short, "VERSION:2.0");
        assert_eq!(short, "VERSION:2.0\r\n");
    }

    #[test]
    fn a_line_of_exactly_75_octets_is_not_folded() {
        let line = "X".repeat(75);
        let mut out = String::new();
        fold_into(&mut out, &line);
        assert_eq!(out, format!("{line}\r\n"));
        let mut out = String::new();
        fold_into(&mut out, &"X".repeat(76));
        assert_eq!(out, format!("{}\r\n X\r\n", "X".repeat(75)));
    }

    #[test]
    fn milestone_names_percent_encode_into_safe_uids() {
        let mut uid = String::new();
        percent_encode_into(&mut uid, "Launch day 发布日, v1.0");
        assert_eq!(uid, "Launch%20day%20%E5%8F%91%E5%B8%83%E6%97%A5%2C%20v1.0");
    }
}
