//! Typed reading of one TOML table's keys, collecting every problem instead
//! of stopping at the first, and remembering which keys were used so the
//! rest can be reported as unknown.

use std::sync::Arc;

use jiff::civil::Date;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::file_problems::FileProblems;
use super::rules::{self, At, Key, Raw, ValueType, value_type};
use crate::escape::escape_control;
use crate::format::{self, ValueKind};
use crate::line_index::LineIndex;
use crate::model::{Number, Pos};
use crate::suggest::did_you_mean;

/// Where diagnostics of one file (or one section of it) go.
pub(super) struct Sink<'a> {
    pub path: Arc<str>,
    pub lines: LineIndex<'a>,
    pub diags: FileProblems,
}

impl<'a> Sink<'a> {
    pub(super) fn new(path: &Arc<str>, text: &'a str) -> Sink<'a> {
        Sink {
            path: path.clone(),
            lines: LineIndex::new(text),
            diags: FileProblems::default(),
        }
    }

    pub(super) fn pos(&self, offset: usize) -> Pos {
        self.lines.pos(offset)
    }

    /// Records an error, unless one is already recorded at the same place
    /// (a syntax error there makes a second "wrong type" error noise).
    pub(super) fn error(&mut self, offset: usize, message: impl Into<String>) {
        self.error_at(self.pos(offset), message);
    }

    pub(super) fn error_at(&mut self, pos: Pos, message: impl Into<String>) {
        self.diags.error(&self.path, pos, message);
    }

    pub(super) fn warning(&mut self, offset: usize, message: impl Into<String>) {
        let pos = self.pos(offset);
        self.diags.warning(&self.path, pos, message);
    }
}

impl rules::Problems for Sink<'_> {
    fn error(&mut self, at: Pos, message: String) {
        self.error_at(at, message);
    }

    fn warning(&mut self, at: Pos, message: String) {
        self.diags.warning(&self.path, at, message);
    }
}

pub(super) type Value<'i> = Spanned<DeValue<'i>>;

/// One table being read: `what` names it in messages (`deliverable`, `[program]`).
pub(super) struct Fields<'t, 'i> {
    table: &'t DeTable<'i>,
    at: usize,
    what: &'static str,
    allowed: &'static [&'static str],
}

impl<'t, 'i> Fields<'t, 'i> {
    pub(super) fn new(
        table: &'t DeTable<'i>,
        at: usize,
        what: &'static str,
        allowed: &'static [&'static str],
    ) -> Self {
        Fields {
            table,
            at,
            what,
            allowed,
        }
    }

    pub(super) fn get(&self, key: &str) -> Option<&'t Value<'i>> {
        self.table.get(key)
    }

    /// Warns about every key this table does not know, with a suggestion.
    pub(super) fn warn_unknown(&self, sink: &mut Sink<'_>) {
        for (key, _) in self.table.iter() {
            let k: &str = key.get_ref();
            if !self.allowed.contains(&k) {
                let hint = did_you_mean(k, self.allowed.iter().copied());
                sink.warning(
                    key.span().start,
                    format!("unknown key `{}` in {}{hint}", escape_control(k), self.what),
                );
            }
        }
    }

    /// Reports the `keys` this table lacks, all in one error at the table
    /// (a file keeps one error at a place).
    pub(super) fn require(&self, sink: &mut Sink<'_>, keys: &[&str]) {
        let missing: Vec<&str> = keys
            .iter()
            .copied()
            .filter(|k| self.get(k).is_none())
            .collect();
        if !missing.is_empty() {
            sink.error(self.at, rules::missing_keys_message(&missing, self.what));
        }
    }

    fn wrong_type(&self, sink: &mut Sink<'_>, key: &str, v: &Value<'_>, expected: &str) {
        sink.error(
            v.span().start,
            format!(
                "`{key}` must be {expected}, found {}",
                v.get_ref().type_str()
            ),
        );
    }

    /// A one-line display text (no control characters).
    pub(super) fn text(&self, sink: &mut Sink<'_>, key: &str) -> Option<(String, usize)> {
        let v = self.get(key)?;
        self.text_of(sink, key, v)
    }

    fn text_of(&self, sink: &mut Sink<'_>, key: &str, v: &Value<'_>) -> Option<(String, usize)> {
        match v.get_ref() {
            DeValue::String(s) => Some((one_line(sink, key, s, v.span().start), v.span().start)),
            _ => {
                self.wrong_type(sink, key, v, "a string");
                None
            }
        }
    }

    /// A string key as read, for the shared rules ([`rules`]) to check.
    pub(super) fn key_text(&self, sink: &mut Sink<'_>, key: &str) -> Key<&'t str> {
        let Some(v) = self.get(key) else {
            return Key::Absent;
        };
        match v.get_ref() {
            DeValue::String(s) => Key::Read(At {
                value: s.as_ref(),
                pos: sink.pos(v.span().start),
            }),
            _ => {
                self.wrong_type(sink, key, v, "a string");
                Key::Broken
            }
        }
    }

    /// A date key as read, for the shared rules to check.
    pub(super) fn key_date(&self, sink: &mut Sink<'_>, key: &str) -> Key<Date> {
        let Some(v) = self.get(key) else {
            return Key::Absent;
        };
        match self.date_of(sink, key, v) {
            Some((value, at)) => Key::Read(At {
                value,
                pos: sink.pos(at),
            }),
            None => Key::Broken,
        }
    }

    /// A key as read, of the type the format's table wants for it (the
    /// shared rules check the rest).
    pub(super) fn key(&self, sink: &mut Sink<'_>, key: &format::Key) -> Raw<'t> {
        let name = key.name();
        match value_type(key.kind) {
            ValueType::String => read(self.key_text(sink, name), Raw::Text),
            ValueType::Date => read(self.key_date(sink, name), Raw::Date),
            ValueType::Integer => match self.get(name) {
                None => Raw::Absent,
                Some(v) => self.integer_of(sink, name, key.kind, v),
            },
            ValueType::Number => match self.get(name) {
                None => Raw::Absent,
                Some(v) => match self.number_of(sink, name, v) {
                    Some(value) => Raw::Number(At {
                        value,
                        pos: sink.pos(v.span().start),
                    }),
                    None => Raw::Broken,
                },
            },
            ValueType::Strings => Raw::List(self.key_strings(sink, name)),
        }
    }

    /// An integer key of `kind`; a days key that is not a whole number in
    /// range says what it must be, whatever it holds.
    fn integer_of(
        &self,
        sink: &mut Sink<'_>,
        key: &str,
        kind: ValueKind,
        v: &Value<'_>,
    ) -> Raw<'t> {
        let at = v.span().start;
        let days = kind == ValueKind::Days;
        match v.get_ref() {
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => Raw::Number(At {
                    value: Number::Int(n),
                    pos: sink.pos(at),
                }),
                Err(_) if days => {
                    sink.error(at, rules::days_message(key, i.as_str()));
                    Raw::Broken
                }
                Err(_) => {
                    sink.error(at, format!("`{key}` is out of range"));
                    Raw::Broken
                }
            },
            _ => {
                self.wrong_type(sink, key, v, rules::expected(kind));
                Raw::Broken
            }
        }
    }

    /// The strings of a list key as read; wrong items are reported and skipped.
    pub(super) fn key_strings(&self, sink: &mut Sink<'_>, key: &str) -> Vec<At<&'t str>> {
        self.key_list(sink, key).unwrap_or_default()
    }

    /// [`Fields::key_strings`], `None` when the key is absent or not a list
    /// (reported): for a list whose absence means something else than
    /// empty.
    pub(super) fn key_list(&self, sink: &mut Sink<'_>, key: &str) -> Option<Vec<At<&'t str>>> {
        let v = self.get(key)?;
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(sink, key, v, "a list of strings");
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push(At {
                    value: s.as_ref(),
                    pos: sink.pos(item.span().start),
                }),
                _ => self.wrong_type(sink, key, item, "a string"),
            }
        }
        Some(out)
    }

    /// An id: a string matching the id rule (checked by the caller's context).
    pub(super) fn id(&self, sink: &mut Sink<'_>, key: &str, kind: &str) -> Option<(String, usize)> {
        let (s, at) = self.text(sink, key)?;
        check_id(sink, &s, at, kind);
        Some((s, at))
    }

    /// A TOML local date; a quoted date or a date-time is an error that says so.
    pub(super) fn date(&self, sink: &mut Sink<'_>, key: &str) -> Option<(Date, usize)> {
        let v = self.get(key)?;
        self.date_of(sink, key, v)
    }

    fn date_of(&self, sink: &mut Sink<'_>, key: &str, v: &Value<'_>) -> Option<(Date, usize)> {
        let at = v.span().start;
        match v.get_ref() {
            DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => {
                    match Date::new(d.year as i16, d.month as i8, d.day as i8) {
                        Ok(date) => Some((date, at)),
                        Err(_) => {
                            sink.error(at, format!("impossible date {d} in `{key}`"));
                            None
                        }
                    }
                }
                (Some(d), _, _) => {
                    sink.error(
                        at,
                        format!("`{key}` must be a date without a time: write {key} = {d}"),
                    );
                    None
                }
                _ => {
                    sink.error(
                        at,
                        format!("`{key}` must be a date like 2027-01-20, found a time"),
                    );
                    None
                }
            },
            DeValue::String(s) => {
                let s = escape_control(s);
                let hint = if s.parse::<Date>().is_ok() {
                    format!(": write {key} = {s} without quotes")
                } else {
                    String::from(" like 2027-01-20 (no quotes)")
                };
                sink.error(
                    at,
                    format!("`{key}` must be a TOML date, not the string \"{s}\"{hint}"),
                );
                None
            }
            _ => {
                self.wrong_type(sink, key, v, "a date like 2027-01-20");
                None
            }
        }
    }

    pub(super) fn integer(&self, sink: &mut Sink<'_>, key: &str) -> Option<i64> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => Some(n),
                Err(_) => {
                    sink.error(v.span().start, format!("`{key}` is out of range"));
                    None
                }
            },
            _ => {
                self.wrong_type(sink, key, v, "an integer");
                None
            }
        }
    }

    pub(super) fn number(&self, sink: &mut Sink<'_>, key: &str) -> Option<Number> {
        let v = self.get(key)?;
        self.number_of(sink, key, v)
    }

    fn number_of(&self, sink: &mut Sink<'_>, key: &str, v: &Value<'_>) -> Option<Number> {
        let at = v.span().start;
        match v.get_ref() {
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => Some(Number::Int(n)),
                Err(_) => {
                    sink.error(at, format!("`{key}` is out of range"));
                    None
                }
            },
            DeValue::Float(f) => match f.as_str().parse::<f64>() {
                Ok(x) if x.is_finite() => Some(Number::Float(x)),
                _ => {
                    sink.error(at, format!("`{key}` must be a finite number"));
                    None
                }
            },
            _ => {
                self.wrong_type(sink, key, v, "a number");
                None
            }
        }
    }

    /// A list of strings, each with its offset; wrong items are reported and skipped.
    pub(super) fn string_list(&self, sink: &mut Sink<'_>, key: &str) -> Vec<(String, usize)> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(sink, key, v, "a list of strings");
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => {
                    out.push((one_line(sink, key, s, item.span().start), item.span().start))
                }
                _ => self.wrong_type(sink, key, item, "a string"),
            }
        }
        out
    }
}

/// A key read as one type, as the rules take it.
fn read<'t, T>(key: Key<T>, made: fn(At<T>) -> Raw<'t>) -> Raw<'t> {
    match key {
        Key::Absent => Raw::Absent,
        Key::Broken => Raw::Broken,
        Key::Read(v) => made(v),
    }
}

/// [`rules::text`] for a value at a byte offset.
fn one_line(sink: &mut Sink<'_>, key: &str, s: &str, at: usize) -> String {
    let pos = sink.pos(at);
    rules::text(sink, key, At { value: s, pos }).value
}

/// [`rules::check_id`] for a value at a byte offset.
pub(super) fn check_id(sink: &mut Sink<'_>, id: &str, at: usize, kind: &str) -> bool {
    let pos = sink.pos(at);
    rules::check_id(sink, id, pos, kind)
}
