//! The fast path for the common case: a `[[deliverable]]` section written in
//! the plain TOML that plan files nearly always use, read straight into a
//! [`Deliverable`] without building a TOML tree first.
//!
//! The subset: one `key = value` per line; basic strings without escapes;
//! local dates; plain whole numbers; one-line lists of such strings; blank
//! lines and comments; `\n` or `\r\n` line ends. Anything else, and any
//! section the general path would report a problem in, gets `None`: the
//! caller then reads it the general way, which says what is wrong. So a
//! section read here is exactly what the general path reads, with no
//! diagnostics (the property tests in `tests/loader_props.rs` and
//! `section_tests.rs` check this against whole-file parses).
//!
//! Which keys there are, and what type each holds, comes from the format's
//! table ([`crate::format::DELIVERABLE_KEYS`]), as for the general reader.

use jiff::civil::Date;

use super::DELIVERABLE_KEYS;
use super::rules::{self, At, DeliverableKeys, GiveUp, Raw, ValueType, value_type};
use crate::format;
use crate::model::{Deliverable, Number, Pos};

const HEADER: &str = "[[deliverable]]";

/// One value of the subset.
enum Value<'a> {
    Text(&'a str),
    Date(Date),
    Int(i64),
    List(Vec<At<&'a str>>),
}

/// A section being scanned: the text and where each line starts, for
/// positions.
struct Scan<'a> {
    text: &'a str,
    line: u32,
    line_start: usize,
    /// The last position on this line, (byte offset, column): positions
    /// are asked for in order, so each counts only what lies in between.
    last: (usize, usize),
}

impl Scan<'_> {
    /// The position of `offset`, on the current line.
    fn pos(&mut self, offset: usize) -> Pos {
        let (at, col) = self.last;
        let (from, base) = if at <= offset {
            (at, col)
        } else {
            (self.line_start, 0)
        };
        let between = &self.text[from..offset];
        // Columns count characters; keys and blanks are ASCII.
        let col = base
            + if between.is_ascii() {
                between.len()
            } else {
                between.chars().count()
            };
        self.last = (offset, col);
        Pos {
            line: self.line,
            col: col as u32 + 1,
        }
    }

    fn newline(&mut self, next: usize) {
        self.line += 1;
        self.line_start = next;
        self.last = (next, 0);
    }
}

/// The section `body` (starting with its header line) as a deliverable,
/// with positions counted from the body's first line; `None` when it is not
/// in the subset or the general path would report anything in it.
pub(super) fn quick_deliverable(body: &str) -> Option<Deliverable> {
    let b = body.as_bytes();
    if !body.starts_with(HEADER) {
        return None;
    }
    let mut scan = Scan {
        text: body,
        line: 1,
        line_start: 0,
        last: (0, 0),
    };
    let mut i = end_of_line(b, HEADER.len())?;
    let mut keys = DeliverableKeys {
        table: Pos { line: 1, col: 1 },
        values: Default::default(),
    };
    while i < b.len() {
        scan.newline(i);
        let start = skip_blanks(b, i);
        match b.get(start) {
            None => break,
            Some(b'\n' | b'\r' | b'#') => {
                i = end_of_line(b, start)?;
                continue;
            }
            _ => {}
        }
        let key_end = start + b[start..].iter().position(|&c| !is_bare_key(c))?;
        let slot = DELIVERABLE_KEYS
            .iter()
            .position(|k| k.as_bytes() == &b[start..key_end])?;
        let eq = skip_blanks(b, key_end);
        if b.get(eq) != Some(&b'=') || !matches!(keys.values[slot], Raw::Absent) {
            return None;
        }
        let at = skip_blanks(b, eq + 1);
        let pos = scan.pos(at);
        let (value, after) = match b.get(at)? {
            b'"' => string(body, at).map(|(s, end)| (Value::Text(s), end))?,
            b'[' => {
                let (items, end) = list(body, at)?;
                let items = items
                    .into_iter()
                    .map(|(value, off)| At {
                        value,
                        pos: scan.pos(off),
                    })
                    .collect();
                (Value::List(items), end)
            }
            b'0'..=b'9' => date_or_integer(body, at)?,
            _ => return None,
        };
        let ty = value_type(format::DELIVERABLE_KEYS[slot].kind);
        keys.values[slot] = raw(ty, value, pos)?;
        i = end_of_line(b, after)?;
    }
    let mut give_up = GiveUp::default();
    let read = rules::deliverable(&mut give_up, keys);
    if give_up.found {
        return None;
    }
    read.ok()
}

/// A value as the rules take it; `None` when its type is not the one the
/// format wants there (the general reader says so).
fn raw(ty: ValueType, value: Value<'_>, pos: Pos) -> Option<Raw<'_>> {
    Some(match (ty, value) {
        (ValueType::String, Value::Text(value)) => Raw::Text(At { value, pos }),
        (ValueType::Date, Value::Date(value)) => Raw::Date(At { value, pos }),
        (ValueType::Integer | ValueType::Number, Value::Int(n)) => Raw::Number(At {
            value: Number::Int(n),
            pos,
        }),
        (ValueType::Strings, Value::List(items)) => Raw::List(items),
        _ => return None,
    })
}

fn is_bare_key(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'-' || c == b'_'
}

fn skip_blanks(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    i
}

/// Just past the end of a line holding nothing more than blanks and a
/// comment from `i`; `None` if anything else is there.
fn end_of_line(b: &[u8], i: usize) -> Option<usize> {
    let mut i = skip_blanks(b, i);
    if b.get(i) == Some(&b'#') {
        // TOML allows no control character but tab in a comment.
        i += b[i..]
            .iter()
            .position(|&c| (c < 0x20 && c != b'\t') || c == 0x7f)
            .unwrap_or(b.len() - i);
    }
    match b.get(i) {
        None => Some(i),
        Some(b'\n') => Some(i + 1),
        Some(b'\r') if b.get(i + 1) == Some(&b'\n') => Some(i + 2),
        _ => None,
    }
}

/// A basic string at `at` with no escapes and no control character TOML
/// refuses: its content and the offset past its closing quote.
fn string(text: &str, at: usize) -> Option<(&str, usize)> {
    let b = text.as_bytes();
    let len = b[at + 1..]
        .iter()
        .position(|&c| c == b'"' || c == b'\\' || c < 0x20 || c == 0x7f)?;
    let end = at + 1 + len;
    if b[end] != b'"' || (len == 0 && b.get(end + 1) == Some(&b'"')) {
        // An escape, a control character, or `"""` (a multi-line string).
        return None;
    }
    // Characters plan text may not hold are the rules' to find.
    Some((&text[at + 1..end], end + 1))
}

/// A one-line list of strings at `at`: the strings with their offsets and
/// the offset past `]`.
fn list(text: &str, at: usize) -> Option<(Vec<(&str, usize)>, usize)> {
    let b = text.as_bytes();
    let mut items = Vec::new();
    let mut i = skip_blanks(b, at + 1);
    loop {
        match b.get(i)? {
            b']' => return Some((items, i + 1)),
            b'"' => {
                let (s, end) = string(text, i)?;
                items.push((s, i));
                i = skip_blanks(b, end);
                match b.get(i)? {
                    b',' => i = skip_blanks(b, i + 1),
                    b']' => return Some((items, i + 1)),
                    _ => return None,
                }
            }
            _ => return None,
        }
    }
}

/// A local date or a plain whole number at `at`, and the offset past it.
fn date_or_integer(text: &str, at: usize) -> Option<(Value<'_>, usize)> {
    match date(text, at) {
        Some((d, end)) => Some((Value::Date(d), end)),
        None => integer(text, at).map(|(n, end)| (Value::Int(n), end)),
    }
}

/// Decimal digits at `at` as TOML reads them (no leading zero, no `_`,
/// within i64), and the offset past them. What follows is left to
/// [`end_of_line`], which refuses a `.5`, an exponent or a `_`.
fn integer(text: &str, at: usize) -> Option<(i64, usize)> {
    let b = &text.as_bytes()[at..];
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || (digits > 1 && b[0] == b'0') {
        return None;
    }
    let n = b[..digits].iter().try_fold(0i64, |n, &c| {
        n.checked_mul(10)?.checked_add(i64::from(c - b'0'))
    })?;
    Some((n, at + digits))
}

/// A local date `YYYY-MM-DD` at `at` that exists, and the offset past it.
/// What follows is left to [`end_of_line`], which refuses a time after it.
fn date(text: &str, at: usize) -> Option<(Date, usize)> {
    let b = text.as_bytes().get(at..at + 10)?;
    let digits = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0i32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + i32::from(c - b'0'))
        })
    };
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let date = Date::new(
        i16::try_from(y).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(d).ok()?,
    )
    .ok()?;
    Some((date, at + 10))
}
