//! The edits a deliverable takes, typed: what `ringboard set` reads from
//! `FIELD=VALUE` arguments and what the board's edit keys build directly.

use jiff::civil::Date;

use super::WriteError;
use crate::format::{self, DELIVERABLE_KEYS, Field, MAX_DAYS};
use crate::model::Status;
use crate::suggest::did_you_mean;

/// The fields `set` can change, as written in the plans: the deliverable's
/// writable keys, in the format's order.
pub const FIELDS: [&str; format::writable_count(&DELIVERABLE_KEYS)] =
    format::writable_names(&DELIVERABLE_KEYS);

/// A new date: a day, or whole days from the current value (`+7`, `-2`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateEdit {
    On(Date),
    Shift(i32),
}

impl DateEdit {
    /// The date this edit gives a field whose current value is `current`.
    pub fn resolve(self, field: Field, current: Option<Date>) -> Result<Date, WriteError> {
        match (self, current) {
            (DateEdit::On(d), _) => Ok(d),
            (DateEdit::Shift(days), Some(from)) => from
                .checked_add(crate::derive::days(i64::from(days)))
                .map_err(|_| bad(field, &format!("{days:+}"), "moves the date out of range")),
            (DateEdit::Shift(days), None) => Err(bad(
                field,
                &format!("{days:+}"),
                "there is no current date to move: give one as YYYY-MM-DD",
            )),
        }
    }
}

/// One change to one field of a deliverable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    Status(Status),
    Due(DateEdit),
    /// `None` removes the key.
    Start(Option<DateEdit>),
    /// A person id.
    Owner(String),
    Title(String),
    /// `None` removes the key.
    Note(Option<String>),
    /// Whole days of work; `None` removes the key.
    Duration(Option<u32>),
    /// Replaces the list; an empty list removes the key.
    Needs(Vec<String>),
    /// Adds one entry (`needs+=ID`).
    NeedsAdd(String),
    /// Removes one entry (`needs-=ID`).
    NeedsRemove(String),
}

impl Edit {
    /// The field this edit changes.
    pub fn field(&self) -> Field {
        match self {
            Edit::Status(_) => Field::Status,
            Edit::Due(_) => Field::Due,
            Edit::Start(_) => Field::Start,
            Edit::Owner(_) => Field::Owner,
            Edit::Title(_) => Field::Title,
            Edit::Note(_) => Field::Note,
            Edit::Duration(_) => Field::Duration,
            Edit::Needs(_) | Edit::NeedsAdd(_) | Edit::NeedsRemove(_) => Field::Needs,
        }
    }

    /// Reads `FIELD=VALUE`, `needs+=ID` or `needs-=ID`.
    pub fn parse(arg: &str) -> Result<Edit, WriteError> {
        let Some((key, value)) = arg.split_once('=') else {
            return Err(WriteError::BadEdit {
                arg: arg.to_string(),
            });
        };
        let (field, op) = match key.strip_suffix('+') {
            Some(f) => (f, Op::Add),
            None => match key.strip_suffix('-') {
                Some(f) => (f, Op::Remove),
                None => (key, Op::Set),
            },
        };
        let name = field.trim();
        let unknown = || WriteError::UnknownField {
            field: name.to_string(),
            hint: did_you_mean(name, FIELDS),
        };
        let field = DELIVERABLE_KEYS
            .iter()
            .find(|k| k.writable && k.name() == name)
            .ok_or_else(unknown)?
            .field;
        if op != Op::Set && field != Field::Needs {
            return Err(bad_field(name, value, "only `needs` takes += and -="));
        }
        let edit = match (field, op) {
            (Field::Status, _) => Edit::Status(status(value)?),
            (Field::Due, _) => Edit::Due(date(field, value)?),
            (Field::Start, _) if value.is_empty() => Edit::Start(None),
            (Field::Start, _) => Edit::Start(Some(date(field, value)?)),
            (Field::Owner, _) => Edit::Owner(required(field, value)?),
            // Blank is empty for a title, as `add` says.
            (Field::Title, _) if value.trim().is_empty() => {
                return Err(bad(field, value, "cannot be empty"));
            }
            (Field::Title, _) => Edit::Title(value.to_string()),
            (Field::Note, _) if value.is_empty() => Edit::Note(None),
            (Field::Note, _) => Edit::Note(Some(value.to_string())),
            (Field::Duration, _) if value.is_empty() => Edit::Duration(None),
            (Field::Duration, _) => Edit::Duration(Some(days(field, value)?)),
            (Field::Needs, Op::Set) => Edit::Needs(split_list(value)),
            (Field::Needs, Op::Add) => Edit::NeedsAdd(required(field, value.trim())?),
            (Field::Needs, Op::Remove) => Edit::NeedsRemove(required(field, value.trim())?),
            // A key the table calls writable that no edit writes (a test
            // below keeps this from happening).
            _ => return Err(unknown()),
        };
        Ok(edit)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    Set,
    Add,
    Remove,
}

/// `A, B,C` → `["A", "B", "C"]`: a comma-separated list, blanks dropped.
pub fn split_list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// A status by its word, with a did-you-mean.
pub fn status(value: &str) -> Result<Status, WriteError> {
    Status::parse(value).ok_or_else(|| {
        let words: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
        let why = format!(
            "not a status: use {}{}",
            words.join(", "),
            did_you_mean(value, words.iter().copied())
        );
        bad(Field::Status, value, &why)
    })
}

/// `YYYY-MM-DD`, `+N` or `-N`.
pub(super) fn date(field: Field, value: &str) -> Result<DateEdit, WriteError> {
    if let Some(sign) = value.chars().next().filter(|c| *c == '+' || *c == '-')
        && value.len() > 1
        && value[1..].bytes().all(|b| b.is_ascii_digit())
    {
        // Digits only after the sign, so the count is never negative and
        // its negation never overflows; too many days for any date.
        let Ok(n) = value[1..].parse::<i32>() else {
            return Err(bad(field, value, "moves the date out of range"));
        };
        return Ok(DateEdit::Shift(if sign == '-' { -n } else { n }));
    }
    let b = value.as_bytes();
    let shaped = b.len() == 10 && b[4] == b'-' && b[7] == b'-';
    if !shaped
        && value.len() > 10
        && value.is_char_boundary(10)
        && value[..10].parse::<Date>().is_ok()
    {
        // A date-time is refused, never cut to its date (docs/cli.md version 3).
        return Err(bad(
            field,
            value,
            "a date-time where a date belongs: write the date alone (YYYY-MM-DD)",
        ));
    }
    let parsed = if shaped {
        value.parse::<Date>().ok()
    } else {
        None
    };
    parsed.map(DateEdit::On).ok_or_else(|| {
        bad(
            field,
            value,
            "not a date: write YYYY-MM-DD (e.g. 2027-02-17), or +N / -N days",
        )
    })
}

/// A whole number of days from 0 to [`MAX_DAYS`], as the format wants a
/// `duration` (digits only: no sign, no unit).
fn days(field: Field, value: &str) -> Result<u32, WriteError> {
    value
        .parse::<u32>()
        .ok()
        .filter(|n| *n <= MAX_DAYS && value.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(|| {
            let why = format!("not a whole number of days from 0 to {MAX_DAYS} (e.g. 10)");
            bad(field, value, &why)
        })
}

fn required(field: Field, value: &str) -> Result<String, WriteError> {
    if value.is_empty() {
        return Err(bad(field, value, "cannot be empty"));
    }
    Ok(value.to_string())
}

pub(super) fn bad(field: Field, value: &str, why: &str) -> WriteError {
    bad_field(field.as_str(), value, why)
}

pub(super) fn bad_field(field: &str, value: &str, why: &str) -> WriteError {
    WriteError::BadValue {
        field: field.to_string(),
        value: value.to_string(),
        why: why.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_form() {
        assert_eq!(
            Edit::parse("status=done").unwrap(),
            Edit::Status(Status::Done)
        );
        assert_eq!(
            Edit::parse("due=+7").unwrap(),
            Edit::Due(DateEdit::Shift(7))
        );
        assert_eq!(
            Edit::parse("start=-2").unwrap(),
            Edit::Start(Some(DateEdit::Shift(-2)))
        );
        assert_eq!(
            Edit::parse("due=2027-02-17").unwrap(),
            Edit::Due(DateEdit::On(jiff::civil::date(2027, 2, 17)))
        );
        assert_eq!(Edit::parse("note=").unwrap(), Edit::Note(None));
        assert_eq!(
            Edit::parse("duration=10").unwrap(),
            Edit::Duration(Some(10))
        );
        assert_eq!(Edit::parse("duration=").unwrap(), Edit::Duration(None));
        assert_eq!(
            Edit::parse("needs=a, b/c,").unwrap(),
            Edit::Needs(vec!["a".into(), "b/c".into()])
        );
        assert_eq!(Edit::parse("needs+=x").unwrap(), Edit::NeedsAdd("x".into()));
        assert_eq!(
            Edit::parse("needs-=x").unwrap(),
            Edit::NeedsRemove("x".into())
        );
        assert_eq!(Edit::parse("title=a=b").unwrap(), Edit::Title("a=b".into()));
        for blank in ["title=", "title=   ", "title=\t "] {
            assert!(
                matches!(Edit::parse(blank), Err(WriteError::BadValue { why, .. }) if why == "cannot be empty"),
                "{blank:?}"
            );
        }
    }

    /// Every key the format calls writable is one `set` writes: a value
    /// of its kind is read as an edit of that key.
    #[test]
    fn every_writable_key_is_an_edit() {
        use crate::format::ValueKind;
        for key in DELIVERABLE_KEYS.iter().filter(|k| k.writable) {
            let value = match key.kind {
                ValueKind::Date => "2027-02-01",
                ValueKind::Status => "done",
                ValueKind::Days => "5",
                ValueKind::Id | ValueKind::IdList | ValueKind::NeedList => "mei",
                _ => "x",
            };
            let edit = Edit::parse(&format!("{}={value}", key.name()));
            assert_eq!(
                edit.map(|e| e.field()).ok(),
                Some(key.field),
                "{}",
                key.name()
            );
        }
    }

    #[test]
    fn refuses_with_a_reason() {
        let msg = |arg: &str| Edit::parse(arg).unwrap_err().to_string();
        assert!(
            msg("stauts=done").contains("did you mean `status`"),
            "{}",
            msg("stauts=done")
        );
        assert!(msg("status=dnoe").contains("did you mean `done`"));
        assert!(msg("due=2027-02-30").contains("not a date"));
        assert!(msg("due=2027-01-25T10:00").contains("date-time"));
        assert!(msg("due=2027-01-25 10:00").contains("date-time"));
        assert!(msg("due=2027-1-25").contains("not a date"));
        assert!(msg("status+=done").contains("only `needs`"));
        assert!(msg("owner=").contains("cannot be empty"));
        assert!(msg("status").contains("FIELD=VALUE"));
        for bad in ["-1", "1.5", "5d", "3651", "+5", "1000000000000", " 5"] {
            assert!(
                msg(&format!("duration={bad}")).contains("not a whole number of days"),
                "{bad}"
            );
        }
        assert!(msg("duratoin=5").contains("did you mean `duration`"));
    }
}
