//! `ringboard export ics`: deadlines and milestones as an iCalendar file
//! (RFC 5545) that calendar applications subscribe to.
//!
//! One all-day event per open deliverable on its due date (`all`: done and
//! dropped too) and one per milestone. The output depends only on the plans
//! and today, never on the clock: `DTSTAMP` is midnight (UTC) of today, and
//! every `UID` is made of ids, so a cron job that refreshes the file writes
//! the same bytes until something changes, and a calendar updates an event
//! in place when its deadline moves.
//!
//! - Deliverable UIDs are `PROGRAM.DELIVERABLE@ringboard`.
//! - Milestone UIDs are `PROGRAM.milestone.NAME@ringboard` with the name
//!   percent-encoded (RFC 3986: every byte but `A-Z a-z 0-9 - . _ ~` as
//!   `%XX`), so any name gives a safe, readable UID; a second milestone of
//!   the same name in a program gets `~2`, a third `~3`. Ids have no `.`,
//!   so the two kinds never meet.

use std::fmt::Write;

use jiff::ToSpan;
use jiff::civil::Date;

use crate::derive::{Derived, mark_words};
use crate::model::{DeliverableRef, Milestone, Portfolio, Program, Status};
use crate::team::members;
use crate::text::is_forbidden_char;
use crate::unknown::{self, UnknownName};

/// What to export.
#[derive(Clone, Debug, Default)]
pub struct IcsOptions {
    /// Only this person's deliverables, and the milestones of the programs
    /// they work on.
    pub person: Option<String>,
    /// Only this program.
    pub program: Option<String>,
    /// Done and dropped deliverables too.
    pub all: bool,
}

/// Lines are folded after this many octets (RFC 5545, 3.1).
const FOLD_AT: usize = 75;

/// The calendar of `portfolio` for `today`.
pub fn render(
    portfolio: &Portfolio,
    today: Date,
    opts: &IcsOptions,
) -> Result<String, UnknownName> {
    if let Some(id) = &opts.program {
        unknown::program(portfolio, "--program", id)?;
    }
    if let Some(id) = &opts.person {
        unknown::person(portfolio, "--person", id)?;
    }
    let derived = Derived::new(portfolio, today);
    let events = portfolio.deliverable_count()
        + portfolio
            .programs
            .iter()
            .map(|p| p.milestones.len())
            .sum::<usize>();
    let mut cal = Calendar::new(today, events);
    cal.prop("BEGIN", "VCALENDAR");
    cal.prop("VERSION", "2.0");
    cal.prop("PRODID", "-//ringboard//ringboard//EN");
    cal.prop("CALSCALE", "GREGORIAN");
    cal.prop("METHOD", "PUBLISH");
    cal.text("X-WR-CALNAME", &calendar_name(portfolio, opts));
    // A hint to subscribers (RFC 7986 and its older spelling); the file
    // itself is as fresh as the cron job that writes it.
    cal.prop("REFRESH-INTERVAL;VALUE=DURATION", "PT1H");
    cal.prop("X-PUBLISHED-TTL", "PT1H");
    for p in portfolio.programs_by_priority() {
        let prog = &portfolio.programs[p];
        if opts.program.as_deref().is_some_and(|id| prog.id != id) {
            continue;
        }
        if opts
            .person
            .as_deref()
            .is_none_or(|person| works_on(portfolio, prog, person))
        {
            for (m, nth) in with_occurrence(&prog.milestones) {
                cal.milestone(prog, m, nth);
            }
        }
        for (index, d) in prog.deliverables.iter().enumerate() {
            let mine = opts.person.as_deref().is_none_or(|id| d.owner == id);
            if mine && (opts.all || d.status.is_open()) {
                cal.deliverable(portfolio, &derived, DeliverableRef { program: p, index });
            }
        }
    }
    cal.prop("END", "VCALENDAR");
    Ok(cal.out)
}

/// `ringboard`, `ringboard: Ana Souza`, `ringboard: spring-launch`.
fn calendar_name(portfolio: &Portfolio, opts: &IcsOptions) -> String {
    let mut name = String::from("ringboard");
    let parts: Vec<&str> = [
        opts.person.as_deref().map(|id| portfolio.person_name(id)),
        opts.program.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !parts.is_empty() {
        name.push_str(": ");
        name.push_str(&parts.join(", "));
    }
    name
}

/// Whether `person` is on the program: in its team, strategist, lead, or
/// the owner of one of its deliverables or metrics.
fn works_on(portfolio: &Portfolio, prog: &Program, person: &str) -> bool {
    members(portfolio, prog).iter().any(|m| m.id == person)
}

/// Each milestone with how many of the same name came before it, plus one.
fn with_occurrence(milestones: &[Milestone]) -> Vec<(&Milestone, usize)> {
    milestones
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let nth = 1 + milestones[..i].iter().filter(|o| o.name == m.name).count();
            (m, nth)
        })
        .collect()
}

/// The file being written, with a scratch line reused for every property.
struct Calendar {
    out: String,
    line: String,
    /// `DTSTAMP`'s value: midnight UTC of today.
    stamp: String,
}

impl Calendar {
    /// `events`: about how many events it will hold.
    fn new(today: Date, events: usize) -> Calendar {
        Calendar {
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

    /// The properties every event has, after `BEGIN:VEVENT`.
    fn event_start(&mut self, uid: &str, date: Date, summary: &str) {
        self.out.push_str("BEGIN:VEVENT\r\n");
        self.text("UID", uid);
        self.out.push_str("DTSTAMP:");
        self.out.push_str(&self.stamp);
        self.out.push_str("\r\nDTSTART;VALUE=DATE:");
        push_ymd(&mut self.out, date);
        // All-day: the end is exclusive, the next day.
        self.out.push_str("\r\nDTEND;VALUE=DATE:");
        push_ymd(&mut self.out, date.saturating_add(1.days()));
        self.out.push_str("\r\n");
        self.text("SUMMARY", summary);
        // A deadline does not make anyone busy.
        self.prop("TRANSP", "TRANSPARENT");
    }

    fn milestone(&mut self, prog: &Program, m: &Milestone, nth: usize) {
        let mut uid = format!("{}.milestone.", prog.id);
        percent_encode_into(&mut uid, &m.name);
        if nth > 1 {
            let _ = write!(uid, "~{nth}");
        }
        uid.push_str("@ringboard");
        let summary = format!("[{}] Milestone: {}", prog.id, m.name);
        self.event_start(&uid, m.date, &summary);
        let description = format!("Milestone of {} ({})", prog.name, prog.id);
        self.text("DESCRIPTION", &description);
        self.prop("END", "VEVENT");
    }

    fn deliverable(&mut self, portfolio: &Portfolio, derived: &Derived, r: DeliverableRef) {
        let prog = &portfolio.programs[r.program];
        let d = &prog.deliverables[r.index];
        let owner = portfolio.person_name(&d.owner);
        let uid = format!("{}.{}@ringboard", prog.id, d.id);
        let summary = format!("[{}] {} ({owner})", prog.id, d.title);
        self.event_start(&uid, d.due, &summary);

        let marks = derived.marks(r);
        let mut description = format!("Status: {}", d.status);
        let words = mark_words(&marks);
        if !words.is_empty() {
            let _ = write!(description, "\nMarks: {}", words.join(", "));
        }
        if !d.needs.is_empty() {
            let needs: Vec<&str> = d.needs.iter().map(|n| n.raw.as_str()).collect();
            let _ = write!(description, "\nNeeds: {}", needs.join(", "));
        }
        let graph = &derived.graph;
        for &j in &graph.needs[graph.index(r)] {
            if derived.marks[j].open {
                let up = graph.deliverable(j);
                let u = portfolio.deliverable(up);
                let _ = write!(
                    description,
                    "\nWaiting on: {}/{} \"{}\" from {} ({}, due {})",
                    portfolio.programs[up.program].id,
                    u.id,
                    u.title,
                    portfolio.person_name(&u.owner),
                    u.status,
                    u.due
                );
            }
        }
        if let Some(note) = &d.note {
            let _ = write!(description, "\nNote: {note}");
        }
        let _ = write!(
            description,
            "\nOwner: {owner} ({})\nProgram: {} ({})",
            d.owner, prog.name, prog.id
        );
        self.text("DESCRIPTION", &description);
        if d.status == Status::Dropped {
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
/// they are, every other byte of its UTF-8 as `%XX`.
fn percent_encode_into(out: &mut String, text: &str) {
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
