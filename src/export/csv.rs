//! CSV for spreadsheets: a header row, then one row per item, quoted by the
//! `csv` crate as RFC 4180 wants (a field with a comma, a quote or a line
//! break in double quotes, quotes doubled), CRLF line ends.
//!
//! The file starts with a UTF-8 byte-order mark. Excel reads a CSV without
//! one in the system's legacy code page, which turns Chinese titles into
//! mojibake; with it, Excel, LibreOffice, Numbers and Google Sheets all
//! read UTF-8. CSV readers in code (Python's `utf-8-sig`, pandas, the `csv`
//! crate) skip it.
//!
//! Text written in the plans (titles, names, notes) that a spreadsheet
//! would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
//! carriage return) is written after an apostrophe ([`text_cell`]), as
//! OWASP advises against CSV injection: plans come from pull requests by
//! people outside the team, and a cell like `=HYPERLINK(...)` must stay
//! text.

use std::borrow::Cow;

/// A table a spreadsheet opens: what each CSV export gives the writer.
pub trait Csv {
    /// The column names, in order.
    fn header(&self) -> &[&'static str];

    /// Each row's cells, in the header's order, handed to `row` one row
    /// at a time. Plan text goes through [`text_cell`].
    fn rows(&self, row: &mut dyn FnMut(&[Cow<'_, str>]));
}

/// The UTF-8 byte-order mark that tells Excel the file is UTF-8.
pub(crate) const BOM: &str = "\u{feff}";

/// `table` as a CSV file.
pub(crate) fn render(table: &dyn Csv) -> String {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::with_capacity(1 << 16));
    // Writing to memory cannot fail: the results below are io on a Vec.
    let _ = out.write_record(table.header());
    table.rows(&mut |cells| {
        let _ = out.write_record(cells.iter().map(|c| c.as_bytes()));
    });
    let bytes = out.into_inner().unwrap_or_default();
    let mut text = String::with_capacity(BOM.len() + bytes.len());
    text.push_str(BOM);
    // Every field is a &str, so the bytes are UTF-8.
    text.push_str(&String::from_utf8_lossy(&bytes));
    text
}

/// Plan text as a cell that a spreadsheet shows as text, never runs.
pub(crate) fn text_cell(s: &str) -> Cow<'_, str> {
    if runs_as_formula(s) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// [`text_cell`] for text owned already.
pub(crate) fn text_cell_owned(s: String) -> String {
    if runs_as_formula(&s) {
        format!("'{s}")
    } else {
        s
    }
}

/// Whether a spreadsheet would run the cell as a formula.
fn runs_as_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Two;

    impl Csv for Two {
        fn header(&self) -> &[&'static str] {
            &["a", "b"]
        }

        fn rows(&self, row: &mut dyn FnMut(&[Cow<'_, str>])) {
            row(&[text_cell("=1+1"), Cow::Borrowed("x, \"y\"")]);
            row(&[Cow::Owned(text_cell_owned("-2".into())), text_cell("林美")]);
        }
    }

    #[test]
    fn a_byte_order_mark_quoting_crlf_and_no_formulas() {
        assert_eq!(
            render(&Two),
            "\u{feff}a,b\r\n'=1+1,\"x, \"\"y\"\"\"\r\n'-2,林美\r\n"
        );
    }
}
