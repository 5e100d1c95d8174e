//! The report as CSV (`report --format csv`): one row per deliverable, in
//! the columns of docs/cli.md. The format itself (quoting, the byte-order
//! mark, the guard against formulas) is [`crate::export::csv`]'s.

use std::borrow::Cow;

use super::View;
use crate::derive::Marks;
use crate::export::csv::{Csv, text_cell, text_cell_owned};
use crate::format::{self, DELIVERABLE_KEYS, Field, ValueKind};
use crate::model::{Deliverable, DeliverableRef, Portfolio, Program, Ring};
use crate::value::{Keyed, Value};

/// One column: a key of the deliverable (named, and its value read, by
/// the format's table) or something ringboard works out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Program,
    Key(Field),
    OwnerName,
    Ring,
    Late,
    DueSoon,
    Waiting,
    AtRisk,
    Forecast,
    SlipDays,
    Slipping,
}

impl Column {
    const fn name(self) -> &'static str {
        match self {
            Column::Program => "program",
            Column::Key(field) => field.as_str(),
            Column::OwnerName => "owner_name",
            Column::Ring => "ring",
            Column::Late => "late",
            Column::DueSoon => "due_soon",
            Column::Waiting => "waiting",
            Column::AtRisk => "at_risk",
            Column::Forecast => "forecast",
            Column::SlipDays => "slip_days",
            Column::Slipping => "slipping",
        }
    }
}

/// The columns of docs/cli.md, in order (version 3 adds the forecast's
/// after `at_risk`).
const COLUMNS: [Column; 18] = [
    Column::Program,
    Column::Key(Field::Id),
    Column::Key(Field::Title),
    Column::Key(Field::Owner),
    Column::OwnerName,
    Column::Ring,
    Column::Key(Field::Start),
    Column::Key(Field::Due),
    Column::Key(Field::Status),
    Column::Late,
    Column::DueSoon,
    Column::Waiting,
    Column::AtRisk,
    Column::Forecast,
    Column::SlipDays,
    Column::Slipping,
    Column::Key(Field::Needs),
    Column::Key(Field::Note),
];

/// The header row: the columns' names.
pub const HEADER: [&str; COLUMNS.len()] = {
    let mut out = [""; COLUMNS.len()];
    let mut i = 0;
    while i < COLUMNS.len() {
        out[i] = COLUMNS[i].name();
        i += 1;
    }
    out
};

/// One row per deliverable of the programs the report shows.
impl Csv for View<'_> {
    fn header(&self) -> &[&'static str] {
        &HEADER
    }

    fn rows(&self, row: &mut dyn FnMut(&[Cow<'_, str>])) {
        let portfolio = &self.plans.portfolio;
        for (p, prog) in self.programs() {
            for (index, d) in prog.deliverables.iter().enumerate() {
                let at = DeliverableRef { program: p, index };
                let cells = Row {
                    portfolio,
                    prog,
                    d,
                    marks: self.derived.marks(at),
                    forecast: self.derived.forecast_of(at).map(|f| (f.date, f.slip)),
                };
                row(&COLUMNS.map(|c| cells.cell(c)));
            }
        }
    }
}

/// One deliverable, with what its cells need.
struct Row<'a> {
    portfolio: &'a Portfolio,
    prog: &'a Program,
    d: &'a Deliverable,
    marks: Marks,
    /// Open only: the forecast and the slip in days.
    forecast: Option<(jiff::civil::Date, i32)>,
}

impl<'a> Row<'a> {
    fn cell(&self, column: Column) -> Cow<'a, str> {
        let flag = |b: bool| Cow::Borrowed(if b { "true" } else { "false" });
        match column {
            Column::Program => Cow::Borrowed(&self.prog.id),
            Column::Key(field) => Cow::Owned(key_cell(self.d.value(field), kind(field))),
            Column::OwnerName => text_cell(self.portfolio.person_name(&self.d.owner)),
            Column::Ring => Cow::Borrowed(
                self.portfolio
                    .ring_in(self.prog, &self.d.owner)
                    .map_or("", Ring::as_str),
            ),
            Column::Late => flag(self.marks.late),
            Column::DueSoon => flag(self.marks.due_soon),
            Column::Waiting => flag(self.marks.waiting),
            Column::AtRisk => flag(self.marks.at_risk),
            // Closed deliverables have arrived: no forecast, no slip.
            Column::Forecast => {
                Cow::Owned(self.forecast.map_or(String::new(), |(d, _)| d.to_string()))
            }
            Column::SlipDays => {
                Cow::Owned(self.forecast.map_or(String::new(), |(_, s)| s.to_string()))
            }
            Column::Slipping => flag(self.forecast.is_some_and(|(_, s)| s > 0)),
        }
    }
}

/// The kind of a deliverable's key, by the format's table.
fn kind(field: Field) -> ValueKind {
    DELIVERABLE_KEYS[format::slot(&DELIVERABLE_KEYS, field)].kind
}

/// A key's value as a cell: free text guarded against formulas, a list
/// joined with spaces, an unset key empty.
fn key_cell(value: Value, kind: ValueKind) -> String {
    match value {
        Value::None => String::new(),
        Value::Text(s) if kind == ValueKind::Text => text_cell_owned(s),
        Value::Text(s) => s,
        Value::Date(d) => d.to_string(),
        Value::Status(s) => s.as_str().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Int(n) => n.to_string(),
        Value::Days(n) => n.to_string(),
        Value::Ring(r) => r.as_str().to_string(),
        Value::Better(b) => b.as_str().to_string(),
        Value::List(items) => items.join(" "),
    }
}

/// `report --format csv --metrics`: one row per metric (docs/cli.md v3).
pub(super) struct Metrics<'v, 'a>(pub &'v View<'a>);

pub const METRIC_HEADER: [&str; 10] = [
    "program",
    "id",
    "name",
    "unit",
    "better",
    "target",
    "actual",
    "attainment",
    "expected",
    "behind_pace",
];

impl Csv for Metrics<'_, '_> {
    fn header(&self) -> &[&'static str] {
        &METRIC_HEADER
    }

    fn rows(&self, row: &mut dyn FnMut(&[Cow<'_, str>])) {
        let today = self.0.derived.today;
        for (_, prog) in self.0.programs() {
            for m in &prog.metrics {
                let s = crate::pace::Standing::new(m, prog, today);
                let number =
                    |x: Option<f64>| Cow::Owned(x.map_or(String::new(), |x| x.to_string()));
                let cells = [
                    Cow::Borrowed(prog.id.as_str()),
                    Cow::Borrowed(m.id.as_str()),
                    text_cell(&m.name),
                    m.unit.as_deref().map_or(Cow::Borrowed(""), text_cell),
                    Cow::Borrowed(m.better.as_str()),
                    Cow::Owned(m.target.to_string()),
                    Cow::Owned(m.actual.map_or(String::new(), |a| a.to_string())),
                    number(s.attainment),
                    number(s.expected),
                    Cow::Borrowed(match s.behind_pace {
                        Some(true) => "true",
                        Some(false) => "false",
                        None => "",
                    }),
                ];
                row(&cells);
            }
        }
    }
}
