//! The rules of plan values, written once for both readers of a
//! `[[deliverable]]` table: the general reader (a TOML tree; reports every
//! problem) and the quick reader (plain sections; gives up on the first
//! problem and leaves the section to the general reader). Both hand their
//! raw values to these functions, so a rule added here holds for both by
//! construction.

use std::borrow::Cow;

use jiff::civil::Date;

use crate::escape::{escape_control, is_bidi_control, is_forbidden_char};
use crate::format::{self, DELIVERABLE_KEYS, Field, ValueKind};
use crate::model::{Better, Deliverable, Need, Number, Pos, Status};
use crate::suggest::did_you_mean;

/// Where a reader's problems go.
pub(super) trait Problems {
    fn error(&mut self, at: Pos, message: String);
    fn warning(&mut self, at: Pos, message: String);
}

/// For the quick reader: remembers that the general reader would have
/// something to say.
#[derive(Default)]
pub(super) struct GiveUp {
    pub found: bool,
}

impl Problems for GiveUp {
    fn error(&mut self, _: Pos, _: String) {
        self.found = true;
    }

    fn warning(&mut self, _: Pos, _: String) {
        self.found = true;
    }
}

/// A value as read, and where it stands.
#[derive(Clone, Copy, Debug)]
pub(super) struct At<T> {
    pub value: T,
    pub pos: Pos,
}

/// One key of a table as a reader found it.
#[derive(Clone, Copy, Debug, Default)]
pub(super) enum Key<T> {
    #[default]
    Absent,
    /// Present with a value of the wrong type, already reported by the
    /// reader (the quick reader never gets this far: it gives up).
    Broken,
    Read(At<T>),
}

impl<T> Key<T> {
    pub(super) fn read(self) -> Option<At<T>> {
        match self {
            Key::Read(v) => Some(v),
            Key::Absent | Key::Broken => None,
        }
    }
}

/// A key's value as a reader found it, of the type its kind wants
/// ([`value_type`]); what the rules then make of it is theirs.
#[derive(Debug, Default)]
pub(super) enum Raw<'a> {
    #[default]
    Absent,
    /// Present with a value of the wrong type, already reported by the
    /// reader (the quick reader never gets this far: it gives up).
    Broken,
    Text(At<&'a str>),
    Date(At<Date>),
    /// An integer or a float; always an integer for a key whose kind wants
    /// a whole number (the reader reports a float).
    Number(At<Number>),
    /// The list's strings (items of another type are the reader's to report).
    List(Vec<At<&'a str>>),
}

/// The TOML types a key's value is read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ValueType {
    String,
    Date,
    Integer,
    Number,
    Strings,
}

/// What a key of `kind` is read as; the rules check the rest (an id's
/// characters, a status word, a range).
pub(super) const fn value_type(kind: ValueKind) -> ValueType {
    match kind {
        ValueKind::Text | ValueKind::Id | ValueKind::Ring | ValueKind::Status => ValueType::String,
        ValueKind::Better => ValueType::String,
        ValueKind::Date => ValueType::Date,
        ValueKind::Integer | ValueKind::Days => ValueType::Integer,
        ValueKind::Number => ValueType::Number,
        ValueKind::IdList | ValueKind::NeedList => ValueType::Strings,
    }
}

/// A `[[deliverable]]` table's keys as read, each in its key's place in
/// [`DELIVERABLE_KEYS`]: both readers fill these slots by the table, so a
/// key added there is read by both.
pub(super) struct DeliverableKeys<'a> {
    /// Where the table starts: missing keys are reported there.
    pub table: Pos,
    pub values: [Raw<'a>; DELIVERABLE_KEYS.len()],
}

impl<'a> DeliverableKeys<'a> {
    fn take(&mut self, field: Field) -> Raw<'a> {
        std::mem::take(&mut self.values[format::slot(&DELIVERABLE_KEYS, field)])
    }

    fn text(&mut self, field: Field) -> Key<&'a str> {
        match self.take(field) {
            Raw::Text(v) => Key::Read(v),
            Raw::Absent => Key::Absent,
            _ => Key::Broken,
        }
    }

    fn date(&mut self, field: Field) -> Key<Date> {
        match self.take(field) {
            Raw::Date(v) => Key::Read(v),
            Raw::Absent => Key::Absent,
            _ => Key::Broken,
        }
    }

    fn int(&mut self, field: Field) -> Key<i64> {
        match self.take(field) {
            Raw::Number(At {
                value: Number::Int(value),
                pos,
            }) => Key::Read(At { value, pos }),
            Raw::Absent => Key::Absent,
            _ => Key::Broken,
        }
    }

    fn list(&mut self, field: Field) -> Vec<At<&'a str>> {
        match self.take(field) {
            Raw::List(v) => v,
            _ => Vec::new(),
        }
    }
}

/// A deliverable from its keys, every rule of docs/plan-format.md applied.
/// `Err(Some(id))`: left out for a missing or broken required key, but its
/// id is known (references to it are not reported a second time).
pub(super) fn deliverable(
    problems: &mut dyn Problems,
    mut keys: DeliverableKeys<'_>,
) -> Result<Deliverable, Option<String>> {
    let table = keys.table;
    // Every missing key in one error at the table: a file keeps one error
    // at a place (`FileProblems`), so one error per key would show only the
    // first.
    let missing: Vec<&str> = DELIVERABLE_KEYS
        .iter()
        .zip(&keys.values)
        .filter(|(k, v)| k.required && matches!(v, Raw::Absent))
        .map(|(k, _)| k.name())
        .collect();
    if !missing.is_empty() {
        problems.error(table, missing_keys_message(&missing, "deliverable"));
    }
    let id = keys
        .text(Field::Id)
        .read()
        .map(|v| id_text(problems, "id", v, "deliverable"));
    let title = keys
        .text(Field::Title)
        .read()
        .map(|v| text(problems, "title", v));
    let owner = keys
        .text(Field::Owner)
        .read()
        .map(|v| id_text(problems, "owner", v, "person"));
    let due = keys.date(Field::Due).read();
    let status = keys
        .text(Field::Status)
        .read()
        .map_or(Status::Todo, |v| status(problems, v));
    let needs = needs(problems, keys.list(Field::Needs));
    let note = keys
        .text(Field::Note)
        .read()
        .map(|v| text(problems, "note", v).value);
    let duration = keys
        .int(Field::Duration)
        .read()
        .and_then(|v| days(problems, "duration", v));
    let start = keys.date(Field::Start).read();
    let (Some(title), Some(owner), Some(due)) = (title, owner, due) else {
        return Err(id.map(|v| v.value));
    };
    let Some(id) = id else {
        return Err(None);
    };
    if let Some(start) = start
        && start.value > due.value
    {
        problems.error(
            start.pos,
            format!("start {} is after due {}", start.value, due.value),
        );
    }
    Ok(Deliverable {
        id: id.value,
        title: title.value,
        owner: owner.value,
        due: due.value,
        start: start.map(|s| s.value),
        status,
        needs,
        note,
        duration,
        pos: table,
        id_pos: id.pos,
        owner_pos: owner.pos,
        due_pos: due.pos,
        start_pos: start.map_or_else(Pos::default, |s| s.pos),
    })
}

/// What a whole number of days must be, for its messages.
const DAYS: &str = "a whole number of days from 0 to 3650";

/// `duration`: whole days from 0 to [`format::MAX_DAYS`]; anything else is
/// an error at the value, and the key is read as absent.
pub(super) fn days(problems: &mut dyn Problems, key: &str, v: At<i64>) -> Option<u32> {
    match u32::try_from(v.value) {
        Ok(n) if n <= format::MAX_DAYS => Some(n),
        _ => {
            problems.error(v.pos, days_message(key, &v.value.to_string()));
            None
        }
    }
}

/// The error for a days key holding `found` (a number as written, or the
/// type of what is there).
pub(super) fn days_message(key: &str, found: &str) -> String {
    format!("`{key}` must be {DAYS}, found {found}")
}

/// What a key of `kind` must hold, for the error about a value of another
/// type.
pub(super) fn expected(kind: ValueKind) -> &'static str {
    if kind == ValueKind::Days {
        return DAYS;
    }
    match value_type(kind) {
        ValueType::String => "a string",
        ValueType::Date => "a date like 2027-01-20",
        ValueType::Integer => "an integer",
        ValueType::Number => "a number",
        ValueType::Strings => "a list of strings",
    }
}

/// `better`: `higher` or `lower`; another word is an error at the value
/// that lists both, and the metric keeps the default.
pub(super) fn better(problems: &mut dyn Problems, v: At<&str>) -> Better {
    let t = printable(problems, "better", v);
    Better::parse(&t).unwrap_or_else(|| {
        let hint = did_you_mean(&t, Better::ALL.iter().map(|b| b.as_str()));
        problems.error(
            v.pos,
            format!(
                "unknown better `{}`: use higher or lower{hint}",
                escape_control(&t)
            ),
        );
        Better::default()
    })
}

/// The hand-offs of a `needs` list; bad entries are reported and left out.
pub(super) fn needs(problems: &mut dyn Problems, list: Vec<At<&str>>) -> Vec<Need> {
    list.into_iter().filter_map(|v| need(problems, v)).collect()
}

/// The error for required keys absent from a table (`what` names it): one
/// message for all of them, in the order given.
pub(super) fn missing_keys_message(keys: &[&str], what: &str) -> String {
    let list = keys
        .iter()
        .map(|k| format!("`{}`", escape_control(k)))
        .collect::<Vec<_>>()
        .join(", ");
    let s = if keys.len() == 1 { "" } else { "s" };
    format!("missing required key{s} {list} in {what}")
}

/// Display text must be one line with no control characters: an escape
/// sequence in a title must never reach anyone's terminal. The value is kept
/// with such characters written out as `\u{..}`. Bidi controls (which make
/// text read in another order than it is stored) are kept written out too,
/// with a warning: the text is otherwise valid.
pub(super) fn text(problems: &mut dyn Problems, key: &str, v: At<&str>) -> At<String> {
    At {
        value: printable(problems, key, v).into_owned(),
        pos: v.pos,
    }
}

/// [`text`] without a copy when the value is printable as it is: for
/// values that are parsed further (a status, a hand-off).
fn printable<'a>(problems: &mut dyn Problems, key: &str, v: At<&'a str>) -> Cow<'a, str> {
    let (control, bidi) = unprintable(v.value);
    if !control && !bidi {
        return Cow::Borrowed(v.value);
    }
    let shown = escape_control(v.value);
    if control {
        problems.error(
            v.pos,
            format!(
                "`{key}` contains a control character or terminal escape: \"{shown}\" (plan text must be one printable line)"
            ),
        );
    } else {
        problems.warning(
            v.pos,
            format!(
                "`{key}` contains a bidirectional control, shown written out: \"{shown}\" (it would make the text read in another order than it is written)"
            ),
        );
    }
    Cow::Owned(shown)
}

/// Whether `s` holds (a control character, a bidi control), in one pass;
/// printable ASCII, most plan text, is told by its bytes alone.
fn unprintable(s: &str) -> (bool, bool) {
    if is_printable_ascii(s.as_bytes()) {
        return (false, false);
    }
    s.chars().fold((false, false), |(control, bidi), c| {
        (control || is_forbidden_char(c), bidi || is_bidi_control(c))
    })
}

/// Every byte is printable ASCII (0x20 to 0x7E). Eight bytes at a time:
/// every text value of every plan passes here, and most are a few words.
pub(crate) fn is_printable_ascii(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut words = b.chunks_exact(8);
    for chunk in &mut words {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(chunk);
        let w = u64::from_le_bytes(bytes);
        // A byte of 0x80 or more; one below 0x20 (the subtraction borrows
        // into its high bit; a borrow only starts at such a byte); one of
        // 0x7F (zero after the xor, found the same way).
        let del = w ^ (ONES * 0x7f);
        let bad = (w & HIGH)
            | (w.wrapping_sub(ONES * 0x20) & !w & HIGH)
            | (del.wrapping_sub(ONES) & !del & HIGH);
        if bad != 0 {
            return false;
        }
    }
    words.remainder().iter().all(|c| (0x20..0x7f).contains(c))
}

/// An id-valued key: one line of text that must also follow the id rule.
pub(super) fn id_text(
    problems: &mut dyn Problems,
    key: &str,
    v: At<&str>,
    kind: &str,
) -> At<String> {
    // A valid id is printable ASCII: nothing more to look at (most ids).
    if is_valid_id(v.value) {
        return At {
            value: v.value.to_string(),
            pos: v.pos,
        };
    }
    let t = text(problems, key, v);
    check_id(problems, &t.value, t.pos, kind);
    t
}

/// The bytes an id may hold after its first: `[a-z0-9_-]`, as a table
/// (every id of every plan is checked: one load per byte).
const ID_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_';
        c += 1;
    }
    t
};

/// A character an id may hold after its first: `[a-z0-9_-]`.
pub fn is_id_char(c: char) -> bool {
    c.is_ascii() && ID_BYTE[c as usize]
}

/// Ids match `[a-z0-9][a-z0-9_-]*`, at most 64 characters.
pub fn is_valid_id(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 64
        && (b[0].is_ascii_lowercase() || b[0].is_ascii_digit())
        && b.iter().all(|&c| ID_BYTE[c as usize])
}

/// Reports an id that breaks the id rule; true when it is valid.
pub(super) fn check_id(problems: &mut dyn Problems, id: &str, at: Pos, kind: &str) -> bool {
    let ok = is_valid_id(id);
    if !ok {
        problems.error(at, bad_id_message(id, kind));
    }
    ok
}

pub(super) fn bad_id_message(id: &str, kind: &str) -> String {
    format!(
        "bad {kind} id `{}`: ids use a-z, 0-9, `-` and `_`, start with a letter or digit, and have at most 64 characters",
        escape_control(id)
    )
}

fn status(problems: &mut dyn Problems, v: At<&str>) -> Status {
    let t = printable(problems, "status", v);
    Status::parse(&t).unwrap_or_else(|| {
        let hint = did_you_mean(&t, Status::ALL.iter().map(|s| s.as_str()));
        problems.error(
            v.pos,
            format!(
                "unknown status `{}`: use one of todo, doing, review, blocked, done, dropped{hint}",
                escape_control(&t)
            ),
        );
        Status::Todo
    })
}

/// A hand-off as written (`copy` or `spring-launch/copy`) split into its
/// program and deliverable ids; `None` when either is not a valid id.
pub(super) fn split_need(raw: &str) -> Option<(Option<String>, String)> {
    let (program, id) = match raw.split_once('/') {
        Some((p, d)) => (Some(p), d),
        None => (None, raw),
    };
    let ok = program.is_none_or(is_valid_id) && is_valid_id(id);
    ok.then(|| (program.map(str::to_string), id.to_string()))
}

fn need(problems: &mut dyn Problems, v: At<&str>) -> Option<Need> {
    let raw = printable(problems, "needs", v);
    let Some((program, id)) = split_need(&raw) else {
        problems.error(
            v.pos,
            format!(
                "bad hand-off `{}` in `needs`: write a deliverable id, or program/deliverable",
                escape_control(&raw)
            ),
        );
        return None;
    };
    Some(Need {
        raw: raw.into_owned(),
        program,
        id,
        pos: v.pos,
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::is_printable_ascii;

    /// The words say the format's own bound.
    #[test]
    fn the_days_message_names_the_bound() {
        assert!(super::DAYS.ends_with(&format!(" 0 to {}", crate::format::MAX_DAYS)));
    }

    fn naive(b: &[u8]) -> bool {
        b.iter().all(|c| (0x20..0x7f).contains(c))
    }

    /// The id rule by its table agrees with the rule as written, for every
    /// byte after the first.
    #[test]
    fn the_id_table_is_the_id_rule() {
        for c in 0..=255u8 {
            let plain = c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-' || c == b'_';
            let id = [b'a', c];
            let valid = std::str::from_utf8(&id).is_ok_and(super::is_valid_id);
            assert_eq!(valid, plain, "{c:#x}");
        }
        assert!(!super::is_valid_id("-a") && !super::is_valid_id(""));
        assert!(super::is_valid_id(&"a".repeat(64)) && !super::is_valid_id(&"a".repeat(65)));
    }

    /// Each byte value at each place of a word, of the tail, and across.
    #[test]
    fn every_byte_at_every_place() {
        for len in 0..=17 {
            for at in 0..len {
                for byte in 0..=255u8 {
                    let mut b = vec![b'a'; len];
                    b[at] = byte;
                    assert_eq!(is_printable_ascii(&b), naive(&b), "{b:?}");
                }
            }
        }
    }

    proptest! {
        /// Bytes near the edges (0x1F, 0x20, 0x7E, 0x7F, 0x80) side by
        /// side, where a borrow between bytes could mislead.
        #[test]
        fn agrees_with_the_plain_rule(
            b in prop::collection::vec(
                prop::sample::select(vec![0u8, 0x1f, 0x20, 0x21, 0x41, 0x7e, 0x7f, 0x80, 0xff]),
                0..40,
            )
        ) {
            prop_assert_eq!(is_printable_ascii(&b), naive(&b));
        }
    }
}
