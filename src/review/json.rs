//! The JSON change objects of docs/cli.md, made from the typed changes only when
//! `diff --format json` or `log --format json` prints them.

use serde::{Serialize, Serializer};

use super::change::{Change, Detail, Facts, Kind, Value};
use crate::diag::Diagnostic;
use crate::model::Number;

/// One change as docs/cli.md prints it:
/// `{"kind", "program"?, "id"?, "field"?, "from"?, "to"?, "ring"?}`; a
/// `program-renamed` has `from` and `to` (the old and new ids) without
/// `field`. Extra keys (docs/cli.md allows them): `title`, and an added
/// deliverable's `marks`.
#[derive(Serialize)]
pub(super) struct ChangeJson<'a> {
    kind: Kind,
    #[serde(skip_serializing_if = "Option::is_none")]
    program: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    /// The item's title or name (an extra key: docs/cli.md allows them).
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<ValueJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to: Option<ValueJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ring: Option<&'static str>,
    /// An added deliverable's derived marks (`late`, `at_risk`...).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    marks: Vec<&'static str>,
}

impl<'a> From<&'a Change> for ChangeJson<'a> {
    fn from(c: &'a Change) -> ChangeJson<'a> {
        let mut out = ChangeJson {
            kind: c.kind,
            program: c.program.as_deref(),
            id: c.id.as_deref(),
            title: c.title.as_deref(),
            field: None,
            from: None,
            to: None,
            ring: None,
            marks: Vec::new(),
        };
        match &c.detail {
            Detail::Changed { field, from, to } => {
                out.field = Some(field.as_str());
                out.from = Some(ValueJson::Value(from));
                out.to = Some(ValueJson::Value(to));
            }
            Detail::Joined(ring) | Detail::Left(ring) => out.ring = Some(ring.as_str()),
            Detail::Renamed { from } => {
                out.from = Some(ValueJson::Id(from));
                out.to = out.program.map(ValueJson::Id);
            }
            Detail::Added(Facts::Deliverable { marks, .. }) => {
                out.marks = marks.counted().map(|(mark, _)| mark).collect();
            }
            // The other facts of an added item are for its sentence only.
            Detail::Added(_) | Detail::Removed => {}
        }
        out
    }
}

/// The changes as a JSON list.
pub(super) fn changes(list: &[Change]) -> Vec<ChangeJson<'_>> {
    list.iter().map(ChangeJson::from).collect()
}

/// A value as JSON: dates, statuses and rings as strings, numbers as
/// numbers, `needs` as an array, an unset value as `null`; or the id a
/// program had or has, for a rename.
enum ValueJson<'a> {
    Value(&'a Value),
    Id(&'a str),
}

impl Serialize for ValueJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let value = match self {
            ValueJson::Value(value) => value,
            ValueJson::Id(id) => return s.serialize_str(id),
        };
        match value {
            Value::None => s.serialize_none(),
            Value::Text(t) => s.serialize_str(t),
            Value::Date(d) => s.collect_str(d),
            Value::Status(st) => s.serialize_str(st.as_str()),
            Value::Number(Number::Int(i)) | Value::Int(i) => s.serialize_i64(*i),
            Value::Number(Number::Float(f)) => s.serialize_f64(*f),
            Value::Days(n) => s.serialize_u32(*n),
            Value::Ring(r) => s.serialize_str(r.as_str()),
            Value::Better(b) => s.serialize_str(b.as_str()),
            Value::List(items) => s.collect_seq(items),
        }
    }
}

/// A problem `check` reports, as `diff` lists the ones a change introduces:
/// `{"severity", "path", "line", "col", "message"}`.
#[derive(Serialize)]
pub(super) struct ProblemJson<'a> {
    severity: &'static str,
    path: &'a str,
    line: u32,
    col: u32,
    message: &'a str,
}

impl<'a> From<&'a Diagnostic> for ProblemJson<'a> {
    fn from(d: &'a Diagnostic) -> ProblemJson<'a> {
        ProblemJson {
            severity: d.severity.as_str(),
            path: &d.path,
            line: d.pos.line,
            col: d.pos.col,
            message: &d.message,
        }
    }
}
