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
use crate::model::{DeliverableRef, Ring};

/// The columns of docs/cli.md, in order.
pub const HEADER: [&str; 15] = [
    "program",
    "id",
    "title",
    "owner",
    "owner_name",
    "ring",
    "start",
    "due",
    "status",
    "late",
    "due_soon",
    "waiting",
    "at_risk",
    "needs",
    "note",
];

/// The UTF-8 byte-order mark that tells Excel the file is UTF-8.
pub const BOM: &str = "\u{feff}";

pub fn render(view: &View<'_>) -> String {
    let portfolio = &view.plans.portfolio;
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::with_capacity(1 << 16));
    // Writing to memory cannot fail: the results below are io on a Vec.
    let _ = out.write_record(HEADER);
    let flag = |b: bool| if b { "true" } else { "false" };
    for (p, prog) in view.programs() {
        for (index, d) in prog.deliverables.iter().enumerate() {
            let marks = view.derived.marks(DeliverableRef { program: p, index });
            let start = d.start.map(|s| s.to_string()).unwrap_or_default();
            let due = d.due.to_string();
            let needs = d
                .needs
                .iter()
                .map(|n| n.raw.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let _ = out.write_record([
                prog.id.as_str(),
                &d.id,
                &text_cell(&d.title),
                &d.owner,
                &text_cell(portfolio.person_name(&d.owner)),
                portfolio.ring_in(prog, &d.owner).map_or("", Ring::as_str),
                &start,
                &due,
                d.status.as_str(),
                flag(marks.late),
                flag(marks.due_soon),
                flag(marks.waiting),
                flag(marks.at_risk),
                &needs,
                &text_cell(d.note.as_deref().unwrap_or("")),
            ]);
        }
    }
    let bytes = out.into_inner().unwrap_or_default();
    let mut text = String::with_capacity(BOM.len() + bytes.len());
    text.push_str(BOM);
    // Every field is a &str, so the bytes are UTF-8.
    text.push_str(&String::from_utf8_lossy(&bytes));
    text
}

/// Plan text as a cell that a spreadsheet shows as text, never runs.
fn text_cell(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}
