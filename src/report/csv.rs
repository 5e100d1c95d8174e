//! The report as CSV for spreadsheets: one row per deliverable after a
//! header row, quoted by the `csv` crate as RFC 4180 wants (a field with a
//! comma, a quote or a line break in double quotes, quotes doubled), CRLF
//! line ends.
//!
//! The file starts with a UTF-8 byte-order mark. Excel reads a CSV without
//! one in the system's legacy code page, which turns Chinese titles into
//! mojibake; with it, Excel, LibreOffice, Numbers and Google Sheets all
//! read UTF-8. CSV readers in code (Python's `utf-8-sig`, pandas, the `csv`
//! crate) skip it.
//!
//! Text written in the plans (titles, names, notes) that a spreadsheet
//! would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
//! carriage return) is written after an apostrophe, as OWASP advises
//! against CSV injection: plans come from pull requests by people outside
//! the team, and a cell like `=HYPERLINK(...)` must stay text.

use std::borrow::Cow;

use super::View;
use crate::derive::Marks;
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
        }
    }
}

/// The columns of docs/cli.md, in order.
const COLUMNS: [Column; 15] = [
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

/// The UTF-8 byte-order mark that tells Excel the file is UTF-8.
pub const BOM: &str = "\u{feff}";

pub fn render(view: &View<'_>) -> String {
    let portfolio = &view.plans.portfolio;
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::with_capacity(1 << 16));
    // Writing to memory cannot fail: the results below are io on a Vec.
    let _ = out.write_record(HEADER);
    for (p, prog) in view.programs() {
        for (index, d) in prog.deliverables.iter().enumerate() {
            let row = Row {
                portfolio,
                prog,
                d,
                marks: view.derived.marks(DeliverableRef { program: p, index }),
            };
            let _ = out.write_record(COLUMNS.map(|c| row.cell(c)).iter().map(|c| c.as_bytes()));
        }
    }
    let bytes = out.into_inner().unwrap_or_default();
    let mut text = String::with_capacity(BOM.len() + bytes.len());
    text.push_str(BOM);
    // Every field is a &str, so the bytes are UTF-8.
    text.push_str(&String::from_utf8_lossy(&bytes));
    text
}

/// One deliverable, with what its cells need.
struct Row<'a> {
    portfolio: &'a Portfolio,
    prog: &'a Program,
    d: &'a Deliverable,
    marks: Marks,
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
        }
    }
}

/// The kind of a deliverable's key, by the format's table.
fn kind(field: Field) -> ValueKind {
    DELIVERABLE_KEYS[format::slot(&DELIVERABLE_KEYS, field)].kind
}

/// A key's value as a cell: free text guarded as [`text_cell`] says, a
/// list joined with spaces, an unset key empty.
fn key_cell(value: Value, kind: ValueKind) -> String {
    match value {
        Value::None => String::new(),
        Value::Text(s) if kind == ValueKind::Text && runs_as_formula(&s) => format!("'{s}"),
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

/// Plan text as a cell that a spreadsheet shows as text, never runs.
fn text_cell(s: &str) -> Cow<'_, str> {
    if runs_as_formula(s) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// Whether a spreadsheet would run the cell as a formula.
fn runs_as_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}
